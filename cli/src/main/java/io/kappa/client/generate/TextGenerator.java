package io.kappa.client.generate;

import java.time.Duration;
import java.util.Random;

/**
 * Sample text for the word count: lines of words drawn from a Zipf-like vocabulary (rank r has weight
 * 1/r^s), with record timestamps spread evenly over a time span, a fraction of them out of order (by less
 * than a bound) and a fraction too late (by more). Deterministic for a seed.
 */
public final class TextGenerator {
    private static final String[] SYLLABLES = {"ka", "to", "ri", "ne", "mo", "sa", "lu", "vi", "de", "po", "ga",
        "shi", "ter", "an", "bel", "cor", "dun", "el", "fi", "mar", "no", "qua", "ro", "sel", "tin", "ur", "ven",
        "wil", "xa", "yo", "zen", "bra"};

    /** What to generate. */
    public record Spec(long lines, int vocabulary, int minWords, int maxWords, double zipfExponent, long startMillis,
                       Duration span, double outOfOrderFraction, Duration outOfOrderBy, double tooLateFraction,
                       Duration tooLateBy, long seed) {}

    /** One generated line. */
    public record Line(long index, long timestamp, String text, int words, boolean tooLate) {}

    private final Spec spec;
    private final Random random;
    private final double[] cumulative;
    private final String[] words;
    private long next;

    /** Fails with one line naming the option when the spec cannot generate lines. */
    public static void check(Spec spec) {
        if (spec.lines() < 0 || spec.vocabulary() < 1) {
            throw new IllegalArgumentException("the generator needs a number of lines of at least 0 (was " + spec.lines()
                    + ") and a --vocabulary of at least 1 (was " + spec.vocabulary() + ")");
        }
        if (spec.minWords() < 1 || spec.maxWords() < spec.minWords()) {
            throw new IllegalArgumentException("--min-words (" + spec.minWords() + ") must be at least 1 and at most "
                    + "--max-words (" + spec.maxWords() + ")");
        }
    }

    public TextGenerator(Spec spec) {
        check(spec);
        this.spec = spec;
        this.random = new Random(spec.seed());
        this.cumulative = new double[spec.vocabulary()];
        this.words = new String[spec.vocabulary()];
        double sum = 0;
        for (int r = 0; r < spec.vocabulary(); r++) {
            sum += 1.0 / Math.pow(r + 1, spec.zipfExponent());
            cumulative[r] = sum;
            words[r] = word(r);
        }
        for (int r = 0; r < cumulative.length; r++) {
            cumulative[r] /= sum;
        }
    }

    /** A pronounceable, unique word for a rank: its digits in base 32, one syllable each. */
    static String word(int rank) {
        StringBuilder b = new StringBuilder();
        int n = rank;
        do {
            b.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        return b.toString();
    }

    public boolean hasNext() {
        return next < spec.lines();
    }

    public Line next() {
        long i = next++;
        long ts = nominalTimestamp(i);
        boolean tooLate = false;
        double roll = random.nextDouble();
        if (roll < spec.tooLateFraction()) {
            ts -= spec.tooLateBy().toMillis();
            tooLate = true;
        } else if (roll < spec.tooLateFraction() + spec.outOfOrderFraction()) {
            ts -= (long) (random.nextDouble() * spec.outOfOrderBy().toMillis());
        }
        int n = spec.minWords() + random.nextInt(spec.maxWords() - spec.minWords() + 1);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < n; w++) {
            if (w > 0) {
                text.append(' ');
            }
            text.append(words[rank(random.nextDouble())]);
        }
        return new Line(i, ts, text.toString(), n, tooLate);
    }

    /** Where line {@code i} would be in time without being moved out of order or too late. */
    public long nominalTimestamp(long i) {
        return spec.startMillis() + (spec.lines() <= 1 ? 0 : i * spec.span().toMillis() / spec.lines());
    }

    /** Words per tumbling-window start over every line the spec generates (the expected sums of a run). */
    public static java.util.Map<Long, Long> wordsPerWindow(Spec spec, long windowMillis) {
        java.util.Map<Long, Long> totals = new java.util.TreeMap<>();
        TextGenerator gen = new TextGenerator(spec);
        while (gen.hasNext()) {
            Line line = gen.next();
            totals.merge(line.timestamp() - Math.floorMod(line.timestamp(), windowMillis), (long) line.words(), Long::sum);
        }
        return totals;
    }

    private int rank(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
