// Officers on the map at city scale. The index lives in a worker (officer-worker.js): it takes the positions
// (the REST snapshot it fetches itself, and the hub's batches), groups them with supercluster and answers
// the current view with counted circles when zoomed out and single officers when zoomed in. This thread
// only draws what is in view: few singles are DOM markers (each carries data-officer-id and data-state),
// many are circles on one canvas; the clusters are DOM markers, a few hundred at most.
import { agencyColor, stateColors } from './colors.js';
import { escapeHtml } from './format.js';

const L = window.L;
const domMarkerLimit = 400;

export class OfficerLayer {
  constructor(map) {
    this.map = map;
    this.layer = L.layerGroup().addTo(map);
    this.canvas = L.canvas({ padding: 0.2 });
    this.ready = false;
    this.requests = 0;
    this.snapshots = new Map();
    this.worker = new Worker(new URL('./officer-worker.js', import.meta.url));
    this.worker.onmessage = ({ data }) => this.received(data);
    map.on('moveend zoomend', () => this.requestView());
    // Nothing to ask for until the map has a view (the zones give it one).
    map.whenReady(() => {
      this.ready = true;
      this.requestView();
    });
  }

  /** A batch of positions from the hub; each officer's state stays what it was unless given. */
  moveAll(moves) {
    this.worker.postMessage({ type: 'moves', moves });
  }

  setState(officerId, state, agency) {
    this.worker.postMessage({ type: 'state', officerId, state, agency });
  }

  setAgency(agency) {
    this.worker.postMessage({ type: 'agency', agency });
  }

  /** Every on-duty officer's position from REST, fetched and parsed by the worker; resolves with the count. */
  loadSnapshot(accessToken) {
    const request = ++this.requests;
    const url = new URL('/api/officers/positions', window.location.origin).toString();
    return new Promise((resolve, reject) => {
      this.snapshots.set(request, { resolve, reject });
      this.worker.postMessage({ type: 'snapshot', url, token: accessToken, request });
    });
  }

  requestView() {
    if (!this.ready) return;
    const bounds = this.map.getBounds();
    this.worker.postMessage({
      type: 'view',
      request: ++this.requests,
      box: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
      zoom: Math.round(this.map.getZoom()),
    });
  }

  received(data) {
    if (data.type === 'clusters') {
      this.draw(data);
    } else if (data.type === 'expand') {
      this.map.setView([data.lat, data.lon], data.zoom);
    } else if (data.type === 'snapshot') {
      const pending = this.snapshots.get(data.request);
      this.snapshots.delete(data.request);
      if (data.status === 200) pending?.resolve(data.count);
      else pending?.reject(new Error(`/api/officers/positions answered ${data.status} ${data.error ?? ''}`.trim()));
    }
  }

  draw({ items, total }) {
    const singles = items.reduce((n, item) => (item.cluster === undefined ? n + 1 : n), 0);
    const layers = items.map(item => {
      if (item.cluster !== undefined) return clusterMarker(item, this);
      if (singles <= domMarkerLimit) return domMarker(item);
      return L.circleMarker([item.lat, item.lon], {
        renderer: this.canvas, radius: 4, weight: 1.5, color: agencyColor(item.agency), fillColor: stateColors[item.state], fillOpacity: 0.95,
      });
    });
    this.layer.clearLayers();
    layers.forEach(layer => this.layer.addLayer(layer));
    const container = this.map.getContainer();
    container.dataset.officers = String(total);
    container.dataset.officerClusters = String(items.length - singles);
    container.dataset.officerDraws = String(Number(container.dataset.officerDraws ?? 0) + 1);
  }

  expand(clusterId, lat, lon) {
    this.worker.postMessage({ type: 'expand', clusterId, lat, lon, zoom: Math.round(this.map.getZoom()) });
  }
}

function domMarker(o) {
  const icon = L.divIcon({
    className: 'officer-marker',
    iconSize: [16, 16],
    html: `<span class="officer-dot" data-officer-id="${escapeHtml(o.id)}" data-agency="${escapeHtml(o.agency)}" data-state="${o.state}" ` +
      `style="--agency:${agencyColor(o.agency)};--state:${stateColors[o.state]}"></span>`,
  });
  return L.marker([o.lat, o.lon], { icon, keyboard: false, title: `${o.id} (${o.agency}) · ${o.state}` });
}

/** A counted circle, its size by count and its ring split by state (available, busy, offline). */
function clusterMarker(c, owner) {
  const size = Math.round(Math.min(64, 26 + Math.sqrt(c.count) * 1.6));
  const available = (c.available / c.count) * 360;
  const busy = available + (c.busy / c.count) * 360;
  const ring = `conic-gradient(${stateColors.available} 0 ${available}deg, ${stateColors.busy} ${available}deg ${busy}deg, ${stateColors.offline} ${busy}deg 360deg)`;
  const icon = L.divIcon({
    className: 'officer-cluster',
    iconSize: [size, size],
    html: `<span class="cluster-ring" style="background:${ring}"><span class="cluster-count">${c.label}</span></span>`,
  });
  const marker = L.marker([c.lat, c.lon], { icon, keyboard: false, title: `${c.count} officers: ${c.available} available, ${c.busy} busy` });
  marker.on('click', () => owner.expand(c.cluster, c.lat, c.lon));
  return marker;
}
