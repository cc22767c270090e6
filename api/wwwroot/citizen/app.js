// The citizens' mobile page: sign in or register, report with photos and a point, then follow the report.
import { call, getJson, session, signIn, signOut, SignedOut } from './api.js';
import { PointPicker } from './map.js';
import { downscale } from './photos.js';
import { appendAnswers, showAnswers, showQuestions } from './questions.js';

const $ = (id) => document.getElementById(id);
const views = ['sign-in-view', 'report-view', 'track-view'];
const statusText = {
  Received: 'Diterima / Received', Dispatching: 'Mencari petugas / Finding an officer', Offered: 'Petugas dihubungi / Officer contacted',
  Acknowledged: 'Petugas menerima / Officer accepted', EnRoute: 'Petugas menuju lokasi / Officer on the way', OnScene: 'Petugas di lokasi / Officer arrived',
  Resolved: 'Selesai / Resolved', Queued: 'Dalam antrean / Queued', Escalated: 'Ditangani operator / With the operators', Cancelled: 'Dibatalkan / Cancelled',
  Duplicate: 'Laporan sama sudah ada / Duplicate of an earlier report',
};
let picker = null;
let point = null;
let idempotencyKey = null;
let polling = null;
let categories = new Map();

function show(view) {
  for (const id of views) {
    $(id).hidden = id !== view;
  }
  $('sign-out').hidden = view === 'sign-in-view';
  if (view === 'report-view' && picker) {
    picker.refresh();
  }
}

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function start() {
  if (!session()) {
    show('sign-in-view');
    return;
  }
  try {
    const [city, zones] = await Promise.all([getJson('/api/intake/city'), getJson('/api/intake/zones')]);
    $('city-name').textContent = `Lapor ${city.name}`;
    document.title = `Lapor ${city.name}`;
    const select = $('category');
    select.replaceChildren(new Option('- pilih / choose -', ''), ...city.categories.map((c) => new Option(c.name, c.code)));
    categories = new Map(city.categories.map((c) => [c.code, c]));
    showQuestions($('questions'), null);
    if (!picker) {
      show('report-view');
      picker = new PointPicker($('map'), city, zones, (lat, lon, source) => {
        point = { lat, lon };
        $('location-text').textContent = `${lat.toFixed(5)}, ${lon.toFixed(5)} (${source === 'gps' ? 'GPS' : 'peta / map'})`;
        $('map').dataset.point = `${lat.toFixed(6)},${lon.toFixed(6)}`;
      });
    }
    idempotencyKey = newKey();
    route();
  } catch (error) {
    handle(error, $('report-error'));
  }
}

function route() {
  clearInterval(polling);
  const match = /^#\/track\/(TL-[0-9A-Z]{12})$/.exec(window.location.hash);
  if (match) {
    show('track-view');
    track(match[1]);
    polling = setInterval(() => track(match[1]), 3000);
  } else {
    show('report-view');
    listMine();
  }
}

function handle(error, target) {
  if (error instanceof SignedOut) {
    show('sign-in-view');
    return;
  }
  target.textContent = error.message;
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  $('sign-in-error').textContent = '';
  try {
    await signIn(form.username.value.trim(), form.password.value, event.submitter?.value === 'register');
    form.reset();
    await start();
  } catch (error) {
    $('sign-in-error').textContent = error.message;
  }
});

$('sign-out').addEventListener('click', () => {
  signOut();
  clearInterval(polling);
  show('sign-in-view');
});

$('use-location').addEventListener('click', () => {
  if (!navigator.geolocation) {
    $('location-text').textContent = 'GPS tidak tersedia / No GPS: tap the map';
    return;
  }
  $('location-text').textContent = 'Mencari lokasi… / Locating…';
  navigator.geolocation.getCurrentPosition(
    (position) => picker.set(position.coords.latitude, position.coords.longitude, 'gps'),
    (error) => { $('location-text').textContent = `${error.message}: ketuk peta / tap the map`; },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 },
  );
});

$('category').addEventListener('change', (event) => showQuestions($('questions'), categories.get(event.target.value)));

$('photos').addEventListener('change', (event) => {
  const files = Array.from(event.target.files);
  $('photo-list').textContent = files.length > 3 ? 'Maksimal 3 foto / At most 3 photos' : files.map((f) => f.name).join(', ');
});

$('report-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('report-error').textContent = '';
  const files = Array.from($('photos').files);
  if (!point) {
    $('report-error').textContent = 'Pilih lokasi / Set the location: GPS or tap the map.';
    return;
  }
  if (files.length > 3) {
    $('report-error').textContent = 'Maksimal 3 foto / At most 3 photos.';
    return;
  }
  const body = new FormData();
  body.set('category', $('category').value);
  body.set('description', $('description').value);
  body.set('lat', String(point.lat));
  body.set('lon', String(point.lon));
  body.set('channel', 'web');
  appendAnswers($('questions'), body);
  for (const file of files) {
    const photo = await downscale(file);
    body.append('photos', photo, photo.name);
  }
  $('submit').disabled = true;
  try {
    const response = await call('/api/reports', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
    const accepted = await response.json();
    event.target.reset();
    showQuestions($('questions'), null);
    $('photo-list').textContent = '';
    idempotencyKey = newKey();
    window.location.hash = `#/track/${accepted.id}`;
  } catch (error) {
    handle(error, $('report-error'));
  } finally {
    $('submit').disabled = false;
  }
});

async function listMine() {
  try {
    const page = await getJson('/api/reports?pageSize=20');
    $('my-reports').replaceChildren(...page.items.map((r) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#/track/${r.id}`;
      link.textContent = `${r.id} · ${r.category} · ${statusText[r.status] ?? r.status}`;
      item.append(link);
      return item;
    }));
  } catch (error) {
    handle(error, $('report-error'));
  }
}

async function track(id) {
  try {
    const report = await getJson(`/api/reports/${id}`);
    $('tracking-id').textContent = report.id;
    $('status').textContent = statusText[report.status] ?? report.status;
    $('status').dataset.status = report.status;
    showAnswers($('answers'), categories.get(report.category), report.attributes);
    const arrived = report.timeline.find((t) => t.kind === 'on-scene');
    $('officer').textContent = arrived
      ? `Petugas tiba / Officer arrived: ${new Date(arrived.at).toLocaleTimeString()}`
      : report.officerId ? 'Petugas ditugaskan / An officer is assigned' : '';
    $('timeline').replaceChildren(...report.timeline.map((t) => {
      const item = document.createElement('li');
      item.textContent = `${new Date(t.at).toLocaleString()} · ${t.kind}${t.reason ? ` (${t.reason})` : ''}`;
      return item;
    }));
    await showProof(report.proofPhoto);
  } catch (error) {
    handle(error, $('officer'));
  }
}

async function showProof(reference) {
  const figure = $('proof');
  if (!reference || figure.dataset.reference === reference) {
    figure.hidden = !reference;
    return;
  }
  const blob = await (await call(`/api/photos/${reference.split('/').pop()}`)).blob();
  figure.querySelector('img').src = URL.createObjectURL(blob);
  figure.dataset.reference = reference;
  figure.hidden = false;
}

$('back').addEventListener('click', (event) => {
  event.preventDefault();
  window.location.hash = '';
});

window.addEventListener('hashchange', () => session() && picker && route());
start();
