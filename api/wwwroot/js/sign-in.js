// The sign-in box: username and password for a token; only command-centre staff may open the wall.
import { requestToken } from './api.js';
import { isStaff, saveSession } from './session.js';

export function showSignIn(message, onSignedIn) {
  const section = document.getElementById('sign-in');
  const form = document.getElementById('sign-in-form');
  const feedback = document.getElementById('sign-in-message');
  document.getElementById('wall').hidden = true;
  section.hidden = false;
  feedback.textContent = message ?? '';
  form.password.value = '';
  form.username.focus();
  form.onsubmit = async event => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    feedback.textContent = '';
    try {
      const issued = await requestToken(form.username.value.trim(), form.password.value);
      if (!isStaff(issued.role)) {
        feedback.textContent = `The ${issued.role} account cannot open the Live Room; sign in as command-centre staff.`;
        return;
      }
      saveSession(issued);
      section.hidden = true;
      onSignedIn(issued);
    } catch (error) {
      feedback.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  };
}
