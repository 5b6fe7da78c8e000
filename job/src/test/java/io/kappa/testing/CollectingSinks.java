package io.kappa.testing;

import io.kappa.job.Sinks;
import io.kappa.core.DeadLetter;
import io.kappa.weather.CityWindowSummary;
import io.kappa.weather.Observation;
import io.kappa.words.LateWord;
import io.kappa.words.WindowedWordCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Sinks that collect into memory (MiniCluster tests run in this JVM); one instance per test run. */
public class CollectingSinks implements Sinks {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Object>> RESULTS = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    @Override
    public void wordCounts(DataStream<WindowedWordCount> counts) {
        counts.sinkTo(new Collect<>(id + "/counts")).name("collect counts");
    }

    @Override
    public void lateWords(DataStream<LateWord> late) {
        late.sinkTo(new Collect<>(id + "/late")).name("collect late");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        deadLetters.sinkTo(new Collect<>(id + "/dead")).name("collect dead letters");
    }

    @Override
    public void weatherObservations(DataStream<Observation> observations) {
        observations.sinkTo(new Collect<>(id + "/observations")).name("collect observations");
    }

    @Override
    public void latestWeather(DataStream<Observation> latest) {
        latest.sinkTo(new Collect<>(id + "/latest")).name("collect latest");
    }

    @Override
    public void weatherWindows(DataStream<CityWindowSummary> windows) {
        windows.sinkTo(new Collect<>(id + "/windows")).name("collect windows");
    }

    @Override
    public void lateWeather(DataStream<Observation> late) {
        late.sinkTo(new Collect<>(id + "/late-weather")).name("collect late weather");
    }

    public List<Observation> observations() {
        return get(id + "/observations");
    }

    public List<Observation> latest() {
        return get(id + "/latest");
    }

    public List<CityWindowSummary> weatherWindows() {
        return get(id + "/windows");
    }

    public List<Observation> lateWeather() {
        return get(id + "/late-weather");
    }

    public List<WindowedWordCount> counts() {
        return get(id + "/counts");
    }

    public List<LateWord> late() {
        return get(id + "/late");
    }

    public List<DeadLetter> deadLetters() {
        return get(id + "/dead");
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> get(String key) {
        return new ArrayList<>((Queue<T>) (Queue<?>) RESULTS.getOrDefault(key, new ConcurrentLinkedQueue<>()));
    }

    static class Collect<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final String key;

        Collect(String key) {
            this.key = key;
        }

        @Override
        @Deprecated
        public SinkWriter<T> createWriter(InitContext context) {
            return writer();
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return writer();
        }

        private SinkWriter<T> writer() {
            Queue<Object> queue = RESULTS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    queue.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
