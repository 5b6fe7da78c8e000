package io.kappa.bench;

import io.kappa.client.flink.JobRunner;
import io.kappa.client.cassandra.Keyspaces;
import io.kappa.client.cassandra.WeatherReadings;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.DiscardingSinks;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import java.time.Duration;

/**
 * (b), (c) and (d): replays of the dataset on the session cluster, each followed to its end while the TaskManagers'
 * heap is sampled; then whether every word (or reading) arrived.
 */
public record ReplayRuns(BenchTarget target, UploadedJob job) {
    /** A job that ended, and the peak heap of the TaskManagers while it ran. */
    private record Finished(JobRunner.Ended ended, long peakHeap) {
        String note() {
            return ended.finished() ? "" : ended.state();
        }
    }

    private Finished runToEnd(JobArgs args, String name) {
        target.out().println(name + " ...");
        long[] peak = {0};
        JobRunner.Ended ended = job.runner().runToEnd(job.jarId(), args, job.parallelism(), Duration.ofMillis(250),
                () -> peak[0] = Math.max(peak[0], job.taskManagerHeapBytes())); // the heap figure's sampling interval
        return new Finished(ended, peak[0]);
    }

    /** (b) into a discarding sink, or (c) into Cassandra: the word-count replay. */
    public RunResult wordCount(Dataset d, JobOptions.ReplayRuntime runtime, boolean discard) {
        String name = discard ? "(b) replay → discard, " + runtime : "(c) replay → Cassandra, " + runtime;
        String keyspace = "bench_" + runtime;
        if (!discard) {
            Keyspaces.drop(target.cassandra().keyspace(keyspace), keyspace);
        }
        JobArgs args = target.jobArgs(JobArgs.replay(), d.words(), keyspace).noWeather().replayRuntime(runtime)
                .output(discard ? JobOptions.Output.discard : JobOptions.Output.cassandra).jobName("bench " + name);
        Finished f = runToEnd(args, name);
        long words = discard ? Long.parseLong(job.runner().rest().accumulators(f.ended().jobId())
                .getOrDefault(DiscardingSinks.WORDS, "-1")) : wordsInCassandra(target, keyspace, d);
        return new RunResult(discard ? RunResult.Kind.DISCARD : RunResult.Kind.CASSANDRA, name, d.lines(),
                f.ended().seconds(), words, words == d.totalWords() && f.ended().finished(), f.peakHeap(),
                "TaskManager heap", f.note());
    }

    /** The words of the dataset's windows in the keyspace's word counts: the sum of their counts, window by window. */
    static long wordsInCassandra(BenchTarget target, String keyspace, Dataset d) {
        long sum = 0;
        try (WordCounts counts = new WordCounts(target.cassandra().keyspace(keyspace))) {
            for (long w = Dataset.START; w < Dataset.START + d.spec().span().toMillis(); w += Dataset.WINDOW_MILLIS) {
                sum += counts.sum(w);
            }
        }
        return sum;
    }

    /** (d): the weather replay into Cassandra (an empty words topic beside it). */
    public RunResult weather(Dataset d) {
        String name = "(d) weather replay → Cassandra";
        String keyspace = "bench_weather";
        Keyspaces.drop(target.cassandra().keyspace(keyspace), keyspace);
        JobArgs args = target.jobArgs(JobArgs.replay(), d.empty(), keyspace).weatherTopic(d.weather())
                .jobName("bench weather");
        Finished f = runToEnd(args, name);
        long rows = 0;
        try (WeatherReadings readings = new WeatherReadings(target.cassandra().keyspace(keyspace))) {
            for (io.kappa.weather.City city : io.kappa.client.generate.Cities.featured()) {
                rows += readings.observationCount(city.id());
            }
        }
        return new RunResult(RunResult.Kind.WEATHER, name, d.readings(), f.ended().seconds(), 0,
                rows == d.readings() && f.ended().finished(), f.peakHeap(), "TaskManager heap",
                String.format("%,d observation rows", rows));
    }
}
