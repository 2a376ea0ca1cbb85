// Section 4: the architecture, edited on the stage. Three presets set the
// output layer for regression, binary and multi-class problems; the table
// lists the shapes of W[l] and b[l] for the stage's current architecture.
import { onLang, t } from "../i18n.js";
import { el, i18n } from "../dom.js";
import { followModel } from "../model.js";
import { firstSeen } from "../viewport.js";
import { presetButtons, stageNote } from "./stage-controls.js";
import { tex } from "../math.js";

const PRESETS = {
  regression: { dataset: "plane", n: "200", noise: "0.1", layers: "2-8-1", act: "tanh,identity", output: "regression", lr: "0.03", batch: "10", stop: "0" },
  binary: { dataset: "moons", n: "200", noise: "0.1", layers: "2-8-8-1", act: "relu,relu,sigmoid", output: "binary", lr: "0.03", batch: "10", stop: "0" },
  multi: { dataset: "gauss", classes: "3", n: "200", noise: "0.2", layers: "2-8-3", act: "relu,softmax", output: "multi", lr: "0.03", batch: "10", stop: "0" },
};

function parseList(v, sep) {
  if (Array.isArray(v)) return v;
  return String(v ?? "").split(sep).filter(Boolean);
}

export default function mount(demo, { ready }) {
  const err = el("p", { class: "error", hidden: true });
  const table = el("table", { class: "shapes" });
  const total = el("p", { class: "muted" });
  const buttons = presetButtons(ready, PRESETS,
    [["regression", "network.regression"], ["binary", "network.binary"], ["multi", "network.multi"]],
    err, () => show());
  demo.append(
    stageNote(),
    buttons,
    el("h3", { class: "h-small", ...i18n("network.shapes") }),
    el("div", { class: "mat-scroll" }, table),
    total,
    err,
  );

  let last = "";
  function show(force) {
    const n = window.nnstep;
    if (!n || !n.go) return; // not ready yet
    let s;
    try {
      s = n.state();
    } catch (e) {
      return;
    }
    const layers = parseList(s.layers, "-").map(Number);
    const acts = parseList(s.act, ",");
    const key = JSON.stringify([layers, acts, document.documentElement.lang]);
    if (key === last && !force) return;
    last = key;
    if (layers.length < 2) return;
    let params = 0;
    const rows = [el("tr", {},
      el("th", { scope: "col", text: t("network.colLayer") }),
      el("th", { scope: "col", text: t("network.colW") }),
      el("th", { scope: "col", text: t("network.colB") }),
      el("th", { scope: "col", text: t("network.colAct") }))];
    rows.push(el("tr", {}, el("td", { html: tex("0") }), el("td", { colspan: "3", class: "muted", text: t("network.input", { n: layers[0] }) })));
    for (let l = 1; l < layers.length; l++) {
      params += layers[l] * layers[l - 1] + layers[l];
      rows.push(el("tr", {},
        el("td", { html: tex(String(l)) }),
        el("td", { html: tex(`W^{[${l}]}: ${layers[l]} \\times ${layers[l - 1]}`) }),
        el("td", { html: tex(`b^{[${l}]}: ${layers[l]} \\times 1`) }),
        el("td", { class: "mono", text: acts[l - 1] ? t(`act.name.${acts[l - 1]}`) : "" })));
    }
    table.replaceChildren(...rows);
    total.textContent = t("network.total", { n: params });
  }
  followModel(table, () => show(), 800);
  onLang(() => show(true));
  Promise.all([ready, firstSeen(demo)]).then(() => show(true), () => {});
}
