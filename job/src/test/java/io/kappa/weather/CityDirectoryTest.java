package io.kappa.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityDirectoryTest {

    @Test
    void theCoursesCitiesAreBundled() {
        CityDirectory d = CityDirectory.bundled();
        assertThat(d.find(4887398)).hasValueSatisfying(c -> assertCity(c, "Chicago", "US", "America/Chicago"));
        assertThat(d.find(4164138)).hasValueSatisfying(c -> assertCity(c, "Miami", "US", "America/New_York"));
        assertThat(d.find(5391959)).hasValueSatisfying(c -> assertCity(c, "San Francisco", "US", "America/Los_Angeles"));
        assertThat(d.find(2643743)).hasValueSatisfying(c -> assertCity(c, "London", "GB", "Europe/London"));
        assertThat(d.find("5391959")).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("San Francisco"));
    }

    private static void assertCity(City c, String name, String country, String zone) {
        assertThat(c.name()).isEqualTo(name);
        assertThat(c.country()).isEqualTo(country);
        assertThat(c.timeZone()).isEqualTo(zone);
        assertThat(c.population()).isGreaterThan(100_000);
    }

    @Test
    void theWholeBundledListLoadsQuicklyWithValidZones() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[3];
        long[] cpu = new long[3];
        List<City> cities = null;
        for (int i = 0; i < nanos.length; i++) { // the first read is a cold JVM's, as in a task manager
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            cities = CityDirectory.readBundledAfresh();
            nanos[i] = System.nanoTime() - t;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        System.out.printf("CityDirectoryTest: the bundled list (%,d cities) read in %d ms (%d ms of CPU), then %d ms (%d)"
                + " and %d ms (%d)%n", cities.size(), nanos[0] / 1_000_000, cpu[0] / 1_000_000, nanos[1] / 1_000_000,
                cpu[1] / 1_000_000, nanos[2] / 1_000_000, cpu[2] / 1_000_000);
        assertThat(nanos[0]).isLessThan(3_000_000_000L); // a margin for a busy machine: it takes well under a second
        assertThat(cities).hasSizeBetween(20_000, 35_000).hasSize(CityDirectory.bundled().size());
        assertThat(cities).allSatisfy(c -> {
            assertThat(ZoneId.of(c.timeZone())).isNotNull();
            assertThat(c.population()).isGreaterThanOrEqualTo(15_000);
            assertThat(c.country()).matches("[A-Z]{2}");
        });
        assertThat(cities.stream().map(City::country).distinct().count()).isGreaterThan(200);
        assertThat(cities).extracting(City::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aQuotedNameKeepsItsComma() {
        assertThat(CityDirectory.bundled().find(4140963)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Washington, D.C.");
            assertThat(c.timeZone()).isEqualTo("America/New_York");
        });
    }

    @Test
    void aNameFindsItsMostPopulousCity() {
        CityDirectory d = CityDirectory.bundled();
        assertThat(d.all().stream().filter(c -> c.name().equals("London")).map(City::country)).contains("GB", "CA");
        assertThat(d.find("london")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(2643743));
        assertThat(d.find(" LONDON ")).hasValueSatisfying(c -> assertThat(c.country()).isEqualTo("GB"));
        assertThat(d.find("paris")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(2988507));
        assertThat(d.find("san francisco")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(5391959));
        assertThat(d.find("Xanadu-on-Sea")).isEmpty();
    }

    @Test
    void aNameOfSeveralCitiesInAUserFilePicksTheMostPopulousThenTheLowestId(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cities.csv");
        Files.writeString(file, "id,name,country,lat,lon,timezone,population\n"
                + "3,Springfield,US,39.8,-89.6,America/Chicago,114000\n"
                + "1,Springfield,US,42.1,-72.6,America/New_York,155000\n"
                + "2,springfield,US,37.2,-93.3,America/Chicago,169000\n"
                + "5,Paris,US,33.7,-95.6,America/Chicago,25000\n"
                + "4,Paris,FR,48.9,2.35,Europe/Paris,25000\n");
        CityDirectory d = CityDirectory.fromFile(file);
        assertThat(d.find("SPRINGFIELD")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(2));
        assertThat(d.find("Paris")).hasValueSatisfying(c -> assertThat(c.country()).isEqualTo("FR"));
    }

    @Test
    void featuredIsTheSimulatorsSampleOf400() {
        CityDirectory d = CityDirectory.bundled();
        List<City> featured = d.featured(400);
        assertThat(featured).hasSize(400).extracting(City::id).isSorted().doesNotHaveDuplicates();
        assertThat(d.featured(400)).isEqualTo(featured);
        assertThat(featured).extracting(City::id).contains(2643743L, 2988507L, 1850147L, 4887398L);
        assertThat(featured).allSatisfy(c -> assertThat(c.population()).isGreaterThanOrEqualTo(300_000));
        Map<String, City> largest = d.all().stream().collect(Collectors.toMap(City::country, c -> c,
                (a, b) -> a.population() > b.population() || a.population() == b.population() && a.id() < b.id() ? a : b));
        for (String country : List.of("GB", "FR", "JP", "US", "BR", "IN", "CN", "NG", "EG", "AU", "AR", "ZA")) {
            assertThat(featured).as("the largest city of " + country).contains(largest.get(country));
        }
        // every country with a city of at least 300,000 has its three largest of those
        Map<String, List<City>> big = d.all().stream().filter(c -> c.population() >= 300_000)
                .sorted(Comparator.comparingLong(City::population).reversed().thenComparingLong(City::id))
                .collect(Collectors.groupingBy(City::country));
        big.values().forEach(cities -> assertThat(featured).containsAll(cities.subList(0, Math.min(3, cities.size()))));
        assertThat(featured.stream().map(City::country).distinct().count()).isGreaterThan(140);

        assertThat(d.featured(0)).isEmpty();
        assertThat(d.featured(5)).hasSize(5);
        assertThat(d.featured(30)).isSubsetOf(featured);
    }

    @Test
    void featuredOfAFileWithoutPopulationsIsTheFirstByid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cities.csv");
        Files.writeString(file, "id,name,country,lat,lon,timezone\n9,I,US,1,1,UTC\n7,G,US,1,1,UTC\n8,H,US,1,1,UTC\n");
        assertThat(CityDirectory.fromFile(file).featured(2)).extracting(City::id).containsExactly(7L, 8L);
        assertThat(CityDirectory.fromFile(file).featured(400)).hasSize(3);
    }

    @Test
    void theBundledDirectoryTravelsAsAMarker() throws Exception {
        CityDirectory bundled = CityDirectory.bundled();
        byte[] bytes = serialise(bundled);
        System.out.println("CityDirectoryTest: the bundled directory serialises to " + bytes.length + " bytes");
        assertThat(bytes.length).isLessThan(2048);
        CityDirectory back = deserialise(bytes);
        assertThat(back.isBundled()).isTrue();
        assertThat(back.size()).isEqualTo(bundled.size());
        assertThat(back.find(4164138)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Miami"));
        assertThat(back.find("chicago")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(4887398));
    }

    @Test
    void aUserFilesDirectoryShipsItsCities(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cities.csv");
        Files.writeString(file, "id,name,country,lat,lon,timezone\n1,\"Springfield, IL\",US,39.8,-89.6,America/Chicago\n");
        CityDirectory back = deserialise(serialise(CityDirectory.fromFile(file)));
        assertThat(back.isBundled()).isFalse();
        assertThat(back.size()).isEqualTo(1);
        assertThat(back.find("springfield, il")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(1));
    }

    @Test
    void aUserFileWithOrWithoutPopulationLoads(@TempDir Path dir) throws Exception {
        Path without = dir.resolve("without.csv");
        Files.writeString(without, "# my cities\nid,name,country,lat,lon,timezone\n1,\"Springfield, IL\",US,39.8,-89.6,America/Chicago\n");
        assertThat(CityDirectory.fromFile(without).find(1)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Springfield, IL");
            assertThat(c.population()).isZero();
        });

        Path with = dir.resolve("with.csv");
        Files.writeString(with, "id,name,country,lat,lon,timezone,population\n1,Springfield,US,39.8,-89.6,America/Chicago,114394\n"
                + "2,Nowhere,US,39.8,-89.6,America/Chicago,\n");
        CityDirectory d = CityDirectory.fromFile(with);
        assertThat(d.find(1)).hasValueSatisfying(c -> assertThat(c.population()).isEqualTo(114394));
        assertThat(d.find(2)).hasValueSatisfying(c -> assertThat(c.population()).isZero());
    }

    @Test
    void aBadLineStopsTheLoadNamingTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,name,country,lat,lon,timezone\n1,A,US,39.8,-89.6,America/Chicago\n2,B,US,39.8,-89.6,Mars/Olympus\n");
        assertThatThrownBy(() -> CityDirectory.fromFile(bad)).hasMessageContaining("line 2").hasMessageContaining("Mars/Olympus")
                .hasMessageContaining("(expected id,name,country,lat,lon,timezone)").hasMessageNotContaining("\n");

        Path badPopulation = dir.resolve("bad-population.csv");
        Files.writeString(badPopulation, "id,name,country,lat,lon,timezone,population\n1,A,US,39.8,-89.6,America/Chicago,many\n");
        assertThatThrownBy(() -> CityDirectory.fromFile(badPopulation)).hasMessageContaining("line 1").hasMessageContaining("many");
    }

    private static byte[] serialise(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static CityDirectory deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (CityDirectory) in.readObject();
        }
    }
}
