package io.kappa.cli;

import io.kappa.job.JobOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true, description = "Produce records into Kafka (like put.py).",
        subcommands = {ProduceCommand.Words.class})
public class ProduceCommand {

    /** A producer tuned for throughput that still waits for every record to be acknowledged. */
    static KafkaProducer<byte[], byte[]> producer(Connections c) {
        Properties p = c.kafka().clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return new KafkaProducer<>(p);
    }

    @Command(name = "words", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Produce text lines: from a file, from stdin (the default), or generated.",
                "Each line is one record; the record timestamp is its event time."})
    public static class Words implements Callable<Integer> {
        @Mixin
        Connections connections = new Connections();

        @Option(names = "--topic", defaultValue = "words", description = "(default: ${DEFAULT-VALUE})")
        String topic;

        @Option(names = "--key", description = "key of every line from a file or stdin (default: no key)")
        String key;

        @Option(names = "--file", description = "read lines from this file")
        Path file;

        @ArgGroup(exclusive = false, heading = "%nGenerator (--generate N)%n")
        Generate generate;

        @Option(names = "--quiet", description = "no progress line")
        boolean quiet;

        static class Generate {
            @Option(names = "--generate", required = true, paramLabel = "N", description = "generate N lines")
            long lines;
            @Option(names = "--vocabulary", defaultValue = "10000", description = "distinct words (default: ${DEFAULT-VALUE})")
            int vocabulary;
            @Option(names = "--min-words", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
            int minWords;
            @Option(names = "--max-words", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
            int maxWords;
            @Option(names = "--zipf", defaultValue = "1.0", description = "Zipf exponent of word frequencies (default: ${DEFAULT-VALUE})")
            double zipf;
            @Option(names = "--span", defaultValue = "2h", converter = JobOptions.DurationConverter.class,
                    description = "event time covered by the lines (default: ${DEFAULT-VALUE})")
            Duration span;
            @Option(names = "--start", description = "event time of the first line, ISO-8601 (default: now minus --span)")
            Instant start;
            @Option(names = "--out-of-order", defaultValue = "0", description = "fraction of lines moved back in time "
                    + "by less than --out-of-order-by (default: ${DEFAULT-VALUE})")
            double outOfOrder;
            @Option(names = "--out-of-order-by", defaultValue = "4s", converter = JobOptions.DurationConverter.class,
                    description = "(default: ${DEFAULT-VALUE})")
            Duration outOfOrderBy;
            @Option(names = "--too-late", defaultValue = "0", description = "fraction of lines moved back by "
                    + "--too-late-by, beyond window + allowed lateness (default: ${DEFAULT-VALUE})")
            double tooLate;
            @Option(names = "--too-late-by", defaultValue = "10m", converter = JobOptions.DurationConverter.class,
                    description = "(default: ${DEFAULT-VALUE})")
            Duration tooLateBy;
            @Option(names = "--seed", defaultValue = "42", description = "(default: ${DEFAULT-VALUE})")
            long seed;

            TextGenerator.Spec spec() {
                long startMillis = start != null ? start.toEpochMilli() : System.currentTimeMillis() - span.toMillis();
                return new TextGenerator.Spec(lines, vocabulary, minWords, maxWords, zipf, startMillis, span,
                        outOfOrder, outOfOrderBy, tooLate, tooLateBy, seed);
            }
        }

        @Override
        public Integer call() throws Exception {
            if (generate != null && file != null) {
                throw new IllegalArgumentException("--generate and --file exclude each other");
            }
            if (generate != null) {
                Summary s = generate(connections, topic, generate.spec(), !quiet);
                System.out.println("  produced " + s.lines() + " lines, " + s.words() + " words (" + s.tooLate()
                        + " lines too late) to " + topic);
                return 0;
            }
            long n;
            try (BufferedReader in = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                n = produceLines(connections, topic, key, in, !quiet);
            }
            System.out.println("  produced " + n + " lines to " + topic);
            return 0;
        }
    }

    /** What a generator run produced. */
    public record Summary(long lines, long words, long tooLate, long maxTimestamp) {}

    public static Summary generate(Connections c, String topic, TextGenerator.Spec spec, boolean progress) {
        TextGenerator gen = new TextGenerator(spec);
        long words = 0;
        long tooLate = 0;
        long maxTs = Long.MIN_VALUE;
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress bar = new Progress("produce", spec.lines(), progress);
        try (KafkaProducer<byte[], byte[]> producer = producer(c)) {
            while (gen.hasNext() && failure.get() == null) {
                TextGenerator.Line line = gen.next();
                words += line.words();
                tooLate += line.tooLate() ? 1 : 0;
                maxTs = Math.max(maxTs, line.timestamp());
                producer.send(new ProducerRecord<>(topic, null, line.timestamp(),
                        ("line-" + line.index()).getBytes(StandardCharsets.UTF_8),
                        line.text().getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                bar.step();
            }
            producer.flush();
        }
        bar.done();
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed: " + failure.get().getMessage());
        }
        return new Summary(spec.lines(), words, tooLate, maxTs);
    }

    static long produceLines(Connections c, String topic, String key, BufferedReader in, boolean progress)
            throws java.io.IOException {
        AtomicLong n = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress bar = new Progress("produce", -1, progress);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = producer(c)) {
            String line;
            while ((line = in.readLine()) != null && failure.get() == null) {
                producer.send(new ProducerRecord<>(topic, keyBytes, line.getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                n.incrementAndGet();
                bar.step();
            }
            producer.flush();
        }
        bar.done();
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed: " + failure.get().getMessage());
        }
        return n.get();
    }
}
