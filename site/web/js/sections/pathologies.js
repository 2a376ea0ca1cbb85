// Section 10: the pathologies of slides 14–17, each demo with its
// diagnostic computed by core on a real network (nnstepGo.diagnose):
// per-layer gradient norms (vanishing), dead ReLU units (and Leaky ReLU),
// the first non-finite op of a diverging run (exploding), saturated units.
import { el, i18n } from "../dom.js";
import { colors } from "../palette.js";
import { Plot, logTicks, niceTicks } from "../plot.js";
import { call } from "../model.js";
import { whenVisible } from "../viewport.js";
import { inline, tex } from "../math.js";
import { block as textBlock, onLang, fmt, t, pct } from "../i18n.js";

const MOONS = { dataset: "moons", n: 200, noise: 0.1, seed: 1, loss: "bce", batch: 10 };
// The exploding-gradient demo: tanh hidden layers of 32 units, an identity
// output and the quadratic cost on the plane data, 30 epochs.
const EXPLODE = { units: 32, data: { dataset: "plane", n: 200, noise: 0.1, seed: 1, loss: "mse", batch: 10, epochs: 30 } };

function net(act, hidden, units = 8) {
  const layers = [2];
  const acts = [];
  for (let i = 0; i < hidden; i++) {
    layers.push(units);
    acts.push(act);
  }
  layers.push(1);
  acts.push("sigmoid");
  return { layers, activations: acts };
}

function select(id, options, value) {
  const s = el("select", { id }, ...options.map((a) => el("option", { value: a, ...i18n(`act.name.${a}`) })));
  s.value = value;
  return s;
}

function range(id, min, max, step, value) {
  return el("input", { type: "range", id, min: String(min), max: String(max), step: String(step), value: String(value) });
}

function field(id, key, input, out) {
  return el("label", { for: id, class: "slider" }, el("span", i18n(key)), input, out || "");
}

// block is one demo; vars fill its text's placeholders (see setVars).
function block(key, vars, ...children) {
  return el("article", { class: "patho", "data-demo": key },
    el("h3", { ...i18n(`path.${key}.title`) }),
    el("div", { class: "intro", "data-i18n-block": `path.${key}.text`, "data-i18n-vars": vars ? JSON.stringify(vars) : undefined }),
    ...children);
}

// setVars gives a block's text new placeholder values and renders it.
function setVars(e, vars) {
  const v = JSON.stringify(vars);
  if (e.dataset.i18nVars === v) return;
  e.dataset.i18nVars = v;
  e.innerHTML = textBlock(e.dataset.i18nBlock, vars);
}

function runner(fn) {
  const out = el("div", { class: "diag", "aria-live": "polite" });
  const go = () => {
    if (!window.nnstepGo) return;
    try {
      fn(out);
    } catch (e) {
      out.replaceChildren(el("p", { class: "error", text: t("path.error", { e: e.message }) }));
    }
  };
  return { out, go };
}

