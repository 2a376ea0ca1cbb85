// numpycell.js: the step-through's "write it in NumPy" cell and its
// Jupyter export (docs/frontend.md, "NumPy cells"; docs/notebook.md).
// The student types the NumPy expression of the current op; the lesson
// module evaluates it on the op's matrices (nnstep.checkNumPy) and the cell
// shows whether it is right, marks the result's cells that differ, words
// NumPy's errors and gives the lecture's hint for the slip the module found.
import { t, fmt } from "./i18n.js";
import { inline } from "./math.js";
import { el, download } from "./dom.js";

// The cell stays open from op to op once opened; what was typed is kept
// per op until the network's shape changes, and an expression that was run
// is run again when the op is drawn again (a new trace while training, the
// language switched), so its verdict stays on screen and follows the trace.
const S = { open: false, typed: new Map(), ran: new Map(), shape: "" };

function api() {
  const n = window.nnstep;
  if (!n || typeof n.checkNumPy !== "function") throw new Error("window.nnstep.checkNumPy is not available");
  return n;
}

// shapeText writes a shape as NumPy prints it: (4, 6), (3,), ().
function shapeText(s) {
  return s.length === 1 ? `(${s[0]},)` : `(${s.join(", ")})`;
}

// numpyCell returns the cell for op i of trace T, placed by the step-through
// after the op's matrices; result is the op's result table.
export function numpyCell(T, op, i, article) {
  const key = JSON.stringify([T.layers, T.activations, T.loss]);
  if (key !== S.shape) {
    S.shape = key;
    S.typed.clear();
    S.ran.clear();
  }
  const input = el("input", { type: "text", id: "np-expr", class: "np-expr", spellcheck: "false", autocomplete: "off", autocapitalize: "off", "aria-describedby": "np-help np-names" });
  input.value = S.typed.get(i) ?? "";
  input.setAttribute("aria-label", t("np.label", { name: op.result.name }));
  // The label shows the assignment, dZ2 =; the input's name says it in words.
  const prefix = el("code", { class: "np-prefix" });
  const label = el("label", { for: "np-expr" }, prefix);
  const names = el("p", { id: "np-names", class: "muted small np-names" });
  const feedback = el("p", { class: "np-feedback", role: "status", "aria-live": "polite" });
  const hint = el("p", { class: "np-hint" });
  const value = el("div", { class: "np-value" });
  const run = el("button", { type: "button", class: "btn primary np-run", text: t("np.run") });
  const cell = el("details", { class: "np-cell" },
    el("summary", { text: t("np.title") }),
    el("p", { id: "np-help", class: "muted small", text: t("np.help") }),
    names,
    el("div", { class: "np-row" }, label, input, run),
    feedback, hint, value);
  const fill = () => {
    try {
      const r = api().numpyNames(i);
      if (r.error) throw new Error(r.error);
      prefix.textContent = `${r.name} =`;
      input.setAttribute("aria-label", t("np.label", { name: r.name }));
      names.textContent = t("np.names", { names: r.names.join(", ") });
      cell.dataset.name = r.name;
    } catch (e) {
      names.textContent = e.message;
    }
  };
  cell.open = S.open;
  if (S.open) fill();
  cell.addEventListener("toggle", () => {
    S.open = cell.open;
    if (cell.open && !cell.dataset.name) fill();
  });
  input.addEventListener("input", () => {
    S.typed.set(i, input.value);
    S.ran.delete(i);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      check();
    }
  });
  run.addEventListener("click", check);
  if (S.open && S.ran.has(i) && S.ran.get(i) === input.value) check();

  function clear() {
    article.querySelectorAll(".st-result td.np-diff").forEach((td) => td.classList.remove("np-diff"));
    feedback.className = "np-feedback";
    hint.replaceChildren();
    value.replaceChildren();
    input.removeAttribute("aria-invalid");
  }

  function check() {
    clear();
    if (!cell.dataset.name) fill();
    const expr = input.value.trim();
    S.ran.set(i, input.value);
    if (!expr) {
      feedback.textContent = t("np.empty", { example: "np.sum(X, axis=1, keepdims=True)" });
      return;
    }
    let r;
    try {
      r = api().checkNumPy(i, expr);
    } catch (e) {
      feedback.textContent = e.message;
      return;
    }
    cell.dataset.ok = String(!!r.ok);
    if (r.ok) {
      feedback.textContent = t("np.ok", { name: cell.dataset.name || op.result.name });
      feedback.className = "np-feedback good";
      return;
    }
    feedback.className = "np-feedback bad";
    input.setAttribute("aria-invalid", "true");
    const lines = [];
    if (r.error) lines.push(t("np.error", { e: r.error }));
    else if (r.cells.length) {
      const table = article.querySelector(".st-result table[data-matrix]");
      for (const [rr, cc] of r.cells) table?.querySelector(`td[data-r="${rr}"][data-c="${cc}"]`)?.classList.add("np-diff");
      const [r0, c0] = r.cells[0];
      const want = table?.querySelector(`td[data-r="${r0}"][data-c="${c0}"]`)?.dataset.value;
      lines.push(t("np.cells", { n: r.cells.length, k: r.want[0] * r.want[1] }));
      lines.push(t("np.cell", { r: r0 + 1, c: c0 + 1, got: fmt(r.data[r0][c0]), want: want === undefined ? "?" : fmt(Number(want)) }));
    } else lines.push(t("np.shape", { got: shapeText(r.shape), want: shapeText(r.want) }));
    feedback.textContent = lines.join(" ");
    if (r.hint) {
      const own = T.activations[op.layer - 1];
      const h = t(`np.hint.${r.hint}`, { name: r.name, act: r.name, own: own || "", want: shapeText(r.want) });
      hint.innerHTML = inline(t("step.hint", { h }));
      hint.dataset.hint = r.hint;
    }
    if (r.data && !r.error) value.append(valueTable(r));
  }
  return cell;
}

