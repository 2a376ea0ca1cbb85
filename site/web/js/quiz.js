// quiz.js: the checks of understanding, two or three questions at the end
// of each section (docs/lesson.md, "Checks of understanding").
//
// The questions are declared once, in QUESTIONS below: the section, the
// kind and, for the questions whose answer is a number or a shape, how the
// answer is computed from the current model (the trace, the settings, core's
// activation table and softmax through the bridge): nothing here holds an
// expected number. Their texts are Markdown blocks a teacher edits like the
// rest of the prose, site/web/lesson/<lang>/11-questions.md, keyed
// q.<id>.prompt, q.<id>.explain (number, shape), q.<id>.<choice> and
// q.<id>.<choice>.why (choice).
//
// Progress is kept in localStorage (STORE), per section, shown in the table
// of contents and, in an iframe, posted to the parent page:
// {type: "nnstep:progress", section, answered, correct, total}
// (docs/delivery.md).
import { t, lang, onLang, block, fmt, pct } from "./i18n.js";
import { inline } from "./math.js";
import { parseNumber } from "./number.js";
import { el } from "./dom.js";
import { call, followModel, stagePreset } from "./model.js";

export const STORE = "nnstep:quiz";

// Kinds: number (one number typed, within TOLERANCE of the answer),
// shape (rows × columns of a matrix), choice (radios; correct names the
// right one; observe: settings a button runs on the stage, to see what the
// question asked to predict).
const TOLERANCE = 0.005; // relative: the answer to three significant digits

const last = (a) => a[a.length - 1];
const dims = (m) => [m.length, m[0].length];
const col = (m, j) => m.map((r) => r[j]);
// The layer a shape question asks about: 2 when the network has one, else 1.
const shapeLayer = (T) => Math.min(2, T.W.length);
const actOf = (m, name) => m.acts.find((a) => a.name === name);

export const QUESTIONS = [
  { id: "neuron.z", section: "neuron", kind: "number",
    compute: ({ T }) => ({
      vars: { w: vec(T.W[0][0]), b: fmt(T.b[0][0]), x: vec(col(T.A[0], 0)) },
      answer: T.Z[0][0][0],
    }) },
  { id: "neuron.linear", section: "neuron", kind: "choice", choices: ["collapse", "speed", "range"], correct: "collapse" },

  { id: "act.deriv", section: "activations", kind: "number",
    compute: (m) => {
      const name = m.st.act.split(",")[0];
      const a = actOf(m, name);
      const x = -2;
      return {
        vars: { act: t(`act.name.${name}`), alpha: a.hasAlpha ? t("quiz.alpha", { alpha: fmt(a.alpha) }) : "", x: fmt(x), dtex: a.dtex },
        answer: call("activation", name, a.alpha, [x]).d[0],
      };
    } },
  { id: "act.step", section: "activations", kind: "choice", choices: ["flat", "cost", "range"], correct: "flat" },

  { id: "logistic.xor", section: "logistic", kind: "choice", choices: ["line", "curve", "cross"], correct: "line",
    observe: { n: "200", noise: "0.1", seed: "1", output: "binary", batch: "10", traceBatch: "4", dataset: "xor", layers: "2-1", act: "sigmoid", lr: "0.3", stop: "100" } },
  { id: "logistic.frontier", section: "logistic", kind: "choice", choices: ["level", "linear", "early"], correct: "level" },

  { id: "network.shape", section: "network", kind: "shape",
    compute: ({ T }) => {
      const l = shapeLayer(T);
      return { vars: { l, layers: arch(T) }, answer: dims(T.W[l - 1]) };
    } },
  { id: "network.count", section: "network", kind: "number",
    compute: ({ T }) => ({
      vars: { layers: arch(T) },
      answer: T.W.reduce((s, W, i) => s + W.length * W[0].length + T.b[i].length, 0),
    }) },

  { id: "forward.shape", section: "forward", kind: "shape",
    compute: ({ T }) => ({ vars: { m: T.A[0][0].length, n: T.layers[1] }, answer: dims(T.A[1]) }) },
  { id: "forward.bias", section: "forward", kind: "choice", choices: ["broadcast", "error", "first"], correct: "broadcast" },

  { id: "cost.first", section: "cost", kind: "number",
    compute: ({ T }) => {
      const op = T.ops.find((o) => o.result.sym === "C_i");
      return {
        vars: { a: vec(col(last(T.A), 0)), y: vec(col(T.Y, 0)), formula: op.latex },
        answer: op.value[0][0],
      };
    } },
  { id: "cost.why", section: "cost", kind: "choice", choices: ["flat", "faster", "never"], correct: "flat" },

  { id: "backward.shape", section: "backward", kind: "shape",
    compute: ({ T }) => {
      const l = shapeLayer(T);
      return { vars: { l, layers: arch(T) }, answer: dims(T.dW[l - 1]) };
    } },
  { id: "backward.db", section: "backward", kind: "number",
    compute: ({ T }) => ({
      vars: { dz: vec(last(T.dZ)[0]), L: T.W.length, m: T.A[0][0].length },
      answer: last(T.db)[0],
    }) },
  { id: "backward.amy", section: "backward", kind: "choice", choices: ["cancel", "definition", "any"], correct: "cancel" },

  { id: "descent.update", section: "descent", kind: "number",
    compute: ({ T, st }) => ({
      vars: { L: T.W.length, w: fmt(last(T.W)[0][0]), dw: fmt(last(T.dW)[0][0]), eta: fmt(st.lr) },
      answer: last(T.W_next)[0][0],
    }) },
  { id: "descent.eta", section: "descent", kind: "choice", choices: ["lower", "higher", "longer"], correct: "lower" },

  { id: "multi.uniform", section: "multiclass", kind: "number",
    compute: ({ T }) => {
      const k = Math.max(2, last(T.layers));
      return { vars: { k }, answer: call("softmax", new Array(k).fill(0)).stable[0] };
    } },
  { id: "multi.max", section: "multiclass", kind: "choice", choices: ["overflow", "sharpen", "sum"], correct: "overflow" },

  { id: "path.vanish", section: "pathologies", kind: "number",
    compute: (m) => {
      const k = Math.max(1, m.T.W.length - 1);
      const max = actOf(m, "sigmoid").maxD;
      return { vars: { k, L: m.T.W.length, max: fmt(max) }, answer: max ** k };
    } },
  { id: "path.zero", section: "pathologies", kind: "choice", choices: ["symmetry", "infinite", "slow"], correct: "symmetry" },
];

