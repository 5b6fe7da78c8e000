package io.kappa.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.core.InvalidOptionException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgsTest {
    @Test
    void onlyWhatDiffersFromTheDefaultsIsPassed() {
        assertThat(JobArgs.live().toList()).isEmpty();
        assertThat(JobArgs.replay().keyspace("v2").window(Duration.ofSeconds(90)).noWeather().toList())
                .containsExactly("--mode", "replay", "--no-weather", "--window", "90s", "--keyspace", "v2");
    }

    @Test
    void theArgumentsParseBackToTheSameOptions() {
        JobArgs args = JobArgs.replay().keyspace("kappa_v2").kafka("10.0.0.1:9092").cassandra("10.0.0.2", 19042)
                .wordsTopic("w").lateTopic("l").deadLetterTopic("d").weatherTopic("wx").weatherLateTopic("wl")
                .groupId("g").window(Duration.ofMinutes(5)).allowedLateness(Duration.ofSeconds(30))
                .outOfOrderness(Duration.ofMillis(1500)).idleness(Duration.ZERO).weatherWindow(Duration.ofHours(2))
                .checkpointInterval(Duration.ofSeconds(2)).checkpointDir("file:///tmp/c")
                .from(Instant.parse("2026-11-22T10:00:00Z")).replayRuntime(JobOptions.ReplayRuntime.batch)
                .output(JobOptions.Output.discard).jobName("n").kafkaPropertiesFile(Path.of("/dev/null"))
                .with(o -> {
                    o.maxLineBytes = 1000;
                    o.kafkaProperties = Map.of("security.protocol", "SSL");
                });
        JobOptions o = args.parse();
        assertThat(o.toArgs()).isEqualTo(args.toList());
        assertThat(o.mode).isEqualTo(JobOptions.Mode.replay);
        assertThat(o.outOfOrderness).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.fromMillis()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
        assertThat(o.kafka().clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(o.jobName()).isEqualTo("n");
        assertThat(JobOptions.parse(o.toArgs().toArray(String[]::new)).toArgs()).isEqualTo(o.toArgs());
    }

    @Test
    void userArgumentsAreTheStartAndTypedSettersWin() {
        JobArgs args = JobArgs.of(List.of("--window", "5m", "--keyspace", "mine")).keyspace("theirs");
        assertThat(args.parse().window).isEqualTo(Duration.ofMinutes(5));
        assertThat(args.parse().keyspace).isEqualTo("theirs");
        assertThatThrownBy(() -> JobArgs.of(List.of("--windw", "5m"))).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--windw");
    }

    @Test
    void jobNamesAreMadeAndReadBackInOnePlace() {
        assertThat(JobArgs.replay().keyspace("kappa_v2").parse().jobName()).isEqualTo("kappa-replay-kappa_v2");
        assertThat(JobNames.parse("kappa-live-kappa")).hasValue(new JobNames.Parsed(JobOptions.Mode.live, "kappa"));
        assertThat(JobNames.parse("something else")).isEmpty();
    }

    @Test
    void durationsHaveNoSpaceSoThatAnArgumentLineSplitAtSpacesKeepsThem() {
        assertThat(JobArgs.live().window(Duration.ofMinutes(2)).idleness(Duration.ZERO).outOfOrderness(Duration.ofMillis(1500))
                .checkpointInterval(Duration.ofHours(1)).toList())
                .containsSubsequence("--window", "2min").contains("0ms", "1500ms", "1h").noneMatch(a -> a.contains(" "));
    }
}
