// Kappa Pipeline dashboard: reads /api/* every few seconds and draws with Chart.js.
// After each refresh, window.kappaDashboard holds the data shown, the error of each panel (or null) and a
// "rendered" counter; the panels carry the same in data-* attributes (for people and browser tests alike).
'use strict';

const dash = window.kappaDashboard = {
  rendered: 0, keyspace: null, words: null, word: null, weather: null, city: null, pipeline: null, errors: {}
};
const charts = {};
const $ = id => document.getElementById(id);
let refreshMillis = 3000;
let defaultKeyspace = null; // --keyspace of the server, or null: it follows the served version

async function api(path, params) {
  const url = new URL(path, location.href);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  let response;
  try {
    response = await fetch(url, {cache: 'no-store'});
  } catch (e) {
    throw new Error('the dashboard server does not answer (' + e.message + ')');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok || body === null) {
    throw new Error(body && body.error ? body.error : response.status + ' ' + response.statusText + ' from ' + path);
  }
  return body;
}

function showError(panel, error) {
  const message = error ? (error.message || String(error)) : null;
  dash.errors[panel] = message;
  const el = $(panel + '-error');
  el.textContent = message || '';
  el.hidden = !message;
}

const number = n => (n === null || n === undefined) ? '' : Number(n).toLocaleString('en-US');
const fixed1 = n => (n === null || n === undefined) ? '' : Number(n).toFixed(1);
const shortTime = iso => iso ? iso.slice(5, 16).replace('T', ' ') : ''; // "11-22 10:15", UTC
const localTime = t => t ? t.slice(5).replace('T', ' ') : ''; // "11-22 11:15+01:00", the city's own clock

function duration(ms) {
  const s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return h ? h + 'h ' + String(m).padStart(2, '0') + 'm' : m + 'm ' + String(s % 60).padStart(2, '0') + 's';
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text === null || text === undefined ? '' : text;
  if (className) td.className = className;
  return td;
}

/** Draws into a canvas: the chart is made once, then its data replaced. */
function chart(id, config) {
  if (!window.Chart) throw new Error('Chart.js did not load (/vendor/chart.umd.js)');
  const existing = charts[id];
  if (existing) {
    existing.data = config.data;
    existing.update('none');
    return existing;
  }
  config.options = Object.assign({maintainAspectRatio: false, animation: false}, config.options);
  return charts[id] = new Chart($(id), config);
}

// ---- words ----

async function loadWords() {
  try {
    const top = await api('/api/words/top', {keyspace: dash.keyspace, window: $('window-select').value, n: $('top-n').value});
    dash.words = top;
    fillWindows(top.windows);
    $('window-label').textContent = top.window
      ? shortTime(top.window) + ' – ' + shortTime(top.windowEnd) + ' UTC in ' + top.keyspace
      : 'no windows in ' + top.keyspace + ' yet';
    const words = top.words.map(w => w.word), counts = top.words.map(w => w.count);
    chart('words-top-chart', {
      type: 'bar',
      data: {labels: words, datasets: [{label: 'count', data: counts, backgroundColor: '#4f7cff'}]},
      options: {indexAxis: 'y', plugins: {legend: {display: false}}}
    });
    const panel = $('words-panel');
    panel.dataset.window = top.window || '';
    panel.dataset.words = words.join(',');
    panel.dataset.counts = counts.join(',');
    showError('words', null);
  } catch (e) {
    showError('words', e);
  }
}

function fillWindows(windows) {
  const select = $('window-select'), chosen = select.value;
  const wanted = ['latest', ...windows.slice(-500).reverse()];
  if (select.options.length === wanted.length && [...select.options].every((o, i) => o.value === wanted[i])) return;
  select.replaceChildren(...wanted.map(w => new Option(w === 'latest' ? 'latest' : shortTime(w), w)));
  select.value = wanted.includes(chosen) ? chosen : 'latest';
}

async function loadWord() {
  const typed = $('word-input').value.trim();
  const word = typed || (dash.words && dash.words.words.length ? dash.words.words[0].word : '');
  $('word-input').placeholder = word || 'a word';
  if (!word) return;
  try {
    const series = await api('/api/words/word', {keyspace: dash.keyspace, w: word, last: 60});
    dash.word = series;
    chart('word-series-chart', {
      type: 'line',
      data: {
        labels: series.points.map(p => shortTime(p.windowStart)),
        datasets: [{label: series.word, data: series.points.map(p => p.count), borderColor: '#4f7cff', tension: 0.2}]
      },
      options: {scales: {y: {beginAtZero: true}}}
    });
    $('words-panel').dataset.word = series.word;
    showError('word', series.points.length ? null : "'" + series.word + "' has no counts in " + series.keyspace);
  } catch (e) {
    showError('word', e);
  }
}

// ---- weather ----

