// util.js: small helpers the lesson's sections share: DOM building, waiting
// for the wasm module, talking to the stage, and drawing plots on a canvas
// from numbers that core computed.
import { t, fmt, lang, onLang, applyI18n } from "../i18n.js";
import { ready, onChange } from "../events.js";
import { colors } from "../palette.js";
import { el } from "../dom.js";

// i18n attributes for el(): {…i18n("key")}, {…i18n("key", vars)}.
export function i18n(key, vars) {
  const a = { "data-i18n": key };
  if (vars) a["data-i18n-vars"] = JSON.stringify(vars);
  return a;
}

// setI18n points an element at another key (and vars) and renders it.
export function setI18n(e, key, vars) {
  e.dataset.i18n = key;
  if (vars) e.dataset.i18nVars = JSON.stringify(vars);
  else delete e.dataset.i18nVars;
  applyI18n(wrap(e));
}

function wrap(e) {
  return { querySelectorAll: (sel) => (e.matches(sel) ? [e, ...e.querySelectorAll(sel)] : e.querySelectorAll(sel)) };
}

// whenReady resolves with window.nnstep once the wasm module runs
// (js/events.js ready, the promise nnstep.ready is). Each call's promise
// resolves in a task of its own: the sections' first computations, one
// promise each, then run one by one with the page free between them (all
// at once they were a long task of half a second after nnstep.ready).
export function whenReady() {
  return ready.then((n) => new Promise((res) => setTimeout(() => res(n), 0)));
}

// followModel calls fn now and after each change of the model
// (js/events.js onChange, while training at most every throttleMs) while
// e is on screen; off screen it listens to nothing.
export function followModel(e, fn, throttleMs) {
  let off = null;
  whenVisible(e, (v) => {
    if (off) off();
    off = null;
    if (v) {
      fn();
      off = onChange(fn, { throttleMs });
    }
  });
}

// go returns the Go bridge (window.nnstepGo).
export function go() {
  return window.nnstepGo;
}

// call invokes a bridge function and throws its {error} as an Error.
export function call(name, ...args) {
  const g = go();
  if (!g || typeof g[name] !== "function") throw new Error(`nnstepGo.${name} is not available`);
  const r = g[name](...args);
  if (r && typeof r === "object" && typeof r.error === "string") throw new Error(r.error);
  return r;
}

// configureStage applies URL-style settings to the stage through the
// page's API when it offers one (it keeps the URL and the controls in
// step), or through the bridge.
export function configureStage(kv) {
  const n = window.nnstep;
  if (n && typeof n.configure === "function") return n.configure(kv);
  return call("configure", kv);
}

export function stagePlay() {
  const n = window.nnstep;
  if (n && typeof n.play === "function") return n.play();
  return call("play");
}

// stagePreset starts a fresh run of a preset on the stage: its settings,
// then the weights re-initialised and the epoch back to 0 (even when the
// settings were already those), then training, which pauses at the
// preset's own stop condition.
export function stagePreset(kv) {
  const n = window.nnstep;
  if (n && typeof n.configure === "function") {
    n.configure(kv);
    n.reset();
    return n.play();
  }
  call("configure", kv);
  call("reset");
  return call("play");
}

// stageNote says where the stage is: in the panel beside the lesson on a
// wide screen, docked at the top of the screen on a narrow one (the two
// texts, one shown by css/lesson.css).
export function stageNote() {
  return el("p", { class: "muted small stage-note" },
    el("span", { class: "wide-only", ...i18n("common.stageNote") }),
    el("span", { class: "narrow-only", ...i18n("common.stageNoteNarrow") }));
}

// presetButtons returns a row of buttons, one per [key, i18n label] of
// labels, each starting a fresh run of presets[key] on the stage
// (stagePreset), every time it is clicked.
// The pressed button is marked with aria-pressed; a failure shows its
// message in errorEl. after(key or null) runs once the attempt is over.
export function presetButtons(ready, presets, labels, errorEl, after) {
  const row = el("div", { class: "btn-row" });
  for (const [key, label] of labels) {
    row.append(el("button", {
      type: "button", class: "btn", "data-preset": key, ...i18n(label),
      onclick: async () => {
        let done = null;
        try {
          await ready;
          await stagePreset(presets[key]);
          done = key;
          errorEl.hidden = true;
          for (const b of row.children) b.setAttribute("aria-pressed", String(b.dataset.preset === key));
        } catch (e) {
          errorEl.hidden = false;
          errorEl.textContent = e.message;
        }
        after(done);
      },
    }));
  }
  return row;
}

export function reducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

