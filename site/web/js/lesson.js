// lesson.js: renders the page's text regions (header, table of contents,
// the ten sections) and mounts each section's interactive part. The text
// is on screen before the wasm module is ready; the demos wait for it.
//
// The table of contents and the language toggle form the page's bar, which
// stays at the top of the screen; on a narrow screen the stage docks under
// it while a section that drives it is read (docs/frontend.md, "Finding
// one's way").
//
// ?embed=1&section=KEY shows that section only, without the page chrome,
// and tells the parent page its height: {type: "nnstep:height", height}.
import { t, lang, setLang, onLang, applyI18n } from "./i18n.js";
import { whenReady } from "./model.js";
import { keyboardScroll } from "./scrollable.js";
import { emit } from "./events.js";
import { el } from "./dom.js";
import * as stepper from "./stepper.js";
import * as quiz from "./quiz.js";
import neuron from "./sections/neuron.js";
import activations from "./sections/activations.js";
import logistic from "./sections/logistic.js";
import network from "./sections/network.js";
import cost from "./sections/cost.js";
import backward from "./sections/backward.js";
import descent from "./sections/descent.js";
import multiclass from "./sections/multiclass.js";
import pathologies from "./sections/pathologies.js";

export const SECTIONS = [
  "neuron", "activations", "logistic", "network", "forward",
  "cost", "backward", "descent", "multiclass", "pathologies",
];

// Sections whose demo uses the stage (the aside): it stays in view there.
export const STAGE_SECTIONS = new Set(["logistic", "network", "forward", "cost", "backward", "descent", "multiclass"]);

const mounts = { neuron, activations, logistic, network, cost, backward, descent, multiclass, pathologies };

const params = new URLSearchParams(location.search);
const embed = params.get("embed") === "1";

function renderHeader(top) {
  top.replaceChildren(
    el("a", { class: "skip", href: "#lesson", "data-i18n": "head.skip" }),
    el("div", { class: "brand" },
      el("h1", {}, el("span", { class: "logo", "aria-hidden": "true" }, "nnstep"), el("span", { "data-i18n": "head.title" })),
      el("p", { class: "subtitle", "data-i18n": "head.subtitle" })),
  );
}

function langToggle() {
  const group = el("div", { class: "lang-toggle", role: "group", "data-i18n-attr": "aria-label:head.lang" });
  for (const l of ["fr", "en"]) {
    const b = el("button", { type: "button", "data-lang": l, lang: l, "aria-pressed": String(lang() === l) }, l.toUpperCase());
    b.addEventListener("click", () => switchLang(l));
    group.append(b);
  }
  onLang((l) => {
    for (const b of group.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.lang === l));
  });
  return group;
}

function renderTOC(nav) {
  nav.setAttribute("data-i18n-attr", "aria-label:toc.label");
  const ol = el("ol");
  SECTIONS.forEach((key) => {
    ol.append(el("li", {}, el("a", { href: `#s-${key}`, "data-toc": key, "data-i18n": `sec.${key}` })));
  });
  nav.replaceChildren(el("h2", { class: "toc-title", "data-i18n": "toc.title" }), ol, langToggle());
  // The bar's height, for what sits below it (css: --bar-h, --top-h).
  // Observed from the first paint on: setting it earlier, in the frame
  // that lays out the text, made the browser lay the page out again before
  // painting it (docs/frontend.md, "Boot"); the page opens at the top, where
  // the bar's height moves nothing.
  const root = document.documentElement;
  let barH = -1;
  const barRO = new ResizeObserver(([e]) => {
    const h = e.borderBoxSize?.[0]?.blockSize ?? nav.offsetHeight;
    if (h !== barH) root.style.setProperty("--bar-h", `${(barH = h)}px`);
  });
  afterPaint(() => barRO.observe(nav));
  // A link of the menu lands below the bar, and the menu shows the section
  // being read (it scrolls sideways on a narrow screen).
  onReading((key) => {
    const a = ol.querySelector(`a[data-toc="${key}"]`);
    if (a && ol.scrollWidth > ol.clientWidth) ol.scrollLeft = a.offsetLeft - ol.offsetLeft - (ol.clientWidth - a.offsetWidth) / 2;
  });
}

// switchLang changes the page's language, keeping the place being read
// where it is on screen: the texts change length, so the same scroll
// position would show another place (and another section= in the URL).
function switchLang(l) {
  const key = readingAt();
  const s = key && document.getElementById(`s-${key}`);
  const line = readingLine();
  const before = s && s.getBoundingClientRect();
  const frac = before ? (line - before.top) / before.height : 0;
  setLang(l);
  if (!s) return;
  const after = s.getBoundingClientRect();
  scrollBy(0, after.top + frac * after.height - line);
}