async function loadWeather() {
  try {
    const latest = await api('/api/weather/latest', {keyspace: dash.keyspace});
    dash.weather = latest;
    const body = $('weather-latest').tBodies[0];
    body.replaceChildren();
    for (const c of latest.cities) {
      const row = body.insertRow();
      row.dataset.testid = 'weather-row';
      row.dataset.cityId = c.cityId;
      cell(row, c.city);
      cell(row, c.country);
      cell(row, fixed1(c.tempC) + ' °C', 'num');
      cell(row, fixed1(c.feelsLikeC) + ' °C', 'num');
      cell(row, fixed1(c.windKmh), 'num');
      cell(row, c.beaufort);
      cell(row, c.compass);
      cell(row, c.condition);
      cell(row, localTime(c.localTime));
      row.addEventListener('click', () => { $('city-select').value = String(c.cityId); loop(); });
    }
    fillCities(latest.cities);
    $('weather-panel').dataset.cities = latest.cities.map(c => c.city).join(',');
    showError('weather', latest.cities.length ? null : 'no weather readings in ' + latest.keyspace + ' yet');
  } catch (e) {
    showError('weather', e);
  }
}

function fillCities(cities) {
  const select = $('city-select'), chosen = select.value;
  const ids = cities.map(c => String(c.cityId));
  if (select.options.length === ids.length && [...select.options].every((o, i) => o.value === ids[i])) return;
  select.replaceChildren(...cities.map(c => new Option(c.city + ' (' + c.country + ')', c.cityId)));
  select.value = ids.includes(chosen) ? chosen : (ids[0] || '');
}

async function loadCity() {
  const id = $('city-select').value;
  if (!id) return;
  try {
    const city = await api('/api/weather/city', {keyspace: dash.keyspace, id: id, last: 72});
    dash.city = city;
    chart('city-chart', {
      type: 'line',
      data: {
        labels: city.readings.map(r => shortTime(r.observedAt)),
        datasets: [
          {label: city.city + ' °C', data: city.readings.map(r => r.tempC), borderColor: '#e8590c', yAxisID: 'y'},
          {label: 'wind km/h', data: city.readings.map(r => r.windKmh), borderColor: '#4f7cff', yAxisID: 'wind'}
        ]
      },
      options: {
        scales: {
          y: {title: {display: true, text: '°C'}},
          wind: {position: 'right', beginAtZero: true, grid: {drawOnChartArea: false}, title: {display: true, text: 'km/h'}}
        }
      }
    });
    const body = $('city-windows').tBodies[0];
    body.replaceChildren();
    for (const w of city.windows.slice().reverse()) {
      const row = body.insertRow();
      cell(row, shortTime(w.windowStart) + ' – ' + shortTime(w.windowEnd).slice(6));
      cell(row, number(w.readings), 'num');
      cell(row, fixed1(w.minTempC), 'num');
      cell(row, fixed1(w.maxTempC), 'num');
      cell(row, fixed1(w.avgTempC), 'num');
      cell(row, fixed1(w.maxWindKmh), 'num');
      cell(row, w.topCondition);
    }
    for (const row of $('weather-latest').tBodies[0].rows) {
      row.classList.toggle('selected', row.dataset.cityId === String(city.cityId));
    }
    $('weather-panel').dataset.city = city.city || '';
    showError('city', city.readings.length ? null : 'no readings of ' + (city.city || city.cityId) + ' in ' + city.keyspace);
  } catch (e) {
    showError('city', e);
  }
}

// ---- pipeline ----

async function loadPipeline() {
  try {
    const p = await api('/api/pipeline');
    dash.pipeline = p;
    const body = $('pipeline-jobs').tBodies[0];
    body.replaceChildren();
    for (const j of p.jobs) {
      const row = body.insertRow();
      row.dataset.testid = 'job-row';
      row.dataset.jobId = j.id;
      row.dataset.state = j.state;
      cell(row, j.name).title = j.id + (j.mode ? ' (' + j.mode + ')' : '');
      cell(row, j.state, 'state state-' + j.state);
      cell(row, j.keyspace);
      const m = j.metrics;
      cell(row, m ? number(m.recordsRead) : '', 'num');
      cell(row, m ? number(m.weatherRead) : '', 'num');
      cell(row, m ? number(m.lateWords) : '', 'num');
      cell(row, m ? number(m.malformedRecords + m.malformedWeather) : '', 'num').title = 'dead letters: words + weather';
      cell(row, m ? number(m.rowsWritten) : '', 'num');
      const sink = cell(row, m ? number(m.cassandraRetries) + ' · ' + number(m.cassandraWritesInFlight) + ' · '
        + (m.cassandraThrottledMillis / 1000).toFixed(1) + ' s' : '', 'num sink');
      sink.dataset.testid = 'sink';
      const behind = cell(row, j.behind !== null ? number(j.behind) : '', 'num');
      behind.dataset.testid = 'behind';
      const lag = cell(row, j.eventTimeLagMillis !== null ? duration(j.eventTimeLagMillis) : '', 'num');
      lag.dataset.testid = 'event-time-lag';
      cell(row, j.durationMillis !== null ? duration(j.durationMillis) : '');
      if (j.error) row.title = j.error;
    }
    if (!p.jobs.length && !p.flinkError) cell(body.insertRow(), 'no jobs on the session cluster at ' + p.flinkUrl).colSpan = 12;
    $('replays').replaceChildren(...p.jobs.filter(j => j.replay).map(replayLine));
    fillVersions(p);
    const panel = $('pipeline-panel');
    panel.dataset.jobs = p.jobs.map(j => j.name + ':' + j.state).join(',');
    panel.dataset.served = p.served || '';
    const errors = [p.flinkError && 'Flink: ' + p.flinkError, p.cassandraError].filter(Boolean);
    showError('pipeline', errors.length ? errors.join(' — ') : null);
  } catch (e) {
    showError('pipeline', e);
  }
}

