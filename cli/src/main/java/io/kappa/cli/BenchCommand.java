package io.kappa.cli;

import io.kappa.cassandra.Tables;
import io.kappa.client.Topics;
import com.datastax.driver.core.Row;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.job.DiscardingSinks;
import io.kappa.job.JobOptions;
import io.kappa.stack.Deadline;
import io.kappa.stack.FlinkRest;
import io.kappa.weather.CityDirectory;
import io.kappa.words.TextNormaliser;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
            "The dataset (default 2,000,000 lines) is produced on the first run and reused. See docs/benchmarks.md."})
public class BenchCommand implements Callable<Integer> {
    static final long DATASET_START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Mixin
    Connections connections = new Connections();

    @Option(names = "--lines", defaultValue = "2000000", description = "lines in the words dataset (default: ${DEFAULT-VALUE})")
    long lines;

    @Option(names = "--vocabulary", defaultValue = "10000", description = "distinct words, Zipf-like (default: ${DEFAULT-VALUE})")
    int vocabulary;

    @Option(names = "--partitions", defaultValue = "2", description = "of the dataset topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--weather-rounds", defaultValue = "250",
            description = "readings of each of the 400 featured bundled cities, one a minute (default: ${DEFAULT-VALUE})")
    int weatherRounds;

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

    /** One line of the table. */
    public record Result(String run, long records, double seconds, long words, Boolean allCounted, long peakBytes,
                         String memoryOf, String note) {
        double recordsPerSecond() {
            return records / Math.max(seconds, 1e-9);
        }
    }

