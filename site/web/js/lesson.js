// lesson.js: renders the page's text regions (header, table of contents,
// the ten sections) and mounts each section's interactive part. The text
// is on screen before the wasm module is ready; the demos wait for it.
//
// ?embed=1&section=KEY shows that section only, without the page chrome,
// and tells the parent page its height: {type: "nnstep:height", height}.
import { t, lang, setLang, onLang, applyI18n } from "./i18n.js";
import { whenReady } from "./sections/util.js";
import { keyboardScroll } from "./scrollable.js";
import * as stepper from "./stepper.js";
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

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function renderHeader(top) {
  top.replaceChildren(
    el("a", { class: "skip", href: "#lesson", "data-i18n": "head.skip" }),
    el("div", { class: "brand" },
      el("h1", {}, el("span", { class: "logo", "aria-hidden": "true" }, "nnstep"), el("span", { "data-i18n": "head.title" })),
      el("p", { class: "subtitle", "data-i18n": "head.subtitle" })),
    langToggle(),
  );
}

function langToggle() {
  const group = el("div", { class: "lang-toggle", role: "group", "data-i18n-attr": "aria-label:head.lang" });
  for (const l of ["fr", "en"]) {
    const b = el("button", { type: "button", "data-lang": l, lang: l, "aria-pressed": String(lang() === l) }, l.toUpperCase());
    b.addEventListener("click", () => setLang(l));
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
  nav.replaceChildren(el("h2", { class: "toc-title", "data-i18n": "toc.title" }), ol);
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

// Marks the section being read in the table of contents, and tells the
// stylesheet whether that section uses the stage.
function trackReading(sections) {
  if (!("IntersectionObserver" in window)) return;
  const visible = new Map();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) visible.set(e.target.dataset.section, e.intersectionRatio);
    let best = null;
    let bestR = 0;
    for (const key of SECTIONS) {
      const r = visible.get(key) || 0;
      if (r > bestR) { best = key; bestR = r; }
    }
    if (!best) return;
    for (const a of document.querySelectorAll("#toc a[data-toc]")) {
      if (a.dataset.toc === best) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    }
    if (document.documentElement.dataset.reading === best) return;
    document.documentElement.dataset.reading = best;
    document.documentElement.classList.toggle("reading-stage", STAGE_SECTIONS.has(best));
    // The URL follows the section being read (design §3.5: section=), so a
    // copied link opens there; the first section is the default.
    if (window.nnstep && typeof window.nnstep.setPage === "function" && booted) {
      window.nnstep.setPage({ section: best === SECTIONS[0] ? "" : best });
    }
  }, { threshold: [0, 0.1, 0.25, 0.5, 0.75, 1] });
  for (const s of sections) io.observe(s);
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
  // separate tasks, in reading order (sections/util.js whenReady).
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
  applyI18n(main);
  // js/main.js waits for this before the wasm module's start-up (one long
  // task), so the text is laid out and painted first.
  keyboardScroll(document.body);
  document.documentElement.dataset.lesson = "rendered";
  performance.mark("nn-lesson");
  window.dispatchEvent(new Event("nnstep:lesson"));
  if (!embed) trackReading(sections);
  else postHeight();

  // A link to a section (?section=KEY) scrolls to it once laid out; the
  // URL follows the reading only after that.
  const want = params.get("section");
  if (!embed && SECTIONS.includes(want) && !location.hash) {
    requestAnimationFrame(() => {
      document.getElementById(`s-${want}`)?.scrollIntoView({ block: "start" });
      setTimeout(() => (booted = true), 500);
    });
  } else setTimeout(() => (booted = true), 500);
}

let booted = false;

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
