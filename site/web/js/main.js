// Boot: loads gen/wasm_exec.js and the page's two Go modules, applies the
// URL and defines window.nnstep (docs/stage.md, "JS API"). The lesson module
// (gen/lesson.wasm: the model, training, step-through and the lesson's
// computations; no graphics) comes first and nnstep.ready resolves once it
// runs. The stage module (gen/stage.wasm: ebiten drawing the graph and the
// frontier) downloads after that, with a progress indicator in #stage, and
// starts once compiled; its canvas is placed in #stage, sized by its container
// (docs/frontend.md, "Two modules"). window.nnstepGo is the bridge to both
// (docs/frontend.md, "Two modules"). The lesson never depends on the
// stage: where it cannot run (no WebGL 2, a lost WebGL context, a failed
// start) #stage shows why and a Canvas 2D view instead (js/stage-fallback.js,
// docs/stage.md "Without WebGL"), and the bridge answers as before it ran.
import * as urlState from './state.js';
import { setSchema } from './schema.js';
import { startTrainer } from './trainer.js';
import * as notices from './notices.js';
import { t, lang, onLang } from './i18n.js';
import { initStage, stageLocale } from './stage.js';
import { showFallback } from './stage-fallback.js';
import { events, emit, on, ready, started } from './events.js';
import { notebookWords } from './numpycell.js';
import { keepForLater } from './serviceworker.js';
import { compile, goRuntime, lessonModule as lessonModuleCompiled, onLessonProgress } from './wasmload.js';

const stageEl = document.getElementById('stage');

let go = null; // window.nnstepGo once the lesson module runs
let trainer = null; // the training Worker (js/trainer.js), once it runs
let stageGo = null; // window.nnstepStage while the stage module runs and draws
let stageRun = null; // the running stage: {bridge, canvas, lost}
let stageModule = null; // the compiled stage module, to start it again after a lost context
let fallback = null; // the Canvas 2D view while the stage cannot draw
let highlightSpec = {}; // the last highlight asked for, for a stage that starts later
let page = { ...urlState.parse().page };
let stageApi = null;
const stepListeners = [];
let traceCache = null;
let traceVersion = -1;
let currentStep = null;

function needGo() {
  if (!go) throw new Error('nnstep: the module is not ready yet (await nnstep.ready)');
  return go;
}

// The trace of the current example batch, recomputed when the network or
// the data changed since the last call.
function trace() {
  const g = needGo();
  const v = g.stats().version;
  if (!traceCache || v !== traceVersion) {
    traceCache = g.trace();
    traceVersion = v;
    emit('trace', { trace: traceCache });
  }
  return traceCache;
}

// writeURL brings the URL up to date with the model and the page keys: at
// once, unless it was written less than URL_DELAY_MS ago, in which case
// the rest of the burst is written once when that time is up. history.
// replaceState costs about 3 ms, nearly half of a step-through op, and a
// student holding an arrow key steps 30 times a second; a single change
// is in the URL at once, so a reload keeps it. Only the keys the stage
// owns (step, play) and those given to setPage are written; any other
// parameter stays as it is. A pending write is done at once when the page
// is hidden or left.
const URL_DELAY_MS = 100;
let urlTimer = 0;
let urlWritten = -Infinity; // performance.now() of the last write
let urlPage = {}; // page keys from setPage not yet written

function writeURL() {
  if (!go || urlTimer) return;
  const wait = urlWritten + URL_DELAY_MS - performance.now();
  if (wait <= 0) flushURL();
  else urlTimer = setTimeout(flushURL, wait);
}

function flushURL() {
  clearTimeout(urlTimer);
  urlTimer = 0;
  if (!go) return;
  urlState.write(go.state(), { ...urlPage, step: page.step, play: go.stats().playing });
  urlPage = {};
  urlWritten = performance.now();
}

addEventListener('pagehide', () => { if (urlTimer) flushURL(); });
document.addEventListener('visibilitychange', () => { if (document.hidden && urlTimer) flushURL(); });

