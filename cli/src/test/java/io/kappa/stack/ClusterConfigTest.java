package io.kappa.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multi-node stack's configuration: addresses, ports, and each server's generated configuration. */
class ClusterConfigTest {
    private static final Path HOME = Path.of(System.getProperty("user.dir")).getParent();
    private static final StackShape CLUSTER = new StackShape(3, 3, 2);

    @TempDir
    Path state;

    @Test
    void nodeKOfKafkaAndCassandraLivesOn127000kWithTheSamePorts() {
        StackConfig c = StackConfig.defaults(HOME).withShape(CLUSTER);
        assertThat(c.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.2:9092,127.0.0.3:9092");
        assertThat(c.cassandraHosts()).isEqualTo("127.0.0.1,127.0.0.2,127.0.0.3");
        assertThat(c.cassandraEndpoints()).isEqualTo("127.0.0.1:9042,127.0.0.2:9042,127.0.0.3:9042");
        assertThat(c.taskManagerMetricsPort(2)).isEqualTo(9251);
        StackConfig one = StackConfig.defaults(HOME);
        assertThat(one.bootstrapServers()).as("one of each: as before").isEqualTo("127.0.0.1:9092");
        assertThat(one.cassandraHosts()).isEqualTo("127.0.0.1");
    }

    @Test
    void twoOptionsNamingOnePortAreRefusedAtOnce() {
        assertThatThrownBy(() -> new StackConfig(HOME, state, 9092, 9093, 9042, 7000, 8081, 6123, 9249, 9248, false, null,
                CLUSTER)).isInstanceOf(StackException.class).hasMessage("port 9249 is given twice "
                + "(--jobmanager-metrics-port and --taskmanager-metrics-port + 1): choose another with one of them");
        assertThatThrownBy(() -> new StackConfig(HOME, state, 9092, 9092, 9042, 7000, 8081, 6123, 9249, 9250, false, null,
                null)).hasMessageStartingWith("port 9092 is given twice (--kafka-port and --kafka-controller-port)");
        assertThatThrownBy(() -> StackConfig.forTests(HOME, state, CLUSTER).secured())
                .hasMessage("a secured stack has one node of each kind, this one 3 brokers, 3 Cassandra nodes, 2 TaskManagers");
    }

    @Test
    void testsGetPortsFreeOnEveryNodesAddressAndNeverOneTwice() {
        StackConfig c = StackConfig.forTests(HOME, state, CLUSTER);
        List<Integer> ports = List.of(c.kafkaPort(), c.kafkaControllerPort(), c.cassandraPort(), c.cassandraStoragePort(),
                c.flinkRestPort(), c.flinkRpcPort(), c.jobManagerMetricsPort(), c.taskManagerMetricsPort(1),
                c.taskManagerMetricsPort(2));
        assertThat(new HashSet<>(ports)).hasSameSizeAs(ports);
        for (String address : StackConfig.nodeAddresses(3)) {
            assertThat(Ports.bindable(address, c.cassandraPort())).as(address).isTrue();
            assertThat(Ports.bindable(address, c.kafkaControllerPort())).as(address).isTrue();
        }
    }

    @Test
    void thePickerSkipsAPortTakenOnAnotherAddressAndGivesConsecutiveRuns() throws Exception {
        Ports.Picker picker = new Ports.Picker();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertThat(seen.add(picker.any())).isTrue();
        }
        int first = picker.run(3);
        assertThat(seen).doesNotContain(first, first + 1, first + 2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            int port = taken.getLocalPort();
            assertThat(Ports.bindable("127.0.0.1", port)).isTrue();
            assertThat(Ports.bindable("127.0.0.2", port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree("127.0.0.2", port, "Cassandra storage", "--cassandra-storage-port"))
                    .hasMessage("port " + port + " on 127.0.0.2 (Cassandra storage) is already in use by another process: "
                            + "stop it, or choose another port with --cassandra-storage-port");
        }
    }

    @Test
    void eachBrokerIsAVoterOfOneQuorumOnItsOwnAddressWithInternalTopicsReplicatedThrice() {
        StackConfig c = StackConfig.defaults(HOME).withShape(CLUSTER);
        List<String> props = new KafkaBroker(c, 2).serverProperties();
        assertThat(props).contains("node.id=2", "process.roles=broker,controller",
                "controller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.2:9093,3@127.0.0.3:9093",
                "listeners=PLAINTEXT://127.0.0.2:9092,CONTROLLER://127.0.0.2:9093",
                "advertised.listeners=PLAINTEXT://127.0.0.2:9092", "offsets.topic.replication.factor=3",
                "transaction.state.log.replication.factor=3", "transaction.state.log.min.isr=2");
        assertThat(new KafkaBroker(StackConfig.defaults(HOME), 1).serverProperties()).as("one broker: as before")
                .contains("node.id=1", "controller.quorum.voters=1@127.0.0.1:9093", "offsets.topic.replication.factor=1",
                        "transaction.state.log.min.isr=1");
    }

    @Test
    void eachCassandraNodeTakesItsAddressAndAnEvenShareOfTheRingWithNode1AsSeed() {
        StackConfig c = StackConfig.defaults(HOME).withShape(CLUSTER);
        assertThat(new CassandraNode(c, 3).yamlText()).contains("listen_address: 127.0.0.3\n", "rpc_address: 127.0.0.3\n",
                "initial_token: -6148914691236517206\n", "seeds: \"127.0.0.1:7000\"", "native_transport_port: 9042\n",
                "storage_port: 7000\n", c.stateDir().resolve("cassandra-3").resolve("data").toString());
        assertThat(CassandraGossip.token(1, 1)).as("a single node keeps token 0").isZero();
        assertThat(List.of(CassandraGossip.token(1, 3), CassandraGossip.token(2, 3), CassandraGossip.token(3, 3)))
                .containsExactly(0L, 6148914691236517205L, -6148914691236517206L);
    }

    @Test
    void taskManagerKHasTheNextPrometheusPort() {
        StackConfig c = StackConfig.defaults(HOME).withShape(CLUSTER);
        FlinkProcess second = FlinkProcess.taskManager(c, 2);
        assertThat(second.name()).isEqualTo("flink-taskmanager-2");
        assertThat(String.join(" ", second.dynamicProperties())).contains("-D metrics.reporter.prom.port=9251");
        assertThat(second.metricsUrl()).isEqualTo("http://localhost:9251/metrics");
        assertThat(second.log()).isEqualTo(c.logs().resolve("flink-taskmanager-2.log"));
    }
}
