package io.kappa.words;

import io.kappa.core.RawRecord;

/** A decoded line of text and the record it came from (for dead letters and late words, which name their source). */
public class TextLine {
    public RawRecord source;
    public String text;

    public TextLine() {}

    public TextLine(RawRecord source, String text) {
        this.source = source;
        this.text = text;
    }
}
