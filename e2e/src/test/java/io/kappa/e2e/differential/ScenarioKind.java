package io.kappa.e2e.differential;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of input and of run the differential test has, with the rules of docs/semantics.md it exercises: a
 * record's kind is the label its draft carries ({@link Scenario.Draft#what}), a run's kind is the way
 * {@code DifferentialIT} runs the job. {@code ScenarioCoverageTest} checks that every label the generator writes is
 * one of these, that every rule has a kind, and that the seeds CI runs reach every kind.
 */
public enum ScenarioKind {
    LINE("line", "2"),
    OUT_OF_ORDER("out of order", "1"),
    TOO_LATE("too late", "1", "2", "4"),
    TOO_LATE_AFTER_CHECKPOINT("too late after checkpoint", "1", "6"),
    EXACTLY_TOO_LATE("exactly too late", "1"),
    JUST_ON_TIME("just on time", "1"),
    EDGE_CLOCK("edge clock", "1"),
    EQUAL_TIMESTAMP("equal timestamp", "1"),
    ABSURD_TIMESTAMP("absurd timestamp", "1"),
    NO_VALUE("no value", "2", "4"),
    INVALID_UTF8("invalid UTF-8", "2"),
    LINE_TOO_LONG("line too long", "2"),
    LINE_AT_LIMIT("line at the limit", "2"),
    LINE_ONE_BYTE_OVER("line one byte over", "2"),
    OVERLONG_WORD("over-long word", "2"),
    HUGE_WORD("70,000-letter word", "2"),
    WORD_AT_LIMIT("word at the limit", "2"),
    WORD_ONE_BYTE_OVER("word one byte over", "2"),
    VALUE_AT_CUT("value at the 64 KiB cut", "2"),
    VALUE_OVER_CUT("value one byte over the cut", "2", "no record stops the job"),
    KEY_OVER_CUT("key over 64 KiB", "2", "no record stops the job"),
    TEXT_BEYOND_LATIN("text beyond Latin", "2"),
    CONTROL_CHARACTERS("control characters", "2"),
    DUPLICATE("duplicate", "3", "4"),
    READING("reading", "4"),
    NOT_JSON("not JSON", "4"),
    NO_TEMPERATURE("no temperature", "4"),
    OUT_OF_RANGE("humidity out of range", "4"),
    DT_AHEAD("dt ahead of its record", "4"),
    EQUAL_DT("equal dt, other reading", "4"),
    EXPONENTS("numbers with exponents", "4"),
    REFERENCE_CITY_RENAMED("reference city under another name", "4"),
    UNKNOWN_CITY_RENAMED("unknown city renamed", "4"),
    NO_DESCRIPTION("no description", "4"),
    FIELD_TWICE("a field twice", "4"),
    NESTED_TOO_DEEP("nested too deep", "4", "no record stops the job"),
    WRONG_TYPE("a field of the wrong type", "4"),
    UNPAIRED_SURROGATE("an unpaired surrogate", "4"),
    LONG_NUMBER("a number of 101 digits", "4", "no record stops the job"),
    BEYOND_DOUBLE("a number beyond double", "4"),
    CLOSING_RECORD("closing record", "late partitions"),
    CLOSED_BY_THE_OTHERS("closed by the others", "late partitions"),
    NOT_CLOSED("fired or open, not closed", "late partitions"),
    OPEN_WINDOW("open window", "late partitions"),
    OWN_PARTITION_LATE("too late for its own partition", "1", "late partitions"),
    // the runs
    LIVE_KILLED(null, "6"),
    LIVE_RESCALED(null, "6"),
    REPLAY_STREAMING(null, "5"),
    REPLAY_BATCH(null, "5"),
    REPLAY_FROM(null, "5"),
    DRAIN_REFUSED(null, "5"),
    PARTITION_ADDED(null, "5", "late partitions"),
    PARTITION_IDLE(null, "late partitions");

    /** The draft label of a record kind; null for a run. */
    public final String label;
    /** The rules it exercises: a section number of semantics.md, or a section's name in lower case. */
    public final List<String> rules;

    ScenarioKind(String label, String... rules) {
        this.label = label;
        this.rules = List.of(rules);
    }

    public static Optional<ScenarioKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(k -> label.equals(k.label)).findFirst();
    }

    /** The runs a seed gets: all of them, the late partition added on odd seeds and idle on even ones. */
    public static List<ScenarioKind> runs(Scenario s) {
        return List.of(LIVE_KILLED, REPLAY_STREAMING, REPLAY_BATCH, REPLAY_FROM, LIVE_RESCALED, DRAIN_REFUSED,
                s.lateJoin() == Scenario.LateJoin.ADDED ? PARTITION_ADDED : PARTITION_IDLE);
    }
}
