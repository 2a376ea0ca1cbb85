// Section 1: one artificial neuron, z = w·x + b, a = σ(z), with weights the
// student drags on the diagram. The numbers come from core (nnstepGo.neuron).
import { tex } from "../math.js";
import { applyI18n, onLang, fmt, t } from "../i18n.js";
import { el, i18n } from "../dom.js";
import { colors } from "../palette.js";
import { call } from "../model.js";
import { firstSeen } from "../viewport.js";

// actOptions fills a <select> with the element-wise activations of core's
// table (nnstepGo.activations(), its order), labelled by act.name.*, and
// selects value. It needs the Go module.
export function actOptions(sel, value) {
  sel.replaceChildren(...call("activations").map((a) => el("option", { value: a.name, ...i18n(`act.name.${a.name}`) })));
  applyI18n(sel);
  sel.value = value;
}
const GRID = 60;
const RANGE = 3; // weights and bias in [-RANGE, RANGE]

export default function mount(demo, { ready }) {
  const st = { x: [0.5, -0.3], w: [1.2, -0.8], b: 0.2, act: "sigmoid", res: null };

  const svg = diagram(st, () => update());
  const sliders = el("div", { class: "controls grid2" });
  const mk = (label, vars, get, set, min, max, stepv, id) => {
    const input = el("input", { type: "range", id, min: String(min), max: String(max), step: String(stepv), value: String(get()) });
    const out = el("output", { for: id });
    input.addEventListener("input", () => {
      set(Number(input.value));
      update();
    });
    sliders.append(el("label", { for: id, class: "slider" }, el("span", i18n(label, vars)), input, out));
    return { input, out, get };
  };
  const ctl = [
    mk("neuron.input", { name: "x₁" }, () => st.x[0], (v) => (st.x[0] = v), -1, 1, 0.01, "nr-x1"),
    mk("neuron.input", { name: "x₂" }, () => st.x[1], (v) => (st.x[1] = v), -1, 1, 0.01, "nr-x2"),
    mk("neuron.weight", { name: "w₁" }, () => st.w[0], (v) => (st.w[0] = v), -RANGE, RANGE, 0.01, "nr-w1"),
    mk("neuron.weight", { name: "w₂" }, () => st.w[1], (v) => (st.w[1] = v), -RANGE, RANGE, 0.01, "nr-w2"),
    mk("neuron.bias", null, () => st.b, (v) => (st.b = v), -RANGE, RANGE, 0.01, "nr-b"),
  ];
  const actSel = el("select", { id: "nr-act" });
  ready.then(() => actOptions(actSel, st.act), () => {});
  actSel.addEventListener("change", () => {
    st.act = actSel.value;
    update();
  });
  sliders.append(el("label", { for: "nr-act", class: "slider full" }, el("span", i18n("common.activation")), actSel));

  const readout = el("div", { class: "readout", "aria-live": "polite" });
  const canvas = el("canvas", { class: "plane", role: "img", width: "240", height: "240", "data-i18n-attr": "aria-label:neuron.plane" });
  const err = el("p", { class: "error", hidden: true });

  demo.append(
    el("div", { class: "neuron-layout" },
      el("div", { class: "neuron-left" }, svg.root, sliders),
      el("div", { class: "neuron-right" },
        el("h3", { class: "h-small", ...i18n("neuron.planeTitle") }), canvas, readout, err)),
  );

  function update() {
    for (const c of ctl) {
      c.input.value = String(c.get());
      c.out.textContent = fmt(c.get(), 3);
    }
    svg.update();
    const w = window.nnstepGo;
    if (!w) return;
    try {
      st.res = call("neuron", st.x, st.w, st.b, st.act, GRID);
      err.hidden = true;
    } catch (e) {
      err.hidden = false;
      err.textContent = e.message;
      return;
    }
    svg.update();
    const r = st.res;
    readout.innerHTML =
      `<div class="formula">${tex(`z = w_1 x_1 + w_2 x_2 + b = (${n(st.w[0])})(${n(st.x[0])}) + (${n(st.w[1])})(${n(st.x[1])}) + (${n(st.b)}) = ${n(r.z)}`, true)}</div>` +
      `<div class="formula">${tex(`a = \\sigma(z) = ${n(r.a)}`, true)}</div>`;
    drawPlane(canvas, r.plane, st);
  }
  const n = (v) => fmt(v, 4).replace(",", "{,}").replace("−", "-");

  onLang(update);
  update();
  Promise.all([ready, firstSeen(demo)]).then(() => update(), () => {});
  new ResizeObserver(() => st.res && drawPlane(canvas, st.res.plane, st)).observe(canvas);
}

