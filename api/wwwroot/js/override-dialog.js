// The one dialog every override goes through: the action's own field (if any) and the reason, then the
// command; an error from the server (ProblemDetails) is shown in the dialog, which stays open.
import { escapeHtml } from './format.js';

const dialog = () => document.getElementById('override-dialog');

/**
 * Asks for the reason (and the action's field) and runs send(values) until it succeeds or the operator
 * gives up. field: { name, label, type: 'text'|'select'|'checkbox', options: [[value, label]], value }.
 */
export function askAndRun({ title, fields = [], reasonLabel = 'Reason', send }) {
  const box = dialog();
  const form = box.querySelector('form');
  box.querySelector('.dialog-title').textContent = title;
  box.querySelector('.dialog-fields').innerHTML = fields.map(fieldHtml).join('');
  box.querySelector('.dialog-reason-label').firstChild.textContent = reasonLabel;
  const error = box.querySelector('.dialog-error');
  error.textContent = '';
  form.reason.value = '';
  return new Promise(resolve => {
    const finish = result => {
      form.onsubmit = null;
      box.querySelector('.dialog-cancel').onclick = null;
      box.close();
      resolve(result);
    };
    box.querySelector('.dialog-cancel').onclick = () => finish(null);
    form.onsubmit = async event => {
      event.preventDefault();
      const values = { reason: form.reason.value.trim() };
      for (const f of fields) {
        const input = form.elements[f.name];
        values[f.name] = f.type === 'checkbox' ? input.checked : input.value.trim();
      }
      const confirm = form.querySelector('.dialog-confirm');
      confirm.disabled = true;
      try {
        finish(await send(values));
      } catch (e) {
        error.textContent = e.message;
      } finally {
        confirm.disabled = false;
      }
    };
    box.showModal();
    (form.querySelector('.dialog-fields input, .dialog-fields select') ?? form.reason).focus();
  });
}

function fieldHtml(f) {
  const name = escapeHtml(f.name);
  if (f.type === 'select') {
    const options = f.options.map(([value, label]) =>
      `<option value="${escapeHtml(value)}"${String(value) === String(f.value) ? ' selected' : ''}>${escapeHtml(label)}</option>`).join('');
    return `<label>${escapeHtml(f.label)} <select name="${name}">${options}</select></label>`;
  }
  if (f.type === 'checkbox') {
    return `<label class="check"><input type="checkbox" name="${name}"> ${escapeHtml(f.label)}</label>`;
  }
  return `<label>${escapeHtml(f.label)} <input name="${name}" value="${escapeHtml(f.value ?? '')}" maxlength="64" required></label>`;
}
