package io.kappa.cli;

import io.kappa.stack.LocalStack;
import io.kappa.stack.StackConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** up / down / status of the local stack. */
public final class StackCommands {
    private StackCommands() {}

    /** Ports of the stack, defaults as in docs. */
    static class PortOptions {
        @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka (default: ${DEFAULT-VALUE})")
        int kafka;
        @Option(names = "--kafka-controller-port", defaultValue = "9093",
                description = "Kafka KRaft controller (default: ${DEFAULT-VALUE})")
        int kafkaController;
        @Option(names = "--cassandra-port", defaultValue = "9042", description = "CQL (default: ${DEFAULT-VALUE})")
        int cassandra;
        @Option(names = "--cassandra-storage-port", defaultValue = "7000",
                description = "Cassandra internode (default: ${DEFAULT-VALUE})")
        int cassandraStorage;
        @Option(names = "--flink-port", defaultValue = "8081",
                description = "Flink REST API and web UI (default: ${DEFAULT-VALUE})")
        int flinkRest;
        @Option(names = "--flink-rpc-port", defaultValue = "6123",
                description = "Flink JobManager RPC (default: ${DEFAULT-VALUE})")
        int flinkRpc;
        @Option(names = "--jobmanager-metrics-port", defaultValue = "9249",
                description = "Flink JobManager's Prometheus endpoint (default: ${DEFAULT-VALUE})")
        int jobManagerMetrics;
        @Option(names = "--taskmanager-metrics-port", defaultValue = "9250",
                description = "Flink TaskManager's Prometheus endpoint (default: ${DEFAULT-VALUE})")
        int taskManagerMetrics;

        StackConfig config() {
            StackConfig d = StackConfig.defaults(KappaCli.home());
            return new StackConfig(d.home(), d.stateDir(), kafka, kafkaController, cassandra, cassandraStorage,
                    flinkRest, flinkRpc, jobManagerMetrics, taskManagerMetrics, false, null);
        }
    }

    static LocalStack defaultStack() {
        return new LocalStack(StackConfig.defaults(KappaCli.home()));
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start Kafka, Cassandra and a Flink session cluster on this machine, each its own JVM, "
                    + "and wait until each answers. Safe to run twice.")
    public static class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        PortOptions ports = new PortOptions();

        @Override
        public Integer call() {
            long start = System.nanoTime();
            LocalStack stack = new LocalStack(ports.config());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Starting the local stack (state in " + stack.config().stateDir() + "):");
            stack.up(out);
            out.printf("Up in %.1f s. Flink web UI: %s   Kafka: %s   Cassandra: 127.0.0.1:%d%n",
                    (System.nanoTime() - start) / 1e9, stack.config().flinkRestUrl(), stack.config().bootstrapServers(),
                    stack.config().cassandraPort());
            out.println("Prometheus: " + stack.config().jobManagerMetricsUrl() + " (JobManager)   "
                    + stack.config().taskManagerMetricsUrl() + " (TaskManager)");
            out.println("Logs: " + stack.config().logs() + "   Stop with: bin/kappa down");
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop what 'up' started (nothing else), cleanly: SIGTERM, then SIGKILL after 30 s.")
    public static class Down implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Stopping the local stack:");
            defaultStack().down(out);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Which servers of the local stack run, their pid and memory, where logs and data are.")
    public static class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LocalStack stack = defaultStack();
            stack.status(spec.commandLine().getOut());
            return stack.allRunning() ? 0 : 3;
        }
    }
}