// diagram draws x1, x2 and the bias feeding the neuron; the weight labels
// are sliders the student drags (or moves with the arrow keys).
function diagram(st, changed) {
  const NS = "http://www.w3.org/2000/svg";
  const s = (tag, attrs = {}, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const root = s("svg", { viewBox: "0 0 360 210", class: "neuron-svg", role: "group" });
  root.setAttribute("data-i18n-attr", "aria-label:neuron.diagram");
  const N = { x: 230, y: 105 };
  const inputs = [{ x: 40, y: 45 }, { x: 40, y: 165 }];
  const biasP = { x: 134, y: 20 };
  const edges = [];
  const handles = [];
  inputs.forEach((p, i) => {
    const line = s("line", { x1: p.x + 22, y1: p.y, x2: N.x - 30, y2: N.y, class: "edge" });
    root.append(line);
    edges.push(line);
  });
  const bline = s("line", { x1: biasP.x, y1: biasP.y + 12, x2: N.x - 18, y2: N.y - 24, class: "edge bias" });
  root.append(bline);
  edges.push(bline);
  inputs.forEach((p, i) => {
    root.append(s("circle", { cx: p.x, cy: p.y, r: 22, class: "node input" }));
    const tx = s("text", { x: p.x, y: p.y + 5, "text-anchor": "middle", class: "node-label" });
    root.append(tx);
    p.label = tx;
  });
  root.append(s("circle", { cx: biasP.x, cy: biasP.y, r: 12, class: "node bias" }));
  root.append(s("text", { x: biasP.x, y: biasP.y + 4, "text-anchor": "middle", class: "node-label small" }, "1"));
  root.append(s("circle", { cx: N.x, cy: N.y, r: 30, class: "node neuron" }));
  root.append(s("line", { x1: N.x, y1: N.y - 30, x2: N.x, y2: N.y + 30, class: "divider" }));
  root.append(s("text", { x: N.x - 14, y: N.y + 6, "text-anchor": "middle", class: "node-label" }, "Σ"));
  root.append(s("text", { x: N.x + 14, y: N.y + 6, "text-anchor": "middle", class: "node-label" }, "σ"));
  root.append(s("line", { x1: N.x + 30, y1: N.y, x2: 330, y2: N.y, class: "edge out", "marker-end": "url(#nr-arrow)" }));
  const defs = s("defs");
  const marker = s("marker", { id: "nr-arrow", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto" });
  marker.append(s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }));
  defs.append(marker);
  root.prepend(defs);
  const outLabel = s("text", { x: 300, y: N.y - 10, "text-anchor": "middle", class: "node-label" });
  root.append(outLabel);

  const spots = [
    { get: () => st.w[0], set: (v) => (st.w[0] = v), x: 120, y: 62, name: "w₁" },
    { get: () => st.w[1], set: (v) => (st.w[1] = v), x: 120, y: 158, name: "w₂" },
    { get: () => st.b, set: (v) => (st.b = v), x: 206, y: 40, name: "b" },
  ];
  for (const sp of spots) {
    const g = s("g", { class: "weight-handle", tabindex: "0", role: "slider", "aria-valuemin": String(-RANGE), "aria-valuemax": String(RANGE) });
    g.setAttribute("data-i18n-attr", sp.name === "b" ? "aria-label:neuron.bias" : "aria-label:neuron.weight");
    if (sp.name !== "b") g.setAttribute("data-i18n-vars", JSON.stringify({ name: sp.name }));
    const rect = s("rect", { x: sp.x - 42, y: sp.y - 13, width: 84, height: 24, rx: 12 });
    const text = s("text", { x: sp.x, y: sp.y + 4, "text-anchor": "middle" });
    g.append(rect, text);
    root.append(g);
    sp.g = g;
    sp.text = text;
    const setV = (v) => {
      sp.set(Math.max(-RANGE, Math.min(RANGE, Math.round(v * 100) / 100)));
      changed();
    };
    g.addEventListener("keydown", (e) => {
      // The ARIA slider's keys: arrows, Page Up/Down, Home (minimum), End (maximum).
      const to = { Home: -RANGE, End: RANGE }[e.key];
      const d = { ArrowUp: 0.1, ArrowRight: 0.1, ArrowDown: -0.1, ArrowLeft: -0.1, PageUp: 0.5, PageDown: -0.5 }[e.key];
      if (d === undefined && to === undefined) return;
      e.preventDefault();
      setV(to ?? sp.get() + d);
    });
    g.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      g.setPointerCapture(e.pointerId);
      g.focus();
      const y0 = e.clientY;
      const v0 = sp.get();
      const scale = 170 / root.getBoundingClientRect().height; // svg units per css px
      const move = (ev) => setV(v0 - ((ev.clientY - y0) * scale) / 30);
      const up = () => {
        g.removeEventListener("pointermove", move);
        g.removeEventListener("pointerup", up);
        g.removeEventListener("pointercancel", up);
      };
      g.addEventListener("pointermove", move);
      g.addEventListener("pointerup", up);
      g.addEventListener("pointercancel", up);
    });
    handles.push(sp);
  }

  function update() {
    const ws = [st.w[0], st.w[1], st.b];
    edges.forEach((e, i) => {
      const w = ws[i];
      e.setAttribute("stroke-width", String(1 + 2.2 * Math.abs(w)));
      e.setAttribute("stroke", w >= 0 ? colors.blue : colors.orange);
    });
    inputs.forEach((p, i) => (p.label.textContent = fmt(st.x[i], 2)));
    for (const sp of handles) {
      sp.text.textContent = `${sp.name} = ${fmt(sp.get(), 3)}`;
      sp.g.setAttribute("aria-valuenow", String(sp.get()));
      sp.g.setAttribute("aria-valuetext", fmt(sp.get(), 3));
    }
    outLabel.textContent = st.res ? `a = ${fmt(st.res.a, 3)}` : "a";
  }
  return { root, update };
}

