package io.kappa.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Window summaries and latest-per-city, fed out of order. */
class WeatherOperatorsTest {

    private static Observation obs(long cityId, long at, double tempC, double windKmh, String condition) {
        Observation o = new Observation();
        o.cityId = cityId;
        o.city = "C" + cityId;
        o.observedAt = at;
        o.tempC = tempC;
        o.windKmh = windKmh;
        o.condition = condition;
        return o;
    }

    @Test
    void summaryOfAWindowIsTheSameWhateverTheArrivalOrderAndCountsADuplicateOnce() {
        List<Observation> inOrder = List.of(obs(1, 0, 10.0, 5, "Rain"), obs(1, 600_000, 12.5, 20, "Clouds"),
                obs(1, 1_200_000, 11.0, 7.2, "Rain"), obs(1, 1_800_000, 9.1, 3, "Clear"));
        List<Observation> shuffledWithDuplicate = List.of(inOrder.get(2), inOrder.get(0), inOrder.get(3), inOrder.get(1),
                inOrder.get(2));
        CityWindowSummary a = SummariseCityWindow.summarise(inOrder, 0, 3_600_000);
        CityWindowSummary b = SummariseCityWindow.summarise(shuffledWithDuplicate, 0, 3_600_000);
        assertThat(b).isEqualTo(a);
        assertThat(a.readings).isEqualTo(4);
        assertThat(a.minTempC).isEqualTo(9.1);
        assertThat(a.maxTempC).isEqualTo(12.5);
        assertThat(a.avgTempC).isEqualTo(10.65);
        assertThat(a.maxWindKmh).isEqualTo(20.0);
        assertThat(a.topCondition).isEqualTo("Rain");
    }

    @Test
    void conditionTiesGoAlphabetically() {
        assertThat(SummariseCityWindow.summarise(List.of(obs(1, 0, 1, 1, "Snow"), obs(1, 1, 1, 1, "Clouds")), 0, 10)
                .topCondition).isEqualTo("Clouds");
    }

    @Test
    void anOlderReadingArrivingLateNeverReplacesTheLatest() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<Long, Observation, Observation>(
                new KeyedProcessOperator<>(new KeepLatestPerCity()), o -> o.cityId, Types.LONG)) {
            h.open();
            h.processElement(obs(1, 2_000, 10, 1, "Clear"), 2_000);
            h.processElement(obs(2, 1_000, 20, 1, "Clear"), 1_000);
            h.processElement(obs(1, 1_000, 5, 1, "Rain"), 1_000);   // older than what city 1 has: dropped
            h.processElement(obs(1, 2_000, 10, 1, "Clear"), 2_000); // the same again: dropped
            h.processElement(obs(1, 3_000, 12, 1, "Clouds"), 3_000);
            assertThat(h.extractOutputValues()).extracting(o -> o.cityId + "@" + o.observedAt)
                    .containsExactly("1@2000", "2@1000", "1@3000");
        }
    }

    /** Two different readings of one city with the same dt: one winner, whatever the order (docs/semantics.md, 4). */
    @Test
    void equalDtIsResolvedByTheReadingKeyTheSameWayEverywhere() throws Exception {
        Observation a = obs(1, 60_000, 10.0, 5, "Rain");
        a.key = 2_000_003L;
        Observation b = obs(1, 60_000, 11.0, 5, "Clear");
        b.key = 1_000_005L; // the larger k mod 10^6 wins, though its k is smaller
        assertThat(Long.remainderUnsigned(b.key, 1_000_000)).isGreaterThan(Long.remainderUnsigned(a.key, 1_000_000));
        for (List<Observation> order : List.of(List.of(a, b), List.of(b, a))) {
            try (var h = new KeyedOneInputStreamOperatorTestHarness<Long, Observation, Observation>(
                    new KeyedProcessOperator<>(new KeepLatestPerCity()), o -> o.cityId, Types.LONG)) {
                h.open();
                for (Observation o : order) {
                    h.processElement(o, 60_000);
                }
                List<Observation> out = h.extractOutputValues();
                assertThat(out.get(out.size() - 1).tempC).isEqualTo(11.0);
            }
            assertThat(SummariseCityWindow.summarise(order, 0, 3_600_000).maxTempC).isEqualTo(11.0);
            assertThat(SummariseCityWindow.summarise(order, 0, 3_600_000).readings).isEqualTo(1);
        }
        assertThat(ReadingKey.writeTimeMicros(60, b.key)).isGreaterThan(ReadingKey.writeTimeMicros(60, a.key));
    }
}