const nnstep = {
  ready,
  // events: the model's events (js/events.js, docs/frontend.md "Events").
  events,
  // state: the current settings, the keys of the URL.
  state() {
    const s = go ? go.state() : {};
    const playing = go ? go.stats().playing : false;
    const q = urlState.parse().page; // lang and section as the lesson keeps them
    return { ...s, lang: lang(), section: page.section ?? q.section, step: currentStep ?? page.step, embed: page.embed, play: playing ? 1 : 0 };
  },
  stats() {
    const s = needGo().stats();
    return s;
  },
  trace,
  // stepTo moves the step-through to op i: highlights on the stage the
  // neurons and edges it involves and calls every onStep listener with
  // (i, op, trace). It returns the op (null for an out-of-range i, which
  // clears the highlight).
  stepTo(i) {
    const tr = trace();
    const n = tr.ops ? tr.ops.length : 0;
    const k = Number(i);
    if (!Number.isInteger(k) || k < 0 || k >= n) {
      currentStep = null;
      needGo().highlight({});
      for (const fn of stepListeners) fn(null, null, tr);
      page.step = null;
      writeURL();
      return null;
    }
    const op = tr.ops[k];
    currentStep = k;
    needGo().highlight({ result: op.result, operands: op.operands });
    for (const fn of stepListeners) {
      try { fn(k, op, tr); } catch (e) { console.error(e); }
    }
    page.step = k;
    writeURL();
    return op;
  },
  // onStep registers fn(i, op, trace), called by stepTo; returns an
  // unsubscribe function.
  onStep(fn) {
    stepListeners.push(fn);
    return () => { const j = stepListeners.indexOf(fn); if (j >= 0) stepListeners.splice(j, 1); };
  },
  highlight(spec) { return needGo().highlight(spec ?? {}); },
  // configure applies URL-style settings (partial), updates the controls
  // and the URL, shows notices; returns {state, notices}.
  configure(settings) {
    const r = needGo().configure(settings ?? {});
    urlState.showNotices(r.notices ?? []);
    stageApi?.refresh();
    writeURL();
    return r;
  },
  play() { const s = needGo().play(); stageApi?.refresh(); writeURL(); return s; },
  pause() { const s = needGo().pause(); stageApi?.refresh(); writeURL(); return s; },
  stepEpoch() { const s = needGo().stepEpoch(); stageApi?.refresh(); return s; },
  reset() { const s = needGo().reset(); stageApi?.refresh(); writeURL(); return s; },
  nextIteration() {
    traceCache = needGo().nextIteration();
    traceVersion = go.stats().version;
    emit('trace', { trace: traceCache });
    return traceCache;
  },
  history() { return needGo().history(); },
  // numpy(expr): a NumPy expression on the current iteration's matrices,
  // {shape, data, bool} or {error} (docs/numpy.md).
  numpy(expr) { return needGo().numpy(String(expr)); },
  // The step-through's NumPy cell and Jupyter export (docs/frontend.md,
  // "NumPy cells"; docs/notebook.md): checkNumPy(i, expr) → {ok, cells,
  // hint, …}, numpyNames(i) → {name, names}, notebook(variant) → the
  // .ipynb text or {error}.
  checkNumPy(i, expr) { return needGo().checkNumPy(Number(i), String(expr)); },
  numpyNames(i) { return needGo().numpyNames(Number(i)); },
  notebook(variant) { return needGo().notebook(String(variant), notebookWords()); },
  loadCSV(text) { return stageApi ? stageApi.loadCSV(text) : needGo().loadCSV(text); },
  addPoint(x1, x2, cls) { return stageApi ? stageApi.addPoint(x1, x2, cls) : needGo().addPoint(x1, x2, cls); },
  setWeight(l, i, j, v) { return needGo().setWeight(l, i, j, v); },
  notices: () => notices.list(),
  // setPage updates the page's own URL keys (section, lang, embed) for the
  // lesson's modules.
  setPage(p) {
    Object.assign(page, p);
    Object.assign(urlPage, p);
    writeURL();
  },
  get go() { return go; },
};
window.nnstep = nnstep;
// The lesson's modules ask for their page keys through the events.
on('page', (p) => nnstep.setPage(p));
on('lang', ({ lang: l }) => nnstep.setPage({ lang: l }));

// Ebiten sizes its canvas from document.body.clientWidth/Height, read on
// every frame, and re-measures on window resize: make body report #stage's
// size and fire resize whenever #stage changes size. The size is kept from
// the ResizeObserver (called after layout, where reading it costs nothing):
// reading it live would force a layout of the whole page on every frame
// whose DOM changed (the metrics do while training).
function placeStage() {
  // Its first callback, after the first layout, gives the size: measuring
  // here would force a layout before the text is painted.
  const size = { clientWidth: 1, clientHeight: 1 };
  const measure = (prop) => ({ configurable: true, get: () => size[prop] });
  Object.defineProperty(document.body, 'clientWidth', measure('clientWidth'));
  Object.defineProperty(document.body, 'clientHeight', measure('clientHeight'));
  new ResizeObserver(() => {
    size.clientWidth = stageEl.clientWidth || 1;
    size.clientHeight = stageEl.clientHeight || 1;
    window.dispatchEvent(new Event('resize'));
  }).observe(stageEl);
}

