package io.kappa.cli;

import io.kappa.dashboard.DashboardData;
import io.kappa.dashboard.DashboardServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A web page of the pipeline, refreshed every few seconds: the top words of a window and one "
                + "word over time; the latest weather per city and one city over time; the jobs on the session "
                + "cluster with their counts, a running replay's progress, the output versions and the one served.",
            "Reads Cassandra and the Flink REST API. Stop with Ctrl-C."})
public class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();


    @Option(names = "--keyspace",
            description = "output version to show (default: the promoted one, followed as bin/kappa promote changes it; else kappa)")
    String keyspace;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 shows it to the network)")
    String bind;

    @Option(names = "--port", defaultValue = "8088", description = "(default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--allowed-hosts", paramLabel = "<names>",
            description = "host names the page may be reached by besides localhost, 127.0.0.1 and --bind "
                    + "(comma-separated; * for any): other names are refused, so that no other site can read it")
    String allowedHosts;

    @Option(names = "--refresh", defaultValue = "3s", converter = io.kappa.job.JobOptions.DurationConverter.class,
            description = "how often the page reads again (default: ${DEFAULT-VALUE})")
    Duration refresh;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535, was " + port);
        }
        if (refresh.toMillis() < 500) {
            throw new IllegalArgumentException("--refresh must be at least 500ms, was " + refresh);
        }
        DashboardServer server = DashboardServer.start(
                new DashboardData(connections.kafka(), connections.cassandra(), keyspace, connections.flinkUrl), bind, port, refresh,
                allowedHosts);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        String host = bind.equals("0.0.0.0") ? "localhost" : bind.contains(":") ? "[" + bind + "]" : bind;
        spec.commandLine().getOut().println("  dashboard on http://" + host + ":" + server.port() + "/  (Cassandra "
                + connections.cassandraHosts + ":" + connections.cassandraPort + ", Flink " + connections.flinkUrl + "; Ctrl-C stops it)");
        stopped.await();
        return 0;
    }
}
