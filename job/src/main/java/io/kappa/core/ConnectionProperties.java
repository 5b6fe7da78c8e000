package io.kappa.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Client properties for Kafka or Cassandra, gathered from the configuration file ({@link Settings}), a properties file,
 * then environment variables, then the command line; a later source wins. Secrets (passwords, JAAS configurations, keys) are refused on the command
 * line: arguments show up in process lists, in the Flink client's log ("Program Arguments") and in the web UI's
 * run dialog. In a file or the environment they stay out of all three.
 *
 * <p>An environment variable names a property by prefix, upper case and underscores:
 * {@code KAPPA_KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}, {@code KAPPA_CASSANDRA_PASSWORD} is
 * {@code password}.
 */
public final class ConnectionProperties {
    public static final String KAFKA_ENV_PREFIX = "KAPPA_KAFKA_";
    public static final String CASSANDRA_ENV_PREFIX = "KAPPA_CASSANDRA_";
    private static final Pattern SECRET =
            Pattern.compile(".*(password|passwd|secret|jaas|token|credential|private|\\.key(\\.|$)).*");
    static final String MASK = "******";

    private ConnectionProperties() {}

    /**
     * The environment variables under the client prefixes that are options, not client properties
     * ({@code KAPPA_CASSANDRA_HOSTS} is {@code --cassandra-hosts}, {@link Settings}): every option named
     * {@code --kafka-*} or {@code --cassandra-*} of the job and the CLI ({@code ConnectionPropertiesTest} checks).
     */
    public static final java.util.Set<String> OPTION_ENV_NAMES = java.util.Set.of("KAPPA_KAFKA_PROPERTIES_FILE",
            "KAPPA_KAFKA_PROPERTY", "KAPPA_KAFKA_PORT", "KAPPA_KAFKA_CONTROLLER_PORT", "KAPPA_CASSANDRA_HOSTS",
            "KAPPA_CASSANDRA_PORT", "KAPPA_CASSANDRA_STORAGE_PORT", "KAPPA_CASSANDRA_NODES",
            "KAPPA_CASSANDRA_PROPERTIES_FILE", "KAPPA_CASSANDRA_PROPERTY", "KAPPA_CASSANDRA_CONSISTENCY",
            "KAPPA_CASSANDRA_MAX_CONCURRENT_WRITES", "KAPPA_CASSANDRA_RETRY_BUDGET");

    /** Where the properties of one client come from, and the names a user sees in messages. */
    private record Sources(Map<String, String> configFile, Path file, String fileOption, Map<String, String> environment,
                           String envPrefix, Map<String, String> commandLine, String commandLineOption) {}

    /** Kafka's: {@code --kafka-properties-file}, then {@code KAPPA_KAFKA_*}, then {@code --kafka-property}. */
    public static Map<String, String> kafka(Path file, Map<String, String> environment, Map<String, String> commandLine) {
        return kafka(Settings.none(), file, environment, commandLine);
    }

    /**
     * Kafka's: the configuration file's {@code kafka.*} keys ({@link Settings}), then {@code --kafka-properties-file},
     * then {@code KAPPA_KAFKA_*}, then {@code --kafka-property}.
     */
    public static Map<String, String> kafka(Settings settings, Path file, Map<String, String> environment,
                                            Map<String, String> commandLine) {
        return resolve(new Sources(settings.clientProperties(Settings.KAFKA_PREFIX), file, "--kafka-properties-file",
                environment, KAFKA_ENV_PREFIX, commandLine, "--kafka-property"));
    }

    /** Cassandra's: {@code --cassandra-properties-file}, then {@code KAPPA_CASSANDRA_*}, then {@code --cassandra-property}. */
    public static Map<String, String> cassandra(Path file, Map<String, String> environment,
                                                Map<String, String> commandLine) {
        return cassandra(Settings.none(), file, environment, commandLine);
    }

    /** Cassandra's: the configuration file's {@code cassandra.*} keys, then as {@link #cassandra(Path, Map, Map)}. */
    public static Map<String, String> cassandra(Settings settings, Path file, Map<String, String> environment,
                                                Map<String, String> commandLine) {
        return resolve(new Sources(settings.clientProperties(Settings.CASSANDRA_PREFIX), file,
                "--cassandra-properties-file", environment, CASSANDRA_ENV_PREFIX, commandLine, "--cassandra-property"));
    }

    /** True for keys whose values must never be printed or passed as arguments. */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** The environment variable that sets {@code key}: {@code envName("KAPPA_KAFKA_", "sasl.jaas.config")}. */
    public static String envName(String prefix, String key) {
        return prefix + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The refusal for a secret among raw job arguments ({@code --kafka-property sasl.jaas.config=…}), or empty: for a
     * launcher (bin/flink) to refuse it before Flink's client writes the arguments to its log.
     */
    public static java.util.Optional<String> secretAmong(java.util.List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (Sources s : List.of(new Sources(Map.of(), null, "--kafka-properties-file", Map.of(), KAFKA_ENV_PREFIX,
                    Map.of(), "--kafka-property"), new Sources(Map.of(), null, "--cassandra-properties-file", Map.of(),
                    CASSANDRA_ENV_PREFIX, Map.of(), "--cassandra-property"))) {
                String option = s.commandLineOption();
                String value = a.equals(option) && i + 1 < args.size() ? args.get(i + 1)
                        : a.startsWith(option + "=") ? a.substring(option.length() + 1) : null;
                if (value != null) {
                    String key = value.contains("=") ? value.substring(0, value.indexOf('=')) : value;
                    if (isSecret(key)) {
                        return java.util.Optional.of(refusal(s, key));
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String refusal(Sources s, String key) {
        return s.commandLineOption() + " " + key + " is a secret: put it in the " + s.fileOption()
                + " file or the environment variable " + envName(s.envPrefix(), key)
                + ", not on the command line, where process lists and logs show it";
    }

    /** File, then environment, then command line. Fails with one line naming the option or variable. */
    private static Map<String, String> resolve(Sources s) {
        Map<String, String> merged = new LinkedHashMap<>(s.configFile());
        if (s.file() != null) {
            merged.putAll(read(s.file(), s.fileOption()));
        }
        new TreeMap<>(s.environment()).forEach((name, value) -> {
            if (name.startsWith(s.envPrefix()) && name.length() > s.envPrefix().length()
                    && !OPTION_ENV_NAMES.contains(name)) {
                merged.put(name.substring(s.envPrefix().length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        s.commandLine().forEach((key, value) -> {
            if (isSecret(key)) {
                throw new InvalidOptionException(refusal(s, key));
            }
            merged.put(key, value);
        });
        return merged;
    }

    private static Map<String, String> read(Path file, String option) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidOptionException(option + " file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k.trim(), p.getProperty(k).trim()));
        return m;
    }

    /** For messages and logs: the properties with every secret's value replaced by {@value #MASK}. */
    public static String masked(Map<String, String> properties) {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, isSecret(k) ? MASK : v));
        return shown.toString();
    }
}
