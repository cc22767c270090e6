// The city map: kelurahan zones as the base layer shaded by open reports (no tiles unless configured),
// report pins by status and priority, and the officers layer on top.
import { closedStatuses, stateColors, statusColor, zoneFill } from './colors.js';
import { config } from './config.js';
import { escapeHtml } from './format.js';
import { OfficerLayer } from './officer-layer.js';

const L = window.L;

export class CityMap {
  constructor(element, city, onReportClick) {
    this.element = element;
    this.onReportClick = onReportClick;
    this.agency = '';
    this.zones = new Map();
    this.reports = new Map();
    this.map = L.map(element, { zoomControl: true, attributionControl: Boolean(city.tileUrl), zoomSnap: 0.25, preferCanvas: true });
    if (city.tileUrl) {
      L.tileLayer(city.tileUrl, { attribution: city.tileAttribution, maxZoom: 19 }).addTo(this.map);
    }
    this.zoneLayer = L.geoJSON(null, {
      renderer: L.svg(),
      style: () => ({ className: 'zone', color: '#7d93b2', weight: 1, fillColor: '#2a3a52', fillOpacity: 0.35 }),
      onEachFeature: (feature, layer) => this.zones.set(feature.properties.code, layer),
    }).addTo(this.map);
    this.reportLayer = L.layerGroup().addTo(this.map);
    this.officers = new OfficerLayer(this.map);
    this.addLegend();
  }

  /** Draws the zones the first time, then only restyles them with the new counters. */
  showZones(collection) {
    if (this.zones.size === 0) {
      this.zoneLayer.addData(collection);
      this.fit();
      this.element.dataset.zones = String(this.zones.size);
    }
    for (const feature of collection.features) {
      const layer = this.zones.get(feature.properties.code);
      if (layer) this.styleZone(layer, feature.properties);
    }
  }

  styleZone(layer, p) {
    const online = this.agency ? (p.onlineByAgency?.[this.agency] ?? 0) : (p.officersOnline ?? 0);
    const fill = zoneFill(p.openComplaints ?? 0, online);
    layer.setStyle({ fillColor: fill.color, fillOpacity: fill.opacity });
    layer.unbindTooltip();
    layer.bindTooltip(
      `<strong>${escapeHtml(p.name)}</strong> · ${escapeHtml(p.kecamatan)}<br>` +
      `Open reports: ${p.openComplaints ?? 0} · Officers online: ${online}`,
      { sticky: true, className: 'zone-tooltip' });
  }

  fit() {
    if (this.zones.size > 0) this.map.fitBounds(this.zoneLayer.getBounds(), { padding: [8, 8] });
  }

  /** One zone's pushed counters: restyles that zone only. */
  updateZoneCounters(counters) {
    const layer = this.zones.get(counters.zoneCode);
    if (!layer) return;
    Object.assign(layer.feature.properties, {
      officersOnline: counters.officersOnline,
      officersAvailable: counters.officersAvailable,
      openComplaints: counters.openComplaints,
      onlineByAgency: counters.onlineByAgency,
    });
    this.styleZone(layer, layer.feature.properties);
  }

  zoneName(code) {
    return this.zones.get(code)?.feature.properties.name ?? code ?? '';
  }

  setAgency(agency) {
    this.agency = agency;
    this.officers.setAgency(agency);
    for (const entry of this.reports.values()) this.place(entry);
  }

  /** A report from the list or from a ComplaintChanged event; closed ones fade and go after a while. */
  showReport({ id, status, agency, category, priority, lat, lon }) {
    let entry = this.reports.get(id);
    if (!entry) {
      const icon = L.divIcon({ className: 'report-marker', iconSize: [22, 22], html: `<span class="report-pin" data-report-id="${escapeHtml(id)}"></span>` });
      entry = { id, marker: L.marker([lat, lon], { icon, keyboard: false, zIndexOffset: 1000 }) };
      entry.marker.on('click', () => this.onReportClick(id));
      this.reports.set(id, entry);
    }
    Object.assign(entry, { agency, status, priority: priority ?? entry.priority });
    entry.marker.setLatLng([lat, lon]);
    entry.marker.options.title = `${category} · ${status}`;
    this.place(entry);
    clearTimeout(entry.removal);
    if (closedStatuses.has(status)) {
      entry.removal = setTimeout(() => {
        this.reportLayer.removeLayer(entry.marker);
        this.reports.delete(id);
      }, config.closedReportLingerMs);
    }
  }

  paintReport(entry) {
    const pin = entry.marker.getElement()?.querySelector('.report-pin');
    if (!pin) return;
    pin.style.setProperty('--status', statusColor(entry.status));
    pin.dataset.status = entry.status;
    pin.dataset.priority = String(entry.priority ?? 3);
    pin.classList.toggle('closed', closedStatuses.has(entry.status));
  }

  place(entry) {
    const visible = !this.agency || entry.agency === this.agency;
    if (visible && !this.reportLayer.hasLayer(entry.marker)) {
      this.reportLayer.addLayer(entry.marker);
    } else if (!visible && this.reportLayer.hasLayer(entry.marker)) {
      this.reportLayer.removeLayer(entry.marker);
    }
    if (visible) this.paintReport(entry);
  }

  addLegend() {
    const legend = L.control({ position: 'bottomleft' });
    legend.onAdd = () => {
      const div = L.DomUtil.create('div', 'map-legend');
      div.innerHTML =
        '<div><span class="swatch" style="background:#d9b310"></span>1 open <span class="swatch" style="background:#e07b1a"></span>2–3 ' +
        '<span class="swatch" style="background:#d64545"></span>4+ open reports</div>' +
        '<div class="legend-gap"><span class="legend-pin" style="--status:#ff4d4d"></span>escalated ' +
        '<span class="legend-pin" style="--status:#4ea8ff"></span>offered ' +
        '<span class="legend-pin" style="--status:#20bf6b"></span>on scene</div>' +
        `<div><span class="legend-dot" style="--state:${stateColors.available}"></span>available ` +
        `<span class="legend-dot" style="--state:${stateColors.busy}"></span>busy ` +
        `<span class="legend-dot" style="--state:${stateColors.offline}"></span>offline · circles: officers grouped</div>`;
      return div;
    };
    legend.addTo(this.map);
  }

  resize() {
    this.map.invalidateSize();
  }
}