// arch writes the architecture as the URL does (2-4-4-1), with
// non-breaking hyphens so that it is not cut at the end of a line.
const arch = (T) => T.layers.join("\u2011");

// vec writes a column of numbers for reading: (0,5 ; −1,2) in French,
// (0.5, −1.2) in English; a single number alone.
function vec(xs) {
  if (xs.length === 1) return fmt(xs[0]);
  return `(${xs.map((x) => fmt(x)).join(lang() === "fr" ? " ; " : ", ")})`;
}

// ---- Progress ---------------------------------------------------------------

// The stored answers: {[id]: {correct: bool}}, the last answer to each.
function loadAnswers() {
  try {
    const v = JSON.parse(localStorage.getItem(STORE) || "{}");
    return v && typeof v === "object" ? v : {};
  } catch (e) {
    return {};
  }
}

function saveAnswers(a) {
  try {
    localStorage.setItem(STORE, JSON.stringify(a));
  } catch (e) {
    // storage refused (private mode, quota): the answers last for the visit
  }
}

let answers = loadAnswers();

// progress counts a section's questions, those answered and those whose
// last answer was right.
export function progress(section) {
  const qs = QUESTIONS.filter((q) => q.section === section);
  const done = qs.filter((q) => answers[q.id]);
  return { section, answered: done.length, correct: done.filter((q) => answers[q.id].correct).length, total: qs.length };
}

const progressListeners = [];

function record(q, correct) {
  answers[q.id] = { correct };
  saveAnswers(answers);
  changed(q.section);
}

function resetSection(section) {
  for (const q of QUESTIONS) if (q.section === section) delete answers[q.id];
  saveAnswers(answers);
  changed(section);
}

function changed(section) {
  const p = progress(section);
  for (const fn of progressListeners) fn(p);
  post(p);
}

// post sends a section's progress to the embedding page, if any.
function post(p) {
  if (window.parent === window) return;
  window.parent.postMessage({ type: "nnstep:progress", ...p }, "*");
}

// tocBadges shows each section's progress beside its link in the table of
// contents: "correct/total" on screen, a sentence for screen readers.
function tocBadges() {
  const badges = {};
  for (const a of document.querySelectorAll("#toc a[data-toc]")) {
    const key = a.dataset.toc;
    if (!QUESTIONS.some((q) => q.section === key)) continue;
    const id = `toc-quiz-${key}`;
    const b = el("span", { class: "toc-quiz", id, "data-toc-quiz": key });
    a.after(b);
    a.setAttribute("aria-describedby", id);
    badges[key] = b;
  }
  const show = (p) => {
    const b = badges[p.section];
    if (!b) return;
    b.hidden = p.answered === 0;
    b.dataset.correct = String(p.correct);
    b.dataset.answered = String(p.answered);
    b.dataset.total = String(p.total);
    b.classList.toggle("all", p.correct === p.total);
    b.replaceChildren(
      el("span", { "aria-hidden": "true" }, `${p.correct}/${p.total}`),
      el("span", { class: "quiz-sr" }, t("quiz.progress", p)),
    );
  };
  const all = () => { for (const key of Object.keys(badges)) show(progress(key)); };
  progressListeners.push(show);
  onLang(all);
  all();
}

