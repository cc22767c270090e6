// The operator's session (the Live Room's, for this tab) and API calls with its token; problems become readable errors.
const storageKey = 'tangerang-live.session';

export const session = () => {
  const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  return saved && Date.parse(saved.expiresAt) > Date.now() ? saved : null;
};

export const signOut = () => sessionStorage.removeItem(storageKey);

export class SignedOut extends Error {}

async function problemText(response) {
  try {
    const problem = await response.json();
    if (problem.errors) {
      return Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join(' · ');
    }
    return problem.detail ?? problem.title ?? String(response.status);
  } catch {
    return String(response.status);
  }
}

export async function signIn(username, password) {
  const response = await fetch('/api/auth/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    throw new Error(response.status === 401 ? 'Unknown username or wrong password.' : await problemText(response));
  }
  const issued = await response.json();
  if (!['operator', 'supervisor', 'admin'].includes(issued.role)) {
    throw new Error('Intake is for operators and supervisors.');
  }
  sessionStorage.setItem(storageKey, JSON.stringify(issued));
  return issued;
}

export async function send(method, path, body, headers = {}) {
  const current = session();
  if (!current) {
    throw new SignedOut();
  }
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${current.accessToken}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    signOut();
    throw new SignedOut();
  }
  if (!response.ok) {
    throw new Error(await problemText(response));
  }
  return response.json();
}
