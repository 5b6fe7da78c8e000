package io.kappa.core;

/**
 * The job's own metric names (operator metric groups; the web UI, the REST API and the Prometheus reporter show them
 * under these names). Read by the CLI, the dashboard and the tests through these constants.
 */
public final class Metrics {
    private Metrics() {}

    /** Records of the words topic read. */
    public static final String RECORDS_READ = "recordsRead";
    /** Records of the weather topic read. */
    public static final String WEATHER_READ = "weatherRead";
    /** Words split out of valid lines. */
    public static final String WORDS_SPLIT = "wordsSplit";
    /** Words of too-late records (sent to the late topic). */
    public static final String LATE_WORDS = "lateWords";
    /** Word records that became dead letters. */
    public static final String MALFORMED_RECORDS = "malformedRecords";
    /** Weather records that became dead letters. */
    public static final String MALFORMED_WEATHER = "malformedWeather";
    /** Records a replay --from read but left out: before its range (docs/semantics.md, rule 5). */
    public static final String RECORDS_BEFORE_RANGE = "recordsBeforeRange";
    /** Rows handed to the Cassandra sinks. */
    public static final String ROWS_WRITTEN = "rowsWritten";
}
