// Colours of the wall: agencies, report statuses and zone load.
const agencyColors = {
  Dishub: '#4ea8ff',
  DBMSDA: '#c792ea',
  DKP: '#5fd18b',
  SatpolPP: '#ffb347',
  BPBD: '#ff6b6b',
  Dinkes: '#f7f48b',
};
const spare = ['#7fdbda', '#f78fb3', '#b8e994', '#e5c07b'];

export function agencyColor(agency) {
  if (!agencyColors[agency]) {
    const hash = [...String(agency)].reduce((sum, c) => sum + c.charCodeAt(0), 0);
    agencyColors[agency] = spare[hash % spare.length];
  }
  return agencyColors[agency];
}

export const closedStatuses = new Set(['Resolved', 'Duplicate', 'Cancelled']);

export const statusColors = {
  Received: '#9aa8bd',
  Dispatching: '#7fb2ff',
  Queued: '#ffb347',
  Offered: '#4ea8ff',
  Acknowledged: '#36c5f0',
  EnRoute: '#2ec4b6',
  OnScene: '#20bf6b',
  Resolved: '#5fd18b',
  Escalated: '#ff4d4d',
  Duplicate: '#6c7a89',
  Cancelled: '#6c7a89',
};

export function statusColor(status) {
  return statusColors[status] ?? '#9aa8bd';
}

/** Zone fill by open reports; a quiet zone with officers online gets a green tint. */
export function zoneFill(openComplaints, officersOnline) {
  if (openComplaints >= 4) return { color: '#d64545', opacity: 0.6 };
  if (openComplaints >= 2) return { color: '#e07b1a', opacity: 0.5 };
  if (openComplaints === 1) return { color: '#d9b310', opacity: 0.42 };
  if (officersOnline > 0) return { color: '#2e8b57', opacity: 0.32 };
  return { color: '#2a3a52', opacity: 0.35 };
}