export default function mount(demo, { ready }) {
  // Vanishing gradient.
  const vDepth = range("pv-depth", 1, 7, 1, 6);
  const vDepthOut = el("output", { for: "pv-depth" });
  const vAct = select("pv-act", ["sigmoid", "tanh", "relu", "leaky_relu"], "sigmoid");
  const vCanvas = el("canvas", { class: "plot small", role: "img", "data-i18n-attr": "aria-label:path.vanish.plot" });
  const vPlot = new Plot(vCanvas, { x: [0, 1], y: [1e-6, 1], logY: true, pad: [10, 10, 24, 44] });
  let vLast = null;
  const vanish = runner((out) => {
    const d = Number(vDepth.value);
    vDepthOut.textContent = String(d);
    const r = call("diagnose", { ...MOONS, ...net(vAct.value, d), lr: 0.5, epochs: 0 });
    vLast = r.before.gradNorm;
    drawBars();
    const g = r.before.gradNorm;
    out.replaceChildren(el("p", { class: "mono", text: t("path.vanish.ratio", { r: fmt(g[0] / g[g.length - 1], 3) }) }),
      el("ol", { class: "norms mono" }, ...g.map((v, i) => el("li", { "data-layer": String(i + 1), "data-value": String(v), text: `‖dW[${i + 1}]‖ = ${fmt(v, 3)}` }))));
  });
  function drawBars() {
    if (!vLast) return;
    const g = vLast.filter((v) => v > 0);
    const lo = Math.min(...g);
    const hi = Math.max(...g);
    vPlot.y = [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi) + 1e-9)];
    vPlot.begin();
    vPlot.axes({ yTicks: logTicks(vPlot.y[0], vPlot.y[1]) });
    vPlot.bars(vLast, { color: colors.blue, labels: vLast.map((_, i) => `dW[${i + 1}]`) });
  }
  vPlot.draw = drawBars;
  vDepth.addEventListener("input", vanish.go);
  vAct.addEventListener("change", vanish.go);

  // Dead ReLU.
  const dBias = range("pd-bias", -2, 0.5, 0.1, -1);
  const dBiasOut = el("output", { for: "pd-bias" });
  const dAct = select("pd-act", ["relu", "leaky_relu"], "relu");
  const dEpochs = range("pd-epochs", 0, 100, 5, 30);
  const dEpochsOut = el("output", { for: "pd-epochs" });
  const dead = runner((out) => {
    dBiasOut.textContent = fmt(Number(dBias.value), 2);
    dEpochsOut.textContent = dEpochs.value;
    const r = call("diagnose", { ...MOONS, ...net(dAct.value, 2), lr: 0.5, epochs: Number(dEpochs.value), hiddenBias: Number(dBias.value) });
    const rows = [];
    for (let l = 0; l < r.before.dead.length - 1; l++) {
      rows.push(el("li", { "data-layer": String(l + 1), "data-dead": String(r.after.dead[l]),
        text: t("path.dead.row", { l: l + 1, d: r.before.dead[l], n: r.before.units[l], a: r.after.dead[l], m: r.moved[l] }) }));
    }
    out.replaceChildren(el("ul", { class: "diag-list" }, ...rows),
      el("p", { class: "mono", text: t("path.costs", { b: fmt(r.before.cost, 4), a: fmt(r.after.cost, 4), e: r.epochs }) }));
  });
  for (const x of [dBias, dEpochs]) x.addEventListener("change", dead.go);
  for (const x of [dBias, dEpochs]) x.addEventListener("input", () => { dBiasOut.textContent = fmt(Number(dBias.value), 2); dEpochsOut.textContent = dEpochs.value; });
  dAct.addEventListener("change", dead.go);

  // Exploding gradient: a deep tanh network whose initial weights are
  // multiplied by a scale; the per-layer gradient norms at initialisation,
  // then training with η and, optionally, gradient clipping.
  const eDepth = range("pe-depth", 1, 7, 1, 7);
  const eDepthOut = el("output", { for: "pe-depth" });
  const eScale = range("pe-scale", 1, 8, 0.5, 6);
  const eScaleOut = el("output", { for: "pe-scale" });
  const eLr = range("pe-lr", -3, 0, 0.1, -1); // log10 η
  const eLrOut = el("output", { for: "pe-lr" });
  const eClip = el("select", { id: "pe-clip" },
    el("option", { value: "0", ...i18n("path.explode.noClip") }),
    ...[1, 5, 20].map((c) => el("option", { value: String(c), text: `‖g‖ ≤ ${c}` })));
  const eBars = el("canvas", { class: "plot small", role: "img", "data-i18n-attr": "aria-label:path.explode.barsPlot" });
  const eBarsPlot = new Plot(eBars, { x: [0, 1], y: [1e-2, 1e2], logY: true, pad: [10, 10, 24, 44] });
  const eCanvas = el("canvas", { class: "plot small", role: "img", "data-i18n-attr": "aria-label:path.explode.plot" });
  const ePlot = new Plot(eCanvas, { x: [0, 30], y: [1e-4, 1], logY: true, pad: [10, 10, 24, 44] });
  const eNorms = el("div", { class: "diag", "aria-live": "polite" });
  let eLast = null;
  const lrOf = () => Number((10 ** Number(eLr.value)).toPrecision(2));
  const eLabels = () => {
    eDepthOut.textContent = eDepth.value;
    eScaleOut.textContent = `× ${fmt(Number(eScale.value), 2)}`;
    eLrOut.textContent = fmt(lrOf(), 2);
  };
  const explode = runner((out) => {
    eLabels();
    const d = Number(eDepth.value);
    const layers = [2, ...Array(d).fill(EXPLODE.units), 1];
    const activations = [...Array(d).fill("tanh"), "identity"];
    const r = call("diagnose", { ...EXPLODE.data, layers, activations, lr: lrOf(), weightScale: Number(eScale.value), clip: Number(eClip.value) });
    eLast = r;
    drawExplode();
    const g = r.before.gradNorm;
    const L = g.length;
    // f[l] = ‖dW[l]‖ / ‖dW[l+1]‖: their product is ‖dW[1]‖ / ‖dW[L]‖.
    const f = g.slice(0, -1).map((v, i) => v / g[i + 1]);
    const ratio = g[0] / g[L - 1];
    eNorms.replaceChildren(
      el("ol", { class: "norms mono" }, ...g.map((v, i) => el("li", { "data-layer": String(i + 1), "data-value": String(v),
        text: `‖dW[${i + 1}]‖ = ${fmt(v, 3)}` + (i < L - 1 ? `  (${t("path.explode.factor", { f: fmt(f[i], 3), n: i + 2 })})` : "") }))),
      el("p", { class: "mono", "data-ratio": String(ratio),
        text: `‖dW[1]‖ / ‖dW[${L}]‖ = ${f.map((v) => fmt(v, 3)).join(" × ")} = ${fmt(ratio, 3)}` }));
    const cost = r.loss[r.loss.length - 1];
    if (!r.diverged) {
      out.replaceChildren(el("p", { class: "ok", text: t("path.explode.ok", { e: r.epochs, b: fmt(r.loss[0], 3), c: fmt(cost, 3) }) }));
      return;
    }
    const dv = r.diverged;
    out.replaceChildren(
      el("p", { class: "bad", "data-diverged": dv.result, html: inline(t("path.explode.caught", { e: dv.epoch, s: dv.step, i: dv.index, phase: t(`step.phase.${dv.phase}`), l: dv.layer, res: `$${dv.resultTeX}$` })) }),
      el("div", { class: "formula", html: tex(dv.latex, true) }),
      el("p", { html: inline(t("path.explode.why")) }));
  });
  function drawExplode() {
    const r = eLast;
    if (!r) return;
    const g = r.before.gradNorm;
    const pos = g.filter((v) => v > 0);
    eBarsPlot.y = [10 ** Math.floor(Math.log10(Math.min(...pos))), 10 ** Math.ceil(Math.log10(Math.max(...pos)) + 1e-9)];
    eBarsPlot.begin();
    eBarsPlot.axes({ yTicks: logTicks(eBarsPlot.y[0], eBarsPlot.y[1]) });
    eBarsPlot.bars(g, { color: colors.red, labels: g.map((_, i) => `dW[${i + 1}]`) });
    const finite = r.loss.filter((v) => Number.isFinite(v) && v > 0);
    const labels = { xLabel: t("common.epoch"), yLabel: t("common.cost") };
    if (!finite.length) {
      // No finite cost to draw: the axes, the epoch where it diverged, and
      // a sentence saying so, rather than an empty box.
      ePlot.x = [0, 10];
      ePlot.y = [1e-4, 1];
      ePlot.begin();
      ePlot.axes({ xTicks: niceTicks(0, 10, 5), yTicks: logTicks(ePlot.y[0], ePlot.y[1]), ...labels });
      const e = r.diverged ? r.diverged.epoch : r.epochs;
      ePlot.band(e, e + 1, "rgba(213,94,0,0.25)");
      const g = ePlot.g;
      g.save();
      g.fillStyle = colors.red;
      g.font = "13px system-ui, sans-serif";
      g.textAlign = "center";
      g.fillText(t("path.explode.noCost", { e }), (ePlot.pad[3] + ePlot.w - ePlot.pad[1]) / 2, ePlot.h / 2);
      g.restore();
      return;
    }
    ePlot.x = [0, Math.max(10, r.loss.length)];
    // Up to 1e12: a cost that explodes past it leaves the plot at the top.
    const lo = 10 ** Math.floor(Math.log10(Math.min(...finite)));
    ePlot.y = [lo, Math.max(lo * 100, Math.min(1e12, 10 ** Math.ceil(Math.log10(Math.max(...finite)) + 1e-9)))];
    ePlot.begin();
    ePlot.axes({ xTicks: niceTicks(0, ePlot.x[1], 5), yTicks: logTicks(ePlot.y[0], ePlot.y[1]), ...labels });
    ePlot.line(r.loss.map((_, i) => i), r.loss.map((v) => (Number.isFinite(v) ? v : null)), { color: colors.blue });
    if (r.diverged) ePlot.band(r.epochs, r.epochs + 1, "rgba(213,94,0,0.25)");
  }
  eBarsPlot.draw = drawExplode;
  ePlot.draw = drawExplode;
  for (const x of [eDepth, eScale, eLr]) {
    x.addEventListener("input", eLabels);
    x.addEventListener("change", explode.go);
  }
  eClip.addEventListener("change", explode.go);

  // Saturation.
  const sScale = range("ps-scale", 1, 20, 1, 10);
  const sScaleOut = el("output", { for: "ps-scale" });
  const sAct = select("ps-act", ["sigmoid", "tanh", "relu"], "sigmoid");
  const sat = runner((out) => {
    sScaleOut.textContent = sScale.value;
    const a = sAct.value;
    const q = { ...MOONS, layers: [2, 8, 8, 1], activations: [a, a, "sigmoid"], lr: 0.5, epochs: 0, weightScale: Number(sScale.value) };
    const r = call("diagnose", q);
    // The threshold of the text is core's (act.SaturationThreshold).
    setVars(demo.querySelector('[data-demo="sat"] .intro'), { p: pct(r.satThreshold) });
    const rows = [];
    for (let l = 0; l < r.before.saturated.length; l++) {
      rows.push(el("li", { "data-layer": String(l + 1), "data-value": String(r.before.saturated[l]),
        text: t("path.sat.row", { l: l + 1, act: t(`act.name.${q.activations[l]}`), p: pct(r.before.saturated[l]), u: r.before.saturatedUnits[l], n: r.before.units[l] }) }));
    }
    out.replaceChildren(...(a === "relu" ? [el("p", { class: "muted", text: t("path.sat.none") })] : []), el("ul", { class: "diag-list" }, ...rows));
  });
  sScale.addEventListener("input", sat.go);
  sAct.addEventListener("change", sat.go);

  demo.append(
    block("vanish", null,
      el("div", { class: "controls row" }, field("pv-depth", "path.depth", vDepth, vDepthOut), field("pv-act", "common.activation", vAct)),
      el("div", { class: "diag-wrap" }, el("div", { class: "plot-wrap" }, vCanvas), vanish.out)),
    block("dead", null,
      el("div", { class: "controls row" }, field("pd-bias", "path.bias", dBias, dBiasOut), field("pd-act", "common.activation", dAct), field("pd-epochs", "path.epochs", dEpochs, dEpochsOut)),
      dead.out),
    block("explode", null,
      el("div", { class: "controls row" }, field("pe-depth", "path.depth", eDepth, eDepthOut), field("pe-scale", "path.scale", eScale, eScaleOut),
        field("pe-lr", "path.lr", eLr, eLrOut), field("pe-clip", "path.explode.clip", eClip)),
      el("div", { class: "diag-wrap" }, el("div", { class: "plot-wrap" }, eBars), eNorms),
      el("div", { class: "diag-wrap" }, el("div", { class: "plot-wrap" }, eCanvas), explode.out),
      el("div", { class: "intro", "data-i18n-block": "path.explode.remedies" })),
    block("sat", { p: "…" },
      el("div", { class: "controls row" }, field("ps-scale", "path.scale", sScale, sScaleOut), field("ps-act", "common.activation", sAct)),
      sat.out),
  );
  const all = () => [vanish, dead, explode, sat].forEach((r) => r.go());
  onLang(all);
  ready.then(() => {
    let done = false;
    whenVisible(demo, (v) => {
      if (v && !done) {
        done = true;
        all();
      }
    });
  }, () => {});
}
