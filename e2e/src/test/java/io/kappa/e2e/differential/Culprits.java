package io.kappa.e2e.differential;

import io.kappa.oracle.ObservationKey;
import io.kappa.oracle.Oracle;
import io.kappa.oracle.WindowKey;
import io.kappa.oracle.WordKey;
import io.kappa.oracle.WordRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smallest failing case of a difference: the input records that make the rows or side records that differ — a
 * word row's records (that window, that word), a weather row's (that city, and that dt or window), a side record's
 * source. Printed with the seed, it is the case to reproduce by hand or in a unit test.
 */
public final class Culprits {
    private static final Pattern CITY = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern DT = Pattern.compile("\"dt\":(\\d+)");

    private Culprits() {}

    public static List<Oracle.Input> of(Differences d, Scenario s, List<Oracle.Input> words, List<Oracle.Input> weather) {
        Set<Oracle.Input> found = new LinkedHashSet<>();
        long w = s.window().toMillis();
        long ww = s.weatherWindow().toMillis();
        for (Object key : d.keys()) {
            if (key instanceof WordKey k) {
                for (Oracle.Input r : words) {
                    if (Math.floorDiv(r.timestamp(), w) * w == k.windowStart() && r.value() != null
                            && WordRules.words(new String(r.value(), StandardCharsets.UTF_8)).contains(k.word())) {
                        found.add(r);
                    }
                }
            } else if (key instanceof ObservationKey k) {
                weather.stream().filter(r -> city(r) == k.cityId() && dt(r) * 1000 == k.observedAt()).forEach(found::add);
            } else if (key instanceof WindowKey k) {
                weather.stream().filter(r -> city(r) == k.cityId() && Math.floorDiv(dt(r) * 1000, ww) * ww == k.windowStart())
                        .forEach(found::add);
            } else if (key instanceof Long cityId) {
                weather.stream().filter(r -> city(r) == cityId).forEach(found::add);
            } else if (key instanceof Differences.Position p) {
                List<Oracle.Input> all = new ArrayList<>(words);
                all.addAll(weather);
                all.stream().filter(r -> r.topic().equals(p.topic()) && r.partition() == p.partition()
                        && r.offset() == p.offset()).forEach(found::add);
            }
        }
        return new ArrayList<>(found);
    }

    private static long city(Oracle.Input r) {
        return number(CITY, r);
    }

    private static long dt(Oracle.Input r) {
        return number(DT, r);
    }

    private static long number(Pattern p, Oracle.Input r) {
        if (r.value() == null) {
            return -1;
        }
        Matcher m = p.matcher(new String(r.value(), StandardCharsets.UTF_8));
        long last = -1; // the document's own field comes after the weather array's "id"
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
