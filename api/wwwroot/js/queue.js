// The operators' queue: open reports by urgency (escalated first, then priority, then the SLA due soonest),
// with acknowledgement and SLA countdowns that tick every second. A row opens the report's detail.
import { getJson } from './api.js';
import { category } from './city.js';
import { agencyColor, closedStatuses, statusColor } from './colors.js';
import { config } from './config.js';
import { escapeHtml, shortId, timeLeft } from './format.js';

const urgency = report => [report.status === 'Escalated' ? 0 : 1, report.priority, Date.parse(report.slaDueAt)];

function byUrgency(a, b) {
  const x = urgency(a);
  const y = urgency(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** When an offered report must be acknowledged: the offer (its last update) plus the category's deadline. */
export function ackDueAt(report) {
  if (report.status !== 'Offered') return null;
  const seconds = category(report.category)?.ackDeadlineSeconds;
  return seconds ? new Date(Date.parse(report.updatedAt) + seconds * 1000).toISOString() : null;
}

export class Queue {
  constructor(rows, total, zoneName, onOpen) {
    this.rows = rows;
    this.total = total;
    this.zoneName = zoneName;
    this.rows.addEventListener('click', event => {
      const row = event.target.closest('tr[data-report-id]');
      if (row) onOpen(row.dataset.reportId);
    });
  }

  async refresh(agency) {
    const page = await getJson('/api/ops/reports', { agency, pageSize: config.queuePageSize });
    const open = page.items.filter(r => !closedStatuses.has(r.status)).sort(byUrgency);
    this.total.textContent = String(open.length);
    this.rows.replaceChildren(...open.map(report => this.row(report)));
    this.tick();
    return page.items;
  }

  row(report) {
    const tr = document.createElement('tr');
    tr.dataset.reportId = report.id;
    tr.dataset.status = report.status;
    tr.classList.toggle('escalated', report.status === 'Escalated');
    const ack = ackDueAt(report);
    tr.innerHTML =
      `<td><span class="priority p${report.priority}">P${report.priority}</span></td>` +
      `<td class="col-id" title="${escapeHtml(report.id)}">${escapeHtml(shortId(report.id))}</td>` +
      `<td title="${escapeHtml(report.description)}"><span class="agency" style="--agency:${agencyColor(report.agency)}">${escapeHtml(report.category)}</span></td>` +
      `<td>${escapeHtml(this.zoneName(report.zoneCode))}</td>` +
      `<td><span class="status" style="--status:${statusColor(report.status)}">${escapeHtml(report.status)}</span></td>` +
      `<td class="col-officer" title="${escapeHtml(report.officerId ?? '')}">${escapeHtml(report.officerId ?? '–')}</td>` +
      `<td class="countdown" ${ack ? `data-due="${ack}"` : ''}>–</td>` +
      `<td class="countdown" data-due="${escapeHtml(report.slaDueAt)}">–</td>`;
    return tr;
  }

  /** Countdowns: late ones turn red. */
  tick(now = Date.now()) {
    for (const cell of this.rows.querySelectorAll('td[data-due]')) {
      cell.textContent = timeLeft(cell.dataset.due, now);
      cell.classList.toggle('late', Date.parse(cell.dataset.due) < now);
    }
  }
}
