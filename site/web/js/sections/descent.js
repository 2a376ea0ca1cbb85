// Section 8: the update (the step-through's last phase, placed here), then
// the slides' gradient-descent notebook: one linear neuron (identity, mse)
// fitted to the noisy 1-D line dataset, computed by core
// (nnstepGo.gradientDescent1D): the cost per iteration and the line moving.
import { numberField } from "../number.js";
import { el, i18n, setI18n } from "../dom.js";
import { colors } from "../palette.js";
import { Plot, niceTicks, logTicks } from "../plot.js";
import { call, stagePlay, followModel } from "../model.js";
import { reducedMotion, whenVisible } from "../viewport.js";
import { statsLine, presetButtons } from "./stage-controls.js";
import { block, onLang, fmt, t } from "../i18n.js";

// The overfitting demo (§ "training and test sets"): a 2-16-16-1 network
// on the noisy spiral for 3000 epochs, alone, with L2, and stopped early,
// as fast as the frame allows (speed 0): a few seconds each.
// Measured (TestTrainingVocabulary): alone, the test cost is lowest near
// epoch 520 (0.45) and 1.50 at epoch 3000 while the training cost falls to
// 0.001; with λ = 0.03 it ends at 0.75; stopped at epoch 600, at 0.54.
const OVERFIT = { dataset: "spiral", n: "200", noise: "0.2", seed: "1", ratio: "0.5", output: "binary",
  layers: "2-16-16-1", act: "tanh,tanh,sigmoid", lr: "0.3", batch: "10", l2: "0", stop: "3000", speed: "0", traceBatch: "4" };
const L2 = "0.03";
const EARLY = "600";
// CLIP is how many decades above its lowest value the cost plot shows.
const CLIP = 6;

const OVERFIT_PRESETS = {
  overfit: OVERFIT,
  withL2: { ...OVERFIT, l2: L2 },
  early: { ...OVERFIT, stop: EARLY },
};

// vocab is a short text tied to the stage control it explains: its key in
// the URL (data-control) and its label in the text.
function vocab(key, control, more = {}) {
  const vars = () => ({ control: t(`stage.${control}`), ...Object.fromEntries(Object.entries(more).map(([k, c]) => [k, t(`stage.${c}`)])) });
  const e = el("div", { class: "intro vocab", "data-control": control, "data-i18n-block": `descent.vocab.${key}`, "data-i18n-vars": JSON.stringify(vars()) });
  onLang(() => {
    e.dataset.i18nVars = JSON.stringify(vars());
    e.innerHTML = block(e.dataset.i18nBlock, vars());
  });
  return e;
}

const PRESETS = [
  ["small", "descent.small", 0.01],
  ["right", "descent.right", 0.5],
  ["large", "descent.large", 2.5],
];

