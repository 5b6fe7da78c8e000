package io.kappa.job;

import io.kappa.core.InvalidOptionException;
import io.kappa.core.ConnectionProperties;
import io.kappa.core.Settings;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.KeyspaceNames;
import io.kappa.kafka.TopicNames;
import io.kappa.kafka.KafkaSettings;
import io.kappa.weather.CityDirectory;
import io.kappa.weather.WeatherPipeline;
import io.kappa.words.WordCountPipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's arguments, the same for {@code flink run}, the web UI's "Program Arguments" and the tests.
 * Parsing fails fast with one line that names the option ({@link InvalidOptionException}).
 */
@Command(name = "kappa-job", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
            "Kappa Pipeline: one Flink job for live and replay.",
            "  live   reads the topics from the committed offsets (earliest when there are none), unbounded,"
                + " checkpointed.",
            "  replay reads them from offset zero (or --from) up to the offsets present at start, then finishes.",
            "Both upsert the same Cassandra tables (or the keyspace given by --keyspace).",
            "Durations: 500ms, 10s, 1m, 2h."})
public class JobOptions {

    /** The default input topics and output version: constants, so that other modules name them from here. */
    public static final String WORDS_TOPIC = "words";
    public static final String WEATHER_TOPIC = "weather";
    public static final String DEFAULT_KEYSPACE = "kappa";
    /** The kinds of side topic, each named {@code <keyspace>-<kind>} by default ({@link #sideTopic}). */
    public static final String LATE_WORDS = "words-late";
    public static final String LATE_WEATHER = "weather-late";
    public static final String DEAD_LETTERS = "dead-letters";

    public enum Mode { live, replay }

    /** Where the results go: Cassandra, or counted and dropped (benchmarks). */
    public enum Output { cassandra, discard }

    /** How a replay runs: STREAMING (the same watermarks and lateness as live) or BATCH. */
    public enum ReplayRuntime { streaming, batch }

    @Option(names = "--mode", defaultValue = "live", description = "live | replay (default: ${DEFAULT-VALUE})")
    public Mode mode;

    @Option(names = "--from", paramLabel = "<time>",
            description = "replay only: start at this record time instead of offset zero "
                    + "(ISO-8601 instant like 2026-11-22T10:00:00Z, or epoch milliseconds)")
    public String from;

    @Option(names = "--replay-runtime", defaultValue = "streaming",
            description = "replay only: streaming | batch (default: ${DEFAULT-VALUE}; see docs/replay.md)")
    public ReplayRuntime replayRuntime;

    @Option(names = Settings.CONFIG_OPTION, paramLabel = "<file>",
            description = "a properties file of options (keys: the options' names, e.g. bootstrap-servers=kafka:9093) "
                    + "and client properties (kafka.*, cassandra.*, secrets too); default: $KAPPA_CONFIG, else "
                    + "./kappa.properties when present. An option's order: the command line, KAPPA_<OPTION>, this file")
    public java.nio.file.Path config;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    public String bootstrapServers;

