// trainer.js: training in a dedicated Worker (docs/frontend.md, "Training
// in a Worker"). The Worker runs a second instance of the lesson module
// (the module main.js compiled, posted to it: no second download). The
// page's instance stays the model every synchronous call reads and
// changes; while the model plays, the Worker owns training:
//
//   handOut   the page sends the whole model (nnstepGo.handOff) to the
//             Worker, which takes it over; the page's model stops training
//   frame     once per animation frame at most, the page asks for a frame
//             of training; the Worker trains (tick(true)) and posts its
//             progress (the parameters, the trainer's order and generator,
//             metrics, curve), transferred, which the page's model takes
//             (takeProgress): it is at most one frame behind
//   recall    before any call that changes the model, the page takes
//             ownership back: the Worker stops and anything it posts from
//             before is ignored (a generation number), so the page's model
//             is exactly the model of the last progress it took
//
// Training gives the same numbers either way (TestHandOffTrainsBitIdentically).
// startTrainer resolves with null where no Worker starts: the page trains
// on its main thread as before.

// workerMain is the Worker's code, run after wasm_exec.js in a classic
// Worker made from a Blob. It uses nothing from this module.
function workerMain() {
  let go = null;
  let gen = -1;
  const handed = new Promise((res) => { self.nnstepGoReady = res; });
  self.onmessage = async (e) => {
    const msg = e.data;
    try {
      if (msg.type === 'boot') {
        const runtime = new self.Go();
        const instance = await WebAssembly.instantiate(msg.module, runtime.importObject);
        runtime.run(instance).then(() => self.postMessage({ type: 'failed', error: 'the lesson module ended' }));
        go = await handed;
        self.postMessage({ type: 'ready' });
      } else if (msg.type === 'start') {
        const r = go.takeOver(new Uint8Array(msg.model));
        if (r !== true) throw new Error(r && r.error);
        gen = msg.gen;
      } else if (msg.type === 'stop') {
        gen = -1;
      } else if (msg.type === 'frame' && msg.gen === gen) {
        const epochs = go.tick(true);
        const p = go.progress();
        self.postMessage({ type: 'progress', gen, epochs, progress: p.buffer }, [p.buffer]);
      }
    } catch (err) {
      self.postMessage({ type: 'failed', error: String(err && err.message || err) });
    }
  };
}

// BOOT_MS: a Worker that has not started its module by then is given up.
const BOOT_MS = 20000;

// startTrainer starts the Worker with the compiled lesson module and the
// text of wasm_exec.js; it resolves with the trainer, or null where a
// Worker cannot start (no Worker, a Content-Security-Policy or sandbox
// that refuses it, a failed start). go is the page's bridge (its lesson
// functions); onProgress(epochs) is called after each progress taken;
// onFail() when a running Worker fails (the page then trains itself).
export async function startTrainer({ module, wasmExec, go, onProgress, onFail }) {
  if (typeof Worker !== 'function' || typeof Blob !== 'function') return null;
  let worker;
  let url = '';
  try {
    const src = [await wasmExec(), '\n;(', workerMain.toString(), ')();\n'];
    url = URL.createObjectURL(new Blob(src, { type: 'text/javascript' }));
    worker = new Worker(url);
  } catch (err) {
    console.info('nnstep: training stays on the main thread:', err.message);
    if (url) URL.revokeObjectURL(url);
    return null;
  }
  const booted = await new Promise((res) => {
    const timer = setTimeout(() => res(false), BOOT_MS);
    const done = (ok) => { clearTimeout(timer); res(ok); };
    worker.onmessage = (e) => done(e.data.type === 'ready');
    worker.onerror = (e) => { e.preventDefault?.(); done(false); };
    worker.postMessage({ type: 'boot', module });
  });
  URL.revokeObjectURL(url);
  if (!booted) {
    worker.terminate();
    console.info('nnstep: the training Worker did not start; training stays on the main thread');
    return null;
  }

  let gen = 0; // the generation of the model the Worker owns
  let owns = false; // the Worker holds the model and trains it
  let asked = false; // a frame was asked for and not answered yet
  let dead = false;
  const fail = (why) => {
    if (dead) return;
    dead = true;
    owns = false;
    console.warn('nnstep: the training Worker failed; training goes on in the page', why);
    worker.terminate();
    onFail();
  };
  worker.onerror = (e) => { e.preventDefault?.(); fail(e.message); };
  worker.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'failed') { fail(msg.error); return; }
    if (msg.type !== 'progress' || msg.gen !== gen || !owns) return;
    asked = false;
    const r = go.takeProgress(new Uint8Array(msg.progress));
    if (r !== true) { fail(r?.error); return; }
    if (!go.playing()) owns = false; // a stop condition or a divergence: the page holds it
    onProgress(msg.epochs);
  };
  return {
    get owns() { return owns; },
    get alive() { return !dead; },
    // handOut gives the page's model to the Worker.
    handOut() {
      if (dead) return;
      gen++;
      owns = true;
      asked = false;
      const model = go.handOff();
      worker.postMessage({ type: 'start', gen, model: model.buffer }, [model.buffer]);
    },
    // frame asks the Worker for a frame of training, unless the last one
    // is still under way.
    frame() {
      if (!owns || asked) return;
      asked = true;
      worker.postMessage({ type: 'frame', gen });
    },
    // recall takes the model back: the page's model is the one of the
    // last progress taken.
    recall() {
      if (!owns) return;
      owns = false;
      gen++;
      worker.postMessage({ type: 'stop' });
    },
  };
}