// whenVisible calls fn(true/false) as el enters or leaves the viewport.
export function whenVisible(e, fn) {
  if (!("IntersectionObserver" in window)) {
    fn(true);
    return;
  }
  new IntersectionObserver((entries) => {
    for (const x of entries) fn(x.isIntersecting);
  }).observe(e);
}

// firstSeen resolves the first time el comes within 200 px of the
// viewport, or when the page is printed. A demo's first computation waits
// for it as well as for the module: off screen, it would only delay what
// the reader sees (the sections in view and the stage module, whose
// download is read on the main thread).
export function firstSeen(e) {
  if (!("IntersectionObserver" in window)) return Promise.resolve();
  return new Promise((res) => {
    addEventListener("beforeprint", res, { once: true });
    const io = new IntersectionObserver((entries) => {
      if (entries.some((x) => x.isIntersecting)) {
        io.disconnect();
        res();
      }
    }, { rootMargin: "200px 0px" });
    io.observe(e);
  });
}

// statsLine shows the stage's epoch, loss and accuracy, following the
// model while visible.
export function statsLine(ready) {
  const p = el("p", { class: "stage-stats", "aria-live": "off" });
  let n = null; // window.nnstep once ready
  const update = () => {
    if (!n) {
      p.textContent = t("common.notReady");
      return;
    }
    try {
      const s = n.stats();
      p.textContent = t("common.stageStats", {
        epoch: s.epoch ?? 0,
        loss: fmt(s.trainLoss),
        acc: s.trainAccuracy === undefined || s.trainAccuracy === null || Number.isNaN(s.trainAccuracy) ? "—" : pct(s.trainAccuracy),
      });
    } catch (e) {
      p.textContent = "";
    }
  };
  followModel(p, update, 400);
  ready.then((r) => { n = r; update(); }, () => {});
  onLang(() => update());
  update();
  return p;
}

export function pct(x) {
  return fmt(100 * x, 3) + " %";
}

