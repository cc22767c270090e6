// The counters: reports escalated and resolved today (ops list totals), officers per agency (attendance board).
import { getJson } from './api.js';
import { agencyColor } from './colors.js';
import { escapeHtml, startOfCityDay } from './format.js';

const byId = id => document.getElementById(id);

async function total(params) {
  return (await getJson('/api/ops/reports', { ...params, pageSize: 1 })).total;
}

export async function refreshCounters(agency) {
  const from = startOfCityDay();
  const [escalated, resolved, received, board] = await Promise.all([
    total({ agency, status: 'Escalated' }),
    total({ agency, status: 'Resolved', from }),
    total({ agency, from }),
    getJson('/api/attendance-board', { agency }),
  ]);
  byId('count-escalated').textContent = escalated;
  byId('count-resolved').textContent = resolved;
  byId('count-received').textContent = received;
  const rows = board.byAgency.map(count => {
    const tr = document.createElement('tr');
    tr.innerHTML =
      `<td><span class="agency" style="--agency:${agencyColor(count.key)}">${escapeHtml(count.key)}</span></td>` +
      `<td class="num online">${count.online}</td><td class="num offline">${count.offline}</td>`;
    return tr;
  });
  const sum = document.createElement('tr');
  sum.className = 'total';
  sum.innerHTML = `<td>All</td><td class="num online">${board.online}</td><td class="num offline">${board.offline}</td>`;
  byId('officer-counts').replaceChildren(...rows, sum);
  return board;
}

export function showOpenCount(open) {
  byId('count-open').textContent = open;
}
