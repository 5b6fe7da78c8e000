package io.kappa.weather;

import io.kappa.core.DeadLetter;
import io.kappa.core.EventTimeWatermarks;
import io.kappa.core.RawRecord;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The weather enrichment as one composite transform: parse and validate → mark readings too late for their window
 * (per partition) → enrich with city data and derived fields → every reading, the latest per city, per-city window
 * summaries over the on-time readings, and the too-late ones. Like the word count, it knows nothing of Kafka,
 * Cassandra or the run mode. Event time is the document's {@code dt}, assigned at the source per Kafka partition
 * ({@link #eventTime}).
 */
public class WeatherPipeline {
    static final OutputTag<Observation> CLOSED = new OutputTag<>("weather-for-closed-windows") {};
    public static final String TOO_LATE_REASON = "too late";
    /** The weather window operator's name: its watermark is a version's weather event time (the CLI finds it by it). */
    public static final String SUMMARISE_CITY_WINDOWS = "Summarise city windows";
    public static final String CLOSED_REASON = io.kappa.words.LateWord.CLOSED_REASON;

    /**
     * The knobs of the weather enrichment.
     *
     * @param rangeStart earliest {@code dt} (ms) of a replay --from, aligned to the window, or {@link Long#MIN_VALUE}
     */
    public record Settings(CityDirectory cities, Duration window, Duration allowedLateness, Duration outOfOrderness,
                           Duration idleness, int maxDocumentBytes, Duration maxDtAhead, long rangeStart)
            implements Serializable {
        public ReadingParser parser() {
            return new ReadingParser(cities, maxDocumentBytes, maxDtAhead.toMillis());
        }
    }

    /** Every enriched reading, the newest per city, window summaries, readings too late for their window, rejects. */
    public record Output(DataStream<Observation> observations, DataStream<Observation> latest,
                         DataStream<CityWindowSummary> windows, DataStream<Observation> late,
                         DataStream<DeadLetter> deadLetters) {}

    private final Settings settings;

    public WeatherPipeline(Settings settings) {
        this.settings = settings;
    }

    /**
     * Event time at the source: a valid reading's {@code dt}; a record that is not a valid reading has none
     * (docs/semantics.md, rule 1) and does not move the watermark.
     */
    public static WatermarkStrategy<RawRecord> eventTime(Settings settings) {
        ReadingParser parser = settings.parser();
        return EventTimeWatermarks.forTimestamps((RawRecord r, long ts) -> parser.eventTime(r),
                settings.outOfOrderness(), settings.idleness());
    }

    /** {@code records} must carry the timestamps and watermarks of {@link #eventTime}. */
    public Output expand(DataStream<RawRecord> records) {
        SingleOutputStreamOperator<Reading> readings = records
                .process(new ParseWeatherReadings(settings.parser()))
                .name("Parse weather readings").uid("parse-weather-readings");
        DataStream<Observation> observations = readings
                .process(new MarkTooLateReadings(settings.window().toMillis(), settings.allowedLateness().toMillis(),
                        settings.outOfOrderness().toMillis(), settings.rangeStart()))
                .name("Mark too-late readings").uid(MarkTooLateReadings.UID)
                .map(new EnrichWeather())
                .name("Enrich weather").uid("enrich-weather");
        DataStream<Observation> latest = observations
                .keyBy(o -> o.cityId)
                .process(new KeepLatestPerCity())
                .name("Keep latest per city").uid("keep-latest-per-city");
        SingleOutputStreamOperator<CityWindowSummary> windows = observations
                .filter(o -> !o.tooLate())
                .name("On time for their window").uid("weather-on-time")
                .keyBy(o -> o.cityId)
                .window(TumblingEventTimeWindows.of(settings.window()))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(CLOSED)
                .process(new SummariseCityWindow())
                .name(SUMMARISE_CITY_WINDOWS).uid("summarise-city-windows");
        DataStream<Observation> late = observations
                .filter(Observation::tooLate)
                .name("Too late for their window").uid("weather-too-late")
                .map(o -> withReason(o, TOO_LATE_REASON)).name("Late: too late").uid("weather-late-reason")
                .union(windows.getSideOutput(CLOSED)
                        .map(o -> withReason(o, CLOSED_REASON)).name("Late: window closed").uid("weather-closed-reason"));
        return new Output(observations, latest, windows, late, readings.getSideOutput(ParseWeatherReadings.DEAD_LETTERS));
    }

    private static Observation withReason(Observation o, String reason) {
        o.lateReason = reason;
        return o;
    }
}
