package io.kappa.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityDirectoryTest {

    @Test
    void theBundledListHasAFewHundredCitiesWithValidZones() {
        CityDirectory d = CityDirectory.bundled();
        assertThat(d.size()).isBetween(300, 500);
        assertThat(d.find(2643743)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("London");
            assertThat(c.timeZone()).isEqualTo("Europe/London");
        });
        assertThat(d.find("paris")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(2988507));
        assertThat(d.all().stream().map(City::country).distinct().count()).isGreaterThan(100);
    }

    @Test
    void aUserFileReplacesItAndErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("cities.csv");
        Files.writeString(ok, "# my cities\nid,name,country,lat,lon,timezone\n1,\"Springfield, IL\",US,39.8,-89.6,America/Chicago\n");
        assertThat(CityDirectory.fromFile(ok).find(1)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Springfield, IL"));

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,name,country,lat,lon,timezone\n1,A,US,39.8,-89.6,America/Chicago\n2,B,US,39.8,-89.6,Mars/Olympus\n");
        assertThatThrownBy(() -> CityDirectory.fromFile(bad)).hasMessageContaining("line 2").hasMessageContaining("Mars/Olympus");
    }
}
