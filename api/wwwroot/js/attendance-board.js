// Who is online, offline (heard today, not now) or absent (not heard today), per agency and per zone, from
// /api/live/attendance: counts made by the database, O(agencies + zones) rows however many officers.
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

  async refresh(agency) {
    const board = await getJson('/api/live/attendance', { agency });
    const total = { online: 0, offline: 0, absent: 0 };
    board.byAgency.forEach(c => { total.online += c.online; total.offline += c.offline; total.absent += c.absent; });
    const agencyRows = board.byAgency.map(c =>
      row(`<span class="agency" style="--agency:${agencyColor(c.key)}">${escapeHtml(agencyName(c.key))}</span>`, c, c.key));
    this.agencyBody.replaceChildren(...agencyRows, row('All', total, '', 'total'));
    const zones = [...board.byZone].sort((a, b) => b.online - a.online || b.offline - a.offline).slice(0, zoneRows);
    this.zoneBody.replaceChildren(...zones.map(c => row(escapeHtml(this.zoneName(c.key)), c, c.key)));
    const present = total.online + total.offline;
    const roster = present + total.absent;
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
