package io.kappa.job;

import io.kappa.cassandra.CassandraSchema;
import io.kappa.core.Sources;
import io.kappa.kafka.KafkaTopics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's entry point for {@code flink run} and the web UI. Parses the options, checks that Kafka topics
 * and Cassandra are there (creating the schema), then builds the one topology with the sources and sinks of
 * the chosen mode and submits it. Works detached: it never reads the job's result.
 */
public final class KappaJob {
    private KappaJob() {}

    public static void main(String[] args) throws Exception {
        JobOptions options;
        StreamExecutionEnvironment env;
        try {
            options = JobOptions.parse(args);
            if (options == null) {
                return; // --help or --version
            }
            env = StreamExecutionEnvironment.getExecutionEnvironment();
            preflight(options, restoring(env));
        } catch (IllegalStateException | IllegalArgumentException e) {
            fail(e);
            throw e;
        }
        build(env, options);
        env.execute(options.jobName());
    }

    /**
     * Prints the one line that says what is wrong and which option to fix. When Flink's command-line client
     * runs this main ({@code flink run}), it then exits with status 2, so the user sees that line and not the
     * client's stack trace of it. Anywhere else (a JobManager running a web-UI submission, a test) exiting would
     * take the host down with it, so the caller rethrows and Flink reports the error its own way.
     */
    private static void fail(RuntimeException e) {
        System.err.println("kappa-job: " + e.getMessage());
        boolean fromFlinkCli = StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().equals("org.apache.flink.client.cli.CliFrontend")));
        if (fromFlinkCli) {
            System.exit(2);
        }
    }

    /**
     * Fails fast, with the option to fix, when an input topic or Cassandra is missing, or when a live job would start
     * without state where its consumer group has already committed offsets; creates the side topics that are missing
     * and the schema.
     *
     * @param restoring true when the job starts from a checkpoint or savepoint ({@code flink run -s})
     */
    public static void preflight(JobOptions o, boolean restoring) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("--words-topic", o.wordsTopic);
        if (o.weather) {
            inputs.put("--weather-topic", o.weatherTopic);
        }
        KafkaTopics.requireExist(o.kafka(), inputs, 15_000);
        List<String> sideTopics = new ArrayList<>(List.of(o.lateTopic(), o.deadLetterTopic()));
        if (o.weather) {
            sideTopics.add(o.weatherLateTopic());
        }
        KafkaTopics.createMissing(o.kafka(), sideTopics, o.wordsTopic, 15_000);
        if (o.mode == JobOptions.Mode.live && !restoring) {
            var past = KafkaTopics.committedPastStart(o.kafka(), o.groupId, inputs.values(), 15_000);
            if (!past.isEmpty()) {
                throw new IllegalStateException("consumer group " + o.groupId + " (--group-id) has committed offsets "
                        + past + " but this live job starts without state: its first windows would count only what "
                        + "follows and overwrite complete rows. Resume from the last checkpoint or savepoint "
                        + "(flink run -s <path>), or start a new version from offset zero with its own --group-id and "
                        + "--keyspace (bin/kappa version start)");
            }
        }
        if (o.output == JobOptions.Output.cassandra) {
            CassandraSchema.create(o.cassandra());
        }
    }

    /** The prefix of the job's own arguments among its global job parameters: {@code kappa.arg.0}, {@code kappa.arg.1}, … */
    public static final String ARG_PARAMETER = "kappa.arg.";

    /**
     * The job's arguments (those that differ from the defaults; never a secret: the options refuse them) as global job
     * parameters, which the web UI shows and the REST API serves ({@code /jobs/<id>/config}): so that a version started
     * with a plain {@code flink run} can be adopted by {@code bin/kappa} with the options it really runs with.
     */
    static org.apache.flink.configuration.Configuration argsAsParameters(JobOptions o) {
        org.apache.flink.configuration.Configuration c = new org.apache.flink.configuration.Configuration();
        List<String> args = o.toArgs();
        for (int i = 0; i < args.size(); i++) {
            c.setString(ARG_PARAMETER + i, args.get(i));
        }
        return c;
    }

    /** True when the environment's configuration restores the job from a checkpoint or savepoint. */
    public static boolean restoring(StreamExecutionEnvironment env) {
        return env.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent();
    }

    /** Configures the environment for the mode and adds the topology with the production sources and sinks. */
    public static void build(StreamExecutionEnvironment env, JobOptions o) {
        build(env, o, RunMode.sources(o), ConnectorSinks.from(o));
    }

    /**
     * The one code path: the mode's runtime settings, then the topology between the given sources and sinks (Kafka
     * and Cassandra in production, in-memory ones in tests).
     */
    public static void build(StreamExecutionEnvironment env, JobOptions o, Sources sources, Sinks sinks) {
        RunMode.configure(env, o);
        env.getConfig().setGlobalJobParameters(argsAsParameters(o));
        KappaTopology.build(env, sources, sinks, o.topology());
    }
}
