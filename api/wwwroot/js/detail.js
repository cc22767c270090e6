// A report's detail panel: status, reporter channel, photos, timeline and the nearest available officers;
// for operators, the overrides (each through the reason dialog). The timeline redraws from the command's
// answer at once, and again whenever the hub says the report changed.
import { blobUrl, getJson, postJson } from './api.js';
import { agencyName, currentCity } from './city.js';
import { statusColor } from './colors.js';
import { clockTime, escapeHtml, metres, timeLeft } from './format.js';
import { askAndRun } from './override-dialog.js';
import { ackDueAt } from './queue.js';

const priorities = [[1, 'P1 · highest'], [2, 'P2'], [3, 'P3'], [4, 'P4 · lowest']];

export class DetailPanel {
  constructor(element, { canAct, zoneName, onChanged }) {
    this.element = element;
    this.canAct = canAct;
    this.zoneName = zoneName;
    this.onChanged = onChanged;
    this.reportId = null;
    this.photoUrls = [];
    element.addEventListener('click', event => this.clicked(event));
  }

  async open(id) {
    this.reportId = id;
    this.element.hidden = false;
    this.element.dataset.reportId = id;
    await this.reload();
  }

  close() {
    this.reportId = null;
    this.element.hidden = true;
    delete this.element.dataset.reportId;
  }

  async reload() {
    const id = this.reportId;
    if (!id) return;
    const [report, recommendations] = await Promise.all([
      getJson(`/api/ops/reports/${encodeURIComponent(id)}`),
      getJson(`/api/ops/reports/${encodeURIComponent(id)}/recommendations`, { k: 5 }).catch(() => []),
    ]);
    if (id === this.reportId) this.render(report, recommendations);
  }

  /** Called for every pushed report change: only the open report is read again. */
  reportChanged(id) {
    if (id === this.reportId) this.reload().catch(error => console.warn('Detail refresh failed', error));
  }

  render(report, recommendations) {
    this.report = report;
    this.recommendations = recommendations;
    const ack = ackDueAt({ ...report, updatedAt: report.updatedAt });
    const held = report.officerId !== null && report.officerId !== undefined;
    this.element.querySelector('.detail-body').innerHTML =
      `<header class="detail-head"><h2>${escapeHtml(report.category)} <span class="priority p${report.priority}">P${report.priority}</span></h2>` +
      `<span class="status" data-status="${escapeHtml(report.status)}" style="--status:${statusColor(report.status)}">${escapeHtml(report.status)}</span></header>` +
      `<dl class="facts">` +
      `<dt>Report</dt><dd>${escapeHtml(report.id)}</dd>` +
      `<dt>Agency</dt><dd>${escapeHtml(agencyName(report.agency))}</dd>` +
      `<dt>Zone</dt><dd>${escapeHtml(this.zoneName(report.zoneCode))}</dd>` +
      `<dt>Channel</dt><dd class="channel">${escapeHtml(report.channel)}</dd>` +
      (report.attributes ?? []).map(a => `<dt>${escapeHtml(a.code)}</dt><dd class="attribute">${escapeHtml(a.values.join(', '))}</dd>`).join('') +
      `<dt>Officer</dt><dd class="officer">${escapeHtml(report.officerId ?? '–')}</dd>` +
      `<dt>Received</dt><dd>${clockTime(report.submittedAt)}</dd>` +
      (ack ? `<dt>Ack due</dt><dd class="countdown" data-due="${ack}">${timeLeft(ack)}</dd>` : '') +
      `<dt>SLA</dt><dd class="countdown" data-due="${escapeHtml(report.slaDueAt)}">${timeLeft(report.slaDueAt)}</dd>` +
      `</dl>` +
      `<p class="description">${escapeHtml(report.description)}</p>` +
      (report.duplicateOf ? `<p class="muted">Duplicate of ${escapeHtml(report.duplicateOf)}</p>` : '') +
      `<div class="photos"></div>` +
      (this.canAct ? actionsHtml(held) : '') +
      `<h3>Nearest available officers</h3>` + recommendationsHtml(recommendations, this.canAct, held, this.zoneName) +
      `<h3>Timeline</h3><ol class="timeline">${[...report.timeline].reverse().map(timelineHtml).join('')}</ol>`;
    this.showPhotos(report.photos);
  }

