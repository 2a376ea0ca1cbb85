// URL state (docs/stage.md, "Settings"): parsing with validation and notices, and
// writing back with history.replaceState. The stage's keys are validated by
// the Go module (nnstepGo.configure returns its notices); the page's own
// keys (lang, section, step, embed, play) are validated here.
import { t } from './i18n.js';
import * as notices from './notices.js';
import { schemaFields } from './schema.js';

// Keys the Go stage reads: the schema's (js/schema.js).
const stageKeys = () => schemaFields().map((f) => f.key);
// Keys of the page itself.
export const PAGE_KEYS = ['lang', 'section', 'step', 'embed', 'play'];
export const SECTIONS = ['neuron', 'activations', 'logistic', 'network', 'forward', 'cost', 'backward',
  'descent', 'multiclass', 'pathologies'];

const PAGE_DEFAULTS = { lang: 'fr', section: '', step: null, embed: false, play: false };

// parse splits a query string into the stage's keys (strings, for
// nnstepGo.configure) and the page's keys (validated, with notices for
// invalid values); unknown keys give a notice too.
export function parse(search = location.search) {
  const q = new URLSearchParams(search);
  const stage = {};
  const page = { ...PAGE_DEFAULTS };
  const problems = [];
  const keys = stageKeys();
  for (const [k, v] of q) {
    if (keys.includes(k)) {
      stage[k] = v;
      continue;
    }
    switch (k) {
      case 'lang':
        if (v === 'fr' || v === 'en') page.lang = v;
        else problems.push({ key: k, value: v, code: 'choice', choices: ['fr', 'en'], fallback: 'fr' });
        break;
      case 'section':
        if (SECTIONS.includes(v)) page.section = v;
        else problems.push({ key: k, value: v, code: 'choice', choices: SECTIONS, fallback: SECTIONS[0] });
        break;
      case 'step':
        if (/^\d{1,6}$/.test(v)) page.step = Number(v);
        else problems.push({ key: k, value: v, code: 'number', fallback: '0' });
        break;
      case 'embed':
      case 'play':
        if (v === '1' || v === 'true') page[k] = true;
        else if (v === '0' || v === 'false' || v === '') page[k] = false;
        else problems.push({ key: k, value: v, code: 'choice', choices: ['0', '1'], fallback: '0' });
        break;
      default:
        problems.push({ key: k, value: v, code: 'unknown' });
    }
  }
  return { stage, page, problems };
}

// noticeText phrases one notice (from Go's configure or from parse) in
// the page's language.
export function noticeText(n) {
  // An activation put in place of the asked one is named by its label.
  const fallback = n.code === 'adjusted' && n.key === 'act' ? t(`act.name.${n.fallback}`) : n.fallback ?? '';
  const params = {
    key: n.key, value: n.value, fallback, min: n.min ?? '', max: n.max ?? '',
    choices: (n.choices ?? []).join(', '),
    ds: n.code === 'ownSeed' ? t(`stage.ds.${n.fallback}`) : '', // the dataset copied
  };
  const key = `notice.${n.code}`;
  const s = t(key, params);
  return s === key ? `${n.key}: ${n.value}` : s;
}

// showNotices displays the notices of settings that fell back to defaults.
export function showNotices(list) {
  for (const n of list) {
    notices.show(() => noticeText(n), { level: 'warn', id: `url-${n.key}`, data: { key: n.key } });
  }
}

// write replaces the URL's query with the stage state and the page keys,
// keeping any other parameter another part of the page put there. A stage
// key whose schema's URL rule is "changed" is left out at its default
// (docs/stage.md, "Settings").
export function write(stage, page = {}) {
  const q = new URLSearchParams(location.search);
  for (const f of schemaFields()) {
    const k = f.key;
    const v = stage[k];
    if (v === undefined || v === null) continue;
    if (f.url === 'changed' && String(v) === f.default) {
      q.delete(k);
      continue;
    }
    q.set(k, String(v));
  }
  for (const [k, v] of Object.entries(page)) {
    if (!PAGE_KEYS.includes(k)) continue;
    if (v === undefined || v === null || v === false || v === '' ||
        (k === 'lang' && v === 'fr' && !q.has('lang'))) {
      q.delete(k);
      continue;
    }
    q.set(k, v === true ? '1' : String(v));
  }
  const s = q.toString().replace(/%2C/gi, ',');
  const url = `${location.pathname}${s ? `?${s}` : ''}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(history.state, '', url);
  }
}
