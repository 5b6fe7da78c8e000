package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.Deadline;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.core.Metrics;
import io.kappa.job.JobNames;
import io.kappa.job.JobOptions;
import io.kappa.stack.FlinkCli;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounded state. A live job on the session cluster under a steady generator (real time, 400
 * lines/s) for several minutes ({@code -Dkappa.soak.minutes}, default 2): the checkpointed state stays flat
 * because each window's state is dropped once the watermark passes its end plus the allowed lateness. Prints
 * the state size, the TaskManager's heap and resident memory every sample; checks that every word of every
 * closed window is in Cassandra at the end.
 */
@org.junit.jupiter.api.Order(org.junit.jupiter.api.Order.DEFAULT + 3) // after the other classes: RealStack.disposable()
class SoakIT {
    private static final long WINDOW = 10_000;
    private static final double LINES_PER_SECOND = 400;

    @RegisterExtension
    static final RealStack STACK = RealStack.disposable();

    record Sample(double second, long stateBytes, long heapBytes, long rssMiB, long recordsRead) {}

    @Test
    @org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.HOURS) // -Dkappa.soak.minutes=120
    void stateAndMemoryStayFlatUnderASteadyLiveFeed() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("kappa.soak.minutes", "2"));
        STACK.freshFlinkCluster(); // whatever the tests before on this stack left
        STACK.createTopics("soak", 2);
        String submitted = FlinkCli.run(STACK.config(), STACK.flinkRun(true, STACK.jobArgs("soak").noWeather()
                .keyspace("soak").window(Duration.ofSeconds(10)).allowedLateness(Duration.ofSeconds(10))
                .checkpointInterval(Duration.ofSeconds(5)).groupId("soak")), 180);
        assertThat(submitted).contains("Job has been submitted with JobID");
        FlinkRest rest = STACK.runner().rest();
        String jobId = rest.jobs().stream().filter(j -> j.name().equals(JobNames.of(JobOptions.Mode.live, "soak")))
                .findFirst().orElseThrow().id();
        STACK.runner().awaitRunning(jobId, "the live job running", Duration.ofMinutes(1));

        long lines = (long) (LINES_PER_SECOND * minutes * 60);
        TextGenerator.Spec spec = new TextGenerator.Spec(lines, 5000, 5, 10, 1.0, 0, Duration.ofMinutes(1), 0.02,
                Duration.ofSeconds(3), 0, Duration.ZERO, 7);
        CompletableFuture<Produce.TextSummary> feed = CompletableFuture.supplyAsync(
                () -> Produce.quietly(STACK.connections().kafka(), "soak-words").stream(spec, LINES_PER_SECOND));

        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        System.out.printf("%8s %12s %12s %8s %12s%n", "second", "state bytes", "heap bytes", "RSS MiB", "records read");
        while (!feed.isDone()) {
            Deadline.await("the next sample", Duration.ofSeconds(15),
                    () -> feed.isDone() || System.nanoTime() - start >= (samples.size() + 1) * 10_000_000_000L);
            Sample s = new Sample((System.nanoTime() - start) / 1e9, rest.latestCheckpointBytes(jobId),
                    rest.taskManagerHeapUsedBytes(), STACK.stack().server("flink-taskmanager").residentMemoryMiB(),
                    rest.metricSum(jobId, Metrics.RECORDS_READ));
            samples.add(s);
            System.out.printf("%8.0f %,12d %,12d %8d %,12d%n", s.second(), s.stateBytes(), s.heapBytes(), s.rssMiB(),
                    s.recordsRead());
        }
        Produce.TextSummary produced = RealStack.await(feed, "the live feed to end", Duration.ofMinutes(5));

        // state: after the first minute (windows filling up), the second half is no bigger than the first half
        List<Sample> steady = samples.stream().filter(s -> s.second() >= 60 && s.stateBytes() > 0).toList();
        assertThat(steady).hasSizeGreaterThanOrEqualTo(6);
        List<Sample> first = steady.subList(0, steady.size() / 2);
        List<Sample> second = steady.subList(steady.size() / 2, steady.size());
        long firstMax = first.stream().mapToLong(Sample::stateBytes).max().orElseThrow();
        long secondMax = second.stream().mapToLong(Sample::stateBytes).max().orElseThrow();
        System.out.printf("checkpointed state: max %,d bytes in the first half of the steady run, %,d in the second%n",
                firstMax, secondMax);
        assertThat(secondMax).as("state in the second half vs the first").isLessThanOrEqualTo(firstMax * 13 / 10);
        assertThat(rest.failures(jobId)).isZero();

        // nothing lost on the way: every closed window's words are in Cassandra
        List<ConsumerRecord<byte[], byte[]>> records = STACK.awaitRecords("soak-words", produced.lines());
        TreeMap<Long, Long> expected = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            long words = new String(r.value(), StandardCharsets.UTF_8).split(" ").length;
            expected.merge(r.timestamp() - Math.floorMod(r.timestamp(), WINDOW), words, Long::sum);
        }
        expected.pollLastEntry(); // the newest windows close only when newer records arrive
        expected.pollLastEntry();
        Deadline.await("every closed window's words in Cassandra", Duration.ofMinutes(1), () -> {
            Map<Long, Long> found = WordCounts.totals(STACK.wordCounts("soak"));
            found.keySet().retainAll(expected.keySet());
            return found.equals(expected);
        });
        System.out.printf("%,d lines, %,d words in %d closed windows, all in Cassandra%n", produced.lines(),
                expected.values().stream().mapToLong(Long::longValue).sum(), expected.size());
        rest.cancel(jobId);
    }
}
