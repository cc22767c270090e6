// Boots the Live Room: the wall if this tab holds a valid token, the sign-in box otherwise.
import { onSignedOut } from './api.js';
import { clearSession, loadSession } from './session.js';
import { showSignIn } from './sign-in.js';
import { Wall } from './wall.js';

let wall = null;

async function signOut(message) {
  clearSession();
  const current = wall;
  wall = null;
  await current?.stop();
  showSignIn(message, openWall);
}

function openWall(session) {
  wall = new Wall(session, signOut);
  wall.start().catch(error => console.warn('Live Room start failed', error));
}

onSignedOut(message => {
  if (wall) signOut(message);
});

const session = loadSession();
if (session) {
  openWall(session);
} else {
  showSignIn('', openWall);
}
