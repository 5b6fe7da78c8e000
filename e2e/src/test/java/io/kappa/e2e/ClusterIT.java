package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cassandra.CassandraConnection;
import io.kappa.client.ClientException;
import io.kappa.client.Deadline;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.versions.Replay;
import io.kappa.client.kafka.Topics;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import io.kappa.kafka.KafkaReplication;
import io.kappa.stack.ManagedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job on a cluster, with replication doing the work. Three Kafka brokers (one KRaft quorum), three
 * Cassandra nodes, a JobManager and two TaskManagers; the live job at parallelism 4 across both TaskManagers, its
 * topics with 4 partitions, 3 replicas and min.insync.replicas 2, its keyspace with 3 replicas written at LOCAL_QUORUM,
 * under a steady feed. One at a time, a Cassandra node, a broker and a TaskManager are killed (SIGKILL) and brought back
 * after a while. Afterwards the live rows must equal a fault-free replay of the same topic, and hold every word fed.
 */
class ClusterIT {
    @RegisterExtension
    static final RealStack STACK = RealStack.cluster(3, 3, 2);

    private static final String P = "cluster";
    private static final int PARALLELISM = 4;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final double LINES_PER_SECOND = 100;
    /** How long each killed server stays down: the fault itself. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(Long.getLong("kappa.cluster.down.seconds", 25));

    /** What one fault cost: job failovers, seconds from the kill until the job ran again and until its rows caught up. */
    record Fault(String server, double backAfter, int failovers, OptionalDouble runningAgainAfter, double caughtUpAfter) {
        String row() {
            return String.format("| kill -9 %-19s | %5.1f s | %9d | %-24s | %8.1f s |", server, backAfter, failovers,
                    runningAgainAfter.isPresent() ? String.format("%.1f s", runningAgainAfter.getAsDouble())
                            : "never stopped", caughtUpAfter);
        }
    }

    private static JobArgs jobArgs(JobOptions.Mode mode, String keyspace) {
        return STACK.jobArgs(P).noWeather().mode(mode).keyspace(keyspace).window(WINDOW).idleness(Duration.ZERO)
                .checkpointInterval(Duration.ofSeconds(3));
    }

    @Test
    void theLiveJobLosesNothingWhenACassandraNodeABrokerAndATaskManagerAreKilledInTurn() {
        long start = System.nanoTime();
        Topics.create(STACK.connections().kafka(), List.of(P + "-words"), PARALLELISM, KafkaReplication.AUTOMATIC);
        JobRunner runner = STACK.runner();
        FlinkRest rest = runner.rest();
        List<Fault> faults = new ArrayList<>();
        SteadyFeed.Fed fed;
        try (SteadyFeed feed = new SteadyFeed(STACK.connections().kafka(), P + "-words", LINES_PER_SECOND,
                Duration.ofSeconds(5));
             TopicWindows topic = new TopicWindows(STACK.connections().kafka(), P + "-words", WINDOW)) {
            String live = runner.start(runner.upload(STACK.jobJar()), jobArgs(JobOptions.Mode.live, P + "_live"),
                    PARALLELISM);
            try (JobWatch watch = new JobWatch(rest, live)) {
                Deadline.await("the live job running every task", Duration.ofMinutes(2), watch::running);
                assertThat(rest.taskManagersOf(live)).as("TaskManagers of the live job").hasSize(2);
                Deadline.await("a completed checkpoint", Duration.ofMinutes(1), () -> rest.completedCheckpoints(live) > 0);
                awaitCaughtUp(topic, System.currentTimeMillis(), Duration.ofMinutes(2));
                checkReplication();
                for (String server : List.of("cassandra-2", "kafka-2", "flink-taskmanager-2")) {
                    faults.add(kill(STACK.stack().server(server), rest, live, watch, topic));
                }
            }
            fed = feed.stop(Duration.ofMinutes(1));
            runner.stopWithSavepoint(live, STACK.config().stateDir().resolve("sp").toUri().toString(), true,
                    Duration.ofMinutes(2));
        }

        Replay.Outcome replay = Replay.run(runner, STACK.jobJar(), jobArgs(JobOptions.Mode.replay, P + "_replay"),
                PARALLELISM, null);
        Map<String, Long> liveRows = STACK.wordCounts(P + "_live");
        print(faults, fed, replay, liveRows.size(), (System.nanoTime() - start) / 1e9);
        assertThat(replay.state()).isEqualTo("FINISHED");
        assertThat(liveRows).as("live rows against a fault-free replay").isEqualTo(STACK.wordCounts(P + "_replay"));
        assertThat(liveRows.values().stream().mapToLong(Long::longValue).sum()).as("words counted against words fed")
                .isEqualTo(fed.words());
    }