// progressBox shows in #stage which module is downloading (the lesson
// module, then the stage module: module(key) names it) and how much of it
// has come, when the response says its size.
function progressBox() {
  const box = document.createElement('div');
  box.className = 'stage-loading';
  const label = document.createElement('span');
  const bar = document.createElement('progress');
  bar.max = 1;
  box.append(label, bar);
  stageEl.append(box);
  let key = 'stage.loadingLesson';
  const set = (frac) => {
    if (frac === null) {
      bar.removeAttribute('value');
      label.textContent = t(key, { pct: '' });
    } else {
      bar.value = frac;
      label.textContent = t(key, { pct: `${Math.round(frac * 100)} %` });
    }
  };
  const module = (k) => { key = k; set(null); };
  set(null);
  return { box, set, module };
}

// lessonShown resolves once the lesson's text is in the page (js/lesson.js
// renders it and fires nnstep:lesson) and the browser has had a frame to lay
// it out and paint it, so that a module's start-up, one long task on the
// main thread, comes after the text. A page without the lesson, or a hidden
// tab that draws no frames, waits at most 1 s.
function lessonShown() {
  const rendered = !document.getElementById('lesson') || document.documentElement.dataset.lesson === 'rendered'
    ? Promise.resolve()
    : new Promise((res) => window.addEventListener('nnstep:lesson', res, { once: true }));
  return Promise.race([rendered.then(nextFrame), new Promise((res) => setTimeout(res, 1000))]);
}

// nextFrame resolves after the next frame is painted (at most 1 s).
function nextFrame() {
  return Promise.race([new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0))), new Promise((res) => setTimeout(res, 1000))]);
}

// run starts a compiled Go module and resolves with the object it hands
// to window[hook] (the lesson's and the stage's bridges) and a promise of
// its end; it rejects if the program ends before handing it. A Go program
// that ended leaves its js.FuncOf callbacks in the page (ebiten's window
// resize listener among them), each of which wasm_exec.js makes throw "Go
// program has already exited": once it has ended they do nothing.
async function run(compiled, hook) {
  const runtime = new window.Go();
  const handed = new Promise((res) => { window[hook] = res; });
  const instance = await WebAssembly.instantiate(compiled, runtime.importObject);
  performance.mark(`nn-instantiated-${hook}`);
  const ended = runtime.run(instance).then(() => { runtime._resume = () => {}; });
  const bridge = await Promise.race([handed, ended.then(() => { throw new Error(`the module of ${hook} ended at start-up`); })]);
  delete window[hook];
  return { bridge, ended };
}

// CHANGES are the lesson module's functions that change the model: each
// call emits configured (js/events.js), whoever calls it, except one that
// answers {error} and so changed nothing.
const CHANGES = ['configure', 'play', 'pause', 'stepEpoch', 'reset', 'nextIteration', 'setWeight', 'addPoint', 'loadCSV'];

// announced wraps the lesson module's functions that change the model so
// that each successful call emits configured {cause}. Each one first takes
// the model back from the training Worker (js/trainer.js: recall), so that
// it changes the model of the last frame shown; the next frame hands it
// out again if it plays.
function announced(lesson) {
  const out = { ...lesson };
  for (const name of CHANGES) {
    const f = lesson[name];
    out[name] = (...args) => {
      trainer?.recall();
      const r = f(...args);
      const failed = name !== 'configure' && r && typeof r === 'object' && 'error' in r; // configure may apply part
      if (!failed) emit('configured', { cause: name });
      return r;
    };
  }
  return out;
}

// bridgeOf makes window.nnstepGo from the lesson module's object: its
// functions (those that change the model announced), plus the stage's
// (pointer, geometry, highlight and the frame counts in stats), which
// answer "nothing yet" until the stage runs.
// The stage's answers count from its first start: frames shown (and
// redrawn) by the instances that ended (a lost context) plus the running
// one's.
let framesBefore = 0;
let redrawnBefore = 0;
function bridgeOf(module) {
  const lesson = announced(module);
  return Object.assign({}, lesson, {
    stats() {
      const s = lesson.stats();
      const d = onStage((g) => g.stats(), { frames: 0, redrawn: 0, drawMs: 0 });
      return { ...s, frames: framesBefore + d.frames, redrawn: redrawnBefore + d.redrawn, drawMs: d.drawMs, trainer: trainer ? 'worker' : 'page' };
    },
    configure(settings) {
      const r = lesson.configure(settings);
      highlightSpec = {};
      onStage((g) => g.highlight({}));
      return r;
    },
    highlight(spec) {
      highlightSpec = spec ?? {};
      return onStage((g) => g.highlight(highlightSpec), { ok: true, active: false });
    },
    pointer(type, x, y) { return onStage((g) => g.pointer(type, x, y), { kind: 'none', nearest: -1 }); },
    geometry() { return onStage((g) => g.geometry(), null); },
  });
}

