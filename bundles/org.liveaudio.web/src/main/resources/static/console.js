// The console's page: live updates from /api/events (Server-Sent Events), changes through the JSON API with the
// session's CSRF token. Everything that came from the network goes into the page as text, never as markup: a
// listener's CNAME or a file's title is anyone's to choose.
'use strict';

const HISTORY = 300; // points per chart: five minutes of one update a second
let csrfToken = null;
let lastStats = null;
const series = { time: [], rate: [], loss: [], jitter: [] };
const charts = {};

const $ = (id) => document.getElementById(id);

function text(id, value) {
  $(id).textContent = value === null || value === undefined || value === '' ? '–' : String(value);
}

function message(line) {
  $('message').textContent = line || '';
}

function cell(row, value) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '–' : String(value);
  row.appendChild(td);
}

function fixed(value, digits) {
  return value === null || value === undefined ? null : Number(value).toFixed(digits);
}

function duration(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + s + ' s';
}

async function call(path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch('api/' + path, {
    method: 'POST', headers, body: JSON.stringify(body || {}), credentials: 'same-origin', cache: 'no-store',
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.error || response.status + ' ' + response.statusText);
  }
  return answer;
}

async function act(path, body) {
  try {
    await call(path, body);
    message('');
  } catch (e) {
    message(e.message);
  }
}

function showLogin(loggedIn) {
  $('login').hidden = loggedIn;
  $('logout').hidden = !loggedIn;
}

async function login(event) {
  event.preventDefault();
  try {
    const answer = await call('login', { password: $('password').value });
    csrfToken = answer.csrfToken;
    $('password').value = '';
    showLogin(true);
    message('');
  } catch (e) {
    message(e.message);
  }
}

async function logout() {
  await act('logout');
  csrfToken = null;
  showLogin(false);
}

async function session() {
  const response = await fetch('api/session', { credentials: 'same-origin', cache: 'no-store' });
  if (response.ok) {
    const answer = await response.json();
    csrfToken = answer.loggedIn ? answer.csrfToken : null;
    showLogin(answer.loggedIn);
  }
}

async function loadSources() {
  const response = await fetch('api/sources', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    return;
  }
  const choices = await response.json();
  const select = $('source');
  select.replaceChildren();
  for (const source of choices.sources) {
    select.appendChild(new Option(source, JSON.stringify({ source })));
  }
  for (const file of choices.files) {
    select.appendChild(new Option('file: ' + file, JSON.stringify({ source: 'file', file })));
  }
}

function chart(id, label, color) {
  const options = {
    width: 360, height: 180, legend: { show: false },
    scales: { x: { time: true } },
    series: [{}, { label, stroke: color, width: 1.5 }],
    axes: [{}, { size: 50 }],
  };
  charts[id] = new uPlot(options, [[], []], $(id));
}

function plot(stats, listeners) {
  if (lastStats && stats.atMillis > lastStats.atMillis) {
    const rate = (stats.packetsSent - lastStats.packetsSent) * 1000 / (stats.atMillis - lastStats.atMillis);
    series.time.push(Date.now() / 1000);
    series.rate.push(rate);
    series.loss.push(listeners.length ? Math.max(...listeners.map((l) => l.fractionLost * 100)) : null);
    series.jitter.push(listeners.length ? Math.max(...listeners.map((l) => l.jitterMillis)) : null);
    for (const key of Object.keys(series)) {
      if (series[key].length > HISTORY) {
        series[key].shift();
      }
    }
    charts['chart-rate'].setData([series.time, series.rate]);
    charts['chart-loss'].setData([series.time, series.loss]);
    charts['chart-jitter'].setData([series.time, series.jitter]);
  }
  lastStats = stats;
}

function renderSender(sender) {
  $('sender').hidden = !sender;
  if (!sender) {
    return;
  }
  const { status, stats, listeners } = sender;
  $('state').textContent = status.state;
  $('state').className = 'badge ' + status.state;
  text('title', status.title);
  text('source-now', status.source);
  text('format', status.codec + ', ' + status.frameMicros / 1000 + ' ms frames');
  text('endpoint', status.endpoint + ', TTL ' + status.ttl);
  text('ssrc', status.ssrc);
  text('uptime', duration(status.uptimeSeconds));
  text('packets', stats.packetsSent);
  text('bitrate', (stats.bitsPerSecond / 1000).toFixed(1) + ' kbit/s');
  text('problem', status.problem);
  const served = status.listening;
  text('listening', served && served.clients + ' client(s) of ' + served.path + ', ' + served.state
    + (served.droppedClients ? ', ' + served.droppedClients + ' dropped as too slow' : ''));
  const rows = $('listeners');
  rows.replaceChildren();
  for (const listener of listeners) {
    const row = document.createElement('tr');
    cell(row, listener.ssrc);
    cell(row, listener.cname);
    cell(row, listener.address);
    cell(row, (listener.fractionLost * 100).toFixed(1) + ' %');
    cell(row, listener.cumulativeLost);
    cell(row, listener.lostAfterRepair == null ? '-' : listener.lostAfterRepair);
    cell(row, fixed(listener.jitterMillis, 2));
    cell(row, fixed(listener.roundTripMillis, 2));
    cell(row, fixed(listener.lastSeenSeconds, 1));
    rows.appendChild(row);
  }
  plot(stats, listeners);
}

