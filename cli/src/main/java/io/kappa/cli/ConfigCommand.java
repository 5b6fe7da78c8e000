package io.kappa.cli;

import io.kappa.core.ConnectionProperties;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/kappa config}: the settings every command and the job would run with here, and where each came from —
 * the command line, an environment variable, the configuration file, or the default; secrets masked.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the settings in effect (Kafka, Cassandra, Flink, client properties) and where each comes "
                + "from: the command line, KAPPA_<OPTION>, the configuration file (--config, $KAPPA_CONFIG or "
                + "./kappa.properties), or the default. Secrets are masked.",
            "e.g.: bin/kappa config --config /etc/kappa/kappa.properties"})
public class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var settings = connections.settings;
        out.println("  configuration file: " + (settings.file() == null ? "none (no --config, no KAPPA_CONFIG, no "
                + "./kappa.properties)" : settings.file().toAbsolutePath()));
        var parsed = spec.commandLine().getParseResult();
        for (OptionSpec o : spec.mixins().get("connections").options()) {
            if (Map.class.isAssignableFrom(o.type())) {
                continue;
            }
            String name = o.longestName();
            String source = parsed.hasMatchedOption(name) ? "command line" : settings.describeSource(name);
            Object value = o.getValue();
            out.printf("  %-28s %-40s (%s)%n", name, value == null ? "-" : value, source);
        }
        if (settings.file() != null) {
            java.util.Set<String> known = new java.util.HashSet<>();
            Connections.OPTIONS.forEach(o -> known.add(io.kappa.core.Settings.bare(o)));
            new picocli.CommandLine(new io.kappa.job.JobOptions()).getCommandSpec().options()
                    .forEach(o -> known.add(io.kappa.core.Settings.bare(o.longestName())));
            java.util.List<String> unknown = settings.unknownKeys(known);
            if (!unknown.isEmpty()) {
                out.println("  unknown keys in " + settings.file() + ": " + String.join(", ", unknown)
                        + " (neither a connection setting, a job option, nor kafka.*/cassandra.*: a typo?)");
            }
        }
        out.println("  Kafka client properties      " + connections.kafka());
        out.println("  Cassandra client properties  " + ConnectionProperties.masked(connections.cassandra().properties()));
        return 0;
    }
}
