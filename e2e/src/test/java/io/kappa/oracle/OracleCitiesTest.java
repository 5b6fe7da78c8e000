package io.kappa.oracle;

import static io.kappa.oracle.OracleFixtures.B;
import static io.kappa.oracle.OracleFixtures.LONDON;
import static io.kappa.oracle.OracleFixtures.TOKYO;
import static io.kappa.oracle.OracleFixtures.doc;
import static io.kappa.oracle.OracleFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule 4, "City reference data": the model's own reader of the bundled file and of a user's {@code --cities} file. */
class OracleCitiesTest {

    private static Cities read(String csv) throws IOException {
        return Cities.read(new StringReader(csv), "test.csv");
    }

    @Test
    void theBundledData() {
        Cities bundled = Cities.bundled();
        assertThat(bundled.size()).isEqualTo(24_323); // "Every GeoNames city of at least 15000 inhabitants: 24323 cities"
        assertThat(bundled.find(LONDON)).contains(
                new City(LONDON, "London", "GB", 51.50853, -0.12574, "Europe/London", 7_556_900));
        assertThat(bundled.find(TOKYO)).hasValueSatisfying(c -> assertThat(c.timeZone()).isEqualTo("Asia/Tokyo"));
        // a quoted name with a comma
        assertThat(bundled.find(4_140_963)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Washington, D.C."));
        assertThat(bundled.find(OracleFixtures.UNKNOWN)).isEmpty();
        assertThat(Cities.bundled()).isSameAs(bundled);
    }

    @Test
    void aUserFileWithCommentsSpacesQuotesAndNoPopulation(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cities.csv");
        Files.writeString(file, String.join("\r\n",
                "# my cities",
                "#id,not,the,header",
                "id, name ,country,lat,lon,timezone",
                " 1 , Springfield , US , 39.8 , -89.6 , America/Chicago ",
                "2,\"Quote \"\"Town\"\", Comma\",GB,51,-0.1,Europe/London",
                "# a comment between cities",
                "3,Zürich,CH,47.37,8.55,Europe/Zurich",
                "1,Springfield,US,39.80,-89.65,America/Chicago",
                ""), StandardCharsets.UTF_8);
        Cities cities = Cities.fromFile(file);
        assertThat(cities.size()).isEqualTo(3);
        // the later line of id 1 wins
        assertThat(cities.find(1)).contains(new City(1, "Springfield", "US", 39.8, -89.65, "America/Chicago", 0));
        assertThat(cities.find(2)).contains(new City(2, "Quote \"Town\", Comma", "GB", 51.0, -0.1, "Europe/London", 0));
        assertThat(cities.find(3)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Zürich"));
        assertThat(cities.find(LONDON)).isEmpty();
        assertThat(cities.source()).isEqualTo(file.toString());
    }

    @Test
    void columnsInAnotherOrderWithPopulation() throws IOException {
        Cities cities = read("timezone,lon,lat,country,name,id,population\nAsia/Tokyo,139.7,35.7,JP,Tokyo,7,123\n"
                + "UTC,0,0,XX,Nowhere,8,\n");
        assertThat(cities.find(7)).contains(new City(7, "Tokyo", "JP", 35.7, 139.7, "Asia/Tokyo", 123));
        assertThat(cities.find(8)).contains(new City(8, "Nowhere", "XX", 0, 0, "UTC", 0));
    }

    @Test
    void otherColumnsAreIgnored() throws Exception {
        assertThat(read("id,name,extra,country,lat,lon,timezone\n7,A,x,US,1,2,UTC\n").find(7)).isPresent();
    }

    @Test
    void aMalformedFileIsAnErrorNotASkippedCity() {
        assertThatThrownBy(() -> read("id,name,country,lat,lon\n1,A,US,1,2\n")).hasMessageContaining("no column 'timezone'");
        assertThatThrownBy(() -> read("id,name,country,lat,lon,timezone\nx1,A,US,1,2,UTC\n"))
                .hasMessageContaining("test.csv").hasMessageContaining("id 'x1' is not a whole number");
        assertThatThrownBy(() -> read("id,name,country,lat,lon,timezone\n1,A,US,north,2,UTC\n"))
                .hasMessageContaining("lat 'north'");
        assertThatThrownBy(() -> read("id,name,country,lat,lon,timezone\n1,A,US,1,2,Mars/Olympus\n"))
                .hasMessageContaining("timezone 'Mars/Olympus'");
        assertThatThrownBy(() -> read("id,name,country,lat,lon,timezone\n1,A,US,1,2\n"))
                .hasMessageContaining("5 fields for 6 columns");
    }

    @Test
    void theModelUsesTheCitiesItIsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, "id,name,country,lat,lon,timezone\n" + LONDON + ",Londres,FR,1.5,2.5,Europe/Paris\n");
        Oracle.Settings s = Oracle.Settings.defaults(Cities.fromFile(file));
        Observation london = OracleFixtures.weather(s, reading(0, 0, doc(LONDON, B, 293.15))).latest().get(LONDON);
        assertThat(london).extracting(Observation::city, Observation::country, Observation::localTime)
                .containsExactly("Londres", "FR", "2024-07-01T14:00+02:00");
        assertThat(london.writeTime()).isEqualTo(Oracle.writeTime(B, Oracle.readingKey(LONDON, B, 293.15, 50, 1012, 5.0,
                90, "Clear", "clear sky", "Londres", "FR", 1.5, 2.5, "Europe/Paris")));
        // Tokyo is not in this file: its document describes it (as London, GB, +01:00: see OracleFixtures.doc)
        Observation tokyo = OracleFixtures.weather(s, reading(0, 0, doc(TOKYO, B, 293.15))).latest().get(TOKYO);
        assertThat(tokyo).extracting(Observation::city, Observation::localTime)
                .containsExactly("London", "2024-07-01T13:00+01:00");
    }
}