function facts(title, pairs) {
  const box = document.createElement('div');
  const heading = document.createElement('h4');
  heading.textContent = title;
  const table = document.createElement('table');
  table.className = 'facts';
  for (const [name, value] of pairs) {
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.textContent = name;
    row.appendChild(th);
    cell(row, value);
    table.appendChild(row);
  }
  box.append(heading, table);
  return box;
}

function renderReceivers(receivers) {
  $('receivers').hidden = receivers.length === 0;
  const list = $('receiver-list');
  list.replaceChildren();
  for (const r of receivers) {
    const card = document.createElement('div');
    card.className = 'receiver';
    card.dataset.name = r.name;
    const heading = document.createElement('h3');
    heading.textContent = r.name + ' — ' + r.endpoint + ' (' + r.codec + ', sink ' + r.sink + ')';
    const columns = document.createElement('div');
    columns.className = 'columns';
    const counters = Object.entries(r.counters).sort();
    counters.push(['jitter ms', fixed(r.jitterMillis, 2)], ['buffered frames', r.bufferedFrames],
      ['now playing', r.nowPlaying]);
    columns.append(
      facts('Counters', counters),
      facts('Sync', [['in step', r.sync.inStep ? 'yes' : 'no (own clock)'],
        ['playout delay ms', fixed(r.sync.playoutDelayMillis, 1)],
        ['clock offset ms', fixed(r.sync.clockOffsetMillis, 3)],
        ['round trip ms', fixed(r.sync.roundTripMillis, 3)],
        ['sink drift ppm', fixed(r.sync.sinkDriftPpm, 1)]]),
      facts('Latency (capture to …)', [['frames measured', r.latency.samples],
        ['arrival p50 / p99 / max ms', [r.latency.receiveP50Millis, r.latency.receiveP99Millis,
          r.latency.receiveMaxMillis].map((v) => v.toFixed(2)).join(' / ')],
        ['playout p50 / p99 / max ms', [r.latency.playoutP50Millis, r.latency.playoutP99Millis,
          r.latency.playoutMaxMillis].map((v) => v.toFixed(2)).join(' / ')]]));
    card.append(heading, columns);
    list.appendChild(card);
  }
}

// The player asks for the stream only while listening: stopping drops its connection, so that the sender encodes
// nothing for a page that only shows the console.
function listen() {
  const player = $('player');
  if (player.hidden || player.paused) {
    player.hidden = false;
    player.src = 'stream.opus';
    player.play().catch((e) => message('cannot play the stream: ' + e.message));
    $('listen').textContent = 'Stop listening';
  } else {
    player.pause();
    player.removeAttribute('src');
    player.load();
    $('listen').textContent = 'Listen here';
  }
}

function connect() {
  const events = new EventSource('api/events');
  events.addEventListener('update', (event) => {
    const snapshot = JSON.parse(event.data);
    $('connection').textContent = 'live';
    $('connection').className = 'badge live';
    renderSender(snapshot.sender);
    renderReceivers(snapshot.receivers);
  });
  events.addEventListener('error', () => {
    $('connection').textContent = 'reconnecting';
    $('connection').className = 'badge lost';
  });
}

window.addEventListener('DOMContentLoaded', () => {
  chart('chart-rate', 'packets/s', '#1565c0');
  chart('chart-loss', 'loss %', '#c62828');
  chart('chart-jitter', 'jitter ms', '#6a1b9a');
  $('login').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('pause').addEventListener('click', () => act('pause'));
  $('play').addEventListener('click', () => act('play'));
  $('choose').addEventListener('click', () => act('source', JSON.parse($('source').value)));
  $('listen').addEventListener('click', listen);
  $('player').addEventListener('error', () => message('the stream stopped: '
    + ($('player').error ? $('player').error.message || 'error ' + $('player').error.code : 'error')));
  session().then(loadSources).catch((e) => message(e.message));
  connect();
});
