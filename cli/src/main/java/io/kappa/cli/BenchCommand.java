package io.kappa.cli;

import io.kappa.bench.BenchTarget;
import io.kappa.bench.CassandraQuiescence;
import io.kappa.bench.ConsumerBaselines;
import io.kappa.bench.Dataset;
import io.kappa.bench.JvmFigures;
import io.kappa.bench.LiveRun;
import io.kappa.bench.Machine;
import io.kappa.bench.OtherJobs;
import io.kappa.bench.ReplayRuns;
import io.kappa.bench.ResultTable;
import io.kappa.bench.Rounds;
import io.kappa.bench.RunSummary;
import io.kappa.bench.SinkRun;
import io.kappa.bench.UploadedJob;
import io.kappa.client.flink.JobRunner;
import io.kappa.job.JobOptions;
import io.kappa.stack.LocalStack;
import io.kappa.stack.StackConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/kappa bench}: how close a replay gets to the limit of this machine, measured side by side in one run on
 * the running stack, in interleaved rounds. The dataset is produced once per shape (its parameters are in the topic
 * names) and reused when its fingerprint matches.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the job against the limit of this machine, in one run, on the running stack:",
            "  (a) a plain KafkaConsumer reading the words topic; (a') one thread reading, splitting and counting;",
            "  (s) the rows (a') counted, written straight into Cassandra with the best client settings of a small",
            "  grid; (b) the word-count replay into a discarding sink; (c) the replay into Cassandra;",
            "  (d) the weather replay into Cassandra; (e) live at a fixed rate: latency beyond the window end.",
            "Every run once per round, the order rotated from round to round, each from a flushed Cassandra with no",
            "compaction running. Prints the median seconds and their range, the CPU-seconds the stack spent,",
            "records/s, words/s, (c) as a multiple of the limit (the larger of (a') and (s)) and of the CPU floor",
            "(the CPU-seconds of (a') and (s) over the cores), (a) and (b) as multiples of (a') and (b) of its floor",
            "(the CPU-seconds of (a') over the cores), peak memory, and whether each run counted every word (exit 1",
            "if one did not).",
            "Stops if other jobs run on the session cluster (see --allow-other-jobs).",
            "The dataset (default 2,000,000 lines) is produced on the first run and reused once its fingerprint",
            "matches. See docs/benchmarks.md."})
