package io.kappa.job;

import io.kappa.cassandra.CassandraSchema;
import io.kappa.core.Sources;
import io.kappa.kafka.KafkaTopics;
import java.util.LinkedHashMap;
import java.util.Map;
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
        try {
            options = JobOptions.parse(args);
            if (options == null) {
                return; // --help or --version
            }
            preflight(options);
        } catch (IllegalStateException | IllegalArgumentException e) {
            fail(e);
            throw e;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
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

    /** Fails fast, with the option to fix, when an input topic or Cassandra is missing; creates the schema. */
    public static void preflight(JobOptions o) {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("--words-topic", o.wordsTopic);
        topics.put("--late-topic", o.lateTopic);
        topics.put("--dead-letter-topic", o.deadLetterTopic);
        if (o.weather) {
            topics.put("--weather-topic", o.weatherTopic);
            topics.put("--weather-late-topic", o.weatherLateTopic);
        }
        KafkaTopics.requireExist(o.kafka(), topics, 15_000);
        if (o.output == JobOptions.Output.cassandra) {
            CassandraSchema.create(o.cassandra());
        }
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
        KappaTopology.build(env, sources, sinks, o.topology());
    }
}
