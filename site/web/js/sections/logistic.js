// Section 3: logistic regression (one sigmoid neuron) on the stage: on
// linearly separable data the frontier is a straight line and it works; on
// XOR it cannot; one hidden layer fixes it.
import { inline } from "../math.js";
import { el, presetButtons, stageNote, statsLine, whenVisible, onLang, fmt, t } from "./util.js";

// Training pauses by itself after 1000 epochs (stop): enough to see the
// frontier settle, and the stage does not keep the machine busy.
const BASE = { n: "200", noise: "0.1", seed: "1", output: "binary", batch: "10", traceBatch: "4", stop: "1000" };
const PRESETS = {
  linear: { ...BASE, dataset: "linear", layers: "2-1", act: "sigmoid", lr: "0.3" },
  xor: { ...BASE, dataset: "xor", layers: "2-1", act: "sigmoid", lr: "0.3" },
  hidden: { ...BASE, dataset: "xor", layers: "2-4-1", act: "tanh,sigmoid", lr: "0.3" },
};

export default function mount(demo, { ready }) {
  const status = el("p", { class: "error", hidden: true });
  const line = el("p", { class: "frontier-line" });
  let chosen = null;
  const buttons = presetButtons(ready, PRESETS,
    [["linear", "logistic.linear"], ["xor", "logistic.xor"], ["hidden", "logistic.hidden"]],
    status, (key) => { if (key) chosen = key; show(); });
  demo.append(
    stageNote(),
    buttons,
    statsLine(ready),
    line,
    status,
  );

  // The learnt line, read from the stage's current network.
  function show() {
    const n = window.nnstep;
    if (!n || typeof n.trace !== "function") return;
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
    let verdict = "";
    if (chosen === "linear") verdict = " " + t("logistic.verdictGood");
    if (chosen === "xor") verdict = " " + t("logistic.verdictBad");
    line.innerHTML = inline(t("logistic.line", { w1: num(w1), w2: num(w2), b: num(T.b[0][0]) }) + verdict);
  }
  let timer = 0;
  whenVisible(line, (v) => {
    clearInterval(timer);
    if (v) {
      show();
      timer = setInterval(show, 700);
    }
  });
  onLang(show);
  ready.then(show, () => {});
}
