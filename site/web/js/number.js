// number.js: the one reading of a number a student types, used by every
// number field of the page (the stage's panel and edge editor, the
// sections' fields, the step-through's m and exercise answers). The rule
// (docs/frontend.md, "Number fields"):
//
//   - the page language's decimal separator (DECIMAL) is a decimal separator;
//   - the other one is read as a decimal separator too, unless the number
//     could also be read with it as a thousands separator ("1,000" on an
//     English page, "2.500" on a French one): then it is refused;
//   - both separators at once, or one of them twice, is refused;
//   - spaces (thin or not) are ignored, a Unicode minus is a minus, an
//     exponent (1e-3) is allowed.
//
// A refused value never reaches the model: the field keeps its value and a
// notice names what was typed. Fields are type="text" with
// inputmode="decimal": a type="number" input drops a comma it does not
// expect before any script sees it ("-2,5" arrived as "-25").
import { t, lang, onLang } from './i18n.js';
import * as notices from './notices.js';

// DECIMAL is each language's decimal separator.
export const DECIMAL = { fr: ',', en: '.' };

// A number once its decimal separator is a dot.
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// A number that reads as an integer with a thousands separator sep.
const grouped = (sep) => new RegExp(`^[+-]?[1-9]\\d{0,2}\\${sep}\\d{3}$`);

// parseNumber reads text in the language l ('fr' or 'en'). It returns
// {value} or {error} with error one of 'empty', 'format' (not a number),
// 'ambiguous' (two readings) or 'integer' (integer asked, fraction given).
export function parseNumber(text, l = lang(), { integer = false } = {}) {
  const s = String(text).replace(/[\s\u00a0\u202f]/g, '').replace(/\u2212/g, '-');
  if (s === '') return { error: 'empty' };
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (dots + commas > 1) return { error: dots && commas ? 'ambiguous' : 'format' };
  const sep = dots ? '.' : commas ? ',' : '';
  if (sep && sep !== DECIMAL[l] && grouped(sep).test(s)) return { error: 'ambiguous' };
  const plain = s.replace(',', '.');
  if (!PLAIN.test(plain)) return { error: 'format' };
  const value = Number(plain);
  if (!Number.isFinite(value)) return { error: 'format' };
  if (integer && !Number.isInteger(value)) return { error: 'integer' };
  return { value };
}

// formatNumber writes v for a field in the language l: the language's
// decimal separator, a plain minus, an integer in full, any other number
// to at most 6 significant digits.
export function formatNumber(v, l = lang()) {
  if (!Number.isFinite(v)) return '';
  const s = Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : String(Number(v.toPrecision(6)));
  return DECIMAL[l] === ',' ? s.replace('.', ',') : s;
}

// formatReading writes a number for reading in the language l: digits
// significant digits, the language's decimal separator, a Unicode minus,
// NaN and infinities spelled out. It is the one number writer of the page's
// text (the lesson through js/i18n.js's fmt, the stage's panel, and, with
// the same rule, the Go stage: wasm/stage/locale.go); docs/frontend.md,
// "Numbers shown".
export function formatReading(x, digits = 4, l = lang()) {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  let s;
  if (a >= 1e6 || a < 1e-4) {
    s = x.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
  } else {
    s = String(Number(x.toPrecision(digits)));
  }
  s = s.replace(/-/g, '−');
  return DECIMAL[l] === ',' ? s.replace('.', ',') : s;
}

// SUB holds the subscript digits that name a matrix entry.
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n) => String(n).replace(/\d/g, (d) => SUB[d]);

// entryName names an entry of a layer's matrix the same way in every
// language and wherever the page names one: W[1]₂,₃ (row 2, column 3) or
// b[1]₂, indices from 1. A bracketed pair "(2,3)" would read as the number
// 2,3 on a French page.
export function entryName(matrix, layer, i, j) {
  return `${matrix}[${layer}]${sub(i)}${j === undefined ? '' : `,${sub(j)}`}`;
}

// refuse shows the notice of a refused value for the field labelled label
// (a string, or a function naming it in the page's language).
export function refuse(id, label, text, error) {
  const name = typeof label === 'function' ? label : () => label;
  notices.show(() => t(`number.${error}`, { value: String(text).trim(), label: name() }), { level: 'warn', id: `number-${id}` });
}

// numberField makes input a number field: type="text" with a decimal
// keyboard, read with parseNumber when it changes. onValue(v) gets every
// accepted value; a refused one restores the last value and shows a
// notice. label() names the field in the notice, in the current language.
// It returns {set(v)} to show a value from elsewhere (not while the
// student is typing in the field) and {get()} for the last value.
export function numberField(input, { id, label, integer = false, onValue, value = NaN }) {
  input.type = 'text';
  input.setAttribute('inputmode', 'decimal');
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('spellcheck', 'false');
  input.removeAttribute('step');
  let last = value;
  const show = () => { input.value = formatNumber(last); };
  input.addEventListener('change', () => {
    const r = parseNumber(input.value, lang(), { integer });
    if (r.error) {
      refuse(id, label, input.value, r.error);
      show();
      return;
    }
    notices.clear(`number-${id}`);
    last = r.value;
    show();
    onValue(r.value);
  });
  onLang(show);
  show();
  return {
    set(v) {
      last = Number(v);
      if (document.activeElement !== input) show();
    },
    get: () => last,
  };
}
