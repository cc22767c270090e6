// Who is online, offline (seen today, not now) or absent (not seen today), per agency and per zone, from
// the attendance board: one query for the whole roster, no call per officer.
import { getJson } from './api.js';
import { agencyColor, agencyName } from './city.js';
import { escapeHtml } from './format.js';

const zoneRows = 12;

export class AttendanceBoard {
  constructor(agencyBody, zoneBody, zoneName) {
    this.agencyBody = agencyBody;
    this.zoneBody = zoneBody;
    this.zoneName = zoneName;
  }

  async refresh(agency, dayStart) {
    const board = await getJson('/api/attendance-board', { agency });
    const since = Date.parse(dayStart);
    const byAgency = new Map();
    const byZone = new Map();
    const count = (map, key) => map.get(key) ?? map.set(key, { online: 0, offline: 0, absent: 0 }).get(key);
    for (const officer of board.officers) {
      const state = officer.online ? 'online' : officer.lastSeen && Date.parse(officer.lastSeen) >= since ? 'offline' : 'absent';
      count(byAgency, officer.agency)[state] += 1;
      if (officer.zoneCode && state !== 'absent') count(byZone, officer.zoneCode)[state] += 1;
    }
    const total = { online: 0, offline: 0, absent: 0 };
    byAgency.forEach(c => { total.online += c.online; total.offline += c.offline; total.absent += c.absent; });
    const agencyRows = [...byAgency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, c]) =>
      row(`<span class="agency" style="--agency:${agencyColor(code)}">${escapeHtml(agencyName(code))}</span>`, c, code));
    this.agencyBody.replaceChildren(...agencyRows, row('All', total, '', 'total'));
    const zones = [...byZone.entries()].sort(([, a], [, b]) => b.online - a.online || b.offline - a.offline).slice(0, zoneRows);
    this.zoneBody.replaceChildren(...zones.map(([code, c]) => row(escapeHtml(this.zoneName(code)), c, code)));
    const present = total.online + total.offline;
    const roster = board.officers.length;
    document.getElementById('attendance-today').textContent = roster ? `${Math.round((present * 100) / roster)}%` : '–';
    document.getElementById('attendance-detail').textContent = `${present.toLocaleString('en')} of ${roster.toLocaleString('en')}`;
    return total;
  }
}

function row(label, c, key, className = '') {
  const tr = document.createElement('tr');
  if (className) tr.className = className;
  if (key) tr.dataset.key = key;
  tr.innerHTML = `<td>${label}</td><td class="num online">${c.online}</td><td class="num offline">${c.offline}</td><td class="num absent">${c.absent}</td>`;
  return tr;
}
