package io.kappa.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeTextLinesTest {

    private static RawRecord record(long offset, byte[] value) {
        return new RawRecord("words", 0, offset, 1000L, null, value);
    }

    @Test
    void validLinesPassBadOnesGoToDeadLettersWithAReason() throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, TextLine> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new DecodeTextLines(16));
        h.processElement(record(0, "héllo wörld".getBytes(StandardCharsets.UTF_8)), 1000L);
        h.processElement(record(1, new byte[] {(byte) 0xC3, (byte) 0x28}), 1000L); // invalid UTF-8
        h.processElement(record(2, null), 1000L);
        h.processElement(record(3, new byte[17]), 1000L); // over the 16-byte limit
        h.processElement(record(4, new byte[0]), 1000L); // empty line: valid, no words

        assertThat(h.extractOutputValues()).extracting(l -> l.text).containsExactly("héllo wörld", "");
        assertThat(h.getSideOutput(DecodeTextLines.DEAD_LETTERS)).extracting(r -> ((DeadLetter) r.getValue()))
                .satisfiesExactly(
                        d -> {
                            assertThat(d.record.offset).isEqualTo(1);
                            assertThat(d.reason).startsWith("value is not valid UTF-8");
                            assertThat(d.record.value).containsExactly((byte) 0xC3, (byte) 0x28);
                        },
                        d -> assertThat(d.reason).isEqualTo("record has no value (null)"),
                        d -> assertThat(d.reason).contains("17 bytes").contains("--max-line-bytes"));
    }
}
