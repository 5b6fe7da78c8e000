package io.kappa.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The model's city reference data (semantics.md, rule 4, "City reference data"), read by the model itself from the
 * CSV format the contract describes: RFC 4180, UTF-8; lines starting with {@code #} are comments; the first line
 * that is not a comment names the columns {@code id,name,country,lat,lon,timezone} and optionally
 * {@code population}; spaces around a field are ignored; {@code id} is a whole number, {@code lat}/{@code lon}
 * decimal degrees, {@code timezone} an IANA zone id; when an id appears twice, the later line wins.
 *
 * <p>The job's default is the bundled file, the classpath resource {@value #BUNDLED} (it comes with the job's jar:
 * only that data file is shared with the job, not its reader). A user file ({@code --cities FILE}) is read by
 * {@link #fromFile}. The model's own readings of what the contract leaves open: the columns may come in any order
 * and other columns are ignored (as the contract says); empty lines are skipped; an empty {@code population} is 0; a malformed file is an
 * error naming the source and the record, never a city skipped.
 */
public final class Cities {
    /** The bundled reference data's resource path (the job's default {@code --cities}). */
    public static final String BUNDLED = "/io/kappa/weather/cities.csv";

    private static final List<String> REQUIRED = List.of("id", "name", "country", "lat", "lon", "timezone");
    private static final String OPTIONAL = "population";
    /** Decimal degrees: an optional sign, digits with an optional fraction, an optional exponent. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private static volatile Cities bundled;

    private final String source;
    private final Map<Long, City> byId;

    private Cities(String source, Map<Long, City> byId) {
        this.source = source;
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** The bundled reference data (read once per JVM). */
    public static Cities bundled() {
        Cities c = bundled;
        if (c == null) {
            synchronized (Cities.class) {
                c = bundled;
                if (c == null) {
                    c = readBundled();
                    bundled = c;
                }
            }
        }
        return c;
    }

    private static Cities readBundled() {
        try (InputStream in = Cities.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled city reference data " + BUNDLED
                        + " is not on the classpath (it comes with the job's jar)");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled city reference data " + BUNDLED + ": " + e, e);
        }
    }

    /** A user file ({@code --cities FILE}). */
    public static Cities fromFile(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) { // reports malformed UTF-8
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the city reference data " + file + ": " + e, e);
        }
    }

    /** Reference data from CSV text; {@code source} names it in errors. */
    public static Cities read(Reader in, String source) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .setHeader()              // the first record that is not a comment names the columns
                .setSkipHeaderRecord(true)
                .build();
        Map<Long, City> byId = new LinkedHashMap<>();
        Set<String> zones = new HashSet<>();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            List<String> columns = parser.getHeaderNames();
            for (String required : REQUIRED) {
                if (!columns.contains(required)) {
                    throw new IllegalArgumentException("city reference data " + source + ": no column '" + required
                            + "' (the columns are " + String.join(",", REQUIRED) + " and optionally " + OPTIONAL
                            + "; found " + columns + ")");
                }
            }
            boolean hasPopulation = columns.contains(OPTIONAL);
            for (CSVRecord r : parser) {
                try {
                    if (r.size() != columns.size()) {
                        throw new IllegalArgumentException(r.size() + " fields for " + columns.size() + " columns");
                    }
                    String population = hasPopulation ? r.get(OPTIONAL) : "";
                    City c = new City(whole(r.get("id"), "id"), r.get("name"), r.get("country"),
                            decimal(r.get("lat"), "lat"), decimal(r.get("lon"), "lon"), zone(r.get("timezone"), zones),
                            population.isEmpty() ? 0 : whole(population, OPTIONAL));
                    byId.remove(c.id()); // the later line wins (and takes the later place in the order)
                    byId.put(c.id(), c);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("city reference data " + source + ", record "
                            + r.getRecordNumber() + " (" + r + "): " + e.getMessage(), e);
                }
            }
        }
        return new Cities(source, byId);
    }

    private static long whole(String text, String column) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a whole number");
        }
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    }

    private static double decimal(String text, String column) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a number of decimal degrees");
        }
        return Double.parseDouble(text); // the nearest double
    }

    /** A zone id that {@link ZoneId#of} knows (the enrichment's local time needs it); {@code known}: ids seen. */
    private static String zone(String id, Set<String> known) {
        if (known.contains(id)) {
            return id;
        }
        try {
            ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone '" + id + "' is not a zone id: " + e.getMessage());
        }
        known.add(id);
        return id;
    }

    /** The city of this id, when the reference data has it. */
    public Optional<City> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every city, in the order of the last line of each id. */
    public Collection<City> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** Where the data came from: the bundled resource's path or the file's. */
    public String source() {
        return source;
    }

    /** The ids, for a look at what a test file holds. */
    Set<Long> ids() {
        return byId.keySet();
    }

    @Override
    public String toString() {
        return "Cities[" + source + ": " + byId.size() + " cities]";
    }
}
