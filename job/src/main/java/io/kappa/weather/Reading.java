package io.kappa.weather;

import io.kappa.core.PartitionClock;

/**
 * A valid reading in the source's units (Kelvin, m/s), with the city it is enriched with (the reference data's, or
 * the document's own description of it: docs/semantics.md, rule 4.5) and the record it came from.
 */
public class Reading {
    public long cityId;
    /** The document's {@code dt}, epoch seconds. */
    public long dt;
    public double tempK;
    public int humidity;
    public int pressure;
    public double windMs;
    public int windDeg;
    public String condition;
    public String description;
    // the city
    public String city;
    public String country;
    public double lat;
    public double lon;
    /** An IANA zone, or a fixed offset such as {@code UTC-05:00} for a city only its document describes. */
    public String timeZone;
    // the source record
    public String topic;
    public int partition;
    public long offset;
    /** The partition watermark at which it was found too late, or {@link PartitionClock#NONE}. */
    public long tooLateAt = PartitionClock.NONE;

    public Reading() {}
}
