package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kappa.client.Deadline;
import io.kappa.client.flink.FlinkRest;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.client.cassandra.WordCounts;
import io.kappa.job.JobNames;
import io.kappa.job.JobOptions;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Flink web UI's job submission in a real browser (docs/operations.md, "From the web UI"): Debian's headless
 * Chromium opens the test stack's web UI, goes to <em>Submit New Job</em>, uploads job/target/kappa-job.jar through the
 * page's file input, opens the uploaded jar, types the program arguments and clicks <em>Submit</em>. The REST API then
 * shows the job RUNNING, and lines produced afterwards reach Cassandra. Saves docs/flink-web-ui-submit.png (the filled
 * form).
 */
class FlinkWebUiIT {
    private static final long MIN = 60_000;
    private static final String KEYSPACE = "webui_live";
    private static final String JAR_NAME = "kappa-job.jar";

    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    @Test
    void aJobSubmittedOnTheSubmitNewJobPageRunsAndWritesItsRows() throws Exception {
        assertThat(STACK.jobJar().getFileName().toString()).isEqualTo(JAR_NAME);
        STACK.createTopics("webui", 2);
        String programArgs = typed(STACK.jobArgs("webui").keyspace(KEYSPACE).noWeather()
                .checkpointInterval(Duration.ofSeconds(2)).toList());
        String jobName = JobNames.of(JobOptions.Mode.live, KEYSPACE);
        JobRunner runner = STACK.runner();
        assertThat(runner.jobs()).noneMatch(j -> j.name().equals(jobName));

        String jobId;
        try (Chromium chromium = Chromium.start("FlinkWebUiIT", 1400, 900)) {
            try {
                jobId = submitThroughThePage(chromium, programArgs);
            } catch (Exception | AssertionError e) {
                Path page = Path.of("target", "flink-web-ui-page.html").toAbsolutePath();
                Files.writeString(page, chromium.driver().getPageSource());
                System.out.println("the page as the browser had it when the test failed: " + page);
                throw e;
            }
        }

        try {
            // what the page started, as the REST API sees it
            FlinkRest.Job job = runner.jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow();
            assertThat(job.name()).isEqualTo(jobName);
            runner.awaitRunning(jobId, jobName + " RUNNING", Duration.ofMinutes(1));
            assertThat(runner.jobs()).filteredOn(j -> j.name().equals(jobName)).extracting(FlinkRest.Job::state)
                    .containsExactly(JobRunner.RUNNING);

            // lines produced now reach Cassandra: every window but the newest is closed and written
            long t0 = (System.currentTimeMillis() / MIN - 20) * MIN;
            TextGenerator.Spec spec = new TextGenerator.Spec(600, 150, 3, 8, 1.0, t0, Duration.ofMinutes(4), 0.0,
                    Duration.ZERO, 0, Duration.ZERO, 51);
            Produce.quietly(STACK.connections().kafka(), "webui-words").generate(spec);
            TreeMap<Long, Long> closed = new TreeMap<>(TextGenerator.wordsPerWindow(spec, MIN));
            closed.pollLastEntry();
            Deadline.await("the closed windows of " + jobName + " in Cassandra", Duration.ofMinutes(2),
                    () -> WordCounts.totals(STACK.wordCounts(KEYSPACE)).equals(closed));
        } finally {
            runner.cancelAndWait(jobId, Duration.ofMinutes(1));
        }
    }

    /**
     * The arguments as one types them into the page's one-line <em>Program Arguments</em> field: Flink splits it at
     * spaces, so a value with a space in it (a duration as the job prints it, {@code 2 s}) goes in quotes.
     */
    static String typed(List<String> args) {
        return String.join(" ", args.stream().map(a -> a.matches(".*\\s.*") ? '"' + a + '"' : a).toList());
    }

