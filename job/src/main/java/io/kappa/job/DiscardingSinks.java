package io.kappa.job;

import io.kappa.kafka.KafkaSettings;
import java.time.Duration;
import io.kappa.weather.CityWindowSummary;
import io.kappa.weather.Observation;
import io.kappa.words.WindowedWordCount;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.function.SerializableFunction;

/**
 * {@code --output discard}: the results are counted and dropped instead of written to Cassandra, to measure the
 * job without its database (bin/kappa bench). Late records and dead letters still go to their Kafka topics.
 * The counts are accumulators, readable after the job ends ({@code GET /jobs/<id>/accumulators}):
 * {@value #ROWS} (results of every kind) and {@value #WORDS} (the sum of the word counts; equal to the words read
 * when no window fires twice, i.e. no record arrives within the allowed lateness after its window fired).
 */
public class DiscardingSinks extends ConnectorSinks {
    private static final long serialVersionUID = 1L;
    public static final String ROWS = "resultsDiscarded";
    public static final String WORDS = "wordsCounted";

    public DiscardingSinks(KafkaSettings kafka, String lateTopic, String weatherLateTopic, String deadLetterTopic) {
        super(kafka, null, lateTopic, weatherLateTopic, deadLetterTopic, 1, Duration.ZERO);
    }

    @Override
    public void wordCounts(DataStream<WindowedWordCount> counts) {
        discard(counts, "word counts", c -> c.count);
    }

    @Override
    public void weatherObservations(DataStream<Observation> observations) {
        discard(observations, "weather observations", o -> 0L);
    }

    @Override
    public void latestWeather(DataStream<Observation> latest) {
        discard(latest, "latest weather", o -> 0L);
    }

    @Override
    public void weatherWindows(DataStream<CityWindowSummary> windows) {
        discard(windows, "weather windows", w -> 0L);
    }

    private static <T> void discard(DataStream<T> stream, String what, SerializableFunction<T, Long> words) {
        String uid = what.replace(' ', '-');
        stream.map(new Count<>(words)).name("Count: " + what).uid("count-" + uid)
                .sinkTo(new DiscardingSink<>()).name("Discard: " + what).uid("discard-" + uid);
    }

    static class Count<T> extends RichMapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final SerializableFunction<T, Long> words;
        private transient LongCounter rows;
        private transient LongCounter wordsCounted;

        Count(SerializableFunction<T, Long> words) {
            this.words = words;
        }

        @Override
        public void open(OpenContext openContext) {
            rows = getOrAdd(ROWS);
            wordsCounted = getOrAdd(WORDS);
        }

        private LongCounter getOrAdd(String name) {
            // one accumulator per name and subtask, shared by the chained operators of that subtask
            LongCounter existing = (LongCounter) getRuntimeContext().<Long, Long>getAccumulator(name);
            if (existing != null) {
                return existing;
            }
            LongCounter counter = new LongCounter();
            getRuntimeContext().addAccumulator(name, counter);
            return counter;
        }

        @Override
        public T map(T value) {
            rows.add(1);
            wordsCounted.add(words.apply(value));
            return value;
        }
    }
}