public class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Option(names = "--lines", defaultValue = "2000000", split = ",",
            description = "lines in the words dataset; several sizes, comma-separated, are measured one after the "
                    + "other, each with its own table (e.g. 2000000,20000000) (default: ${DEFAULT-VALUE})")
    List<Long> lines;

    @Option(names = "--vocabulary", defaultValue = "10000", description = "distinct words, Zipf-like (default: ${DEFAULT-VALUE})")
    int vocabulary;

    @Option(names = "--partitions", defaultValue = "2", description = "of the dataset topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--weather-rounds", defaultValue = "250",
            description = "readings of each of the 400 featured cities, one a minute (default: ${DEFAULT-VALUE})")
    int weatherRounds;

    @Option(names = "--fresh-dataset",
            description = "delete the dataset topics first and produce them again (e.g. when their fingerprint does not"
                    + " match)")
    boolean freshDataset;

    @Option(names = "--parallelism", defaultValue = "2", description = "of the Flink runs (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--runs", split = ",", defaultValue = "raw,split,sink,discard,cassandra,weather,live",
            description = "which runs, comma-separated: raw (a), split (a'), sink (s), discard (b), cassandra (c), "
                    + "weather (d), live (e) (default: ${DEFAULT-VALUE})")
    List<String> runs;

    @Option(names = "--rounds", defaultValue = "3",
            description = "rounds; each runs every run once, the order rotated (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--replay-runtimes", split = ",", defaultValue = "streaming,batch",
            description = "replay runtimes for (b) and (c) (default: ${DEFAULT-VALUE})")
    List<JobOptions.ReplayRuntime> runtimes;

    @Option(names = "--sink-grid-seconds", defaultValue = "60",
            description = "how long (s) may try client settings on its sample, in the first round (default: "
                    + "${DEFAULT-VALUE})")
    int sinkGridSeconds;

    @Option(names = "--live-rate", defaultValue = "10000", description = "lines/s of the live run (default: ${DEFAULT-VALUE})")
    double liveRate;

    @Option(names = "--live-seconds", defaultValue = "60", description = "length of the live run (default: ${DEFAULT-VALUE})")
    int liveSeconds;

    @Option(names = "--allow-other-jobs",
            description = "measure even if other jobs run on the session cluster (the table's header names them)")
    boolean allowOtherJobs;


    @Option(names = "--jar", description = "the job jar (default: job/target/kappa-job.jar)")
    Path jar;

    private static final List<String> RUNS = List.of("raw", "split", "sink", "discard", "cassandra", "weather", "live");

    @Override
    public Integer call() {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        runs.stream().filter(r -> !RUNS.contains(r)).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("--runs: unknown run '" + r + "' (known: " + String.join(",", RUNS) + ")");
        });
        PrintWriter out = spec.commandLine().getOut();
        JobRunner runner = new JobRunner(connections.flinkUrl);
        Path jobJar = jar != null ? jar : KappaCli.home().resolve("job/target/kappa-job.jar");
        out.printf("bench: %s, %d cores, %.1f GiB; Kafka %s, Flink %s, parallelism %d%n", JvmFigures.cpu(),
                JvmFigures.cores(), JvmFigures.totalMemoryGiB(), connections.bootstrapServers, connections.flinkUrl, parallelism);
        String otherJobs = OtherJobs.check(runner.jobs(), allowOtherJobs);
        BenchTarget target = new BenchTarget(connections.kafka(), connections.cassandra(), connections::pointJobAt, out,
                spec.commandLine().getErr());
        Machine machine = machine(out);
        String jarId = null;
        if (runs.stream().anyMatch(r -> List.of("discard", "cassandra", "weather", "live").contains(r))) {
            jarId = runner.upload(jobJar);
        }
        boolean passed = true;
        for (long size : lines) {
            Dataset data = Dataset.prepare(target, new Dataset.Shape(size, vocabulary, partitions, weatherRounds),
                    freshDataset);
            List<Rounds.Run> selected = selected(target, data, new UploadedJob(runner, jarId, parallelism));
            List<RunSummary> results = Rounds.measure(selected, rounds, out, machine);
            out.println();
            out.printf("%,d lines:%n", size);
            out.print(ResultTable.format(results, otherJobs, machine.cores()));
            out.flush();
            passed &= results.stream().allMatch(RunSummary::passed);
        }
        return passed ? 0 : 1;
    }

    /**
     * This machine's local stack, when the bench measures it: its servers' processes (their CPU-seconds count towards
     * each run) and Cassandra to flush and let compact before each timed run. A stack elsewhere: none.
     */
    private Machine machine(PrintWriter out) {
        StackConfig config = StackConfig.recorded(KappaCli.home());
        LocalStack stack = new LocalStack(config);
        boolean local = connections.bootstrapServers.equals(config.bootstrapServers());
        List<ProcessHandle> processes = local ? stack.servers().stream().map(s -> s.process())
                .flatMap(Optional::stream).toList() : List.of();
        if (processes.isEmpty()) {
            out.println("bench: the stack is not this machine's local stack: CPU-seconds and the CPU floor are not "
                    + "measured, and Cassandra is not flushed between runs");
            return Machine.remote();
        }
        List<ProcessHandle> cassandra = stack.servers().stream().filter(s -> s.name().startsWith("cassandra"))
                .map(s -> s.process()).flatMap(Optional::stream).toList();
        return new Machine(processes, Runtime.getRuntime().availableProcessors(),
                new CassandraQuiescence(cassandra, Duration.ofMinutes(5)));
    }

    /** The runs asked for, in the order of the first round. */
    private List<Rounds.Run> selected(BenchTarget target, Dataset data, UploadedJob job) {
        ConsumerBaselines baselines = new ConsumerBaselines(target, data);
        SinkRun sink = new SinkRun(target, data, baselines::rows, Duration.ofSeconds(sinkGridSeconds));
        ReplayRuns replays = new ReplayRuns(target, job);
        LiveRun live = new LiveRun(target, job);
        List<Rounds.Run> selected = new ArrayList<>();
        for (String run : RUNS) {
            if (!runs.contains(run)) {
                continue;
            }
            switch (run) {
                case "raw" -> selected.add(new Rounds.Run("(a)", baselines::read));
                case "split" -> selected.add(new Rounds.Run("(a')", baselines::readSplitCount));
                case "sink" -> selected.add(new Rounds.Run("(s)", sink::run));
                case "discard", "cassandra" -> runtimes.forEach(rt -> selected.add(new Rounds.Run(
                        (run.equals("discard") ? "(b) " : "(c) ") + rt, () -> replays.wordCount(data, rt,
                        run.equals("discard")))));
                case "weather" -> selected.add(new Rounds.Run("(d)", () -> replays.weather(data)));
                default -> selected.add(new Rounds.Run("(e)", () -> live.run(
                        new LiveRun.Feed(liveRate, liveSeconds, vocabulary, partitions))));
            }
        }
        return selected;
    }
}
