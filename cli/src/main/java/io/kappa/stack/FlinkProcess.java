package io.kappa.stack;

import io.kappa.client.ClientException;
import io.kappa.client.flink.FlinkRest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * A daemon of a Flink standalone session cluster, started the way flink-dist's scripts start it: the memory
 * flags come from Flink's own {@code BashJavaUtils}, the JVM options from {@code env.java.opts.all} in the
 * repo's {@code flink-conf/config.yaml}, and the stack's ports and folders are dynamic properties. Its plugins
 * ({@code FLINK_PLUGINS_DIR}) are {@code stack/flink/target/plugins}: the Prometheus reporter that config.yaml
 * switches on, each daemon on a port of its own ({@link #metricsPort()}).
 */
public class FlinkProcess extends ManagedServer {
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final boolean jobManager;
    /** The TaskManager's number, from 1 (0 for the JobManager). */
    private final int number;
    /** The resource id this process was last launched with ({@code taskmanager.resource-id}), or null. */
    private String resourceId;

    private FlinkProcess(StackConfig config, boolean jobManager, int number) {
        super(config, jobManager ? "flink-jobmanager" : number == 1 ? "flink-taskmanager" : "flink-taskmanager-" + number);
        this.jobManager = jobManager;
        this.number = number;
    }

    public static FlinkProcess jobManager(StackConfig config) {
        return new FlinkProcess(config, true, 0);
    }

    /** The first TaskManager. */
    public static FlinkProcess taskManager(StackConfig config) {
        return taskManager(config, 1);
    }

    /** TaskManager k (from 1): the same configuration, its own Prometheus port and resource id. */
    public static FlinkProcess taskManager(StackConfig config, int k) {
        return new FlinkProcess(config, false, k);
    }

    @Override
    public int port() {
        return jobManager ? config.flinkRestPort() : NO_PORT; // a TaskManager's ports are chosen at random
    }

    @Override
    protected String portOption() {
        return jobManager ? "--flink-port" : "--flink-rpc-port";
    }

    /** This daemon's Prometheus endpoint ({@code metrics.reporter.prom.port}). */
    public int metricsPort() {
        return jobManager ? config.jobManagerMetricsPort() : config.taskManagerMetricsPort(number);
    }

    public String metricsUrl() {
        return jobManager ? config.jobManagerMetricsUrl() : config.taskManagerMetricsUrl(number);
    }

    @Override
    public String describe() {
        return jobManager ? "Flink JobManager, web UI on " + config.flinkRestUrl()
                : "Flink TaskManager" + (number == 1 ? "" : " " + number) + " on localhost";
    }

    @Override
    public Path log() {
        return config.logs().resolve(name() + ".log");
    }

    /** Where the daemon's stdout goes; its log4j log is {@link #log()}. */
    @Override
    protected Path stdout() {
        return config.logs().resolve(name() + ".out");
    }

    /**
     * The stack's ports and folders, as -D dynamic properties on top of flink-conf/config.yaml; a TaskManager's
     * resource id names it and its launch, so that {@link #ready} finds this very process registered.
     */
    public List<String> dynamicProperties() {
        List<String> props = dynamicProperties(config);
        props.add("-D");
        props.add("metrics.reporter.prom.port=" + metricsPort());
        if (resourceId != null) {
            props.add("-D");
            props.add("taskmanager.resource-id=" + resourceId);
        }
        return props;
    }

    /** The ports and folders the JobManager and the TaskManager share. */
    public static List<String> dynamicProperties(StackConfig config) {
        Path flink = config.stateDir().resolve("flink");
        List<String> props = new ArrayList<>();
        for (String kv : List.of(
                "rest.port=" + config.flinkRestPort(),
                // the web UI's own origin only (the REST guard, kappa-flink-rest-guard, refuses every other one)
                "web.access-control-allow-origin=" + config.flinkRestUrl(),
                "jobmanager.rpc.port=" + config.flinkRpcPort(),
                "web.upload.dir=" + flink.resolve("uploads"),
                "io.tmp.dirs=" + flink.resolve("tmp"),
                "state.checkpoints.dir=" + flink.resolve("checkpoints").toUri(),
                "state.savepoints.dir=" + flink.resolve("savepoints").toUri())) {
            props.add("-D");
            props.add(kv);
        }
        return props;
    }

    /** {@code env.java.opts.all} of the cluster's config: on Java 17 every Flink JVM needs it. */
    public static List<String> javaOptions(Path confDir) {
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir.toString());
        String opts = conf.get(CoreOptions.FLINK_JVM_OPTIONS);
        return opts == null || opts.isBlank() ? List.of() : Arrays.asList(opts.trim().split("\\s+"));
    }

    /** Where Flink finds its plugins: the Prometheus reporter in {@code prometheus/}. */
    @Override
    protected java.util.Map<String, String> environment() {
        return java.util.Map.of("FLINK_PLUGINS_DIR", config.flinkPluginsDir().toString());
    }

    @Override
    protected void prepare() {
        if (jobManager) {
            Ports.requireFree(config.flinkRpcPort(), "Flink JobManager RPC", "--flink-rpc-port");
            Ports.requireFree(metricsPort(), "Flink JobManager Prometheus metrics", "--jobmanager-metrics-port");
        } else {
            Ports.requireFree(metricsPort(), "Flink TaskManager Prometheus metrics", "--taskmanager-metrics-port");
        }
        Path reporter = config.flinkPluginsDir().resolve("prometheus");
        if (!Files.isDirectory(reporter)) {
            throw new StackException("missing " + reporter + " (the Prometheus reporter plugin): build the server "
                    + "jars first (mvn -DskipTests package)");
        }
        Path flink = config.stateDir().resolve("flink");
        for (String d : List.of("uploads", "tmp", "checkpoints", "savepoints")) {
            try {
                Files.createDirectories(flink.resolve(d));
            } catch (java.io.IOException e) {
                throw new StackException("cannot create " + flink.resolve(d) + ": " + e.getMessage());
            }
        }
    }

    @Override
    protected List<String> command() {
        if (!jobManager) {
            resourceId = name() + "_" + System.currentTimeMillis();
        }
        Path conf = config.flinkConfDir();
        String cp = ChildJvm.classpath(config.lib("flink"));
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
        List<String> dynamic = dynamicProperties();
        List<String> resources = resourceParams(cp, conf, dynamic);
        List<String> jvm = new ArrayList<>(Arrays.asList(resources.get(0).trim().split("\\s+")));
        jvm.addAll(javaOptions(conf));
        jvm.add("-Dlog.file=" + log());
        jvm.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        if (resources.size() > 1 && !resources.get(1).isBlank()) {
            args.addAll(Arrays.asList(resources.get(1).trim().split("\\s+")));
        }
        args.addAll(dynamic);
        String main = jobManager ? "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"
                : "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
        return ChildJvm.command(jvm, cp, main, args);
    }

    /** JVM memory flags (first) and derived -D settings (second), as computed by Flink's BashJavaUtils. */
    private List<String> resourceParams(String cp, Path conf, List<String> dynamic) {
        List<String> args = new ArrayList<>(List.of(jobManager ? "GET_JM_RESOURCE_PARAMS" : "GET_TM_RESOURCE_PARAMS",
                "--configDir", conf.toString()));
        args.addAll(dynamic);
        String out = ChildJvm.run(ChildJvm.command(List.of("-Xmx128m"), cp,
                "org.apache.flink.runtime.util.bash.BashJavaUtils", args), dir(), 60);
        List<String> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith(RESULT_PREFIX)) {
                results.add(line.substring(RESULT_PREFIX.length()));
            }
        }
        if (results.isEmpty()) {
            throw new StackException("Flink's BashJavaUtils gave no memory settings for " + name() + ":\n" + out);
        }
        return results;
    }

    /**
     * The JobManager answers; a TaskManager this object launched is registered under its resource id (not a
     * registration of an earlier process of the same name that the JobManager has not dropped yet); one already
     * running counts when the JobManager has as many TaskManagers as its number.
     */
    @Override
    protected boolean ready() {
        try {
            FlinkRest rest = new FlinkRest(config.flinkRestUrl());
            List<String> registered = rest.taskManagerIds();
            return jobManager || (resourceId == null ? registered.size() >= number : registered.contains(resourceId));
        } catch (ClientException e) {
            return false; // not answering yet
        }
    }
}
