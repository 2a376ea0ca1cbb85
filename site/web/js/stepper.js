// stepper.js: the step-through of sections 5–8. It shows, one at a time,
// the operations of nnstep.trace() (the ops of POST /api/trace for the same
// request): the formula, the chain rule of backward ops, the operand
// matrices and the result with their shapes and numbers. The panel
// (<div id="stepper">) moves to the section of the current op's phase.
//
// Hooks (docs/stage.md, "JS API"): the current op's element carries data-op-index;
// every matrix is <table data-matrix="NAME"> whose cells hold the full
// number in data-value.
import { t, fmt, onLang, applyI18n, lang } from "./i18n.js";
import { onChange } from "./events.js";
import { tex, inline, escapeHTML } from "./math.js";
import { el, i18n, download } from "./dom.js";
import { call, configureStage } from "./model.js";
import { reducedMotion, whenVisible } from "./viewport.js";
import { numberField, parseNumber } from "./number.js";
import { field as setting } from "./schema.js";
import { numpyCell, notebookButtons, notebookScript } from "./numpycell.js";

const PHASES = ["forward", "cost", "backward", "update"];
const PHASE_SECTION = { forward: "forward", cost: "cost", backward: "backward", update: "descent" };
const SLOT_SECTIONS = ["forward", "cost", "backward", "descent"];

const S = {
  T: null, // the trace object
  cur: 0,
  panel: null,
  slots: {}, // section key → slot element
  sections: {},
  history: [], // batch cost after each iteration run here
  iteration: 0,
  exercise: false,
  revealed: new Set(),
  playing: 0,
  stale: false, // the model changed while the autoplay ran
  lastKey: "",
  rendered: -1,
  listeners: new Set(),
  nnstep: null,
  error: "",
};

// onRender registers fn(op, trace) called after each render (the cost
// section reads the current trace through it).
export function onRender(fn) {
  S.listeners.add(fn);
  return () => S.listeners.delete(fn);
}

export function currentTrace() {
  return S.T;
}

export function mount({ ready, sections }) {
  S.sections = sections;
  const present = SLOT_SECTIONS.filter((k) => sections[k]);
  if (!present.length) return;
  for (const key of present) {
    const demo = sections[key].querySelector(".demo");
    let slot = demo.querySelector(".stepper-slot");
    if (!slot) {
      slot = el("div", { class: "stepper-slot" });
      demo.append(slot);
    }
    const away = el("p", { class: "stepper-away" },
      el("span", { class: "away-text" }),
      " ",
      el("button", { type: "button", class: "btn small", ...i18n("step.bring"), onclick: () => bringTo(key) }));
    slot.append(away);
    S.slots[key] = slot;
  }
  S.panel = buildPanel();
  place(present[0]);
  S.panel.querySelector(".st-body").replaceChildren(el("p", { class: "muted", ...i18n("step.unavailable") }));
  applyI18n(S.panel);
  document.addEventListener("keydown", onKey);
  onLang(() => {
    updateAway();
    if (!S.T) return;
    // The op is phrased again; the answers typed in the exercise stay.
    const typed = [...S.panel.querySelectorAll(".st-result .ex-in")].map((e) => [e.value, e.className]);
    render(S.cur);
    S.panel.querySelectorAll(".st-result .ex-in").forEach((e, k) => {
      if (k < typed.length) [e.value, e.className] = typed[k];
    });
  });
  ready.then((nnstep) => {
    S.nnstep = nnstep;
    if (typeof nnstep.onStep === "function") nnstep.onStep((i) => render(typeof i === "number" ? i : i && i.index));
    if (!load()) return;
    const q = new URLSearchParams(location.search);
    let start = q.has("step") ? Number(q.get("step")) : NaN;
    if (!Number.isInteger(start) || start < 0 || start >= S.T.ops.length) {
      start = 0;
      // Opened on one section (embedded, or ?section=): start at its phase.
      const key = present.length === 1 ? present[0] : q.get("section");
      const phase = Object.keys(PHASE_SECTION).find((p) => PHASE_SECTION[p] === key);
      if (phase) start = Math.max(0, S.T.ops.findIndex((o) => o.phase === phase));
    }
    // Show the op now; highlight it on the stage (nnstep.stepTo) only when
    // the URL asks for a step or once the panel comes into view, so the
    // stage stays clean while the student reads the first sections.
    if (new URLSearchParams(location.search).has("step")) stepTo(start, { scroll: false });
    else {
      render(start);
      let shown = false;
      whenVisible(S.panel, (v) => {
        if (v && !shown) {
          shown = true;
          stepTo(S.cur, { scroll: false });
        }
      });
    }
    // The model changed (settings, data, training): take the new trace at
    // once, and at most once a second while training runs (js/events.js).
    onChange(watchStage, { throttleMs: 1000 });
  }, (e) => {
    S.panel.querySelector(".st-body").replaceChildren(el("p", { class: "error", text: t("step.error", { e: e.message }) }));
  });
}

