package io.kappa.words;

import java.util.Objects;

/** A word and how many times it occurred; the event time travels in the stream record's timestamp. */
public class WordCount {
    public String word;
    public long count;

    public WordCount() {}

    public WordCount(String word, long count) {
        this.word = word;
        this.count = count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordCount && count == ((WordCount) o).count && Objects.equals(word, ((WordCount) o).word);
    }

    @Override
    public int hashCode() {
        return Objects.hash(word, count);
    }

    @Override
    public String toString() {
        return word + "=" + count;
    }
}
