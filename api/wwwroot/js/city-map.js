// The city map: kelurahan zones as the base layer (no tiles needed), officers and reports on top.
import { config } from './config.js';
import { agencyColor, closedStatuses, statusColor, zoneFill } from './colors.js';
import { escapeHtml } from './format.js';

const L = window.L;

export class CityMap {
  constructor(element) {
    this.element = element;
    this.agency = '';
    this.zones = new Map();
    this.officers = new Map();
    this.reports = new Map();
    this.map = L.map(element, { zoomControl: true, attributionControl: false, preferCanvas: false, zoomSnap: 0.25 });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(this.map);
    }
    this.zoneLayer = L.geoJSON(null, {
      style: () => ({ className: 'zone', color: '#7d93b2', weight: 1, fillColor: '#2a3a52', fillOpacity: 0.35 }),
      onEachFeature: (feature, layer) => this.zones.set(feature.properties.code, layer),
    }).addTo(this.map);
    this.reportLayer = L.layerGroup().addTo(this.map);
    this.officerLayer = L.layerGroup().addTo(this.map);
    this.addLegend();
  }

  /** Draws the zones the first time, then only restyles them with the new counters. */
  showZones(collection) {
    if (this.zones.size === 0) {
      this.zoneLayer.addData(collection);
      this.map.fitBounds(this.zoneLayer.getBounds(), { padding: [12, 12] });
      this.element.dataset.zones = String(this.zones.size);
    }
    let open = 0;
    for (const feature of collection.features) {
      const p = feature.properties;
      const layer = this.zones.get(p.code);
      if (!layer) continue;
      const online = this.agency ? (p.onlineByAgency?.[this.agency] ?? 0) : (p.officersOnline ?? 0);
      const fill = zoneFill(p.openComplaints ?? 0, online);
      open += p.openComplaints ?? 0;
      layer.setStyle({ fillColor: fill.color, fillOpacity: fill.opacity });
      layer.unbindTooltip();
      layer.bindTooltip(
        `<strong>${escapeHtml(p.name)}</strong> · ${escapeHtml(p.kecamatan)}<br>` +
        `Open reports: ${p.openComplaints ?? 0} · Officers online: ${online}`,
        { sticky: true, className: 'zone-tooltip' });
    }
    return open;
  }

  /** One zone's pushed counters: restyles the zones and returns the open reports in all of them. */
  updateZoneCounters(counters) {
    const layer = this.zones.get(counters.zoneCode);
    if (layer) {
      Object.assign(layer.feature.properties, {
        officersOnline: counters.officersOnline,
        officersAvailable: counters.officersAvailable,
        openComplaints: counters.openComplaints,
        onlineByAgency: counters.onlineByAgency,
      });
    }
    return this.showZones({ features: [...this.zones.values()].map(zone => zone.feature) });
  }

  zoneName(code) {
    return this.zones.get(code)?.feature.properties.name ?? code ?? '';
  }

  setAgency(agency) {
    this.agency = agency;
    for (const entry of this.officers.values()) this.place(this.officerLayer, entry);
    for (const entry of this.reports.values()) this.place(this.reportLayer, entry);
  }

  /** An officer from the positions snapshot, or a move from the hub. */
  moveOfficer({ officerId, agency, lat, lon }) {
    let entry = this.officers.get(officerId);
    if (!entry) {
      const icon = L.divIcon({
        className: 'officer-marker',
        iconSize: [16, 16],
        html: `<span class="officer-dot" data-officer-id="${escapeHtml(officerId)}" data-agency="${escapeHtml(agency)}" style="--agency:${agencyColor(agency)}"></span>`,
      });
      entry = { agency, online: true, marker: L.marker([lat, lon], { icon, keyboard: false, title: `${officerId} (${agency})` }) };
      this.officers.set(officerId, entry);
      this.place(this.officerLayer, entry);
    } else {
      entry.marker.setLatLng([lat, lon]);
    }
    return entry;
  }

  setOfficerOnline(officerId, online) {
    const entry = this.officers.get(officerId);
    if (!entry) return;
    entry.online = online;
    entry.marker.getElement()?.classList.toggle('offline', !online);
  }

  /** A report from the list or from a ComplaintChanged event; closed ones fade and go after a while. */
  showReport({ id, status, agency, category, lat, lon }) {
    let entry = this.reports.get(id);
    if (!entry) {
      const icon = L.divIcon({
        className: 'report-marker',
        iconSize: [18, 18],
        html: `<span class="report-pin" data-report-id="${escapeHtml(id)}"></span>`,
      });
      entry = { agency, marker: L.marker([lat, lon], { icon, keyboard: false, zIndexOffset: 500 }) };
      this.reports.set(id, entry);
      this.place(this.reportLayer, entry);
    }
    entry.agency = agency;
    entry.status = status;
    entry.marker.setLatLng([lat, lon]);
    entry.marker.options.title = `${category} · ${status}`;
    this.paintReport(entry);
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
    pin.classList.toggle('closed', closedStatuses.has(entry.status));
  }

  place(layer, entry) {
    const visible = !this.agency || entry.agency === this.agency;
    if (visible && !layer.hasLayer(entry.marker)) {
      layer.addLayer(entry.marker);
      entry.marker.getElement()?.classList.toggle('offline', entry.online === false);
      if (entry.status) this.paintReport(entry);
    } else if (!visible && layer.hasLayer(entry.marker)) {
      layer.removeLayer(entry.marker);
    }
  }

  addLegend() {
    const legend = L.control({ position: 'bottomleft' });
    legend.onAdd = () => {
      const div = L.DomUtil.create('div', 'map-legend');
      div.innerHTML =
        '<div><span class="swatch" style="background:#d9b310"></span>1 open</div>' +
        '<div><span class="swatch" style="background:#e07b1a"></span>2–3 open</div>' +
        '<div><span class="swatch" style="background:#d64545"></span>4+ open</div>' +
        '<div><span class="swatch" style="background:#2e8b57"></span>quiet, officers online</div>' +
        '<div class="legend-gap"><span class="legend-pin" style="--status:#ff4d4d"></span>escalated ' +
        '<span class="legend-pin" style="--status:#4ea8ff"></span>offered ' +
        '<span class="legend-pin" style="--status:#20bf6b"></span>on scene</div>' +
        '<div><span class="legend-dot"></span>officer (agency colour; grey when offline)</div>';
      return div;
    };
    legend.addTo(this.map);
  }

  resize() {
    this.map.invalidateSize();
  }
}
