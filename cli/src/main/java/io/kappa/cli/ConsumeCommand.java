package io.kappa.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Print a topic's records like get.py: topic:partition:offset key=… value=… (headers too).",
            "Reads from the beginning, without a consumer group, and stops after --idle of silence (or --follow)."})
public class ConsumeCommand implements Callable<Integer> {
    @Mixin
    Connections connections = new Connections();

    @Parameters(paramLabel = "TOPIC")
    String topic;

    @Option(names = "--max", defaultValue = "-1", description = "stop after this many records (default: all)")
    long max;

    @Option(names = "--idle", defaultValue = "5s", converter = io.kappa.job.JobOptions.DurationConverter.class,
            description = "stop when nothing arrives for this long (default: ${DEFAULT-VALUE})")
    Duration idle;

    @Option(names = "--follow", description = "keep waiting for new records (Ctrl-C to stop)")
    boolean follow;

    @Option(names = "--max-value-chars", defaultValue = "300",
            description = "cut longer values when printing (default: ${DEFAULT-VALUE}; 0 = never)")
    int maxValueChars;

    /**
     * A consumer of every partition of a topic from its first offset, without a consumer group (nothing is
     * committed). Fails with one line when Kafka or the topic is not there.
     */
    public static KafkaConsumer<byte[], byte[]> fromTheStart(Connections connections, String topic) {
        Properties p = connections.kafka().clientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        try {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new IllegalStateException("cannot reach Kafka at " + connections.bootstrapServers
                        + " (--bootstrap-servers), or topic '" + topic + "' does not exist (bin/kappa topics list)");
            }
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic '" + topic + "' does not exist (bin/kappa topics list)");
            }
            List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .collect(Collectors.toList());
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    @Override
    public Integer call() {
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = fromTheStart(connections, topic)) {
            long lastRecord = System.nanoTime();
            while (max < 0 || printed < max) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (!follow && System.nanoTime() - lastRecord > idle.toNanos()) {
                        break;
                    }
                    continue;
                }
                lastRecord = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    System.out.println(format(r, maxValueChars));
                    if (max >= 0 && ++printed >= max) {
                        break;
                    }
                }
            }
        }
        return 0;
    }

    /** {@code topic:partition:offset key=… value=… [headers]}; null shows as null, bad UTF-8 as U+FFFD. */
    static String format(ConsumerRecord<byte[], byte[]> r, int maxValueChars) {
        StringBuilder b = new StringBuilder();
        b.append(r.topic()).append(':').append(r.partition()).append(':').append(r.offset())
                .append(" key=").append(text(r.key(), 100))
                .append(" value=").append(text(r.value(), maxValueChars));
        Header[] headers = r.headers().toArray();
        if (headers.length > 0) {
            b.append(" headers={");
            for (int i = 0; i < headers.length; i++) {
                b.append(i > 0 ? ", " : "").append(headers[i].key()).append('=').append(text(headers[i].value(), 200));
            }
            b.append('}');
        }
        return b.toString();
    }

    static String text(byte[] bytes, int maxChars) {
        if (bytes == null) {
            return "null";
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (maxChars > 0 && s.length() > maxChars) {
            return s.substring(0, maxChars) + "…(" + bytes.length + " bytes)";
        }
        return s;
    }
}