// ---- Questions --------------------------------------------------------------

// model gathers what the computed questions read, once per render.
function model() {
  const n = window.nnstep;
  return { T: n.trace(), st: n.state(), acts: call("activations") };
}

function mountQuestion(q, n, ready) {
  const id = `q-${q.id.replace(/\./g, "-")}`;
  const prompt = el("div", { class: "quiz-prompt", id: `${id}-p` });
  const feedback = el("div", { class: "quiz-feedback", id: `${id}-f`, role: "status" });
  const mark = el("span", { class: "quiz-mark" });
  const box = el("div", { class: "quiz-q", id, "data-question": q.id, "data-kind": q.kind });
  const head = el("p", { class: "quiz-head" }, el("span", { class: "quiz-num" }), mark);
  let current = null; // {vars, answer} of the model shown
  let verdict = null; // the feedback shown: {correct, choice}

  const check = el("button", { type: "button", class: "btn primary small", "data-quiz-check": "" });
  const form = el("div", { class: "quiz-answer" });
  let read; // returns the answer typed or chosen, or {error: key}
  if (q.kind === "choice") {
    const group = el("fieldset", { class: "quiz-choices", "aria-labelledby": `${id}-p` });
    for (const c of q.choices) {
      const rid = `${id}-${c}`;
      group.append(el("div", { class: "quiz-choice" },
        el("input", { type: "radio", name: id, id: rid, value: c }),
        el("label", { for: rid, "data-choice-label": c })));
    }
    form.append(group);
    read = () => {
      const r = group.querySelector("input:checked");
      return r ? { value: r.value } : { error: "quiz.choose" };
    };
  } else if (q.kind === "number") {
    const input = el("input", { type: "text", id: `${id}-in`, inputmode: "decimal", autocomplete: "off", spellcheck: "false", "aria-describedby": `${id}-p` });
    form.append(el("label", { for: `${id}-in`, class: "quiz-field" }, el("span", { "data-quiz-label": "quiz.answer" }), input));
    read = () => {
      const r = parseNumber(input.value);
      return r.error ? { error: "quiz.number" } : { value: r.value };
    };
  } else {
    const rows = el("input", { type: "text", id: `${id}-r`, inputmode: "numeric", autocomplete: "off", size: "3", "aria-describedby": `${id}-p` });
    const cols = el("input", { type: "text", id: `${id}-c`, inputmode: "numeric", autocomplete: "off", size: "3", "aria-describedby": `${id}-p` });
    form.append(
      el("label", { for: `${id}-r`, class: "quiz-field" }, el("span", { "data-quiz-label": "quiz.rows" }), rows),
      el("span", { class: "quiz-times", "aria-hidden": "true" }, "×"),
      el("label", { for: `${id}-c`, class: "quiz-field" }, el("span", { "data-quiz-label": "quiz.cols" }), cols));
    read = () => {
      const r = parseNumber(rows.value, lang(), { integer: true });
      const c = parseNumber(cols.value, lang(), { integer: true });
      return r.error || c.error ? { error: "quiz.shape" } : { value: [r.value, c.value] };
    };
  }
  form.append(check);

  let observe = null;
  let observed = null;
  if (q.observe) {
    observe = el("button", { type: "button", class: "btn small", "data-quiz-observe": "" });
    observed = el("p", { class: "quiz-observed", role: "status" });
    observe.addEventListener("click", async () => {
      await ready;
      await stagePreset(q.observe);
      observed.dataset.waiting = "1";
      showObserved();
    });
  }
  box.append(head, prompt, form, feedback);
  if (observe) box.append(el("div", { class: "btn-row" }, observe), observed);

  function isRight(v) {
    if (q.kind === "choice") return v === q.correct;
    if (q.kind === "shape") return v[0] === current.answer[0] && v[1] === current.answer[1];
    const a = current.answer;
    return Math.abs(v - a) <= TOLERANCE * Math.abs(a) + 1e-9;
  }

  check.addEventListener("click", () => {
    if (q.kind !== "choice" && !current) return;
    const r = read();
    if (r.error) {
      verdict = { error: r.error };
    } else {
      verdict = { correct: isRight(r.value), choice: q.kind === "choice" ? r.value : null };
      record(q, verdict.correct);
    }
    render();
  });

  // showObserved says what the run of observe gave, once it stopped.
  function showObserved() {
    if (!observed || !observed.dataset.waiting) return;
    const s = window.nnstep.stats();
    if (s.playing || !(s.epoch > 0)) { observed.textContent = ""; return; }
    observed.innerHTML = inline(t("quiz.observed", { e: s.epoch, a: pct(s.trainAccuracy) }));
  }

  // labels writes the texts that do not depend on the model: the page
  // shows them (and names every control) before the module runs.
  function labels() {
    head.firstChild.textContent = t("quiz.number.of", { n });
    for (const s of form.querySelectorAll("[data-quiz-label]")) s.textContent = t(s.dataset.quizLabel);
    check.textContent = t("quiz.check");
    if (observe) observe.textContent = t("quiz.observe");
    for (const l of form.querySelectorAll("[data-choice-label]")) l.innerHTML = inline(t(`q.${q.id}.${l.dataset.choiceLabel}`));
    if (!q.compute) prompt.innerHTML = block(`q.${q.id}.prompt`);
  }

  function render() {
    labels();
    const stored = answers[q.id];
    mark.textContent = stored ? t(stored.correct ? "quiz.mark.right" : "quiz.mark.wrong") : "";
    mark.dataset.state = stored ? (stored.correct ? "right" : "wrong") : "";
    // Predict first: the run that shows the answer waits for one.
    if (observe) observe.disabled = !stored;
    if (q.compute) {
      try {
        current = q.compute(model());
      } catch (e) {
        if (running) console.error(`nnstep: question ${q.id}:`, e);
        current = null;
      }
    }
    if (q.compute) prompt.innerHTML = current ? block(`q.${q.id}.prompt`, current.vars) : "";
    showFeedback();
    showObserved();
  }

  function showFeedback() {
    box.dataset.state = verdict ? (verdict.error ? "error" : verdict.correct ? "right" : "wrong") : "";
    if (!verdict) { feedback.replaceChildren(); return; }
    if (verdict.error) { feedback.replaceChildren(el("p", {}, t(verdict.error))); return; }
    const said = el("p", { class: verdict.correct ? "quiz-verdict ok" : "quiz-verdict bad" }, t(verdict.correct ? "quiz.right" : "quiz.wrong"));
    const why = el("div", { class: "quiz-why" });
    if (q.kind === "choice") {
      why.innerHTML = block(`q.${q.id}.${verdict.choice}.why`);
    } else if (current) {
      const a = current.answer;
      why.innerHTML = block(`q.${q.id}.explain`, { ...current.vars, answer: q.kind === "shape" ? `${a[0]} × ${a[1]}` : fmt(a) });
    }
    feedback.replaceChildren(said, why);
  }

  // A new model gives new numbers: the prompt follows, and the verdict on
  // the old numbers is taken down.
  let shown = null;
  const follow = () => {
    const before = shown;
    render();
    shown = current ? JSON.stringify(current) : null;
    if (before !== null && shown !== before && verdict) {
      verdict = null;
      showFeedback();
    }
  };
  // The numbers are filled once the module runs, then follow the model
  // while the question is on screen.
  let running = false;
  ready.then(() => {
    running = true;
    follow();
    followModel(box, follow, 700);
  }, () => {});
  onLang(render);
  render();
  // clear takes down the verdict (the section's answers were reset).
  const clear = () => {
    verdict = null;
    render();
  };
  return { box, clear };
}

