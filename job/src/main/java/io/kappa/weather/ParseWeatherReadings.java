package io.kappa.weather;

import io.kappa.core.DeadLetter;
import io.kappa.core.Metrics;
import io.kappa.core.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses an OpenWeather "current weather" document and validates it ({@link ReadingParser}: docs/semantics.md,
 * rule 4). A record that is not a valid reading goes to {@link #DEAD_LETTERS} with the reason and is counted in
 * {@code malformedWeather}; the job never fails on it, not even on an error the parser did not foresee
 * ({@link DeadLetter#unprocessable}).
 */
public class ParseWeatherReadings extends ProcessFunction<RawRecord, Reading> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("weather-dead-letters") {};

    private final ReadingParser parser;
    private transient Counter readingsRead;
    private transient Counter malformed;

    public ParseWeatherReadings(ReadingParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        readingsRead = getRuntimeContext().getMetricGroup().counter(Metrics.WEATHER_READ);
        malformed = getRuntimeContext().getMetricGroup().counter(Metrics.MALFORMED_WEATHER);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Reading> out) {
        readingsRead.inc();
        try {
            out.collect(parser.parse(record));
        } catch (ReadingParser.Invalid e) {
            malformed.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(record, e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            malformed.inc();
            ctx.output(DEAD_LETTERS, DeadLetter.unprocessable(record, e));
        }
    }
}
