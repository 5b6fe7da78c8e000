package io.kappa.cli;

import io.kappa.stack.LocalStack;
import io.kappa.stack.StackConfig;
import io.kappa.stack.StackShape;
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
                description = "the first Flink TaskManager's Prometheus endpoint; the next ones take the ports after it "
                        + "(default: ${DEFAULT-VALUE})")
        int taskManagerMetrics;
    }

    /** How many of each server. */
    static class ShapeOptions {
        @Option(names = "--brokers", defaultValue = "1",
                description = "Kafka brokers, one KRaft quorum, broker k on 127.0.0.k (default: ${DEFAULT-VALUE})")
        int brokers;
        @Option(names = "--cassandra-nodes", defaultValue = "1",
                description = "Cassandra nodes, one ring, node k on 127.0.0.k (default: ${DEFAULT-VALUE})")
        int cassandraNodes;
        @Option(names = "--taskmanagers", defaultValue = "1",
                description = "Flink TaskManagers of the session cluster (default: ${DEFAULT-VALUE})")
        int taskManagers;
    }

    static StackConfig config(PortOptions p, ShapeOptions shape) {
        StackConfig d = StackConfig.defaults(KappaCli.home());
        return new StackConfig(d.home(), d.stateDir(), p.kafka, p.kafkaController, p.cassandra, p.cassandraStorage,
                p.flinkRest, p.flinkRpc, p.jobManagerMetrics, p.taskManagerMetrics, false, null,
                new StackShape(shape.brokers, shape.cassandraNodes, shape.taskManagers));
    }

    /** The stack in the default state folder, of the shape it was started with. */
    static LocalStack defaultStack() {
        return new LocalStack(StackConfig.recorded(KappaCli.home()));
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start Kafka, Cassandra and a Flink session cluster on this machine, each server its own JVM, "
                    + "and wait until each answers. Safe to run twice; a running stack keeps its shape "
                    + "(--brokers, --cassandra-nodes, --taskmanagers). See docs/scaling.md.")
    public static class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        PortOptions ports = new PortOptions();
        @picocli.CommandLine.Mixin
        ShapeOptions shape = new ShapeOptions();

        @Override
        public Integer call() {
            long start = System.nanoTime();
            LocalStack stack = new LocalStack(config(ports, shape));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Starting the local stack (state in " + stack.config().stateDir() + "):");
            stack.up(out);
            StackConfig c = stack.config();
            out.printf("Up in %.1f s. Flink web UI: %s   Kafka: %s   Cassandra: %s%n", (System.nanoTime() - start) / 1e9,
                    c.flinkRestUrl(), c.bootstrapServers(), c.cassandraEndpoints());
            out.println("Prometheus: " + c.jobManagerMetricsUrl() + " (JobManager)   " + c.taskManagerMetricsUrl()
                    + (c.shape().taskManagers() == 1 ? "" : " and the next " + (c.shape().taskManagers() - 1) + " port(s)")
                    + " (TaskManager)");
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
            PrintWriter out = spec.commandLine().getOut();
            stack.status(out);
            if (stack.server("flink-jobmanager").isRunning()) {
                jobs(new io.kappa.client.flink.FlinkRest(stack.config().flinkRestUrl()), out);
            }
            return stack.allRunning() ? 0 : 3;
        }

        /** The session cluster's jobs that have not ended; one whose tasks wait for slots says so. */
        static void jobs(io.kappa.client.flink.FlinkRest rest, PrintWriter out) {
            try {
                io.kappa.client.flink.FlinkRest.Slots slots = rest.slots();
                out.println("  jobs (task slots free: " + slots.free() + " of " + slots.total() + "):");
                for (io.kappa.client.flink.FlinkRest.Job job : rest.jobs()) {
                    if (io.kappa.client.flink.JobRunner.ENDED.contains(job.state())) {
                        continue;
                    }
                    int waiting = rest.tasksWaiting(job.id());
                    out.println("    " + job.name() + "  " + job.id() + "  " + job.state() + (waiting == 0 ? ""
                            : "  " + waiting + " tasks not running: waiting for task slots (stop a job, or lower its "
                            + "parallelism)"));
                }
            } catch (io.kappa.client.ClientException e) {
                out.println("  jobs: " + e.getMessage());
            }
        }
    }
}