// drawPlane paints σ(w·x + b) over [-1, 1]², the line z = 0 and the input.
function drawPlane(canvas, plane, st) {
  if (!plane || !plane.length) return;
  const r = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const W = Math.max(1, Math.round(r.width * dpr));
  const H = Math.max(1, Math.round(r.height * dpr));
  if (canvas.width !== W || canvas.height !== H) {
    canvas.width = W;
    canvas.height = H;
  }
  const g = canvas.getContext("2d");
  const n = plane.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of plane) for (const v of row) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (st.act === "sigmoid" || st.act === "step") { lo = 0; hi = 1; }
  if (st.act === "tanh") { lo = -1; hi = 1; }
  const span = hi - lo || 1;
  const off = document.createElement("canvas");
  off.width = n;
  off.height = n;
  const og = off.getContext("2d");
  const img = og.createImageData(n, n);
  const A = [230, 159, 0]; // orange: low
  const B = [0, 114, 178]; // blue: high
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const u = Math.max(0, Math.min(1, (plane[i][j] - lo) / span));
      const k = 4 * (i * n + j);
      // orange → white → blue
      const c = u < 0.5 ? mix(A, [255, 255, 255], u * 2) : mix([255, 255, 255], B, (u - 0.5) * 2);
      img.data[k] = c[0];
      img.data[k + 1] = c[1];
      img.data[k + 2] = c[2];
      img.data[k + 3] = 255;
    }
  }
  og.putImageData(img, 0, 0);
  g.imageSmoothingEnabled = true;
  g.drawImage(off, 0, 0, W, H);
  const px = (x) => ((x + 1) / 2) * W;
  const py = (y) => ((1 - y) / 2) * H;
  // The line w1 x1 + w2 x2 + b = 0 (where z changes sign).
  g.strokeStyle = colors.ink;
  g.lineWidth = 2 * dpr;
  g.setLineDash([6 * dpr, 4 * dpr]);
  g.beginPath();
  const [w1, w2] = st.w;
  if (Math.abs(w2) > 1e-9) {
    g.moveTo(px(-1), py((-st.b + w1) / w2));
    g.lineTo(px(1), py((-st.b - w1) / w2));
  } else if (Math.abs(w1) > 1e-9) {
    g.moveTo(px(-st.b / w1), py(-1));
    g.lineTo(px(-st.b / w1), py(1));
  }
  g.stroke();
  g.setLineDash([]);
  g.fillStyle = colors.ink;
  g.strokeStyle = "#fff";
  g.lineWidth = 2 * dpr;
  g.beginPath();
  g.arc(px(st.x[0]), py(st.x[1]), 6 * dpr, 0, 2 * Math.PI);
  g.fill();
  g.stroke();
  // Axes through 0 with their names and the ends of the square, ±1.
  g.strokeStyle = "rgba(0, 0, 0, 0.35)";
  g.lineWidth = dpr;
  g.beginPath();
  g.moveTo(0, py(0));
  g.lineTo(W, py(0));
  g.moveTo(px(0), 0);
  g.lineTo(px(0), H);
  g.stroke();
  g.fillStyle = colors.ink;
  g.font = `${12 * dpr}px system-ui, sans-serif`;
  g.fillText("x₁", W - 18 * dpr, H / 2 - 6 * dpr);
  g.fillText("x₂", W / 2 + 6 * dpr, 14 * dpr);
  g.font = `${11 * dpr}px system-ui, sans-serif`;
  g.fillText("−1", 3 * dpr, H / 2 + 14 * dpr);
  g.fillText("1", W - 10 * dpr, H / 2 + 14 * dpr);
  g.fillText("1", W / 2 - 12 * dpr, 14 * dpr);
  g.fillText("−1", W / 2 - 20 * dpr, H - 4 * dpr);
}

function mix(a, b, u) {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * u));
}

export { t };
