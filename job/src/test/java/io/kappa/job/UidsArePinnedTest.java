package io.kappa.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.testing.CollectingSinks;
import io.kappa.testing.RestorableSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.Test;

/**
 * Upgrades keep state: a job stopped with a savepoint and resumed with a new jar gets each operator's state back by the
 * operator's uid. This test pins the uids of every operator that can have state, in the job as {@link KappaJob} wires
 * it (live, words and weather, the production Kafka sources and Cassandra/Kafka sinks; the graph is only built, nothing
 * connects), so that renaming or removing one, or adding a stateful operator without deciding its uid, fails the build.
 * {@link SavepointCompatibilityTest} restores a real savepoint of the job.
 *
 * <p>What "can have state" means is decided by {@link StatefulOperators}; the operators that are not in the list hold
 * nothing in a checkpoint (e.g. "Pre-aggregate words per window" and "Group rows by partition" emit everything they
 * hold before each checkpoint barrier, and keep no state).
 */
class UidsArePinnedTest {
    static final String SEE_DOCS = "A changed uid loses that operator's state on resume from a savepoint or checkpoint "
            + "(Flink refuses the savepoint, or, with --allowNonRestoredState, drops the state: open windows, partition "
            + "clocks, the latest reading per city and the source offsets start from nothing). If the change is intended, "
            + "see docs/operations.md, Upgrades.";

    /** Stateful operators of the words pipeline and of its sources and sinks. */
    static final Set<String> PINNED_WORDS = Set.of(
            "kafka-words-source",                      // FLIP-27 Kafka source: partitions and offsets
            "mark-too-late-records",                   // PartitionClock: largest event time per partition (union list)
            "count-words-per-window-by-bucket",        // keyed: word counts per (bucket, window), timers, "drained" flag
            "cassandra-word-counts-by-window",         // Cassandra sink (a CheckpointedFunction: flushes on checkpoints)
            "kafka-late-words-sink",                   // Kafka sink writer state
            "Sink Committer: kafka-late-words-sink",   // its committer (uid derived by Flink from the sink's)
            "kafka-dead-letters-sink",
            "Sink Committer: kafka-dead-letters-sink");

    /** Stateful operators of the weather pipeline and of its sources and sinks. */
    static final Set<String> PINNED_WEATHER = Set.of(
            "kafka-weather-source",
            "mark-too-late-readings",                  // PartitionClock of the weather topic
            "keep-latest-per-city",                    // keyed: newest (dt, key) per city
            "summarise-city-windows",                  // keyed: Flink's window operator (readings per city window)
            "cassandra-weather-observations-by-city",
            "cassandra-weather-latest-by-city",
            "cassandra-weather-windows-by-city",
            "kafka-late-weather-sink",
            "Sink Committer: kafka-late-weather-sink");

    /** The production sinks among them: the tests' in-memory sinks replace these (and keep no state). */
    static final Set<String> PRODUCTION_SINKS = Set.of(
            "cassandra-word-counts-by-window", "kafka-late-words-sink", "Sink Committer: kafka-late-words-sink",
            "kafka-dead-letters-sink", "Sink Committer: kafka-dead-letters-sink",
            "cassandra-weather-observations-by-city", "cassandra-weather-latest-by-city",
            "cassandra-weather-windows-by-city", "kafka-late-weather-sink", "Sink Committer: kafka-late-weather-sink");

    static Set<String> pinned() {
        Set<String> all = new TreeSet<>(PINNED_WORDS);
        all.addAll(PINNED_WEATHER);
        return all;
    }

    /** The pinned operators the job has between its sources and sinks, whatever the sources and sinks. */
    static Set<String> pinnedBetweenSourcesAndSinks() {
        Set<String> topology = pinned();
        topology.removeAll(PRODUCTION_SINKS);
        return topology;
    }

    /** The job's options for a live job with weather: the defaults, whatever the environment says. */
    static JobOptions live(String... more) {
        List<String> args = new ArrayList<>(List.of("--mode", "live"));
        args.addAll(List.of(more));
        return JobOptions.parse(Map.of(), args.toArray(String[]::new));
    }

    /** The graph of the production job (KappaJob.main's wiring), built and not run. */
    static StreamGraph productionGraph(JobOptions options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KappaJob.build(env, options);
        return env.getStreamGraph(false);
    }

