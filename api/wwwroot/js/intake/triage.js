// The triage list: social messages waiting for an operator, each made into a report or dismissed with a reason.
import { send } from './api.js';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

function cell(...children) {
  const td = document.createElement('td');
  td.append(...children);
  return td;
}

function element(tag, properties = {}) {
  return Object.assign(document.createElement(tag), properties);
}

export class TriageList {
  constructor(body, errors, categories, currentPoint, onReported) {
    this.body = body;
    this.errors = errors;
    this.categories = categories;
    this.currentPoint = currentPoint;
    this.onReported = onReported;
  }

  async refresh() {
    try {
      const items = await send('GET', '/api/ops/triage');
      this.body.replaceChildren(...items.map((item) => this.row(item)));
      this.body.dataset.count = String(items.length);
      this.errors.textContent = '';
    } catch (error) {
      this.errors.textContent = error.message;
    }
  }

  row(item) {
    const tr = element('tr');
    tr.dataset.triageId = String(item.id);
    const text = element('div', { textContent: item.text || '(no text)' });
    const photos = item.photoUrls.map((url, i) => element('a', { href: url, textContent: `photo ${i + 1}`, target: '_blank', rel: 'noopener noreferrer' }));
    const where = item.lat != null ? element('div', { className: 'hint', textContent: `at ${item.lat.toFixed(5)}, ${item.lon.toFixed(5)}` }) : '';
    const category = element('select', { name: 'category' });
    category.append(new Option('category…', ''), ...this.categories.map((c) => new Option(c.name, c.code)));
    const kelurahan = element('input', { name: 'kelurahan', placeholder: 'kelurahan (or map point)' });
    kelurahan.setAttribute('list', 'kelurahan-names');
    const make = element('button', { type: 'button', textContent: 'Make report' });
    make.addEventListener('click', () => this.report(item, category.value, kelurahan.value.trim()));
    const reason = element('input', { name: 'reason', placeholder: 'reason' });
    const dismiss = element('button', { type: 'button', textContent: 'Dismiss' });
    dismiss.addEventListener('click', () => this.dismiss(item, reason.value.trim()));
    tr.append(
      cell(time.format(new Date(item.receivedAt))),
      cell(item.source),
      cell(`${item.authorName ? `${item.authorName} ` : ''}${item.author}`),
      cell(text, where, ...photos),
      cell(item.triageReason ?? ''),
      cell(category, kelurahan, make),
      cell(reason, dismiss),
    );
    return tr;
  }

  async report(item, category, kelurahan) {
    const point = this.currentPoint();
    const body = { category: category || null };
    if (kelurahan) {
      body.kelurahan = kelurahan;
    } else if (item.lat == null && point) {
      body.location = point;
    }
    try {
      const outcome = await send('POST', `/api/ops/triage/${item.id}/report`, body);
      this.onReported(outcome.reportId, item.source);
      await this.refresh();
    } catch (error) {
      this.errors.textContent = `${item.source} ${item.messageId}: ${error.message}`;
    }
  }

  async dismiss(item, reason) {
    try {
      await send('POST', `/api/ops/triage/${item.id}/dismiss`, { reason });
      await this.refresh();
    } catch (error) {
      this.errors.textContent = `${item.source} ${item.messageId}: ${error.message}`;
    }
  }
}
