package io.kappa.weather;

import io.kappa.core.EventTimeWatermarks;
import io.kappa.core.DeadLetter;
import io.kappa.core.RawRecord;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The weather enrichment as one composite transform: parse and validate → event time from the document's
 * {@code dt} → enrich with city data and derived fields → per-city window summaries, and the latest reading
 * per city. Like the word count, it knows nothing of Kafka, Cassandra or the run mode.
 */
public class WeatherPipeline {
    static final OutputTag<Observation> TOO_LATE = new OutputTag<>("too-late-weather") {};

    /** The knobs of the weather enrichment. */
    public record Settings(CityDirectory cities, Duration window, Duration allowedLateness, Duration outOfOrderness,
                           Duration idleness) implements Serializable {}

    /** Every enriched reading, the newest per city, window summaries, readings too late for their window, rejects. */
    public record Output(DataStream<Observation> observations, DataStream<Observation> latest,
                         DataStream<CityWindowSummary> windows, DataStream<Observation> late,
                         DataStream<DeadLetter> deadLetters) {}

    private final Settings settings;

    public WeatherPipeline(Settings settings) {
        this.settings = settings;
    }

    /** {@code records} need no timestamps: event time is the document's {@code dt}. */
    public Output expand(DataStream<RawRecord> records) {
        SingleOutputStreamOperator<Reading> readings = records
                .process(new ParseWeatherReadings(settings.cities()))
                .name("Parse weather readings").uid("parse-weather-readings");
        DataStream<Observation> observations = readings
                .assignTimestampsAndWatermarks(EventTimeWatermarks.forTimestamps(
                        (Reading r, long ts) -> r.dt * 1000, settings.outOfOrderness(), settings.idleness()))
                .name("Weather event time").uid("weather-event-time")
                .map(new EnrichWeather(settings.cities()))
                .name("Enrich weather").uid("enrich-weather");
        DataStream<Observation> latest = observations
                .keyBy(o -> o.cityId)
                .process(new KeepLatestPerCity())
                .name("Keep latest per city").uid("keep-latest-per-city");
        SingleOutputStreamOperator<CityWindowSummary> windows = observations
                .keyBy(o -> o.cityId)
                .window(TumblingEventTimeWindows.of(settings.window()))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(TOO_LATE)
                .process(new SummariseCityWindow())
                .name("Summarise city windows").uid("summarise-city-windows");
        return new Output(observations, latest, windows, windows.getSideOutput(TOO_LATE),
                readings.getSideOutput(ParseWeatherReadings.DEAD_LETTERS));
    }
}
