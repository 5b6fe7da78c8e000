package io.kappa.e2e.differential;

import io.kappa.e2e.differential.Scenario.Draft;
import io.kappa.weather.City;
import io.kappa.weather.CityDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes a {@link Scenario} from a seed with the inputs that would break a job that is only right on friendly data:
 * out-of-order and too-late records per partition, equal and absurd timestamps, duplicates, skewed partitions (one
 * behind in event time, one heavy) and an empty one, more partitions than parallelism, over-long words, bad records of
 * every kind; weather with equal-dt different readings, duplicates, too-late readings, a dt ahead of its record, cities
 * the reference data lacks (described by their document, or not), and bad documents. Too-late records are also placed
 * at the start of phase 1, to arrive right after the checkpoint a live run takes at the end of phase 0.
 */
public final class ScenarioGenerator {
    /** The seeds CI runs: between them, every {@link ScenarioKind} (ScenarioCoverageTest). */
    public static final List<Long> CI_SEEDS = List.of(1L, 2L);

    private static final String[] VOCABULARY = {"alpha", "beta", "gamma", "delta", "kappa", "lambda", "flink", "kafka",
        "cassandra", "stream", "window", "late", "event", "time", "Ünïcödé", "naïve", "don't", "well-known", "日本語",
        "ＡＢＣ", "café", "ﬁsh", "42", "x"};

    private ScenarioGenerator() {}

    public static Scenario generate(long seed, long nowMillis) {
        Random random = new Random(seed);
        Duration window = Duration.ofMinutes(1);
        Duration lateness = Duration.ofSeconds(30);
        Duration ooo = Duration.ofSeconds(5);
        Duration weatherWindow = Duration.ofMinutes(10);
        int maxLineBytes = 100_000;
        int maxWordBytes = 512;
        // three hours ago, on the hour: every window lines up the same way whenever the seed is run again, and no
        // broker refuses the timestamps (they are in the past)
        long t0 = (nowMillis / 3_600_000 - 3) * 3_600_000;
        int wordPartitions = 3 + random.nextInt(2);   // more partitions than the runs' parallelism (2)
        List<Draft> words = new ArrayList<>();
        int empty = seed % 2 == 1 ? wordPartitions - 1 : -1; // odd seeds: a partition with no record at all
        for (int p = 0; p < wordPartitions; p++) {
            if (p == empty) {
                continue;
            }
            int n = p == 0 ? 900 + random.nextInt(300) : 250 + random.nextInt(300); // skewed: partition 0 heavy
            long behind = p == 1 ? 4 * 60_000 : 0;                               // partition 1 behind in event time
            wordsOfPartition(random, p, n, t0 - behind, window, lateness, ooo, maxLineBytes, words, p == 0 && seed % 2 == 1);
        }
        edgeWords(words, window, lateness, ooo, maxLineBytes, maxWordBytes);
        List<Draft> weather = weather(random, t0, weatherWindow, lateness);
        edgeWeather(weather);
        List<Draft> late = latePartition(words, wordPartitions, empty, window, lateness, ooo);
        return new Scenario(seed, wordPartitions, 2, words, weather, window, lateness, ooo, weatherWindow, maxLineBytes,
                maxWordBytes, late, seed % 2 == 1 ? Scenario.LateJoin.ADDED : Scenario.LateJoin.IDLE);
    }

