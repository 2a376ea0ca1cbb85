// wasmload.js: the first module the page runs (js/app.js imports it before
// the lesson's text is rendered). It starts the lesson module's download
// and streaming compilation (off the main thread) and the load of
// gen/wasm_exec.js at once, so that they run while the text is rendered
// and painted; js/main.js takes both when it boots (docs/frontend.md,
// "Boot").

// compile streams the module, reporting progress, and compiles it while it
// downloads. It needs no imports, so it starts before wasm_exec.js is in.
export async function compile(url, onProgress) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
  const total = Number(resp.headers.get('Content-Length')) || 0;
  const encoded = resp.headers.get('Content-Encoding');
  let body = resp.body;
  if (body && total && !encoded) {
    let loaded = 0;
    body = body.pipeThrough(new TransformStream({
      transform(chunk, ctl) {
        loaded += chunk.byteLength;
        onProgress(Math.min(1, loaded / total));
        ctl.enqueue(chunk);
      },
    }));
  }
  const streamed = new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
  if (WebAssembly.compileStreaming) {
    return WebAssembly.compileStreaming(streamed);
  }
  return WebAssembly.compile(await streamed.arrayBuffer());
}

// loadScript runs a classic script (wasm_exec.js) and resolves once it has.
export function loadScript(src) {
  return new Promise((res, rej) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = res;
    s.onerror = () => rej(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

let lessonProgress = null; // js/main.js's progress bar, once it is shown
let lessonFrac = null; // the share of the lesson module come so far

// onLessonProgress hands fn the share of the lesson module downloaded so
// far (null: not known), now and on every change.
export function onLessonProgress(fn) {
  lessonProgress = fn;
  fn(lessonFrac);
}

performance.mark('nn-fetch');
export const lessonModule = compile('gen/lesson.wasm', (frac) => {
  lessonFrac = frac;
  lessonProgress?.(frac);
});
lessonModule.catch(() => {}); // js/main.js awaits it
export const goRuntime = loadScript('gen/wasm_exec.js');
goRuntime.catch(() => {}); // js/main.js awaits it
