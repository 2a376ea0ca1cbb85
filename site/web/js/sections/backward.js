// Section 7: the summary table of slide 37 (the step-through itself is
// placed here by stepper.js during the backward phase).
import { el, i18n } from "./util.js";
import { tex } from "../math.js";

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

export default function mount(demo) {
  const table = (title, rows) =>
    el("table", { class: "summary" },
      el("caption", { html: tex(title) }),
      ...rows.map(([a, b]) => el("tr", {}, el("th", { scope: "row", html: tex(`\\displaystyle ${a}`) }), el("td", { html: tex(`\\displaystyle = ${b}`) }))));
  demo.append(
    el("details", { class: "summary-box", open: true },
      el("summary", i18n("backward.summary")),
      el("div", { class: "summary-tables" }, table("l = L", ROWS_L), table("l < L", ROWS_l))),
    el("div", { class: "stepper-slot" }),
  );
}
