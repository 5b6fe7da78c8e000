package io.kappa.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single-node Kafka in KRaft mode (broker and controller in one JVM), from the kafka_2.13 jars. */
public class KafkaBroker extends ManagedServer {

    public KafkaBroker(StackConfig config) {
        super(config, "kafka");
    }

    @Override
    public int port() {
        return config.kafkaPort();
    }

    @Override
    protected String portOption() {
        return "--kafka-port";
    }

    @Override
    public String describe() {
        return "Kafka broker on " + config.bootstrapServers();
    }

    private Path properties() {
        return dir().resolve("server.properties");
    }

    @Override
    protected void prepare() {
        if (Ports.answers(config.kafkaControllerPort())) {
            throw new StackException("port " + config.kafkaControllerPort() + " (Kafka controller) is already in use "
                    + "by another process: stop it, or choose another port with --kafka-controller-port");
        }
        List<String> listeners = config.security() != null
                ? config.security().kafkaServerProperties(config.kafkaPort(), config.kafkaControllerPort())
                : List.of(
                        "listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort() + ",CONTROLLER://127.0.0.1:"
                                + config.kafkaControllerPort(),
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort(),
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        write(properties(), String.join("\n", listeners) + "\n" + String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + config.kafkaControllerPort(),
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + dir().resolve("data"),
                "num.partitions=2",
                "auto.create.topics.enable=false",
                // Kafka is the source of truth that a replay recomputes from: keep every record
                "log.retention.ms=-1",
                // lines up to 4 MiB can be produced, so that the job's own limit (--max-line-bytes) is what rejects them
                "message.max.bytes=4194304",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") );
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
                    List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties().toString(),
                            "--ignore-formatted")), dir(), 120);
        }
    }

    private List<String> jvmArgs(String heap) {
        return List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir().resolve("log4j2.properties"),
                "-Dkafka.logs.dir=" + dir().resolve("logs"));
    }

    @Override
    protected List<String> command() {
        return ChildJvm.command(jvmArgs("512m"), ChildJvm.classpath(config.lib("kafka")), "kafka.Kafka",
                List.of(properties().toString()));
    }

    @Override
    protected boolean ready() {
        if (!Ports.answers(config.kafkaPort())) {
            return false;
        }
        Properties p = new Properties();
        p.putAll(config.kafkaClientProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(p)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
