package io.kappa.stack;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Cassandra 5.0 node from cassandra-all. Node k (from 1) of the stack's cluster listens on 127.0.0.k with the stack's
 * CQL and storage ports, takes the k-th of n evenly spaced tokens, and knows node 1 as its seed. Nodes are started one
 * after another: each is ready when it answers CQL and every other running node sees it NORMAL ({@link CassandraGossip}),
 * since a node must not join while another is still joining.
 */
public class CassandraNode extends ManagedServer {
    private final int node;

    public CassandraNode(StackConfig config, int node) {
        super(config, node == 1 ? "cassandra" : "cassandra-" + node);
        this.node = node;
    }

    @Override
    public String address() {
        return StackConfig.nodeAddress(node);
    }

    private int nodes() {
        return config.shape().cassandraNodes();
    }

    @Override
    public int port() {
        return config.cassandraPort();
    }

    @Override
    protected String portOption() {
        return "--cassandra-port";
    }

    @Override
    public String describe() {
        return "Cassandra" + (node == 1 ? "" : " node " + node) + " on " + address() + ":" + config.cassandraPort();
    }

    private Path yaml() {
        return dir().resolve("cassandra.yaml");
    }

    @Override
    protected void prepare() {
        if (Runtime.version().feature() != 17 && Runtime.version().feature() != 11) {
            throw new StackException("Cassandra 5.0 runs on Java 11 or 17, and this is Java " + Runtime.version().feature()
                    + ": set JAVA_HOME to a JDK 17");
        }
        Ports.requireFree(address(), config.cassandraStoragePort(), "Cassandra storage", "--cassandra-storage-port");
        write(yaml(), yamlText());
        write(dir().resolve("logback.xml"), String.join("\n",
                "<configuration>",
                "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
                "</configuration>",
                ""));
    }

    /** cassandra.yaml: this node on its address, its token of the ring, node 1 as the seed. */
    String yamlText() {
        Path d = dir();
        return String.join("\n",
                "cluster_name: kappa",
                "num_tokens: 1",
                "initial_token: " + CassandraGossip.token(node, nodes()),
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "endpoint_snitch: SimpleSnitch",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: \"" + StackConfig.nodeAddress(1) + ":" + config.cassandraStoragePort() + "\"",
                "listen_address: " + address(),
                "rpc_address: " + address(),
                "storage_port: " + config.cassandraStoragePort(),
                "native_transport_port: " + config.cassandraPort(),
                "start_native_transport: true",
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                "data_file_directories:",
                "  - " + d.resolve("data"),
                "commitlog_directory: " + d.resolve("commitlog"),
                "hints_directory: " + d.resolve("hints"),
                "saved_caches_directory: " + d.resolve("saved_caches"),
                "cdc_raw_directory: " + d.resolve("cdc_raw"),
                // bin/kappa demo and bench drop their keyspaces on every run: no snapshot of what is dropped
                "auto_snapshot: false",
                // cell data of memtables off the 1 GiB heap, and a bound on what stays on it: a replay writing a
                // million rows fast otherwise filled the heap faster than memtables were flushed (docs/benchmarks.md)
                "memtable_allocation_type: offheap_objects",
                "memtable_heap_space: 128MiB",
                "memtable_offheap_space: 256MiB",
                "memtable:",
                "  configurations:",
                "    default:",
                "      class_name: TrieMemtable",
                "") + (config.security() == null ? "" : String.join("\n", config.security().cassandraYaml()) + "\n");
    }

    @Override
    protected List<String> command() {
        Path d = dir();
        List<String> jvm = new ArrayList<>(List.of(
                // cassandra always calls mlockall: a small -Xms keeps what it pins small
                // one node alone keeps the heap it always had; a cluster's nodes share the machine (docs/scaling.md)
                "-Xms256m", nodes() == 1 ? "-Xmx1g" : "-Xmx640m", "-XX:+UseG1GC", "-Xss256k",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true",
                "-Dcassandra-foreground=yes",
                "-Dcassandra.config=" + yaml().toUri(),
                "-Dcassandra.storagedir=" + d,
                "-Dcassandra.triggers_dir=" + d.resolve("triggers"),
                "-Dcassandra.logdir=" + d.resolve("logs"),
                "-Dlogback.configurationFile=" + d.resolve("logback.xml"),
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.superuser_setup_delay_ms=0",
                "-Dcassandra.memtable.row_overhead_size=180"));
        if (nodes() > 1) {
            jvm.add("-Dcassandra.ring_delay_ms=5000"); // a joining node waits this long for the ring: 30 s by default
        }
        if (config.throwawayData()) {
            if (nodes() == 1) {
                // system tables without a commit log: faster, but a node killed with -9 loses the schema changes it
                // had not flushed, and a restarted node of a ring then refuses reads of those tables (ClusterIT)
                jvm.add("-Dcassandra.unsafesystem=true");
            }
            jvm.add("-Dcassandra.skip_sync=true");
        }
        return ChildJvm.command(jvm, ChildJvm.classpath(config.lib("cassandra")),
                "org.apache.cassandra.service.CassandraDaemon", List.of());
    }

    @Override
    protected boolean ready() {
        if (!Ports.answers(address(), config.cassandraPort())) {
            return false;
        }
        StackSecurity security = config.security();
        if (security != null && !answers(security.cassandraClientProperties())) {
            // first start: the default superuser creates the stack's own role, then the stack logs in with that
            return answers(security.cassandraClientProperties(StackSecurity.CASSANDRA_DEFAULT_SUPERUSER,
                    StackSecurity.CASSANDRA_DEFAULT_SUPERUSER), "CREATE ROLE IF NOT EXISTS " + security.cassandraUser()
                    + " WITH PASSWORD = '" + security.cassandraPassword() + "' AND LOGIN = true AND SUPERUSER = true")
                    && answers(security.cassandraClientProperties());
        }
        return answers(Map.of()) && (nodes() == 1 || seenByTheOthers());
    }

    private boolean answers(Map<String, String> client, String... statements) {
        try (Cluster cluster = CassandraGossip.connect(address(), config.cassandraPort(), client);
             Session session = cluster.connect()) {
            for (String statement : statements) {
                session.execute(statement);
            }
            return session.execute("SELECT release_version FROM system.local").one() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** Every other running node of the cluster sees this one NORMAL, in the generation it started with. */
    private boolean seenByTheOthers() {
        CassandraGossip.Entry self = CassandraGossip.viewOf(address(), config.cassandraPort(), Map.of())
                .map(view -> view.get(address())).orElse(null);
        if (self == null) {
            return false;
        }
        for (int k = 1; k <= nodes(); k++) {
            CassandraNode other = new CassandraNode(config, k);
            if (k != node && other.isRunning() && !CassandraGossip.viewOf(other.address(), config.cassandraPort(), Map.of())
                    .map(view -> CassandraGossip.sees(view, self)).orElse(false)) {
                return false;
            }
        }
        return true;
    }
}
