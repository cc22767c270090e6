// The Live Room: map, figures, queue, attendance, feed and detail, kept live by the hub; after every
// (re)connection everything is read again from REST so nothing missed while away stays stale.
import { getJson, SignedOutError } from './api.js';
import { armAlarm, beep } from './alarm.js';
import { AttendanceBoard } from './attendance-board.js';
import { loadCity } from './city.js';
import { CityMap } from './city-map.js';
import { officerState } from './colors.js';
import { config } from './config.js';
import { DetailPanel } from './detail.js';
import { Figures } from './figures.js';
import { clockTime, coalesce, setTimeZone, timeLeft } from './format.js';
import { LiveFeed } from './live-feed.js';
import { LiveHub } from './live-hub.js';
import { applyMode, canAct, startTabs } from './modes.js';
import { loadSession } from './session.js';
import { Queue } from './queue.js';

const connectionLabels = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Offline' };
const byId = id => document.getElementById(id);

// One Leaflet map per page: it survives signing out and in again.
let cityMap = null;

export class Wall {
  constructor(session, onSignedOut) {
    this.session = session;
    this.onSignedOut = onSignedOut;
    this.agency = sessionStorage.getItem('tangerang-live.agency') ?? '';
    this.timers = [];
  }

  async start() {
    byId('wall').hidden = false;
    applyMode(this.session);
    armAlarm();
    byId('user').textContent = `${this.session.username} · ${this.session.role}`;
    byId('sign-out').onclick = () => this.onSignedOut('Signed out.');
    const city = await loadCity();
    setTimeZone(city.timeZone);
    byId('city-name').textContent = city.name;
    this.fillAgencies(city.agencies);
    const zoneName = code => this.map.zoneName(code);
    cityMap ??= new CityMap(byId('map'), city, id => this.openReport(id));
    this.map = cityMap;
    this.map.onReportClick = id => this.openReport(id);
    this.map.resize();
    this.map.setAgency(this.agency);
    this.feed = new LiveFeed(byId('feed'), zoneName, id => this.openReport(id));
    this.feed.setAgency(this.agency);
    this.queue = new Queue(byId('queue-rows'), byId('queue-total'), zoneName, id => this.openReport(id));
    this.figures = new Figures(byId('hours-chart'));
    this.board = new AttendanceBoard(byId('board-agencies'), byId('board-zones'), zoneName);
    this.detail = new DetailPanel(byId('detail'), { canAct: canAct(this.session.role), zoneName, onChanged: () => this.refreshLists() });
    this.refreshZones = coalesce(() => this.guard(this.loadZones()), config.refreshDebounceMs);
    this.refreshLists = coalesce(() => this.guard(this.loadLists()), config.refreshDebounceMs);
    this.timers.push(startTabs());
    this.tick();
    this.timers.push(interval(() => this.tick(), 1000));
    // Periodic reads only while live: when the hub is away, the catch-up on reconnection reads everything.
    this.timers.push(interval(() => this.hub?.connected && this.refreshZones(), config.zonesRefreshMs));
    this.timers.push(interval(() => this.hub?.connected && this.refreshLists(), config.listsRefreshMs));
    const expiresIn = Date.parse(this.session.expiresAt) - Date.now();
    const expiry = setTimeout(() => this.onSignedOut('Your session expired. Please sign in again.'), Math.min(expiresIn, 2 ** 31 - 1));
    this.timers.push(() => clearTimeout(expiry));
    this.hub = new LiveHub({
      complaintChanged: change => this.complaintChanged(change),
      officersMoved: moves => this.map.officers.moveAll(moves),
      officerStatusChanged: change => this.officerStatusChanged(change),
      alert: alert => this.alert(alert),
      zoneCountersChanged: counters => this.map.updateZoneCounters(counters),
      resync: () => this.guard(this.loadAll()),
      signedOut: () => this.onSignedOut('Your session expired. Please sign in again.'),
    }, state => this.showConnection(state), this.agency);
    this.hub.start();
  }

  async stop() {
    this.timers.forEach(stop => stop());
    this.timers = [];
    this.refreshZones?.cancel();
    this.refreshLists?.cancel();
    this.detail?.close();
    await this.hub?.stop();
    byId('wall').hidden = true;
  }

  openReport(id) {
    this.guard(this.detail.open(id));
  }

  complaintChanged(change) {
    this.feed.complaintChanged(change);
    this.map.showReport({ id: change.complaintId, status: change.status, agency: change.agency, category: change.category, priority: change.priority, lat: change.lat, lon: change.lon });
    this.detail.reportChanged(change.complaintId);
    this.refreshLists();
  }

  officerStatusChanged(change) {
    this.map.officers.setState(change.officerId, officerState(change.duty, change.online), change.agency);
    this.refreshLists();
  }

  alert(alert) {
    this.feed.alert(alert);
    if (alert.kind === 'escalated') beep();
    this.refreshLists();
  }

  /** Everything from REST: at start and after every reconnection, when pushes may have been missed. */
  async loadAll() {
    const [, , reports] = await Promise.all([
      this.loadZones(),
      this.map.officers.loadSnapshot(loadSession()?.accessToken ?? ''),
      getJson('/api/ops/reports', { pageSize: config.mapReportsPageSize }),
      this.loadLists(),
    ]);
    reports.items.forEach(report => this.map.showReport(report));
    this.feed.seed(reports.items.slice(0, 15));
    this.detail.reportChanged(this.detail.reportId);
    byId('wall').dataset.synced = String(Date.now());
  }

  async loadZones() {
    this.map.showZones(await getJson('/api/zones'));
  }

  async loadLists() {
    await Promise.all([this.figures.refresh(this.agency), this.queue.refresh(this.agency), this.board.refresh(this.agency)]);
  }

  fillAgencies(agencies) {
    const select = byId('agency-filter');
    select.replaceChildren(new Option('All agencies', ''), ...agencies.map(a => new Option(a.name, a.code)));
    select.value = this.agency;
    select.onchange = () => this.setAgency(select.value);
  }

  setAgency(agency) {
    this.agency = agency;
    sessionStorage.setItem('tangerang-live.agency', agency);
    this.map.setAgency(agency);
    this.feed.setAgency(agency);
    this.guard(Promise.all([this.hub?.watch(agency), this.loadZones(), this.loadLists()]));
  }

  showConnection(state) {
    const connection = byId('connection');
    connection.dataset.state = state;
    connection.textContent = connectionLabels[state] ?? state;
    byId('reconnect-banner').hidden = state === 'connected' || state === 'connecting';
  }

  tick() {
    byId('clock').textContent = clockTime(Date.now());
    this.queue?.tick();
    for (const cell of document.querySelectorAll('#detail [data-due]')) {
      cell.textContent = timeLeft(cell.dataset.due);
    }
  }

  guard(promise) {
    promise.catch(error => {
      if (!(error instanceof SignedOutError)) {
        console.warn('Live Room refresh failed', error);
      }
    });
  }
}

function interval(action, ms) {
  const timer = setInterval(action, ms);
  return () => clearInterval(timer);
}
