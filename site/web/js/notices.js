// Notices: messages in <div id="notices" role="status"> for invalid URL
// values, divergence, rejected files… Each has an id: showing the same id
// again replaces it. The text is given already translated.
import { st } from './i18n-stage.js';

function box() {
  let el = document.getElementById('notices');
  if (!el) {
    el = document.createElement('div');
    el.id = 'notices';
    el.setAttribute('role', 'status');
    el.setAttribute('aria-live', 'polite');
    document.body.prepend(el);
  }
  return el;
}

// show displays text with level 'info', 'warn' or 'error' and returns its
// element. Options: id (replaces a notice with the same id), timeout (ms,
// then it goes away by itself), data (copied to data-* attributes).
export function show(text, { level = 'info', id = '', timeout = 0, data = {} } = {}) {
  const root = box();
  if (id) clear(id);
  const el = document.createElement('div');
  el.className = `notice notice-${level}`;
  if (id) el.dataset.noticeId = id;
  for (const [k, v] of Object.entries(data)) el.dataset[k] = v;
  const p = document.createElement('p');
  p.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'notice-close';
  close.textContent = '×';
  close.title = st('notice.close');
  close.setAttribute('aria-label', st('notice.close'));
  close.addEventListener('click', () => el.remove());
  el.append(p, close);
  root.append(el);
  if (timeout > 0) setTimeout(() => el.remove(), timeout);
  return el;
}

// clear removes the notice with that id (all notices whose id starts with
// prefix* when id ends with '*').
export function clear(id) {
  for (const el of box().querySelectorAll('[data-notice-id]')) {
    const nid = el.dataset.noticeId;
    if (id.endsWith('*') ? nid.startsWith(id.slice(0, -1)) : nid === id) el.remove();
  }
}

// list returns the texts shown, for tests and debugging.
export function list() {
  return [...box().querySelectorAll('.notice p')].map((p) => p.textContent);
}