    /** The user's clicks; returns the id of the job the page started (from the page it lands on). */
    private static String submitThroughThePage(Chromium chromium, String programArgs) throws Exception {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
        browser.get(STACK.config().flinkRestUrl() + "/");

        // the side menu's "Submit New Job"
        By menuItem = By.xpath("//li[.//span[normalize-space()='Submit New Job']]");
        wait.until(b -> !b.findElements(menuItem).isEmpty() && b.findElement(menuItem).isDisplayed());
        browser.findElement(menuItem).click();
        wait.until(b -> b.getCurrentUrl().endsWith("#/submit"));

        // "+ Add New" is a label for a hidden <input type=file id=upload-file>: the file goes to the input
        List<String> jarsBefore = jarIds();
        WebElement fileInput = wait.until(b -> b.findElement(By.cssSelector("flink-submit input#upload-file[type=file]")));
        fileInput.sendKeys(STACK.jobJar().toString());
        String[] uploaded = new String[1];
        Deadline.await("the jar uploaded by the page (GET /jars)", Duration.ofMinutes(1), () -> {
            List<String> now = jarIds();
            List<String> added = new ArrayList<>(now);
            added.removeAll(jarsBefore);
            uploaded[0] = added.size() == 1 ? added.get(0) : null;
            return uploaded[0] != null;
        });
        // the page lists the jars in the REST API's order: the uploaded one's row is at its index
        List<String> jars = jarIds();
        int index = jars.indexOf(uploaded[0]);
        By rows = By.cssSelector("flink-submit nz-table tbody tr.clickable");
        wait.until(b -> b.findElements(rows).size() == jars.size());
        WebElement row = browser.findElements(rows).get(index);
        assertThat(row.findElement(By.xpath("./td[1]")).getText()).isEqualTo(JAR_NAME);
        row.click();

        // the row's form unfolds below it: the entry class comes from the jar's manifest
        WebElement form = row.findElement(By.xpath("following-sibling::tr[1]"));
        By entryClass = By.cssSelector("input[formcontrolname=entryClass]");
        wait.until(b -> form.findElement(entryClass).isDisplayed());
        wait.until(b -> "io.kappa.job.KappaJob".equals(form.findElement(entryClass).getDomProperty("value")));
        form.findElement(By.cssSelector("input[formcontrolname=parallelism]")).sendKeys("2");
        WebElement args = form.findElement(By.cssSelector("input[formcontrolname=programArgs]"));
        args.sendKeys(programArgs);
        assertThat(args.getDomProperty("value")).isEqualTo(programArgs);

        chromium.screenshot(STACK.config().home().resolve("docs/flink-web-ui-submit.png"));

        form.findElement(By.xpath(".//button[normalize-space()='Submit']")).click();
        // Submit lands on the new job's page, #/job/running/<job id>/...; a refusal is a notification instead
        By refusal = By.cssSelector(".ant-notification-notice-description");
        wait.until(b -> b.getCurrentUrl().contains("#/job/running/") || !b.findElements(refusal).isEmpty());
        if (!browser.findElements(refusal).isEmpty()) {
            String text = browser.findElement(refusal).getText();
            throw new AssertionError("the web UI refused the submission: "
                    + text.substring(Math.max(0, text.lastIndexOf("Caused by:"))).lines().findFirst().orElse(text));
        }
        String url = browser.getCurrentUrl();
        String jobId = url.substring(url.indexOf("#/job/running/") + "#/job/running/".length()).split("[/?]")[0];
        assertThat(jobId).matches("[0-9a-f]{32}");
        return jobId;
    }

    /** The ids of the uploaded jars, in the order of {@code GET /jars} (the order the page lists them in). */
    private static List<String> jarIds() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(STACK.config().flinkRestUrl() + "/jars")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET /jars").isEqualTo(200);
            List<String> ids = new ArrayList<>();
            for (JsonNode file : new ObjectMapper().readTree(r.body()).path("files")) {
                ids.add(file.path("id").asText());
            }
            return ids;
        } catch (java.io.IOException e) {
            throw new AssertionError("GET /jars failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
