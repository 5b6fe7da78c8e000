package io.kappa.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import io.kappa.kafka.KafkaReplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in KRaft mode, broker and controller in one JVM, from the kafka_2.13 jars. Broker k (from 1) is node
 * {@code k} on 127.0.0.k with the stack's two Kafka ports; the brokers of a stack form one quorum, every one of them
 * a voter, and are launched together (a quorum of three elects no leader with one voter up).
 */
public class KafkaBroker extends ManagedServer {
    private final int node;

    public KafkaBroker(StackConfig config, int node) {
        super(config, node == 1 ? "kafka" : "kafka-" + node);
        this.node = node;
    }

    @Override
    public int port() {
        return config.kafkaPort();
    }

    @Override
    public String address() {
        return StackConfig.nodeAddress(node);
    }

    private String listener() {
        return address() + ":" + config.kafkaPort();
    }

    @Override
    protected String portOption() {
        return "--kafka-port";
    }

    @Override
    public String describe() {
        return "Kafka broker" + (node == 1 ? "" : " " + node) + " on " + listener();
    }

    private Path properties() {
        return dir().resolve("server.properties");
    }

    @Override
    protected void prepare() {
        Ports.requireFree(address(), config.kafkaControllerPort(), "Kafka controller", "--kafka-controller-port");
        write(properties(), String.join("\n", serverProperties()) + "\n");
        write(dir().resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=[%d] %p %m (%c)%n",
                "logger.kafka.name=kafka",
                "logger.kafka.level=WARN",
                "logger.apache.name=org.apache.kafka",
                "logger.apache.level=WARN",
                "logger.started.name=kafka.server.KafkaRaftServer",
                "logger.started.level=INFO",
                ""));
        if (!Files.exists(dir().resolve("data").resolve("meta.properties"))) {
            ChildJvm.run(ChildJvm.command(jvmArgs("256m"), ChildJvm.classpath(config.lib("kafka")),
                    "kafka.tools.StorageTool",
                    List.of("format", "-t", clusterId(), "-c", properties().toString(), "--ignore-formatted")), dir(), 120);
        }
    }

    /** server.properties: this node of the stack's quorum, internal topics replicated as {@link KafkaReplication} says. */
    List<String> serverProperties() {
        int brokers = config.shape().brokers();
        short replication = KafkaReplication.factorFor(brokers);
        String minIsr = Integer.toString(KafkaReplication.minInSyncReplicas(replication));
        List<String> lines = new ArrayList<>(config.security() != null
                ? config.security().kafkaServerProperties(config.kafkaPort(), config.kafkaControllerPort())
                : List.of(
                        "listeners=PLAINTEXT://" + listener() + ",CONTROLLER://" + address() + ":"
                                + config.kafkaControllerPort(),
                        "advertised.listeners=PLAINTEXT://" + listener(),
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"));
        lines.addAll(List.of(
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + IntStream.rangeClosed(1, brokers)
                        .mapToObj(k -> k + "@" + StackConfig.nodeAddress(k) + ":" + config.kafkaControllerPort())
                        .collect(Collectors.joining(",")),
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + dir().resolve("data"),
                "num.partitions=2",
                "auto.create.topics.enable=false",
                // Kafka is the source of truth that a replay recomputes from: keep every record
                "log.retention.ms=-1",
                // lines up to 4 MiB can be produced, so that the job's own limit (--max-line-bytes) is what rejects them
                "message.max.bytes=4194304",
                "offsets.topic.replication.factor=" + replication,
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + minIsr,
                "share.coordinator.state.topic.replication.factor=" + replication,
                "share.coordinator.state.topic.min.isr=" + minIsr,
                "group.initial.rebalance.delay.ms=0"));
        return lines;
    }

    /** The one cluster id every broker of the stack is formatted with (kept in the state folder). */
    private String clusterId() {
        Path file = config.stateDir().resolve("kafka-cluster-id");
        try {
            if (!Files.exists(file)) {
                write(file, Uuid.randomUuid().toString());
            }
            return Files.readString(file).trim();
        } catch (java.io.IOException e) {
            throw new StackException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private List<String> jvmArgs(String heap) {
        return List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir().resolve("log4j2.properties"),
                "-Dkafka.logs.dir=" + dir().resolve("logs"));
    }

    @Override
    protected List<String> command() {
        // one broker alone keeps the heap it always had; a quorum of several shares the machine (docs/scaling.md)
        return ChildJvm.command(jvmArgs(config.shape().brokers() == 1 ? "512m" : "384m"),
                ChildJvm.classpath(config.lib("kafka")), "kafka.Kafka",
                List.of(properties().toString()));
    }

    /** Ready when the broker itself answers, as a registered member of the cluster. */
    @Override
    protected boolean ready() {
        if (!Ports.answers(address(), config.kafkaPort())) {
            return false;
        }
        Properties p = new Properties();
        p.putAll(config.kafkaClientProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listener());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(p)) {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == node);
        } catch (Exception e) {
            return false;
        }
    }
}
