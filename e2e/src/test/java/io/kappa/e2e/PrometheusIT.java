package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.client.Deadline;
import io.kappa.client.flink.JobRunner;
import io.kappa.client.kafka.Produce;
import io.kappa.client.generate.TextGenerator;
import io.kappa.core.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Prometheus reporter of the local stack's session cluster (flink-conf/config.yaml, the plugin in
 * stack/flink/target/plugins/prometheus): the job live on the cluster, known lines produced, then the TaskManager's
 * and the JobManager's endpoints scraped over HTTP as Prometheus does, and the job's own metrics found there.
 */
class PrometheusIT {
    private static final long MIN = 60_000;
    private static final String KEYSPACE = "prom_live";
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One sample of the text exposition format: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** GET an endpoint and parse every sample (comments and blank lines skipped). */
    static List<Sample> scrape(String url) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot scrape " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while scraping " + url);
        }
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            assertThat(m.matches()).as("a sample line of " + url + ": " + line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return samples;
    }

    /** The samples of one metric of one job (one per subtask, operator, table…). */
    private static List<Sample> ofJob(List<Sample> samples, String name, String jobId) {
        return samples.stream().filter(s -> s.name().equals(name) && jobId.equals(s.labels().get("job_id"))).toList();
    }

    private static double sum(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::value).sum();
    }

    @Test
    void theTaskManagerAndTheJobManagerServeTheJobsMetricsToPrometheus() {
        STACK.createTopics("prom", 2);
        long t0 = (System.currentTimeMillis() / MIN - 20) * MIN;
        TextGenerator.Spec spec = new TextGenerator.Spec(1200, 200, 3, 8, 1.0, t0, Duration.ofMinutes(4), 0.0,
                Duration.ZERO, 0, Duration.ZERO, 41);
        Produce.TextSummary produced = Produce.quietly(STACK.connections().kafka(), "prom-words").generate(spec);

        JobRunner runner = STACK.runner();
        String jobId = runner.start(runner.upload(STACK.jobJar()), STACK.jobArgs("prom").noWeather().keyspace(KEYSPACE)
                .checkpointInterval(Duration.ofSeconds(2)), 2);
        try {
            String tm = STACK.config().taskManagerMetricsUrl();
            String jm = STACK.config().jobManagerMetricsUrl();

            // every produced line read, as the TaskManager's endpoint counts them (summed over the subtasks)
            String recordsRead = OPERATOR + Metrics.RECORDS_READ;
            Deadline.await(produced.lines() + " lines in " + recordsRead + " of job " + jobId + " at " + tm,
                    Duration.ofMinutes(2), () -> sum(ofJob(scrape(tm), recordsRead, jobId)) == produced.lines());
            String wordsSplit = OPERATOR + Metrics.WORDS_SPLIT;
            Deadline.await(produced.words() + " words in " + wordsSplit + " of job " + jobId, Duration.ofMinutes(1),
                    () -> sum(ofJob(scrape(tm), wordsSplit, jobId)) == produced.words());
            // the closed windows' rows handed to Cassandra
            String rowsWritten = OPERATOR + Metrics.ROWS_WRITTEN;
            Deadline.await(rowsWritten + " > 0 for job " + jobId, Duration.ofMinutes(2),
                    () -> sum(ofJob(scrape(tm), rowsWritten, jobId)) > 0);

            List<Sample> taskManager = scrape(tm);
            List<Sample> read = ofJob(taskManager, recordsRead, jobId);
            assertThat(read).as(recordsRead + ": one series per subtask").hasSize(2)
                    .allSatisfy(s -> assertThat(s.labels()).containsKeys("task_name", "subtask_index", "tm_id")
                            // label values: every character outside [a-zA-Z0-9:_] becomes _ (docs/operations.md)
                            .containsEntry("job_name", "kappa_live_" + KEYSPACE)
                            .containsEntry("operator_name", "Mark_too_late_records"));
            assertThat(sum(ofJob(taskManager, OPERATOR + Metrics.LATE_WORDS, jobId))).isZero();
            assertThat(sum(ofJob(taskManager, OPERATOR + Metrics.MALFORMED_RECORDS, jobId))).isZero();
            // the Cassandra sinks' metrics: present for every sink subtask
            for (String sink : List.of(Metrics.CASSANDRA_RETRIES, Metrics.CASSANDRA_ROWS_REFUSED,
                    Metrics.CASSANDRA_WRITES_IN_FLIGHT, Metrics.CASSANDRA_WRITE_LIMIT,
                    Metrics.CASSANDRA_WRITE_LATENCY_P99_MS, Metrics.CASSANDRA_THROTTLED_MILLIS)) {
                assertThat(ofJob(taskManager, OPERATOR + sink, jobId)).as(OPERATOR + sink).isNotEmpty()
                        .allSatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(0));
            }
            assertThat(sum(ofJob(taskManager, OPERATOR + Metrics.CASSANDRA_WRITE_LIMIT, jobId))).isPositive();
            // Flink's own figures of the job, next to ours
            assertThat(ofJob(taskManager, "flink_taskmanager_job_task_numRecordsIn", jobId)).isNotEmpty();

            // the JobManager's endpoint: the cluster and the job as it sees them
            List<Sample> jobManager = scrape(jm);
            assertThat(jobManager).filteredOn(s -> s.name().equals("flink_jobmanager_numRegisteredTaskManagers"))
                    .singleElement().extracting(Sample::value).isEqualTo(1.0);
            assertThat(jobManager).filteredOn(s -> s.name().equals("flink_jobmanager_numRunningJobs"))
                    .singleElement().extracting(Sample::value).satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));
            assertThat(ofJob(jobManager, "flink_jobmanager_job_uptime", jobId)).singleElement()
                    .extracting(Sample::value).satisfies(v -> assertThat(v).isPositive());
            // each endpoint is its own process: the JobManager has no task metrics
            assertThat(jobManager).noneMatch(s -> s.name().startsWith("flink_taskmanager_"));
        } finally {
            runner.cancelAndWait(jobId, Duration.ofMinutes(1));
        }
    }
}
