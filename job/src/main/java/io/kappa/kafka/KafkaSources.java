package io.kappa.kafka;

import io.kappa.core.RawRecord;
import io.kappa.core.Sources;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka inputs. The run mode decides only the bounds:
 * <ul>
 *   <li>live: from the consumer group's committed offsets (earliest when it has none; a restore from a
 *       checkpoint or savepoint uses the offsets in the state instead), unbounded, offsets committed on
 *       checkpoints; partitions added to a topic are looked for every {@code partitionDiscovery} and read from
 *       offset zero (the connector reads new partitions from the earliest offset; without the interval it never
 *       looks);</li>
 *   <li>replay: from offset zero, or from the first record at or after a timestamp, up to the latest offsets
 *       at the time the job starts; the source then finishes and so does the job.</li>
 * </ul>
 */
public class KafkaSources implements Sources {
    private static final long serialVersionUID = 1L;
    public static final String WORDS_SOURCE_UID = "kafka-words-source";
    public static final String WEATHER_SOURCE_UID = "kafka-weather-source";

    /** How a Kafka source is named: this and its topic (Flink's vertex name prefixes "Source: "). */
    public static final String NAME_PREFIX = "Kafka: ";

    public static String sourceName(String topic) {
        return NAME_PREFIX + topic;
    }

    /** The topics named by Kafka sources in a vertex name ("Source: Kafka: words -> …"), in order. */
    public static java.util.List<String> topicsOfSources(String vertexName) {
        java.util.List<String> topics = new java.util.ArrayList<>();
        String marker = "Source: " + NAME_PREFIX;
        for (int at = vertexName.indexOf(marker); at >= 0; at = vertexName.indexOf(marker, at + 1)) {
            int start = at + marker.length();
            int end = start;
            while (end < vertexName.length() && TopicNames.problem(
                    vertexName.substring(start, end + 1)) == null) {
                end++;
            }
            if (end > start) {
                topics.add(vertexName.substring(start, end));
            }
        }
        return topics;
    }

    private final KafkaSettings kafka;
    private final String wordsTopic;
    private final String weatherTopic;
    private final String groupId;
    private final boolean bounded;
    private final Long wordsFromMillis;
    private final Long weatherFromMillis;
    private final java.time.Duration partitionDiscovery;

    private KafkaSources(KafkaSettings kafka, String wordsTopic, String weatherTopic, String groupId, boolean bounded,
                         Long wordsFromMillis, Long weatherFromMillis, java.time.Duration partitionDiscovery) {
        this.kafka = kafka;
        this.wordsTopic = wordsTopic;
        this.weatherTopic = weatherTopic;
        this.groupId = groupId;
        this.bounded = bounded;
        this.wordsFromMillis = wordsFromMillis;
        this.weatherFromMillis = weatherFromMillis;
        this.partitionDiscovery = partitionDiscovery;
    }

    /** @param partitionDiscovery how often to look for new partitions; zero: never */
    public static KafkaSources live(KafkaSettings kafka, String wordsTopic, String weatherTopic, String groupId,
                                    java.time.Duration partitionDiscovery) {
        return new KafkaSources(kafka, wordsTopic, weatherTopic, groupId, false, null, null, partitionDiscovery);
    }

    /**
     * @param wordsFromMillis start each words partition at its first record at or after this time, or null for
     *                        offset zero
     * @param weatherFromMillis the same for the weather topic
     */
    public static KafkaSources replay(KafkaSettings kafka, String wordsTopic, String weatherTopic, Long wordsFromMillis,
                                      Long weatherFromMillis) {
        return new KafkaSources(kafka, wordsTopic, weatherTopic, "kappa-replay", true, wordsFromMillis,
                weatherFromMillis, java.time.Duration.ZERO);
    }

    @Override
    public DataStream<RawRecord> words(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks) {
        return env.fromSource(source(wordsTopic, wordsFromMillis), watermarks, sourceName(wordsTopic))
                .uid(WORDS_SOURCE_UID);
    }

    @Override
    public DataStream<RawRecord> weather(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks) {
        return env.fromSource(source(weatherTopic, weatherFromMillis), watermarks, sourceName(weatherTopic))
                .uid(WEATHER_SOURCE_UID);
    }

    private RestorableBoundedKafkaSource<RawRecord> source(String topic, Long fromMillis) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setProperties(kafka.clientProperties())
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic)
                .setDeserializer(new RawRecordDeserializer());
        if (bounded) {
            builder.setStartingOffsets(fromMillis == null ? OffsetsInitializer.earliest()
                            : OffsetsInitializer.timestamp(fromMillis))
                    .setBounded(OffsetsInitializer.latest())
                    .setProperty("commit.offsets.on.checkpoint", "false");
        } else {
            builder.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                    .setProperty("commit.offsets.on.checkpoint", "true");
            if (!partitionDiscovery.isZero()) {
                builder.setProperty("partition.discovery.interval.ms", Long.toString(partitionDiscovery.toMillis()));
            }
        }
        return new RestorableBoundedKafkaSource<>(builder.build());
    }
}
