// How the page is shown: ?mode=wall for the big screen (no controls, large type, rotating panels), the
// phone layout by CSS width, and the role: only operators, supervisors and admins get action controls.
import { config } from './config.js';

export const wallMode = new URLSearchParams(window.location.search).get('mode') === 'wall';

export function canAct(role) {
  return ['operator', 'supervisor', 'admin'].includes(role);
}

export function applyMode(session) {
  document.body.classList.toggle('mode-wall', wallMode);
  document.body.dataset.role = session.role;
  document.getElementById('intake-link').hidden = wallMode || !['operator', 'supervisor'].includes(session.role);
}

/** The side panel's tabs; on the wall they rotate on their own. Returns a stop function. */
export function startTabs() {
  const tabs = [...document.querySelectorAll('.tabs [data-tab]')];
  const show = name => {
    tabs.forEach(tab => tab.setAttribute('aria-selected', String(tab.dataset.tab === name)));
    document.querySelectorAll('.side-panel .tab').forEach(panel => { panel.hidden = panel.dataset.tab !== name; });
  };
  tabs.forEach(tab => { tab.onclick = () => show(tab.dataset.tab); });
  if (!wallMode) return () => {};
  let index = 0;
  const timer = setInterval(() => {
    index = (index + 1) % tabs.length;
    show(tabs[index].dataset.tab);
  }, config.wallRotateMs);
  return () => clearInterval(timer);
}
