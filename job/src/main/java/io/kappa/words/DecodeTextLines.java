package io.kappa.words;

import io.kappa.core.DeadLetter;
import io.kappa.core.Metrics;
import io.kappa.core.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes a Kafka record's value as one UTF-8 line of text. A record that is not a usable line (no value,
 * longer than the limit, not valid UTF-8) goes to the {@link #DEAD_LETTERS} side output with the reason and
 * is counted in the {@code malformedRecords} metric; the job carries on (docs/semantics.md, rule 2). An empty line
 * is valid and simply has no words. The key is not used: it may be null.
 */
public class DecodeTextLines extends ProcessFunction<RawRecord, TextLine> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("words-dead-letters") {};

    private final int maxLineBytes;
    private transient CharsetDecoder decoder;
    private transient Counter malformedRecords;

    public DecodeTextLines(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        malformedRecords = getRuntimeContext().getMetricGroup().counter(Metrics.MALFORMED_RECORDS);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<TextLine> out) {
        String problem = problemWith(record.value, maxLineBytes);
        if (problem != null) {
            malformedRecords.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(record, problem));
            return;
        }
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(record.value)).toString();
        } catch (CharacterCodingException e) {
            malformedRecords.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(record, "value is not valid UTF-8 (" + e.getMessage() + ")"));
            return;
        } catch (RuntimeException | StackOverflowError e) {
            malformedRecords.inc();
            ctx.output(DEAD_LETTERS, DeadLetter.unprocessable(record, e));
            return;
        }
        out.collect(new TextLine(record, text));
    }

    /** Why a value cannot be a line, or null when its size is acceptable. */
    static String problemWith(byte[] value, int maxLineBytes) {
        if (value == null) {
            return "record has no value (null)";
        }
        if (value.length > maxLineBytes) {
            return "line of " + value.length + " bytes is longer than the limit of " + maxLineBytes
                    + " bytes (--max-line-bytes)";
        }
        return null;
    }
}