export default function mount(demo, { ready }) {
  const train = el("button", {
    type: "button", class: "btn", ...i18n("descent.trainStage"),
    onclick: async () => {
      try {
        await ready;
        await stagePlay();
      } catch (e) {
        console.error(e);
      }
    },
  });
  const st = { eta: 0.5, iters: 60, run: null, k: 0, anim: 0 };
  const buttons = el("div", { class: "btn-row" });
  for (const [key, label, eta] of PRESETS) {
    buttons.append(el("button", { type: "button", class: "btn", "data-eta": String(eta), ...i18n(label), onclick: () => { st.eta = eta; etaField.set(eta); run(true); } }));
  }
  const etaIn = el("input", { id: "gd-eta" });
  const itIn = el("input", { id: "gd-iters" });
  const kIn = el("input", { type: "range", id: "gd-k", min: "0", max: String(st.iters), step: "1", value: "0" });
  const play = el("button", { type: "button", class: "btn icon", "data-i18n-attr": "aria-label:common.play;title:common.play", onclick: () => animate() }, "▶");
  // Typed numbers are read by js/number.js; the iterations are kept in 1…500.
  const etaField = numberField(etaIn, { id: "gd-eta", label: () => t("descent.eta"), value: st.eta, onValue: (v) => { st.eta = v; run(true); } });
  const itField = numberField(itIn, {
    id: "gd-iters", label: () => t("descent.iters"), integer: true, value: st.iters,
    onValue: (v) => { st.iters = Math.max(1, Math.min(500, v)); itField.set(st.iters); run(true); },
  });
  kIn.addEventListener("input", () => { stop(); st.k = Number(kIn.value); draw(); });
  const fit = el("canvas", { class: "plot", role: "img", "data-i18n-attr": "aria-label:descent.fitPlot" });
  const cost = el("canvas", { class: "plot", role: "img", "data-i18n-attr": "aria-label:descent.costPlot" });
  const readout = el("p", { class: "readout mono", "aria-live": "polite" });
  const err = el("p", { class: "error", hidden: true });

  // The vocabulary of training, each text beside the stage control it
  // explains, and the overfitting demo on the stage.
  const ofStatus = el("p", { class: "error", hidden: true });
  const ofCosts = el("p", { class: "overfit-readout mono", "data-overfit": "", "aria-live": "polite" });
  let shown = false;
  const ofButtons = presetButtons(ready, OVERFIT_PRESETS,
    [["overfit", "descent.vocab.overfit"], ["withL2", "descent.vocab.withL2"], ["early", "descent.vocab.early"]],
    ofStatus, (key) => { if (key) shown = true; costs(); });
  const ofVars = () => ({ l2: fmt(Number(L2), 3), stop: EARLY, layers: OVERFIT.layers });
  for (const b of ofButtons.children) setI18n(b, b.dataset.i18n, ofVars());
  onLang(() => { for (const b of ofButtons.children) setI18n(b, b.dataset.i18n, ofVars()); costs(); });
  // The stage's costs now and its lowest test cost so far (nnstep.history()).
  function costs() {
    const n = window.nnstep;
    if (!shown || !n || !n.go) return;
    const s = n.stats();
    const h = n.history();
    let b = -1;
    for (let i = 0; i < h.test.length; i++) if (typeof h.test[i] === "number" && (b < 0 || h.test[i] < h.test[b])) b = i;
    if (b < 0) return;
    ofCosts.dataset.bestEpoch = String(h.epoch[b]);
    ofCosts.textContent = t("descent.vocab.costs", { e: s.epoch, train: fmt(s.trainLoss, 3), test: fmt(s.testLoss, 3), best: fmt(h.test[b], 3), bestE: h.epoch[b] });
  }
  followModel(ofCosts, costs, 500);

  demo.append(
    el("div", { class: "stepper-slot" }),
    el("div", { class: "btn-row" }, train),
    statsLine(ready),
    el("h3", { class: "h-small", ...i18n("descent.vocab") }),
    vocab("batch", "batch"),
    vocab("epoch", "epoch"),
    vocab("split", "ratio", { l2: "l2", stop: "stop" }),
    ofButtons, ofCosts, ofStatus,
    vocab("init", "seed"),
    el("h3", { class: "h-small", ...i18n("descent.notebook") }),
    el("div", { class: "intro", "data-i18n-block": "descent.nbIntro" }),
    buttons,
    el("div", { class: "controls row" },
      el("label", { for: "gd-eta", class: "slider" }, el("span", i18n("descent.eta")), etaIn),
      el("label", { for: "gd-iters", class: "slider" }, el("span", i18n("descent.iters")), itIn),
      el("label", { for: "gd-k", class: "slider grow" }, el("span", i18n("descent.iter")), kIn),
      play),
    el("div", { class: "plots2" }, el("div", { class: "plot-wrap" }, fit), el("div", { class: "plot-wrap" }, cost)),
    readout, err,
  );

  const pf = new Plot(fit, { x: [-1, 1], y: [-1, 1.2], pad: [10, 10, 24, 36] });
  const pc = new Plot(cost, { x: [0, st.iters], y: [1e-3, 1], logY: true, pad: [10, 10, 24, 44] });
  pf.draw = () => draw();
  pc.draw = () => draw();

  function run(animateIt) {
    stop();
    if (!window.nnstepGo) return;
    try {
      st.run = call("gradientDescent1D", { eta: st.eta, iters: st.iters, n: 50, noise: 0.3, seed: 1, w0: 0, b0: 0 });
      err.hidden = true;
    } catch (e) {
      err.hidden = false;
      err.textContent = e.message;
      return;
    }
    const last = st.run.cost.length - 1;
    kIn.max = String(last);
    for (const b of buttons.children) b.setAttribute("aria-pressed", String(Number(b.dataset.eta) === st.eta));
    const finite = st.run.cost.filter((c) => Number.isFinite(c) && c > 0);
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    pc.x = [0, st.iters];
    // A diverging cost is drawn up to 1e6 times its start (CLIP) and leaves
    // the plot there, with a marker: the scale stays readable.
    pc.y = [10 ** Math.floor(Math.log10(lo)), Math.min(10 ** Math.ceil(Math.log10(hi) + 1e-9), 10 ** Math.ceil(Math.log10(lo) + CLIP))];
    if (pc.y[0] === pc.y[1]) pc.y[1] *= 10;
    st.k = animateIt && !reducedMotion() ? 0 : last;
    draw();
    if (animateIt && !reducedMotion()) animate();
  }

  function animate() {
    stop();
    if (!st.run) return;
    const last = st.run.cost.length - 1;
    if (st.k >= last) st.k = 0;
    if (reducedMotion()) {
      st.k = last;
      draw();
      return;
    }
    let t0 = 0;
    const stepMs = Math.max(16, 2400 / last);
    const frame = (now) => {
      if (!t0) t0 = now;
      const k = Math.min(last, Math.floor((now - t0) / stepMs));
      if (k !== st.k) {
        st.k = k;
        draw();
      }
      if (k < last) st.anim = requestAnimationFrame(frame);
      else st.anim = 0;
    };
    st.anim = requestAnimationFrame(frame);
  }

  function stop() {
    if (st.anim) cancelAnimationFrame(st.anim);
    st.anim = 0;
  }

  function draw() {
    const r = st.run;
    if (!r) return;
    const k = Math.min(st.k, r.cost.length - 1);
    kIn.value = String(k);
    pf.begin();
    pf.axes({ xTicks: niceTicks(-1, 1, 4), yTicks: niceTicks(pf.y[0], pf.y[1], 4), xLabel: "x", yLabel: "y" });
    // The noise-free line, then the points, then the neuron's line.
    pf.line([-1, 1], [r.true[1] - r.true[0], r.true[1] + r.true[0]], { color: colors.muted, width: 1.5, dash: [4, 4] });
    for (let i = 0; i < r.x.length; i++) pf.dot(r.x[i], r.y[i], { color: colors.sky, r: 3 });
    const w = r.w[k];
    const b = r.b[k];
    pf.line([-1, 1], [b - w, b + w], { color: colors.red, width: 2.5 });

    pc.begin();
    pc.axes({ xTicks: niceTicks(0, st.iters, 5), yTicks: logTicks(pc.y[0], pc.y[1]), xLabel: t("common.iteration"), yLabel: t("common.cost") });
    const xs = r.cost.map((_, i) => i);
    pc.line(xs, r.cost, { color: colors.blue, width: 2 });
    const out = r.cost.findIndex((c) => !(c <= pc.y[1]));
    if (out >= 0) { // where the cost leaves the plot: a square at the top and a word
      pc.dot(out, pc.y[1], { color: colors.red, shape: "square", r: 4.5 });
      pc.g.save();
      pc.g.fillStyle = colors.red;
      pc.g.font = "12px system-ui, sans-serif";
      pc.g.textAlign = pc.tx(out) > pc.w / 2 ? "right" : "left";
      pc.g.fillText(t("descent.offScale"), pc.tx(out) + (pc.tx(out) > pc.w / 2 ? -8 : 8), pc.ty(pc.y[1]) + 30);
      pc.g.restore();
    }
    if (Number.isFinite(r.cost[k])) pc.dot(k, Math.min(pc.y[1], Math.max(pc.y[0], r.cost[k])), { color: colors.red });

    let text = t("descent.state", { k, w: fmt(w, 4), b: fmt(b, 4), c: fmt(r.cost[k], 4), tw: fmt(r.true[0], 2), tb: fmt(r.true[1], 2) });
    if (r.diverged && k === r.cost.length - 1) text += " " + t("descent.diverged", { k: r.diverged.epoch, res: r.diverged.result });
    readout.textContent = text;
  }

  onLang(() => draw());
  let started = false;
  ready.then(() => {
    whenVisible(fit, (v) => {
      if (v && !started) {
        started = true;
        run(true);
      }
    });
    if (!started) run(false);
  }, () => {});
}