    @Test
    void theStatefulOperatorsOfTheLiveJobHaveThePinnedUids() {
        StreamGraph graph = productionGraph(live());
        assertPinned(graph, pinned(), "the live job (KappaJob.build with the production sources and sinks)");
    }

    @Test
    void aStreamingReplayHasTheSameStatefulOperators() {
        // a STREAMING replay checkpoints too and resumes after a failure: the same uids
        StreamGraph graph = productionGraph(JobOptions.parse(Map.of(), "--mode", "replay"));
        assertPinned(graph, pinned(), "a streaming replay (KappaJob.build, --mode replay)");
    }

    @Test
    void withoutWeatherOnlyTheWordsOperatorsRemain() {
        StreamGraph graph = productionGraph(live("--no-weather"));
        assertPinned(graph, PINNED_WORDS, "the live job with --no-weather");
    }

    @Test
    void everyStatefulOperatorHasAnExplicitUid() {
        List<StatefulOperators.Operator> generated = StatefulOperators.stateful(productionGraph(live())).stream()
                .filter(o -> o.uid() == null).collect(Collectors.toList());
        assertThat(generated)
                .withFailMessage("These operators can have state but have no explicit uid (.uid(\"...\")): Flink "
                        + "generates one from the topology, so any change before them in the graph changes it.\n  "
                        + join(generated) + "\n" + SEE_DOCS)
                .isEmpty();
    }

    @Test
    void everyOperatorOfTheJobHasAnExplicitUid() {
        // a stateless operator needs none to restore, but the job gives every transform a stable uid
        // (docs/architecture.md), so that one that gains state already has the uid its state will be found by
        List<StatefulOperators.Operator> generated = StatefulOperators.of(productionGraph(live())).stream()
                .filter(o -> o.uid() == null).collect(Collectors.toList());
        assertThat(generated)
                .withFailMessage("These operators have no explicit uid (.uid(\"...\")); give them one before they "
                        + "get state:\n  " + join(generated) + "\n" + SEE_DOCS)
                .isEmpty();
    }

    @Test
    void theJobWithTheTestsSourcesAndSinksHasTheSameStatefulOperatorsBetweenThem() {
        // the savepoint fixture (SavepointCompatibilityTest) is taken from this job: it must hold every pinned operator
        // between sources and sinks; its in-memory sinks have no uid and must stay stateless
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KappaJob.build(env, live(), RestorableSources.bounded(List.of(), List.of()), new CollectingSinks());
        StreamGraph graph = env.getStreamGraph(false);
        assertPinned(graph, pinnedBetweenSourcesAndSinks(), "the job with RestorableSources and CollectingSinks");
    }

    private static void assertPinned(StreamGraph graph, Set<String> pinned, String what) {
        Map<String, StatefulOperators.Operator> actual = StatefulOperators.statefulByUid(graph);
        Set<String> missing = new TreeSet<>(pinned);
        missing.removeAll(actual.keySet());
        Set<String> unexpected = new TreeSet<>(actual.keySet());
        unexpected.removeAll(pinned);
        StringBuilder message = new StringBuilder("The uids of the stateful operators of " + what
                + " are not the pinned ones.\n");
        if (!missing.isEmpty()) {
            message.append("Pinned, but no stateful operator of the job has it (renamed, removed, or lost its state):\n  ")
                    .append(String.join("\n  ", missing)).append('\n');
        }
        if (!unexpected.isEmpty()) {
            message.append("Stateful, but not pinned (a new or renamed uid; pin it in UidsArePinnedTest once it is final):\n  ")
                    .append(unexpected.stream().map(u -> actual.get(u).toString()).collect(Collectors.joining("\n  ")))
                    .append('\n');
        }
        message.append("Every operator of the job: uid (name; why it is stateful):\n  ")
                .append(join(StatefulOperators.of(graph))).append('\n').append(SEE_DOCS);
        assertThat(actual.keySet()).withFailMessage(message.toString()).isEqualTo(pinned);
    }

    private static String join(List<StatefulOperators.Operator> operators) {
        return operators.stream().map(Object::toString).collect(Collectors.joining("\n  "));
    }
}
