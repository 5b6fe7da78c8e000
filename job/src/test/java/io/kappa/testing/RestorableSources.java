package io.kappa.testing;

import io.kappa.core.RawRecord;
import io.kappa.core.Sources;
import io.kappa.kafka.KafkaSources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Records given by the test, read like the Kafka source reads a topic, and restorable across a savepoint: a FLIP-27
 * source per topic with one split per partition (assigned to reader {@code partition % parallelism}, as the Kafka
 * source does), a watermark per split ({@link ReaderOutput#createOutputForSplit}), and each split's next offset in the
 * reader's state. The sources carry the Kafka sources' uids ({@link KafkaSources#WORDS_SOURCE_UID},
 * {@link KafkaSources#WEATHER_SOURCE_UID}), so the job built with them has the production job's operator ids from
 * source to sink.
 *
 * <p>{@link #paused}: the records are read, then the source waits for more that never come (a live topic nobody
 * writes to): the job runs until it is stopped, e.g. with a savepoint. {@link #bounded}: the source ends when every
 * split is read, and the job finishes. A job restored from a savepoint taken with the first n records of a partition
 * goes on from record n of the list it is given: give it the whole input.
 *
 * <p>The split state (version {@value SplitSerializer#VERSION}) is in committed savepoint fixtures
 * (SavepointCompatibilityTest): change its format only with a new version that still reads the old one.
 */
public final class RestorableSources implements Sources {
    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicLong> EMITTED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final ListSource words;
    private final ListSource weather;

    private RestorableSources(List<RawRecord> words, List<RawRecord> weather, boolean bounded) {
        this.words = new ListSource(id, words, bounded);
        this.weather = new ListSource(id, weather, bounded);
    }

    /** Reads the records, then waits for more until the job is stopped. */
    public static RestorableSources paused(List<RawRecord> words, List<RawRecord> weather) {
        return new RestorableSources(words, weather, false);
    }

    /** Reads the records (from the restored offsets, if any) and ends. */
    public static RestorableSources bounded(List<RawRecord> words, List<RawRecord> weather) {
        return new RestorableSources(words, weather, true);
    }

    /** How many records both sources have emitted in this JVM so far (in this run). */
    public long emitted() {
        AtomicLong n = EMITTED.get(id);
        return n == null ? 0 : n.get();
    }

    @Override
    public DataStream<RawRecord> words(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks) {
        return env.fromSource(words, watermarks, "Test source: words").uid(KafkaSources.WORDS_SOURCE_UID);
    }

    @Override
    public DataStream<RawRecord> weather(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks) {
        return env.fromSource(weather, watermarks, "Test source: weather").uid(KafkaSources.WEATHER_SOURCE_UID);
    }

    /** A record as the source holds it (RawRecord is not Serializable). */
    private record Rec(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value)
            implements Serializable {
        RawRecord toRawRecord() {
            // a new object every time: the job reuses objects and marks records as it judges them
            return new RawRecord(topic, partition, offset, timestamp, key == null ? null : key.clone(),
                    value == null ? null : value.clone());
        }
    }

    /** One partition and the index of its next record. */
    public static final class Split implements SourceSplit {
        final String topic;
        final int partition;
        final int next;

        Split(String topic, int partition, int next) {
            this.topic = topic;
            this.partition = partition;
            this.next = next;
        }

        @Override
        public String splitId() {
            return topic + ":" + partition;
        }

        @Override
        public String toString() {
            return splitId() + "@" + next;
        }
    }

    static final class ListSource implements Source<RawRecord, Split, List<Split>>, ResultTypeQueryable<RawRecord> {
        private static final long serialVersionUID = 1L;
        private final String runId;
        /** The records of each partition, in order, by split id. */
        private final LinkedHashMap<String, ArrayList<Rec>> partitions = new LinkedHashMap<>();
        private final boolean bounded;

        ListSource(String runId, List<RawRecord> records, boolean bounded) {
            this.runId = runId;
            this.bounded = bounded;
            TreeMap<String, ArrayList<Rec>> sorted = new TreeMap<>();
            for (RawRecord r : records) {
                sorted.computeIfAbsent(r.topic + ":" + r.partition, k -> new ArrayList<>())
                        .add(new Rec(r.topic, r.partition, r.offset, r.timestamp, r.key, r.value));
            }
            partitions.putAll(sorted);
        }

        @Override
        public Boundedness getBoundedness() {
            return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }

        @Override
        public SplitEnumerator<Split, List<Split>> createEnumerator(SplitEnumeratorContext<Split> context) {
            List<Split> all = new ArrayList<>();
            for (ArrayList<Rec> p : partitions.values()) {
                all.add(new Split(p.get(0).topic(), p.get(0).partition(), 0));
            }
            return new Enumerator(context, all, bounded);
        }

        @Override
        public SplitEnumerator<Split, List<Split>> restoreEnumerator(SplitEnumeratorContext<Split> context,
                                                                     List<Split> pending) {
            return new Enumerator(context, pending, bounded);
        }

        @Override
        public SimpleVersionedSerializer<Split> getSplitSerializer() {
            return new SplitSerializer();
        }

        @Override
        public SimpleVersionedSerializer<List<Split>> getEnumeratorCheckpointSerializer() {
            return new PendingSplitsSerializer();
        }

        @Override
        public SourceReader<RawRecord, Split> createReader(SourceReaderContext context) {
            return new Reader(runId, partitions);
        }
    }

    /** Assigns each partition's split to reader {@code partition % parallelism} when that reader registers. */
    static final class Enumerator implements SplitEnumerator<Split, List<Split>> {
        private final SplitEnumeratorContext<Split> context;
        private final List<Split> pending;
        private final boolean bounded;

        Enumerator(SplitEnumeratorContext<Split> context, List<Split> pending, boolean bounded) {
            this.context = context;
            this.pending = new ArrayList<>(pending);
            this.bounded = bounded;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            pending.addAll(splits);
            if (context.registeredReaders().containsKey(subtaskId)) {
                addReader(subtaskId);
            }
        }

        @Override
        public void addReader(int subtaskId) {
            List<Split> mine = new ArrayList<>();
            pending.removeIf(s -> {
                boolean own = s.partition % context.currentParallelism() == subtaskId;
                if (own) {
                    mine.add(s);
                }
                return own;
            });
            for (Split s : mine) {
                context.assignSplit(s, subtaskId);
            }
            if (bounded) {
                context.signalNoMoreSplits(subtaskId);
            }
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return new ArrayList<>(pending);
        }

        @Override
        public void close() {}
    }

    /** Emits one record at a time, round robin over its splits, each through the split's own watermark output. */
    static final class Reader implements SourceReader<RawRecord, Split> {
        private final String runId;
        private final Map<String, ArrayList<Rec>> partitions;
        /** Split id → index of its next record. */
        private final LinkedHashMap<String, int[]> next = new LinkedHashMap<>();
        private final Map<String, Split> splits = new LinkedHashMap<>();
        private final Map<String, SourceOutput<RawRecord>> outputs = new LinkedHashMap<>();
        private boolean noMoreSplits;
        private CompletableFuture<Void> available = new CompletableFuture<>();
        private int turn;

        Reader(String runId, Map<String, ArrayList<Rec>> partitions) {
            this.runId = runId;
            this.partitions = partitions;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<RawRecord> output) {
            List<String> ids = new ArrayList<>(next.keySet());
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get((turn + i) % ids.size());
                List<Rec> records = partitions.getOrDefault(id, new ArrayList<>());
                int[] n = next.get(id);
                if (n[0] < records.size()) {
                    Rec r = records.get(n[0]++);
                    outputs.computeIfAbsent(id, output::createOutputForSplit).collect(r.toRawRecord(), r.timestamp());
                    EMITTED.computeIfAbsent(runId, k -> new AtomicLong()).incrementAndGet();
                    turn = (turn + i + 1) % ids.size();
                    return InputStatus.MORE_AVAILABLE;
                }
            }
            return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            List<Split> state = new ArrayList<>();
            for (Map.Entry<String, int[]> e : next.entrySet()) {
                Split s = splits.get(e.getKey());
                state.add(new Split(s.topic, s.partition, e.getValue()[0]));
            }
            return state;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (hasMore() || noMoreSplits) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>(); // completed by new splits or the end of them
            }
            return available;
        }

        private boolean hasMore() {
            for (Map.Entry<String, int[]> e : next.entrySet()) {
                if (e.getValue()[0] < partitions.getOrDefault(e.getKey(), new ArrayList<>()).size()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void addSplits(List<Split> added) {
            for (Split s : added) {
                splits.put(s.splitId(), s);
                next.put(s.splitId(), new int[] {s.next});
            }
            available.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
            available.complete(null);
        }

        @Override
        public void close() {}
    }

    static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        static final int VERSION = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(Split s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            write(s, out);
            out.flush();
            return bytes.toByteArray();
        }

        @Override
        public Split deserialize(int version, byte[] serialized) throws IOException {
            if (version != VERSION) {
                throw new IOException("unknown split state version " + version);
            }
            return read(new DataInputStream(new ByteArrayInputStream(serialized)));
        }

        static void write(Split s, DataOutputStream out) throws IOException {
            out.writeUTF(s.topic);
            out.writeInt(s.partition);
            out.writeInt(s.next);
        }

        static Split read(DataInputStream in) throws IOException {
            return new Split(in.readUTF(), in.readInt(), in.readInt());
        }
    }

    static final class PendingSplitsSerializer implements SimpleVersionedSerializer<List<Split>> {
        @Override
        public int getVersion() {
            return SplitSerializer.VERSION;
        }

        @Override
        public byte[] serialize(List<Split> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(splits.size());
            for (Split s : splits) {
                SplitSerializer.write(s, out);
            }
            out.flush();
            return bytes.toByteArray();
        }

        @Override
        public List<Split> deserialize(int version, byte[] serialized) throws IOException {
            if (version != SplitSerializer.VERSION) {
                throw new IOException("unknown enumerator state version " + version);
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
            int n = in.readInt();
            List<Split> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(SplitSerializer.read(in));
            }
            return splits;
        }
    }
}
