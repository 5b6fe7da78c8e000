package io.kappa.e2e.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The differential test's reach, checked without running it: every rule of docs/semantics.md has a kind of input or
 * run that exercises it, every label the generator writes is a known kind, and the seeds CI runs reach every kind.
 * Prints the coverage table (kind → the CI seeds that hit it).
 */
class ScenarioCoverageTest {
    private static final long NOW = 1_796_000_000_000L;

    /** The sections of the contract, as {@link ScenarioKind#rules} names them. */
    static List<String> rules() throws Exception {
        String contract = Files.readString(Path.of("..", "docs", "semantics.md"));
        List<String> rules = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^## (?:(\\d+)\\. .*|(.*?)(?::.*)?)$").matcher(contract);
        while (m.find()) {
            String rule = m.group(1) != null ? m.group(1) : m.group(2).toLowerCase(java.util.Locale.ROOT);
            if (!rule.equals("what is not promised")) {
                rules.add(rule);
            }
        }
        return rules;
    }

    @Test
    void everyRuleOfTheContractHasAKind() throws Exception {
        List<String> rules = rules();
        assertThat(rules).contains("1", "2", "3", "4", "5", "6", "late partitions", "no record stops the job");
        for (String rule : rules) {
            assertThat(ScenarioKind.values()).as("a kind of input or run for the contract's section '" + rule + "'")
                    .anyMatch(k -> k.rules.contains(rule));
        }
        for (ScenarioKind k : ScenarioKind.values()) {
            assertThat(rules).as(k + " names rules the contract has").containsAll(k.rules);
        }
    }

    @Test
    void theSeedsCiRunsReachEveryKind() {
        Map<ScenarioKind, Set<Long>> seeds = new EnumMap<>(ScenarioKind.class);
        for (long seed : ScenarioGenerator.CI_SEEDS) {
            Scenario s = ScenarioGenerator.generate(seed, NOW);
            for (String label : s.labels()) {
                ScenarioKind kind = ScenarioKind.ofLabel(label).orElseThrow(
                        () -> new AssertionError("the generator's label '" + label + "' is no ScenarioKind"));
                seeds.computeIfAbsent(kind, k -> new TreeSet<>()).add(seed);
            }
            ScenarioKind.runs(s).forEach(k -> seeds.computeIfAbsent(k, x -> new TreeSet<>()).add(seed));
        }
        for (ScenarioKind k : ScenarioKind.values()) {
            System.out.printf("COVERAGE | %-28s | rules %-32s | CI seeds %s%n", k, k.rules, seeds.getOrDefault(k, Set.of()));
        }
        assertThat(EnumMap.class.cast(seeds).keySet()).as("the kinds the CI seeds " + ScenarioGenerator.CI_SEEDS + " reach")
                .containsExactlyInAnyOrder((Object[]) ScenarioKind.values());
    }
}