  async showPhotos(photos) {
    this.photoUrls.forEach(url => URL.revokeObjectURL(url));
    this.photoUrls = [];
    const box = this.element.querySelector('.photos');
    for (const name of photos ?? []) {
      try {
        const url = await blobUrl(`/api/photos/${encodeURIComponent(name)}`);
        this.photoUrls.push(url);
        const img = document.createElement('img');
        img.src = url;
        img.alt = `Photo ${name}`;
        box.append(img);
      } catch (error) {
        console.warn('Photo not shown', error);
      }
    }
  }

  clicked(event) {
    if (event.target.closest('.detail-close')) {
      this.close();
      return;
    }
    const button = event.target.closest('button[data-action]');
    if (!button || !this.canAct || !this.report) return;
    const id = encodeURIComponent(this.report.id);
    const run = (title, path, body, fields = [], reasonLabel = 'Reason') => askAndRun({
      title, fields, reasonLabel,
      send: async values => {
        const answer = await postJson(`/api/ops/reports/${id}/${path}`, body(values));
        this.render(answer, this.recommendations);
        this.onChanged(answer);
        return answer;
      },
    });
    const officerId = button.dataset.officerId;
    switch (button.dataset.action) {
      case 'assign':
        return run(`${this.report.officerId ? 'Reassign' : 'Assign'} to ${officerId}`, 'assign', v => ({ officerId, preempt: false, reason: v.reason }));
      case 'reassign':
        return run('Reassign to an officer', 'assign', v => ({ officerId: v.officerId, preempt: v.preempt, reason: v.reason }),
          [{ name: 'officerId', label: 'Officer id' }, { name: 'preempt', label: 'Even if busy with another report', type: 'checkbox' }]);
      case 'unassign':
        return run('Unassign the officer', 'unassign', v => ({ reason: v.reason }));
      case 'cancel':
        return run('Cancel the report', 'cancel', v => ({ reason: v.reason }));
      case 'duplicate':
        return run('Mark as a duplicate', 'duplicate', v => ({ originalId: v.originalId, reason: v.reason }), [{ name: 'originalId', label: 'Original report id' }]);
      case 'priority':
        return run('Change priority', 'priority', v => ({ priority: Number(v.priority), reason: v.reason }),
          [{ name: 'priority', label: 'Priority', type: 'select', options: priorities, value: this.report.priority }]);
      case 'category':
        return run('Change category', 'category', v => ({ category: v.category, reason: v.reason }),
          [{ name: 'category', label: 'Category', type: 'select', options: currentCity().categories.map(c => [c.code, `${c.name} (${c.agency})`]), value: this.report.category }]);
      case 'note':
        return run('Add a note', 'notes', v => ({ note: v.reason }), [], 'Note');
      default:
        return undefined;
    }
  }
}

function actionsHtml(held) {
  const button = (action, label, extra = '') => `<button type="button" class="action ${extra}" data-action="${action}">${label}</button>`;
  return `<div class="actions" role="group" aria-label="Overrides">` +
    button('reassign', held ? 'Reassign…' : 'Assign…') +
    (held ? button('unassign', 'Unassign') : '') +
    button('priority', 'Priority…') + button('category', 'Category…') + button('duplicate', 'Duplicate…') +
    button('note', 'Note…') + button('cancel', 'Cancel report', 'danger') + `</div>`;
}

function recommendationsHtml(list, canAct, held, zoneName) {
  if (!list.length) return '<p class="muted">No available officer nearby.</p>';
  return `<table class="recommendations"><tbody>${list.map(r =>
    `<tr data-officer-id="${escapeHtml(r.officerId)}"><td>${escapeHtml(r.officerId)}</td><td>${escapeHtml(zoneName(r.zoneCode))}</td>` +
    `<td class="num">${metres(r.distanceMetres)}</td>` +
    (canAct ? `<td><button type="button" class="action" data-action="assign" data-officer-id="${escapeHtml(r.officerId)}">${held ? 'Reassign' : 'Assign'}</button></td>` : '') +
    `</tr>`).join('')}</tbody></table>`;
}

function timelineHtml(entry) {
  return `<li data-kind="${escapeHtml(entry.kind)}"><time>${clockTime(entry.at)}</time> <strong>${escapeHtml(entry.kind)}</strong>` +
    ` <span class="muted">by ${escapeHtml(entry.actor)}</span>` +
    (entry.officerId ? ` · ${escapeHtml(entry.officerId)}` : '') +
    (entry.reason ? `<div class="reason">“${escapeHtml(entry.reason)}”</div>` : '') +
    (entry.detail ? `<div class="muted">${escapeHtml(entry.detail)}</div>` : '') + `</li>`;
}