// download offers text as a file.
export function download(name, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- Plots -----------------------------------------------------------------

// Plot draws on a canvas in data coordinates. It sizes the canvas's
// backing store to its CSS size times devicePixelRatio and redraws on
// resize through the draw callback.
export class Plot {
  constructor(canvas, { x = [-1, 1], y = [-1, 1], pad = [12, 12, 28, 40], logY = false } = {}) {
    this.c = canvas;
    this.x = x;
    this.y = y;
    this.pad = pad; // top, right, bottom, left (CSS px)
    this.logY = logY;
    this.draw = null;
    this.ro = new ResizeObserver(() => this.redraw());
    this.ro.observe(canvas);
  }
  size() {
    const r = this.c.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(r.width * dpr));
    const h = Math.max(1, Math.round(r.height * dpr));
    if (this.c.width !== w || this.c.height !== h) {
      this.c.width = w;
      this.c.height = h;
    }
    this.dpr = dpr;
    this.w = r.width;
    this.h = r.height;
  }
  redraw() {
    if (this.draw) this.draw(this);
  }
  begin() {
    this.size();
    const g = this.c.getContext("2d");
    g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    g.clearRect(0, 0, this.w, this.h);
    this.g = g;
    return g;
  }
  tx(x) {
    const [, r, , l] = this.pad;
    return l + ((x - this.x[0]) / (this.x[1] - this.x[0])) * (this.w - l - r);
  }
  ty(y) {
    const [tp, , b] = this.pad;
    let lo = this.y[0];
    let hi = this.y[1];
    let v = y;
    if (this.logY) {
      lo = Math.log10(lo);
      hi = Math.log10(hi);
      v = Math.log10(Math.max(y, this.y[0]));
    }
    return tp + (1 - (v - lo) / (hi - lo)) * (this.h - tp - b);
  }
  // ix maps a CSS pixel x back to data.
  ix(px) {
    const [, r, , l] = this.pad;
    return this.x[0] + ((px - l) / (this.w - l - r)) * (this.x[1] - this.x[0]);
  }
  axes({ xTicks = [], yTicks = [], xLabel = "", yLabel = "" } = {}) {
    const g = this.g;
    g.save();
    g.font = "12px system-ui, sans-serif";
    g.strokeStyle = colors.grid;
    g.fillStyle = colors.muted;
    g.lineWidth = 1;
    for (const x of xTicks) {
      const px = Math.round(this.tx(x)) + 0.5;
      g.beginPath();
      g.moveTo(px, this.pad[0]);
      g.lineTo(px, this.h - this.pad[2]);
      g.stroke();
      g.textAlign = "center";
      g.fillText(fmt(x, 3), px, this.h - this.pad[2] + 14);
    }
    for (const y of yTicks) {
      const py = Math.round(this.ty(y)) + 0.5;
      g.beginPath();
      g.moveTo(this.pad[3], py);
      g.lineTo(this.w - this.pad[1], py);
      g.stroke();
      g.textAlign = "right";
      g.fillText(this.logY ? expLabel(y) : fmt(y, 3), this.pad[3] - 4, py + 4);
    }
    g.strokeStyle = colors.ink;
    if (this.x[0] <= 0 && this.x[1] >= 0 && !this.logY) {
      const px = Math.round(this.tx(0)) + 0.5;
      g.beginPath();
      g.moveTo(px, this.pad[0]);
      g.lineTo(px, this.h - this.pad[2]);
      g.stroke();
    }
    if (this.y[0] <= 0 && this.y[1] >= 0 && !this.logY) {
      const py = Math.round(this.ty(0)) + 0.5;
      g.beginPath();
      g.moveTo(this.pad[3], py);
      g.lineTo(this.w - this.pad[1], py);
      g.stroke();
    }
    g.fillStyle = colors.ink;
    if (xLabel) { // inside the plot, above the axis, clear of the ticks' numbers
      g.textAlign = "right";
      g.fillText(xLabel, this.w - this.pad[1] - 4, this.h - this.pad[2] - 5);
    }
    if (yLabel) {
      g.textAlign = "left";
      g.fillText(yLabel, this.pad[3] + 4, this.pad[0] + 10);
    }
    g.restore();
  }
  line(xs, ys, { color = colors.blue, width = 2, dash = [] } = {}) {
    const g = this.g;
    g.save();
    g.beginPath();
    g.rect(this.pad[3], this.pad[0], this.w - this.pad[3] - this.pad[1], this.h - this.pad[0] - this.pad[2]);
    g.clip();
    g.strokeStyle = color;
    g.lineWidth = width;
    g.setLineDash(dash);
    g.beginPath();
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const y = ys[i];
      if (y === null || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      const px = this.tx(xs[i]);
      const py = Math.max(-1e4, Math.min(1e4, this.ty(y)));
      if (pen) g.lineTo(px, py);
      else g.moveTo(px, py);
      pen = true;
    }
    g.stroke();
    g.restore();
  }
  // band shades the x-interval [a, b] across the plot.
  band(a, b, fill) {
    const g = this.g;
    const x0 = Math.max(this.pad[3], this.tx(a));
    const x1 = Math.min(this.w - this.pad[1], this.tx(b));
    if (x1 <= x0) return;
    g.save();
    g.fillStyle = fill;
    g.fillRect(x0, this.pad[0], x1 - x0, this.h - this.pad[0] - this.pad[2]);
    g.restore();
  }
  dot(x, y, { color = colors.blue, r = 3.5, stroke = "#fff", shape = "circle" } = {}) {
    const g = this.g;
    const px = this.tx(x);
    const py = this.ty(y);
    g.save();
    g.fillStyle = color;
    g.strokeStyle = stroke;
    g.lineWidth = 1;
    g.beginPath();
    if (shape === "square") g.rect(px - r, py - r, 2 * r, 2 * r);
    else g.arc(px, py, r, 0, 2 * Math.PI);
    g.fill();
    g.stroke();
    g.restore();
  }
  bars(values, { color = colors.blue, labels = [] } = {}) {
    const g = this.g;
    const n = values.length;
    const left = this.pad[3];
    const width = this.w - this.pad[3] - this.pad[1];
    const bw = width / n;
    g.save();
    g.font = "12px system-ui, sans-serif";
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const x = left + i * bw + bw * 0.15;
      const y = this.ty(v);
      const base = this.ty(this.y[0]);
      g.fillStyle = Array.isArray(color) ? color[i] : color;
      if (Number.isFinite(v) && v > 0) g.fillRect(x, y, bw * 0.7, base - y);
      g.fillStyle = colors.ink;
      g.textAlign = "center";
      if (labels[i]) g.fillText(labels[i], x + bw * 0.35, this.h - this.pad[2] + 14);
    }
    g.restore();
  }
}

function expLabel(y) {
  const e = Math.round(Math.log10(y));
  return e === 0 ? "1" : `1e${String(e).replace("-", "−")}`; // the minus of formatReading (js/number.js)
}

// logTicks returns the powers of ten within [lo, hi].
export function logTicks(lo, hi, max = 6) {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const step = Math.max(1, Math.ceil((b - a) / max));
  const out = [];
  for (let e = a; e <= b; e += step) out.push(10 ** e);
  return out;
}

// niceTicks returns round numbers covering [lo, hi].
export function niceTicks(lo, hi, n = 5) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * p).find((s) => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.abs(v) < 1e-12 ? 0 : v);
  return out;
}

export { t, fmt, lang, onLang, colors, el };
