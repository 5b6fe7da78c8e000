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
    /** Cassandra writes retried after a timeout or an overload (each retry counts). */
    public static final String CASSANDRA_RETRIES = "cassandraRetries";
    /** Rows Cassandra refused for their content, sent to the dead-letter topic. */
    public static final String CASSANDRA_ROWS_REFUSED = "cassandraRowsRefused";
    /** Writes (batches) in flight in a sink subtask. */
    public static final String CASSANDRA_WRITES_IN_FLIGHT = "cassandraWritesInFlight";
    /** The adaptive limit on writes in flight of a sink subtask. */
    public static final String CASSANDRA_WRITE_LIMIT = "cassandraWriteLimit";
    /** The 99th percentile latency of a sink subtask's last 1024 writes, milliseconds. */
    public static final String CASSANDRA_WRITE_LATENCY_P99_MS = "cassandraWriteLatencyP99Ms";
    /** Time a sink subtask has waited for the adaptive limit (back-pressure it applied), milliseconds in all. */
    public static final String CASSANDRA_THROTTLED_MILLIS = "cassandraThrottledMillis";
}
