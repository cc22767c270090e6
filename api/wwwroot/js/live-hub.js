// The Live Room hub connection: typed events in, connection state out; it keeps trying until signed out.
import { loadSession } from './session.js';

const signalR = window.signalR;

export class LiveHub {
  constructor(handlers, onState, agency = '') {
    this.handlers = handlers;
    this.agency = agency;
    this.onState = onState;
    this.stopped = false;
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/liveroom?agency=' + encodeURIComponent(agency), { accessTokenFactory: () => loadSession()?.accessToken ?? '' })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => Math.min(15000, 1000 * 2 ** context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    // Handlers must return nothing: SignalR treats a returned value as an answer the server did not ask for.
    const on = (method, handler) => this.connection.on(method, argument => { handler(argument); });
    on('ComplaintChanged', change => handlers.complaintChanged(change));
    on('OfficersMoved', moves => handlers.officersMoved(moves));
    on('OfficerStatusChanged', change => handlers.officerStatusChanged(change));
    on('Alert', alert => handlers.alert(alert));
    on('ZoneCountersChanged', counters => handlers.zoneCountersChanged(counters));
    this.connection.onreconnecting(() => this.onState('reconnecting'));
    this.connection.onreconnected(() => {
      this.onState('connected');
      this.watch(this.agency);
      handlers.resync();
    });
    this.connection.onclose(() => {
      if (!this.stopped) {
        this.onState('disconnected');
        setTimeout(() => this.start(), 3000);
      }
    });
  }

  async start() {
    if (this.stopped) return;
    this.onState('connecting');
    try {
      await this.connection.start();
      this.onState('connected');
      this.handlers.resync();
    } catch (error) {
      if (this.stopped) return;
      if (error?.statusCode === 401 || !loadSession()) {
        this.handlers.signedOut();
        return;
      }
      this.onState('disconnected');
      setTimeout(() => this.start(), 3000);
    }
  }

  get connected() {
    return this.connection.state === signalR.HubConnectionState.Connected;
  }

  /** Positions, report and status changes only for this agency ('' = the whole city). */
  async watch(agency) {
    this.agency = agency;
    if (this.connection.state === signalR.HubConnectionState.Connected) {
      await this.connection.invoke('Watch', agency || null, null);
    }
  }

  async stop() {
    this.stopped = true;
    await this.connection.stop();
  }
}
