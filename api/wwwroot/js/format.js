// Small display helpers: times in the city's time zone (set from the city data), escaping, short ids.
let timeFormat = null;
let hourFormat = null;

export function setTimeZone(timeZone) {
  timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
}

setTimeZone('UTC');

export function clockTime(value) {
  return timeFormat.format(new Date(value));
}

export function shortTime(value) {
  return hourFormat.format(new Date(value));
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function shortId(id) {
  return id && id.length > 10 ? `…${id.slice(-8)}` : id ?? '';
}

/** A span of seconds as "1h 05m", "4m 10s" or "35s". */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Time left until a deadline, or how late it is: "2h 05m", "late 12m 03s". */
export function timeLeft(due, now = Date.now()) {
  const seconds = (Date.parse(due) - now) / 1000;
  return seconds < 0 ? `late ${duration(-seconds)}` : duration(seconds);
}

export function metres(value) {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} km` : `${Math.round(value)} m`;
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
