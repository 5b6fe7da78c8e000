package io.kappa.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kappa.client.versions.ReplayProgress;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.core.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardJsonTest {
    private static final long T = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;

    @Test
    void latestIsTheNewestWindowAndAnInstantIsThatWindow() {
        List<Long> windows = List.of(T, T + MIN, T + 2 * MIN);
        assertThat(DashboardJson.windowStart(null, windows)).isEqualTo(T + 2 * MIN);
        assertThat(DashboardJson.windowStart("latest", windows)).isEqualTo(T + 2 * MIN);
        assertThat(DashboardJson.windowStart("", windows)).isEqualTo(T + 2 * MIN);
        assertThat(DashboardJson.windowStart("latest", List.of())).isNull();
        assertThat(DashboardJson.windowStart("2026-11-22T10:01:00Z", windows)).isEqualTo(T + MIN);
        assertThatThrownBy(() -> DashboardJson.windowStart("yesterday", windows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'yesterday'");
    }

    @Test
    void topWordsAndOneWordOverTimeAsTheChartsDrawThem() throws Exception {
        List<WordCounts.Count> top = List.of(new WordCounts.Count(T, T + MIN, "apple", 7),
                new WordCounts.Count(T, T + MIN, "banana", 5));
        JsonNode json = new ObjectMapper().valueToTree(DashboardJson.top("kappa", T, List.of(T - MIN, T), top));
        assertThat(json.toString()).isEqualTo("{\"keyspace\":\"kappa\",\"window\":\"2026-11-22T10:00:00Z\","
                + "\"windowEnd\":\"2026-11-22T10:01:00Z\",\"windows\":[\"2026-11-22T09:59:00Z\",\"2026-11-22T10:00:00Z\"],"
                + "\"words\":[{\"word\":\"apple\",\"count\":7},{\"word\":\"banana\",\"count\":5}]}");

        assertThat(new ObjectMapper().valueToTree(DashboardJson.top("kappa", null, List.of(), List.of())).toString())
                .isEqualTo("{\"keyspace\":\"kappa\",\"window\":null,\"windowEnd\":null,\"windows\":[],\"words\":[]}");

        List<WordCounts.Count> newestFirst = List.of(new WordCounts.Count(T + MIN, T + 2 * MIN, "apple", 3),
                new WordCounts.Count(T, T + MIN, "apple", 7));
        DashboardJson.WordSeries series = DashboardJson.series("kappa", "apple", newestFirst);
        assertThat(series.points()).extracting(DashboardJson.Point::count).containsExactly(7L, 3L);
        assertThat(series.points().get(0).windowStart()).isEqualTo("2026-11-22T10:00:00Z");
    }

    @Test
    void defaultJobNamesSayModeAndKeyspace() {
        assertThat(DashboardJson.parseJobName("kappa-live-kappa")).isEqualTo(new DashboardJson.JobName("live", "kappa"));
        assertThat(DashboardJson.parseJobName("kappa-replay-kappa_v2"))
                .isEqualTo(new DashboardJson.JobName("replay", "kappa_v2"));
        assertThat(DashboardJson.parseJobName("kappa-demo-replay")).isEqualTo(new DashboardJson.JobName("replay", null));
        assertThat(DashboardJson.parseJobName("something else")).isEqualTo(new DashboardJson.JobName(null, null));
        assertThat(DashboardJson.parseJobName(null)).isEqualTo(new DashboardJson.JobName(null, null));
        assertThat(DashboardJson.parseJobName("kappa-live-not a keyspace")).isEqualTo(new DashboardJson.JobName("live", null));
    }

    @Test
    void theTopicsAJobReadsAreInItsSourceVertexNames() {
        assertThat(DashboardJson.sourceTopics(List.of(
                "Source: Kafka: demo-words -> Decode text lines -> Split into words",
                "Count words per window -> To row: word_counts_by_window",
                "Source: Kafka: demo-weather -> Parse weather readings",
                "Kafka: demo-words-late: Writer",
                "Source: Kafka: demo-words"))).containsExactly("demo-words", "demo-weather");
        assertThat(DashboardJson.sourceTopics(List.of())).isEmpty();
    }

    @Test
    void replayProgressIsRecordsReadOfTheRecordsToReplayAndTheSinksThrottling() {
        DashboardJson.Replay r = DashboardJson.replay(List.of("words", "weather"), new ReplayProgress(750, 1000, 5, 0.4));
        assertThat(r.read()).isEqualTo(750);
        assertThat(r.fraction()).isEqualTo(0.75);
        assertThat(r.rate()).isEqualTo(150.0);
        assertThat(r.etaSeconds()).isEqualTo(250 / 150.0);
        assertThat(r.sinkThrottled()).isEqualTo(0.4);
        DashboardJson.Replay done = DashboardJson.replay(List.of("words"), new ReplayProgress(1000, 1000, 5));
        assertThat(done.read()).isEqualTo(1000);
        assertThat(done.fraction()).isEqualTo(1.0);
        assertThat(done.etaSeconds()).isNull();
        assertThat(new ReplayProgress(0, 0, 1).fraction()).isEqualTo(1.0);
        assertThat(new ReplayProgress(0, 10, 1).etaSeconds()).isNull();
    }

    @Test
    void runningJobsComeFirstNewestFirst() {
        DashboardJson.Job old = job("a", "RUNNING", 1L);
        DashboardJson.Job newer = job("b", "RUNNING", 2L);
        DashboardJson.Job finished = job("c", "FINISHED", null);
        assertThat(DashboardJson.ordered(List.of(finished, old, newer))).extracting(DashboardJson.Job::id)
                .containsExactly("b", "a", "c");
    }

    private static DashboardJson.Job job(String id, String state, Long start) {
        return new DashboardJson.Job(id, "kappa-live-" + id, state, "live", id, start, null, null, null, null, null, null);
    }
}
