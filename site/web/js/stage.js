// The playground around the stage: training buttons, metrics, legend, loss
// curve, confusion matrix and the data / network / training controls, plus
// the pointer bridge (hover, weight editor, clicks on the plane). Every
// control goes through nnstep.configure, which updates nnstep.state() and
// the URL.
import { t, fmt as reading, pct as percent, lang, onLang } from './i18n.js';
import * as notices from './notices.js';
import { onChange } from './events.js';
import { numberField, parseNumber, formatNumber, entryName, DECIMAL, refuse } from './number.js';
import { field as setting } from './schema.js';
import { color, classColor } from './palette.js';
import { el as h, download } from './dom.js';
import { Plot, logTicks } from './plot.js';

const LR_PRESETS = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
// What training changes on screen (the stage, its numbers and curve, the
// sections' readouts): a notice about training never covers it.
const TRAINING_VIEWS = '#stage, .stage-toolbar, .stage-metrics, .stage-curve, #lesson .stage-stats, #lesson .frontier-line';

// defaultHidden is a new hidden layer: the first hidden layer of the
// schema's defaults (layers and act, in the URL's format).
function defaultHidden() {
  return { units: Number(setting('layers').default.split('-')[1]), act: setting('act').default.split(',')[0] };
}

// phrase makes an element showing the string key, phrased again on a
// language change (data-i18n, js/i18n.js applyI18n).
function phrase(tag, key, attrs = {}) {
  return h(tag, { ...attrs, 'data-i18n': key }, t(key));
}

// engineText phrases an engine error ({error, code, value}) in the page's
// language; one with no phrase of its own gets a general one, and its
// English message stays in the notice's data-detail for whoever debugs.
function engineText(r) {
  const key = `stage.err.${r.code}`;
  const s = r.code ? t(key, { value: r.value ?? '' }) : key;
  return s === key ? t('stage.err.failed') : s;
}

// fmt and pct write the panel's numbers with the page's one number writer
// (js/i18n.js fmt), a missing or non-finite one as a dash.
function fmt(v, digits = 3) {
  if (v === null || v === undefined || !Number.isFinite(v)) return t('stage.none');
  return reading(v, digits);
}
function pct(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return t('stage.none');
  return percent(v);
}

// locale is what the Go stage needs to write in the page's language
// (docs/stage.md, setLocale): the decimal separator and the activations'
// labels, both from their one declaration here.
export function stageLocale() {
  const acts = {};
  for (const a of [...setting('act').choices, 'softmax']) acts[a] = t(`act.name.${a}`);
  return { decimal: DECIMAL[lang()], acts };
}

