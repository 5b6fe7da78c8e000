package io.kappa.e2e;

import io.kappa.cli.ConsumeCommand;
import io.kappa.cli.Connections;
import io.kappa.stack.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import io.kappa.stack.LocalStack;
import io.kappa.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker and a real Cassandra node, started by the test run itself as child JVMs on free ports
 * and in a temporary folder (never the ports or folders of a stack a user left running), stopped afterwards.
 */
public class RealStack implements BeforeAllCallback, AfterAllCallback {
    private final boolean withFlinkSession;
    private LocalStack stack;

    /** Kafka and Cassandra only: the job runs on the test's MiniCluster. */
    public RealStack() {
        this(false);
    }

    /** @param withFlinkSession also a Flink session cluster (JobManager + TaskManager JVMs), as bin/kappa up starts */
    public RealStack(boolean withFlinkSession) {
        this(withFlinkSession, false);
    }

    private final boolean secured;

    private RealStack(boolean withFlinkSession, boolean secured) {
        this.withFlinkSession = withFlinkSession;
        this.secured = secured;
    }

    /** Kafka with SASL_SSL, Cassandra with passwords and TLS, and a Flink session cluster (see StackSecurity). */
    public static RealStack secured() {
        return new RealStack(true, true);
    }

    public LocalStack stack() {
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path home = Path.of(System.getProperty("kappa.home", "..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("kappa-e2e-");
        StackConfig config = StackConfig.forTests(home, state);
        stack = new LocalStack(secured ? config.secured() : config);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        long start = System.nanoTime();
        if (withFlinkSession) {
            stack.up(System.out);
        } else {
            stack.upKafkaAndCassandra(System.out);
        }
        System.out.printf("real stack up in %.1f s (state in %s)%n", (System.nanoTime() - start) / 1e9, state);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
        }
    }

    public StackConfig config() {
        return stack.config();
    }

    public String bootstrapServers() {
        return stack.config().bootstrapServers();
    }

    public int cassandraPort() {
        return stack.config().cassandraPort();
    }

    /** Reads a topic from the beginning until it holds at least {@code count} records (deadline: one minute). */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, long count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = ConsumeCommand.fromTheStart(connections(), topic)) {
            Deadline.await(count + " records in " + topic, Duration.ofMinutes(1), () -> {
                // read all that is there before the deadline's next look: one poll returns at most 500 records
                int n;
                do {
                    int before = records.size();
                    c.poll(Duration.ofMillis(200)).forEach(records::add);
                    n = records.size() - before;
                } while (n > 0 && records.size() < count);
                return records.size() >= count;
            });
        }
        return records;
    }

    /** Checks the job's preconditions (as its main does) and starts it on the test's MiniCluster, parallelism 2. */
    public static org.apache.flink.core.execution.JobClient startJob(io.kappa.job.JobOptions o,
            org.apache.flink.configuration.Configuration conf) throws Exception {
        io.kappa.job.KappaJob.preflight(o);
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        io.kappa.job.KappaJob.build(env, o);
        return env.executeAsync(o.jobName());
    }

    /** Runs a bounded job (a replay) to its end on the test's MiniCluster. */
    public static void runJob(io.kappa.job.JobOptions o) throws Exception {
        startJob(o, new org.apache.flink.configuration.Configuration()).getJobExecutionResult().get();
    }

    /** A producer of raw records, as `bin/kappa produce` makes it. */
    public org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer() {
        return io.kappa.cli.ProduceCommand.producer(connections());
    }

    /** Connection settings as the CLI takes them. */
    public Connections connections() {
        Connections c = new Connections();
        c.bootstrapServers = bootstrapServers();
        c.cassandraHosts = "127.0.0.1";
        c.cassandraPort = cassandraPort();
        c.environment = java.util.Map.of();
        if (secured) {
            c.kafkaPropertiesFile = stack.config().security().kafkaClientFile();
            c.cassandraPropertiesFile = stack.config().security().cassandraClientFile();
        }
        return c;
    }
}
