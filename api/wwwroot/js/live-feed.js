// The live feed column: report changes and alerts, newest first, capped.
import { config } from './config.js';
import { agencyColor, statusColor } from './colors.js';
import { clockTime, escapeHtml, shortId } from './format.js';

export class LiveFeed {
  constructor(list, zoneName, onOpen) {
    this.list = list;
    this.zoneName = zoneName;
    this.agency = '';
    list.addEventListener('click', event => {
      const item = event.target.closest('[data-report-id]');
      if (item) onOpen(item.dataset.reportId);
    });
  }

  /** On an empty feed, the latest reports from the list, oldest first, so the column is not blank. */
  seed(reports) {
    if (this.list.children.length > 0) return;
    [...reports].reverse().forEach(r => this.complaintChanged({
      at: r.updatedAt, complaintId: r.id, status: r.status, category: r.category, agency: r.agency, zoneCode: r.zoneCode, officerId: r.officerId,
      channel: r.channel,
    }));
  }

  setAgency(agency) {
    this.agency = agency;
    for (const item of this.list.children) {
      item.hidden = Boolean(agency && item.dataset.agency && item.dataset.agency !== agency);
    }
  }

  complaintChanged(change) {
    const item = document.createElement('li');
    item.className = 'feed-item';
    item.dataset.reportId = change.complaintId;
    item.dataset.agency = change.agency;
    if (change.channel) item.dataset.channel = change.channel;
    item.innerHTML =
      `<time>${clockTime(change.at)}</time>` +
      `<span class="status" style="--status:${statusColor(change.status)}">${escapeHtml(change.status)}</span>` +
      `<span class="what"><span class="agency" style="--agency:${agencyColor(change.agency)}">${escapeHtml(change.agency)}</span> ` +
      `${escapeHtml(change.category)}${change.channel ? ` <span class="channel">${escapeHtml(change.channel)}</span>` : ''}` +
      ` <span class="muted">${escapeHtml(shortId(change.complaintId))}` +
      `${change.zoneCode ? ` · ${escapeHtml(this.zoneName(change.zoneCode))}` : ''}${change.officerId ? ` · ${escapeHtml(change.officerId)}` : ''}</span></span>`;
    this.add(item);
  }

  alert(alert) {
    const item = document.createElement('li');
    item.className = 'feed-item alert';
    if (alert.complaintId) item.dataset.reportId = alert.complaintId;
    item.innerHTML =
      `<time>${clockTime(alert.at)}</time>` +
      `<span class="status alert-kind">${escapeHtml(alert.kind)}</span>` +
      `<span class="what">${escapeHtml(alert.message)}</span>`;
    this.add(item);
  }

  add(item) {
    item.hidden = Boolean(this.agency && item.dataset.agency && item.dataset.agency !== this.agency);
    this.list.prepend(item);
    while (this.list.children.length > config.feedLimit) {
      this.list.lastElementChild.remove();
    }
  }
}
