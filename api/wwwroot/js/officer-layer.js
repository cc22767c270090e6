// Officers on the map at city scale: supercluster groups them into counted circles when zoomed out and lets
// them go as individual dots when zoomed in; only what is in view is drawn. Few dots are DOM markers (each
// carries data-officer-id and data-state), many are circles on one canvas.
import { agencyColor, stateColors } from './colors.js';
import { config } from './config.js';
import { escapeHtml } from './format.js';

const L = window.L;
const Supercluster = window.Supercluster;
const domMarkerLimit = 400;

export class OfficerLayer {
  constructor(map) {
    this.map = map;
    this.officers = new Map();
    this.agency = '';
    this.layer = L.layerGroup().addTo(map);
    this.canvas = L.canvas({ padding: 0.2 });
    this.dirty = true;
    this.timer = 0;
    this.ready = false;
    map.on('moveend zoomend', () => this.draw());
    // Nothing to draw until the map has a view (the zones give it one).
    map.whenReady(() => {
      this.ready = true;
      this.draw();
    });
  }

  /** A position from the snapshot or the hub; the state stays what it was unless given. */
  move({ officerId, agency, lat, lon, state }) {
    const officer = this.officers.get(officerId) ?? { id: officerId, state: 'available' };
    Object.assign(officer, { agency: agency ?? officer.agency, lat, lon });
    if (state) officer.state = state;
    this.officers.set(officerId, officer);
    this.changed();
  }

  setState(officerId, state, agency) {
    const officer = this.officers.get(officerId);
    if (!officer) return;
    officer.state = state;
    if (agency) officer.agency = agency;
    this.changed();
  }

  setAgency(agency) {
    this.agency = agency;
    this.dirty = true;
    this.draw();
  }

  /** Redraws at most every officerRedrawMs, however many moves arrive. */
  changed() {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.draw();
    }, config.officerRedrawMs);
  }

  counts() {
    const counts = { available: 0, busy: 0, offline: 0 };
    for (const o of this.officers.values()) {
      if (!this.agency || o.agency === this.agency) counts[o.state] += 1;
    }
    return counts;
  }

  index() {
    if (!this.dirty && this.clusters) return this.clusters;
    const points = [];
    for (const o of this.officers.values()) {
      if (this.agency && o.agency !== this.agency) continue;
      points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [o.lon, o.lat] }, properties: { id: o.id, state: o.state, agency: o.agency } });
    }
    this.clusters = new Supercluster({
      radius: 60,
      maxZoom: 16,
      map: p => ({ available: p.state === 'available' ? 1 : 0, busy: p.state === 'busy' ? 1 : 0 }),
      reduce: (a, b) => { a.available += b.available; a.busy += b.busy; },
    }).load(points);
    this.dirty = false;
    return this.clusters;
  }

  draw() {
    if (!this.ready) return;
    const bounds = this.map.getBounds();
    const box = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
    const items = this.index().getClusters(box, Math.round(this.map.getZoom()));
    const singles = items.filter(i => !i.properties.cluster);
    const layers = [];
    for (const item of items) {
      const [lon, lat] = item.geometry.coordinates;
      if (item.properties.cluster) {
        layers.push(clusterMarker(item.properties, lat, lon, item.id, this));
      } else if (singles.length <= domMarkerLimit) {
        layers.push(domMarker(item.properties, lat, lon));
      } else {
        const p = item.properties;
        layers.push(L.circleMarker([lat, lon], { renderer: this.canvas, radius: 4, weight: 1.5, color: agencyColor(p.agency), fillColor: stateColors[p.state], fillOpacity: 0.95 }));
      }
    }
    this.layer.clearLayers();
    layers.forEach(layer => this.layer.addLayer(layer));
    this.map.getContainer().dataset.officers = String(this.officers.size);
    this.map.getContainer().dataset.officerClusters = String(items.length - singles.length);
  }
}

function domMarker(p, lat, lon) {
  const icon = L.divIcon({
    className: 'officer-marker',
    iconSize: [16, 16],
    html: `<span class="officer-dot" data-officer-id="${escapeHtml(p.id)}" data-agency="${escapeHtml(p.agency)}" data-state="${p.state}" ` +
      `style="--agency:${agencyColor(p.agency)};--state:${stateColors[p.state]}"></span>`,
  });
  return L.marker([lat, lon], { icon, keyboard: false, title: `${p.id} (${p.agency}) · ${p.state}` });
}

/** A counted circle, its size by count and its ring split by state (available, busy, offline). */
function clusterMarker(p, lat, lon, clusterId, owner) {
  const count = p.point_count;
  const size = Math.round(Math.min(64, 26 + Math.sqrt(count) * 1.6));
  const available = (p.available / count) * 360;
  const busy = available + (p.busy / count) * 360;
  const ring = `conic-gradient(${stateColors.available} 0 ${available}deg, ${stateColors.busy} ${available}deg ${busy}deg, ${stateColors.offline} ${busy}deg 360deg)`;
  const icon = L.divIcon({
    className: 'officer-cluster',
    iconSize: [size, size],
    html: `<span class="cluster-ring" style="background:${ring}"><span class="cluster-count">${p.point_count_abbreviated}</span></span>`,
  });
  const marker = L.marker([lat, lon], { icon, keyboard: false, title: `${count} officers: ${p.available} available, ${p.busy} busy` });
  marker.on('click', () => owner.map.setView([lat, lon], owner.clusters.getClusterExpansionZoom(clusterId)));
  return marker;
}
