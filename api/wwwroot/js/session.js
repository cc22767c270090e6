// The signed-in operator's token, kept for this browser tab only.
const storageKey = 'tangerang-live.session';

export function loadSession() {
  const text = sessionStorage.getItem(storageKey);
  if (!text) {
    return null;
  }
  const session = JSON.parse(text);
  if (Date.parse(session.expiresAt) <= Date.now()) {
    clearSession();
    return null;
  }
  return session;
}

export function saveSession(issued) {
  sessionStorage.setItem(storageKey, JSON.stringify(issued));
}

export function clearSession() {
  sessionStorage.removeItem(storageKey);
}

export function isStaff(role) {
  return ['operator', 'supervisor', 'admin', 'viewer'].includes(role);
}
