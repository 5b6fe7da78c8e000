package io.kappa.weather;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectStreamException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * City reference data: the bundled default ({@code cities.csv}: every GeoNames city of at least 15,000 inhabitants,
 * about 24,000 in 209 countries, made by tools/cities) or a user file ({@code id,name,country,lat,lon,timezone}
 * and optionally {@code population}; lines starting with # are comments).
 *
 * <p>It travels inside the operators that use it. The bundled directory serialises as a marker only, and is read
 * again from the jar where it is used, once per JVM (per class loader); a user file's directory ships its cities.
 */
public final class CityDirectory implements Serializable {
    private static final long serialVersionUID = 2L;
    public static final String BUNDLED = "/io/kappa/weather/cities.csv";
    /** {@link #featured}: the three largest of every country are taken among the cities of at least this many. */
    static final long FEATURED_MIN_POPULATION = 300_000;

    private static final CityDirectory BUNDLED_DIRECTORY = new CityDirectory(null, null);
    private static final Object BUNDLED_LOCK = new Object();
    private static volatile Index bundledIndex;

    /** A user file's cities, in file order; null for the bundled list (the marker). */
    private final City[] shipped;
    private transient volatile Index index;

    private CityDirectory(City[] shipped, Index index) {
        this.shipped = shipped;
        this.index = index;
    }

    /** The bundled list (read from the jar on first use, once per JVM). */
    public static CityDirectory bundled() {
        bundledIndex();
        return BUNDLED_DIRECTORY;
    }

    /** A user file; errors name the file, the line and the option. */
    public static CityDirectory fromFile(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --cities file " + file + ": " + e.getMessage());
        }
    }

    static CityDirectory read(Reader in, String source) throws IOException {
        Index index = parse(in, source);
        return new CityDirectory(index.byId.values().toArray(new City[0]), index);
    }

    private static Index bundledIndex() {
        Index i = bundledIndex;
        if (i == null) {
            synchronized (BUNDLED_LOCK) {
                i = bundledIndex;
                if (i == null) {
                    i = loadBundled();
                    bundledIndex = i;
                }
            }
        }
        return i;
    }

    private static Index loadBundled() {
        try (InputStream in = CityDirectory.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled city list " + BUNDLED + " is missing from the jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled city list: " + e.getMessage(), e);
        }
    }

    /** The bundled list read afresh, past the cache: for a test of the load time. */
    static List<City> readBundledAfresh() {
        return List.copyOf(loadBundled().byId.values());
    }

    private static void check(City c, Set<String> validZones) {
        if (!validZones.contains(c.timeZone())) {
            ZoneId.of(c.timeZone());
            validZones.add(c.timeZone());
        }
        if (!(Math.abs(c.lat()) <= 90) || !(Math.abs(c.lon()) <= 180)) { // NaN is out of range too
            throw new IllegalArgumentException("coordinates out of range");
        }
        if (c.population() < 0) {
            throw new IllegalArgumentException("negative population");
        }
    }

    private static Index parse(Reader in, String source) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).build();
        LinkedHashMap<Long, City> cities = new LinkedHashMap<>(1024);
        Map<String, String> shared = new HashMap<>(); // one String per country and per zone
        Set<String> validZones = new HashSet<>();
        try (CSVParser parser = format.parse(in)) {
            boolean hasPopulation = parser.getHeaderMap().containsKey("population");
            for (CSVRecord r : parser) {
                try {
                    String population = hasPopulation && r.isSet("population") ? r.get("population") : "";
                    City c = new City(Long.parseLong(r.get("id")), r.get("name"), shared(shared, r.get("country")),
                            Double.parseDouble(r.get("lat")), Double.parseDouble(r.get("lon")),
                            shared(shared, r.get("timezone")), population.isEmpty() ? 0 : Long.parseLong(population));
                    check(c, validZones);
                    cities.put(c.id(), c);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("city list " + source + ", line " + r.getRecordNumber()
                            + ": " + e.getMessage() + " (expected id,name,country,lat,lon,timezone)");
                }
            }
        }
        if (cities.isEmpty()) {
            throw new IllegalArgumentException("city list " + source + " has no cities");
        }
        return new Index(cities);
    }

    private static String shared(Map<String, String> strings, String s) {
        String known = strings.putIfAbsent(s, s);
        return known != null ? known : s;
    }

    private Index index() {
        if (shipped == null) {
            return bundledIndex();
        }
        Index i = index;
        if (i == null) { // deserialised: build the maps from the shipped cities (immutable, so a race is harmless)
            LinkedHashMap<Long, City> byId = new LinkedHashMap<>();
            for (City c : shipped) {
                byId.put(c.id(), c);
            }
            i = new Index(byId);
            index = i;
        }
        return i;
    }

    private Object readResolve() throws ObjectStreamException {
        return shipped == null ? BUNDLED_DIRECTORY : this;
    }

    public boolean isBundled() {
        return shipped == null;
    }

    public Optional<City> find(long id) {
        return Optional.ofNullable(index().byId.get(id));
    }

    /** By id, or by name (case-insensitive; of several cities of that name, the most populous, then the lowest id). */
    public Optional<City> find(String idOrName) {
        String key = idOrName.trim();
        try {
            return find(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return Optional.ofNullable(index().byName(key));
        }
    }

    /**
     * A sample of {@code n} cities for the simulator, as the first bundled list of 400 was chosen: the three most
     * populous cities of every country (among those of at least 300,000 inhabitants), then the most populous
     * overall, up to {@code n}; ties by id. Sorted by id. Fewer when the directory has fewer cities.
     */
    public List<City> featured(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("featured(" + n + "): n must be >= 0");
        }
        List<City> byPopulation = new ArrayList<>(index().byId.values());
        byPopulation.sort(Comparator.comparingLong(City::population).reversed().thenComparingLong(City::id));
        LinkedHashMap<Long, City> chosen = new LinkedHashMap<>();
        Map<String, Integer> perCountry = new HashMap<>();
        for (City c : byPopulation) {
            if (chosen.size() >= n || c.population() < FEATURED_MIN_POPULATION) {
                break;
            }
            if (perCountry.merge(c.country(), 1, Integer::sum) <= 3) {
                chosen.put(c.id(), c);
            }
        }
        for (City c : byPopulation) {
            if (chosen.size() >= n) {
                break;
            }
            chosen.putIfAbsent(c.id(), c);
        }
        List<City> sample = new ArrayList<>(chosen.values());
        sample.sort(Comparator.comparingLong(City::id));
        return Collections.unmodifiableList(sample);
    }

    /** Every city, in the file's order (the bundled list is sorted by id). */
    public Collection<City> all() {
        return Collections.unmodifiableCollection(index().byId.values());
    }

    public int size() {
        return index().byId.size();
    }

    /** Case folding as {@link String#equalsIgnoreCase}, one character at a time. */
    private static String fold(String name) {
        boolean plain = true;
        for (int i = 0; i < name.length() && plain; i++) {
            char ch = name.charAt(i);
            plain = ch < 128 && (ch < 'A' || ch > 'Z');
        }
        if (plain) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return b.toString();
    }

    /**
     * The maps of one list: by id (file order), and by folded name (the most populous city of a name) built on the
     * first lookup by name (task managers look up ids only).
     */
    private static final class Index {
        final LinkedHashMap<Long, City> byId;
        private volatile HashMap<String, City> byName;

        Index(LinkedHashMap<Long, City> byId) {
            this.byId = byId;
        }

        City byName(String name) {
            HashMap<String, City> names = byName;
            if (names == null) { // immutable once built, so two threads building it at once is harmless
                names = new HashMap<>(byId.size() * 2);
                for (City c : byId.values()) {
                    names.merge(fold(c.name()), c, (a, b) -> a.population() > b.population()
                            || (a.population() == b.population() && a.id() < b.id()) ? a : b);
                }
                byName = names;
            }
            return names.get(fold(name));
        }
    }
}