// ---- Trace -----------------------------------------------------------------

function load() {
  try {
    const T = S.nnstep.trace();
    if (!T || !Array.isArray(T.ops)) throw new Error(T && T.error ? T.error : "no ops");
    S.T = T;
    S.revealed.clear();
    S.lastKey = stageKey();
    if (!S.history.length || S.history[S.history.length - 1].fresh) {
      S.history = [{ k: 0, cost: T.cost }];
      S.iteration = 0;
    }
    buildOpList();
    syncBatch();
    return true;
  } catch (e) {
    S.panel.querySelector(".st-body").replaceChildren(el("p", { class: "error", text: t("step.error", { e: e.message }) }));
    return false;
  }
}

function stageKey() {
  try {
    const s = S.nnstep.stats ? S.nnstep.stats() : {};
    return JSON.stringify([s.version, s.epoch]);
  } catch (e) {
    return "";
  }
}

// The stage changed (training, settings): take the new trace, once the
// step-through's own autoplay stops if it runs.
function watchStage() {
  if (!S.T) return;
  if (S.playing) {
    S.stale = true;
    return;
  }
  S.stale = false;
  const k = stageKey();
  if (k === S.lastKey) return;
  S.history = [{ fresh: true }];
  if (!load()) return;
  const i = Math.min(S.cur, S.T.ops.length - 1);
  // Highlight on the stage only while the panel is read.
  if (inView(S.panel)) stepTo(i, { scroll: false });
  else render(i);
}

// fieldValue reads the matrix (rows) a reference names in T's fields, the
// trace's or the request's, a vector as a column; null when no field
// holds it (docs/api.md, "Trace format").
function fieldValue(T, ref) {
  const v = ref.field ? ("at" in ref ? T[ref.field]?.[ref.at] : T[ref.field]) : null;
  if (!v) return null;
  return v.map((x) => (Array.isArray(x) ? x : [x]));
}

// opValue returns the matrix (rows) an op produced: its value, or the
// field its result refers to.
export function opValue(T, op) {
  return op.value ?? fieldValue(T, op.result);
}

// valueOf returns the matrix (rows) that ref holds just before op i: the
// result of the latest earlier op of that name, or the field it names (the
// request's W[l], b[l] as a column, A[0] = X, Y).
export function valueOf(T, ref, i) {
  for (let j = i - 1; j >= 0; j--) if (T.ops[j].result.name === ref.name) return { rows: opValue(T, T.ops[j]), from: j };
  const rows = fieldValue(T, ref);
  if (!rows) return { rows: null, from: null };
  return { rows, from: ref.sym === "W" || ref.sym === "b" ? "param" : "req" };
}

// ---- Navigation ------------------------------------------------------------

export function stepTo(i, opts = {}) {
  if (!S.T) return;
  i = Math.max(0, Math.min(S.T.ops.length - 1, i | 0));
  S.scroll = opts.scroll !== false;
  S.rendered = -1;
  const n = S.nnstep;
  if (n && typeof n.stepTo === "function") {
    try {
      n.stepTo(i);
    } catch (e) {
      console.error("nnstep.stepTo:", e);
    }
  }
  if (S.rendered !== i) render(i); // nnstep.stepTo did not call us back
  S.scroll = false;
}

