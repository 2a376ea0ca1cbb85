// Notices: messages in <div id="notices" role="status"> for invalid URL
// values, divergence, rejected files… Each has an id: showing the same id
// again replaces it. (docs/frontend.md, "Notices")
//
// - A notice's text is a function that phrases it in the page's language
//   (or a fixed string): it is phrased again on every language change.
// - Only the newest notice is shown in full; the others fold behind a
//   "+N" button on it, which unfolds them all.
// - A notice says what it is about (about: CSS selectors); the stack takes
//   the corner of the viewport where it covers none of it, nor the field
//   being typed in.
import { t, onLang } from './i18n.js';
import { el as h } from './dom.js';

let root = null;
let folded = true;
const texts = new Map(); // notice element → () => text

function box() {
  if (root && root.isConnected) return root;
  root = document.getElementById('notices');
  if (!root) {
    root = h('div', { id: 'notices', role: 'status', 'aria-live': 'polite' });
    document.body.prepend(root);
  }
  return root;
}

// show displays text (a string, or a function returning it in the page's
// language) with level 'info', 'warn' or 'error' and returns its element.
// Options: id (replaces a notice with the same id), timeout (ms, then it
// goes away by itself), data (copied to data-* attributes), about (CSS
// selectors of what it talks about, which it must not cover).
export function show(text, { level = 'info', id = '', timeout = 0, data = {}, about = '' } = {}) {
  const root = box();
  if (id) clear(id);
  const p = h('p');
  const more = h('button', { type: 'button', class: 'notice-more', onclick: () => { folded = !folded; update(); } });
  const close = h('button', { type: 'button', class: 'notice-close', onclick: () => remove(el) }, '×');
  const el = h('div', { class: `notice notice-${level}`, 'data-notice-id': id || null, 'data-about': about || null }, p, more, close);
  for (const [k, v] of Object.entries(data)) el.dataset[k] = v;
  texts.set(el, typeof text === 'function' ? text : () => text);
  root.append(el);
  folded = true;
  if (timeout > 0) setTimeout(() => remove(el), timeout);
  update();
  return el;
}

function remove(el) {
  texts.delete(el);
  el.remove();
  update();
}

// clear removes the notice with that id (all notices whose id starts with
// prefix* when id ends with '*').
export function clear(id) {
  let gone = false;
  for (const el of box().querySelectorAll('[data-notice-id]')) {
    const nid = el.dataset.noticeId;
    if (id.endsWith('*') ? nid.startsWith(id.slice(0, -1)) : nid === id) {
      texts.delete(el);
      el.remove();
      gone = true;
    }
  }
  if (gone) update();
}

// list returns the texts shown, for tests and debugging.
export function list() {
  return [...box().querySelectorAll('.notice p')].map((p) => p.textContent);
}

// update phrases every notice in the page's language, folds all but the
// newest and places the stack.
function update() {
  const all = [...box().querySelectorAll('.notice')];
  all.forEach((el, k) => {
    const newest = k === all.length - 1;
    const text = texts.get(el);
    if (text) el.querySelector('p').textContent = text();
    el.hidden = folded && !newest;
    const more = el.querySelector('.notice-more');
    more.hidden = !newest || all.length < 2;
    more.textContent = folded ? `+${all.length - 1}` : '−';
    more.setAttribute('aria-expanded', String(!folded));
    more.title = t(folded ? 'notice.more' : 'notice.fewer', { n: all.length - 1 });
    more.setAttribute('aria-label', more.title);
    const close = el.querySelector('.notice-close');
    close.title = t('notice.close');
    close.setAttribute('aria-label', close.title);
  });
  place();
}

// The corners the stack may take, in order of preference.
const CORNERS = ['bottom-left', 'bottom-right', 'top-left', 'top-right'];

// place puts the stack in the first corner where it covers nothing the
// notices are about (the parts of it on screen) nor the focused field;
// where every corner does, in the one that covers least.
function place() {
  const root = box();
  const shown = [...root.querySelectorAll('.notice:not([hidden])')];
  if (!shown.length) return;
  const avoid = [];
  const active = document.activeElement;
  if (active && active !== document.body && !root.contains(active)) avoid.push(active.getBoundingClientRect());
  for (const el of root.querySelectorAll('.notice')) {
    if (!el.dataset.about) continue;
    for (const e of document.querySelectorAll(el.dataset.about)) avoid.push(e.getBoundingClientRect());
  }
  let best = null;
  let bestArea = Infinity;
  for (const corner of CORNERS) {
    root.dataset.corner = corner;
    const r = root.getBoundingClientRect();
    let area = 0;
    for (const a of avoid) {
      const w = Math.min(r.right, a.right) - Math.max(r.left, a.left);
      const h = Math.min(r.bottom, a.bottom) - Math.max(r.top, a.top);
      if (w > 0 && h > 0) area += w * h;
    }
    if (area < bestArea) { best = corner; bestArea = area; }
    if (area === 0) break;
  }
  root.dataset.corner = best;
}

// The stack follows the page: its language, and what it must not cover as
// the page scrolls or resizes.
onLang(update);
let pending = 0;
const later = () => {
  if (pending || !root || !root.querySelector('.notice')) return;
  pending = requestAnimationFrame(() => { pending = 0; place(); });
};
addEventListener('scroll', later, { passive: true });
addEventListener('resize', later);
document.addEventListener('focusin', later);