// mount adds the questions of each section after its demo, and the
// progress to the table of contents.
export function mount(sections, ready) {
  for (const s of sections) {
    const key = s.dataset.section;
    const qs = QUESTIONS.filter((q) => q.section === key);
    if (!qs.length) continue;
    const title = el("h3", { class: "h-small", id: `quiz-h-${key}` });
    const reset = el("button", { type: "button", class: "btn small", "data-quiz-reset": key });
    const status = el("p", { class: "quiz-status muted small", role: "status" });
    const list = el("div", { class: "quiz-list" });
    const mounted = qs.map((q, i) => mountQuestion(q, i + 1, ready));
    for (const m of mounted) list.append(m.box);
    const wrap = el("div", { class: "quiz", "data-quiz": key, role: "group", "aria-labelledby": `quiz-h-${key}` },
      title, list, el("div", { class: "btn-row" }, reset, status));
    s.append(wrap);
    const label = () => {
      title.textContent = t("quiz.title");
      reset.textContent = t("quiz.reset");
      const p = progress(key);
      status.textContent = p.answered ? t("quiz.progress", p) : "";
    };
    reset.addEventListener("click", () => {
      resetSection(key);
      for (const m of mounted) m.clear();
    });
    progressListeners.push((p) => { if (p.section === key) label(); });
    onLang(label);
    label();
    if (window.parent !== window) post(progress(key));
  }
  tocBadges();
}
