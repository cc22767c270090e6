// The wall: map, feed, queue and counters, kept live by the hub and refreshed from REST when needed.
import { getJson, SignedOutError } from './api.js';
import { CityMap } from './city-map.js';
import { config } from './config.js';
import { refreshCounters, showOpenCount } from './counters.js';
import { clockTime, coalesce } from './format.js';
import { LiveFeed } from './live-feed.js';
import { LiveHub } from './live-hub.js';
import { OperatorsQueue } from './operators-queue.js';

// One Leaflet map per page: it survives signing out and in again.
let cityMap = null;

const connectionLabels = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Offline' };

export class Wall {
  constructor(session, onSignedOut) {
    this.session = session;
    this.onSignedOut = onSignedOut;
    this.agency = sessionStorage.getItem('tangerang-live.agency') ?? '';
    this.agencies = new Set();
    this.timers = [];
    this.element = document.getElementById('wall');
    this.agencySelect = document.getElementById('agency-filter');
    this.queueStatus = document.getElementById('queue-status');
    this.connection = document.getElementById('connection');
  }

  start() {
    this.element.hidden = false;
    document.getElementById('user').textContent = `${this.session.username} · ${this.session.role}`;
    document.getElementById('sign-out').onclick = () => this.onSignedOut('Signed out.');
    cityMap ??= new CityMap(document.getElementById('map'));
    this.map = cityMap;
    this.map.resize();
    this.map.setAgency(this.agency);
    this.feed = new LiveFeed(document.getElementById('feed'), code => this.map.zoneName(code));
    this.feed.setAgency(this.agency);
    this.queue = new OperatorsQueue(document.getElementById('queue-rows'), document.getElementById('queue-total'), code => this.map.zoneName(code));
    this.refreshZones = coalesce(() => this.guard(this.loadZones()), config.refreshDebounceMs);
    this.refreshLists = coalesce(() => this.guard(Promise.all([this.loadQueue(), refreshCounters(this.agency)])), config.refreshDebounceMs);
    this.agencySelect.onchange = () => this.setAgency(this.agencySelect.value);
    this.queueStatus.onchange = () => this.guard(this.loadQueue());
    this.tick();
    this.timers.push(setInterval(() => this.tick(), 1000));
    this.timers.push(setInterval(() => this.refreshZones(), config.zonesRefreshMs));
    this.timers.push(setInterval(() => this.refreshLists(), config.listsRefreshMs));
    const expiresIn = Date.parse(this.session.expiresAt) - Date.now();
    this.timers.push(setTimeout(() => this.onSignedOut('Your session expired. Please sign in again.'), Math.min(expiresIn, 2 ** 31 - 1)));
    this.hub = new LiveHub({
      complaintChanged: change => this.complaintChanged(change),
      officersMoved: moves => moves.forEach(move => this.map.moveOfficer(move)),
      officerStatusChanged: change => this.officerStatusChanged(change),
      alert: alert => {
        this.feed.alert(alert);
        this.refreshLists();
      },
      zoneCountersChanged: counters => showOpenCount(this.map.updateZoneCounters(counters)),
      resync: () => this.guard(this.loadAll()),
      signedOut: () => this.onSignedOut('Your session expired. Please sign in again.'),
    }, state => this.showConnection(state), this.agency);
    this.hub.start();
  }

  async stop() {
    this.timers.forEach(timer => clearTimeout(timer));
    this.timers = [];
    this.refreshZones?.cancel();
    this.refreshLists?.cancel();
    await this.hub?.stop();
    this.element.hidden = true;
  }

  complaintChanged(change) {
    this.knowAgency(change.agency);
    this.feed.complaintChanged(change);
    this.map.showReport({ id: change.complaintId, status: change.status, agency: change.agency, category: change.category, lat: change.lat, lon: change.lon });
    this.refreshLists();
  }

  officerStatusChanged(change) {
    this.knowAgency(change.agency);
    this.map.setOfficerOnline(change.officerId, change.online);
    this.refreshLists();
  }

  /** Everything from REST: at start and after a reconnect, when pushes may have been missed. */
  async loadAll() {
    await this.loadZones();
    const [positions, board, reports] = await Promise.all([
      getJson('/api/officers/positions'),
      refreshCounters(this.agency),
      getJson('/api/ops/reports', { pageSize: config.mapReportsPageSize }),
      this.loadQueue(),
    ]);
    positions.forEach(officer => this.map.moveOfficer(officer));
    board.officers.forEach(officer => {
      this.knowAgency(officer.agency);
      this.map.setOfficerOnline(officer.officerId, officer.online);
    });
    reports.items.forEach(report => {
      this.knowAgency(report.agency);
      this.map.showReport(report);
    });
    this.feed.seed(reports.items.slice(0, 15));
  }

  async loadZones() {
    showOpenCount(this.map.showZones(await getJson('/api/zones')));
  }

  async loadQueue() {
    const rows = await this.queue.refresh(this.agency, this.queueStatus.value);
    rows.forEach(row => this.knowAgency(row.agency));
  }

  setAgency(agency) {
    this.agency = agency;
    sessionStorage.setItem('tangerang-live.agency', agency);
    this.map.setAgency(agency);
    this.feed.setAgency(agency);
    this.guard(Promise.all([this.hub?.watch(agency), this.loadZones(), this.loadQueue(), refreshCounters(agency)]));
  }

  knowAgency(agency) {
    if (!agency || this.agencies.has(agency)) return;
    this.agencies.add(agency);
    const options = [...this.agencies].sort().map(code => new Option(code, code));
    this.agencySelect.replaceChildren(new Option('All agencies', ''), ...options);
    this.agencySelect.value = this.agency;
  }

  showConnection(state) {
    this.connection.dataset.state = state;
    this.connection.textContent = connectionLabels[state] ?? state;
  }

  tick() {
    document.getElementById('clock').textContent = `${clockTime(Date.now())} WIB`;
  }

  guard(promise) {
    promise.catch(error => {
      if (!(error instanceof SignedOutError)) {
        console.warn('Live Room refresh failed', error);
      }
    });
  }
}
