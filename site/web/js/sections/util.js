// util.js: small helpers the lesson's sections share: DOM building, waiting
// for the wasm module, talking to the stage, and drawing plots on a canvas
// from numbers that core computed.
import { t, fmt, lang, onLang, applyI18n } from "../i18n.js";
import { ready, onChange } from "../events.js";
import { colors } from "../palette.js";
import { el } from "../dom.js";
import { Plot, logTicks, niceTicks } from "../plot.js";

// i18n attributes for el(): {…i18n("key")}, {…i18n("key", vars)}.
export function i18n(key, vars) {
  const a = { "data-i18n": key };
  if (vars) a["data-i18n-vars"] = JSON.stringify(vars);
  return a;
}

// setI18n points an element at another key (and vars) and renders it.
export function setI18n(e, key, vars) {
  e.dataset.i18n = key;
  if (vars) e.dataset.i18nVars = JSON.stringify(vars);
  else delete e.dataset.i18nVars;
  applyI18n(wrap(e));
}

function wrap(e) {
  return { querySelectorAll: (sel) => (e.matches(sel) ? [e, ...e.querySelectorAll(sel)] : e.querySelectorAll(sel)) };
}

// whenReady resolves with window.nnstep once the wasm module runs
// (js/events.js ready, the promise nnstep.ready is). Each call's promise
// resolves in a task of its own: the sections' first computations, one
// promise each, then run one by one with the page free between them (all
// at once they were a long task of half a second after nnstep.ready).
export function whenReady() {
  return ready.then((n) => new Promise((res) => setTimeout(() => res(n), 0)));
}

// followModel calls fn now and after each change of the model
// (js/events.js onChange, while training at most every throttleMs) while
// e is on screen; off screen it listens to nothing.
export function followModel(e, fn, throttleMs) {
  let off = null;
  whenVisible(e, (v) => {
    if (off) off();
    off = null;
    if (v) {
      fn();
      off = onChange(fn, { throttleMs });
    }
  });
}

// go returns the Go bridge (window.nnstepGo).
export function go() {
  return window.nnstepGo;
}

// call invokes a bridge function and throws its {error} as an Error.
export function call(name, ...args) {
  const g = go();
  if (!g || typeof g[name] !== "function") throw new Error(`nnstepGo.${name} is not available`);
  const r = g[name](...args);
  if (r && typeof r === "object" && typeof r.error === "string") throw new Error(r.error);
  return r;
}

// configureStage applies URL-style settings to the stage through the
// page's API when it offers one (it keeps the URL and the controls in
// step), or through the bridge.
export function configureStage(kv) {
  const n = window.nnstep;
  if (n && typeof n.configure === "function") return n.configure(kv);
  return call("configure", kv);
}

export function stagePlay() {
  const n = window.nnstep;
  if (n && typeof n.play === "function") return n.play();
  return call("play");
}

// stagePreset starts a fresh run of a preset on the stage: its settings,
// then the weights re-initialised and the epoch back to 0 (even when the
// settings were already those), then training, which pauses at the
// preset's own stop condition.
export function stagePreset(kv) {
  const n = window.nnstep;
  if (n && typeof n.configure === "function") {
    n.configure(kv);
    n.reset();
    return n.play();
  }
  call("configure", kv);
  call("reset");
  return call("play");
}

// stageNote says where the stage is: in the panel beside the lesson on a
// wide screen, docked at the top of the screen on a narrow one (the two
// texts, one shown by css/lesson.css).
export function stageNote() {
  return el("p", { class: "muted small stage-note" },
    el("span", { class: "wide-only", ...i18n("common.stageNote") }),
    el("span", { class: "narrow-only", ...i18n("common.stageNoteNarrow") }));
}

// presetButtons returns a row of buttons, one per [key, i18n label] of
// labels, each starting a fresh run of presets[key] on the stage
// (stagePreset), every time it is clicked.
// The pressed button is marked with aria-pressed; a failure shows its
// message in errorEl. after(key or null) runs once the attempt is over.
export function presetButtons(ready, presets, labels, errorEl, after) {
  const row = el("div", { class: "btn-row" });
  for (const [key, label] of labels) {
    row.append(el("button", {
      type: "button", class: "btn", "data-preset": key, ...i18n(label),
      onclick: async () => {
        let done = null;
        try {
          await ready;
          await stagePreset(presets[key]);
          done = key;
          errorEl.hidden = true;
          for (const b of row.children) b.setAttribute("aria-pressed", String(b.dataset.preset === key));
        } catch (e) {
          errorEl.hidden = false;
          errorEl.textContent = e.message;
        }
        after(done);
      },
    }));
  }
  return row;
}

export function reducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

// whenVisible calls fn(true/false) as el enters or leaves the viewport.
export function whenVisible(e, fn) {
  if (!("IntersectionObserver" in window)) {
    fn(true);
    return;
  }
  new IntersectionObserver((entries) => {
    for (const x of entries) fn(x.isIntersecting);
  }).observe(e);
}

// firstSeen resolves the first time el comes within 200 px of the
// viewport, or when the page is printed. A demo's first computation waits
// for it as well as for the module: off screen, it would only delay what
// the reader sees (the sections in view and the stage module, whose
// download is read on the main thread).
export function firstSeen(e) {
  if (!("IntersectionObserver" in window)) return Promise.resolve();
  return new Promise((res) => {
    addEventListener("beforeprint", res, { once: true });
    const io = new IntersectionObserver((entries) => {
      if (entries.some((x) => x.isIntersecting)) {
        io.disconnect();
        res();
      }
    }, { rootMargin: "200px 0px" });
    io.observe(e);
  });
}

// statsLine shows the stage's epoch, loss and accuracy, following the
// model while visible.
export function statsLine(ready) {
  const p = el("p", { class: "stage-stats", "aria-live": "off" });
  let n = null; // window.nnstep once ready
  const update = () => {
    if (!n) {
      p.textContent = t("common.notReady");
      return;
    }
    try {
      const s = n.stats();
      p.textContent = t("common.stageStats", {
        epoch: s.epoch ?? 0,
        loss: fmt(s.trainLoss),
        acc: s.trainAccuracy === undefined || s.trainAccuracy === null || Number.isNaN(s.trainAccuracy) ? "—" : pct(s.trainAccuracy),
      });
    } catch (e) {
      p.textContent = "";
    }
  };
  followModel(p, update, 400);
  ready.then((r) => { n = r; update(); }, () => {});
  onLang(() => update());
  update();
  return p;
}

export function pct(x) {
  return fmt(100 * x, 3) + " %";
}

// download offers text as a file.
export function download(name, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export { t, fmt, lang, onLang, colors, el, Plot, logTicks, niceTicks };
