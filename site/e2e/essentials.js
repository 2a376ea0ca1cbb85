// The page's essential checks, as one async function evaluated in the page
// by every driver: chromedp in Chromium (nowebgl_test.go) and puppeteer-core
// in Firefox over WebDriver BiDi (firefox.mjs, docs/browsers.md). It
// measures and reports; the Go tests decide (essentials_test.go). Where
// the browser has no WebGL 2, it also waits for the view #stage shows then.
async () => {
  const until = async (cond, ms, what) => {
    const end = performance.now() + ms;
    while (!cond()) {
      if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  };
  const out = {};
  await nnstep.ready;
  out.webgl2 = !!document.createElement('canvas').getContext('webgl2');
  out.lang = document.documentElement.lang;

  // Every section is there, with its text and its demo.
  await until(() => document.querySelectorAll('#lesson > section[data-section]').length === 10, 10000, 'the ten sections');
  await until(() => !document.documentElement.classList.contains('first-screen'), 10000, 'the whole lesson laid out');
  out.sections = [...document.querySelectorAll('#lesson > section[data-section]')].map((s) => ({
    key: s.dataset.section,
    intro: (s.querySelector('.intro')?.textContent ?? '').trim().length,
    demo: s.querySelector('.demo')?.children.length ?? 0,
  }));

  // The step-through: the trace's ops, and the cells of an op's tables.
  const tr = nnstep.trace();
  out.ops = tr.ops.length;
  const k = Math.min(2, tr.ops.length - 1);
  nnstep.stepTo(k);
  out.step = { index: document.querySelector('#stepper [data-op-index]')?.dataset.opIndex ?? '', result: tr.ops[k].result.name, cells: {} };
  for (const t of document.querySelectorAll('#stepper table[data-matrix]')) {
    out.step.cells[t.dataset.matrix] = [...t.querySelectorAll('td')].map((td) => td.dataset.value);
  }
  // The op's value, or the field of the trace its result refers to
  // (docs/api.md, "Trace format"), a vector as a column.
  const r = tr.ops[k].result;
  const v = tr.ops[k].value ?? ('at' in r ? tr[r.field][r.at] : tr[r.field]);
  out.step.value = v.map((x) => (Array.isArray(x) ? x : [x]));

  // Training advances the epoch.
  const e0 = nnstep.stats().epoch;
  nnstep.play();
  await until(() => nnstep.stats().epoch >= e0 + 5, 60000, 'five epochs');
  const e1 = nnstep.stats().epoch;
  out.epochs = [e0, e1];

  // The stage area: the view without WebGL.
  if (!out.webgl2) {
    await until(() => document.querySelector('#stage [data-stage-fallback]'), 20000, 'the view without WebGL');
    const fb = document.querySelector('#stage [data-stage-fallback]');
    const canvas = fb.querySelector('canvas');
    // Painted: the frontier's two class colours (orange, blue, shaded
    // towards grey where undecided) cover the plane; counted on the
    // canvas's pixels.
    await until(() => canvas.width > 0 && canvas.getContext('2d').getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data[3] > 0, 10000, 'the view painted');
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let orange = 0;
    let blue = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 0) continue;
      if (d[i] > d[i + 2] + 8) orange++;
      else if (d[i + 2] > d[i] + 8) blue++;
    }
    out.fallback = { reason: fb.dataset.stageFallback, text: fb.innerText, pixels: d.length / 4, orange, blue,
      aria: canvas.getAttribute('aria-label') };
  }
  // The loss curve under the stage (a Canvas 2D), once training drew it.
  await until(() => nnstep.history().epoch.length >= 2, 20000, 'two points of the loss curve');
  await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
  const curve = document.querySelector('.loss-curve');
  const cd = curve.getContext('2d').getImageData(0, 0, curve.width, curve.height).data;
  let inked = 0;
  for (let i = 3; i < cd.length; i += 4) if (cd[i] > 0) inked++;
  out.curveInked = inked;
  nnstep.pause();

  out.frames = nnstep.stats().frames;
  out.canvasWebGL = !!document.querySelector('#stage > canvas');
  out.text = document.body.innerText;
  out.notices = document.getElementById('notices')?.innerText ?? '';
  return out;
}