function renderSection(key, n) {
  const s = el("section", { id: `s-${key}`, "data-section": key, "aria-labelledby": `h-${key}` });
  if (STAGE_SECTIONS.has(key)) s.classList.add("uses-stage");
  s.append(
    // The embed view shows one section: its title is the document's heading.
    el(embed ? "h1" : "h2", { id: `h-${key}` }, el("span", { class: "sec-num" }, String(n)), el("span", { "data-i18n": `sec.${key}` })),
    el("div", { class: "intro", "data-i18n-block": `${key === "multiclass" ? "multi" : key === "activations" ? "act" : key === "pathologies" ? "path" : key}.intro` }),
    el("div", { class: "demo" }),
  );
  return s;
}

// The section being read is the one under the reading line, a third of the
// way down the screen below the bar (the docked stage does not move it:
// docking depends on it).
function readingLine() {
  const bar = document.getElementById("toc");
  const top = bar && !bar.hidden ? bar.getBoundingClientRect().bottom : 0;
  return Math.max(0, top) + (innerHeight - Math.max(0, top)) / 3;
}

function readingAt() {
  const y = readingLine();
  let best = null;
  for (const s of document.querySelectorAll("#lesson > section")) {
    const r = s.getBoundingClientRect();
    if (r.top <= y) best = s.dataset.section;
    if (r.bottom > y) break;
  }
  return best;
}

const readingListeners = [];
function onReading(fn) {
  readingListeners.push(fn);
}

// Marks the section being read in the table of contents, tells the
// stylesheet whether that section uses the stage, docks the stage on a
// narrow screen, and keeps section= in the URL; on every scroll and resize.
function trackReading() {
  let pending = 0;
  const update = () => {
    pending = 0;
    const best = readingAt();
    dockStage(best);
    if (!best) return;
    for (const a of document.querySelectorAll("#toc a[data-toc]")) {
      if (a.dataset.toc === best) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    }
    if (document.documentElement.dataset.reading === best) return;
    document.documentElement.dataset.reading = best;
    document.documentElement.classList.toggle("reading-stage", STAGE_SECTIONS.has(best));
    for (const fn of readingListeners) fn(best);
    // The URL follows the section being read (docs/frontend.md: section=),
    // so a copied link opens there; the first section is the default.
    if (booted) emit("page", { section: best === SECTIONS[0] ? "" : best });
  };
  const later = () => { if (!pending) pending = requestAnimationFrame(update); };
  addEventListener("scroll", later, { passive: true });
  addEventListener("resize", later);
  onLang(later);
  new ResizeObserver(later).observe(document.getElementById("lesson"));
}

// afterPaint runs fn once the next frame has been painted: what measures
// the page (the reading place, the bar's height) waits for the text's first
// paint instead of forcing a layout before it (docs/frontend.md, "Boot").
function afterPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

// dockStage docks #stage under the bar (html.stage-docked, css/stage.css)
// on a narrow screen while the section read drives the stage and the
// stage's own place, at the top of the page, is off screen, so that what
// a section does to the stage is seen without scrolling. A button on it
// hides it (and shows it again) for the rest of the visit.
let dockToggle = null;
let dockHidden = false;
const narrow = matchMedia("(max-width: 979px)");
function dockStage(key) {
  const root = document.documentElement;
  const home = document.getElementById("stage-home");
  if (!home) return;
  if (!dockToggle) {
    dockToggle = el("button", { type: "button", id: "stage-dock-toggle", "aria-controls": "stage" });
    dockToggle.addEventListener("click", () => {
      dockHidden = !dockHidden;
      dockStage(root.dataset.reading);
    });
    home.append(dockToggle);
  }
  const r = home.getBoundingClientRect();
  const bar = document.getElementById("toc").getBoundingClientRect().bottom;
  const homeSeen = r.bottom > Math.max(0, bar) && r.top < innerHeight;
  const wanted = narrow.matches && STAGE_SECTIONS.has(key) && !homeSeen;
  const docked = wanted && !dockHidden;
  const changed = root.classList.contains("stage-docked") !== docked;
  root.classList.toggle("stage-docked", docked);
  root.classList.toggle("stage-dock-hidden", wanted && dockHidden);
  dockToggle.hidden = !wanted;
  dockToggle.title = t(docked ? "stage.dock.hide" : "stage.dock.show");
  dockToggle.setAttribute("aria-label", dockToggle.title);
  dockToggle.setAttribute("aria-expanded", String(docked));
  dockToggle.textContent = docked ? "▴" : "▾";
  if (changed && landing) landing();
}

// In an iframe: tell the parent how tall the content is, now and on every
// change of size.
function postHeight() {
  if (window.parent === window) return;
  let last = -1;
  const send = () => {
    const h = Math.ceil(Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0));
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: "nnstep:height", height: h }, "*");
  };
  const ro = new ResizeObserver(send);
  ro.observe(document.documentElement);
  if (document.body) ro.observe(document.body);
  const main = document.getElementById("lesson");
  if (main) ro.observe(main);
  window.addEventListener("load", send);
  send();
}

