// The report map: the city's kelurahan as the background (no tile server needed), a tap or the phone's location sets the point.
/* global L */
export class PointPicker {
  constructor(element, city, zones, onPick) {
    this.onPick = onPick;
    this.map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
    L.geoJSON(zones, { style: () => ({ className: 'zone', color: '#7d93b2', weight: 1, fillColor: '#ffffff', fillOpacity: 0.6 }) })
      .bindTooltip((layer) => layer.feature.properties.name)
      .addTo(this.map);
    this.map.fitBounds([[city.minLat, city.minLon], [city.maxLat, city.maxLon]]);
    this.map.on('click', (event) => this.set(event.latlng.lat, event.latlng.lng, 'map'));
    this.marker = null;
  }

  set(lat, lon, source) {
    if (this.marker) {
      this.marker.setLatLng([lat, lon]);
    } else {
      this.marker = L.circleMarker([lat, lon], { radius: 9, color: '#b00020', weight: 3, fillOpacity: 0.5 }).addTo(this.map);
    }
    this.map.panTo([lat, lon]);
    this.onPick(lat, lon, source);
  }

  refresh() {
    this.map.invalidateSize();
  }
}
