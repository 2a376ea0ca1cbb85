// Section 3: logistic regression (one sigmoid neuron) on the stage: on
// linearly separable data the frontier is a straight line and it works; on
// XOR it cannot; one hidden layer fixes it.
import { inline } from "../math.js";
import { derivation } from "../derivations.js";
import { onLang, fmt, t, pct } from "../i18n.js";
import { el } from "../dom.js";
import { followModel } from "../model.js";
import { presetButtons, stageNote, statsLine } from "./stage-controls.js";

// Training pauses by itself after 1000 epochs (stop): enough to see the
// frontier settle, and the stage does not keep the machine busy.
// The line "separates the classes" from this training accuracy on: the
// noisy linear data leave a few points on the wrong side of the best line.
const SEPARATES = 0.95;

const BASE = { n: "200", noise: "0.1", seed: "1", output: "binary", batch: "10", traceBatch: "4", stop: "1000" };
const PRESETS = {
  linear: { ...BASE, dataset: "linear", layers: "2-1", act: "sigmoid", lr: "0.3" },
  xor: { ...BASE, dataset: "xor", layers: "2-1", act: "sigmoid", lr: "0.3" },
  hidden: { ...BASE, dataset: "xor", layers: "2-4-1", act: "tanh,sigmoid", lr: "0.3" },
};

export default function mount(demo, { ready }) {
  const status = el("p", { class: "error", hidden: true });
  const line = el("p", { class: "frontier-line" });
  const buttons = presetButtons(ready, PRESETS,
    [["linear", "logistic.linear"], ["xor", "logistic.xor"], ["hidden", "logistic.hidden"]],
    status, () => show());
  demo.append(
    stageNote(),
    buttons,
    statsLine(ready),
    line,
    status,
    derivation("sigmoid-prime"),
  );

  // The learnt line, read from the stage's current network.
  function show() {
    const n = window.nnstep;
    if (!n || !n.go) return; // not ready yet
    let T;
    try {
      T = n.trace();
    } catch (e) {
      return;
    }
    if (!T || !T.W) return;
    if (T.W.length !== 1 || T.W[0].length !== 1 || T.layers[0] !== 2) {
      line.innerHTML = inline(t("logistic.noLine"));
      return;
    }
    const [w1, w2] = T.W[0][0];
    const num = (v) => fmt(v, 3).replace(",", "{,}");
    // The verdict is the measured training accuracy's, whatever the preset.
    const s = n.stats();
    const acc = s && typeof s.trainAccuracy === "number" && Number.isFinite(s.trainAccuracy) ? s.trainAccuracy : null;
    let verdict = "";
    if (acc !== null) {
      const xor = (n.state() || {}).dataset === "xor";
      const key = acc >= SEPARATES ? "logistic.verdictGood" : xor ? "logistic.verdictBad" : "logistic.verdictNotYet";
      verdict = " " + t(key, { a: pct(acc), e: s.epoch });
      line.dataset.verdict = key.slice("logistic.verdict".length).toLowerCase();
    } else {
      delete line.dataset.verdict;
    }
    line.dataset.accuracy = acc === null ? "" : String(acc);
    line.innerHTML = inline(t("logistic.line", { w1: num(w1), w2: num(w2), b: num(T.b[0][0]) }) + verdict);
  }
  followModel(line, show, 700);
  onLang(show);
  ready.then(show, () => {});
}
