// The escalation alarm: a short two-tone beep through WebAudio (browsers allow it after the first click
// or key press on the page; until then the alert is only visual).
let audio = null;

function context() {
  audio ??= new AudioContext();
  return audio;
}

export function armAlarm() {
  const unlock = () => context().resume();
  window.addEventListener('pointerdown', unlock, { once: true });
  window.addEventListener('keydown', unlock, { once: true });
}

export function beep() {
  const ctx = context();
  if (ctx.state !== 'running') return;
  [880, 660].forEach((frequency, i) => {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.22);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.22 + 0.2);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(ctx.currentTime + i * 0.22);
    oscillator.stop(ctx.currentTime + i * 0.22 + 0.21);
  });
  document.body.classList.add('alarm');
  setTimeout(() => document.body.classList.remove('alarm'), 3000);
}
