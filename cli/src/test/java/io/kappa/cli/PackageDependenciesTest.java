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
 * The layers of cli/ (docs/architecture.md), like the job module's packages by role: the client at the bottom, split by
 * role — {@code client} (what every part shares), {@code client.generate} (text and weather to produce),
 * {@code client.flink}, {@code client.kafka} (on the generators), {@code client.cassandra}, and {@code client.versions}
 * on all of them — over the job module's packages; the bench, the dashboard and the local stack on the client; the
 * commands on everything. Nothing imports upwards or sideways.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/kappa");
    /** The job module's packages, and the Flink REST guard's (its OriginPolicy): below the CLI. */
    private static final Set<String> BELOW = Set.of("core", "job", "kafka", "cassandra", "words", "weather", "restguard");
    private static final Set<String> CLIENT = Set.of("client", "client.generate", "client.flink", "client.kafka",
            "client.cassandra", "client.versions");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "client", Set.of(),
            "client.generate", Set.of("client"),
            "client.flink", Set.of("client"),
            "client.cassandra", Set.of("client"),
            "client.kafka", Set.of("client", "client.generate"),
            "client.versions", Set.of("client", "client.flink", "client.kafka", "client.cassandra"),
            "bench", CLIENT,
            "dashboard", CLIENT,
            "stack", CLIENT,
            "cli", union(CLIENT, Set.of("bench", "dashboard", "stack")));
    /** A class named by its package: {@code io.kappa.client.kafka.Topics} → {@code client.kafka}. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.kappa\\.((?:[a-z]+\\.)*[a-z]+)\\.[A-Z]");

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    @Test
    void noPackageOfTheCliModuleReachesUpwardsOrSideways() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            Path dir = SOURCES.resolve(e.getKey().replace('.', '/'));
            Set<String> used = new TreeSet<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
            used.removeAll(BELOW);
            used.remove(e.getKey());
            assertThat(used).as("what io.kappa." + e.getKey() + " uses of cli/").isSubsetOf(e.getValue());
            seen.add(e.getKey());
        }
        // every package of the module is in the map
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> hasJava(d)).toList()) {
                assertThat(seen).as("a layer for " + d).contains(SOURCES.relativize(d).toString().replace('/', '.'));
            }
        }
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            return false;
        }
    }
}
