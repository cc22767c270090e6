// Colours of the wall that are display choices, not city facts: report statuses, officer states, zone load.
export { agencyColor } from './city.js';

export const closedStatuses = new Set(['Resolved', 'Duplicate', 'Cancelled']);
export const heldStatuses = new Set(['Offered', 'Acknowledged', 'EnRoute', 'OnScene']);

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

/** Officer states on the map: free to take a report, holding one, or not heard from. */
export const stateColors = { available: '#5fd18b', busy: '#ff9f1c', offline: '#6c7a89' };

export function officerState(duty, online = true) {
  if (!online || duty === 'OffDuty') return 'offline';
  return duty === 'Available' || duty === undefined ? 'available' : 'busy';
}

/** Zone fill by open reports; a quiet zone with officers online gets a green tint. */
export function zoneFill(openComplaints, officersOnline) {
  if (openComplaints >= 4) return { color: '#d64545', opacity: 0.6 };
  if (openComplaints >= 2) return { color: '#e07b1a', opacity: 0.5 };
  if (openComplaints === 1) return { color: '#d9b310', opacity: 0.42 };
  if (officersOnline > 0) return { color: '#2e8b57', opacity: 0.28 };
  return { color: '#2a3a52', opacity: 0.35 };
}
