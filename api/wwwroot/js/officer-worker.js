// The officers' index, off the page's main thread: every officer's latest position and state, grouped by
// supercluster. Positions arrive in batches and only mark the index stale; it is rebuilt at most once per
// rebuild period (at least a second, and twice the last build's time, so a city of 100,000 officers moving
// at once never keeps this worker busy), and the page is sent only what its view shows: clusters and
// single officers, a few hundred items however many officers there are.
/* global Supercluster */
importScripts('../lib/supercluster/supercluster.min.js');

const officers = new Map();
const minRebuildMs = 1000;
let agency = '';
let index = null;
let stale = true;
let builtAt = -Infinity;
let buildMs = 0;
let view = null;
let timer = 0;

self.onmessage = async ({ data }) => {
  switch (data.type) {
    case 'moves':
      data.moves.forEach(move);
      changed();
      break;
    case 'state': {
      const officer = officers.get(data.officerId);
      if (officer) {
        officer.state = data.state;
        if (data.agency) officer.agency = data.agency;
        changed();
      }
      break;
    }
    case 'agency':
      agency = data.agency;
      stale = true;
      answer(true);
      break;
    case 'view':
      view = data;
      answer(false);
      break;
    case 'expand':
      self.postMessage({ type: 'expand', lat: data.lat, lon: data.lon, zoom: expansionZoom(data.clusterId, data.zoom) });
      break;
    case 'snapshot':
      await snapshot(data);
      break;
  }
};

function move({ officerId, agency: code, lat, lon, state }) {
  const officer = officers.get(officerId);
  if (officer) {
    officer.lat = lat;
    officer.lon = lon;
    if (code) officer.agency = code;
    if (state) officer.state = state;
  } else {
    officers.set(officerId, { id: officerId, agency: code, lat, lon, state: state ?? 'available' });
  }
}

/** The REST snapshot, fetched and parsed here: megabytes of JSON at city scale, none of it on the page's thread. */
async function snapshot({ url, token, request }) {
  try {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    if (!response.ok) {
      self.postMessage({ type: 'snapshot', request, status: response.status });
      return;
    }
    const positions = await response.json();
    positions.forEach(o => move({ officerId: o.officerId, agency: o.agency, lat: o.lat, lon: o.lon, state: o.available ? 'available' : 'busy' }));
    self.postMessage({ type: 'snapshot', request, status: response.status, count: positions.length });
    changed();
  } catch (error) {
    self.postMessage({ type: 'snapshot', request, status: 0, error: String(error) });
  }
}

function changed() {
  stale = true;
  if (timer || !view) return;
  const wait = Math.max(0, builtAt + rebuildPeriod() - performance.now());
  timer = setTimeout(() => {
    timer = 0;
    answer(true);
  }, wait);
}

function rebuildPeriod() {
  return Math.max(minRebuildMs, 2 * buildMs);
}

/** Sends the view's clusters; rebuilds first when asked to, or when the index is stale and the period allows. */
function answer(rebuild) {
  if (!view) return;
  const due = performance.now() >= builtAt + rebuildPeriod();
  if (!index || (stale && (rebuild || due))) build();
  else if (stale) changed();
  const items = index.getClusters(view.box, view.zoom).map(item => {
    const [lon, lat] = item.geometry.coordinates;
    const p = item.properties;
    return p.cluster
      ? { cluster: item.id, lat, lon, count: p.point_count, label: p.point_count_abbreviated, available: p.available, busy: p.busy }
      : { id: p.id, lat, lon, state: p.state, agency: p.agency };
  });
  self.postMessage({ type: 'clusters', view: view.request, total: officers.size, shown: index.shown, buildMs, items });
}

function build() {
  const started = performance.now();
  const points = [];
  for (const o of officers.values()) {
    if (agency && o.agency !== agency) continue;
    points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [o.lon, o.lat] }, properties: { id: o.id, state: o.state, agency: o.agency } });
  }
  index = new Supercluster({
    radius: 60,
    maxZoom: 16,
    map: p => ({ available: p.state === 'available' ? 1 : 0, busy: p.state === 'busy' ? 1 : 0 }),
    reduce: (a, b) => { a.available += b.available; a.busy += b.busy; },
  }).load(points);
  index.shown = points.length;
  stale = false;
  builtAt = performance.now();
  buildMs = builtAt - started;
}

/** The zoom at which a cluster falls apart; after a rebuild the id may be gone, then two levels closer. */
function expansionZoom(clusterId, zoom) {
  try {
    return index.getClusterExpansionZoom(clusterId);
  } catch {
    return zoom + 2;
  }
}
