// Small display helpers: times in the city's zone, escaping, short ids.
import { config } from './config.js';

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: config.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

export function clockTime(value) {
  return timeFormat.format(new Date(value));
}

/** Midnight today in the city (WIB, UTC+7), as a UTC ISO timestamp for the `from` filter. */
export function startOfCityDay(now = new Date()) {
  return new Date(`${dateFormat.format(now)}T00:00:00+07:00`).toISOString();
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function shortId(id) {
  return id && id.length > 10 ? `…${id.slice(-8)}` : id ?? '';
}

/** Time left until a deadline, or how late it is: "2h 05m", "late 12m". */
export function timeLeft(due, now = Date.now()) {
  const minutes = Math.round((Date.parse(due) - now) / 60000);
  const span = Math.abs(minutes);
  const text = span >= 60 ? `${Math.floor(span / 60)}h ${String(span % 60).padStart(2, '0')}m` : `${span}m`;
  return minutes < 0 ? `late ${text}` : text;
}

/** Coalesces calls: the action runs once, delayMs after the first call of a burst, however long the burst lasts. */
export function coalesce(action, delayMs) {
  let timer = 0;
  const scheduled = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = 0;
      action();
    }, delayMs);
  };
  scheduled.cancel = () => {
    clearTimeout(timer);
    timer = 0;
  };
  return scheduled;
}
