/**
 * The oracle: an independent model of docs/semantics.md in plain Java, the judge of the differential test.
 *
 * <p>Use: read every record of the words and weather topics (in offset order within each partition) into
 * {@link io.kappa.oracle.Oracle.Input}s, call {@link io.kappa.oracle.Oracle#compute} with the run's options, and
 * compare the result field by field with what the run wrote: Cassandra rows read into {@link io.kappa.oracle.WordRow},
 * {@link io.kappa.oracle.Observation} (with {@code WRITETIME}), {@link io.kappa.oracle.LatestRow},
 * {@link io.kappa.oracle.WindowSummary}; side topics read into sets of {@link io.kappa.oracle.LateWord},
 * {@link io.kappa.oracle.DeadLetter} (reasons from a library compare by prefix, see its comment) and
 * {@link io.kappa.oracle.LateReading}. {@link io.kappa.oracle.Expected#warnings()} must be empty for a scenario to
 * be judged.
 *
 * <p>The model shares no code with the job, so that it can find the job's bugs: weather documents are read with
 * Eclipse Parsson ({@link io.kappa.oracle.WeatherJson}; the job uses Jackson), the city reference data by
 * {@link io.kappa.oracle.Cities} (only the bundled data file, {@code /io/kappa/weather/cities.csv}, comes from the
 * job's jar), the enrichment by {@link io.kappa.oracle.Enrichment}. {@code OracleIndependenceTest} fails the build
 * when a file of this package uses a class of another {@code io.kappa} package; its list {@code NOT_YET_INDEPENDENT}
 * names the one file still allowed to, {@code WordRules.java}, until its rewrite.
 */
package io.kappa.oracle;
