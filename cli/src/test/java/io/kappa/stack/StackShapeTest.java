package io.kappa.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many of each server: recorded in the state folder, and a running stack or its data keep their shape. */
class StackShapeTest {
    private static final Path HOME = Path.of(System.getProperty("user.dir")).getParent();
    private static final StackShape CLUSTER = new StackShape(3, 3, 2);

    @TempDir
    Path state;

    @Test
    void namesItsCountsAndTheOptionsThatAskForThem() {
        assertThat(CLUSTER).hasToString("3 brokers, 3 Cassandra nodes, 2 TaskManagers");
        assertThat(StackShape.ONE).hasToString("1 broker, 1 Cassandra node, 1 TaskManager");
        assertThat(CLUSTER.upOptions()).isEqualTo("--brokers 3 --cassandra-nodes 3 --taskmanagers 2");
        assertThatThrownBy(() -> new StackShape(0, 1, 1)).isInstanceOf(StackException.class)
                .hasMessage("--brokers must be between 1 and 9, was 0");
        assertThatThrownBy(() -> new StackShape(1, 10, 1)).hasMessage("--cassandra-nodes must be between 1 and 9, was 10");
    }

    @Test
    void aStateFolderRemembersItsShape() throws Exception {
        assertThat(StackShape.recorded(state)).isEmpty();
        Files.createDirectories(state.resolve("cassandra"));
        assertThat(StackShape.recorded(state)).as("a folder from before shapes were recorded").contains(StackShape.ONE);
        CLUSTER.record(state);
        assertThat(StackShape.recorded(state)).contains(CLUSTER);
    }

    @Test
    void aRunningStackKeepsItsShapeAndAStoppedOneItsBrokersAndNodes() {
        assertThat(CLUSTER.conflictWith(CLUSTER, true, state)).isEmpty();
        assertThat(StackShape.ONE.conflictWith(CLUSTER, true, state)).contains("the local stack runs with 3 brokers, "
                + "3 Cassandra nodes, 2 TaskManagers: run bin/kappa down first, or bin/kappa up --brokers 3 "
                + "--cassandra-nodes 3 --taskmanagers 2");
        assertThat(new StackShape(3, 3, 1).conflictWith(CLUSTER, true, state)).isPresent();
        assertThat(new StackShape(3, 3, 1).conflictWith(CLUSTER, false, state)).as("TaskManagers keep no data").isEmpty();
        assertThat(StackShape.ONE.conflictWith(CLUSTER, false, state)).contains(state + " holds the data of a stack "
                + "with 3 brokers, 3 Cassandra nodes, 2 TaskManagers: start it with bin/kappa up --brokers 3 "
                + "--cassandra-nodes 3 --taskmanagers 2, or delete " + state + " (all its data) for another shape");
    }

    @Test
    void upRefusesAnotherShapeWhileTheStackRunsAndStartsNothing() throws Exception {
        // a home without server jars: were the check to let it through, nothing could start
        StackConfig one = StackConfig.forTests(state.resolve("no-home"), state);
        StackShape.ONE.record(state);
        // the stack's Kafka "runs": its pid file names a live process started for it
        ProcessHandle kafka = ChildJvm.start(ChildJvm.command(List.of("-Xmx32m"), System.getProperty("java.class.path"),
                ChildJvmTest.Sleeper.class.getName(), List.of()), state.resolve("kafka"), state.resolve("kafka.log"),
                state.resolve("pids").resolve("kafka.pid"));
        try {
            StringWriter out = new StringWriter();
            LocalStack cluster = new LocalStack(one.withShape(CLUSTER));
            assertThatThrownBy(() -> cluster.up(new PrintWriter(out, true))).isInstanceOf(StackException.class)
                    .hasMessage("the local stack runs with 1 broker, 1 Cassandra node, 1 TaskManager: run bin/kappa down "
                            + "first, or bin/kappa up --brokers 1 --cassandra-nodes 1 --taskmanagers 1");
            assertThat(out.toString()).isEmpty();
            assertThat(StackShape.recorded(state)).contains(StackShape.ONE);
        } finally {
            ChildJvm.stop(kafka, 5_000);
        }
    }

    @Test
    void aClusterStackHasEveryNodeInStartOrderAndStatusShowsEach() {
        LocalStack stack = new LocalStack(StackConfig.forTests(HOME, state, CLUSTER));
        assertThat(stack.servers()).extracting(ManagedServer::name).containsExactly("kafka", "kafka-2", "kafka-3",
                "cassandra", "cassandra-2", "cassandra-3", "flink-jobmanager", "flink-taskmanager", "flink-taskmanager-2");
        assertThat(stack.server("cassandra-3").address()).isEqualTo("127.0.0.3");
        assertThat(stack.server("kafka-2").describe()).isEqualTo("Kafka broker 2 on 127.0.0.2:" + stack.config().kafkaPort());
        assertThatThrownBy(() -> stack.server("kafka-4")).hasMessageStartingWith("no server kafka-4 (the stack has kafka, ");
        StringWriter out = new StringWriter();
        stack.status(new PrintWriter(out, true));
        assertThat(out.toString()).contains("  cassandra-2        stopped").contains("  flink-taskmanager-2 stopped")
                .contains("(flink-taskmanager), http://localhost:" + stack.config().taskManagerMetricsPort(2)
                        + "/metrics (flink-taskmanager-2)");
    }
}
