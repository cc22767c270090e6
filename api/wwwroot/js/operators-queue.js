// The operators' queue: the newest reports from the query model, filtered by agency and status.
import { getJson } from './api.js';
import { config } from './config.js';
import { agencyColor, closedStatuses, statusColor } from './colors.js';
import { clockTime, escapeHtml, shortId, timeLeft } from './format.js';

export class OperatorsQueue {
  constructor(rows, total, zoneName) {
    this.rows = rows;
    this.total = total;
    this.zoneName = zoneName;
  }

  async refresh(agency, status) {
    const page = await getJson('/api/ops/reports', { agency, status, pageSize: config.queuePageSize });
    this.total.textContent = `(${page.total})`;
    const now = Date.now();
    this.rows.replaceChildren(...page.items.map(report => this.row(report, now)));
    return page.items;
  }

  row(report, now) {
    const tr = document.createElement('tr');
    tr.dataset.reportId = report.id;
    const overdue = !closedStatuses.has(report.status) && Date.parse(report.slaDueAt) < now;
    tr.classList.toggle('overdue', overdue);
    tr.classList.toggle('escalated', report.status === 'Escalated');
    tr.innerHTML =
      `<td>${clockTime(report.submittedAt)}</td>` +
      `<td title="${escapeHtml(report.id)}">${escapeHtml(shortId(report.id))}</td>` +
      `<td title="${escapeHtml(report.description)}">${escapeHtml(report.category)}</td>` +
      `<td><span class="agency" style="--agency:${agencyColor(report.agency)}">${escapeHtml(report.agency)}</span></td>` +
      `<td title="${escapeHtml(report.zoneCode)}">${escapeHtml(this.zoneName(report.zoneCode))}</td>` +
      `<td><span class="status" style="--status:${statusColor(report.status)}">${escapeHtml(report.status)}</span></td>` +
      `<td>${escapeHtml(report.officerId ?? '–')}</td>` +
      `<td class="${overdue ? 'late' : ''}" title="due ${clockTime(report.slaDueAt)}">${closedStatuses.has(report.status) ? '–' : timeLeft(report.slaDueAt, now)}</td>`;
    return tr;
  }
}
