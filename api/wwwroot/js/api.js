// REST calls with the bearer token; a 401 means the token expired or was revoked: back to sign-in.
import { clearSession, loadSession } from './session.js';

export class SignedOutError extends Error {}

let signedOutHandler = () => {};

export function onSignedOut(handler) {
  signedOutHandler = handler;
}

function signedOut(message) {
  clearSession();
  signedOutHandler(message);
  return new SignedOutError(message);
}

export async function getJson(path, params = {}) {
  const session = loadSession();
  if (!session) {
    throw signedOut('Your session expired. Please sign in again.');
  }
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  }
  const response = await fetch(url, { headers: { Authorization: `Bearer ${session.accessToken}`, Accept: 'application/json' } });
  if (response.status === 401) {
    throw signedOut('Your session expired. Please sign in again.');
  }
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return response.json();
}

/** A command: JSON in and out; a ProblemDetails answer becomes an Error carrying its message. */
export async function postJson(path, body) {
  const session = loadSession();
  if (!session) {
    throw signedOut('Your session expired. Please sign in again.');
  }
  const response = await fetch(new URL(path, window.location.origin), {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 401) {
    throw signedOut('Your session expired. Please sign in again.');
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const fields = answer?.errors ? Object.values(answer.errors).flat().join(' ') : '';
    throw new Error(fields || answer?.detail || answer?.title || `${path} answered ${response.status}`);
  }
  return answer;
}

/** A protected image (photos need the token): fetched with it and shown through an object URL. */
export async function blobUrl(path) {
  const session = loadSession();
  const response = await fetch(new URL(path, window.location.origin), { headers: { Authorization: `Bearer ${session?.accessToken ?? ''}` } });
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return URL.createObjectURL(await response.blob());
}

export async function requestToken(username, password) {
  const response = await fetch('/api/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status === 401) {
    throw new Error('Unknown username or wrong password.');
  }
  if (response.status === 429) {
    throw new Error('Too many sign-in attempts. Wait a minute and try again.');
  }
  if (!response.ok) {
    throw new Error(`Sign-in failed (${response.status}).`);
  }
  return response.json();
}
