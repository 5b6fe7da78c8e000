package io.kappa.weather;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * City reference data: the bundled default ({@code cities.csv}, 400 cities in 143 countries, from GeoNames
 * via tools/cities) or a user file of the same shape ({@code id,name,country,lat,lon,timezone}, lines starting
 * with # are comments). Small enough to travel inside the operators that use it.
 */
public final class CityDirectory implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String BUNDLED = "/io/kappa/weather/cities.csv";

    private final LinkedHashMap<Long, City> byId;

    private CityDirectory(LinkedHashMap<Long, City> byId) {
        this.byId = byId;
    }

    public static CityDirectory bundled() {
        try (InputStream in = CityDirectory.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled city list " + BUNDLED + " is missing from the jar");
            }
            return read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled city list: " + e.getMessage(), e);
        }
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
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).build();
        LinkedHashMap<Long, City> cities = new LinkedHashMap<>();
        for (CSVRecord r : format.parse(in)) {
            try {
                City c = new City(Long.parseLong(r.get("id")), r.get("name"), r.get("country"),
                        Double.parseDouble(r.get("lat")), Double.parseDouble(r.get("lon")), r.get("timezone"));
                ZoneId.of(c.timeZone());
                if (Math.abs(c.lat()) > 90 || Math.abs(c.lon()) > 180) {
                    throw new IllegalArgumentException("coordinates out of range");
                }
                cities.put(c.id(), c);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("city list " + source + ", line " + r.getRecordNumber()
                        + ": " + e.getMessage() + " (expected id,name,country,lat,lon,timezone)");
            }
        }
        if (cities.isEmpty()) {
            throw new IllegalArgumentException("city list " + source + " has no cities");
        }
        return new CityDirectory(cities);
    }

    public Optional<City> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** By id, or by name (case-insensitive; the first match). */
    public Optional<City> find(String idOrName) {
        try {
            return find(Long.parseLong(idOrName.trim()));
        } catch (NumberFormatException e) {
            return byId.values().stream().filter(c -> c.name().equalsIgnoreCase(idOrName.trim())).findFirst();
        }
    }

    public Collection<City> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }
}
