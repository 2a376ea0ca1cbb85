// Section 6: the cost of the current step-through batch, per example (C_i)
// and averaged (C), read from the trace's cost ops.
import { fmt, t, onLang } from "../i18n.js";
import { el, i18n } from "../dom.js";
import { onRender, currentTrace } from "../stepper.js";
import { derivation } from "../derivations.js";

export default function mount(demo) {
  const box = el("div", { class: "cost-box" });
  demo.append(el("h3", { class: "h-small", ...i18n("cost.table") }), box, derivation("output-da"), el("div", { class: "stepper-slot" }));
  let lastT = null;
  function show(T) {
    if (!T || !T.ops) return;
    lastT = T;
    const ci = T.ops.find((o) => o.result.sym === "C_i");
    const c = T.ops.find((o) => o.result.sym === "C");
    if (!ci || !c) return;
    const L = T.layers.length - 1;
    const A = T.A[L];
    const Y = T.Y;
    const m = ci.value[0].length;
    const max = Math.max(...ci.value[0].map((v) => (Number.isFinite(v) ? v : 0)), 1e-12);
    const col = (M, j) => M.map((r) => fmt(r[j], 3)).join(" ; ");
    const head = el("tr", {},
      el("th", { scope: "col", text: t("cost.example") }),
      el("th", { scope: "col", text: t("cost.yhat") }),
      el("th", { scope: "col", text: t("cost.y") }),
      el("th", { scope: "col", text: t("cost.ci") }),
      el("th", { scope: "col", "aria-hidden": "true" }));
    const rows = [head];
    for (let j = 0; j < m; j++) {
      const v = ci.value[0][j];
      rows.push(el("tr", {},
        el("td", { text: String(j + 1) }),
        el("td", { class: "mono", text: col(A, j) }),
        el("td", { class: "mono", text: col(Y, j) }),
        el("td", { class: "mono", "data-value": String(v), text: fmt(v, 4) }),
        el("td", { class: "barcell" }, el("span", { class: "bar", style: `width:${Math.max(1, (100 * (Number.isFinite(v) ? v : 0)) / max)}%` }))));
    }
    rows.push(el("tr", { class: "mean" },
      el("th", { scope: "row", colspan: "3", text: t("cost.mean") }),
      el("td", { class: "mono", "data-value": String(c.value[0][0]), text: fmt(c.value[0][0], 4) }),
      el("td")));
    const note = A.length > 1 ? el("p", { class: "muted small", text: t("cost.multi", { k: A.length }) }) : null;
    box.replaceChildren(el("div", { class: "mat-scroll" }, el("table", { class: "cost-table" }, ...rows)), ...(note ? [note] : []));
  }
  onRender((op, T) => {
    if (T !== lastT) show(T);
  });
  onLang(() => show(currentTrace()));
}
