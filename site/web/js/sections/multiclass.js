// Section 9: softmax. The student edits z; core computes the naive and the
// stable forms and the Jacobian (nnstepGo.softmax). [4000, 5000, 6000]
// gives NaN naively and [0, 0, 1] stably. Then a 3-class spiral on the stage.
import { parseNumber } from "../number.js";
import { onLang, fmt, t } from "../i18n.js";
import { el, i18n } from "../dom.js";
import { call, stagePreset } from "../model.js";
import { firstSeen } from "../viewport.js";
import { statsLine } from "./stage-controls.js";
import { tex, inline } from "../math.js";
import { derivation, refreshDerivations } from "../derivations.js";

const PRESETS = [[4, 5, 6], [4000, 5000, 6000], [1, 2, 3, 4], [-2, 0, 2]];
const SPIRAL = { dataset: "spiral", classes: "3", n: "300", noise: "0.1", seed: "1", layers: "2-16-16-3", act: "relu,relu,softmax", output: "multi", lr: "0.03", batch: "10", stop: "0" };

export default function mount(demo, { ready }) {
  let current = null; // the last softmax of z, for the Jacobian's derivation
  const input = el("input", { type: "text", id: "sm-z", value: "4000 5000 6000", spellcheck: "false", autocomplete: "off", inputmode: "text" });
  const bad = el("p", { class: "error", role: "alert", hidden: true });
  const presets = el("div", { class: "btn-row" }, el("span", { class: "muted", ...i18n("multi.preset") }));
  for (const z of PRESETS) {
    presets.append(el("button", { type: "button", class: "btn small mono", "data-z": z.join(" "), onclick: () => { input.value = z.join(" "); update(); } }, `[${z.join(", ")}]`));
  }
  const naive = el("div", { class: "sm-col" });
  const stable = el("div", { class: "sm-col" });
  const jac = el("div", { class: "sm-jac" });
  const note = el("p", { class: "muted small" });
  const spiralErr = el("p", { class: "error", hidden: true });
  demo.append(
    el("label", { for: "sm-z", class: "slider wide" }, el("span", i18n("multi.input")), input),
    presets, bad,
    el("div", { class: "sm-side" }, naive, stable),
    note,
    jac,
    derivation("softmax-jacobian", { source: () => current }),
    el("div", { class: "btn-row" }, el("button", {
      type: "button", class: "btn", ...i18n("multi.spiral"),
      onclick: async () => {
        try {
          await ready;
          await stagePreset(SPIRAL);
          spiralErr.hidden = true;
        } catch (e) {
          spiralErr.hidden = false;
          spiralErr.textContent = e.message;
        }
      },
    })),
    el("p", { class: "muted small", ...i18n("multi.spiralNote") }),
    statsLine(ready),
    spiralErr,
    derivation("softmax-ce"),
  );
  input.addEventListener("input", update);

  function parse() {
    const parts = input.value.trim().split(/[\s;]+/).filter(Boolean);
    const z = [];
    for (const p of parts) {
      const r = parseNumber(p);
      if (r.error) return { error: p };
      z.push(r.value);
    }
    return { z };
  }

  // vector renders a result as a column table with the exact values.
  const vector = (kind, title, values, sumText) =>
    [el("h3", { class: "h-small", html: inline(title) }),
      el("table", { class: "vec", "data-softmax": kind },
        ...values.map((v, i) => el("tr", {},
          el("th", { scope: "row", html: tex(`a_{${i + 1}}`) }),
          el("td", { class: Number.isFinite(v) ? "mono" : "mono nonfinite", "data-value": String(v), text: fmt(v, 6) })))),
      el("p", { class: "muted small", text: sumText })];

  function update() {
    if (!window.nnstepGo) return;
    const p = parse();
    if (p.error !== undefined || !p.z.length) {
      bad.hidden = false;
      bad.textContent = t("multi.bad", { v: p.error ?? "" });
      return;
    }
    let r;
    try {
      r = call("softmax", p.z);
    } catch (e) {
      bad.hidden = false;
      bad.textContent = e.message;
      return;
    }
    bad.hidden = true;
    current = r;
    refreshDerivations();
    const sumNaive = r.naive.reduce((a, b) => a + b, 0);
    naive.replaceChildren(...vector("naive", t("multi.naive"), r.naive, t("multi.sum", { s: fmt(sumNaive, 6) })));
    stable.replaceChildren(...vector("stable", t("multi.stable"), r.stable, t("multi.sum", { s: fmt(r.sum, 6) })));
    note.innerHTML = r.naive.some((v) => !Number.isFinite(v)) ? inline(t("multi.nanNote")) : "";
    const n = r.stable.length;
    const head = el("tr", {}, el("th"), ...r.stable.map((_, j) => el("th", { scope: "col", html: tex(`z_{${j + 1}}`) })));
    jac.replaceChildren(
      el("h3", { class: "h-small", html: inline(t("multi.jacobian")) }),
      el("div", { class: "mat-scroll" }, el("table", { class: "jac", "data-softmax": "jacobian" }, head,
        ...r.jacobian.map((row, i) => el("tr", {}, el("th", { scope: "row", html: tex(`a_{${i + 1}}`) }),
          ...row.map((v, j) => el("td", { class: i === j ? "mono diag" : "mono", "data-value": String(v), text: fmt(v, 4) })))))),
    );
  }
  onLang(update);
  Promise.all([ready, firstSeen(demo)]).then(() => update(), () => {});
}