// valueTable shows the student's value (at most 8 rows and columns), its
// differing cells marked as in the result table.
function valueTable(r) {
  const bad = new Set(r.cells.map(([a, b]) => `${a},${b}`));
  const rows = r.data.slice(0, 8);
  return el("figure", { class: "mat mat-np" },
    el("figcaption", { text: `${t("np.value")} ${shapeText(r.shape)}` }),
    el("div", { class: "mat-scroll" },
      el("table", { "data-np-value": "" },
        el("tbody", {}, ...rows.map((row, a) =>
          el("tr", {}, ...row.slice(0, 8).map((v, b) =>
            el("td", { class: bad.has(`${a},${b}`) ? "np-diff" : null, text: fmt(v) }))))))));
}

// notebookWords is the notebook's prose in the page's language
// (core/notebook's Words).
export function notebookWords() {
  return {
    title: t("nb.title"),
    intro: t("nb.intro"),
    exercise: t("nb.exercise"),
    setup: t("nb.setup"),
    phases: Object.fromEntries(["forward", "cost", "backward", "update"].map((p) => [p, t(`step.phase.${p}`)])),
    layer: t("nb.layer"),
    chain: t("nb.chain"),
    todo: t("nb.todo"),
  };
}

// notebookScript is the solution notebook as one Python script, in the
// "percent" format that VS Code, Spyder and jupytext read as cells
// (# %% before each code cell, # %% [markdown] before commented prose):
// the same code and the same assertions, for a student without Jupyter.
export function notebookScript() {
  const text = window.nnstep.notebook("solution");
  if (typeof text !== "string") throw new Error(text && text.error);
  return JSON.parse(text).cells.map((c) => {
    const src = [].concat(c.source).join("");
    return c.cell_type === "markdown"
      ? "# %% [markdown]\n" + src.split("\n").map((l) => (l ? "# " + l : "#")).join("\n")
      : "# %%\n" + src;
  }).join("\n\n") + "\n";
}

// notebookButtons are the two downloads of the step-through's export.
export function notebookButtons() {
  return ["solution", "exercise"].map((v) =>
    el("button", {
      type: "button", class: "btn small", "data-notebook": v, "data-i18n": v === "solution" ? "step.exportNbSolution" : "step.exportNbExercise",
      onclick: () => {
        const text = window.nnstep.notebook(v);
        if (typeof text !== "string") throw new Error(text && text.error);
        download(`nnstep-${v}.ipynb`, text, "application/x-ipynb+json");
      },
    }));
}