    private final List<Result> results = new ArrayList<>();
    private PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        FlinkRest rest = new FlinkRest(flinkUrl);
        Path jobJar = jar != null ? jar : KappaCli.home().resolve("job/target/kappa-job.jar");
        out.printf("bench: %s, %d cores, %.1f GiB; Kafka %s, Flink %s, parallelism %d%n", cpu(),
                Runtime.getRuntime().availableProcessors(), totalMemoryGiB(), connections.bootstrapServers, flinkUrl,
                parallelism);
        Dataset data = dataset();
        String jarId = null;
        if (runs.contains("raw")) {
            results.add(rawConsumer(data));
        }
        if (runs.contains("split")) {
            results.add(readSplitCount(data));
        }
        if (runs.stream().anyMatch(r -> List.of("discard", "cassandra", "weather", "live").contains(r))) {
            jarId = rest.uploadJar(jobJar);
        }
        for (JobOptions.ReplayRuntime runtime : runtimes) {
            if (runs.contains("discard")) {
                results.add(replay(rest, jarId, data, "(b) replay → discard, " + runtime, runtime, true));
            }
        }
        for (JobOptions.ReplayRuntime runtime : runtimes) {
            if (runs.contains("cassandra")) {
                results.add(replay(rest, jarId, data, "(c) replay → Cassandra, " + runtime, runtime, false));
            }
        }
        if (runs.contains("weather")) {
            results.add(weatherReplay(rest, jarId, data));
        }
        if (runs.contains("live")) {
            results.add(live(rest, jarId));
        }
        out.println();
        out.print(table(results));
        return results.stream().allMatch(r -> r.allCounted() == null || r.allCounted()) ? 0 : 1;
    }

    /** The topics and what they hold. */
    record Dataset(String words, String weather, String empty, long lines, long totalWords, long readings,
                   TextGenerator.Spec spec) {}

    Dataset dataset() {
        TextGenerator.Spec spec = new TextGenerator.Spec(lines, vocabulary, 5, 10, 1.0, DATASET_START,
                Duration.ofHours(2), 0, Duration.ZERO, 0, Duration.ZERO, 42);
        String words = "bench-words-" + lines + "-" + vocabulary + "-p" + partitions;
        // "f400": the featured 400 cities; a topic made from the former bundled 400 (named without it) is not reused
        String weather = "bench-weather-f400-" + weatherRounds + "-p" + partitions;
        Topics.create(connections.kafka(), List.of(words, weather, "bench-empty", "bench-late", "bench-weather-late",
                "bench-dead"), partitions, (short) 1);
        long totalWords = 0;
        TextGenerator gen = new TextGenerator(spec);
        while (gen.hasNext()) {
            totalWords += gen.next().words();
        }
        long inWords = records(words);
        if (inWords != lines) {
            require(inWords == 0, "topic " + words + " holds " + inWords + " records, not " + lines
                    + ": delete it (or use other --lines) and run again");
            out.printf("producing the words dataset: %,d lines into %s (once; later runs reuse it)%n", lines, words);
            long t = System.nanoTime();
            ProduceCommand.generate(connections, words, spec, true);
            out.printf("  produced in %.1f s%n", (System.nanoTime() - t) / 1e9);
        } else {
            out.printf("words dataset: %,d lines, %,d words in %s (reused)%n", lines, totalWords, words);
        }
        WeatherSimulator.Spec weatherSpec = new WeatherSimulator.Spec(benchCities(),
                DATASET_START, Duration.ofMinutes(weatherRounds), Duration.ofMinutes(1), 42, 0, 0, 0);
        long readings = new WeatherSimulator(weatherSpec).readings();
        long inWeather = records(weather);
        if (inWeather != readings) {
            require(inWeather == 0, "topic " + weather + " holds " + inWeather + " records, not "
                    + readings + ": delete it and run again");
            out.printf("producing the weather dataset: %,d readings into %s%n", readings, weather);
            ProduceCommand.simulate(connections, weather, weatherSpec, true);
        } else {
            out.printf("weather dataset: %,d readings in %s (reused)%n", readings, weather);
        }
        return new Dataset(words, weather, "bench-empty", lines, totalWords, readings, spec);
    }

    /** The weather dataset's cities: the simulator's 400 featured bundled cities. */
    private static List<io.kappa.weather.City> benchCities() {
        return CityDirectory.bundled().featured(ProduceCommand.Weather.FEATURED_CITIES);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** Records in a topic, from offset zero to its end. */
    long records(String topic) {
        return ReplayCommand.recordsToReplay(connections.kafka(), List.of(topic), null);
    }

    /** (a) the limit: a consumer that reads every record and does nothing with it. */
    Result rawConsumer(Dataset d) {
        out.println("(a) plain KafkaConsumer ...");
        resetPeakHeap();
        long[] bytes = {0};
        long start = System.nanoTime();
        long n = readAll(d.words(), r -> bytes[0] += r.value().length);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("(a) plain KafkaConsumer", n, seconds, 0, n == d.lines(), peakHeap(), "CLI heap",
                String.format("%.0f MB/s", bytes[0] / 1e6 / seconds));
    }

    /** (a') the same, plus what the job does to a line: decode, normalise, split, count per window and word. */
    Result readSplitCount(Dataset d) {
        out.println("(a') one thread: read, split, count ...");
        resetPeakHeap();
        Map<Long, Map<String, long[]>> counts = new HashMap<>();
        long[] words = {0};
        long start = System.nanoTime();
        long n = readAll(d.words(), r -> {
            long window = r.timestamp() - Math.floorMod(r.timestamp(), 60_000L);
            Map<String, long[]> w = counts.computeIfAbsent(window, k -> new HashMap<>());
            for (String word : TextNormaliser.words(new String(r.value(), StandardCharsets.UTF_8))) {
                w.computeIfAbsent(word, k -> new long[1])[0]++;
                words[0]++;
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = counts.values().stream().mapToLong(Map::size).sum();
        return new Result("(a') one thread: read, split, count", n, seconds, words[0], words[0] == d.totalWords(),
                peakHeap(), "CLI heap", String.format("%,d (window, word) rows", rows));
    }

    private long readAll(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> c = ConsumeCommand.fromTheStart(connections, topic)) {
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
            long n = 0;
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    each.accept(r);
                    n++;
                }
            }
            return n;
        }
    }

    private List<String> jobArgs(String wordsTopic, boolean weather, String weatherTopic, String keyspace) {
        List<String> a = new ArrayList<>(List.of("--bootstrap-servers", connections.bootstrapServers,
                "--cassandra-hosts", connections.cassandraHosts, "--cassandra-port", Integer.toString(connections.cassandraPort),
                "--words-topic", wordsTopic, "--late-topic", "bench-late", "--dead-letter-topic", "bench-dead",
                "--weather-late-topic", "bench-weather-late", "--keyspace", keyspace));
        if (weather) {
            a.addAll(List.of("--weather-topic", weatherTopic));
        } else {
            a.add("--no-weather");
        }
        if (connections.kafkaPropertiesFile != null) {
            a.addAll(List.of("--kafka-properties-file", connections.kafkaPropertiesFile.toAbsolutePath().toString()));
        }
        if (connections.cassandraPropertiesFile != null) {
            a.addAll(List.of("--cassandra-properties-file",
                    connections.cassandraPropertiesFile.toAbsolutePath().toString()));
        }
        return a;
    }

    /** (b) and (c): the word-count replay on the session cluster. */
    Result replay(FlinkRest rest, String jarId, Dataset d, String name, JobOptions.ReplayRuntime runtime,
                  boolean discard) {
        String keyspace = "bench_" + runtime;
        if (!discard) {
            dropKeyspace(keyspace);
        }
        List<String> args = jobArgs(d.words(), false, null, keyspace);
        args.addAll(List.of("--mode", "replay", "--replay-runtime", runtime.name(), "--output",
                discard ? "discard" : "cassandra", "--job-name", "bench " + name));
        Finished f = runToEnd(rest, jarId, args, name);
        long words = discard ? Long.parseLong(rest.accumulators(f.jobId()).getOrDefault(DiscardingSinks.WORDS, "-1"))
                : wordsInCassandra(keyspace, d);
        return new Result(name, d.lines(), f.seconds(), words, words == d.totalWords() && f.state().equals("FINISHED"),
                f.peakHeap(), "TaskManager heap", f.state().equals("FINISHED") ? "" : f.state());
    }

    /** (d): the weather replay into Cassandra (an empty words topic beside it). */
    Result weatherReplay(FlinkRest rest, String jarId, Dataset d) {
        String keyspace = "bench_weather";
        dropKeyspace(keyspace);
        List<String> args = jobArgs(d.empty(), true, d.weather(), keyspace);
        args.addAll(List.of("--mode", "replay", "--job-name", "bench weather"));
        Finished f = runToEnd(rest, jarId, args, "(d) weather replay → Cassandra");
        long rows;
        CassandraSettings settings = connections.cassandra(keyspace, 1);
        try (CassandraConnection c = CassandraConnection.open(settings)) {
            rows = 0;
            for (io.kappa.weather.City city : benchCities()) {
                rows += c.session().execute("SELECT count(*) FROM " + keyspace + "."
                        + Tables.WEATHER_OBSERVATIONS.name() + " WHERE city_id = ?", city.id()).one().getLong(0);
            }
        }
        return new Result("(d) weather replay → Cassandra", d.readings(), f.seconds(), 0,
                rows == d.readings() && f.state().equals("FINISHED"), f.peakHeap(), "TaskManager heap",
                String.format("%,d observation rows", rows));
    }

    /** (e): a live job fed in real time; how long after its window's end each row is written. */
    Result live(FlinkRest rest, String jarId) {
        String topic = "bench-live-" + System.currentTimeMillis();
        String keyspace = "bench_live";
        dropKeyspace(keyspace);
        Topics.create(connections.kafka(), List.of(topic), partitions, (short) 1);
        List<String> args = jobArgs(topic, false, null, keyspace);
        args.addAll(List.of("--mode", "live", "--window", "10s", "--out-of-orderness", "1s", "--idleness", "0",
                "--group-id", topic, "--job-name", "bench live"));
        String name = String.format("(e) live at %,.0f lines/s", liveRate);
        out.println(name + " for " + liveSeconds + " s ...");
        String jobId = rest.runJar(jarId, args, parallelism, null);
        try {
            Deadline.await("the live job running", Duration.ofMinutes(1), () -> rest.state(jobId).equals("RUNNING"));
            TextGenerator.Spec spec = new TextGenerator.Spec((long) (liveRate * liveSeconds), vocabulary, 5, 10, 1.0, 0,
                    Duration.ofMinutes(1), 0, Duration.ZERO, 0, Duration.ZERO, 43);
            long[] peak = {0};
            CompletableFuture<ProduceCommand.Summary> feed = CompletableFuture.supplyAsync(
                    () -> ProduceCommand.stream(connections, topic, spec, liveRate, false));
            while (!feed.isDone()) {
                pause(500); // the sampling interval of the heap figure
                peak[0] = Math.max(peak[0], rest.taskManagerHeapUsedBytes());
            }
            feed.join();
            // the windows that closed: those that ended more than the out-of-orderness before the last record
            TreeMap<Long, Long> produced = new TreeMap<>();
            readAll(topic, r -> produced.merge(r.timestamp() - Math.floorMod(r.timestamp(), 10_000L),
                    (long) new String(r.value(), StandardCharsets.UTF_8).split(" ").length, Long::sum));
            long lastTs = produced.lastKey();
            // (the first window began before the feed did: it is partly empty, but complete)
            produced.keySet().removeIf(w -> w + 10_000 + 1_000 > lastTs);
            List<Long> latencies = new ArrayList<>();
            long[] found = {0};
            CassandraSettings settings = connections.cassandra(keyspace, 1);
            try (CassandraConnection c = CassandraConnection.open(settings)) {
                Deadline.await("the closed windows' rows", Duration.ofMinutes(1), () -> {
                    latencies.clear();
                    found[0] = 0;
                    for (long w : produced.keySet()) {
                        for (Row row : c.session().execute("SELECT count, writetime(count) FROM " + keyspace + "."
                                + Tables.WORD_COUNTS.name() + " WHERE window_start = ?", new Date(w))) {
                            found[0] += row.getLong(0);
                            latencies.add(row.getLong(1) / 1000 - (w + 10_000));
                        }
                    }
                    return found[0] >= produced.values().stream().mapToLong(Long::longValue).sum();
                });
            }
            long expected = produced.values().stream().mapToLong(Long::longValue).sum();
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            String note = String.format("latency beyond window end over %,d rows of %d windows: p50 %,d ms, p99 %,d ms"
                    + " (10 s windows, 1 s out-of-orderness)", sorted.length, produced.size(), percentile(sorted, 50),
                    percentile(sorted, 99));
            return new Result(name, spec.lines(), liveSeconds, found[0], found[0] == expected, peak[0],
                    "TaskManager heap", note);
        } finally {
            rest.cancel(jobId);
        }
    }

    private static void pause(long millis) {
        java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000);
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** A job that ended, and what it took. */
    record Finished(String jobId, String state, double seconds, long peakHeap) {}

    private Finished runToEnd(FlinkRest rest, String jarId, List<String> args, String name) {
        out.println(name + " ...");
        String jobId = rest.runJar(jarId, args, parallelism, null);
        long peak = 0;
        String state;
        while (true) {
            state = rest.state(jobId);
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                break;
            }
            peak = Math.max(peak, rest.taskManagerHeapUsedBytes());
            pause(250); // the sampling interval of the heap figure
        }
        return new Finished(jobId, state, rest.durationMillis(jobId) / 1000.0, peak);
    }

    private long wordsInCassandra(String keyspace, Dataset d) {
        long sum = 0;
        try (CassandraConnection c = CassandraConnection.open(connections.cassandra(keyspace, 1))) {
            for (long w = DATASET_START; w < DATASET_START + d.spec().span().toMillis(); w += 60_000) {
                sum += c.session().execute("SELECT sum(count) FROM " + keyspace + "."
                        + Tables.WORD_COUNTS.name() + " WHERE window_start = ?", new Date(w)).one().getLong(0);
            }
        }
        return sum;
    }

    private void dropKeyspace(String keyspace) {
        try (CassandraConnection c = CassandraConnection.open(connections.cassandra(keyspace, 1))) {
            c.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
        }
    }

    static String table(List<Result> results) {
        double limit = results.stream().filter(r -> r.run().startsWith("(a)")).findFirst()
                .map(Result::recordsPerSecond).orElse(Double.NaN);
        StringBuilder b = new StringBuilder();
        b.append(String.format("| %-36s | %10s | %8s | %10s | %11s | %7s | %-24s | %-6s | %s |%n", "run", "records",
                "seconds", "records/s", "words/s", "vs (a)", "peak memory", "words", "note"));
        b.append("|").append("-".repeat(38)).append("|").append("-".repeat(12)).append("|").append("-".repeat(10))
                .append("|").append("-".repeat(12)).append("|").append("-".repeat(13)).append("|")
                .append("-".repeat(9)).append("|").append("-".repeat(26)).append("|").append("-".repeat(8))
                .append("|---|\n");
        for (Result r : results) {
            b.append(String.format("| %-36s | %,10d | %8.1f | %,10.0f | %11s | %6.0f%% | %-24s | %-6s | %s |%n",
                    r.run(), r.records(), r.seconds(), r.recordsPerSecond(),
                    r.words() > 0 ? String.format("%,.0f", r.words() / r.seconds()) : "",
                    100 * r.recordsPerSecond() / limit,
                    String.format("%,d MiB %s", r.peakBytes() >> 20, r.memoryOf()),
                    r.allCounted() == null ? "" : r.allCounted() ? "all" : "WRONG", r.note()));
        }
        return b.toString();
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String cpu() {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
    }

    private static double totalMemoryGiB() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (double) (1L << 30);
    }
}
