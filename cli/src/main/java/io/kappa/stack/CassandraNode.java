package io.kappa.stack;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.kappa.cassandra.CassandraSettings;

/** A single Cassandra 5.0 node from cassandra-all, configured for loopback. */
public class CassandraNode extends ManagedServer {

    public CassandraNode(StackConfig config) {
        super(config, "cassandra");
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
        return "Cassandra on 127.0.0.1:" + config.cassandraPort();
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
        if (Ports.answers(config.cassandraStoragePort())) {
            throw new StackException("port " + config.cassandraStoragePort() + " (Cassandra storage) is already in use "
                    + "by another process: stop it, or choose another port with --cassandra-storage-port");
        }
        Path d = dir();
        write(yaml(), String.join("\n",
                "cluster_name: kappa",
                "num_tokens: 1",
                "initial_token: 0",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "endpoint_snitch: SimpleSnitch",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: \"127.0.0.1:" + config.cassandraStoragePort() + "\"",
                "listen_address: 127.0.0.1",
                "rpc_address: 127.0.0.1",
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
                "") + (config.security() == null ? "" : String.join("\n", config.security().cassandraYaml()) + "\n"));
        write(d.resolve("logback.xml"), String.join("\n",
                "<configuration>",
                "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
                "</configuration>",
                ""));
    }

    @Override
    protected List<String> command() {
        Path d = dir();
        List<String> jvm = new ArrayList<>(List.of(
                // cassandra always calls mlockall: a small -Xms keeps what it pins small
                "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Xss256k",
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
        if (config.throwawayData()) {
            jvm.add("-Dcassandra.unsafesystem=true");
            jvm.add("-Dcassandra.skip_sync=true");
        }
        return ChildJvm.command(jvm, ChildJvm.classpath(config.lib("cassandra")),
                "org.apache.cassandra.service.CassandraDaemon", List.of());
    }

    @Override
    protected boolean ready() {
        if (!Ports.answers(config.cassandraPort())) {
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
        return answers(Map.of());
    }

    private boolean answers(Map<String, String> client, String... statements) {
        CassandraSettings settings = new CassandraSettings("127.0.0.1", config.cassandraPort(), "system", 1, client);
        try (Cluster cluster = settings.clusterBuilder().build(); Session session = cluster.connect()) {
            for (String statement : statements) {
                session.execute(statement);
            }
            return session.execute("SELECT release_version FROM system.local").one() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
