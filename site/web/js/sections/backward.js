// Section 7: the summary table of slide 37 (the step-through itself is
// placed here by stepper.js during the backward phase), and the gradient
// check of the step-through's network and batch (nnstep.gradcheck()).
import { fmt, t, onLang } from "../i18n.js";
import { el, i18n } from "../dom.js";
import { call } from "../model.js";
import { tex, inline } from "../math.js";
import { onRender } from "../stepper.js";
import { derivation } from "../derivations.js";

// gradcheck compares backpropagation's dW, db with finite differences of
// the cost, for the network, parameters and batch of nnstep.trace().
export function gradcheck() {
  const T = window.nnstep.trace();
  const q = {};
  for (const k of ["layers", "activations", "loss", "W", "b", "X", "Y"]) q[k] = T[k];
  return call("gradcheck", q);
}

const ROWS_L = [
  [String.raw`\frac{\partial C}{\partial A^{[L]}}`, String.raw`\frac{-y}{A^{[L]}} + \frac{1-y}{1-A^{[L]}}`],
  [String.raw`\frac{\partial C}{\partial Z^{[L]}}`, String.raw`A^{[L]} - y`],
  [String.raw`\frac{\partial C}{\partial W^{[L]}}`, String.raw`\frac{1}{m} \, \frac{\partial C}{\partial Z^{[L]}} \cdot A^{[L-1]T}`],
  [String.raw`\frac{\partial C}{\partial b^{[L]}}`, String.raw`\frac{1}{m} \sum_{i=1}^{m} \frac{\partial C}{\partial Z^{[L]}}`],
];
const ROWS_l = [
  [String.raw`\frac{\partial C}{\partial Z^{[l]}}`, String.raw`W^{[l+1]T} \cdot \frac{\partial C}{\partial Z^{[l+1]}} * \sigma'^{[l]}(Z^{[l]})`],
  [String.raw`\frac{\partial C}{\partial W^{[l]}}`, String.raw`\frac{1}{m} \, \frac{\partial C}{\partial Z^{[l]}} \cdot A^{[l-1]T}`],
  [String.raw`\frac{\partial C}{\partial b^{[l]}}`, String.raw`\frac{1}{m} \sum_{i=1}^{m} \frac{\partial C}{\partial Z^{[l]}}`],
];

// Up to ALL_ENTRIES parameters, the table lists them all; beyond, the
// TOP_ENTRIES with the largest relative error.
const ALL_ENTRIES = 40;
const TOP_ENTRIES = 12;

// entriesTable shows backpropagation's dW, db beside the finite
// differences, one row per parameter.
function entriesTable(g) {
  let rows = g.entries;
  const all = rows.length <= ALL_ENTRIES;
  if (!all) rows = [...rows].sort((a, b) => (b.atKink ? -1 : b.relError) - (a.atKink ? -1 : a.relError)).slice(0, TOP_ENTRIES);
  const name = (e) => (e.param === "W" ? `dW^{[${e.layer}]}_{${e.row + 1}${e.col + 1}}` : `db^{[${e.layer}]}_{${e.row + 1}}`);
  const head = el("tr", {},
    el("th", { scope: "col", text: t("backward.gcParam") }),
    el("th", { scope: "col", text: t("backward.gcBackprop") }),
    el("th", { scope: "col", text: t("backward.gcNumeric") }),
    el("th", { scope: "col", text: t("backward.gcRel") }));
  return el("div", { class: "mat-scroll" },
    el("table", { class: "gradcheck-table", "data-entries": all ? "all" : "top" },
      el("caption", { text: t(all ? "backward.gcAll" : "backward.gcTop", { n: rows.length, total: g.entries.length }) }),
      head,
      ...rows.map((e) => el("tr", { "data-param": `${e.param}[${e.layer}][${e.row}][${e.col}]`, "data-analytic": String(e.analytic), "data-numeric": String(e.numeric) },
        el("th", { scope: "row", html: tex(name(e)) }),
        el("td", { class: "mono", text: fmt(e.analytic, 8) }),
        el("td", { class: "mono", text: fmt(e.numeric, 8) }),
        el("td", { class: "mono", "data-rel": e.atKink ? "" : String(e.relError), text: e.atKink ? t("backward.gcKink") : fmt(e.relError, 2) })))));
}

export default function mount(demo, { ready }) {
  const table = (title, rows) =>
    el("table", { class: "summary" },
      el("caption", { html: tex(title) }),
      ...rows.map(([a, b]) => el("tr", {}, el("th", { scope: "row", html: tex(`\\displaystyle ${a}`) }), el("td", { html: tex(`\\displaystyle = ${b}`) }))));
  demo.append(
    el("details", { class: "summary-box", open: true },
      el("summary", i18n("backward.summary")),
      el("div", { class: "summary-tables" }, table("l = L", ROWS_L), table("l < L", ROWS_l))),
    ...["output-dz", "dw", "db", "hidden-dz"].map((k) => derivation(k)),
    el("div", { class: "stepper-slot" }),
  );
  const out = el("div", { class: "gradcheck-out", role: "status" });
  const box = el("details", { class: "summary-box gradcheck" },
    el("summary", i18n("backward.gradcheck")),
    el("p", { ...i18n("backward.gradcheckWhy") }),
    el("button", { type: "button", class: "btn small", ...i18n("backward.gradcheckRun"), onclick: () => show() }),
    out);
  demo.insertBefore(box, demo.querySelector(".stepper-slot"));
  let last = null;
  function show() {
    try {
      last = gradcheck();
    } catch (e) {
      out.textContent = e.message;
      return;
    }
    render();
  }
  function render() {
    if (!last) return;
    const g = last;
    out.replaceChildren(
      el("p", { "data-max-rel-error": String(g.maxRelError), text: t("backward.gradcheckResult", { e: fmt(g.maxRelError, 3), n: g.checked, k: g.atKink, h: fmt(g.h, 1) }) }),
      el("p", { class: "mono", text: t("backward.gradcheckWorst", { p: g.worst, a: fmt(g.analytic, 10), num: fmt(g.numeric, 10) }) }),
      entriesTable(g),
      el("p", { class: "muted small", html: inline(t("backward.gradcheckSmall")) }));
  }
  onLang(render);
  // A new trace (training, settings) makes the last result stale.
  let seen = null;
  onRender((op, T) => {
    if (seen && T !== seen) {
      last = null;
      out.replaceChildren();
    }
    seen = T;
  });
  ready.then((n) => {
    n.gradcheck = gradcheck;
  }, () => {});
}
