package io.kappa.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flink's own command-line client ({@code flink run|list|cancel|stop|savepoint …}) from the session cluster's
 * jars, for machines without a Flink download: {@code org.apache.flink.client.cli.CliFrontend} with
 * {@code FLINK_CONF_DIR=flink-conf} and the cluster's JVM options. {@code bin/flink} is this.
 */
public final class FlinkCli {
    private FlinkCli() {}

    /**
     * @throws StackException for a secret among the job's arguments, before Flink's client starts (it writes its
     *                        arguments to its log and to the JobManager's)
     */
    public static ProcessBuilder process(StackConfig config, List<String> args) {
        io.kappa.core.ConnectionProperties.secretAmong(args).ifPresent(refusal -> {
            throw new StackException(refusal);
        });
        Path conf = config.flinkConfDir();
        List<String> jvm = new ArrayList<>(FlinkProcess.javaOptions(conf));
        jvm.add("-Xmx512m");
        jvm.add("-Dlog.file=" + config.logs().resolve("flink-client.log"));
        jvm.add("-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties").toUri());
        List<String> cliArgs = new ArrayList<>(args);
        if (config.flinkRestPort() != 8081 && !args.isEmpty() && ACTIONS_WITH_ADDRESS.contains(args.get(0))
                && !args.contains("-m")) {
            cliArgs.addAll(1, List.of("-m", "localhost:" + config.flinkRestPort()));
        }
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(jvm, ChildJvm.classpath(config.lib("flink")),
                "org.apache.flink.client.cli.CliFrontend", cliArgs));
        Map<String, String> env = pb.environment();
        env.put("FLINK_CONF_DIR", conf.toString());
        return pb;
    }

    private static final List<String> ACTIONS_WITH_ADDRESS = List.of("run", "list", "cancel", "stop", "savepoint", "info");

    /** Runs the client with this process's terminal; returns its exit code. */
    public static int runInteractive(StackConfig config, List<String> args) {
        java.util.Optional<String> secret = io.kappa.core.ConnectionProperties.secretAmong(args);
        if (secret.isPresent()) {
            System.err.println("kappa: " + secret.get());
            return 2;
        }
        try {
            java.nio.file.Files.createDirectories(config.logs());
            return process(config, args).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new StackException("cannot start the flink client: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Runs the client and returns its output; throws with the output when it fails. */
    public static String run(StackConfig config, List<String> args, long timeoutSeconds) {
        return run(config, args, timeoutSeconds, Map.of());
    }

    /** As {@link #run(StackConfig, List, long)}, with extra environment variables (KAPPA_KAFKA_*, ...). */
    public static String run(StackConfig config, List<String> args, long timeoutSeconds, Map<String, String> env) {
        try {
            java.nio.file.Files.createDirectories(config.logs());
        } catch (java.io.IOException e) {
            throw new StackException("cannot create " + config.logs());
        }
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("FLINK_CONF_DIR", config.flinkConfDir().toString());
        return ChildJvm.run(process(config, args).command(), config.stateDir(), timeoutSeconds, all);
    }
}
