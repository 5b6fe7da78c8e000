package io.kappa.weather;

/** A validated reading in the source's units (Kelvin, m/s), before enrichment. */
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

    public Reading() {}
}
