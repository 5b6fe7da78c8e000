package io.kappa.client.flink;

import io.kappa.client.ClientException;
import io.kappa.client.Deadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kappa.job.KappaJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The few calls of the Flink REST API (the one the web UI uses) that the client needs; {@link JobRunner} builds on it. */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public record Job(String id, String name, String state) {}

    /** One job's state and timing, and the names of its vertices (chained operators, e.g. "Source: Kafka: words -> ..."). */
    public record JobDetails(String id, String name, String state, long startTime, long durationMillis,
                             List<String> vertices) {}

    /** The REST API's address, as given. */
    public String baseUrl() {
        return baseUrl;
    }

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    private JsonNode get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    /** The resource ids of the registered TaskManagers ({@code GET /taskmanagers}). */
    public List<String> taskManagerIds() {
        List<String> ids = new ArrayList<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            jobs.add(new Job(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText()));
        }
        return jobs;
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                    .method(method, body);
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                String errors = r.body();
                try {
                    errors = String.join("; ", JSON.readTree(r.body()).path("errors").findValuesAsText("errors"));
                    if (errors.isEmpty()) {
                        errors = JSON.readTree(r.body()).path("errors").toString();
                    }
                } catch (java.io.IOException ignored) {
                    // not JSON: keep the body
                }
                throw new ClientException("Flink REST " + method + " " + path + " answered " + r.statusCode() + ": "
                        + firstLines(errors, 3));
            }
            return JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
        } catch (java.io.IOException e) {
            throw new ClientException("cannot reach the Flink REST API at " + baseUrl + ": is the session cluster up? "
                    + "(bin/kappa status)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted");
        }
    }

    private static String firstLines(String text, int n) {
        String[] lines = text.split("\\n|\n");
        return String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
    }

    /**
     * Uploads a jar as the web UI's "Submit New Job" does ({@code POST /jars/upload}, multipart field
     * {@code jarfile}); returns the jar id. (The JDK has no multipart encoder; this is the few lines it takes.)
     */
    public String uploadJar(java.nio.file.Path jar) {
        String boundary = "kappa" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail));
            String filename = send("POST", "/jars/upload", body, "multipart/form-data; boundary=" + boundary)
                    .path("filename").asText();
            return filename.substring(filename.lastIndexOf('/') + 1);
        } catch (java.io.FileNotFoundException e) {
            throw new ClientException("no job jar at " + jar + ": build it with mvn -DskipTests package");
        }
    }

    /**
     * Runs an uploaded jar ({@code POST /jars/<id>/run}), detached, like the web UI's Submit button.
     *
     * @param savepointPath resume from this savepoint or retained checkpoint, or null
     * @param parallelism   or 0 for the cluster default
     * @return the job id
     */
    public String runJar(String jarId, List<String> programArgs, int parallelism, String savepointPath) {
        com.fasterxml.jackson.databind.node.ObjectNode req = JSON.createObjectNode();
        req.put("entryClass", KappaJob.class.getName());
        programArgs.forEach(req.putArray("programArgsList")::add);
        if (parallelism > 0) {
            req.put("parallelism", parallelism);
        }
        if (savepointPath != null) {
            req.put("savepointPath", savepointPath);
        }
        return send("POST", "/jars/" + jarId + "/run", HttpRequest.BodyPublishers.ofString(req.toString()),
                "application/json").path("jobid").asText();
    }

    /** Stops a job with a savepoint ({@code POST /jobs/<id>/stop}); returns the savepoint's path once written. */
    public String stopWithSavepoint(String jobId, String targetDirectory, boolean drain, Duration timeout) {
        com.fasterxml.jackson.databind.node.ObjectNode req = JSON.createObjectNode();
        req.put("drain", drain);
        if (targetDirectory != null) {
            req.put("targetDirectory", targetDirectory);
        }
        String trigger = send("POST", "/jobs/" + jobId + "/stop", HttpRequest.BodyPublishers.ofString(req.toString()),
                "application/json").path("request-id").asText();
        String[] location = new String[1];
        Deadline.await("the savepoint of job " + jobId, timeout, () -> {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (!status.path("status").path("id").asText().equals("COMPLETED")) {
                return false;
            }
            JsonNode op = status.path("operation");
            if (op.has("failure-cause")) {
                throw new ClientException("the savepoint of job " + jobId + " failed: "
                        + firstLines(op.path("failure-cause").path("stack-trace").asText(), 2));
            }
            location[0] = op.path("location").asText();
            return true;
        });
        return location[0];
    }

    /** The sum over all subtasks of the operator metrics whose name ends with {@code .suffix} (e.g. recordsRead). */
    public long metricSum(String jobId, String suffix) {
        return metricSums(jobId, List.of(suffix)).get(suffix);
    }

    /** {@link #metricSum} of several metrics in one pass over the job's vertices; every suffix has a sum (0 if absent). */
    public Map<String, Long> metricSums(String jobId, Collection<String> suffixes) {
        Map<String, Long> sums = new LinkedHashMap<>();
        suffixes.forEach(s -> sums.put(s, 0L));
        aggregated(jobId, id -> suffixes.stream().anyMatch(s -> id.endsWith("." + s)), "sum",
                (id, value) -> suffixes.stream().filter(s -> id.endsWith("." + s)).findFirst()
                        .ifPresent(s -> sums.merge(s, value, Long::sum)));
        return sums;
    }

    /** The largest value over all subtasks of the operator metrics whose name ends with {@code .suffix} (0 if absent). */
    public long metricMax(String jobId, String suffix) {
        long[] max = {0};
        aggregated(jobId, id -> id.endsWith("." + suffix), "max", (id, value) -> max[0] = Math.max(max[0], value));
        return max[0];
    }

    /**
     * For every vertex of the job, the metrics whose id {@code wanted} accepts, aggregated over the vertex's subtasks
     * ({@code agg}: sum, max, min), each handed to {@code each} as (id, value).
     */
    private void aggregated(String jobId, java.util.function.Predicate<String> wanted, String agg,
                            java.util.function.BiConsumer<String, Long> each) {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String vid = vertex.path("id").asText();
            List<String> ids = new ArrayList<>();
            for (JsonNode m : metricIds(jobId, vid)) {
                if (wanted.test(m.path("id").asText())) {
                    ids.add(m.path("id").asText());
                }
            }
            if (!ids.isEmpty()) {
                for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vid + "/subtasks/metrics?agg=" + agg + "&get="
                        + String.join(",", ids))) {
                    each.accept(m.path("id").asText(), (long) m.path(agg).asDouble());
                }
            }
        }
    }

    /** {@code GET /jobs/<id>}: state, start time, duration and vertex names. */
    public JobDetails details(String jobId) {
        JsonNode j = get("/jobs/" + jobId);
        List<String> vertices = new ArrayList<>();
        j.path("vertices").forEach(v -> vertices.add(v.path("name").asText()));
        return new JobDetails(j.path("jid").asText(jobId), j.path("name").asText(), j.path("state").asText(),
                j.path("start-time").asLong(), j.path("duration").asLong(), vertices);
    }

    /** How many checkpoints of the job have completed. */
    public long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * The ids of the job's checkpoints, as the web UI's Checkpoints tab shows them (a few seconds old at most).
     *
     * @param newest the newest triggered, completed or not (0 before the first)
     * @param latestCompleted the latest completed (0 before the first)
     * @param restored the one the job last restored its state from, or 0 if it has not restored one
     */
    public record CheckpointIds(long newest, long latestCompleted, long restored) {}

    public CheckpointIds checkpointIds(String jobId) {
        JsonNode c = get("/jobs/" + jobId + "/checkpoints");
        long newest = 0;
        for (JsonNode h : c.path("history")) {
            newest = Math.max(newest, h.path("id").asLong());
        }
        long completed = c.path("latest").path("completed").path("id").asLong(0);
        return new CheckpointIds(Math.max(newest, completed), completed,
                c.path("latest").path("restored").path("id").asLong(0));
    }

    /** The job's user accumulators by name (kept after the job ends), e.g. {@code wordsCounted}. */
    public java.util.Map<String, String> accumulators(String jobId) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        for (JsonNode a : get("/jobs/" + jobId + "/accumulators").path("user-task-accumulators")) {
            m.put(a.path("name").asText(), a.path("value").asText());
        }
        return m;
    }

    /** How long the job ran (or has been running), in milliseconds, as the web UI shows it. */
    public long durationMillis(String jobId) {
        return get("/jobs/" + jobId).path("duration").asLong();
    }

    /** The full state size in bytes of the job's latest completed checkpoint, or -1 before the first. */
    public long latestCheckpointBytes(String jobId) {
        JsonNode latest = get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        return latest.isMissingNode() || latest.isNull() ? -1 : latest.path("state_size").asLong();
    }

    /** JVM heap used, in bytes, summed over the TaskManagers. */
    public long taskManagerHeapUsedBytes() {
        long sum = 0;
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            for (JsonNode m : get("/taskmanagers/" + tm.path("id").asText() + "/metrics?get=Status.JVM.Memory.Heap.Used")) {
                sum += (long) m.path("value").asDouble();
            }
        }
        return sum;
    }

    /**
     * The arguments a Kappa job was started with, from its global job parameters ({@code kappa.arg.N}, set by the job
     * itself), in order; empty for another job.
     */
    public List<String> kappaJobArgs(String jobId) {
        JsonNode user = get("/jobs/" + jobId + "/config").path("execution-config").path("user-config");
        java.util.TreeMap<Integer, String> args = new java.util.TreeMap<>();
        user.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(io.kappa.job.KappaJob.ARG_PARAMETER)) {
                try {
                    args.put(Integer.parseInt(e.getKey().substring(io.kappa.job.KappaJob.ARG_PARAMETER.length())),
                            e.getValue().asText());
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        });
        return new ArrayList<>(args.values());
    }

    /** The newest failure's stack trace as the web UI shows it ("root-exception"), or empty when it has none. */
    public String rootException(String jobId) {
        return get("/jobs/" + jobId + "/exceptions").path("root-exception").asText("");
    }

    /** Task slots of the cluster: free and in all ({@code GET /overview}). */
    public record Slots(int free, int total) {}

    public Slots slots() {
        JsonNode o = get("/overview");
        return new Slots(o.path("slots-available").asInt(), o.path("slots-total").asInt());
    }

    /**
     * How many of the job's tasks are not running yet (created, scheduled or deploying): while the job waits for task
     * slots, all of them. 0 for a job whose tasks all run, or that has ended.
     */
    public int tasksWaiting(String jobId) {
        JsonNode j = get("/jobs/" + jobId);
        int waiting = 0;
        for (JsonNode v : j.path("vertices")) {
            String status = v.path("status").asText();
            if (status.equals("CREATED") || status.equals("SCHEDULED") || status.equals("DEPLOYING")
                    || status.equals("INITIALIZING")) {
                waiting += v.path("parallelism").asInt(1);
            }
        }
        return waiting;
    }

    /** How many failures the job has recorded (its exception history). */
    public int failures(String jobId) {
        return get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    /** Whether the job runs with every task running: not failing over, restarting or still deploying. */
    public boolean tasksRunning(String jobId) {
        JsonNode j = get("/jobs/" + jobId);
        if (!j.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode v : j.path("vertices")) {
            if (!v.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /** The resource ids of the TaskManagers the job's tasks run on. */
    public Set<String> taskManagersOf(String jobId) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers").path("taskmanagers")
                    .forEach(tm -> ids.add(tm.path("taskmanager-id").asText()));
        }
        return ids;
    }

    public String state(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    public void cancel(String jobId) {
        send("PATCH", "/jobs/" + jobId + "?mode=cancel", HttpRequest.BodyPublishers.noBody(), null);
    }

    /**
     * Triggers a checkpoint now ({@code POST /jobs/<id>/checkpoints}, Flink 1.19+) and waits until it has completed;
     * returns its id.
     */
    public long triggerCheckpoint(String jobId, Duration timeout) {
        String trigger = send("POST", "/jobs/" + jobId + "/checkpoints",
                HttpRequest.BodyPublishers.ofString("{\"checkpointType\":\"FULL\"}"), "application/json")
                .path("request-id").asText();
        long[] id = new long[1];
        Deadline.await("checkpoint of job " + jobId, timeout, () -> {
            JsonNode status = get("/jobs/" + jobId + "/checkpoints/" + trigger);
            if (!status.path("status").path("id").asText().equals("COMPLETED")) {
                return false;
            }
            JsonNode op = status.path("operation");
            if (op.has("failure-cause")) {
                throw new ClientException("the checkpoint of job " + jobId + " failed: "
                        + firstLines(op.path("failure-cause").path("stack-trace").asText(), 2));
            }
            id[0] = op.path("checkpointId").asLong();
            return true;
        });
        return id[0];
    }

    /**
     * The offset of the last record each Kafka source subtask has emitted, by {@code topic:partition}: the connector's
     * {@code KafkaSourceReader.topic.<t>.partition.<p>.currentOffset} gauges (a partition a reader has not started is
     * absent).
     */
    public Map<String, Long> sourceOffsets(String jobId) {
        String prefix = "KafkaSourceReader.topic.";
        Map<String, Long> offsets = new java.util.TreeMap<>();
        aggregated(jobId, id -> id.contains(prefix) && id.endsWith(".currentOffset"), "max", (id, value) -> {
            String tp = id.substring(id.indexOf(prefix) + prefix.length(), id.length() - ".currentOffset".length())
                    .replace(".partition.", ":");
            offsets.merge(tp, value, Math::max);
        });
        return offsets;
    }

    /**
     * The event-time watermark of the job's first vertex whose name contains {@code vertexName} (e.g. "Count words per
     * window"): the smallest current input watermark of its subtasks ({@code GET /jobs/<id>/vertices/<v>/watermarks}),
     * or empty before every subtask has one.
     */
    public java.util.OptionalLong watermark(String jobId, String vertexName) {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (vertex.path("name").asText().contains(vertexName)) {
                long min = Long.MAX_VALUE;
                int subtasks = 0;
                for (JsonNode w : get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/watermarks")) {
                    long value = (long) Double.parseDouble(w.path("value").asText("0"));
                    min = Math.min(min, value);
                    subtasks++;
                }
                return subtasks == 0 || min <= Long.MIN_VALUE + 1 ? java.util.OptionalLong.empty()
                        : java.util.OptionalLong.of(min);
            }
        }
        return java.util.OptionalLong.empty();
    }


    /**
     * The metrics a vertex's subtasks report. The REST API answers from a store it refreshes in the background when
     * asked, so the first answer after a while can be empty: asked again until it is not, for up to five seconds (a
     * vertex always has some metrics once its tasks run).
     */
    private List<JsonNode> metricIds(String jobId, String vertexId) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<JsonNode> ids = new ArrayList<>();
            get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics").forEach(ids::add);
            if (!ids.isEmpty() || System.nanoTime() > deadline) {
                return ids;
            }
            try {
                Thread.sleep(200); // the store fills in the background: ask again shortly
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ids;
            }
        }
    }
}
