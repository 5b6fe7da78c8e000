package io.kappa.job;

import io.kappa.core.EventTimeWatermarks;
import io.kappa.core.Sources;
import io.kappa.core.DeadLetter;
import io.kappa.weather.WeatherPipeline;
import io.kappa.words.WordCountPipeline;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one topology, wired in one place: sources → transforms → sinks. Live and replay differ only in the
 * {@link Sources} bounds and the environment's runtime settings, never here.
 */
public final class KappaTopology {
    private KappaTopology() {}

    /** Event-time settings shared by the inputs. */
    public record EventTime(Duration outOfOrderness, Duration idleness) implements Serializable {}

    /** @param weather null when the weather enrichment is switched off */
    public record Settings(EventTime eventTime, WordCountPipeline.Settings words, WeatherPipeline.Settings weather)
            implements Serializable {}

    public static void build(StreamExecutionEnvironment env, Sources sources, Sinks sinks, Settings settings) {
        EventTime eventTime = settings.eventTime();
        WordCountPipeline.Output counted = new WordCountPipeline(settings.words()).expand(sources.words(env,
                EventTimeWatermarks.forRecords(eventTime.outOfOrderness(), eventTime.idleness())));
        sinks.wordCounts(counted.counts());
        sinks.lateWords(counted.late());
        DataStream<DeadLetter> deadLetters = counted.deadLetters();

        if (settings.weather() != null) {
            WeatherPipeline.Output weather = new WeatherPipeline(settings.weather()).expand(
                    sources.weather(env, WeatherPipeline.eventTime(settings.weather())));
            sinks.weatherObservations(weather.observations());
            sinks.latestWeather(weather.latest());
            sinks.weatherWindows(weather.windows());
            sinks.lateWeather(weather.late());
            deadLetters = deadLetters.union(weather.deadLetters());
        }
        sinks.deadLetters(deadLetters);
    }
}
