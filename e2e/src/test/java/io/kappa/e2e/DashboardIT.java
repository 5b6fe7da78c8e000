package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cli.Connections;
import io.kappa.client.Deadline;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Produce;
import io.kappa.client.cassandra.WeatherReadings;
import io.kappa.client.generate.WeatherSimulator;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.core.Metrics;
import io.kappa.dashboard.DashboardData;
import io.kappa.dashboard.DashboardServer;
import io.kappa.job.JobNames;
import io.kappa.job.JobOptions;
import io.kappa.weather.City;
import io.kappa.weather.CityDirectory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code bin/kappa dashboard} in a real browser: the whole local stack (Kafka, Cassandra, a Flink session
 * cluster), known words and weather readings produced, the job live on the session cluster until its rows are in
 * Cassandra, the dashboard server in this JVM on a free port, and Debian's headless Chromium driven through
 * chromedriver. Checks the charts and tables show what was produced and the pipeline panel the running job;
 * saves docs/dashboard.png.
 */
class DashboardIT {
    private static final long MIN = 60_000;
    private static final long HOUR = 3_600_000;
    private static final String KEYSPACE = "dash_live";

    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    @Test
    void theDashboardShowsTheProducedWordsAndWeatherAndTheRunningJob() throws Exception {
        STACK.createTopics("dash", 1);

        // words: one window with known counts, one bad record, then a line a window later that closes it
        long window = (System.currentTimeMillis() / MIN - 20) * MIN;
        Map<String, Long> expectedTop = new LinkedHashMap<>();
        expectedTop.put("apple", 7L);
        expectedTop.put("banana", 5L);
        expectedTop.put("cherry", 3L);
        try (KafkaProducer<byte[], byte[]> p = STACK.producer()) {
            for (int i = 0; i < 7; i++) {
                String line = "Apple" + (i < 5 ? " banana" : "") + (i < 3 ? ", cherry!" : "");
                p.send(new ProducerRecord<>("dash-words", null, window + i * 1000L, null, line.getBytes(StandardCharsets.UTF_8)));
            }
            p.send(new ProducerRecord<>("dash-words", null, window + 10_000, null, new byte[] {(byte) 0xC3, (byte) 0x28}));
            p.send(new ProducerRecord<>("dash-words", null, window + 2 * MIN + 30_000, null,
                    "zebra".getBytes(StandardCharsets.UTF_8)));
            p.flush();
        }

        // weather: four bundled cities (by name: the most populous of that name) every 10 minutes over two hours, all valid
        List<City> cities = new ArrayList<>();
        for (String name : List.of("London", "Paris", "Tokyo", "Sydney")) {
            cities.add(CityDirectory.bundled().find(name).orElseThrow());
        }
        long weatherStart = (System.currentTimeMillis() / HOUR - 3) * HOUR;
        Produce.WeatherSummary weather = Produce.quietly(STACK.connections().kafka(), "dash-weather").simulate(
                new WeatherSimulator.Spec(cities, weatherStart, Duration.ofHours(2), Duration.ofMinutes(10), 5, 0, 0, 0));

        // the job, live on the session cluster, as the web UI submits it
        JobRunner runner = STACK.runner();
        String jobId = runner.start(runner.upload(STACK.jobJar()), STACK.jobArgs("dash").keyspace(KEYSPACE)
                .window(Duration.ofMinutes(1)).allowedLateness(Duration.ofMinutes(1)).outOfOrderness(Duration.ofSeconds(5))
                .idleness(Duration.ZERO).checkpointInterval(Duration.ofSeconds(2)), 1);
        try {
            Map<String, String> expectedTemps = awaitRows(window, expectedTop, cities.size(), weather.maxDt() * 1000);
            Connections c = STACK.connections();
            try (DashboardServer server = DashboardServer.start(
                    new DashboardData(c.kafka(), c.cassandra(), KEYSPACE, STACK.config().flinkRestUrl()),
                    "127.0.0.1", 0, Duration.ofSeconds(2))) {
                try (Chromium chromium = Chromium.start("DashboardIT", 1400, 1800)) {
                    checkThePage(chromium, "http://127.0.0.1:" + server.port() + "/", window, expectedTop, expectedTemps,
                            jobId);
                }
            }
        } finally {
            runner.cancel(jobId);
        }
    }

    /** Waits for the job's rows; returns the latest temperature of each city as the page should show it. */
    private Map<String, String> awaitRows(long window, Map<String, Long> expectedTop, int cities, long lastReading) {
        try (WordCounts words = new WordCounts(STACK.connections().cassandra(KEYSPACE, 1));
             WeatherReadings weather = new WeatherReadings(STACK.connections().cassandra(KEYSPACE, 1))) {
            Deadline.await("the window's word counts in " + KEYSPACE, Duration.ofMinutes(3), () -> {
                try {
                    Map<String, Long> top = new LinkedHashMap<>();
                    words.top(window, 10).forEach(c -> top.put(c.word(), c.count()));
                    return top.equals(expectedTop) && words.windows().equals(List.of(window));
                } catch (IllegalStateException e) {
                    return false; // the job has not created the tables yet
                }
            });
            // the last round of readings, not just any: earlier ones are replaced as the job goes on
            Deadline.await("the last reading of every city", Duration.ofMinutes(2), () -> {
                List<WeatherReadings.LatestRow> latest = weather.latest();
                return latest.size() == cities && latest.stream().allMatch(r -> r.observedAt() == lastReading);
            });
            Map<String, String> temps = new LinkedHashMap<>();
            weather.latest().forEach(r -> temps.put(r.city(), String.format(Locale.ROOT, "%.1f °C", r.tempC())));
            return temps;
        }
    }

