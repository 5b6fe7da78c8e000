package io.kappa.oracle;

/** The primary key of a row of {@code word_counts_by_window}: {@code (window_start, word)}. */
public record WordKey(long windowStart, String word) {}