function onKey(e) {
  if (!S.T || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
  const tg = e.target;
  if (tg && (tg.isContentEditable || /^(INPUT|TEXTAREA|SELECT|CANVAS)$/.test(tg.tagName) || tg.getAttribute?.("role") === "slider")) return;
  e.preventDefault();
  stopPlay();
  stepTo(S.cur + (e.key === "ArrowRight" ? 1 : -1));
}

function togglePlay() {
  if (S.playing) {
    stopPlay();
    return;
  }
  if (S.cur >= S.T.ops.length - 1) stepTo(0);
  S.playing = setInterval(() => {
    if (S.cur >= S.T.ops.length - 1) stopPlay();
    else stepTo(S.cur + 1);
  }, reducedMotion() ? 1500 : 900);
  updatePlay();
}

function stopPlay() {
  if (!S.playing) return;
  clearInterval(S.playing);
  S.playing = 0;
  updatePlay();
  if (S.stale) watchStage();
}

function updatePlay() {
  const b = S.panel.querySelector(".st-play");
  b.dataset.i18nAttr = `aria-label:${S.playing ? "step.pause" : "step.play"};title:${S.playing ? "step.pause" : "step.play"}`;
  b.innerHTML = icon(S.playing ? "pause" : "play");
  b.setAttribute("aria-pressed", String(!!S.playing));
  applyI18n(b.parentElement);
}

function nextIteration(times) {
  stopPlay();
  try {
    for (let k = 0; k < times; k++) {
      if (S.nnstep && typeof S.nnstep.nextIteration === "function") S.nnstep.nextIteration();
      else call("nextIteration");
    }
  } catch (e) {
    S.panel.querySelector(".st-status").textContent = t("step.error", { e: e.message });
    return;
  }
  S.iteration += times;
  const keep = S.history;
  if (!load()) return;
  S.history = keep.concat([{ k: S.iteration, cost: S.T.cost }]);
  stepTo(S.cur, { scroll: false });
}

// ---- Panel -----------------------------------------------------------------

const ICONS = {
  first: "M5 4h2v16H5zM19 4v16L8 12z",
  prev: "M17 4v16L6 12z",
  play: "M7 4v16l13-8z",
  pause: "M6 4h4v16H6zM14 4h4v16h-4z",
  next: "M7 4v16l11-8z",
  last: "M17 4h2v16h-2zM5 4v16l11-8z",
};

function icon(name) {
  return `<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="${ICONS[name]}"/></svg>`;
}

function buildPanel() {
  const btn = (cls, label, sym, fn) =>
    el("button", { type: "button", class: `btn icon ${cls}`, "data-i18n-attr": `aria-label:${label};title:${label}`, onclick: fn, html: icon(sym) });
  const phases = el("div", { class: "st-phases", role: "group", "data-i18n-attr": "aria-label:step.phase" });
  for (const p of PHASES) {
    phases.append(el("button", {
      type: "button", class: `btn small phase-${p}`, "data-phase": p, ...i18n(`step.phase.${p}`),
      onclick: () => {
        stopPlay();
        const j = S.T.ops.findIndex((o) => o.phase === p);
        if (j >= 0) stepTo(j);
      },
    }));
  }
  const opSelect = el("select", { class: "st-opselect", id: "st-opselect" });
  opSelect.addEventListener("change", () => {
    stopPlay();
    stepTo(Number(opSelect.value));
  });
  // m is read by js/number.js (a whole number) and kept in the schema's
  // range of traceBatch (js/schema.js); it shows the default until the
  // trace loads.
  const batch = el("input", { id: "st-batch" });
  S.batchField = numberField(batch, { id: "st-batch", label: () => t("step.batch"), integer: true, onValue: (v) => {
    const f = setting("traceBatch");
    const m = Math.max(f.min, Math.min(f.max, v));
    S.batchField.set(m);
    try {
      configureStage({ traceBatch: String(m) });
    } catch (e) {
      S.panel.querySelector(".st-status").textContent = t("step.error", { e: e.message });
      return;
    }
    S.history = [{ fresh: true }];
    if (load()) stepTo(Math.min(S.cur, S.T.ops.length - 1), { scroll: false });
  } });
  const ex = el("input", { type: "checkbox", id: "st-exercise" });
  ex.addEventListener("change", () => {
    S.exercise = ex.checked;
    S.revealed.clear();
    render(S.cur);
  });

  const panel = el("div", { id: "stepper", class: "stepper", role: "region", "data-i18n-attr": "aria-label:step.title" },
    el("div", { class: "st-bar" },
      el("div", { class: "st-nav" },
        btn("st-first", "step.first", "first", () => { stopPlay(); stepTo(0); }),
        btn("st-prev", "step.prev", "prev", () => { stopPlay(); stepTo(S.cur - 1); }),
        btn("st-play", "step.play", "play", togglePlay),
        btn("st-next", "step.next", "next", () => { stopPlay(); stepTo(S.cur + 1); }),
        btn("st-last", "step.last", "last", () => { stopPlay(); stepTo(S.T.ops.length - 1); }),
        el("span", { class: "st-counter", "aria-live": "polite" })),
      phases,
      el("div", { class: "st-fields" },
        el("label", { for: "st-opselect" }, el("span", i18n("step.op")), opSelect),
        el("label", { for: "st-batch" }, el("span", i18n("step.batch")), batch),
        el("label", { class: "check", for: "st-exercise" }, ex, el("span", i18n("step.exercise"))))),
    el("ol", { class: "st-timeline", "aria-hidden": "true" }),
    el("div", { class: "st-body" }),
    el("div", { class: "st-iter" },
      el("div", { class: "st-iter-buttons" },
        el("button", { type: "button", class: "btn primary st-nextiter", ...i18n("step.nextIter"), onclick: () => nextIteration(1) }),
        el("button", { type: "button", class: "btn st-nextiter10", onclick: () => nextIteration(10) }, "×10"),
        el("span", { class: "muted small", ...i18n("step.nextIterHelp") })),
      el("div", { class: "st-history" }),
      el("p", { class: "st-status", role: "status" })),
    el("details", { class: "st-export" },
      el("summary", i18n("step.export")),
      el("p", { class: "muted small", ...i18n("step.exportHelp") }),
      el("div", { class: "st-export-buttons" },
        el("button", { type: "button", class: "btn small", ...i18n("step.exportJSON"), onclick: () => download("nnstep-trace.json", JSON.stringify(S.T, null, 1), "application/json") }),
        el("button", { type: "button", class: "btn small", ...i18n("step.exportCSV"), onclick: () => download("nnstep-batch.csv", exportCSV(S.T), "text/csv") }),
        el("button", { type: "button", class: "btn small", ...i18n("step.exportPy"), onclick: () => download("nnstep_check.py", notebookScript(), "text/x-python") }),
        ...notebookButtons())),
  );
  return panel;
}

function buildOpList() {
  const sel = S.panel.querySelector(".st-opselect");
  sel.replaceChildren(...S.T.ops.map((o, i) => el("option", { value: String(i) }, `${i} · ${o.result.name}`)));
  const tl = S.panel.querySelector(".st-timeline");
  tl.replaceChildren(...S.T.ops.map((o, i) => el("li", { class: `phase-${o.phase}`, "data-step": String(i), title: `${i} · ${o.result.name}`, onclick: () => { stopPlay(); stepTo(i); } })));
}

function syncBatch() {
  if (S.T && S.T.X && S.T.X[0]) S.batchField.set(S.T.X[0].length);
}

function place(key) {
  const slot = S.slots[key];
  if (!slot || S.panel.parentElement === slot) return false;
  const wasVisible = S.panel.isConnected && inView(S.panel);
  slot.append(S.panel);
  S.at = key;
  updateAway();
  return wasVisible;
}

function bringTo(key) {
  if (!S.T) {
    place(key);
    return;
  }
  const phase = Object.keys(PHASE_SECTION).find((p) => PHASE_SECTION[p] === key);
  const j = S.T.ops.findIndex((o) => o.phase === phase);
  stepTo(j >= 0 ? j : S.cur, { scroll: false });
  // The reader asked for it here: go there, wherever the panel was (render
  // only follows a panel that was in view).
  S.panel.scrollIntoView({ block: "start" });
}

function updateAway() {
  for (const [key, slot] of Object.entries(S.slots)) {
    const away = slot.querySelector(".stepper-away");
    const here = S.panel.parentElement === slot;
    away.hidden = here;
    slot.classList.toggle("holds-stepper", here);
    if (!here && S.at) away.querySelector(".away-text").textContent = t("step.here", { sec: t(`sec.${S.at}`) });
  }
}

function inView(e) {
  const r = e.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}

// ---- Rendering -------------------------------------------------------------

// localTeX writes the decimal numbers of a formula from core (η = 0.03,
// α = 0.01) with the page's decimal separator: a comma in French.
export function localTeX(src) {
  return lang() === "fr" ? src.replace(/(\d)\.(?=\d)/g, "$1{,}") : src;
}

function shapeOf(rows) {
  if (!rows || !rows.length) return "0×0";
  return `${rows.length}×${rows[0].length}`;
}

function num(v) {
  return v === null || v === undefined ? NaN : v;
}

function cellText(v) {
  return v === null || v === undefined ? t("step.nonFinite") : fmt(v);
}

// matrixHTML renders one matrix as a table[data-matrix] (docs/lesson.md); ref names it (its name
// and TeX from the trace).
function matrixHTML(ref, rows, { role = "operand", from = null, hidden = false, opIndex = 0 } = {}) {
  const name = ref.name;
  const shape = shapeOf(rows);
  let src = "";
  if (from === "param") src = t("step.fromParam");
  else if (from === "req") src = t("step.fromReq");
  else if (typeof from === "number") src = t("step.fromOp", { i: from });
  let body = "";
  if (rows) {
    for (let r = 0; r < rows.length; r++) {
      body += "<tr>";
      for (let c = 0; c < rows[r].length; c++) {
        const v = rows[r][c];
        if (hidden) {
          const label = escapeHTML(t("step.exCell", { name, r: r + 1, c: c + 1 }));
          body += `<td data-r="${r}" data-c="${c}"><input class="ex-in" inputmode="decimal" autocomplete="off" aria-label="${label}" data-r="${r}" data-c="${c}"></td>`;
        } else {
          const cls = v === null || (typeof v === "number" && !Number.isFinite(v)) ? ' class="nonfinite"' : "";
          body += `<td data-r="${r}" data-c="${c}" data-value="${String(num(v))}"${cls} tabindex="-1">${escapeHTML(cellText(v))}</td>`;
        }
      }
      body += "</tr>";
    }
  }
  const jump = typeof from === "number" ? ` data-from="${from}"` : "";
  return `<figure class="mat mat-${role}"${jump}>
<figcaption><span class="mat-name">${tex(ref.tex)}</span> <span class="shape">${shape}</span>${src ? ` <span class="src">${escapeHTML(src)}</span>` : ""}</figcaption>
<div class="mat-scroll"><table data-matrix="${escapeHTML(name)}"${hidden ? ' data-hidden="true"' : ""}><tbody>${body}</tbody></table></div>
</figure>`;
}

function render(i) {
  if (!S.T) return;
  if (typeof i !== "number" || !(i >= 0 && i < S.T.ops.length)) return;
  const t0 = performance.now();
  const T = S.T;
  const op = T.ops[i];
  S.cur = i;
  S.rendered = i;
  const moved = place(PHASE_SECTION[op.phase]);

  const hidden = S.exercise && !S.revealed.has(i);
  let ops = "";
  for (const ref of op.operands) {
    const v = valueOf(T, ref, i);
    ops += matrixHTML(ref, v.rows, { from: v.from, opIndex: i });
  }
  const phaseLabel = t(`step.phase.${op.phase}`);
  const html = `<article class="st-op phase-${op.phase}" data-op-index="${i}" aria-labelledby="st-op-title">
<header class="st-op-head"><span class="phase-badge phase-${op.phase}">${escapeHTML(phaseLabel)}</span>
<span class="muted">${escapeHTML(t("step.layer", { l: op.layer }))}</span>
<h3 id="st-op-title" class="st-op-title">${tex(op.result.tex)} <span class="muted small">#${i}</span></h3></header>
<div class="st-formula" role="group" aria-label="${escapeHTML(t("step.formula"))}">${tex(localTeX(op.latex), true)}</div>
${op.chain ? `<div class="st-chain"><span class="st-label">${escapeHTML(t("step.chain"))}</span>${tex(localTeX(op.chain), true)}</div>` : ""}
<div class="st-mats">
<div class="st-operands"><span class="st-label">${escapeHTML(t("step.operands"))}</span><div class="st-operand-list">${ops}</div></div>
<div class="st-result"><span class="st-label">${escapeHTML(t("step.result"))}</span>${matrixHTML(op.result, opValue(T, op), { role: "result", hidden })}</div>
</div>
${hidden ? exerciseHTML() : ""}
</article>`;
  const body = S.panel.querySelector(".st-body");
  body.innerHTML = html;
  if (hidden) wireExercise(body, op, i);
  const article = body.querySelector(".st-op");
  article.append(numpyCell(T, op, i, article));
  wireHover(body, op);

  // Toolbar.
  S.panel.querySelector(".st-counter").textContent = t("step.counter", { i, n: T.ops.length - 1 });
  S.panel.querySelector(".st-opselect").value = String(i);
  for (const b of S.panel.querySelectorAll(".st-phases button")) b.setAttribute("aria-pressed", String(b.dataset.phase === op.phase));
  const tl = S.panel.querySelector(".st-timeline");
  tl.querySelector("[aria-current]")?.removeAttribute("aria-current");
  tl.children[i]?.setAttribute("aria-current", "step");
  S.panel.querySelector(".st-prev").disabled = i === 0;
  S.panel.querySelector(".st-first").disabled = i === 0;
  S.panel.querySelector(".st-next").disabled = i === T.ops.length - 1;
  S.panel.querySelector(".st-last").disabled = i === T.ops.length - 1;
  S.panel.querySelector(".st-iter").hidden = op.phase !== "update";
  renderHistory();

  // The panel moved to another section: go there at once (a smooth scroll
  // would aim at where it was before the page's layout settled), below the
  // page's bar (html's scroll-padding-top).
  if (moved && S.scroll) S.panel.scrollIntoView({ block: "start" });
  for (const fn of S.listeners) fn(op, T);
  S.renderMs = performance.now() - t0;
}

function renderHistory() {
  const h = S.panel.querySelector(".st-history");
  const items = S.history.filter((x) => !x.fresh && x.cost !== undefined);
  const key = lang() + JSON.stringify(items);
  if (h.dataset.key === key) return;
  h.dataset.key = key;
  if (!items.length) {
    h.replaceChildren();
    return;
  }
  const max = Math.max(...items.map((x) => (Number.isFinite(x.cost) ? x.cost : 0)), 1e-12);
  h.replaceChildren(
    el("p", { class: "st-label", ...i18n("step.history") }),
    el("ol", { class: "st-costs" }, ...items.map((x) =>
      el("li", {},
        // The largest cost's bar takes 40 % of the line (the text beside
        // it the rest): a bar's width is in proportion to its cost.
        el("span", { class: "bar", "data-cost": String(x.cost), style: `width:${Math.max(1, (40 * (Number.isFinite(x.cost) ? x.cost : 0)) / max)}%` }),
        el("span", { class: "txt", text: t("step.iterCost", { k: x.k, c: fmt(x.cost, 6) }) })))),
  );
  applyI18n(h);
}

// ---- Exercise mode ---------------------------------------------------------

function exerciseHTML() {
  return `<div class="st-exercise">
<p class="muted small">${escapeHTML(t("step.exHelp"))}</p>
<div class="st-ex-buttons"><button type="button" class="btn primary ex-check">${escapeHTML(t("step.check"))}</button>
<button type="button" class="btn ex-reveal">${escapeHTML(t("step.reveal"))}</button></div>
<p class="ex-feedback" role="status" aria-live="polite"></p>
<p class="ex-hint"></p>
</div>`;
}

// parseAnswer reads a number typed by a student with js/number.js (the
// page's rule for every number field), NaN spelled out: null when
// nothing is typed, undefined when it is not a number.
export function parseAnswer(s) {
  if (/^\s*nan\s*$/i.test(s)) return NaN;
  const r = parseNumber(s, lang());
  if (r.error === "empty") return null;
  return r.error ? undefined : r.value;
}

// close reports whether a typed answer matches: within 1 % of the value
// or 0.005, which forgives working from the rounded numbers shown.
export function close(x, v) {
  if (v === null || !Number.isFinite(v)) return Number.isNaN(x);
  return Math.abs(x - v) <= 0.005 + 0.01 * Math.abs(v);
}

function wireExercise(body, op, i) {
  const value = opValue(S.T, op);
  const fb = body.querySelector(".ex-feedback");
  const hint = body.querySelector(".ex-hint");
  const inputs = [...body.querySelectorAll(".ex-in")];
  body.querySelector(".ex-check").addEventListener("click", () => {
    let filled = 0;
    let wrong = 0;
    let firstWrong = null;
    for (const inp of inputs) {
      const r = Number(inp.dataset.r);
      const c = Number(inp.dataset.c);
      const x = parseAnswer(inp.value);
      inp.classList.remove("right", "wrong");
      inp.removeAttribute("aria-invalid");
      if (x === null) continue;
      if (x === undefined) {
        fb.textContent = t("step.exBad", { v: inp.value });
        fb.className = "ex-feedback bad";
        inp.classList.add("wrong");
        inp.setAttribute("aria-invalid", "true");
        return;
      }
      filled++;
      if (close(x, value[r][c])) inp.classList.add("right");
      else {
        wrong++;
        inp.classList.add("wrong");
        inp.setAttribute("aria-invalid", "true");
        if (!firstWrong) firstWrong = [r, c];
      }
    }
    hint.innerHTML = "";
    clearInvolved(body);
    if (!filled) {
      fb.textContent = t("step.exEmpty");
      fb.className = "ex-feedback";
      return;
    }
    if (wrong) {
      fb.textContent = t("step.exWrong", { n: wrong, k: filled });
      fb.className = "ex-feedback bad";
      hint.innerHTML = inline(t("step.hint", { h: hintFor(op, firstWrong[0], firstWrong[1]) }));
      markInvolved(body, op, firstWrong[0], firstWrong[1]);
      return;
    }
    if (filled === inputs.length) {
      S.revealed.add(i);
      render(i);
      const f = S.panel.querySelector(".st-status");
      f.textContent = t("step.exAllRight");
      const again = S.panel.querySelector(".st-op");
      again.append(el("p", { class: "ex-feedback good", role: "status", text: t("step.exAllRight") }));
      return;
    }
    fb.textContent = t("step.exRight", { n: filled });
    fb.className = "ex-feedback good";
  });
  body.querySelector(".ex-reveal").addEventListener("click", () => {
    S.revealed.add(i);
    render(i);
  });
  for (const inp of inputs) {
    inp.addEventListener("keydown", (e) => {
      if (e.key === "Enter") body.querySelector(".ex-check").click();
    });
  }
}

function hintFor(op, r, c) {
  const T = S.T;
  const L = T.layers.length - 1;
  const l = op.result.layer ?? 0;
  const v = { r: r + 1, c: c + 1, l, lp: l - 1, ln: l + 1, m: T.X[0].length, eta: fmt(T.learning_rate, 6) };
  let key;
  switch (op.result.sym) {
    case "Z": key = "hint.Z"; break;
    case "A": key = T.activations[l - 1] === "softmax" ? "hint.Asoftmax" : "hint.A"; break;
    case "sigma_prime": key = "hint.prime"; break;
    case "C_i": key = "hint.Ci"; v.l = L; break;
    case "C": key = "hint.C"; break;
    case "dA": key = l === L ? "hint.dAL" : "hint.dA"; break;
    case "dZ": key = l === L ? (T.loss === "mse" ? "hint.dZmse" : "hint.dZL") : "hint.dZ"; break;
    case "dW": key = "hint.dW"; break;
    case "db": key = "hint.db"; break;
    case "W_next": key = "hint.Wn"; break;
    case "b_next": key = "hint.bn"; break;
  }
  const formula = `$${localTeX(op.latex)}$`;
  return (key ? t(key, v) + " " : "") + formula;
}

// involved lists, for cell (r, c) of the op's result, the operand cells it
// is computed from: [operand name, predicate(row, col)], the predicate
// chosen by the result's and the operand's symbols.
function involved(op, r, c) {
  const T = S.T;
  const l = op.result.layer ?? 0;
  const same = (i, j) => i === r && j === c;
  const row = (i) => i === r;
  const column = (i, j) => j === c;
  const by = {
    Z: { W: row, A: column, b: row },
    A: { Z: T.activations[l - 1] === "softmax" ? column : same },
    sigma_prime: { Z: same },
    C_i: { A: column, Y: column },
    C: { C_i: () => true },
    dA: { A: same, Y: same, W: (i, j) => j === r, dZ: column },
    dZ: { A: same, Y: same, dA: same, sigma_prime: same },
    dW: { dZ: row, A: (i) => i === c },
    db: { dZ: row },
    W_next: { W: same, dW: same },
    b_next: { b: row, db: row },
  }[op.result.sym] ?? {};
  return op.operands.filter((o) => by[o.sym]).map((o) => [o.name, by[o.sym]]);
}

function clearInvolved(body) {
  for (const td of body.querySelectorAll("td.involved, td.focus")) td.classList.remove("involved", "focus");
}

function markInvolved(body, op, r, c) {
  clearInvolved(body);
  for (const [name, pred] of involved(op, r, c)) {
    const table = [...body.querySelectorAll(".st-operands table[data-matrix]")].find((x) => x.dataset.matrix === name);
    if (!table) continue;
    for (const td of table.querySelectorAll("td")) if (pred(Number(td.dataset.r), Number(td.dataset.c))) td.classList.add("involved");
  }
  body.querySelector(`.st-result td[data-r="${r}"][data-c="${c}"]`)?.classList.add("focus");
}

// Pointing at (or focusing) a result cell lights up the cells it comes from.
function wireHover(body, op) {
  const res = body.querySelector(".st-result table");
  if (!res) return;
  const at = (e) => {
    const td = e.target.closest("td");
    if (!td) return;
    markInvolved(body, op, Number(td.dataset.r), Number(td.dataset.c));
  };
  res.addEventListener("pointerover", at);
  res.addEventListener("focusin", at);
  res.addEventListener("pointerleave", () => clearInvolved(body));
  for (const fig of body.querySelectorAll("figure[data-from]")) {
    fig.querySelector("figcaption").addEventListener("click", () => stepTo(Number(fig.dataset.from)));
    fig.querySelector("figcaption").classList.add("link");
  }
}

// ---- Export ----------------------------------------------------------------

// exportCSV writes the batch: x1…xn then the label (class index for
// classification, the target for regression), the stage's CSV format.
export function exportCSV(T) {
  const n = T.X.length;
  const m = T.X[0].length;
  const k = T.Y.length;
  const classify = T.loss !== "mse";
  const head = [...Array(n)].map((_, i) => `x${i + 1}`);
  if (classify) head.push("label");
  else for (let i = 0; i < k; i++) head.push(k === 1 ? "y" : `y${i + 1}`);
  const lines = [head.join(",")];
  for (let j = 0; j < m; j++) {
    const row = T.X.map((r) => String(r[j]));
    if (classify && k === 1) row.push(String(T.Y[0][j] >= 0.5 ? 1 : 0));
    else if (classify) {
      let best = 0;
      for (let i = 1; i < k; i++) if (T.Y[i][j] > T.Y[best][j]) best = i;
      row.push(String(best));
    } else for (let i = 0; i < k; i++) row.push(String(T.Y[i][j]));
    lines.push(row.join(","));
  }
  return lines.join("\n") + "\n";
}

// For the page's tests and the browser benchmark.
window.nnstepLesson = Object.assign(window.nnstepLesson || {}, {
  exportCSV: () => exportCSV(S.T),
  exportNumPy: () => notebookScript(),
  current: () => S.cur,
  // renderMs: how long the last op took to render (the lesson's share of a step).
  renderMs: () => S.renderMs,
});