    private void checkThePage(Chromium chromium, String url, long window, Map<String, Long> expectedTop,
                              Map<String, String> expectedTemps, String jobId) throws Exception {
        WebDriver browser = chromium.driver();
        browser.get(url);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(200));
        JavascriptExecutor js = (JavascriptExecutor) browser;

        // the bar chart: the canvas is drawn, and Chart.js holds the produced words and counts
        WebElement panel = browser.findElement(By.id("words-panel")); // the panel stays; its content is redrawn
        wait.until(b -> String.join(",", expectedTop.keySet()).equals(panel.getDomAttribute("data-words")));
        assertThat(panel.getDomAttribute("data-counts")).isEqualTo("7,5,3");
        assertThat(panel.getDomAttribute("data-window")).isEqualTo(java.time.Instant.ofEpochMilli(window).toString());
        WebElement canvas = browser.findElement(By.cssSelector("[data-testid=words-top-chart]"));
        assertThat(canvas.isDisplayed()).isTrue();
        Dimension size = canvas.getSize();
        assertThat(size.getWidth()).isGreaterThan(100);
        assertThat(size.getHeight()).isGreaterThan(100);
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) js.executeScript(
                "const c = Chart.getChart(document.getElementById('words-top-chart'));"
                        + "return c && {labels: c.data.labels, counts: c.data.datasets[0].data};");
        assertThat(chart).as("a Chart.js chart on #words-top-chart").isNotNull();
        assertThat(chart.get("labels")).isEqualTo(List.of("apple", "banana", "cherry"));
        assertThat(chart.get("counts")).isEqualTo(List.of(7L, 5L, 3L));
        // the line chart of one word (the top word when none is typed)
        wait.until(b -> "apple".equals(js.executeScript("const w = window.kappaDashboard.word; return w && w.word;")));
        assertThat(js.executeScript("const c = Chart.getChart(document.getElementById('word-series-chart'));"
                + "return c && c.data.datasets[0].data;")).isEqualTo(List.of(7L));

        // the latest weather: every produced city with its °C (rows are rebuilt on each refresh: read them in one go)
        String readRows = "return [...document.querySelectorAll('[data-testid=weather-row]')]"
                + ".map(r => [r.cells[0].textContent, r.cells[2].textContent]);";
        wait.until(b -> ((List<?>) js.executeScript(readRows)).size() == expectedTemps.size());
        Map<String, String> shown = new LinkedHashMap<>();
        for (Object row : (List<?>) js.executeScript(readRows)) {
            shown.put((String) ((List<?>) row).get(0), (String) ((List<?>) row).get(1));
        }
        assertThat(shown).isEqualTo(expectedTemps);

        // the pipeline: the live job RUNNING, its records read and the one dead letter
        String readJobRow = "const r = document.querySelector(`[data-testid=job-row][data-job-id='${arguments[0]}']`);"
                + "return r && [r.dataset.state, r.cells[0].textContent, r.cells[1].textContent];";
        wait.until(b -> js.executeScript(readJobRow, jobId) instanceof List<?> row && "RUNNING".equals(row.get(0)));
        assertThat(js.executeScript(readJobRow, jobId))
                .isEqualTo(List.of("RUNNING", JobNames.of(JobOptions.Mode.live, KEYSPACE), "RUNNING"));
        String metric = "const p = window.kappaDashboard.pipeline, j = p && p.jobs.find(j => j.id === arguments[0]);"
                + "return j && j.metrics && j.metrics[arguments[1]];";
        wait.until(b -> Long.valueOf(9).equals(js.executeScript(metric, jobId, Metrics.RECORDS_READ)));
        assertThat(js.executeScript(metric, jobId, Metrics.MALFORMED_RECORDS)).isEqualTo(1L);
        // the version's place in its topics and in event time: nothing behind the head once all is read, and a lag
        String cellText = "const c = document.querySelector(`[data-testid=job-row][data-job-id='${arguments[0]}']"
                + " [data-testid=${arguments[1]}]`); return c && c.textContent;";
        wait.until(b -> "0".equals(js.executeScript(cellText, jobId, "behind")));
        wait.until(b -> String.valueOf(js.executeScript(cellText, jobId, "event-time-lag")).matches("\\d+[hm] \\d\\d[ms]"));
        assertThat(browser.findElements(By.cssSelector("#versions li[data-keyspace='" + KEYSPACE + "']"))).hasSize(1);

        // no panel shows an error once everything is drawn
        long rendered = (Long) js.executeScript("return window.kappaDashboard.rendered;");
        wait.until(b -> (Long) js.executeScript("return window.kappaDashboard.rendered;") > rendered);
        assertThat(js.executeScript("return Object.values(window.kappaDashboard.errors).filter(e => e);")).isEqualTo(List.of());

        chromium.screenshot(STACK.config().home().resolve("docs/dashboard.png"));
    }
}
