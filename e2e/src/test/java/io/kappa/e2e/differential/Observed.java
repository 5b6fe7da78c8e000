package io.kappa.e2e.differential;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kappa.cassandra.CassandraConnection;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.cassandra.Tables;
import io.kappa.kafka.DeadLetterSerializer;
import io.kappa.kafka.KafkaSettings;
import io.kappa.oracle.DeadLetter;
import io.kappa.oracle.LateReading;
import io.kappa.oracle.LateWord;
import io.kappa.oracle.LatestRow;
import io.kappa.oracle.Observation;
import io.kappa.oracle.ObservationKey;
import io.kappa.oracle.WindowKey;
import io.kappa.oracle.WindowSummary;
import io.kappa.oracle.WordKey;
import io.kappa.oracle.WordRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a run wrote, read back into the model's types: every Cassandra table of its keyspace (with the write
 * timestamps of the rows that carry one) and every record of its side topics. Side topics are read whole; repeats
 * (at-least-once after a failure, docs/semantics.md rule 3) are kept in {@link #lateWordRecords} etc., so the
 * comparison can check that repeats are identical and compare the sets.
 */
public record Observed(Map<WordKey, WordRow> wordCounts, List<LateWord> lateWordRecords,
                       List<DeadLetter> deadLetterRecords, Map<ObservationKey, Observation> observations,
                       Map<Long, LatestRow> latest, Map<WindowKey, WindowSummary> weatherWindows,
                       List<LateReading> lateWeatherRecords) {

    /** The late words of rule 2 (source records named), without those of the timing rule. */
    public List<LateWord> ruleTwoLateWords() {
        return lateWordRecords.stream().filter(w -> !w.reason().equals(LateWord.CLOSED)).toList();
    }

    /** The late words of the timing rule. */
    public List<LateWord> closedLateWords() {
        return lateWordRecords.stream().filter(w -> w.reason().equals(LateWord.CLOSED)).toList();
    }

    /** Per (window, word), the total count of the timing rule's late words. */
    public Map<WordKey, Long> closedWords() {
        Map<WordKey, Long> totals = new TreeMap<>(java.util.Comparator.comparingLong(WordKey::windowStart)
                .thenComparing(WordKey::word));
        closedLateWords().forEach(w -> totals.merge(new WordKey(w.windowStart(), w.word()), w.count(), Long::sum));
        return totals;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Observed read(CassandraSettings cassandra, KafkaSettings kafka, String lateTopic,
                                String deadLetterTopic, String weatherLateTopic) {
        try (CassandraConnection c = CassandraConnection.open(cassandra)) {
            Session s = c.session();
            String ks = cassandra.keyspace();
            Map<WordKey, WordRow> words = new TreeMap<>(java.util.Comparator.comparingLong(WordKey::windowStart)
                    .thenComparing(WordKey::word));
            for (Row r : s.execute(Tables.WORD_COUNTS.select(ks))) {
                WordRow w = new WordRow(r.getTimestamp("window_start").getTime(), r.getString("word"),
                        r.getTimestamp("window_end").getTime(), r.getLong("count"));
                words.put(w.key(), w);
            }
            Map<ObservationKey, Observation> observations = new LinkedHashMap<>();
            for (Row r : s.execute(Tables.WEATHER_OBSERVATIONS.select(ks).replace(" FROM ", ", writetime(city) FROM "))) {
                Observation o = new Observation(r.getLong("city_id"), r.getTimestamp("observed_at").getTime(),
                        r.getString("city"), r.getString("country"), r.getString("local_time"), r.getDouble("temp_c"),
                        r.getDouble("temp_f"), r.getDouble("feels_like_c"), r.getInt("humidity"), r.getInt("pressure"),
                        r.getDouble("wind_ms"), r.getDouble("wind_kmh"), r.getInt("wind_deg"), r.getInt("beaufort"),
                        r.getString("beaufort_name"), r.getString("compass"), r.getString("condition"),
                        r.getString("description"), r.getLong("writetime(city)"));
                observations.put(o.key(), o);
            }
            Map<Long, LatestRow> latest = new TreeMap<>();
            for (Row r : s.execute(Tables.WEATHER_LATEST.select(ks).replace(" FROM ", ", writetime(city) FROM "))) {
                latest.put(r.getLong("city_id"), new LatestRow(r.getLong("city_id"), r.getString("city"),
                        r.getString("country"), r.getDouble("windspeed"), r.getTimestamp("observed_at").getTime(),
                        r.getString("local_time"), r.getDouble("temp_c"), r.getDouble("feels_like_c"),
                        r.getDouble("wind_kmh"), r.getString("beaufort_name"), r.getString("compass"),
                        r.getString("condition"), r.getLong("writetime(city)")));
            }
            Map<WindowKey, WindowSummary> windows = new LinkedHashMap<>();
            for (Row r : s.execute(Tables.WEATHER_WINDOWS.select(ks))) {
                WindowSummary w = new WindowSummary(r.getLong("city_id"), r.getTimestamp("window_start").getTime(),
                        r.getTimestamp("window_end").getTime(), r.getString("city"), r.getLong("readings"),
                        r.getDouble("min_temp_c"), r.getDouble("max_temp_c"), r.getDouble("avg_temp_c"),
                        r.getDouble("max_wind_kmh"), r.getString("top_condition"));
                windows.put(w.key(), w);
            }
            return new Observed(words, lateWords(kafka, lateTopic), deadLetters(kafka, deadLetterTopic), observations,
                    latest, windows, lateWeather(kafka, weatherLateTopic));
        }
    }

    private static List<LateWord> lateWords(KafkaSettings kafka, String topic) {
        List<LateWord> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, topic)) {
            Fields j = new Fields(r, "word", "count", "timestamp", "windowStart", "windowEnd", "watermark", "topic",
                    "partition", "offset", "reason");
            out.add(new LateWord(j.text("word"), j.whole("count"), j.whole("timestamp"), j.whole("windowStart"),
                    j.whole("windowEnd"), j.whole("watermark"), j.textOrNull("topic"), (int) j.whole("partition"),
                    j.whole("offset"), j.text("reason"), j.key()));
        }
        return out;
    }

    /**
     * A side record's JSON read strictly: every field the contract names must be there with its type (a missing field
     * is not 0, which a real partition or offset can be) and no other field may be; the Kafka key as text.
     */
    private static final class Fields {
        private final ConsumerRecord<byte[], byte[]> record;
        private final JsonNode json;

        Fields(ConsumerRecord<byte[], byte[]> record, String... names) {
            this.record = record;
            this.json = json(record.value());
            java.util.Set<String> expected = new java.util.TreeSet<>(List.of(names));
            java.util.Set<String> found = new java.util.TreeSet<>();
            json.fieldNames().forEachRemaining(found::add);
            if (!found.equals(expected)) {
                throw new AssertionError("a side record of " + record.topic() + " has the fields " + found + ", the "
                        + "contract says " + expected + ": " + json);
            }
        }

        private JsonNode field(String name) {
            return json.get(name);
        }

        long whole(String name) {
            JsonNode n = field(name);
            if (!n.isIntegralNumber()) {
                throw new AssertionError("field " + name + " is not a whole number in " + json);
            }
            return n.asLong();
        }

        double number(String name) {
            JsonNode n = field(name);
            if (!n.isNumber()) {
                throw new AssertionError("field " + name + " is not a number in " + json);
            }
            return n.asDouble();
        }

        String text(String name) {
            JsonNode n = field(name);
            if (!n.isTextual()) {
                throw new AssertionError("field " + name + " is not text in " + json);
            }
            return n.asText();
        }

        String textOrNull(String name) {
            return field(name).isNull() ? null : text(name);
        }

        String key() {
            return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        }
    }

    private static List<DeadLetter> deadLetters(KafkaSettings kafka, String topic) {
        List<DeadLetter> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, topic)) {
            String truncated = header(r, DeadLetterSerializer.VALUE_TRUNCATED);
            String keyTruncated = header(r, DeadLetterSerializer.KEY_TRUNCATED);
            out.add(new DeadLetter(header(r, DeadLetterSerializer.SOURCE_TOPIC),
                    Integer.parseInt(header(r, DeadLetterSerializer.SOURCE_PARTITION)),
                    Long.parseLong(header(r, DeadLetterSerializer.SOURCE_OFFSET)),
                    Long.parseLong(header(r, DeadLetterSerializer.SOURCE_TIMESTAMP)), r.key(),
                    keyTruncated == null ? null : Integer.valueOf(keyTruncated), r.value(),
                    truncated == null ? null : Integer.valueOf(truncated), header(r, DeadLetterSerializer.REASON)));
        }
        return out;
    }

    private static List<LateReading> lateWeather(KafkaSettings kafka, String topic) {
        List<LateReading> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, topic)) {
            Fields j = new Fields(r, "cityId", "observedAt", "city", "country", "lat", "lon", "timeZone", "localTime",
                    "tempC", "tempF", "feelsLikeC", "humidity", "pressure", "windMs", "windKmh", "windDeg", "beaufort",
                    "beaufortName", "compass", "condition", "description", "key", "writeTime", "topic", "partition",
                    "offset", "tooLateAt", "lateReason");
            Observation o = new Observation(j.whole("cityId"), j.whole("observedAt"), j.text("city"), j.text("country"),
                    j.text("localTime"), j.number("tempC"), j.number("tempF"), j.number("feelsLikeC"),
                    (int) j.whole("humidity"), (int) j.whole("pressure"), j.number("windMs"), j.number("windKmh"),
                    (int) j.whole("windDeg"), (int) j.whole("beaufort"), j.text("beaufortName"), j.text("compass"),
                    j.text("condition"), j.text("description"), j.whole("writeTime"));
            out.add(new LateReading(j.text("topic"), (int) j.whole("partition"), j.whole("offset"), o, j.number("lat"),
                    j.number("lon"), j.text("timeZone"), j.whole("key"), j.whole("tooLateAt"), j.text("lateReason"),
                    j.key()));
        }
        return out;
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new AssertionError("a side record that is not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of the topic, from the beginning to the end offsets as of now. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaSettings kafka, String topic) {
        Properties p = kafka.clientProperties();
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        p.put("max.partition.fetch.bytes", 8 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.PartitionInfo> infos = c.listTopics(Duration.ofSeconds(15)).get(topic);
            if (infos == null) {
                return records; // a side topic the run never made (a job without weather makes no weather-late topic)
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(15)) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end + " in a minute");
                }
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
