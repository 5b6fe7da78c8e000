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
        int empty = random.nextBoolean() ? wordPartitions - 1 : -1; // sometimes a partition with no record at all
        for (int p = 0; p < wordPartitions; p++) {
            if (p == empty) {
                continue;
            }
            int n = p == 0 ? 900 + random.nextInt(300) : 250 + random.nextInt(300); // skewed: partition 0 heavy
            long behind = p == 1 ? 4 * 60_000 : 0;                               // partition 1 behind in event time
            wordsOfPartition(random, p, n, t0 - behind, window, lateness, ooo, maxLineBytes, words, p == 0 && seed % 2 == 1);
        }
        List<Draft> weather = weather(random, t0, weatherWindow, lateness);
        return new Scenario(seed, wordPartitions, 2, words, weather, window, lateness, ooo, weatherWindow, maxLineBytes,
                maxWordBytes);
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
                value = ("one " + "w".repeat(70_000) + " word").getBytes(StandardCharsets.UTF_8); // issue 11, case 2
                what = "70,000-letter word";
            }
            byte[] key = random.nextInt(3) == 0 ? null : ("k" + random.nextInt(50)).getBytes(StandardCharsets.UTF_8);
            Draft d = new Draft(p, ts, key, value, phase, what);
            drafts.add(d);
            previous = d;
        }
        out.addAll(drafts);
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
