package io.kappa.cli;

import io.kappa.cassandra.CassandraSchema;
import io.kappa.cassandra.CassandraSettings;
import io.kappa.client.cassandra.Keyspaces;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true, description = "Create or show the Cassandra schema.",
        subcommands = {SchemaCommand.Create.class, SchemaCommand.Show.class})
public class SchemaCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the keyspace and tables of an output version (IF NOT EXISTS).")
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connections connections = new Connections();
        @Option(names = "--keyspace", defaultValue = "kappa", description = "(default: ${DEFAULT-VALUE})")
        String keyspace;
        @Option(names = "--replication-factor", defaultValue = "0",
                description = "0: as many replicas as the cluster has nodes, at most 3 (default: ${DEFAULT-VALUE})")
        int replicationFactor;

        @Override
        public Integer call() {
            if (replicationFactor < 0) {
                throw new IllegalArgumentException("--replication-factor must be 0 (automatic) or more");
            }
            CassandraSettings settings = connections.cassandra(keyspace, replicationFactor);
            Keyspaces.create(settings);
            spec.commandLine().getOut().println("  keyspace " + keyspace + " and its tables exist (" + settings + ")");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the CQL the schema is made of.")
    static class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--keyspace", defaultValue = "kappa", description = "(default: ${DEFAULT-VALUE})")
        String keyspace;
        @Option(names = "--replication-factor", defaultValue = "1", description = "the replication factor to print "
                + "(default: ${DEFAULT-VALUE}, what the local stack's one node gets; schema create and the job choose as many "
                + "replicas as the cluster has nodes, at most 3)")
        int replicationFactor;

        @Override
        public Integer call() {
            CassandraSchema.statements(keyspace, replicationFactor).forEach(s -> spec.commandLine().getOut().println(s + ";"));
            return 0;
        }
    }
}