function replayLine(job) {
  const r = job.replay, line = document.createElement('div');
  line.className = 'replay';
  line.dataset.testid = 'replay-progress';
  line.dataset.jobId = job.id;
  line.dataset.fraction = r.fraction;
  line.dataset.sinkThrottled = r.sinkThrottled;
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = r.fraction;
  line.append('replay into ' + (job.keyspace || job.name) + ' ', bar,
    ' ' + number(r.read) + ' / ' + number(r.total) + ' records (' + (100 * r.fraction).toFixed(1) + ' %), '
    + number(Math.round(r.rate)) + '/s' + (r.etaSeconds !== null ? ', ETA ' + Math.round(r.etaSeconds) + ' s' : '')
    + (r.sinkThrottled >= 0.01 ? ', sink throttled ' + Math.round(100 * r.sinkThrottled) + ' %' : ''));
  return line;
}

function fillVersions(p) {
  const list = $('versions');
  list.replaceChildren();
  for (const v of p.versions) {
    const item = document.createElement('li');
    item.dataset.keyspace = v;
    const link = document.createElement('a');
    link.href = '?keyspace=' + encodeURIComponent(v);
    link.textContent = v;
    link.addEventListener('click', e => { e.preventDefault(); chooseKeyspace(v); });
    item.append(link);
    if (v === p.served) {
      const badge = document.createElement('span');
      badge.className = 'served';
      badge.textContent = p.servedIsDefault ? 'served (default, nothing promoted)' : 'served';
      item.append(badge);
    }
    list.append(item);
  }
  const select = $('keyspace-select');
  const first = defaultKeyspace ? defaultKeyspace + ' (--keyspace)' : 'served: ' + (p.served || '?');
  const wanted = [first, ...p.versions];
  if (dash.keyspace && !p.versions.includes(dash.keyspace)) wanted.push(dash.keyspace);
  const labels = [...select.options].map(o => o.text);
  if (labels.length !== wanted.length || labels.some((l, i) => l !== wanted[i])) {
    select.replaceChildren(...wanted.map((v, i) => new Option(v, i === 0 ? '' : v)));
  }
  select.value = dash.keyspace || '';
}

function chooseKeyspace(keyspace) {
  dash.keyspace = keyspace || null;
  $('keyspace-select').value = keyspace || '';
  $('window-select').value = 'latest';
  loop();
}

// ---- refresh ----

async function refresh() {
  await Promise.all([loadPipeline(), loadWords(), loadWeather()]);
  await Promise.all([loadWord(), loadCity()]); // they default to the top word and the first city
  dash.rendered++;
  document.body.dataset.rendered = dash.rendered;
  $('status').textContent = 'updated ' + new Date().toLocaleTimeString() + ', every ' + refreshMillis / 1000 + ' s';
}

let busy = false, again = false, timer = null;

/** Refreshes now, then every refreshMillis; a call during a refresh makes one more right after it. */
async function loop() {
  clearTimeout(timer);
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  try {
    await refresh();
  } finally {
    busy = false;
  }
  if (again) {
    again = false;
    return loop();
  }
  timer = setTimeout(loop, refreshMillis);
}

async function init() {
  try {
    const config = await api('/api/config');
    refreshMillis = config.refreshMillis;
    defaultKeyspace = config.keyspace;
  } catch (e) {
    $('status').textContent = e.message;
  }
  const params = new URLSearchParams(location.search);
  if (params.get('keyspace')) {
    dash.keyspace = params.get('keyspace');
    $('keyspace-select').append(new Option(dash.keyspace, dash.keyspace));
    $('keyspace-select').value = dash.keyspace;
  }
  if (params.get('word')) $('word-input').value = params.get('word');
  $('keyspace-select').addEventListener('change', e => chooseKeyspace(e.target.value));
  $('window-select').addEventListener('change', loop);
  $('top-n').addEventListener('change', loop);
  $('words-form').addEventListener('submit', e => { e.preventDefault(); loop(); });
  $('word-form').addEventListener('submit', e => { e.preventDefault(); loop(); });
  $('city-select').addEventListener('change', loop);
  loop();
}

init();
