package io.kappa.oracle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent model of the job's contract, docs/semantics.md ("rule N" below is its section N): from the
 * records of the input topics, in offset order within each partition, it computes every row and side-topic
 * record a correct run must produce. Plain Java, no Flink, none of the job's operators, and no code of the job:
 * it reads weather documents with its own {@link WeatherJson} (Eclipse Parsson, not the job's Jackson), the city
 * reference data with its own {@link Cities}, and enriches with its own {@link Enrichment}
 * ({@code OracleIndependenceTest} keeps it so; the one exception left is {@code WordRules}, see there). It favours
 * plainness over speed: one pass over each partition, then straight loops over lists.
 *
 * <p>Where semantics.md gives a reason only as a pattern, {@link WeatherRules}' class comment says how the model
 * renders it. Other readings of the text that are this model's own:
 * <ul>
 *   <li>records that replay {@code --from} reads but ignores (event time before S or Sw) count nowhere,
 *       not even towards {@code M_p} (rule 5: "counted in the recordsBeforeRange metric and nowhere else"); since
 *       their event times are below every window the replay writes, this changes no output;</li>
 *   <li>of several problems of a weather document's JSON (rule 4.2), the reason is the one met first in reading
 *       order, as a streaming parser meets them ({@link WeatherJson}); "not a JSON object" only for a well-formed
 *       document.</li>
 * </ul>
 */
public final class Oracle {
    private Oracle() {}

    /**
     * The job's options that the rules depend on (semantics.md's option list), times in milliseconds.
     * {@code cities}: the city reference data ({@code --cities}; the job's default is {@link Cities#bundled()}).
     * {@code fromMillis}: replay {@code --from T} (rule 5); null for a full replay.
     */
    public record Settings(long windowMs, long allowedLatenessMs, long outOfOrdernessMs, long weatherWindowMs,
                           int maxLineBytes, int maxWordBytes, int maxWeatherBytes, long maxDtAheadMs,
                           Cities cities, Long fromMillis) {
        public Settings {
            if (windowMs <= 0 || weatherWindowMs <= 0) {
                throw new IllegalArgumentException("windows must be positive");
            }
            if (allowedLatenessMs < 0 || outOfOrdernessMs < 0 || maxDtAheadMs < 0) {
                throw new IllegalArgumentException("lateness, out-of-orderness and dt-ahead must not be negative");
            }
            if (maxLineBytes < 0 || maxWordBytes < 0 || maxWeatherBytes < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
            Objects.requireNonNull(cities, "cities");
        }

        /** The job's defaults: 1 min, 1 min, 5 s, 1 h, 1 MiB, 512, 64 KiB, 1 h, a full replay. */
        public static Settings defaults(Cities cities) {
            return new Settings(60_000, 60_000, 5_000, 3_600_000, 1 << 20, 512, 64 << 10, 3_600_000, cities, null);
        }

        public Settings withFrom(Long fromMillis) {
            return new Settings(windowMs, allowedLatenessMs, outOfOrdernessMs, weatherWindowMs, maxLineBytes,
                    maxWordBytes, maxWeatherBytes, maxDtAheadMs, cities, fromMillis);
        }
    }

    /** One Kafka record as read; records of one partition are given in offset order. */
    public record Input(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Input i && Objects.equals(topic, i.topic) && partition == i.partition
                    && offset == i.offset && timestamp == i.timestamp && Arrays.equals(key, i.key)
                    && Arrays.equals(value, i.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return "Input[" + topic + "-" + partition + "@" + offset + " (timestamp " + timestamp + "): key "
                    + Bytes.show(key) + ", value " + Bytes.show(value) + "]";
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The reading key (rule 4). The job keeps its own copy of exactly this definition.
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Rule 4's canonical text of a reading, hashed into its reading key: the fields joined by {@code |}, in this
     * order, each printed by Java's own {@code toString} of its type, text with {@code \} doubled and {@code |}
     * written {@code \|} ({@link #escape}):
     * <pre>
     * Long.toString(cityId) | Long.toString(dt) | Double.toString(tempK) | Integer.toString(humidity)
     *   | Integer.toString(pressure) | Double.toString(windMs) | Integer.toString(windDeg) | condition
     *   | description | name | country | Double.toString(lat) | Double.toString(lon) | timeZone
     * </pre>
     * {@code dt} in epoch seconds; {@code tempK} and {@code windMs} as the document's numbers read as doubles
     * (JSON 293 and 293.0 both print {@code 293.0}); {@code description} after its default (main in lower case);
     * {@code name, country, lat, lon, timeZone} the enriched values: the reference data's city when it knows the
     * id, else the document's own fields with the zone id of its fixed offset ("UTC-05:00", "UTC" for 0).
     * Example: {@code 2643743|1719835200|293.15|50|1012|5.0|90|Clear|clear sky|London|GB|51.50853|-0.12574|Europe/London}.
     */
    public static String readingKeyText(long cityId, long dt, double tempK, int humidity, int pressure, double windMs,
                                        int windDeg, String condition, String description, String name,
                                        String country, double lat, double lon, String timeZone) {
        return Long.toString(cityId) + "|" + Long.toString(dt) + "|" + Double.toString(tempK) + "|"
                + Integer.toString(humidity) + "|" + Integer.toString(pressure) + "|" + Double.toString(windMs) + "|"
                + Integer.toString(windDeg) + "|" + escape(condition) + "|" + escape(description) + "|" + escape(name)
                + "|" + escape(country) + "|" + Double.toString(lat) + "|" + Double.toString(lon) + "|" + escape(timeZone);
    }

    /** Text in the key text: a backslash becomes two, a bar becomes backslash-bar, so no two texts join alike. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|");
    }

    /**
     * Rule 4's reading key {@code k}: the first 8 bytes, big-endian, of SHA-256 over the UTF-8 bytes of
     * {@link #readingKeyText}. A Java long holds those 64 bits; read it as <b>unsigned</b>
     * ({@link Long#compareUnsigned}, {@link Long#remainderUnsigned}).
     */
    public static long readingKey(long cityId, long dt, double tempK, int humidity, int pressure, double windMs,
                                  int windDeg, String condition, String description, String name, String country,
                                  double lat, double lon, String timeZone) {
        String text = readingKeyText(cityId, dt, tempK, humidity, pressure, windMs, windDeg, condition, description,
                name, country, lat, lon, timeZone);
        byte[] hash = sha256(text.getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (hash[i] & 0xFF);
        }
        return k;
    }

    /** {@code k mod 10^6}, k unsigned. */
    public static long keyMod(long readingKey) {
        return Long.remainderUnsigned(readingKey, 1_000_000L);
    }

    /** Rule 4's Cassandra write timestamp of a row holding the reading: {@code dt · 10^6 + (k mod 10^6)} (µs). */
    public static long writeTime(long dt, long readingKey) {
        return Math.addExact(Math.multiplyExact(dt, 1_000_000L), keyMod(readingKey));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Rule 1: event time and lateness, per partition
    // ---------------------------------------------------------------------------------------------------------

    /** The start of the tumbling window of {@code t}: {@code floor(t / size) · size}, aligned to the epoch. */
    static long windowStart(long t, long size) {
        return Math.multiplyExact(Math.floorDiv(t, size), size);
    }

    /**
     * {@code W(r) = M_p − D − 1}, with {@code M_p} the largest event time among the partition's earlier records;
     * null stands for −∞ (no earlier record with an event time).
     */
    static Long watermark(Long maxEarlierEventTime, long outOfOrdernessMs) {
        if (maxEarlierEventTime == null) {
            return null;
        }
        return Math.subtractExact(Math.subtractExact(maxEarlierEventTime, outOfOrdernessMs), 1);
    }

    /** Too late iff {@code s + w − 1 + L ≤ W(r)}; never when W(r) is −∞. */
    static boolean tooLate(long windowStart, long windowSize, long allowedLatenessMs, Long watermark) {
        if (watermark == null) {
            return false;
        }
        long lastMomentCounted = Math.addExact(Math.addExact(windowStart, windowSize - 1), allowedLatenessMs);
        return lastMomentCounted <= watermark;
    }

    private static Long max(Long current, long t) {
        return current == null ? t : Math.max(current, t);
    }

    private record TopicPartition(String topic, int partition) {}

    /** The records of each partition, in the order given, which must be increasing offsets. */
    private static Map<TopicPartition, List<Input>> byPartition(List<Input> records) {
        Map<TopicPartition, List<Input>> partitions = new LinkedHashMap<>();
        for (Input r : records) {
            List<Input> list = partitions.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
                    tp -> new ArrayList<>());
            if (!list.isEmpty() && list.get(list.size() - 1).offset() >= r.offset()) {
                throw new IllegalArgumentException("records of " + r.topic() + "-" + r.partition()
                        + " are not in increasing offset order: " + r.offset() + " after "
                        + list.get(list.size() - 1).offset());
            }
            list.add(r);
        }
        return partitions;
    }

    /**
     * Rule 5's start offset, as Kafka's offsetsForTimes finds it: the partition is read from its first record (by
     * offset) whose timestamp is at least {@code minTimestamp}, and everything after it is read, whatever its
     * timestamp; when no record qualifies, nothing is read.
     */
    static List<Input> readFrom(List<Input> partition, long minTimestamp) {
        for (int i = 0; i < partition.size(); i++) {
            if (partition.get(i).timestamp() >= minTimestamp) {
                return partition.subList(i, partition.size());
            }
        }
        return List.of();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The model
    // ---------------------------------------------------------------------------------------------------------

    /** A valid reading (rule 4) with its key and enrichment, and whether it was on time (rule 1). */
    private record Reading(long cityId, long dt, long key, Observation observation) {}

    /** Rule 4: of two readings, the one with the larger {@code (dt, k mod 10^6, k)} wins (k unsigned). */
    private static boolean beats(Reading a, Reading b) {
        if (a.dt() != b.dt()) {
            return a.dt() > b.dt();
        }
        if (keyMod(a.key()) != keyMod(b.key())) {
            return keyMod(a.key()) > keyMod(b.key());
        }
        return Long.compareUnsigned(a.key(), b.key()) > 0;
    }

    public static Expected compute(Settings s, List<Input> wordRecords, List<Input> weatherRecords) {
        return compute(s, wordRecords, weatherRecords, Map.of());
    }

    /**
     * The late-partitions rule (semantics.md, "Late partitions: the one timing rule") for the words topic, for a run
     * built so that its timing is known: {@code latePartitions} maps each words partition that joined late (added
     * while the job ran, or idle) to the other partitions' event time when it joined — the watermark that had closed
     * windows by then ({@link #combinedWatermark}). Its valid, on-time records whose window that watermark had passed by
     * L are not counted: their occurrences go to {@link Expected#closedWords} (per word and window, the total the
     * contract promises); the rest are judged by rules 1 and 2 alone.
     */
    public static Expected compute(Settings s, List<Input> wordRecords, List<Input> weatherRecords,
                                   Map<Integer, Long> latePartitions) {
        Set<DeadLetter> deadLetters = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();

        // ----- Words (rules 1, 2; rule 5 for --from) -----
        Map<WordKey, Long> counts = new HashMap<>();
        Map<WordKey, Long> closedWords = new TreeMap<>(
                Comparator.comparingLong(WordKey::windowStart).thenComparing(WordKey::word));
        Set<LateWord> lateWords = new LinkedHashSet<>();
        Long wordsFrom = s.fromMillis() == null ? null : windowStart(s.fromMillis(), s.windowMs()); // S
        for (List<Input> partition : byPartition(wordRecords).values()) {
            List<Input> read = wordsFrom == null ? partition : readFrom(partition, wordsFrom);
            Long maxEventTime = null; // M_p
            for (Input r : read) {
                long t = r.timestamp(); // rule 1: a words record's event time is its timestamp, valid or not
                if (wordsFrom != null && t < wordsFrom) {
                    continue; // rule 5: before S, outside the replay's range: counted nowhere
                }
                Long w = watermark(maxEventTime, s.outOfOrdernessMs()); // W(r), from the records before r
                maxEventTime = max(maxEventTime, t);

                WordRules.LineCheck line = WordRules.check(r.value(), s);
                if (line.reason() != null) {
                    deadLetters.add(DeadLetter.of(r, line.reason())); // rule 2: on time or not
                    continue;
                }
                long start = windowStart(t, s.windowMs());
                if (tooLate(start, s.windowMs(), s.allowedLatenessMs(), w)) {
                    // rule 2, late words: one per distinct word, with its occurrences in the line
                    Map<String, Long> perWord = new LinkedHashMap<>();
                    for (String word : line.words()) {
                        perWord.merge(word, 1L, Long::sum);
                    }
                    for (Map.Entry<String, Long> e : perWord.entrySet()) {
                        lateWords.add(new LateWord(e.getKey(), e.getValue(), t, start, start + s.windowMs(), w,
                                r.topic(), r.partition(), r.offset(), LateWord.TOO_LATE));
                    }
                } else if (latePartitions.containsKey(r.partition())
                        && tooLate(start, s.windowMs(), s.allowedLatenessMs(), latePartitions.get(r.partition()))) {
                    // the timing rule: on time for its partition, but the others had closed its window when it joined
                    for (String word : line.words()) {
                        closedWords.merge(new WordKey(start, word), 1L, Long::sum);
                    }
                } else {
                    for (String word : line.words()) {
                        counts.merge(new WordKey(start, word), 1L, Long::sum);
                    }
                }
            }
        }
        Map<WordKey, WordRow> wordRows = new TreeMap<>(
                Comparator.comparingLong(WordKey::windowStart).thenComparing(WordKey::word));
        for (Map.Entry<WordKey, Long> e : counts.entrySet()) {
            WordKey k = e.getKey();
            wordRows.put(k, new WordRow(k.windowStart(), k.word(), k.windowStart() + s.windowMs(), e.getValue()));
        }

        // ----- Weather (rules 1, 4; rule 5 for --from) -----
        List<Reading> valid = new ArrayList<>();  // every valid reading in range, on time or too late
        List<Reading> onTime = new ArrayList<>(); // the on-time ones
        Set<LateReading> lateWeather = new LinkedHashSet<>();
        Long weatherFrom = s.fromMillis() == null ? null : windowStart(s.fromMillis(), s.weatherWindowMs()); // Sw
        for (List<Input> partition : byPartition(weatherRecords).values()) {
            List<Input> read = weatherFrom == null ? partition
                    : readFrom(partition, Math.subtractExact(weatherFrom, s.maxDtAheadMs())); // Sw − F
            Long maxEventTime = null; // M_p, over valid readings only
            for (Input r : read) {
                WeatherRules.Check check = WeatherRules.check(r, s);
                if (check.reason() != null) {
                    deadLetters.add(DeadLetter.of(r, check.reason())); // no event time: M_p unchanged (rule 1)
                    continue;
                }
                WeatherRules.ValidReading v = check.reading();
                long t = Math.multiplyExact(v.dt(), 1000L); // rule 1: event time dt · 1000
                if (weatherFrom != null && t < weatherFrom) {
                    continue; // rule 5: dt before Sw, outside the replay's range: counted nowhere
                }
                Long w = watermark(maxEventTime, s.outOfOrdernessMs());
                maxEventTime = max(maxEventTime, t);

                long k = v.key();
                Reading reading = new Reading(v.cityId(), v.dt(), k, WeatherRules.enrich(v, writeTime(v.dt(), k)));
                valid.add(reading);
                long start = windowStart(t, s.weatherWindowMs());
                if (tooLate(start, s.weatherWindowMs(), s.allowedLatenessMs(), w)) {
                    lateWeather.add(new LateReading(r.topic(), r.partition(), r.offset(), reading.observation(),
                            v.city().lat(), v.city().lon(), v.city().timeZone(), k, w, LateReading.TOO_LATE,
                            Long.toString(v.cityId())));
                } else {
                    onTime.add(reading);
                }
            }
        }

        // Observations: per (city, dt), the winner over all valid readings
        Map<ObservationKey, Reading> observationWinners = new HashMap<>();
        for (Reading r : valid) {
            ObservationKey key = r.observation().key();
            Reading current = observationWinners.get(key);
            if (current == null || beats(r, current)) {
                observationWinners.put(key, r);
            }
        }
        Map<ObservationKey, Observation> observations = new TreeMap<>(
                Comparator.comparingLong(ObservationKey::cityId).thenComparingLong(ObservationKey::observedAt));
        for (Map.Entry<ObservationKey, Reading> e : observationWinners.entrySet()) {
            observations.put(e.getKey(), e.getValue().observation());
        }

        // Latest: per city, the winner over all valid readings
        Map<Long, Reading> latestWinners = new HashMap<>();
        for (Reading r : valid) {
            Reading current = latestWinners.get(r.cityId());
            if (current == null || beats(r, current)) {
                latestWinners.put(r.cityId(), r);
            }
        }
        Map<Long, Observation> latest = new TreeMap<>();
        for (Map.Entry<Long, Reading> e : latestWinners.entrySet()) {
            latest.put(e.getKey(), e.getValue().observation());
        }

        // Window summaries: per city and window, over the on-time readings, one per dt (the winner among them)
        Map<WindowKey, TreeMap<Long, Reading>> windowReadings = new HashMap<>();
        for (Reading r : onTime) {
            WindowKey key = new WindowKey(r.cityId(), windowStart(r.observation().observedAt(), s.weatherWindowMs()));
            TreeMap<Long, Reading> byDt = windowReadings.computeIfAbsent(key, k -> new TreeMap<>());
            Reading current = byDt.get(r.dt());
            if (current == null || beats(r, current)) {
                byDt.put(r.dt(), r);
            }
        }
        Map<WindowKey, WindowSummary> windows = new TreeMap<>(
                Comparator.comparingLong(WindowKey::cityId).thenComparingLong(WindowKey::windowStart));
        for (Map.Entry<WindowKey, TreeMap<Long, Reading>> e : windowReadings.entrySet()) {
            windows.put(e.getKey(), summarise(e.getKey(), new ArrayList<>(e.getValue().values()), s));
        }

        warnEqualKeysModulo(valid, warnings);

        return new Expected(Collections.unmodifiableMap(wordRows), Collections.unmodifiableSet(lateWords),
                Collections.unmodifiableSet(deadLetters), Collections.unmodifiableMap(observations),
                Collections.unmodifiableMap(latest), Collections.unmodifiableMap(windows),
                Collections.unmodifiableSet(lateWeather), Collections.unmodifiableMap(closedWords),
                Collections.unmodifiableList(warnings));
    }

    /**
     * The event time a window operator has reached once it has read these records of a topic's {@code partitions}
     * partitions, leaving out {@code except}: the smallest partition watermark {@code M_p − D − 1} (rule 1), or null
     * (−∞) when a partition has no record — it then holds every window back.
     */
    public static Long combinedWatermark(List<Input> records, int partitions, Set<Integer> except, long outOfOrdernessMs) {
        Map<Integer, Long> max = new HashMap<>();
        for (Input r : records) {
            max.merge(r.partition(), r.timestamp(), Math::max);
        }
        Long combined = null;
        for (int p = 0; p < partitions; p++) {
            if (except.contains(p)) {
                continue;
            }
            Long m = max.get(p);
            if (m == null) {
                return null;
            }
            long w = watermark(m, outOfOrdernessMs);
            combined = combined == null ? w : Math.min(combined, w);
        }
        return combined;
    }

    /**
     * Rule 4, window summaries, from one reading per dt in dt order: count, min/max °C, average °C (the sum in dt
     * order divided by the count, then {@code Math.round(x · 100) / 100}), max km/h, the most frequent condition
     * (ties: the alphabetically first, by {@link String#compareTo}).
     */
    private static WindowSummary summarise(WindowKey key, List<Reading> readingsInDtOrder, Settings s) {
        int n = readingsInDtOrder.size();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double maxWind = Double.NEGATIVE_INFINITY;
        Map<String, Long> conditions = new TreeMap<>(); // alphabetical
        for (Reading r : readingsInDtOrder) {
            Observation o = r.observation();
            min = Math.min(min, o.tempC());
            max = Math.max(max, o.tempC());
            sum += o.tempC();
            maxWind = Math.max(maxWind, o.windKmh());
            conditions.merge(o.condition(), 1L, Long::sum);
        }
        String top = null;
        long topCount = 0;
        for (Map.Entry<String, Long> e : conditions.entrySet()) {
            if (e.getValue() > topCount) { // strictly more: on a tie the alphabetically earlier one stays
                top = e.getKey();
                topCount = e.getValue();
            }
        }
        double avg = Math.round(sum / n * 100.0) / 100.0;
        // rule 4: the city name of its newest reading (a city the reference data lacks can be renamed by its documents)
        String city = readingsInDtOrder.get(n - 1).observation().city();
        return new WindowSummary(key.cityId(), key.windowStart(), key.windowStart() + s.weatherWindowMs(), city, n,
                min, max, avg, maxWind, top);
    }

    /**
     * Rule 4: two different readings of one city with one dt whose keys agree modulo 10^6 would be merged column
     * by column by Cassandra; the contract cannot say what the row holds, so the model flags them.
     */
    private static void warnEqualKeysModulo(List<Reading> valid, List<String> warnings) {
        Map<ObservationKey, Set<Long>> keysByCityAndDt = new TreeMap<>(
                Comparator.comparingLong(ObservationKey::cityId).thenComparingLong(ObservationKey::observedAt));
        for (Reading r : valid) {
            keysByCityAndDt.computeIfAbsent(r.observation().key(), k -> new LinkedHashSet<>()).add(r.key());
        }
        for (Map.Entry<ObservationKey, Set<Long>> e : keysByCityAndDt.entrySet()) {
            List<Long> keys = new ArrayList<>(e.getValue());
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    if (keyMod(keys.get(i)) == keyMod(keys.get(j))) {
                        warnings.add("city " + e.getKey().cityId() + " has two different readings at dt "
                                + e.getKey().observedAt() / 1000 + " whose reading keys agree modulo 10^6 ("
                                + Long.toUnsignedString(keys.get(i)) + ", " + Long.toUnsignedString(keys.get(j))
                                + "): Cassandra would merge them column by column");
                    }
                }
            }
        }
    }
}
