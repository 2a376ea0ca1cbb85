// dom.js: the page's one element builder (docs/frontend.md, "Modules").

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