export function initStage({ go, nnstep, writeURL }) {
  const panel = document.getElementById('stage-panel');
  const stage = document.getElementById('stage');
  stage.setAttribute('role', 'img');
  stage.setAttribute('aria-label', t('stage.aria'));

  const configure = (kv) => nnstep.configure(kv);

  // --- toolbar -------------------------------------------------------
  const playBtn = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'play', onclick: () => {
    if (go.stats().playing) nnstep.pause();
    else { notices.clear('diverged'); notices.clear('stopped'); nnstep.play(); }
    refresh();
  } });
  const stepBtn = h('button', { type: 'button', class: 'btn', 'data-action': 'step', onclick: () => { nnstep.stepEpoch(); refresh(); } }, phrase('span', 'stage.step'));
  const resetBtn = h('button', { type: 'button', class: 'btn', 'data-action': 'reset', onclick: () => { notices.clear('diverged'); nnstep.reset(); refresh(); } }, phrase('span', 'stage.reset'));
  const epochOut = h('output', { class: 'metric-value', 'data-stat': 'epoch' }, '0');
  const lossTrain = h('output', { 'data-stat': 'trainLoss' });
  const lossTest = h('output', { 'data-stat': 'testLoss' });
  const accTrain = h('output', { 'data-stat': 'trainAccuracy' });
  const accTest = h('output', { 'data-stat': 'testAccuracy' });
  const accRow = h('tr', {}, phrase('th', 'stage.accuracy', { scope: 'row' }), h('td', {}, accTrain), h('td', {}, accTest));
  // Speed: epochs per frame on a 1-2-5 scale up to the module's maximum,
  // then 0, as many as fit in the frame (settings.go, Speed).
  const speedSteps = [];
  const speedMax = setting('speed').max;
  for (let m = 1; m <= speedMax; m *= 10) for (const k of [1, 2, 5]) if (k * m <= speedMax) speedSteps.push(k * m);
  speedSteps.push(0);
  const speedOut = h('output', { class: 'range-value', 'data-stat': 'speed' });
  const speedText = (v) => (v === 0 ? t('stage.speed.max') : v === 1 ? t('stage.speed.one') : t('stage.speed.value', { n: v }));
  const speedIn = h('input', { type: 'range', name: 'speed', min: '0', max: String(speedSteps.length - 1), step: '1',
    oninput: (e) => { speedOut.textContent = speedText(speedSteps[e.target.value]); },
    onchange: (e) => configure({ speed: String(speedSteps[e.target.value]) }) });
  const speedField = h('label', { class: 'field stage-speed' }, phrase('span', 'stage.speed', { class: 'field-label' }), speedIn, speedOut);
  const toolbar = h('div', { class: 'stage-toolbar' },
    h('div', { class: 'stage-buttons' }, playBtn, stepBtn, resetBtn),
    speedField,
    h('div', { class: 'stage-epoch' }, phrase('span', 'stage.epoch', { class: 'metric-label' }), epochOut));
  const metrics = h('table', { class: 'stage-metrics' },
    h('thead', {}, h('tr', {}, h('th', {}), phrase('th', 'stage.train', { scope: 'col' }), phrase('th', 'stage.test', { scope: 'col' }))),
    h('tbody', {}, h('tr', {}, phrase('th', 'stage.loss', { scope: 'row' }), h('td', {}, lossTrain), h('td', {}, lossTest)), accRow));

  // --- legend --------------------------------------------------------
  const legend = h('div', { class: 'stage-legend', 'aria-hidden': 'false' });
  const hint = phrase('p', 'stage.hint', { class: 'stage-hint' });

  // --- loss curve ----------------------------------------------------
  const curveCanvas = h('canvas', { class: 'loss-curve', height: '120' });
  const curveReadout = h('output', { class: 'curve-readout' });
  const curveKey = h('span', { class: 'curve-key' },
    h('span', { class: 'curve-key-item' }, h('span', { class: 'curve-swatch curve-train' }), phrase('span', 'stage.train')),
    h('span', { class: 'curve-key-item' }, h('span', { class: 'curve-swatch curve-test' }), phrase('span', 'stage.test')));
  const curve = h('figure', { class: 'stage-curve' }, h('figcaption', {}, phrase('span', 'stage.curve'), curveKey), curveCanvas, curveReadout);
  const confusion = h('div', { class: 'stage-confusion' });

  // --- data controls -------------------------------------------------
  const field = (labelKey, input, extra) => h('label', { class: 'field' }, phrase('span', labelKey, { class: 'field-label' }), input, extra);
  const datasetSel = h('select', { name: 'dataset', onchange: (e) => configure({ dataset: e.target.value }) },
    setting('dataset').choices.map((d) => phrase('option', `stage.ds.${d}`, { value: d })));
  const rangeOut = () => h('output', { class: 'range-value' });
  // A range input's min, max and step: the schema's.
  const range = (key) => {
    const f = setting(key);
    return { type: 'range', name: key, min: String(f.min), max: String(f.max), step: String(f.step) };
  };
  const nOut = rangeOut();
  const nIn = h('input', { ...range('n'), oninput: (e) => { nOut.textContent = e.target.value; }, onchange: (e) => configure({ n: e.target.value }) });
  const noiseOut = rangeOut();
  const noiseIn = h('input', { ...range('noise'), oninput: (e) => { noiseOut.textContent = e.target.value; }, onchange: (e) => configure({ noise: e.target.value }) });
  const ratioOut = rangeOut();
  const ratioIn = h('input', { ...range('ratio'), oninput: (e) => { ratioOut.textContent = `${Math.round(e.target.value * 100)} %`; }, onchange: (e) => configure({ ratio: e.target.value }) });
  // Number fields read what is typed with js/number.js; numFields[name]
  // shows a value from the model.
  const numFields = {};
  const num = (name, attrs = {}, integer = false) => {
    const input = h('input', { name, ...attrs });
    numFields[name] = numberField(input, { id: name, label: () => t(`stage.${name}`), integer, onValue: (v) => configure({ [name]: String(v) }) });
    return input;
  };
  const seedIn = num('seed', {}, true);
  const regen = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'regenerate', onclick: () => {
    const s = go.state();
    configure({ seed: String((Number(s.seed) + 1) % (setting('seed').max + 1)) });
  } }, phrase('span', 'stage.regenerate'));
  const classesSel = h('select', { name: 'classes', onchange: (e) => configure({ classes: e.target.value }) },
    Array.from({ length: setting('classes').max - setting('classes').min + 1 }, (_, i) => String(setting('classes').min + i))
      .map((k) => h('option', { value: k }, k)));
  const classesField = field('stage.classes', classesSel);
  const csvIn = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv,text/plain', onchange: async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    loadCSV(await f.text());
    e.target.value = '';
  } });
  const exportBtn = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'export-csv', onclick: () => {
    download(`nnstep-${go.state().dataset}.csv`, go.exportCSV().csv, 'text/csv');
  } }, phrase('span', 'stage.csv.export'));
  const clickSel = h('select', { name: 'click' });

  const dataGroup = h('details', { class: 'stage-group', open: true },
    phrase('summary', 'stage.group.data'),
    h('div', { class: 'fields' },
      field('stage.dataset', datasetSel),
      classesField,
      field('stage.n', nIn, nOut),
      field('stage.noise', noiseIn, noiseOut),
      field('stage.ratio', ratioIn, ratioOut),
      h('div', { class: 'field field-row' }, field('stage.seed', seedIn), regen),
      field('stage.click', clickSel),
      h('label', { class: 'field field-file' }, phrase('span', 'stage.csv', { class: 'field-label' }), csvIn),
      h('div', { class: 'field' }, exportBtn)));

  // --- network controls ----------------------------------------------
  const layersBox = h('div', { class: 'layers-editor' });
  const addLayerBtn = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-layer', onclick: () => editLayers((hid) => {
    if (hid.length < setting('layers').max) hid.push(hid.length ? { ...hid[hid.length - 1] } : defaultHidden());
  }) }, '+ ', phrase('span', 'stage.addLayer'));
  const outputSel = h('select', { name: 'output', onchange: (e) => configure({ output: e.target.value }) },
    setting('output').choices.map((o) => phrase('option', `stage.out.${o}`, { value: o })));
  const outActSel = h('select', { name: 'outact', onchange: (e) => editLayers(() => {}, e.target.value) },
    setting('act').choices.map((a) => phrase('option', `act.name.${a}`, { value: a })));
  const outActField = field('stage.outputAct', outActSel);
  const netGroup = h('details', { class: 'stage-group', open: true },
    phrase('summary', 'stage.group.network'),
    h('div', { class: 'fields' },
      h('div', { class: 'field' }, phrase('span', 'stage.layers', { class: 'field-label' }), layersBox, addLayerBtn),
      field('stage.output', outputSel),
      outActField));

  // --- training controls ---------------------------------------------
  const lrList = h('datalist', { id: 'lr-presets' });
  const lrOptions = () => lrList.replaceChildren(...LR_PRESETS.map((v) => h('option', { value: formatNumber(v) })));
  lrOptions();
  onLang(lrOptions);
  const lrIn = num('lr', { list: 'lr-presets' });
  const batchIn = num('batch', {}, true);
  const l2In = num('l2');
  const stopIn = num('stop', {}, true);
  const targetIn = num('target');
  const trainGroup = h('details', { class: 'stage-group', open: true },
    phrase('summary', 'stage.group.training'),
    h('div', { class: 'fields' },
      field('stage.lr', lrIn, lrList), field('stage.batch', batchIn), field('stage.l2', l2In),
      field('stage.stop', stopIn), field('stage.target', targetIn)));

  const controls = h('form', { class: 'stage-controls', onsubmit: (e) => e.preventDefault() }, dataGroup, netGroup, trainGroup);
  // On a phone the stage comes first: keep the controls folded so the
  // lesson is one swipe away.
  if (window.matchMedia('(max-width: 979px)').matches) for (const d of [dataGroup, netGroup, trainGroup]) d.open = false;
  const results = h('div', { class: 'stage-results' }, metrics, confusion);
  panel.append(h('div', { class: 'stage-under' }, toolbar, legend, hint),
    h('div', { class: 'stage-side' }, results, curve, controls));

  // --- weight editor over the canvas ---------------------------------
  const editor = h('form', { class: 'weight-editor', hidden: true });
  const editorLabel = h('label', { class: 'weight-editor-label', for: 'weight-editor-input' });
  const editorIn = h('input', { id: 'weight-editor-input', type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' });
  editor.append(editorLabel, editorIn);
  stage.append(editor);
  let editing = null;
  const closeEditor = () => { editor.hidden = true; editing = null; };
  editor.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!editing) return;
    // A value that is not a number keeps the editor open, with a notice.
    const p = parseNumber(editorIn.value);
    if (p.error) {
      refuse('weight', editorLabel.textContent, editorIn.value, p.error);
      editorIn.select();
      return;
    }
    notices.clear('number-weight');
    const r = go.setWeight(editing.l, editing.i, editing.j, p.value);
    if (r.error) notices.show(() => t('stage.weight.bad', { detail: engineText(r) }), { level: 'warn', id: 'weight', data: { detail: r.error } });
    else notices.clear('weight');
    closeEditor();
    refresh();
  });
  editorIn.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeEditor(); });
  editorIn.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== editorIn) closeEditor(); }, 150));
  const openEditor = (hit) => {
    const name = hit.kind === 'bias' ? entryName('b', hit.l, hit.i + 1) : entryName('W', hit.l, hit.i + 1, hit.j + 1);
    editing = { l: hit.l, i: hit.i, j: hit.kind === 'bias' ? -1 : hit.j };
    editorLabel.textContent = t('stage.weight.edit', { name });
    // The entry as data (from 1, as named), for whoever reads the editor: its label is for reading.
    Object.assign(editor.dataset, { layer: String(hit.l), row: String(hit.i + 1), col: hit.kind === 'bias' ? '' : String(hit.j + 1) });
    editorIn.value = formatNumber(Number(hit.value.toPrecision(4)));
    editor.hidden = false;
    const w = stage.clientWidth;
    editor.style.left = `${Math.max(4, Math.min(hit.px + 8, w - 180))}px`;
    editor.style.top = `${Math.max(4, hit.py - 20)}px`;
    setTimeout(() => { editorIn.focus(); editorIn.select(); }, 0);
  };

  // --- pointer bridge --------------------------------------------------
  // Ebiten listens on its canvas for mouse, wheel, touch and keys and calls
  // preventDefault: that would block page scrolling over the stage (wheel,
  // touch) and move the focus to the canvas on a click. The stage needs none
  // of them (pointer events below drive it), so they stop at #stage.
  // The canvas comes with the stage module, after nnstep.ready: main.js
  // calls attachCanvas then.
  function attachCanvas(canvas) {
    for (const type of ['mousedown', 'mouseup', 'mousemove', 'wheel', 'touchstart', 'touchmove', 'touchend', 'touchcancel', 'keydown', 'keyup']) {
      stage.addEventListener(type, (e) => { if (e.target === canvas) e.stopPropagation(); }, { capture: true, passive: true });
    }
    canvas.setAttribute('tabindex', '-1');
    let down = null;
    const pos = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    canvas.addEventListener('pointermove', (e) => {
      const [x, y] = pos(e);
      const hit = go.pointer('move', x, y);
      canvas.style.cursor = hit.kind === 'edge' || hit.kind === 'bias' ? 'pointer'
        : hit.kind === 'plane' ? (clickSel.value !== 'example' || hit.nearest >= 0 ? 'crosshair' : 'default') : 'default';
    });
    canvas.addEventListener('pointerleave', () => go.pointer('leave', 0, 0));
    canvas.addEventListener('pointerdown', (e) => { down = pos(e); });
    canvas.addEventListener('pointerup', (e) => {
      const [x, y] = pos(e);
      if (!down || Math.hypot(x - down[0], y - down[1]) > 6) { down = null; return; }
      down = null;
      const hit = go.pointer('click', x, y);
      if (hit.kind === 'edge' || hit.kind === 'bias') openEditor(hit);
      else if (hit.kind === 'plane') {
        if (clickSel.value === 'example') {
          if (hit.nearest >= 0) configure({ example: String(hit.nearest) });
        } else {
          addPoint(hit.x1, hit.x2, Number(clickSel.value));
        }
      }
    });
  }

  // --- own data ----------------------------------------------------------
  function loadCSV(text) {
    const r = go.loadCSV(String(text));
    if (r.error) {
      const msg = () => {
        const key = `stage.csv.${r.code}`;
        let detail = r.code ? t(key, { value: r.value ?? '', field: r.field ?? '' }) : key;
        if (detail === key) detail = engineText(r);
        return r.line > 0 ? t('stage.csv.error', { line: r.line, detail }) : t('stage.csv.errorFile', { detail });
      };
      notices.show(msg, { level: 'error', id: 'csv', data: { line: String(r.line ?? 0), detail: r.error } });
    } else {
      notices.show(() => t('stage.csv.okSplit', { n: r.n, k: r.classes, train: r.trainSize, test: r.testSize }), { level: 'info', id: 'csv', timeout: 8000 });
      refresh();
      writeURL();
    }
    return r;
  }
  function addPoint(x1, x2, cls) {
    const wasOwn = go.state().dataset === 'own';
    const r = go.addPoint(x1, x2, cls);
    if (r.error) notices.show(() => t('stage.addFailed', { detail: engineText(r) }), { level: 'warn', id: 'addpoint', data: { detail: r.error } });
    else {
      if (!wasOwn) notices.show(() => t('stage.click.toOwn', { n: r.n }), { level: 'info', id: 'addpoint', timeout: 8000 });
      refresh();
      writeURL();
    }
    return r;
  }

  // --- architecture editing ----------------------------------------------
  function parseArch(s) {
    const sizes = String(s.layers).split('-').map(Number);
    const acts = String(s.act).split(',');
    const hidden = sizes.slice(1, -1).map((u, k) => ({ units: u, act: acts[k] ?? defaultHidden().act }));
    return { input: sizes[0], output: sizes[sizes.length - 1], hidden, outAct: acts[acts.length - 1] };
  }
  function editLayers(change, outAct) {
    const a = parseArch(go.state());
    change(a.hidden);
    const layers = [a.input, ...a.hidden.map((x) => x.units), a.output].join('-');
    const act = [...a.hidden.map((x) => x.act), outAct ?? a.outAct].join(',');
    configure({ layers, act });
  }
  function renderLayers(s) {
    const a = parseArch(s);
    layersBox.replaceChildren(...a.hidden.map((layer, k) => {
      const l = k + 1;
      const actSel = h('select', { name: `act${l}`, 'aria-label': `${t('stage.activation')} ${t('stage.layer', { l })}`, onchange: (e) => editLayers((hid) => { hid[k].act = e.target.value; }) },
        setting('act').choices.map((x) => h('option', { value: x, selected: x === layer.act }, t(`act.name.${x}`))));
      return h('div', { class: 'layer-row', 'data-layer': String(l) },
        h('span', { class: 'layer-name' }, `A[${l}]`),
        h('button', { type: 'button', class: 'btn btn-icon', title: t('stage.fewerUnits', { l }), 'aria-label': t('stage.fewerUnits', { l }), disabled: layer.units <= 1, onclick: () => editLayers((hid) => { hid[k].units = Math.max(1, hid[k].units - 1); }) }, '−'),
        h('span', { class: 'layer-units', 'data-units': String(layer.units) }, `${layer.units}`),
        h('button', { type: 'button', class: 'btn btn-icon', title: t('stage.moreUnits', { l }), 'aria-label': t('stage.moreUnits', { l }), disabled: layer.units >= setting('layers').unitsMax, onclick: () => editLayers((hid) => { hid[k].units = Math.min(setting('layers').unitsMax, hid[k].units + 1); }) }, '+'),
        actSel,
        h('button', { type: 'button', class: 'btn btn-icon btn-remove', title: t('stage.removeLayer', { l }), 'aria-label': t('stage.removeLayer', { l }), onclick: () => editLayers((hid) => { hid.splice(k, 1); }) }, '×'));
    }));
    addLayerBtn.disabled = a.hidden.length >= setting('layers').max;
    outActSel.value = a.outAct;
    outActField.hidden = s.output !== 'regression';
  }

  // --- legend --------------------------------------------------------
  function renderLegend(st0, stats) {
    const items = [];
    const k = stats.classes;
    const sw = (color, shape) => h('span', { class: `stg-swatch stg-swatch-${shape}`, style: `--c:${color}` });
    if (k > 0) {
      for (let c = 0; c < k; c++) items.push(h('span', { class: 'legend-item' }, sw(classColor(c), 'disc'), t('stage.legend.class', { k: c })));
    } else {
      items.push(h('span', { class: 'legend-item' }, h('span', { class: 'stg-swatch stg-swatch-gradient' }), `${t('stage.legend.neg')} / ${t('stage.legend.pos')}`));
    }
    items.push(h('span', { class: 'legend-item' }, sw('#8a94a6', 'disc'), t('stage.legend.train')));
    items.push(h('span', { class: 'legend-item' }, sw('#8a94a6', 'square'), t('stage.legend.test')));
    items.push(h('span', { class: 'legend-item' }, h('span', { class: 'stg-swatch stg-swatch-ring' }), t('stage.legend.example')));
    legend.replaceChildren(h('div', { class: 'legend-row' }, items), h('div', { class: 'legend-row legend-edges' }, t('stage.legend.edges')));
  }

  // --- confusion matrix -------------------------------------------------
  function renderConfusion(stats) {
    const m = stats.confusion;
    if (!m || !m.length) { confusion.replaceChildren(); return; }
    const of = stats.confusionOf === 'test' ? t('stage.test') : t('stage.train');
    const max = Math.max(1, ...m.flat());
    const head = h('tr', {}, h('th', { class: 'corner' }, `${t('stage.confusion.true')} ↓ / ${t('stage.confusion.pred')} →`), m.map((_, c) => h('th', { scope: 'col' }, h('span', { class: 'stg-swatch stg-swatch-disc', style: `--c:${classColor(c)}` }), String(c))));
    const rows = m.map((row, r) => h('tr', {}, h('th', { scope: 'row' }, h('span', { class: 'stg-swatch stg-swatch-disc', style: `--c:${classColor(r)}` }), String(r)),
      row.map((v, c) => h('td', { class: r === c ? 'diag' : 'off', style: `--a:${(v / max).toFixed(3)}`, 'data-count': String(v) }, String(v)))));
    confusion.replaceChildren(h('table', { class: 'confusion', 'data-of': stats.confusionOf }, h('caption', {}, t('stage.confusion', { of })), h('thead', {}, head), h('tbody', {}, rows)));
  }

  // --- loss curve ------------------------------------------------------
  let hist = null;
  let curveHover = null;
  // The curve is a Plot (js/plot.js): epochs along x, the losses up y. Its
  // size comes from the plot's ResizeObserver (300×120 until it reports):
  // reading clientWidth here would force a layout of the whole page on
  // every redraw (half a second on the first one, measured).
  const curvePlot = new Plot(curveCanvas, { pad: [8, 8, 18, 40], size: { w: 300, h: 120 } });
  curvePlot.draw = () => drawCurve();

  // drawCurve paints the curve at the next animation frame, once however
  // often it was asked for in between (and never in the page's start-up
  // task: the first paint of a canvas with text costs up to 0.3 s).
  let curveQueued = false;
  function drawCurve() {
    if (curveQueued) return;
    curveQueued = true;
    requestAnimationFrame(() => { curveQueued = false; paintCurve(); });
  }
  function paintCurve() {
    const p = curvePlot;
    const c = p.begin();
    if (!hist || hist.epoch.length < 2) {
      p.axes({ frame: true, font: 11 });
      c.font = '11px system-ui, sans-serif';
      c.fillStyle = color('muted');
      c.textAlign = 'center';
      c.fillText(t('stage.curve.empty'), (p.pad[3] + p.w - p.pad[1]) / 2, (p.pad[0] + p.h - p.pad[2]) / 2);
      curveReadout.textContent = '';
      return;
    }
    const e0 = hist.epoch[0];
    const e1 = hist.epoch[hist.epoch.length - 1];
    let ymax = 0;
    let ymin = Infinity;
    for (const arr of [hist.train, hist.test]) {
      for (const v of arr) {
        if (v === null || !Number.isFinite(v)) continue;
        ymax = Math.max(ymax, v);
        if (v > 0) ymin = Math.min(ymin, v);
      }
    }
    // A regression's mean squared error, and any loss that falls by more
    // than two orders of magnitude, is drawn on a log scale, so the end of
    // training stays readable.
    const log = ymax > 0 && ymin < Infinity && (lastStats?.classes === 0 || ymax / ymin > 100);
    curveCanvas.dataset.scale = log ? 'log' : 'linear';
    p.x = [e0, e1];
    p.logY = log;
    if (log) {
      const lo = Math.floor(Math.log10(ymin));
      const hi = Math.max(lo + 1, Math.ceil(Math.log10(ymax)));
      p.y = [10 ** lo, 10 ** hi];
      p.axes({ yTicks: logTicks(p.y[0], p.y[1], 4), frame: true, font: 11 });
    } else {
      ymax = ymax > 0 ? ymax * 1.05 : 1;
      p.y = [0, ymax];
      p.axes({ yTicks: [0, ymax / 2, ymax], frame: true, font: 11 });
    }
    c.font = '11px system-ui, sans-serif';
    c.fillStyle = color('muted');
    c.textBaseline = 'top';
    c.textAlign = 'left';
    c.fillText(String(e0), p.pad[3], p.h - p.pad[2] + 3);
    c.textAlign = 'right';
    c.fillText(String(e1), p.w - p.pad[1], p.h - p.pad[2] + 3);
    if (log) c.fillText('log', p.w - p.pad[1] - 4, p.pad[0] + 3);
    c.textBaseline = 'alphabetic';
    p.line(hist.epoch, hist.test, { color: color('orange'), width: 2, dash: [5, 3] });
    p.line(hist.epoch, hist.train, { color: color('blue'), width: 2 });
    const k = curveHover ?? hist.epoch.length - 1;
    if (curveHover !== null) p.vline(hist.epoch[k], color('ink'));
    curveReadout.textContent = t('stage.curve.readout', { epoch: hist.epoch[k], train: fmt(hist.train[k], 4), test: fmt(hist.test[k], 4) });
  }
  curveCanvas.addEventListener('pointermove', (e) => {
    if (!hist || hist.epoch.length < 2) return;
    const r = curveCanvas.getBoundingClientRect();
    const target = curvePlot.ix(e.clientX - r.left);
    let best = 0;
    for (let k = 0; k < hist.epoch.length; k++) if (Math.abs(hist.epoch[k] - target) < Math.abs(hist.epoch[best] - target)) best = k;
    curveHover = best;
    drawCurve();
  });
  curveCanvas.addEventListener('pointerleave', () => { curveHover = null; drawCurve(); });

  // --- refresh from the module ------------------------------------------
  let lastArch = '';
  let lastLegend = '';
  function setIf(el, v) { if (document.activeElement !== el && el.value !== String(v)) el.value = String(v); }
  function refreshControls() {
    const s = go.state();
    setIf(datasetSel, s.dataset);
    setIf(nIn, s.n); nOut.textContent = String(s.n);
    setIf(noiseIn, s.noise); noiseOut.textContent = String(s.noise);
    setIf(ratioIn, s.ratio); ratioOut.textContent = `${Math.round(s.ratio * 100)} %`;
    numFields.seed.set(s.seed);
    setIf(classesSel, s.classes);
    classesField.hidden = !(s.dataset === 'gauss' || s.dataset === 'spiral');
    setIf(outputSel, s.output);
    for (const k of ['lr', 'batch', 'l2', 'stop', 'target']) numFields[k].set(s[k]);
    // A speed off the scale (typed in the URL) shows at the nearest step.
    let k = speedSteps.indexOf(s.speed);
    if (k < 0) k = s.speed === 0 ? speedSteps.length - 1 : speedSteps.findIndex((v) => v !== 0 && v >= s.speed);
    setIf(speedIn, k);
    speedOut.textContent = speedText(s.speed);
    const arch = `${s.layers}|${s.act}|${s.output}|${document.documentElement.lang}`;
    if (arch !== lastArch) { renderLayers(s); lastArch = arch; }
    return s;
  }
  function refreshClickModes(k) {
    const want = ['example', ...Array.from({ length: Math.max(2, Math.min(8, k + (k > 0 && k < 8 ? 1 : 0))) }, (_, c) => String(c))];
    const key = want.join(',') + document.documentElement.lang;
    if (clickSel.dataset.key === key) return;
    const prev = clickSel.value;
    clickSel.replaceChildren(...want.map((v) => h('option', { value: v }, v === 'example' ? t('stage.click.example') : t('stage.click.add', { k: v }))));
    clickSel.value = want.includes(prev) ? prev : 'example';
    clickSel.dataset.key = key;
  }

  let lastStats = null;
  let lastDivKey = '';
  let lastHistLen = -1;
  let lastHistVersion = -1;
  let lastCurveAt = 0;
  let userPaused = false;
  playBtn.addEventListener('click', () => { userPaused = !go.stats().playing; });

  function refreshStats(force) {
    const s = go.stats();
    const now = performance.now();
    // After a stop condition, Play says that it continues without one.
    const stopped = !s.playing && s.stopped;
    playBtn.replaceChildren(h('span', { class: 'btn-icon-glyph', 'aria-hidden': 'true' }, s.playing ? '❚❚' : '▶'), ' ', t(s.playing ? 'stage.pause' : stopped ? 'stage.playOn' : 'stage.play'));
    if (stopped) playBtn.title = t(`stage.playOn.${s.stopped}`, { epoch: s.epoch });
    else playBtn.removeAttribute('title');
    playBtn.dataset.stopped = stopped || '';
    playBtn.setAttribute('aria-pressed', s.playing ? 'true' : 'false');
    epochOut.textContent = String(s.epoch);
    lossTrain.textContent = fmt(s.trainLoss, 4);
    lossTest.textContent = fmt(s.testLoss, 4);
    accTrain.textContent = pct(s.trainAccuracy);
    accTest.textContent = pct(s.testAccuracy);
    accRow.hidden = s.classes === 0;
    if (s.diverged) {
      const d = s.diverged;
      const key = `${d.epoch}|${d.op}|${d.step}`;
      if (key !== lastDivKey) {
        lastDivKey = key;
        notices.show(() => t('stage.diverged', { epoch: d.epoch, op: d.op, phase: t(`stage.phase.${d.phase}`), layer: d.layer }), { level: 'error', id: 'diverged', data: { op: d.op, phase: d.phase }, about: TRAINING_VIEWS });
      }
    } else {
      lastDivKey = '';
    }
    if (lastStats && lastStats.playing && !s.playing && !s.diverged && !userPaused) {
      if (s.stopped) notices.show(() => t(`stage.playOn.${s.stopped}`, { epoch: s.epoch }), { level: 'info', id: 'stopped', timeout: 8000, about: TRAINING_VIEWS });
    }
    if (!s.playing) userPaused = false;
    const legendKey = `${s.classes}|${document.documentElement.lang}`;
    if (legendKey !== lastLegend) { renderLegend(go.state(), s); refreshClickModes(s.classes); lastLegend = legendKey; }
    if (force || !lastStats || lastStats.version !== s.version) renderConfusion(s);
    if (force || s.historyLen !== lastHistLen || (s.version !== lastHistVersion && now - lastCurveAt > 200)) {
      if (force || now - lastCurveAt > 150) {
        hist = go.history();
        lastHistLen = s.historyLen;
        lastHistVersion = s.version;
        lastCurveAt = now;
        drawCurve();
      }
    }
    lastStats = s;
    return s;
  }

  function refresh() {
    refreshControls();
    refreshStats(true);
  }

  // Metrics follow the model's events (js/events.js): at once after a
  // change, at most every 100 ms while training runs; the stage module
  // redraws every frame.
  onChange(() => refreshStats(false), { throttleMs: 100 });

  onLang(() => {
    stage.setAttribute('aria-label', t('stage.aria'));
    lastArch = '';
    lastLegend = '';
    clickSel.dataset.key = '';
    refresh();
  });

  return { refresh, loadCSV, addPoint, attachCanvas };
}
