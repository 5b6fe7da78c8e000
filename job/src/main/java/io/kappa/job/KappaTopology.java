package io.kappa.job;

import io.kappa.kafka.RawRecord;
import io.kappa.words.WordCountPipeline;
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
    public record EventTime(Duration outOfOrderness, Duration idleness) implements java.io.Serializable {}

    public static void build(StreamExecutionEnvironment env, Sources sources, Sinks sinks,
                             EventTime eventTime, WordCountPipeline.Settings words) {
        DataStream<RawRecord> lines = sources.words(env,
                EventTimeWatermarks.forRecords(eventTime.outOfOrderness(), eventTime.idleness()));
        WordCountPipeline.Output counted = new WordCountPipeline(words).expand(lines);
        sinks.wordCounts(counted.counts());
        sinks.lateWords(counted.late());
        sinks.deadLetters(counted.deadLetters());
    }
}
