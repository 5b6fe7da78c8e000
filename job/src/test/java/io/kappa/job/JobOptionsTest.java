package io.kappa.job;

import io.kappa.core.InvalidOptionException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void defaultsAreALiveRunAgainstTheLocalStack() {
        JobOptions o = JobOptions.parse();
        assertThat(o.mode).isEqualTo(JobOptions.Mode.live);
        assertThat(o.bootstrapServers).isEqualTo("127.0.0.1:9092");
        assertThat(o.window).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.keyspace).isEqualTo("kappa");
        assertThat(o.jobName()).isEqualTo("kappa-live-kappa");
    }

    /**
     * docs/semantics.md rule 5: only a replay's input ends, so only a replay's word count takes the end of its event
     * time for the end of its input (and finishes when restarted after it) rather than for a drain (refused at once).
     */
    @Test
    void onlyAReplaysInputEnds() {
        assertThat(JobOptions.parse("--mode", "replay").words().inputEnds()).isTrue();
        assertThat(JobOptions.parse("--mode", "live").words().inputEnds()).isFalse();
        assertThat(JobOptions.parse().words().inputEnds()).isFalse();
    }

    @Test
    void durationsUseFlinksSyntax() {
        JobOptions o = JobOptions.parse("--window", "30s", "--allowed-lateness", "2min", "--out-of-orderness", "500ms",
                "--idleness", "0");
        assertThat(o.window).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.allowedLateness).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.outOfOrderness).isEqualTo(Duration.ofMillis(500));
        assertThat(o.idleness).isZero();
    }

    @Test
    void replayFromATimestampAcceptsIsoAndEpochMillis() {
        assertThat(JobOptions.parse("--mode", "replay", "--from", "2026-11-22T10:00:00Z").fromMillis())
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
        assertThat(JobOptions.parse("--mode", "REPLAY", "--from", "1700000000000").fromMillis()).isEqualTo(1700000000000L);
    }

    @Test
    void theLastOccurrenceOfAnOptionWins() {
        assertThat(JobOptions.parse("--keyspace", "a", "--keyspace", "b").keyspace).isEqualTo("b");
    }

    @Test
    void badValuesFailFastNamingTheOption() {
        assertThatThrownBy(() -> JobOptions.parse("--mode", "sideways"))
                .isInstanceOf(io.kappa.core.InvalidOptionException.class).hasMessageContaining("--mode").hasMessageContaining("sideways");
        assertThatThrownBy(() -> JobOptions.parse("--window", "0s")).hasMessage("--window must be greater than zero, was PT0S");
        assertThatThrownBy(() -> JobOptions.parse("--window", "soon")).hasMessageContaining("--window")
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> JobOptions.parse("--no-such-option")).hasMessageContaining("Unknown option: '--no-such-option'");
        assertThatThrownBy(() -> JobOptions.parse("--keyspace", "bad-name")).hasMessageContaining("--keyspace");
        assertThatThrownBy(() -> JobOptions.parse("--from", "2026-01-01T00:00:00Z"))
                .hasMessage("--from only applies to --mode replay");
        assertThatThrownBy(() -> JobOptions.parse("--mode", "replay", "--from", "yesterday")).hasMessageContaining("--from");
        assertThatThrownBy(() -> JobOptions.parse("--max-line-bytes", "0")).hasMessageContaining("--max-line-bytes");
        assertThatThrownBy(() -> JobOptions.parse("--cassandra-port", "70000")).hasMessageContaining("--cassandra-port");
    }

    @Test
    void helpIsPrintedAndNothingRuns() {
        assertThat(JobOptions.parse("--help")).isNull();
        assertThat(JobOptions.usage()).contains("--mode", "--keyspace", "--window", "--from");
    }
}
