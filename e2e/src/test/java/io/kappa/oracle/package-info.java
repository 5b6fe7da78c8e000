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
 * <p>Only {@code TextNormaliser}, {@code WeatherMath} and {@code CityDirectory}/{@code City} come from the job.
 */
package io.kappa.oracle;
