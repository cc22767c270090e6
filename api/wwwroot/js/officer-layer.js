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
    this.singles = L.layerGroup().addTo(map);
    this.clusterMarkers = [];
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

  /**
   * Draws the view's answer. Cluster markers are kept and updated in place (position, size, ring, count),
   * so a redraw while positions stream in touches a few hundred elements and creates none.
   */
  draw({ items, total }) {
    const clusters = items.filter(item => item.cluster !== undefined);
    const singles = items.filter(item => item.cluster === undefined);
    clusters.forEach((c, i) => this.placeCluster(i, c));
    for (let i = clusters.length; i < this.clusterMarkers.length; i++) this.layer.removeLayer(this.clusterMarkers[i]);
    this.singles.clearLayers();
    for (const o of singles) {
      this.singles.addLayer(singles.length <= domMarkerLimit ? domMarker(o) : L.circleMarker([o.lat, o.lon], {
        renderer: this.canvas, radius: 4, weight: 1.5, color: agencyColor(o.agency), fillColor: stateColors[o.state], fillOpacity: 0.95,
      }));
    }
    const container = this.map.getContainer();
    container.dataset.officers = String(total);
    container.dataset.officerClusters = String(clusters.length);
    container.dataset.officerDraws = String(Number(container.dataset.officerDraws ?? 0) + 1);
  }

  /** The i-th cluster marker shows cluster c: created once, then moved and repainted. */
  placeCluster(i, c) {
    let marker = this.clusterMarkers[i];
    if (!marker) {
      marker = L.marker([c.lat, c.lon], { icon: L.divIcon({ className: 'officer-cluster', html: '<span class="cluster-ring"><span class="cluster-count"></span></span>' }), keyboard: false });
      marker.on('click', () => this.expand(marker.cluster.cluster, marker.cluster.lat, marker.cluster.lon));
      this.clusterMarkers[i] = marker;
    }
    marker.cluster = c;
    marker.setLatLng([c.lat, c.lon]);
    if (!this.layer.hasLayer(marker)) this.layer.addLayer(marker);
    paintCluster(marker.getElement(), c);
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
function paintCluster(element, c) {
  const size = Math.round(Math.min(64, 26 + Math.sqrt(c.count) * 1.6));
  const available = (c.available / c.count) * 360;
  const busy = available + (c.busy / c.count) * 360;
  Object.assign(element.style, { width: `${size}px`, height: `${size}px`, marginLeft: `${-size / 2}px`, marginTop: `${-size / 2}px` });
  element.title = `${c.count} officers: ${c.available} available, ${c.busy} busy`;
  element.firstChild.style.background =
    `conic-gradient(${stateColors.available} 0 ${available}deg, ${stateColors.busy} ${available}deg ${busy}deg, ${stateColors.offline} ${busy}deg 360deg)`;
  element.firstChild.firstChild.textContent = c.label;
}
