package io.kappa.bench;

import com.sun.tools.attach.VirtualMachine;
import io.kappa.client.ClientException;
import io.kappa.client.Deadline;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Starts a timed run from a quiet Cassandra: every keyspace flushed, no compaction pending or running, so that no run
 * pays for the writes of the one before. Through Cassandra's own MBeans (StorageService.forceKeyspaceFlush, the
 * Compaction metrics), reached with the JDK's attach API on a node of this machine: the local stack's nodes run no JMX
 * port.
 */
public final class CassandraQuiescence implements Runnable {
    private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";
    private static final String PENDING = "org.apache.cassandra.metrics:type=Compaction,name=PendingTasks";
    private static final String COMPACTIONS = "org.apache.cassandra.db:type=CompactionManager";

    private final List<ProcessHandle> nodes;
    private final Duration timeout;

    public CassandraQuiescence(List<ProcessHandle> nodes, Duration timeout) {
        this.nodes = nodes;
        this.timeout = timeout;
    }

    @Override
    public void run() {
        for (ProcessHandle node : nodes) {
            quiesce(node);
        }
    }

    private static boolean compacted(MBeanServerConnection c) {
        try {
            Number pending = (Number) c.getAttribute(new ObjectName(PENDING), "Value");
            List<?> running = (List<?>) c.getAttribute(new ObjectName(COMPACTIONS), "Compactions");
            return pending.longValue() == 0 && running.isEmpty();
        } catch (Exception e) {
            throw new ClientException("cannot read Cassandra's compactions: " + e.getMessage());
        }
    }

    private void quiesce(ProcessHandle node) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(node.pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection c = jmx.getMBeanServerConnection();
                ObjectName storage = new ObjectName(STORAGE_SERVICE);
                @SuppressWarnings("unchecked")
                List<String> keyspaces = (List<String>) c.getAttribute(storage, "NonSystemKeyspaces");
                for (String keyspace : keyspaces) {
                    c.invoke(storage, "forceKeyspaceFlush", new Object[] {keyspace, new String[0]},
                            new String[] {String.class.getName(), String[].class.getName()});
                }
                Deadline.await("Cassandra (pid " + node.pid() + ") to finish its compactions", timeout,
                        () -> compacted(c));
            }
        } catch (ClientException e) {
            throw e;
        } catch (Exception e) {
            throw new ClientException("cannot flush Cassandra (pid " + node.pid() + ") before a timed run: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
