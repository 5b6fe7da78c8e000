package io.kappa.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus reporter on the local stack: switched on in flink-conf/, a port of its own for each daemon. */
class FlinkProcessTest {
    private static final Path HOME = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path state;

    @Test
    void theClustersConfigSwitchesThePrometheusReporterOn() {
        Configuration conf = GlobalConfiguration.loadConfiguration(HOME.resolve("flink-conf").toString());
        assertThat(conf.toMap()).containsEntry("metrics.reporters", "prom")
                .containsEntry("metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsEntry("metrics.reporter.prom.port", "9249-9260");
    }

    @Test
    void eachDaemonGetsItsOwnReporterPortAndThePluginsFolder() {
        StackConfig config = StackConfig.defaults(HOME);
        assertThat(config.jobManagerMetricsPort()).isEqualTo(9249);
        assertThat(config.taskManagerMetricsPort()).isEqualTo(9250);
        FlinkProcess jm = FlinkProcess.jobManager(config);
        FlinkProcess tm = FlinkProcess.taskManager(config);
        assertThat(String.join(" ", jm.dynamicProperties())).contains("-D metrics.reporter.prom.port=9249")
                .doesNotContain("9250");
        assertThat(String.join(" ", tm.dynamicProperties())).contains("-D metrics.reporter.prom.port=9250")
                .doesNotContain("9249");
        assertThat(jm.metricsUrl()).isEqualTo("http://localhost:9249/metrics");
        assertThat(tm.metricsUrl()).isEqualTo("http://localhost:9250/metrics");
        for (FlinkProcess p : List.of(jm, tm)) {
            assertThat(p.environment()).containsEntry("FLINK_PLUGINS_DIR",
                    HOME.resolve("stack/flink/target/plugins").toString());
        }
    }

    @Test
    void testsGetFreeReporterPortsOfTheirOwn() {
        StackConfig config = StackConfig.forTests(HOME, state);
        assertThat(config.jobManagerMetricsPort()).isNotIn(9249, 9250, config.taskManagerMetricsPort());
        assertThat(config.secured().taskManagerMetricsPort()).isEqualTo(config.taskManagerMetricsPort());
    }

    @Test
    void aTakenReporterPortStopsTheStartWithOneLineNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackConfig d = StackConfig.forTests(HOME, state);
            StackConfig config = new StackConfig(d.home(), d.stateDir(), d.kafkaPort(), d.kafkaControllerPort(),
                    d.cassandraPort(), d.cassandraStoragePort(), d.flinkRestPort(), d.flinkRpcPort(),
                    d.jobManagerMetricsPort(), taken.getLocalPort(), true, null, null);
            assertThatThrownBy(() -> FlinkProcess.taskManager(config).prepare()).isInstanceOf(StackException.class)
                    .hasMessage("port " + taken.getLocalPort() + " (Flink TaskManager Prometheus metrics) is already in "
                            + "use by another process: stop it, or choose another port with --taskmanager-metrics-port");
        }
    }

    @Test
    void statusNamesThePrometheusEndpoints() {
        StackConfig c = StackConfig.forTests(HOME, state);
        StringWriter out = new StringWriter();
        new LocalStack(c).status(new java.io.PrintWriter(out, true));
        assertThat(out.toString()).contains("  prometheus: http://localhost:" + c.jobManagerMetricsPort()
                + "/metrics (flink-jobmanager), http://localhost:" + c.taskManagerMetricsPort() + "/metrics (flink-taskmanager)");
    }
}
