// The view #stage shows where the stage module cannot draw: no WebGL 2, a
// lost WebGL context, a stage that failed to start (docs/stage.md,
// "Without WebGL"). It says why in the page's language and what the
// student can do, and draws with Canvas 2D the frontier and the points as
// the lesson module computes them (nnstepGo.frontier(), in the stage's
// colours), again whenever the model changed, at most ten times a second.
// The loss curve under the stage (js/stage.js) needs no WebGL and stays.
import { t, onLang } from './i18n.js';
import { color } from './palette.js';
import { el } from './dom.js';

const Y_RANGE = 1.2; // the 1-D curve's y axis, [-1.2, 1.2] as on the stage

// showFallback adds the view to stageEl and returns {reason, remove()}.
// go is window.nnstepGo; reason is nowebgl, lost or failed.
export function showFallback(stageEl, go, reason) {
  const msg = el('div', { class: 'stage-fallback-msg', role: 'note' });
  const canvas = el('canvas', { class: 'stage-fallback-plane', role: 'img' });
  const box = el('div', { class: 'stage-fallback', 'data-stage-fallback': reason }, msg, canvas);
  stageEl.append(box);

  const para = (key, strong) => el('p', {}, strong ? el('strong', { text: t(key) }) : t(key));
  const write = () => {
    msg.replaceChildren(para(`stage.fallback.${reason}`, true), para('stage.fallback.rest'),
      reason === 'lost' ? '' : para('stage.fallback.advice'));
    canvas.setAttribute('aria-label', t('stage.fallback.aria'));
  };
  write();
  let removed = false;
  onLang(() => { if (!removed) write(); });

  // The canvas's size in CSS pixels, from a ResizeObserver (reading it in
  // the loop would force a layout).
  const size = { w: 0, h: 0 };
  const ro = new ResizeObserver((entries) => {
    const r = entries[entries.length - 1].contentRect;
    size.w = r.width;
    size.h = r.height;
    drawn = null;
  });
  ro.observe(canvas);

  const image = el('canvas'); // the frontier grid, one pixel per grid point
  let drawn = null; // the version drawn and when
  let raf = 0;
  const frame = (now) => {
    raf = requestAnimationFrame(frame);
    if (drawn && now - drawn.at < 100) return;
    const v = go.stats().version;
    if (drawn && drawn.version === v && now - drawn.at < 1000) return;
    drawn = { version: v, at: now };
    if (size.w > 0 && size.h > 0) paint(go.frontier());
  };
  raf = requestAnimationFrame(frame);

  function paint(f) {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.w * dpr);
    const h = Math.round(size.h * dpr);
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    const c = canvas.getContext('2d');
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.clearRect(0, 0, size.w, size.h);
    const side = Math.min(size.w, size.h);
    const x0 = (size.w - side) / 2;
    const y0 = (size.h - side) / 2;
    const span = f.hi - f.lo;
    let pos; // (x, y) of the data → canvas CSS pixels
    if (f.n > 0) {
      image.width = f.n;
      image.height = f.n;
      image.getContext('2d').putImageData(new ImageData(f.pixels, f.n, f.n), 0, 0);
      c.imageSmoothingEnabled = true;
      c.drawImage(image, x0, y0, side, side);
      pos = (x, y) => [x0 + ((x - f.lo) / span) * side, y0 + ((f.hi - y) / span) * side];
    } else {
      c.fillStyle = color('plane-bg');
      c.fillRect(x0, y0, side, side);
      const yc = (y) => Math.max(-Y_RANGE - 0.1, Math.min(Y_RANGE + 0.1, y));
      pos = (x, y) => [x0 + ((x - f.lo) / span) * side, y0 + ((Y_RANGE - yc(y)) / (2 * Y_RANGE)) * side];
      c.beginPath();
      c.strokeStyle = color('blue');
      c.lineWidth = 2.5;
      let on = false;
      f.curve.forEach((y, k) => {
        if (y === null) { on = false; return; }
        const [px, py] = pos(f.lo + (span * k) / (f.curve.length - 1), y);
        if (on) c.lineTo(px, py); else c.moveTo(px, py);
        on = true;
      });
      c.stroke();
    }
    // Training points are discs with a white ring, test points squares
    // with a dark ring, the chosen example ringed in black: as on the stage.
    const r = Math.max(2.5, Math.min(4, side / 90));
    f.points.forEach((p, j) => {
      const [px, py] = pos(p.x, p.y);
      c.fillStyle = p.color;
      c.lineWidth = 1.2;
      if (p.test) {
        c.fillRect(px - r * 0.8, py - r * 0.8, r * 1.6, r * 1.6);
        c.strokeStyle = color('ink');
        c.strokeRect(px - r * 0.8, py - r * 0.8, r * 1.6, r * 1.6);
        return;
      }
      c.beginPath();
      c.arc(px, py, r, 0, 2 * Math.PI);
      c.fill();
      c.strokeStyle = '#fff';
      c.stroke();
      if (j === f.example) {
        c.beginPath();
        c.arc(px, py, r + 3.5, 0, 2 * Math.PI);
        c.strokeStyle = color('ink');
        c.lineWidth = 2;
        c.stroke();
      }
    });
    c.strokeStyle = color('faint');
    c.lineWidth = 1;
    c.strokeRect(x0 + 0.5, y0 + 0.5, side - 1, side - 1);
  }

  return {
    reason,
    remove() {
      removed = true;
      cancelAnimationFrame(raf);
      ro.disconnect();
      box.remove();
    },
  };
}
