// The citizen's session (kept on the phone) and calls to the API with its token.
const KEY = 'tl-citizen-session';

export function session() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return saved && new Date(saved.expiresAt) > new Date() ? saved : null;
  } catch {
    return null;
  }
}

export function signOut() {
  localStorage.removeItem(KEY);
}

async function problemText(response) {
  try {
    const problem = await response.json();
    const fields = problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
    return fields || problem.detail || problem.title || `${response.status}`;
  } catch {
    return `${response.status}`;
  }
}

export async function signIn(username, password, register) {
  const post = (path) => fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (register) {
    const created = await post('/api/auth/register');
    if (!created.ok) {
      throw new Error(await problemText(created));
    }
  }
  const response = await post('/api/auth/token');
  if (!response.ok) {
    throw new Error(response.status === 401 ? 'Nama pengguna atau kata sandi salah / Wrong username or password.' : await problemText(response));
  }
  const token = await response.json();
  if (token.role !== 'citizen') {
    throw new Error('Halaman ini untuk warga / This page is for citizens.');
  }
  localStorage.setItem(KEY, JSON.stringify(token));
  return token;
}

export class SignedOut extends Error {}

export async function call(path, options = {}) {
  const current = session();
  if (!current) {
    throw new SignedOut();
  }
  const response = await fetch(path, { ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${current.accessToken}` } });
  if (response.status === 401) {
    signOut();
    throw new SignedOut();
  }
  if (!response.ok) {
    throw new Error(await problemText(response));
  }
  return response;
}

export const getJson = async (path) => (await call(path, { headers: { Accept: 'application/json' } })).json();
