package io.kappa.e2e;

import io.kappa.cli.Connections;
import io.kappa.client.Deadline;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Producers;
import io.kappa.client.kafka.TopicReader;
import io.kappa.client.kafka.Topics;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.kafka.KafkaReplication;
import io.kappa.stack.LocalStack;
import io.kappa.stack.StackConfig;
import io.kappa.stack.StackShape;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker, a real Cassandra node and a Flink session cluster (JobManager and TaskManager JVMs), started by
 * the test run itself as child JVMs on free ports and in a temporary folder (never the ports or folders of a stack a
 * user left running), and stopped afterwards. The one set-up every end-to-end test uses:
 * <ul>
 *   <li>{@link #shared()}: one stack for every test class of the run that only adds its own topics, keyspaces and
 *       jobs (each class uses its own names); started by the first class that needs it, stopped at the end of the
 *       run. Jobs a previous class left on the session cluster are cancelled before the next class starts.</li>
 *   <li>{@link #disposable()}: a second run-wide stack for the tests that kill servers or measure them
 *       ({@code FaultsIT}, {@code DifferentialIT}, {@code SoakIT}), which run last;</li>
 *   <li>{@link #dedicated()}: a stack of the class's own;</li>
 *   <li>{@link #secured()}: a dedicated stack with SASL_SSL Kafka and password+TLS Cassandra;</li>
 *   <li>{@link #cluster}: a dedicated stack of several brokers, Cassandra nodes and TaskManagers ({@code ClusterIT}).</li>
 * </ul>
 * Every wait in the tests goes through {@link Deadline} or {@link #await}, each with a deadline and a description
 * of what it waited for.
 */
public class RealStack implements BeforeAllCallback, AfterAllCallback {
    private enum Kind { SHARED, DISPOSABLE, DEDICATED, SECURED }

    private final Kind kind;
    private final StackShape shape;
    private LocalStack stack;
    /** Whether {@link #replaceTaskManager} killed a TaskManager since the Flink cluster last started. */
    private volatile boolean taskManagerKilled;

    private RealStack(Kind kind, StackShape shape) {
        this.kind = kind;
        this.shape = shape;
    }

    /** The run's shared stack (Kafka, Cassandra, Flink session cluster). */
    public static RealStack shared() {
        return new RealStack(Kind.SHARED, StackShape.ONE);
    }

    /**
     * The run's second shared stack, for tests that stop, kill or measure its servers ({@code FaultsIT},
     * {@code DifferentialIT}, {@code SoakIT}): apart from the friendly one, so a server a fault test left down harms
     * no other test, and started once rather than once per class. Those classes run last (their {@code @Order}, with
     * {@code junit.jupiter.testclass.order.default} in junit-platform.properties).
     */
    public static RealStack disposable() {
        return new RealStack(Kind.DISPOSABLE, StackShape.ONE);
    }

    /** A stack of the test class's own. */
    public static RealStack dedicated() {
        return new RealStack(Kind.DEDICATED, StackShape.ONE);
    }

    /** A stack of its own with Kafka on SASL_SSL and Cassandra with passwords and TLS (see StackSecurity). */
    public static RealStack secured() {
        return new RealStack(Kind.SECURED, StackShape.ONE);
    }

    /** A stack of its own with this many brokers (one KRaft quorum), Cassandra nodes (one ring) and TaskManagers. */
    public static RealStack cluster(int brokers, int cassandraNodes, int taskManagers) {
        return new RealStack(Kind.DEDICATED, new StackShape(brokers, cassandraNodes, taskManagers));
    }

    public LocalStack stack() {
        return stack;
    }

    /** Closes the shared stack when the whole run ends (JUnit closes the root store's resources last). */
    private record SharedStack(LocalStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (kind == Kind.SHARED || kind == Kind.DISPOSABLE) {
            stack = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent("kappa-stack-" + kind, k -> new SharedStack(start(false, shape)), SharedStack.class)
                    .stack();
            cancelJobsLeftRunning();
        } else {
            stack = start(kind == Kind.SECURED, shape);
        }
    }

    private static LocalStack start(boolean secured, StackShape shape) {
        try {
            Path home = Path.of(System.getProperty("kappa.home", "..")).toAbsolutePath().normalize();
            Path state = Files.createTempDirectory("kappa-e2e-");
            StackConfig config = StackConfig.forTests(home, state, shape);
            LocalStack stack = new LocalStack(secured ? config.secured() : config);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            long start = System.nanoTime();
            stack.up(new PrintWriter(System.out, true));
            System.out.printf("real stack up in %.1f s (state in %s)%n", (System.nanoTime() - start) / 1e9, state);
            return stack;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot make a temporary folder for the stack", e);
        }
    }

    /** A clean session cluster for the next class: what an earlier class left running is cancelled. */
    private void cancelJobsLeftRunning() {
        JobRunner runner = runner();
        for (FlinkRest.Job job : runner.jobs()) {
            if (!JobRunner.ENDED.contains(job.state())) {
                System.out.println("cancelling " + job.name() + " (" + job.id() + "), left running by an earlier test");
                runner.cancelAndWait(job.id(), Duration.ofMinutes(1));
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if ((kind == Kind.DEDICATED || kind == Kind.SECURED) && stack != null) {
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

    /** Every Cassandra node's address: the contact points. */
    public String cassandraHosts() {
        return stack.config().cassandraHosts();
    }

    /** The shaded job jar the build made. */
    public Path jobJar() {
        return config().home().resolve("job/target/kappa-job.jar");
    }

    /** The session cluster's REST API, through the client's job runner. */
    public JobRunner runner() {
        return new JobRunner(config().flinkRestUrl());
    }

    /**
     * Kills the TaskManager with {@code kill -9}, waits until it is gone, and starts a new one, as a supervisor (systemd,
     * Kubernetes) would; {@code meanwhile} runs between the two (what happens while no TaskManager runs).
     */
    public void replaceTaskManager(Runnable meanwhile) {
        io.kappa.stack.ManagedServer tm = stack().server("flink-taskmanager");
        ProcessHandle killed = tm.process().orElseThrow(() -> new AssertionError("no TaskManager runs to kill"));
        taskManagerKilled = true;
        killed.destroyForcibly();
        Deadline.await("the TaskManager (pid " + killed.pid() + ") to be gone", Duration.ofSeconds(30),
                () -> !killed.isAlive() && !tm.isRunning());
        meanwhile.run();
        if (!tm.start(Duration.ofMinutes(2))) {
            throw new AssertionError("no new TaskManager started after the kill: one was already running");
        }
    }

    /**
     * Every TaskManager of the stack running and no job left running: a test that failed half-way must not leave the
     * next ones without a TaskManager, or with its jobs holding the task slots.
     */
    public void aTaskManagerAndNoJob() {
        stack().servers().stream().filter(s -> s.name().startsWith("flink-taskmanager"))
                .forEach(tm -> tm.start(Duration.ofMinutes(2)));
        FlinkRest rest = runner().rest();
        List<String> left = rest.jobs().stream().filter(j -> !JobRunner.ENDED.contains(j.state()))
                .map(FlinkRest.Job::id).toList();
        left.forEach(rest::cancel);
        Deadline.await("the jobs left running (" + left + ") cancelled", Duration.ofMinutes(2),
                () -> rest.jobs().stream().allMatch(j -> JobRunner.ENDED.contains(j.state())));
    }

    /**
     * A fresh Flink session cluster on this stack's Kafka and Cassandra: its TaskManagers and JobManager stopped and
     * started again, so no job is left running and no task slot held by a test that failed half-way. The JobManager
     * too: after some TaskManager kills (not every time), the JobManager of Flink 1.20.5 here stopped fetching the new
     * TaskManagers' metrics: its REST API answered {@code []} for every task and TaskManager metric from then on, jobs
     * and checkpoints unaffected, and the tests that wait on metrics (source offsets, records read, watermarks) waited
     * for ever. Restarted only if {@link #replaceTaskManager} killed a TaskManager since the cluster's last start;
     * otherwise as {@link #aTaskManagerAndNoJob}.
     */
    public void freshFlinkCluster() {
        if (!taskManagerKilled) { // the fault comes only after a kill: a cluster without one needs only no job left
            aTaskManagerAndNoJob();
            return;
        }
        List<io.kappa.stack.ManagedServer> flink = stack().servers().stream()
                .filter(s -> s.name().startsWith("flink-")).toList();
        List<io.kappa.stack.ManagedServer> taskManagers = flink.stream()
                .filter(s -> s.name().startsWith("flink-taskmanager")).toList();
        taskManagers.forEach(io.kappa.stack.ManagedServer::stop);
        flink.stream().filter(s -> !taskManagers.contains(s)).forEach(jm -> {
            jm.stop();
            jm.start(Duration.ofMinutes(2));
        });
        taskManagers.forEach(tm -> tm.start(Duration.ofMinutes(2)));
        FlinkRest rest = runner().rest();
        Deadline.await("every TaskManager registered with the new JobManager", Duration.ofMinutes(2),
                () -> rest.taskManagerIds().size() == taskManagers.size());
        taskManagerKilled = false;
    }

    /**
     * The job's arguments pointed at this stack, in live mode: Kafka and Cassandra (on a secured stack with their
     * client properties files), and for the prefix p the topics p-words, p-late, p-dead, p-weather, p-weather-late
     * ({@link #createTopics}) and the consumer group p-live. A test adds what is particular to it.
     */
    public JobArgs jobArgs(String prefix) {
        JobArgs args = JobArgs.live().kafka(bootstrapServers()).cassandra(cassandraHosts(), cassandraPort())
                .wordsTopic(prefix + "-words").lateTopic(prefix + "-late").deadLetterTopic(prefix + "-dead")
                .weatherTopic(prefix + "-weather").weatherLateTopic(prefix + "-weather-late").groupId(prefix + "-live");
        if (kind == Kind.SECURED) {
            args.kafkaPropertiesFile(config().security().kafkaClientFile())
                    .cassandraPropertiesFile(config().security().cassandraClientFile());
        }
        return args;
    }

    /**
     * Creates the topics of {@link #jobArgs} for the prefix that do not exist yet, replicated as the CLI does by
     * default (as many replicas as brokers, at most 3); returns their names.
     */
    public List<String> createTopics(String prefix, int partitions) {
        List<String> names = List.of(prefix + "-words", prefix + "-late", prefix + "-dead", prefix + "-weather",
                prefix + "-weather-late");
        Topics.create(connections().kafka(), names, partitions, KafkaReplication.AUTOMATIC);
        return names;
    }

    /**
     * {@code flink run [-d] <the job jar> <args> <more>}: the flink CLI's arguments for {@code FlinkCli.run}; {@code more}
     * as a user types them, e.g. the wrong ones whose error the job must name (a later option overrides an earlier).
     */
    public List<String> flinkRun(boolean detached, JobArgs args, String... more) {
        List<String> run = new ArrayList<>(List.of("run"));
        if (detached) {
            run.add("-d");
        }
        run.add(jobJar().toString());
        run.addAll(args.toList());
        run.addAll(List.of(more));
        return run;
    }

    /** Every word-count row of an output version, keyed as {@link WordCounts#all}. */
    public Map<String, Long> wordCounts(String keyspace) {
        try (WordCounts counts = new WordCounts(connections().cassandra(keyspace, 1))) {
            return counts.all();
        }
    }

    /** Reads a topic from the beginning until it holds at least {@code count} records (deadline: one minute). */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, long count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = TopicReader.fromTheStart(connections().kafka(), topic)) {
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

    /** The future's value, or a failure that says what was awaited once {@code timeout} has passed. */
    public static <T> T await(Future<T> future, String what, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what);
        }
    }

    /** Checks the job's preconditions (as its main does) and starts it on the test's MiniCluster, parallelism 2. */
    public static JobClient startJob(io.kappa.job.JobOptions o, Configuration conf) throws Exception {
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment(conf);
        io.kappa.job.KappaJob.preflight(o, io.kappa.job.KappaJob.restoring(env));
        env.setParallelism(2);
        io.kappa.job.KappaJob.build(env, o);
        return env.executeAsync(o.jobName());
    }

    /** Runs a bounded job (a replay) to its end on the test's MiniCluster (deadline: five minutes). */
    public static void runJob(io.kappa.job.JobOptions o) throws Exception {
        JobClient job = startJob(o, new Configuration());
        await(job.getJobExecutionResult(), "the replay " + o.jobName() + " to finish", Duration.ofMinutes(5));
    }

    /** A producer of raw records, as `bin/kappa produce` makes it. */
    public KafkaProducer<byte[], byte[]> producer() {
        return Producers.bytes(connections().kafka());
    }

    /** Connection settings as the CLI takes them. */
    public Connections connections() {
        Connections c = new Connections();
        c.bootstrapServers = bootstrapServers();
        c.cassandraHosts = cassandraHosts();
        c.cassandraPort = cassandraPort();
        c.environment = Map.of();
        if (kind == Kind.SECURED) {
            c.kafkaPropertiesFile = stack.config().security().kafkaClientFile();
            c.cassandraPropertiesFile = stack.config().security().cassandraClientFile();
        }
        return c;
    }
}
