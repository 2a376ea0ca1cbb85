// Section 2: the activation explorer. f and f' are sampled by core
// (nnstepGo.activation) and drawn; the regions where the function saturates
// (f' below act.SaturationThreshold of its largest value, on a plateau) or
// passes no gradient (f' = 0) are shaded.
import { tex } from "../math.js";
import { block, onLang, fmt, t, pct } from "../i18n.js";
import { el, i18n, setI18n } from "../dom.js";
import { colors } from "../palette.js";
import { Plot, niceTicks } from "../plot.js";
import { call } from "../model.js";
import { firstSeen } from "../viewport.js";
import { actOptions } from "./neuron.js";

const X0 = -6;
const X1 = 6;
const N = 481;

export default function mount(demo, { ready }) {
  const xs = Array.from({ length: N }, (_, i) => X0 + ((X1 - X0) * i) / (N - 1));
  const st = { name: "sigmoid", alpha: NaN, res: null, cursor: 0 };

  const sel = el("select", { id: "act-fn" });
  ready.then(() => actOptions(sel, st.name), () => {});
  const alpha = el("input", { type: "range", id: "act-alpha", min: "0", max: "1", step: "0.01", value: "0.25" });
  const alphaOut = el("output", { for: "act-alpha" });
  const alphaNone = el("span", { class: "muted", ...i18n("act.alphaNone") });
  const formulas = el("div", { class: "act-formulas" });
  const canvas = el("canvas", { class: "plot act-plot", tabindex: "0", role: "img", "data-i18n-attr": "aria-label:act.plot" });
  const legendSat = el("span", i18n("act.legendSat", { p: "…" }));
  const legend = el("ul", { class: "legend" },
    el("li", {}, el("span", { class: "swatch line", style: `background:${colors.blue}` }), el("span", i18n("act.legendF"))),
    el("li", {}, el("span", { class: "swatch dash", style: `border-color:${colors.red}` }), el("span", i18n("act.legendD"))),
    el("li", {}, el("span", { class: "swatch box sat" }), legendSat),
    el("li", {}, el("span", { class: "swatch box zero" }), el("span", i18n("act.legendZero"))));
  const cursor = el("p", { class: "cursor-readout mono", "aria-live": "off" });
  const props = el("ul", { class: "props" });
  const err = el("p", { class: "error", hidden: true });

  demo.append(
    el("div", { class: "controls row" },
      el("label", { for: "act-fn", class: "slider" }, el("span", i18n("act.fn")), sel),
      el("label", { for: "act-alpha", class: "slider alpha" }, el("span", i18n("act.alpha")), alpha, alphaOut, alphaNone)),
    formulas,
    el("div", { class: "plot-wrap" }, canvas),
    legend, cursor, props, err,
  );

  const plot = new Plot(canvas, { x: [X0, X1], y: [-1.5, 1.5], pad: [12, 12, 24, 36] });
  plot.draw = draw;

  sel.addEventListener("change", () => {
    st.name = sel.value;
    st.alpha = NaN;
    update(true);
  });
  alpha.addEventListener("input", () => {
    st.alpha = Number(alpha.value);
    update(false);
  });
  canvas.addEventListener("pointermove", (e) => {
    const r = canvas.getBoundingClientRect();
    st.cursor = plot.ix(e.clientX - r.left);
    draw();
  });
  canvas.addEventListener("keydown", (e) => {
    const d = { ArrowLeft: -0.1, ArrowRight: 0.1 }[e.key];
    if (d === undefined) return;
    e.preventDefault();
    st.cursor = Math.max(X0, Math.min(X1, st.cursor + d));
    draw();
  });

  function update(resetAlpha) {
    if (!window.nnstepGo) return;
    try {
      st.res = call("activation", st.name, st.alpha, xs);
      err.hidden = true;
    } catch (e) {
      err.hidden = false;
      err.textContent = e.message;
      return;
    }
    const r = st.res;
    const ar = r.alphaRange; // [min, max, step], from core's table
    alpha.hidden = alphaOut.hidden = !r.hasAlpha;
    alphaNone.hidden = r.hasAlpha;
    if (r.hasAlpha && resetAlpha) {
      alpha.min = String(ar[0]);
      alpha.max = String(ar[1]);
      alpha.step = String(ar[2]);
      alpha.value = String(r.alpha);
    }
    alphaOut.textContent = r.hasAlpha ? fmt(r.alpha, 3) : "";
    const a = r.hasAlpha ? `\\quad (\\alpha = ${fmt(r.alpha, 3).replace(",", "{,}")})` : "";
    formulas.innerHTML = `<div class="formula">${tex(`f(x) = ${r.tex}${a}`, true)}</div><div class="formula">${tex(`f'(x) = ${r.dtex}`, true)}</div>`;
    // y range from the numbers, within reason.
    let lo = -1.2;
    let hi = 1.2;
    for (let i = 0; i < N; i++) {
      for (const v of [r.f[i], r.d[i]]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    plot.y = [Math.max(-6.5, lo - 0.2), Math.min(6.5, hi + 0.2)];
    regions(r);
    properties(r);
    draw();
  }

  function regions(r) {
    const maxD = Math.max(...r.d.map(Math.abs));
    st.zero = runs((i) => r.d[i] === 0);
    // Core's rule (act.Func.Saturated): a plateau of a saturating function,
    // where |f'| < satThreshold · maxD; an exact 0 is shaded as no gradient.
    st.sat = r.saturates ? runs((i) => r.d[i] !== 0 && Math.abs(r.d[i]) < r.satThreshold * r.maxD) : [];
    st.maxD = maxD;
    setI18n(legendSat, "act.legendSat", { p: pct(r.satThreshold) });
    canvas.dataset.sat = JSON.stringify(st.sat);
  }

  function runs(pred) {
    const out = [];
    let start = -1;
    for (let i = 0; i <= N; i++) {
      const on = i < N && pred(i);
      if (on && start < 0) start = i;
      if (!on && start >= 0) {
        out.push([xs[start], xs[i - 1]]);
        start = -1;
      }
    }
    return out;
  }

  function properties(r) {
    const lo = Math.min(...r.f);
    const hi = Math.max(...r.f);
    let zero = t("common.no");
    if (st.zero.length) {
      const all = st.zero.length === 1 && st.zero[0][0] === X0 && st.zero[0][1] === X1;
      zero = all ? t("act.zeroEverywhere") : t("act.zeroWhere");
    }
    props.replaceChildren(
      el("li", { text: t("act.saturates", { v: r.saturates ? t("common.yes") : t("common.no") }) }),
      el("li", { text: t("act.zeroGrad", { v: zero }) }),
      el("li", { text: t("act.range", { lo: fmt(lo, 3), hi: fmt(hi, 3) }) }),
      el("li", { text: t("act.maxD", { v: fmt(st.maxD, 3) }) }),
    );
  }

  function draw() {
    const r = st.res;
    if (!r) return;
    plot.begin();
    for (const [a, b] of st.sat) plot.band(a - 0.0125, b + 0.0125, "rgba(204,121,167,0.18)");
    for (const [a, b] of st.zero) plot.band(a - 0.0125, b + 0.0125, "rgba(107,114,128,0.22)");
    plot.axes({ xTicks: niceTicks(X0, X1, 6), yTicks: niceTicks(plot.y[0], plot.y[1], 5) });
    plot.line(xs, r.f, { color: colors.blue, width: 2.5 });
    plot.line(xs, r.d, { color: colors.red, width: 2, dash: [6, 4] });
    const i = Math.max(0, Math.min(N - 1, Math.round(((st.cursor - X0) / (X1 - X0)) * (N - 1))));
    plot.dot(xs[i], r.f[i], { color: colors.blue });
    plot.dot(xs[i], r.d[i], { color: colors.red, shape: "square" });
    cursor.textContent = t("act.cursor", { x: fmt(xs[i], 3), f: fmt(r.f[i], 4), d: fmt(r.d[i], 4) });
  }

  onLang(() => {
    if (st.res) {
      properties(st.res);
      update(false);
    }
  });
  // The α of the section's text are core's defaults (core/act), written
  // with the page's decimal separator.
  const intro = demo.parentElement && demo.parentElement.querySelector(".intro");
  let defaults = null;
  function alphaText() {
    if (!intro) return;
    const v = (name) => (defaults ? fmt(defaults.find((a) => a.name === name).alpha, 3).replace(",", "{,}") : "\\ldots");
    const vars = { alphaPrelu: v("prelu"), alphaLeaky: v("leaky_relu") };
    intro.dataset.i18nVars = JSON.stringify(vars);
    intro.innerHTML = block(intro.dataset.i18nBlock, vars);
  }
  alphaText();
  onLang(alphaText);
  ready.then(() => {
    try {
      defaults = call("activations");
    } catch (e) {
      return;
    }
    alphaText();
  }, () => {});
  Promise.all([ready, firstSeen(demo)]).then(() => update(true), () => {});
}


