// The operators' intake page: a report entered for a caller (call centre, 112, SMS), and the social media triage list.
import { PointPicker } from '/citizen/map.js';
import { send, session, signIn, signOut, SignedOut } from './api.js';
import { TriageList } from './triage.js';

const $ = (id) => document.getElementById(id);
let point = null;
let picker = null;
let triage = null;
let idempotencyKey = newKey();

function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function show(signedIn) {
  $('sign-in-view').hidden = signedIn;
  $('intake-view').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').textContent = signedIn ? session().username : '';
}

async function start() {
  const current = session();
  if (!current || !['operator', 'supervisor', 'admin'].includes(current.role)) {
    show(false);
    return;
  }
  show(true);
  try {
    const [city, zones] = await Promise.all([send('GET', '/api/intake/city'), send('GET', '/api/intake/zones')]);
    $('category').replaceChildren(new Option('choose…', ''), ...city.categories.map((c) => new Option(`${c.name} (${c.agency}, P${c.priority})`, c.code)));
    $('kelurahan-names').replaceChildren(...city.kelurahan.map((name) => new Option(name)));
    picker ??= new PointPicker($('map'), city, zones, (lat, lon) => {
      point = { lat, lon };
      $('point-text').textContent = `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
      $('map').dataset.point = `${lat.toFixed(6)},${lon.toFixed(6)}`;
    });
    triage ??= new TriageList($('triage-rows'), $('triage-error'), city.categories, () => point, (id, source) => {
      $('intake-result').textContent = `Report ${id} created from a ${source} message.`;
    });
    await triage.refresh();
  } catch (error) {
    failed(error, $('intake-error'));
  }
}

function failed(error, target) {
  if (error instanceof SignedOut) {
    show(false);
  } else {
    target.textContent = error.message;
  }
}

function request(form) {
  const value = (name) => form.elements[name].value.trim() || null;
  const body = {
    channel: form.elements.channel.value,
    callerName: value('callerName'),
    callerPhone: value('callerPhone'),
    category: value('category'),
    description: value('description'),
    priority: value('priority') ? Number(value('priority')) : null,
    priorityReason: value('priorityReason'),
  };
  const mode = form.elements.placeMode.value;
  if (mode === 'point') {
    body.location = point;
  } else {
    body[mode] = value(mode) ?? '';
  }
  return body;
}

$('intake-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('intake-error').textContent = '';
  $('intake-result').textContent = '';
  $('intake-submit').disabled = true;
  try {
    const accepted = await send('POST', '/api/ops/intake', request(event.target), { 'Idempotency-Key': idempotencyKey });
    $('intake-result').textContent = `Tracking id ${accepted.trackingId} (${accepted.status}) · ${accepted.place.zoneName}, from the ${accepted.place.resolvedFrom}`;
    $('intake-result').dataset.reportId = accepted.id;
    idempotencyKey = newKey();
    event.target.reset();
  } catch (error) {
    failed(error, $('intake-error'));
  } finally {
    $('intake-submit').disabled = false;
  }
});

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await signIn(event.target.username.value.trim(), event.target.password.value);
    await start();
  } catch (error) {
    $('sign-in-error').textContent = error.message;
  }
});

$('sign-out').addEventListener('click', () => {
  signOut();
  show(false);
});

$('triage-refresh').addEventListener('click', () => triage?.refresh());
setInterval(() => session() && triage?.refresh(), 15000);
start();