    /** The job's topics (the side topics made by the job itself) and keyspace are replicated (3 replicas). */
    private static void checkReplication() {
        List<String> topics = List.of(P + "-words", P + "-late", P + "-dead");
        try (Admin admin = Topics.admin(STACK.connections().kafka())) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (String t : topics) {
                assertThat(described.get(t).partitions()).as(t).hasSize(PARALLELISM)
                        .allSatisfy(p -> assertThat(p.replicas()).as(t + " replicas").hasSize(3));
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t)).get("min.insync.replicas").value())
                        .as(t + " min.insync.replicas").isEqualTo("2");
            }
        } catch (Exception e) {
            throw new AssertionError("cannot describe " + topics + ": " + e, e);
        }
        try (CassandraConnection c = CassandraConnection.open(STACK.connections().cassandra(P + "_live", 0))) {
            assertThat(c.cluster().getMetadata().getKeyspace(P + "_live").getReplication())
                    .containsEntry("replication_factor", "3");
            assertThat(STACK.connections().cassandra(P + "_live", 0).consistency(c.cluster()).name())
                    .isEqualTo("LOCAL_QUORUM");
        }
    }

    /** SIGKILL, down for {@link #DOWN_FOR}, started again; then the job running and its rows caught up. */
    private static Fault kill(ManagedServer server, FlinkRest rest, String job, JobWatch watch, TopicWindows topic) {
        int failuresBefore = rest.failures(job);
        long killed = System.nanoTime();
        server.process().orElseThrow().destroyForcibly(); // kill -9
        Deadline.await(server.name() + " to be gone", Duration.ofSeconds(30), () -> !server.isRunning());
        LockSupport.parkNanos(DOWN_FOR.toNanos()); // the fault itself: the server stays down this long
        server.start(Duration.ofMinutes(3)); // as a supervisor (systemd, Kubernetes) would start it again
        long back = System.currentTimeMillis();
        double backAfter = (System.nanoTime() - killed) / 1e9;
        Deadline.await("the live job running every task after " + server.name() + " came back", Duration.ofMinutes(3),
                watch::running);
        awaitCaughtUp(topic, back, Duration.ofMinutes(3));
        Fault f = new Fault(server.name(), backAfter, rest.failures(job) - failuresBefore,
                watch.runningAgainAfter(killed), (System.nanoTime() - killed) / 1e9);
        System.out.println("CLUSTER " + f.row());
        return f;
    }

    /**
     * Waits until every window that ended by {@code until} (and since the feed started) has as many words in the live
     * keyspace as the topic holds for it.
     */
    private static void awaitCaughtUp(TopicWindows topic, long until, Duration timeout) {
        String[] behind = {""};
        try (WordCounts counts = new WordCounts(STACK.connections().cassandra(P + "_live", 0))) {
            Deadline.await("the live rows of every window that ended by " + java.time.Instant.ofEpochMilli(until),
                    timeout, () -> {
                        Optional<Map<Long, Long>> inTopic = topic.totals();
                        if (inTopic.isEmpty()) {
                            behind[0] = "the topic could not be read to its end";
                            return false;
                        }
                        for (Map.Entry<Long, Long> w : inTopic.get().entrySet()) {
                            if (w.getKey() + WINDOW.toMillis() > until) {
                                continue;
                            }
                            String rows;
                            try {
                                long sum = counts.sum(w.getKey());
                                if (w.getValue() == sum) {
                                    continue;
                                }
                                rows = sum + " in the rows";
                            } catch (RuntimeException e) { // no quorum for a moment: not caught up yet
                                rows = "the rows cannot be read: " + e;
                            }
                            behind[0] = "window " + java.time.Instant.ofEpochMilli(w.getKey()) + ": " + w.getValue()
                                    + " words in the topic, " + rows;
                            return false;
                        }
                        return true;
                    });
        } catch (ClientException e) {
            throw new AssertionError(e.getMessage() + "; " + behind[0], e);
        }
    }

    private static void print(List<Fault> faults, SteadyFeed.Fed fed, Replay.Outcome replay, int rows, double seconds) {
        System.out.println("CLUSTER 3 brokers, 3 Cassandra nodes, 2 TaskManagers; live job at parallelism " + PARALLELISM
                + ", " + (long) LINES_PER_SECOND + " lines/s, windows of " + WINDOW.toSeconds() + " s, each server down "
                + DOWN_FOR.toSeconds() + " s");
        System.out.println("CLUSTER | fault                       | back at | failovers | job running every task again "
                + "| rows caught up |");
        System.out.println("CLUSTER |---|---|---|---|---|");
        faults.forEach(f -> System.out.println("CLUSTER " + f.row()));
        System.out.printf("CLUSTER %,d lines (%,d words) fed; replay %s: %,d records in %.1f s; %,d live rows; test %.0f s%n",
                fed.lines(), fed.words(), replay.state(), replay.records(), replay.seconds(), rows, seconds);
    }
}
