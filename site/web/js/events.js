// events.js: the model's events, the one channel between the page's
// modules (docs/frontend.md, "Events"). The module that makes a change
// emits it where it happens (js/main.js, around the bridge to the lesson
// module); every module that shows the model listens, none polls.
//
//   ready       {nnstep}  once: the lesson module runs, the URL is applied
//   configured  {cause}   the settings, the architecture, the data or the
//                         weights changed, or training was started, paused
//                         or reset (cause: the bridge function called)
//   trained     {epochs}  training ran during the last animation frame (at
//                         most one per frame)
//   trace       {trace}   a new trace of the example batch was computed (the
//                         step-through's batch, after a change or an
//                         iteration)
//   lang        {lang}    the page's language changed
//   page        {…keys}   a page key of the URL changed (section, lang):
//                         js/main.js writes it
//
// window.nnstep.events is this EventTarget (docs/stage.md, "JS API").
export const events = new EventTarget();

// emit dispatches type with detail; a listener that throws is reported and
// does not stop the others.
export function emit(type, detail = {}) {
  events.dispatchEvent(new CustomEvent(type, { detail }));
}

// on calls fn(detail) on every event of that type; returns the
// unsubscribe function.
export function on(type, fn) {
  const h = (e) => {
    try { fn(e.detail); } catch (err) { console.error(err); }
  };
  events.addEventListener(type, h);
  return () => events.removeEventListener(type, h);
}

let settleReady;
// ready resolves with window.nnstep once the lesson module runs (the same
// promise as nnstep.ready), or rejects if it does not start.
export const ready = new Promise((res, rej) => { settleReady = { res, rej }; });
ready.catch(() => {}); // a caller awaiting it still sees the rejection

// started settles ready (js/main.js): with nnstep, or with the error that
// stopped the start.
export function started(nnstep, err) {
  if (err) { settleReady.rej(err); return; }
  settleReady.res(nnstep);
  emit('ready', { nnstep });
}

// onChange calls fn once after each burst of changes of the model:
// configured and trace at the end of the current task (several calls in a
// row give one call), trained at most once every throttleMs while training
// runs, and once more after its last frame. It returns the unsubscribe
// function. The delay is a rate limit on what a listener redraws; nothing
// is polled.
export function onChange(fn, { throttleMs = 0 } = {}) {
  let queued = false;
  let last = -Infinity;
  let timer = 0;
  const run = () => {
    queued = false;
    clearTimeout(timer);
    timer = 0;
    last = performance.now();
    try { fn(); } catch (err) { console.error(err); }
  };
  const now = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(run);
  };
  const trained = () => {
    if (queued || timer) return;
    const wait = last + throttleMs - performance.now();
    if (wait <= 0) now();
    else timer = setTimeout(run, wait);
  };
  const offs = [on('configured', now), on('trace', now), on('trained', trained)];
  return () => { for (const off of offs) off(); clearTimeout(timer); };
}
