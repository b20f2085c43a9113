// Short WebAudio beeps: no sound file to download. Off until the player turns it on (browsers also require a
// gesture before audio may start, which the toggle is).
let ctx = null, on = false;

export function setOn(value) {
  on = value;
  if (on && !ctx && (window.AudioContext || window.webkitAudioContext)) ctx = new (window.AudioContext || window.webkitAudioContext)();
  if (ctx && ctx.state === 'suspended') ctx.resume();
}

export function isOn() { return on; }

function beep(freq, ms, delay = 0) {
  if (!on || !ctx) return;
  const o = ctx.createOscillator(), g = ctx.createGain(), at = ctx.currentTime + delay / 1000;
  o.type = 'triangle'; o.frequency.value = freq;
  g.gain.setValueAtTime(0.08, at); g.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000);
  o.connect(g).connect(ctx.destination); o.start(at); o.stop(at + ms / 1000);
}

export const cue = {
  bet: () => beep(660, 90),
  roll: () => beep(300, 60),
  win: () => { beep(880, 140); beep(1320, 220, 150); },
  loss: () => beep(220, 260),
};
