// plot.js: the page's one plotting module: the lesson's plots and the
// stage's loss curve draw on a canvas with Plot, from numbers core
// computed (docs/frontend.md, "Modules").
import { fmt } from "./i18n.js";
import { colors } from "./palette.js";

// Plot draws on a canvas in data coordinates, y on a linear or a log
// scale. It sizes the canvas's backing store to its CSS size times
// devicePixelRatio and redraws on resize through the draw callback. The
// CSS size comes from a ResizeObserver (reading it would force a layout
// of the page at every redraw); until the observer has reported it, it is
// size ({w, h}) when given, else measured once.
export class Plot {
  constructor(canvas, { x = [-1, 1], y = [-1, 1], pad = [12, 12, 28, 40], logY = false, size = null } = {}) {
    this.c = canvas;
    this.x = x;
    this.y = y;
    this.pad = pad; // top, right, bottom, left (CSS px)
    this.logY = logY;
    this.draw = null;
    this.css = size;
    this.ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1].contentRect;
      const changed = !this.css || r.width !== this.css.w || r.height !== this.css.h;
      this.css = { w: r.width, h: r.height };
      if (changed) this.redraw();
    });
    this.ro.observe(canvas);
  }
  size() {
    if (!this.css) {
      const r = this.c.getBoundingClientRect();
      this.css = { w: r.width, h: r.height };
    }
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(this.css.w * dpr));
    const h = Math.max(1, Math.round(this.css.h * dpr));
    if (this.c.width !== w || this.c.height !== h) {
      this.c.width = w;
      this.c.height = h;
    }
    this.dpr = dpr;
    this.w = this.css.w;
    this.h = this.css.h;
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
  // axes draws the ticks with their numbers (and grid lines through the
  // plot, or a frame around it with frame), the zero lines and the axes'
  // names. On a log scale a tick is labelled as a power of ten (1e−3).
  axes({ xTicks = [], yTicks = [], xLabel = "", yLabel = "", frame = false, font = 12 } = {}) {
    const g = this.g;
    const grid = !frame;
    g.save();
    g.font = `${font}px system-ui, sans-serif`;
    g.strokeStyle = frame ? colors.faint : colors.grid;
    g.fillStyle = colors.muted;
    g.lineWidth = 1;
    if (frame) g.strokeRect(this.pad[3] + 0.5, this.pad[0] + 0.5, this.w - this.pad[3] - this.pad[1], this.h - this.pad[0] - this.pad[2]);
    for (const x of xTicks) {
      const px = Math.round(this.tx(x)) + 0.5;
      if (grid) {
        g.beginPath();
        g.moveTo(px, this.pad[0]);
        g.lineTo(px, this.h - this.pad[2]);
        g.stroke();
      }
      g.textAlign = "center";
      g.fillText(fmt(x, 3), px, this.h - this.pad[2] + font + 2);
    }
    for (const y of yTicks) {
      const py = Math.round(this.ty(y)) + 0.5;
      if (grid) {
        g.beginPath();
        g.moveTo(this.pad[3], py);
        g.lineTo(this.w - this.pad[1], py);
        g.stroke();
      }
      g.textAlign = "right";
      g.fillText(this.logY ? expLabel(y) : fmt(y, 3), this.pad[3] - 4, py + 4);
    }
    g.strokeStyle = colors.ink;
    if (grid && this.x[0] <= 0 && this.x[1] >= 0 && !this.logY) {
      const px = Math.round(this.tx(0)) + 0.5;
      g.beginPath();
      g.moveTo(px, this.pad[0]);
      g.lineTo(px, this.h - this.pad[2]);
      g.stroke();
    }
    if (grid && this.y[0] <= 0 && this.y[1] >= 0 && !this.logY) {
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
  // vline draws a thin vertical line across the plot at x.
  vline(x, color) {
    const g = this.g;
    const px = Math.round(this.tx(x)) + 0.5;
    g.save();
    g.strokeStyle = color;
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(px, this.pad[0]);
    g.lineTo(px, this.h - this.pad[2]);
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