// onStage returns f(the stage's bridge), or otherwise when the stage does
// not run or its call fails: nothing the stage does reaches the lesson.
function onStage(f, otherwise) {
  if (!stageGo) return otherwise;
  try {
    const r = f(stageGo);
    return r === undefined ? otherwise : r; // a module that just ended answers undefined
  } catch (err) {
    console.warn('nnstep: the stage did not answer', err);
    return otherwise;
  }
}

// train drives training once per animation frame. While the model plays
// and the training Worker runs, the Worker owns it (js/trainer.js): the
// frame hands the model out if needed and asks the Worker for a frame of
// training, whose progress emits trained {epochs} when it arrives.
// Otherwise it calls the lesson module's tick here: it trains for the
// frame's budget while playing (Engine.Tick). Each frame of training emits
// trained {epochs} (0 when its first epoch diverged). Like the stage, it
// stops while the tab is hidden.
function train() {
  const frame = () => {
    const playing = !trainer?.owns && go.playing();
    if (playing && trainer) trainer.handOut();
    if (trainer?.owns) {
      trainer.frame();
    } else if (playing) {
      emit('trained', { epochs: go.tick(false) });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

// startWorker starts the training Worker with the lesson module already
// compiled (js/trainer.js); until it runs, and where it cannot, training
// runs on the main thread.
async function startWorker(module) {
  const started = await startTrainer({
    module,
    wasmExec: async () => {
      const r = await fetch('gen/wasm_exec.js');
      if (!r.ok) throw new Error(`gen/wasm_exec.js: HTTP ${r.status}`);
      return r.text();
    },
    go: lessonBridge,
    onProgress: (epochs) => emit('trained', { epochs }),
    onFail: () => { trainer = null; },
  });
  if (started) {
    trainer = started;
    performance.mark('nn-worker');
  }
}
let lessonBridge = null; // the lesson module's own functions, unwrapped

async function boot() {
  if (!stageEl) throw new Error('no #stage element');
  document.documentElement.dataset.embed = page.embed ? '1' : '0';
  placeStage();
  // The lesson module downloads and compiles (off the main thread) while
  // wasm_exec.js loads and the lesson text is laid out (both started by
  // js/wasmload.js, the page's first module); the stage module's download
  // waits for nnstep.ready, so that nothing competes with the lesson's
  // start (docs/frontend.md, "Two modules").
  const progress = progressBox();
  onLessonProgress(progress.set);
  await goRuntime;
  const lessonModule = await lessonModuleCompiled;
  performance.mark('nn-compiled');
  await lessonShown();
  performance.mark('nn-painted');
  const lesson = await run(lessonModule, 'nnstepGoReady');
  lesson.ended.then(() => console.error('nnstep: the lesson module ended'));
  lessonBridge = lesson.bridge;
  go = window.nnstepGo = bridgeOf(lesson.bridge);
  setSchema(go.schema());
  performance.mark('nn-goready');

  // Apply the URL: the stage's keys through Go, the page's here.
  const parsed = urlState.parse();
  page = { ...parsed.page, play: false };
  urlState.showNotices(parsed.problems);
  const r = go.configure(parsed.stage);
  performance.mark('nn-configured');
  urlState.showNotices(r.notices ?? []);
  stageApi = initStage({ go, nnstep, writeURL });
  performance.mark('nn-stage');
  if (parsed.page.play) go.play();
  train();
  stageApi.refresh();
  writeURL();
  performance.mark('nn-ready');
  progress.module('stage.loading');
  started(nnstep);
  startWorker(lessonModule).catch((err) => console.info('nnstep: training stays on the main thread:', err.message));
  // The stage module loads once #stage is on the page: a section embedded
  // without the stage (embed=1 on a section that does not use it) never
  // downloads it.
  await shown(stageEl);
  if (!hasWebGL2()) {
    progress.box.remove();
    fallBack('nowebgl');
    keepPage();
    return;
  }
  performance.mark('nn-stage-fetch');
  const stageCompiled = compile('gen/stage.wasm', progress.set);
  bootStage(stageCompiled, progress).catch((err) => {
    console.warn('nnstep: the stage failed to start', err);
    progress.box.remove();
    if (stageModule) fallBack('failed'); // it loaded, but did not start
    else notices.show(() => t('stage.loadFailed', { msg: err.message }), { level: 'error', id: 'boot' });
  }).finally(keepPage);
}

// keepPage registers the service worker once the stage has started or
// failed, so that its first download of the site's files does not compete
// with the page's start; an embedded section registers none (it may never
// need the stage module). docs/delivery.md, "The service worker".
function keepPage() {
  if (!page.embed) keepForLater();
}

// hasWebGL2 tells whether a canvas gets a WebGL 2 context, which the stage
// module needs (ebiten asks for one); the probe's context is released at
// once.
function hasWebGL2() {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

// fallBack shows the Canvas 2D view in #stage, saying why (reason:
// nowebgl, lost or failed; the keys stage.fallback.<reason>).
function fallBack(reason) {
  if (fallback?.reason === reason) return;
  fallback?.remove();
  fallback = showFallback(stageEl, go, reason);
}

// shown resolves once el is laid out with a size (not under display:
// none), as the next layout finds it: asking now would force a layout of
// the whole page in the task that resolves nnstep.ready.
function shown(el) {
  return new Promise((res) => {
    const ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1].contentRect;
      if (r.width > 0 || r.height > 0) { ro.disconnect(); res(); }
    });
    ro.observe(el);
  });
}

// bootStage starts the stage module once the lesson is ready and painted:
// its start-up (Go's and ebiten's) is the page's longest task.
async function bootStage(stageCompiled, progress) {
  stageModule = await stageCompiled;
  performance.mark('nn-stage-compiled');
  await nextFrame();
  // Ebiten's own listener reloads the page when the context is lost: this
  // one, on the way down to the canvas, goes first and stops the event.
  stageEl.addEventListener('webglcontextlost', (e) => {
    e.preventDefault(); // lets the browser restore the context
    e.stopPropagation();
    if (stageRun && e.target === stageRun.canvas) contextLost(stageRun);
  }, { capture: true });
  await startStage();
  performance.mark('nn-stage-ready');
  progress.box.remove();
}

// startStage runs the stage module: its canvas goes into #stage and its
// bridge into window.nnstepGo. If it ends without being asked to (a
// failure in ebiten), the fallback takes its place.
// The stage writes in the page's language (docs/stage.md, setLocale).
onLang(() => onStage((g) => g.setLocale(stageLocale())));

async function startStage() {
  const { bridge, ended } = await run(stageModule, 'nnstepStageReady');
  const canvas = stageEl.querySelector(':scope > canvas');
  const self = { bridge, canvas, lost: false };
  stageRun = self;
  stageGo = bridge;
  onStage((g) => g.highlight(highlightSpec));
  onStage((g) => g.setLocale(stageLocale()));
  if (canvas) {
    stageApi.attachCanvas(canvas);
    canvas.addEventListener('webglcontextrestored', () => restartStage(self));
  }
  if (fallback) { fallback.remove(); fallback = null; }
  ended.then(() => {
    performance.mark('nn-stage-ended');
    if (stageRun !== self) return; // stopped after a lost context
    console.warn('nnstep: the stage ended');
    stopped(self);
    fallBack('failed');
  });
}

// stopped takes an instance's canvas and bridge out of the page.
function stopped(run) {
  const d = onStage((g) => g.stats(), { frames: 0, redrawn: 0 });
  framesBefore += d.frames;
  redrawnBefore += d.redrawn;
  if (stageRun === run) { stageRun = null; stageGo = null; }
  run.canvas?.remove();
}

// contextLost: the WebGL context of the running stage is gone, and its
// textures with it (ebiten cannot recreate them). The model lives in the
// lesson module and keeps training; the fallback shows it, and the stage
// ends at its next frame and starts afresh once the context is restored.
function contextLost(run) {
  console.warn('nnstep: the stage lost its WebGL context');
  run.lost = true;
  onStage((g) => g.stop());
  stopped(run);
  fallBack('lost');
}

// restartStage starts a new stage once the lost context of run's canvas
// is restored (the new stage makes its own canvas).
function restartStage(run) {
  if (!run.lost || stageRun) return;
  performance.mark('nn-stage-restart');
  startStage().catch((err) => {
    console.warn('nnstep: the stage did not start again', err);
    fallBack('failed');
  });
}

boot().catch((err) => {
  console.warn('nnstep: boot failed', err);
  notices.show(() => t('stage.loadFailed', { msg: err.message }), { level: 'error', id: 'boot' });
  started(null, err);
});
