package io.kappa.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One configuration for the job and every {@code bin/kappa} command: an option's value comes from, in this order,
 * <ol>
 *   <li>the command line ({@code --bootstrap-servers kafka:9093});</li>
 *   <li>the environment: {@code KAPPA_} and the option's name in capitals, dashes as underscores
 *       ({@code KAPPA_BOOTSTRAP_SERVERS});</li>
 *   <li>the configuration file: {@code --config FILE}, else {@code KAPPA_CONFIG}, else {@value #DEFAULT_FILE} in the
 *       working directory when there is one; a Java properties file whose keys are the options' names without the
 *       dashes ({@code bootstrap-servers=kafka:9093}), and whose {@code kafka.*} and {@code cassandra.*} keys are
 *       Kafka and Cassandra client properties ({@code kafka.sasl.jaas.config=…}: the file may hold secrets);</li>
 *   <li>the option's default.</li>
 * </ol>
 * A picocli default-value provider: the command line wins because picocli asks it only for options not given.
 */
public final class Settings implements CommandLine.IDefaultValueProvider {
    public static final String ENV_PREFIX = "KAPPA_";
    public static final String CONFIG_OPTION = "--config";
    public static final String CONFIG_ENV = "KAPPA_CONFIG";
    public static final String DEFAULT_FILE = "kappa.properties";
    /** Keys of the configuration file that are Kafka client properties, after this prefix. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Keys of the configuration file that are Cassandra client properties, after this prefix. */
    public static final String CASSANDRA_PREFIX = "cassandra.";

    /** Where a value came from. */
    public enum Source { COMMAND_LINE, ENVIRONMENT, FILE, DEFAULT }

    private final Map<String, String> environment;
    private final Path file;
    private final Map<String, String> values;
    /** The options this provider gives values to (by their longest name), or null for every option. */
    private final java.util.Set<String> only;

    private Settings(Map<String, String> environment, Path file, Map<String, String> values,
                     java.util.Set<String> only) {
        this.environment = environment;
        this.file = file;
        this.values = values;
        this.only = only;
    }

    /**
     * The same settings as a default-value provider for these options only (by their longest name, e.g.
     * {@code --bootstrap-servers}): an option of the same name that means something else to another command (the
     * job's {@code --window} is a duration, {@code query top --window} an instant) keeps its own default.
     */
    public Settings restrictedTo(java.util.Set<String> options) {
        return new Settings(environment, file, values, java.util.Set.copyOf(options));
    }

    /** No file, no environment: the command line and the defaults only. */
    public static Settings none() {
        return new Settings(Map.of(), null, Map.of(), null);
    }

    /**
     * The settings a command line runs with: the file named by {@code --config} among {@code args} (either form,
     * {@code --config F} or {@code --config=F}), else by {@code KAPPA_CONFIG}, else {@code workingDir/kappa.properties}
     * when it exists.
     *
     * @throws InvalidOptionException a file named that cannot be read, in one line
     */
    public static Settings of(List<String> args, Map<String, String> environment, Path workingDir) {
        Path file = configFile(args, environment, workingDir).orElse(null);
        return new Settings(environment, file, file == null ? Map.of() : read(file), null);
    }

    static Optional<Path> configFile(List<String> args, Map<String, String> environment, Path workingDir) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.equals(CONFIG_OPTION) && i + 1 < args.size()) {
                return Optional.of(Path.of(args.get(i + 1)));
            }
            if (a.startsWith(CONFIG_OPTION + "=")) {
                return Optional.of(Path.of(a.substring(CONFIG_OPTION.length() + 1)));
            }
        }
        String fromEnv = environment.get(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv));
        }
        Path here = workingDir.resolve(DEFAULT_FILE);
        return Files.isRegularFile(here) ? Optional.of(here) : Optional.empty();
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidOptionException(CONFIG_OPTION + " " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + "): name a readable properties file, or unset " + CONFIG_ENV);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k.trim(), p.getProperty(k).trim()));
        return Collections.unmodifiableMap(m);
    }

    /** The configuration file in use, or null. */
    public Path file() {
        return file;
    }

    /** The environment variable of an option: {@code --cassandra-hosts} → {@code KAPPA_CASSANDRA_HOSTS}. */
    public static String envName(String option) {
        return ENV_PREFIX + bare(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The option's name as the file writes it: {@code --cassandra-hosts} → {@code cassandra-hosts}. */
    public static String bare(String option) {
        return option.replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()
                || Map.class.isAssignableFrom(option.type()) || option.longestName().equals(CONFIG_OPTION)
                || (only != null && !only.contains(option.longestName()))) {
            return null;
        }
        return lookup(option.longestName()).map(Map.Entry::getValue).orElse(null);
    }

    /** An option's value from the environment or the file, with where it came from; empty: its default. */
    public Optional<Map.Entry<Source, String>> lookup(String option) {
        String fromEnv = environment.get(envName(option));
        if (fromEnv != null) {
            return Optional.of(Map.entry(Source.ENVIRONMENT, fromEnv));
        }
        String fromFile = values.get(bare(option));
        return fromFile == null ? Optional.empty() : Optional.of(Map.entry(Source.FILE, fromFile));
    }

    /** Where an option's value came from, for {@code bin/kappa config}: "KAPPA_X", the file, or "default". */
    public String describeSource(String option) {
        return lookup(option).map(e -> e.getKey() == Source.ENVIRONMENT ? envName(option)
                : file.toString()).orElse("default");
    }

    /** The file's client properties under a prefix ({@link #KAFKA_PREFIX}, {@link #CASSANDRA_PREFIX}), prefix removed. */
    public Map<String, String> clientProperties(String prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    /** Keys of the file that are neither an option the command has nor a client property: likely a typo. */
    public List<String> unknownKeys(java.util.Set<String> optionNames) {
        return values.keySet().stream().filter(k -> !k.startsWith(KAFKA_PREFIX) && !k.startsWith(CASSANDRA_PREFIX)
                && !optionNames.contains(k)).sorted().toList();
    }
}
