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