function boot() {
  const top = document.getElementById("top");
  const nav = document.getElementById("toc");
  const main = document.getElementById("lesson");
  if (!main) return;
  firstScreen();
  let keys = SECTIONS;
  if (embed) {
    document.documentElement.classList.add("embed");
    let key = params.get("section");
    if (!SECTIONS.includes(key)) {
      if (key) {
        const note = el("p", { class: "embed-note", role: "status", "data-i18n": "embed.unknown", "data-i18n-vars": JSON.stringify({ key }) });
        main.before(note);
      }
      key = SECTIONS[0];
    }
    keys = [key];
    document.documentElement.classList.toggle("embed-stage", STAGE_SECTIONS.has(key));
    document.documentElement.dataset.reading = key;
    if (top) { top.replaceChildren(); top.hidden = true; }
    if (nav) { nav.replaceChildren(); nav.hidden = true; }
  } else {
    if (top) renderHeader(top);
    if (nav) renderTOC(nav);
  }
  const sections = keys.map((key) => renderSection(key, SECTIONS.indexOf(key) + 1));
  main.replaceChildren(...sections);
  applyI18n(document);

  // One ready promise per section: their first computations run in
  // separate tasks, in reading order (model.js whenReady).
  for (const s of sections) {
    const key = s.dataset.section;
    const demo = s.querySelector(".demo");
    try {
      if (mounts[key]) mounts[key](demo, { ready: whenReady(), section: s });
    } catch (e) {
      console.error(`nnstep: section ${key}:`, e);
    }
  }
  stepper.mount({ ready: whenReady(), sections: Object.fromEntries(sections.map((s) => [s.dataset.section, s])) });
  // The checks of understanding end each section (js/quiz.js).
  quiz.mount(sections, whenReady());
  applyI18n(main);
  // js/main.js waits for this before the wasm module's start-up (one long
  // task), so the text is laid out and painted first.
  document.documentElement.dataset.lesson = "rendered";
  performance.mark("nn-lesson");
  window.dispatchEvent(new Event("nnstep:lesson"));
  // Measuring waits for the first paint (the reading place, which regions
  // overflow); the ResizeObservers observe from then on.
  afterPaint(() => {
    keyboardScroll(document.body);
    if (!embed) trackReading();
  });
  if (embed) postHeight();

  // A link to a section (?section=KEY) lands on it; the URL follows the
  // reading only after that.
  const want = params.get("section");
  if (!embed && SECTIONS.includes(want) && !location.hash) land(want);
  else setTimeout(() => (booted = true), 500);
}

let booted = false;
let landing = null;

// land keeps the place a link asks for at the top of the screen, below the
// bar (and the docked stage: html's scroll-padding-top), while the page
// lays itself out: the demos fill in, the stage's panel grows, the
// step-through takes its op. The place is the step-through when the link
// names a step it shows in that section, else the section's heading. It
// lets go once the reader scrolls, types or clicks, or 3 s after the
// module is ready.
function land(key) {
  const step = params.has("step");
  const target = () => {
    const panel = document.getElementById("stepper");
    if (step && panel && panel.closest(`#s-${key}`) && panel.querySelector("[data-op-index]")) return panel;
    return document.getElementById(`h-${key}`);
  };
  const go = () => target()?.scrollIntoView({ block: "start" });
  const ro = new ResizeObserver(go);
  ro.observe(document.getElementById("lesson"));
  for (const e of document.querySelectorAll("#lesson > section, #stage-panel")) ro.observe(e);
  const stop = () => {
    if (!landing) return;
    landing = null;
    ro.disconnect();
    booted = true;
  };
  for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) {
    addEventListener(type, stop, { once: true, capture: true, passive: true });
  }
  landing = go;
  requestAnimationFrame(go);
  whenReady().then(() => setTimeout(stop, 3000), stop);
}

// firstScreen lets the browser skip the sections off screen while the page
// starts (html.first-screen, css/lesson.css), when it opens at the top of a
// new visit. The whole lesson is laid out once the lesson module runs, or
// as soon as the reader clicks, types, scrolls or touches, or the page
// scrolls for any other reason (a text fragment link, find in page from the
// menu, a screen reader): a jump to a section must land where the real
// heights put it, and what the reader looks at must not move.
function firstScreen() {
  if (embed || SECTIONS.includes(params.get("section")) || location.hash) return;
  const nav = performance.getEntriesByType?.("navigation")[0];
  if (nav && nav.type !== "navigate") return; // reload, back or forward: the browser restores a scroll position
  const root = document.documentElement;
  root.classList.add("first-screen");
  performance.mark("nn-first-screen");
  const release = () => root.classList.remove("first-screen");
  whenReady().then(release, release);
  for (const type of ["pointerdown", "keydown", "wheel", "touchstart", "scroll"]) {
    addEventListener(type, release, { once: true, capture: true, passive: true });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, { once: true });
else boot();
