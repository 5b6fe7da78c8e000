package io.kappa.cli;

import io.kappa.bench.BenchTarget;
import io.kappa.bench.ConsumerBaselines;
import io.kappa.bench.Dataset;
import io.kappa.bench.JvmFigures;
import io.kappa.bench.LiveRun;
import io.kappa.bench.ReplayRuns;
import io.kappa.bench.ResultTable;
import io.kappa.bench.RunResult;
import io.kappa.bench.UploadedJob;
import io.kappa.client.JobRunner;
import io.kappa.job.JobOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/kappa bench}: how close a replay gets to reading the topic, measured side by side in one run on the
 * running stack. The dataset is produced once per shape (its parameters are in the topic names) and reused.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the job against the limit of this machine, in one run, on the running stack:",
            "  (a) a plain KafkaConsumer reading the words topic; (a') one thread reading, splitting and counting;",
            "  (b) the word-count replay into a discarding sink; (c) the replay into Cassandra;",
            "  (d) the weather replay into Cassandra; (e) live at a fixed rate: latency beyond the window end.",
            "Prints records/s, words/s, the ratio to (a), peak memory, and whether each run counted every word.",
            "The dataset (default 2,000,000 lines) is produced on the first run and reused once its fingerprint",
            "matches. See docs/benchmarks.md."})
public class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Option(names = "--lines", defaultValue = "2000000", description = "lines in the words dataset (default: ${DEFAULT-VALUE})")
    long lines;

    @Option(names = "--vocabulary", defaultValue = "10000", description = "distinct words, Zipf-like (default: ${DEFAULT-VALUE})")
    int vocabulary;

    @Option(names = "--partitions", defaultValue = "2", description = "of the dataset topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--weather-rounds", defaultValue = "250",
            description = "readings of each of the 400 bundled cities, one a minute (default: ${DEFAULT-VALUE})")
    int weatherRounds;

    @Option(names = "--fresh-dataset",
            description = "delete the dataset topics first and produce them again (e.g. when their fingerprint does not"
                    + " match)")
    boolean freshDataset;

    @Option(names = "--parallelism", defaultValue = "2", description = "of the Flink runs (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--runs", split = ",", defaultValue = "raw,split,discard,cassandra,weather,live",
            description = "which runs, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> runs;

    @Option(names = "--replay-runtimes", split = ",", defaultValue = "streaming,batch",
            description = "replay runtimes for (b) and (c) (default: ${DEFAULT-VALUE})")
    List<JobOptions.ReplayRuntime> runtimes;

    @Option(names = "--live-rate", defaultValue = "2000", description = "lines/s of the live run (default: ${DEFAULT-VALUE})")
    double liveRate;

    @Option(names = "--live-seconds", defaultValue = "60", description = "length of the live run (default: ${DEFAULT-VALUE})")
    int liveSeconds;

    @Option(names = "--flink-url", defaultValue = "http://localhost:8081", description = "(default: ${DEFAULT-VALUE})")
    String flinkUrl;

    @Option(names = "--jar", description = "the job jar (default: job/target/kappa-job.jar)")
    Path jar;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JobRunner runner = new JobRunner(flinkUrl);
        Path jobJar = jar != null ? jar : KappaCli.home().resolve("job/target/kappa-job.jar");
        out.printf("bench: %s, %d cores, %.1f GiB; Kafka %s, Flink %s, parallelism %d%n", JvmFigures.cpu(),
                JvmFigures.cores(), JvmFigures.totalMemoryGiB(), connections.bootstrapServers, flinkUrl, parallelism);
        BenchTarget target = new BenchTarget(connections.kafka(), connections.cassandra(), connections::pointJobAt, out,
                spec.commandLine().getErr());
        Dataset data = Dataset.prepare(target, new Dataset.Shape(lines, vocabulary, partitions, weatherRounds),
                freshDataset);
        List<RunResult> results = new ArrayList<>();
        if (runs.contains("raw")) {
            results.add(ConsumerBaselines.read(target, data));
        }
        if (runs.contains("split")) {
            results.add(ConsumerBaselines.readSplitCount(target, data));
        }
        String jarId = null;
        if (runs.stream().anyMatch(r -> List.of("discard", "cassandra", "weather", "live").contains(r))) {
            jarId = runner.upload(jobJar);
        }
        UploadedJob job = new UploadedJob(runner, jarId, parallelism);
        ReplayRuns replays = new ReplayRuns(target, job);
        for (JobOptions.ReplayRuntime runtime : runtimes) {
            if (runs.contains("discard")) {
                results.add(replays.wordCount(data, runtime, true));
            }
        }
        for (JobOptions.ReplayRuntime runtime : runtimes) {
            if (runs.contains("cassandra")) {
                results.add(replays.wordCount(data, runtime, false));
            }
        }
        if (runs.contains("weather")) {
            results.add(replays.weather(data));
        }
        if (runs.contains("live")) {
            results.add(new LiveRun(target, job).run(new LiveRun.Feed(liveRate, liveSeconds, vocabulary, partitions)));
        }
        out.println();
        out.print(ResultTable.format(results));
        out.flush();
        return results.stream().allMatch(RunResult::passed) ? 0 : 1;
    }
}
