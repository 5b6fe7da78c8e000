package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cli.Connections;
import io.kappa.cli.KappaCli;
import io.kappa.client.Deadline;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Produce;
import io.kappa.client.versions.Serving;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.versions.VersionLifecycle;
import io.kappa.client.versions.Versions;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.dashboard.DashboardData;
import io.kappa.dashboard.DashboardServer;
import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole cycle of versions on the real stack with records flowing throughout, through the commands a user types:
 * v1 live; v2 started from offset zero with new logic (a longer allowed lateness); v2 catches up; diff (over the
 * windows both have closed, the differences sorted into why); promote v2; retire v1; more records; then v2's rows equal
 * a replay of v2's logic over the whole topic, and nothing that came after the switch is missing.
 */
class VersionsIT {
    private static final String P = "vc";

    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    /** Runs a bin/kappa command; returns what it printed, failing on another exit status than {@code expected}. */
    private static String kappa(int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KappaCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        System.out.println("$ bin/kappa " + String.join(" ", args) + "\n" + out + err);
        assertThat(exit).as("exit status of bin/kappa " + String.join(" ", args) + ": " + err).isEqualTo(expected);
        return out.toString();
    }

    private static List<String> connections() {
        return List.of("--bootstrap-servers", STACK.bootstrapServers(), "--cassandra-port",
                Integer.toString(STACK.cassandraPort()), "--flink-url", STACK.config().flinkRestUrl());
    }

    private static String[] command(List<String> head, List<String> more) {
        List<String> all = new ArrayList<>(head);
        all.addAll(more);
        return all.toArray(String[]::new);
    }

    /** The job options of a version: this stack, the test's topic, small windows so that the test sees them close. */
    private static JobArgs logic(Duration allowedLateness) {
        return JobArgs.live().kafka(STACK.bootstrapServers()).cassandra("127.0.0.1", STACK.cassandraPort())
                .wordsTopic(P + "-words").noWeather().window(Duration.ofSeconds(10)).allowedLateness(allowedLateness)
                .outOfOrderness(Duration.ofSeconds(1)).idleness(Duration.ZERO).checkpointInterval(Duration.ofSeconds(2));
    }

    private static String[] start(String version, Duration allowedLateness, boolean noWait) {
        List<String> head = new ArrayList<>(List.of("version", "start", version, "--flink-url", STACK.config().flinkRestUrl(),
                "--jar", STACK.jobJar().toString(), "--timeout", "4m"));
        if (noWait) {
            head.add("--no-wait");
        }
        head.add("--");
        return command(head, logic(allowedLateness).toList());
    }

