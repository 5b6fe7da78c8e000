package io.kappa.core;

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
 * The layers of the job module (docs/architecture.md): {@code core} at the bottom; {@code kafka} and {@code words}
 * on it; {@code weather} on words; {@code cassandra} on the transforms' row types; {@code job} wires them all. Nothing
 * below imports upwards (not even in a doc comment), so there are no circles.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/io/kappa");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "core", Set.of(),
            "kafka", Set.of("core"),
            "words", Set.of("core"),
            "weather", Set.of("core", "words"),
            "cassandra", Set.of("core", "words", "weather"),
            "job", Set.of("core", "kafka", "words", "weather", "cassandra"));
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.kappa\\.([a-z]+)\\.");

    @Test
    void noPackageOfTheJobModuleReachesUpwards() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertThat(packages).as("every package of the job module has its layer here").isEqualTo(ALLOWED.keySet());
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
            used.remove(e.getKey());
            assertThat(used).as("what io.kappa." + e.getKey() + " uses").isSubsetOf(e.getValue());
        }
    }
}
