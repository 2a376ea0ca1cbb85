// dom.js: the page's one element builder, with the attributes that make an
// element follow the language, and a download (docs/frontend.md, "Modules").
import { applyI18n } from "./i18n.js";

// el builds an element: el("div", {class: "x", onclick: f}, child, "text").
// Attributes that are undefined, null or false are left out and true is an
// empty attribute; "text" sets the text and "html" the markup; an "on…"
// function listens to that event. Children may be nodes, strings, numbers
// or arrays of them; null, undefined and false are skipped.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "html") e.innerHTML = v;
    else if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

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

// download offers text as a file.
export function download(name, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
