package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of cli/ (docs/architecture.md): the client at the bottom, over the job module's packages; the bench, the
 * dashboard and the local stack on the client; the commands on everything. Nothing imports upwards.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/kappa");
    /** The job module's packages, and the Flink REST guard's (its OriginPolicy): below the CLI. */
    private static final Set<String> JOB = Set.of("core", "job", "kafka", "cassandra", "words", "weather", "restguard");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "client", Set.of(),
            "bench", Set.of("client"),
            "dashboard", Set.of("client"),
            "stack", Set.of("client"),
            "cli", Set.of("client", "bench", "dashboard", "stack"));
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.kappa\\.([a-z]+)\\.");

    @Test
    void noPackageOfTheCliModuleReachesUpwards() throws IOException {
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            Set<String> used = new TreeSet<>();
            try (Stream<Path> files = Files.list(SOURCES.resolve(e.getKey()))) {
                for (Path file : files.toList()) {
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
            used.removeAll(JOB);
            used.remove(e.getKey());
            assertThat(used).as("what io.kappa." + e.getKey() + " uses of cli/").isSubsetOf(e.getValue());
        }
    }
}