    /** The dashboard's pipeline panel: both live jobs, each with its records behind the head and its event-time lag. */
    private static void dashboardShowsBothVersions() throws Exception {
        Connections c = STACK.connections();
        try (DashboardServer server = DashboardServer.start(new DashboardData(c.kafka(), c.cassandra(), null,
                STACK.config().flinkRestUrl()), "127.0.0.1", 0, Duration.ofSeconds(2));
             Chromium chromium = Chromium.start("VersionsIT", 1400, 1100)) {
            WebDriver browser = chromium.driver();
            browser.get("http://127.0.0.1:" + server.port() + "/");
            JavascriptExecutor js = (JavascriptExecutor) browser;
            String versionCells = "return ['vc_v1', 'vc_v2'].map(v => [...document.querySelectorAll("
                    + "'[data-testid=job-row]')].find(r => r.cells[2].textContent === v)).map(r => r && ["
                    + "r.querySelector('[data-testid=behind]').textContent,"
                    + "r.querySelector('[data-testid=event-time-lag]').textContent]);";
            new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200)).until(b -> {
                List<?> rows = (List<?>) js.executeScript(versionCells);
                return rows.stream().allMatch(r -> r instanceof List<?> cells && !cells.get(0).toString().isEmpty()
                        && !cells.get(1).toString().isEmpty());
            });
            System.out.println("VERSIONS dashboard (behind, event-time lag) of v1, v2: " + js.executeScript(versionCells));
            chromium.screenshot(STACK.config().home().resolve("docs/versions-dashboard.png"));
        }
    }

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aNewVersionRunsFromOffsetZeroCatchesUpIsComparedPromotedAndTheOldOneRetired() throws Exception {
        STACK.createTopics(P, 2);
        // a backlog over the last 20 minutes, 2 % of it 30 s too late for a 5 s allowed lateness (not for 60 s)
        long now = System.currentTimeMillis();
        Produce words = Produce.quietly(STACK.connections().kafka(), P + "-words");
        words.generate(new TextGenerator.Spec(20_000, 300, 3, 8, 1.0, now - Duration.ofMinutes(20).toMillis(),
                Duration.ofMinutes(20), 0.02, Duration.ofMillis(800), 0.02, Duration.ofSeconds(30), 13));
        // and a live feed all along: 100 lines a second, stamped as they are sent, some of them 30 s late
        CompletableFuture<Produce.TextSummary> feed = CompletableFuture.supplyAsync(() -> Produce.quietly(
                STACK.connections().kafka(), P + "-words").stream(new TextGenerator.Spec(18_000, 300, 3, 8, 1.0, 0,
                Duration.ofMinutes(3), 0.02, Duration.ofMillis(800), 0.02, Duration.ofSeconds(30), 14), 100));

        // v1: live from offset zero, caught up, served
        kappa(0, start("vc_v1", Duration.ofSeconds(5), false));
        kappa(0, command(List.of("promote", "vc_v1"), connections()));

        // v2: the new logic, from offset zero beside v1; the command follows it until it has caught up
        String started = kappa(0, start("vc_v2", Duration.ofSeconds(60), false));
        assertThat(started).contains("vc_v2 has caught up");
        String list = kappa(0, command(List.of("version", "list"), connections()));
        assertThat(list).containsPattern("\\*\\s+vc_v1\\s+\\w+\\s+RUNNING").containsPattern("\\s+vc_v2\\s+\\w+\\s+RUNNING");
        dashboardShowsBothVersions();

        // diff over the windows both have closed: v2 counted what v1 took as too late, and nothing else differs
        String diff = kappa(4, command(List.of("diff", "vc_v1", "vc_v2"), connections()));
        assertThat(diff).containsPattern("differences: [1-9][0-9,]* too late on one side, 0 logic");

        // readers switch at once; v1 retires with a savepoint
        long switchedAt = System.currentTimeMillis();
        kappa(0, command(List.of("promote", "vc_v2"), connections()));
        assertThat(Serving.served(STACK.connections().cassandra(Serving.FALLBACK, 1))).isEqualTo("vc_v2");
        String retired = kappa(0, command(List.of("version", "retire", "vc_v1"), connections()));
        assertThat(retired).contains("stopped with a savepoint at");

        // more records; then v2 drained, and compared with a replay of its logic over the whole topic
        Produce.TextSummary fed = RealStack.await(feed, "the live feed to end", Duration.ofMinutes(6));
        JobRunner runner = STACK.runner();
        VersionLifecycle lifecycle = new VersionLifecycle(runner, STACK.connections().kafka(),
                STACK.connections().cassandra("vc_v2", 1));
        Versions.Version v2 = lifecycle.versions().find("vc_v2").orElseThrow();
        Deadline.await("vc_v2 to read every record", Duration.ofMinutes(2),
                () -> lifecycle.versions().find("vc_v2").orElseThrow().behind() == 0);
        runner.stopWithSavepoint(v2.job().id(), null, true, Duration.ofMinutes(2));
        RealStack.runJob(logic(Duration.ofSeconds(60)).mode(JobOptions.Mode.replay).keyspace("vc_check").parse());

        Map<String, Long> served = STACK.wordCounts("vc_v2");
        assertThat(served).isEqualTo(STACK.wordCounts("vc_check"));
        long afterSwitch = served.entrySet().stream().filter(e -> WordCounts.windowStartOf(e.getKey()) >= switchedAt)
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf("VERSIONS: %,d + %,d lines; v2 has %,d rows, %,d words in windows after the switch%n", 20_000,
                fed.lines(), served.size(), afterSwitch);
        assertThat(afterSwitch).as("words of the windows after the switch").isPositive();
    }
}