    private static void wordsOfPartition(Random random, int p, int n, long start, Duration window, Duration lateness,
                                         Duration ooo, int maxLineBytes, List<Draft> out, boolean hugeWord) {
        long cursor = start;
        long tooLateBy = window.toMillis() + lateness.toMillis() + ooo.toMillis();
        int phase1 = n * (4 + random.nextInt(3)) / 10; // where phase 1 starts in this partition
        List<Draft> drafts = new ArrayList<>();
        Draft previous = null;
        for (int i = 0; i < n; i++) {
            int phase = i < phase1 ? 0 : i < phase1 + 5 ? 1 : 2;
            cursor += random.nextInt(900);
            long ts = cursor;
            String what = "line";
            double r = random.nextDouble();
            if (phase == 1 && i == phase1) {
                ts = cursor - tooLateBy - 1_000 - random.nextInt(120_000); // too late, right after the phase-0 checkpoint
                what = "too late after checkpoint";
            } else if (r < 0.05) {
                ts = cursor - random.nextInt((int) ooo.toMillis() + 1); // out of order within the bound
                what = "out of order";
            } else if (r < 0.08) {
                ts = cursor - tooLateBy - random.nextInt(300_000);
                what = "too late";
            } else if (r < 0.10 && previous != null) {
                ts = previous.timestamp(); // equal timestamps
                what = "equal timestamp";
            } else if (r < 0.105) {
                ts = random.nextBoolean() ? 0 : 946_684_800_000L; // absurdly old: 1970, 2000
                what = "absurd timestamp";
            }
            byte[] value;
            double bad = random.nextDouble();
            if (bad < 0.01) {
                value = null;
                what = "no value";
            } else if (bad < 0.02) {
                value = new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28};
                what = "invalid UTF-8";
            } else if (bad < 0.025) {
                value = "word ".repeat(maxLineBytes / 5 + 10).getBytes(StandardCharsets.UTF_8);
                what = "line too long";
            } else if (bad < 0.035) {
                value = ("a line with " + "long".repeat(130 + random.nextInt(20)) + " word").getBytes(StandardCharsets.UTF_8);
                what = "over-long word";
            } else if (bad < 0.055 && previous != null && previous.value() != null) {
                value = previous.value(); // the same line again (a producer retry, a duplicate send)
                ts = previous.timestamp();
                what = "duplicate";
            } else {
                value = line(random).getBytes(StandardCharsets.UTF_8);
            }
            if (hugeWord && i == n / 3) {
                value = ("one " + "w".repeat(70_000) + " word").getBytes(StandardCharsets.UTF_8); // a word Cassandra would refuse as a key
                what = "70,000-letter word";
            }
            byte[] key = random.nextInt(3) == 0 ? null : ("k" + random.nextInt(50)).getBytes(StandardCharsets.UTF_8);
            Draft d = new Draft(p, ts, key, value, phase, what);
            drafts.add(d);
            previous = d;
        }
        out.addAll(drafts);
    }

    /**
     * The edges of rules 1 and 2, appended to partition 0 (phase 2): a record exactly at the lateness boundary (too
     * late) and one a window later (on time), words of exactly the word limit and one byte more, a line of exactly the
     * line limit and one byte more, bad values at the 64 KiB cut and one byte more, a key over 64 KiB, and text beyond
     * Latin that tests every clause of the word rules.
     */
    private static void edgeWords(List<Draft> words, Duration window, Duration lateness, Duration ooo, int maxLineBytes,
                                  int maxWordBytes) {
        long w = window.toMillis();
        long max = words.stream().filter(d -> d.partition() == 0).mapToLong(Draft::timestamp).max().orElse(0);
        long k = Math.floorDiv(max + 2 * w, w) + 1;
        // W = T − D − 1 with T = k·w + D + w + L: the window at k·w is too late by exactly 0 ms (s + w − 1 + L = W)
        long t = k * w + ooo.toMillis() + w + lateness.toMillis();
        List<Draft> edges = new ArrayList<>();
        edges.add(draft(t, "the boundary's clock", "edge clock"));
        edges.add(draft(k * w, "exactly too late", "exactly too late"));
        edges.add(draft(k * w + w - 1, "exactly too late too", "exactly too late"));
        edges.add(draft((k + 1) * w, "just on time", "just on time"));
        edges.add(draft(t, "é".repeat(maxWordBytes / 2) + " " + "\uD801\uDC28".repeat(maxWordBytes / 4), "word at the limit"));
        edges.add(draft(t, "ok " + "a".repeat(maxWordBytes + 1), "word one byte over"));
        String fill = "ab ".repeat(maxLineBytes / 3);
        edges.add(draft(t, fill + "c".repeat(maxLineBytes - fill.length()), "line at the limit"));
        edges.add(draft(t, fill + "c".repeat(maxLineBytes - fill.length() + 1), "line one byte over"));
        byte[] bad = new byte[65_536];
        java.util.Arrays.fill(bad, (byte) 0xFF);
        edges.add(new Draft(0, t, null, bad, 2, "value at the 64 KiB cut"));
        edges.add(new Draft(0, t, null, java.util.Arrays.copyOf(bad, 65_537), 2, "value one byte over the cut"));
        edges.add(new Draft(0, t, "k".repeat(70_000).getBytes(StandardCharsets.UTF_8), null, 2, "key over 64 KiB"));
        for (String text : UNICODE) {
            edges.add(draft(t, text, "text beyond Latin"));
        }
        edges.add(draft(t, "ring\u0007bell tab\tsep nul\u0000x", "control characters"));
        words.addAll(edges);
    }

    /** Lines that exercise every clause of rule 2's words (semantics.md's examples and their neighbours). */
    static final List<String> UNICODE = List.of(
            "İstanbul ISTANBUL ıstanbul istanbul",
            "Straße STRASSE strasse \u1E9E",
            "cafe\u0301 café CAFÉ",
            "don't don’t donʼt 'quoted' rock 'n' roll",
            "soft\u00ADhyphen right\u200Fto\u200Eleft zw\u200Dj",
            "I \u2764\uFE0F it \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 family",
            "\uD835\uDC00\uD835\uDC01 \uD801\uDC00\uD801\uDC28 𝟘𝟙",
            "ΣΟΦΟΣ σοφος σοφoς ᾳ ᾼ",
            "Ꭰ ꭰ Ꮳ ꮳ",
            "ﬁsh ＦＩＳＨ fish Ⅻ ⑫ ½",
            "日本語 ไทย العربية हिन्दी");

    private static Draft draft(long ts, String line, String what) {
        return new Draft(0, ts, null, line.getBytes(StandardCharsets.UTF_8), 2, what);
    }

    /**
     * A partition that joins late (added to the topic while a live job runs, or idle while the others are read): its
     * records come after every other partition has read its phase 0 and a closing record at one shared time, so the
     * window operator's event time when it joins is known ({@code Oracle.combinedWatermark}). Records in windows that
     * time has closed by L, in windows it has fired but not closed, in open windows, too late for their own partition,
     * and a dead letter.
     */
    private static List<Draft> latePartition(List<Draft> words, int partitions, int empty, Duration window,
                                             Duration lateness, Duration ooo) {
        long w = window.toMillis();
        long end = words.stream().filter(d -> d.phase() == 0).mapToLong(Draft::timestamp).max().orElse(0) + 10 * w;
        long joined = end - ooo.toMillis() - 1; // the others' watermark once they read the closing records
        long lastClosed = Math.floorDiv(joined - lateness.toMillis() - w + 1, w) * w; // s + w − 1 + L ≤ joined
        int p = partitions; // the partition after the others
        List<Draft> late = new ArrayList<>();
        late.add(new Draft(p, lastClosed - 3 * w + 5, null, bytes("closed alpha alpha"), 0, "closed by the others"));
        late.add(new Draft(p, lastClosed + 7, null, bytes("closed beta"), 0, "closed by the others"));
        late.add(new Draft(p, lastClosed + w + 3, null, bytes("fired gamma"), 0, "fired or open, not closed"));
        late.add(new Draft(p, joined + 2 * w, null, bytes("open delta"), 0, "open window"));
        late.add(new Draft(p, joined - 30 * w, null, bytes("own late"), 0, "too late for its own partition"));
        late.add(new Draft(p, joined + 2 * w, null, null, 0, "no value"));
        late.add(new Draft(p, joined + 20 * w, null, bytes("after epsilon"), 0, "open window"));
        // the closing records of the others (every one, the empty one too): one shared time, so that every partition's
        // watermark ends the same, whichever is read last
        List<Draft> closing = new ArrayList<>();
        for (int q = 0; q < partitions; q++) {
            closing.add(new Draft(q, end, null, bytes("closing"), 0, "closing record"));
        }
        List<Draft> all = new ArrayList<>(closing);
        all.addAll(late);
        return all;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String line(Random random) {
        int n = random.nextInt(9);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = VOCABULARY[(int) Math.min(VOCABULARY.length - 1, Math.abs(random.nextGaussian()) * 6)];
            s.append(random.nextInt(5) == 0 ? w.toUpperCase(Locale.ROOT) : w)
                    .append(random.nextInt(6) == 0 ? ", " : random.nextInt(8) == 0 ? "! " : " ");
        }
        return s.toString();
    }

    /** A city the reference data lacks, described by its own document (or not, when {@code described} is false). */
    private record Place(long id, String name, String country, double lat, double lon, int utcOffset, boolean described) {}

    private static List<Draft> weather(Random random, long t0, Duration weatherWindow, Duration lateness) {
        List<Place> places = new ArrayList<>();
        for (City c : CityDirectory.bundled().featured(400).subList(0, 6)) {
            places.add(new Place(c.id(), c.name(), c.country(), c.lat(), c.lon(), 0, true));
        }
        places.add(new Place(990_000_001L, "Atlantis", "AT", 31.5, -24.25, -3600, true));
        places.add(new Place(990_000_002L, "Nowhere", "ZZ", -10.5, 150.75, 36_000, true));
        places.add(new Place(990_000_003L, "Unnamed", "XX", 0, 0, 0, false));
        List<Draft> out = new ArrayList<>();
        long step = 120; // a reading per city every two minutes of dt
        long dt0 = t0 / 1000;
        int rounds = 50;
        long tooLateBy = (weatherWindow.toMillis() + lateness.toMillis()) / 1000 + 60;
        for (int round = 0; round < rounds; round++) {
            int phase = round < rounds / 2 ? 0 : round < rounds / 2 + 1 ? 1 : 2;
            for (Place place : places) {
                long dt = dt0 + round * step + random.nextInt(30);
                String what = "reading";
                double r = random.nextDouble();
                if (r < 0.04 || phase == 1 && place == places.get(0)) {
                    dt = dt0 + round * step - tooLateBy - random.nextInt(600);
                    what = "too late";
                }
                int partition = place.id() % 5 == 0 ? random.nextInt(2) : (int) (place.id() % 2); // some cities on both
                long recordTs = dt * 1000 + random.nextInt(20_000);
                String doc = doc(place, dt, 260 + random.nextInt(4000) / 100.0, random.nextInt(101), random.nextInt(300) / 10.0,
                        random.nextInt(361), random.nextInt(4) == 0 ? "Rain" : "Clouds");
                double bad = random.nextDouble();
                if (bad < 0.02) {
                    doc = "{not json " + dt;
                    what = "not JSON";
                } else if (bad < 0.04) {
                    doc = doc.replaceFirst("\"temp\":[0-9.]+,", "");
                    what = "no temperature";
                } else if (bad < 0.05) {
                    doc = doc.replaceFirst("\"humidity\":[0-9]+", "\"humidity\":140");
                    what = "humidity out of range";
                } else if (bad < 0.06) {
                    recordTs = dt * 1000 - 2 * 3_600_000L; // its dt is two hours after it was sent: a wrong clock
                    what = "dt ahead of its record";
                } else if (bad < 0.065) {
                    doc = null;
                    what = "no value";
                }
                byte[] key = Long.toString(place.id()).getBytes(StandardCharsets.UTF_8);
                byte[] value = doc == null ? null : doc.getBytes(StandardCharsets.UTF_8);
                out.add(new Draft(partition, recordTs, key, value, phase, what));
                if (random.nextDouble() < 0.04 && doc != null) {
                    out.add(new Draft(partition, recordTs + 1, key, value, phase, "duplicate")); // sent twice
                }
                if (random.nextDouble() < 0.04 && what.equals("reading")) {
                    String other = doc(place, dt, 250 + random.nextInt(5000) / 100.0, random.nextInt(101), 3.0, 10, "Snow");
                    int otherPartition = random.nextBoolean() ? partition : 1 - partition;
                    out.add(new Draft(otherPartition, recordTs + 2, key, other.getBytes(StandardCharsets.UTF_8), phase,
                            "equal dt, other reading"));
                }
            }
        }
        return out;
    }

    /**
     * The edges of rule 4, appended after the last round (phase 2): numbers written with exponents, a name twice in one
     * object, no description, a reference city under another name, an unknown city renamed within a window, nesting
     * deeper than 32, fields of the wrong type, an unpaired surrogate, a number of more than 100 digits.
     */
    private static void edgeWeather(List<Draft> weather) {
        long last = weather.stream().filter(d -> d.value() != null).mapToLong(d -> d.timestamp() / 1000).max().orElse(0);
        long dt = last + 600;
        City london = CityDirectory.bundled().find(2643743L).orElseThrow();
        Place ref = new Place(london.id(), "Londinium", london.country(), london.lat(), london.lon(), 0, true);
        Place atlantis = new Place(990_000_004L, "Atlantis", "AT", 31.5, -24.25, -3600, true);
        Place renamed = new Place(990_000_004L, "New Atlantis", "AT", 31.5, -24.25, -3600, true);
        String plain = doc(ref, dt, 283.15, 70, 4.5, 200, "Clouds");
        add(weather, dt, exponents(doc(ref, dt, 283.15, 70, 4.5, 200, "Clouds"), dt), "numbers with exponents");
        add(weather, dt + 60, doc(ref, dt + 60, 284.15, 71, 4.5, 200, "Clouds"), "reference city under another name");
        add(weather, dt + 120, doc(atlantis, dt + 120, 290.15, 50, 1.0, 10, "Clear"), "unknown city renamed");
        add(weather, dt + 180, doc(renamed, dt + 180, 291.15, 51, 1.0, 10, "Clear"), "unknown city renamed");
        add(weather, dt + 240, doc(ref, dt + 240, 285.15, 72, 4.5, 200, "Rain").replaceFirst(",\"description\":\"[^\"]*\"", ""),
                "no description");
        add(weather, dt, plain.replace("\"humidity\":70", "\"humidity\":70,\"humidity\":71"), "a field twice");
        add(weather, dt, plain.replace("\"humidity\":70", "\"humidity\":" + "[".repeat(40) + "]".repeat(40)),
                "nested too deep");
        add(weather, dt, plain.replace("\"temp\":283.15", "\"temp\":\"warm\""), "a field of the wrong type");
        add(weather, dt, plain.replace("\"main\":\"Clouds\"", "\"main\":7"), "a field of the wrong type");
        add(weather, dt, plain.replace("here\"", "here\\ud800\""), "an unpaired surrogate");
        add(weather, dt, plain.replace("\"humidity\":70", "\"humidity\":" + "7".repeat(101)), "a number of 101 digits");
        add(weather, dt, plain.replace("\"temp\":283.15", "\"temp\":1e400"), "a number beyond double");
    }

    private static void add(List<Draft> weather, long dt, String doc, String what) {
        weather.add(new Draft(0, dt * 1000 + 500, "edge".getBytes(StandardCharsets.UTF_8),
                doc.getBytes(StandardCharsets.UTF_8), 2, what));
    }

    /** The document with dt and temp written with exponents ({@code 1.7648E+9}, {@code 2.8315E2}). */
    private static String exponents(String doc, long dt) {
        String scientific = new java.math.BigDecimal(dt).stripTrailingZeros().toString();
        if (!scientific.contains("E")) {
            scientific = new java.math.BigDecimal(dt).movePointLeft(9).toPlainString() + "E9";
        }
        return doc.replace("\"dt\":" + dt, "\"dt\":" + scientific).replace("\"temp\":283.15", "\"temp\":2.8315E2");
    }

    private static String doc(Place place, long dt, double tempK, int humidity, double windMs, int windDeg, String main) {
        String described = place.described()
                ? String.format(Locale.ROOT, "\"coord\":{\"lon\":%s,\"lat\":%s},\"sys\":{\"country\":\"%s\"},"
                        + "\"timezone\":%d,\"name\":\"%s\",", place.lon(), place.lat(), place.country(), place.utcOffset(),
                        place.name().replace("\"", "\\\""))
                : "";
        return String.format(Locale.ROOT, "{%s\"weather\":[{\"id\":500,\"main\":\"%s\",\"description\":\"%s here\"}],"
                        + "\"main\":{\"temp\":%s,\"pressure\":1010,\"humidity\":%d},\"wind\":{\"speed\":%s,\"deg\":%d},"
                        + "\"dt\":%d,\"id\":%d,\"cod\":200}",
                described, main, main.toLowerCase(Locale.ROOT), tempK, humidity, windMs, windDeg, dt, place.id());
    }
}