    @Option(names = "--kafka-properties-file", paramLabel = "<file>",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*) for sources, sinks and checks; "
                    + "the place for secrets, with KAPPA_KAFKA_* environment variables (docs/security.md)")
    public java.nio.file.Path kafkaPropertiesFile;

    @Option(names = "--kafka-property", paramLabel = "<key=value>",
            description = "one more Kafka client property (repeatable), e.g. security.protocol=SASL_SSL; "
                    + "secrets are refused here")
    public Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--words-topic", defaultValue = WORDS_TOPIC, description = "text lines in (default: ${DEFAULT-VALUE})")
    public String wordsTopic;

    @Option(names = "--late-topic",
            description = "words of records too late to count (default: <keyspace>-words-late; created if missing)")
    public String lateTopic;

    @Option(names = "--dead-letter-topic",
            description = "records that cannot be read, with the reason (default: <keyspace>-dead-letters; created if "
                    + "missing)")
    public String deadLetterTopic;

    @Option(names = "--weather", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "enrich the weather topic too (default: on; --no-weather switches it off)")
    public boolean weather;

    @Option(names = "--weather-topic", defaultValue = WEATHER_TOPIC,
            description = "OpenWeather current-weather JSON documents in, keyed by city id (default: ${DEFAULT-VALUE})")
    public String weatherTopic;

    @Option(names = "--weather-late-topic",
            description = "readings too late for their window's summary (default: <keyspace>-weather-late; created if "
                    + "missing)")
    public String weatherLateTopic;

    @Option(names = "--weather-window", defaultValue = "1h", converter = DurationConverter.class,
            description = "per-city summary window (default: ${DEFAULT-VALUE})")
    public Duration weatherWindow;

    @Option(names = "--cities", paramLabel = "<csv>",
            description = "city reference data (id,name,country,lat,lon,timezone[,population]); default: the bundled"
                    + " list, every GeoNames city of at least 15,000 inhabitants")
    public java.nio.file.Path cities;

    @Option(names = "--group-id", defaultValue = "kappa-live",
            description = "live only: consumer group whose offsets are committed on checkpoints (default: ${DEFAULT-VALUE})")
    public String groupId;

    @Option(names = "--window", defaultValue = "1m", converter = DurationConverter.class,
            description = "tumbling event-time window size (default: ${DEFAULT-VALUE})")
    public Duration window;

    @Option(names = "--allowed-lateness", defaultValue = "1m", converter = DurationConverter.class,
            description = "how long after its end a window still accepts records and re-emits its count "
                    + "(default: ${DEFAULT-VALUE})")
    public Duration allowedLateness;

    @Option(names = "--out-of-orderness", defaultValue = "5s", converter = DurationConverter.class,
            description = "bound on how far out of order records arrive; the watermark trails the newest record "
                    + "by this (default: ${DEFAULT-VALUE})")
    public Duration outOfOrderness;

    @Option(names = "--idleness", defaultValue = "30s", converter = DurationConverter.class,
            description = "a partition with no records for this long stops holding the watermark back; 0 = never "
                    + "(default: ${DEFAULT-VALUE})")
    public Duration idleness;

    @Option(names = "--partition-discovery", defaultValue = "1m", converter = DurationConverter.class,
            description = "live only: how often to look for partitions added to the input topics, read from offset "
                    + "zero once found; 0 = never (default: ${DEFAULT-VALUE})")
    public Duration partitionDiscovery;

    @Option(names = "--max-line-bytes", defaultValue = "1048576",
            description = "longer lines go to the dead-letter topic (default: ${DEFAULT-VALUE})")
    public int maxLineBytes;

    @Option(names = "--max-word-bytes", defaultValue = "512",
            description = "a line with a longer word (UTF-8 bytes) goes to the dead-letter topic; Cassandra refuses "
                    + "keys over 65535 bytes (default: ${DEFAULT-VALUE})")
    public int maxWordBytes;

    @Option(names = "--max-weather-bytes", defaultValue = "65536",
            description = "longer weather documents go to the dead-letter topic (default: ${DEFAULT-VALUE})")
    public int maxWeatherBytes;

    @Option(names = "--max-dt-ahead", defaultValue = "1h", converter = DurationConverter.class,
            description = "a reading whose dt is further than this after its record's timestamp has a wrong clock and "
                    + "goes to the dead-letter topic (default: ${DEFAULT-VALUE})")
    public Duration maxDtAhead;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "live and streaming replays: checkpoint every (default: ${DEFAULT-VALUE})")
    public Duration checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "<uri>",
            description = "where checkpoints go, e.g. file:///tmp/kappa/checkpoints (default: the cluster's "
                    + "state.checkpoints.dir)")
    public String checkpointDir;

    @Option(names = "--cassandra-hosts", defaultValue = "127.0.0.1",
            description = "Cassandra contact points, comma-separated (default: ${DEFAULT-VALUE})")
    public String cassandraHosts;

    @Option(names = "--cassandra-port", defaultValue = "9042", description = "CQL port (default: ${DEFAULT-VALUE})")
    public int cassandraPort;

    @Option(names = "--cassandra-properties-file", paramLabel = "<file>",
            description = "Cassandra client properties: username, password, ssl, ssl.truststore.location, "
                    + "ssl.truststore.password, ssl.truststore.type; or KAPPA_CASSANDRA_* environment variables")
    public java.nio.file.Path cassandraPropertiesFile;

    @Option(names = "--cassandra-property", paramLabel = "<key=value>",
            description = "one more Cassandra client property (repeatable), e.g. ssl=true; secrets are refused here")
    public Map<String, String> cassandraProperties = new LinkedHashMap<>();

    @Option(names = "--keyspace", defaultValue = DEFAULT_KEYSPACE,
            description = "output version: the keyspace the tables live in (default: ${DEFAULT-VALUE})")
    public String keyspace;

    @Option(names = "--replication-factor", defaultValue = "0",
            description = "replication factor when the keyspace is created; 0: as many replicas as the Cassandra "
                    + "cluster has nodes, at most 3 (default: ${DEFAULT-VALUE})")
    public int replicationFactor;

    @Option(names = "--cassandra-consistency", paramLabel = "<level>",
            description = "consistency of the writes (LOCAL_QUORUM, LOCAL_ONE, …); default: LOCAL_QUORUM where the "
                    + "keyspace has 3 replicas or more, else LOCAL_ONE")
    public String cassandraConsistency;

    @Option(names = "--cassandra-max-concurrent-writes", defaultValue = "64",
            description = "writes in flight per sink subtask before back-pressure, an eighth of it as batches of up to 1,000 "
                    + "rows of one partition (default: ${DEFAULT-VALUE}, so 8 batches)")
    public int cassandraMaxConcurrentWrites;

    @Option(names = "--cassandra-retry-budget", defaultValue = "2m", converter = DurationConverter.class,
            description = "how long a write that times out or meets an overloaded Cassandra is retried (with backoff) "
                    + "before the job fails over (default: ${DEFAULT-VALUE})")
    public Duration cassandraRetryBudget;

    @Option(names = "--output", defaultValue = "cassandra",
            description = "cassandra | discard: count the results and drop them, to measure the job without its "
                    + "database (bin/kappa bench); late records and dead letters still go to Kafka (default: "
                    + "${DEFAULT-VALUE})")
    public Output output;

    @Option(names = "--job-name", description = "name shown in the Flink web UI (default: kappa-<mode>-<keyspace>)")
    public String jobName;

    /** Where KAPPA_KAFKA_* and KAPPA_CASSANDRA_* are read from: the process environment (tests replace it). */
    Map<String, String> environment = System.getenv();

    private transient Map<String, String> kafkaClient;
    /** Where options not on the command line come from ({@code --config}, {@code KAPPA_…}). */
    private transient Settings settings = Settings.none();
    private transient CassandraSettings cassandraSettings;

    /**
     * Parses and validates. Returns null when help or the version was asked for (the text has been printed).
     */
    public static JobOptions parse(String... args) {
        return parse(System.getenv(), args);
    }

    /**
     * As {@link #parse(String...)}, with the environment variables given: options not on the command line come from
     * the environment ({@code KAPPA_…}) and the configuration file ({@code --config}, {@link Settings}).
     */
    public static JobOptions parse(Map<String, String> environment, String... args) {
        JobOptions options = new JobOptions();
        options.environment = environment;
        options.settings = Settings.of(java.util.Arrays.asList(args), environment, java.nio.file.Path.of(""));
        CommandLine cli = parseInto(options, options.settings, args);
        if (cli.isUsageHelpRequested()) {
            cli.usage(System.out);
            return null;
        }
        options.validate();
        return options;
    }

    /** Parses without validating; the last occurrence of an option wins. */
    static CommandLine parseInto(JobOptions options, String... args) {
        return parseInto(options, Settings.none(), args);
    }

    static CommandLine parseInto(JobOptions options, Settings settings, String... args) {
        CommandLine cli = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true)
                .setOverwrittenOptionsAllowed(true).setDefaultValueProvider(settings);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new InvalidOptionException(e.getMessage() + " (see --help)");
        }
        return cli;
    }

    /**
     * A duration as the options take it, without a space (a command line split at spaces, as the web UI's Program
     * Arguments field does, keeps it whole): the largest of d, h, min, s, ms that divides it.
     */
    static String compact(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    public static String usage() {
        StringWriter out = new StringWriter();
        new CommandLine(new JobOptions()).usage(new PrintWriter(out));
        return out.toString();
    }

    void validate() {
        require(!window.isNegative() && !window.isZero(), "--window must be greater than zero, was " + window);
        require(!allowedLateness.isNegative(), "--allowed-lateness must not be negative");
        require(!outOfOrderness.isNegative(), "--out-of-orderness must not be negative");
        require(!idleness.isNegative(), "--idleness must not be negative");
        require(!partitionDiscovery.isNegative(), "--partition-discovery must not be negative");
        require(!checkpointInterval.isNegative() && checkpointInterval.toMillis() >= 10,
                "--checkpoint-interval must be at least 10ms, was " + checkpointInterval);
        require(maxLineBytes > 0, "--max-line-bytes must be greater than zero");
        require(cassandraPort > 0 && cassandraPort < 65536, "--cassandra-port must be a port number (1-65535)");
        require(replicationFactor >= 0, "--replication-factor must be 0 (automatic) or more");
        require(cassandraMaxConcurrentWrites >= 1, "--cassandra-max-concurrent-writes must be at least 1");
        require(!cassandraRetryBudget.isNegative(), "--cassandra-retry-budget must not be negative");
        KeyspaceNames.require(keyspace, "--keyspace");
        require(!bootstrapServers.isBlank(), "--bootstrap-servers must not be empty");
        require(!cassandraHosts.isBlank(), "--cassandra-hosts must not be empty");
        TopicNames.require(wordsTopic, "--words-topic");
        TopicNames.require(lateTopic(), lateTopic == null ? "the late topic of --keyspace" : "--late-topic");
        TopicNames.require(deadLetterTopic(), deadLetterTopic == null ? "the dead-letter topic of --keyspace"
                : "--dead-letter-topic");
        require(maxWordBytes > 0 && maxWordBytes <= 65535, "--max-word-bytes must be 1..65535 (Cassandra's key limit)");
        require(maxWeatherBytes > 0, "--max-weather-bytes must be greater than zero");
        require(!maxDtAhead.isNegative(), "--max-dt-ahead must not be negative");
        require(from == null || mode == Mode.replay, "--from only applies to --mode replay");
        require(!weatherWindow.isNegative() && !weatherWindow.isZero(), "--weather-window must be greater than zero");
        if (weather) {
            TopicNames.require(weatherTopic, "--weather-topic");
            TopicNames.require(weatherLateTopic(), weatherLateTopic == null ? "the late-weather topic of --keyspace"
                    : "--weather-late-topic");
        }
        require(cities == null || java.nio.file.Files.isReadable(cities), "--cities file " + cities + " cannot be read");
        if (from != null) {
            fromMillis();
        }
        kafkaClient = ConnectionProperties.kafka(settings, kafkaPropertiesFile, environment, kafkaProperties);
        cassandraSettings = new CassandraSettings(cassandraHosts, cassandraPort, keyspace, replicationFactor,
                ConnectionProperties.cassandra(settings, cassandraPropertiesFile, environment, cassandraProperties))
                .withConsistency(cassandraConsistency == null ? null : cassandraConsistency.toUpperCase(java.util.Locale.ROOT));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidOptionException(message);
        }
    }

    /** The replay start time in epoch milliseconds, or null for offset zero. */
    public Long fromMillis() {
        if (from == null) {
            return null;
        }
        try {
            return from.chars().allMatch(Character::isDigit) ? Long.parseLong(from) : Instant.parse(from).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidOptionException("--from must be an ISO-8601 instant (2026-11-22T10:00:00Z) or epoch "
                    + "milliseconds, was '" + from + "'");
        }
    }

    public String jobName() {
        return jobName != null ? jobName : JobNames.of(mode, keyspace);
    }

    /** The options with their defaults, not validated: what {@link JobArgs} starts from. */
    public static JobOptions defaults() {
        JobOptions o = new JobOptions();
        new CommandLine(o).parseArgs();
        return o;
    }

    /**
     * The arguments that give these options back when parsed: every option whose value differs from its default,
     * in declaration order. The one way the job's command line is made (bin/kappa, the bench, the tests), so that
     * what is started is what {@link #parse} checks.
     */
    public List<String> toArgs() {
        JobOptions defaults = defaults();
        CommandLine.Model.CommandSpec mine = CommandLine.Model.CommandSpec.forAnnotatedObject(this);
        CommandLine.Model.CommandSpec theirs = CommandLine.Model.CommandSpec.forAnnotatedObject(defaults);
        List<String> args = new ArrayList<>();
        for (CommandLine.Model.OptionSpec option : mine.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            Object value = option.getValue();
            Object standard = theirs.findOption(option.longestName()).getValue();
            if (java.util.Objects.equals(value, standard)) {
                continue;
            }
            String name = option.longestName();
            if (value instanceof Boolean b) {
                args.add(b ? name : name.replaceFirst("^--", "--no-"));
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> args.addAll(List.of(name, k + "=" + v)));
            } else if (value != null) {
                args.add(name);
                args.add(value instanceof Duration d ? compact(d) : value.toString());
            }
        }
        return args;
    }

    public KafkaSettings kafka() {
        requireValidated();
        return new KafkaSettings(bootstrapServers, kafkaClient);
    }

    public CassandraSettings cassandra() {
        requireValidated();
        return cassandraSettings;
    }

    private void requireValidated() {
        if (kafkaClient == null) {
            validate();
        }
    }

    /** The late-words topic: {@code --late-topic}, else named after the output version. */
    public String lateTopic() {
        return lateTopic != null ? lateTopic : sideTopic(keyspace, LATE_WORDS);
    }

    /** The dead-letter topic: {@code --dead-letter-topic}, else named after the output version. */
    public String deadLetterTopic() {
        return deadLetterTopic != null ? deadLetterTopic : sideTopic(keyspace, DEAD_LETTERS);
    }

    /** The late-weather topic: {@code --weather-late-topic}, else named after the output version. */
    public String weatherLateTopic() {
        return weatherLateTopic != null ? weatherLateTopic : sideTopic(keyspace, LATE_WEATHER);
    }

    /** An output version's own side topic: {@code <keyspace>-<kind>} (docs/semantics.md, rule 3). */
    public static String sideTopic(String keyspace, String kind) {
        return keyspace + "-" + kind;
    }

    /** Where a replay --from starts in event time: the start of the window that holds it (rule 5), or MIN. */
    static long rangeStart(Long fromMillis, Duration window) {
        return fromMillis == null ? Long.MIN_VALUE : Math.floorDiv(fromMillis, window.toMillis()) * window.toMillis();
    }

    /** The words topic's replay start: the first record at or after the start of the window of --from. */
    public Long wordsFromMillis() {
        return fromMillis() == null ? null : rangeStart(fromMillis(), window);
    }

    /**
     * The weather topic's replay start: readings of the weather window of --from may have been sent up to
     * --max-dt-ahead before their dt.
     */
    public Long weatherFromMillis() {
        return fromMillis() == null ? null : rangeStart(fromMillis(), weatherWindow) - maxDtAhead.toMillis();
    }

    /**
     * Event time settings. A replay never marks a partition idle (docs/semantics.md): a partition it has read to
     * the end simply stops counting, so idleness would only add timing to a result that needs none.
     */
    public KappaTopology.EventTime eventTime() {
        return new KappaTopology.EventTime(outOfOrderness, mode == Mode.replay ? Duration.ZERO : idleness);
    }

    public WordCountPipeline.Settings words() {
        return new WordCountPipeline.Settings(window, allowedLateness, outOfOrderness, maxLineBytes, maxWordBytes,
                rangeStart(fromMillis(), window), mode == Mode.replay);
    }

    /** Null when --no-weather. Reads the city reference data (bundled or --cities). */
    public WeatherPipeline.Settings weatherSettings() {
        if (!weather) {
            return null;
        }
        CityDirectory directory;
        try {
            directory = cities == null ? CityDirectory.bundled() : CityDirectory.fromFile(cities);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(e.getMessage());
        }
        return new WeatherPipeline.Settings(directory, weatherWindow, allowedLateness, outOfOrderness,
                eventTime().idleness(), maxWeatherBytes, maxDtAhead, rangeStart(fromMillis(), weatherWindow));
    }

    public KappaTopology.Settings topology() {
        return new KappaTopology.Settings(eventTime(), words(), weatherSettings());
    }

    /** Parses 500ms, 10s, 1m, 2h, … with Flink's own duration syntax. */
    public static class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return TimeUtils.parseDuration(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration (examples: 500ms, 10s, 1m, 2h)");
            }
        }
    }
}
