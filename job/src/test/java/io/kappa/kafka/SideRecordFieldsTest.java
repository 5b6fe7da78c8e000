package io.kappa.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.weather.Observation;
import io.kappa.words.LateWord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.json.JsonSerializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;

/** The late topics' JSON holds exactly the fields docs/semantics.md lists (rules 2 and 4), no getter more. */
class SideRecordFieldsTest {
    private static <T> TreeSet<String> fields(T value) throws Exception {
        JsonSerializationSchema<T> schema = new JsonSerializationSchema<>();
        schema.open(new SerializationSchema.InitializationContext() {
            @Override
            public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
            }
        });
        TreeSet<String> names = new TreeSet<>();
        new ObjectMapper().readTree(new String(schema.serialize(value), StandardCharsets.UTF_8)).fieldNames()
                .forEachRemaining(names::add);
        return names;
    }

    @Test
    void lateWeatherAndLateWordsHaveTheContractsFields() throws Exception {
        assertThat(fields(new Observation())).containsExactlyInAnyOrderElementsOf(List.of("cityId", "observedAt",
                "city", "country", "lat", "lon", "timeZone", "localTime", "tempC", "tempF", "feelsLikeC", "humidity",
                "pressure", "windMs", "windKmh", "windDeg", "beaufort", "beaufortName", "compass", "condition",
                "description", "key", "writeTime", "topic", "partition", "offset", "tooLateAt", "lateReason"));
        assertThat(fields(new LateWord())).containsExactlyInAnyOrderElementsOf(List.of("word", "count", "timestamp",
                "windowStart", "windowEnd", "watermark", "topic", "partition", "offset", "reason"));
    }
}
