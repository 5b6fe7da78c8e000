package io.kappa.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupRowsByPartitionTest {
    private OneInputStreamOperatorTestHarness<Row, Row[]> harness;

    @BeforeEach
    void open() throws Exception {
        // partition key: field 0 (window); primary key: fields 0 and 1 (window, word); 3 rows a batch; 5 held at most
        harness = new OneInputStreamOperatorTestHarness<>(new GroupRowsByPartition(1, 2, -1, 3, 40 * 1024, 5));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void row(long window, String word, long count) throws Exception {
        harness.processElement(Row.of(window, word, count), 0);
    }

    /** Batches as "window:word=count,word=count", watermarks as "W<t>", in order. */
    private List<String> output() {
        List<String> out = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                Row[] rows = (Row[]) r.getValue();
                out.add(rows[0].getField(0) + ":" + Arrays.stream(rows).map(x -> x.getField(1) + "=" + x.getField(2))
                        .collect(Collectors.joining(",")));
            } else if (o instanceof Watermark w) {
                out.add("W" + w.getTimestamp());
            }
        }
        harness.getOutput().clear();
        return out;
    }

    @Test
    void rowsOfOnePartitionGoOutTogetherWhenTheBatchIsFull() throws Exception {
        row(1, "a", 1);
        row(2, "a", 1);
        row(1, "b", 1);
        assertThat(output()).isEmpty();
        row(1, "c", 1);
        assertThat(output()).containsExactly("1:a=1,b=1,c=1");
    }

    @Test
    void aNewerRowForTheSameKeyReplacesTheHeldOne() throws Exception {
        row(1, "a", 5);
        row(1, "a", 6);
        harness.processWatermark(new Watermark(100));
        assertThat(output()).containsExactly("1:a=6", "W100");
    }

    @Test
    void everythingHeldGoesOutBeforeAWatermarkACheckpointBarrierAndTheEnd() throws Exception {
        row(1, "a", 1);
        row(2, "b", 1);
        harness.processWatermark(new Watermark(100));
        assertThat(output()).containsExactly("1:a=1", "2:b=1", "W100");
        row(3, "c", 1);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(output()).containsExactly("3:c=1");
        row(4, "d", 1);
        harness.getOperator().finish();
        assertThat(output()).containsExactly("4:d=1");
    }

    @Test
    void noMoreThanMaxRowsAreHeld() throws Exception {
        for (int i = 0; i < 4; i++) {
            row(i, "w", 1);
        }
        assertThat(output()).isEmpty();
        row(9, "w", 1); // the fifth
        assertThat(output()).hasSize(5);
    }

    /** Long words (up to --max-word-bytes) must not make a batch Cassandra refuses as too large (50 KiB). */
    @Test
    void aBatchEndsBeforeItsValuesReachTheByteLimit() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<Row, Row[]>(new GroupRowsByPartition(1, 2, -1, 200, 40 * 1024, 10_000))) {
            h.open();
            for (int i = 0; i < 200; i++) {
                h.processElement(Row.of(1L, "w" + i + "x".repeat(500), 1L), 0);
            }
            h.processWatermark(new Watermark(1));
            List<Integer> sizes = new ArrayList<>();
            for (Object o : h.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    Row[] rows = (Row[]) r.getValue();
                    sizes.add(Arrays.stream(rows).mapToInt(GroupRowsByPartition::estimatedBytes).sum());
                }
            }
            assertThat(sizes).allMatch(b -> b <= 40 * 1024);
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200 * (501 + 16) + 490); // "w" + 500 x + the digits of 0..199
        }
    }

    /** Rows with their own write timestamp (last field): the larger stays, as it would in Cassandra. */
    @Test
    void aRowWithAWriteTimestampIsNotReplacedByAnOlderOne() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<Row, Row[]>(new GroupRowsByPartition(1, 2, 3, 10, 40 * 1024, 100))) {
            h.open();
            h.processElement(Row.of(1L, "a", "winner", 20L), 0);
            h.processElement(Row.of(1L, "a", "loser", 10L), 0);
            h.processElement(Row.of(1L, "b", "old", 10L), 0);
            h.processElement(Row.of(1L, "b", "new", 30L), 0);
            h.processWatermark(new Watermark(1));
            List<String> rows = new ArrayList<>();
            for (Object o : h.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    Arrays.stream((Row[]) r.getValue()).forEach(x -> rows.add(x.getField(1) + "=" + x.getField(2)));
                }
            }
            assertThat(rows).containsExactly("a=winner", "b=new");
        }
    }
}
