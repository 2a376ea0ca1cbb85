// model.js: how the lesson's parts reach the model: waiting for the lesson
// module, following the model's changes while on screen, calling the Go
// bridge and driving the stage through the page's API (docs/frontend.md,
// "Modules").
import { ready, onChange } from "./events.js";
import { whenVisible } from "./viewport.js";

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
