// math.js: the lesson's formulas, typeset by KaTeX as MathML.
//
// KaTeX is bundled with the site (site/web/vendor/katex.mjs, built from
// node_modules by scripts/vendor-katex.sh) and asked for MathML only, which
// the browser renders natively: no stylesheet, no fonts, nothing fetched.
import katex from "../vendor/katex.mjs";

const cache = new Map();

// tex returns the MathML markup of a LaTeX formula (inline unless display).
// Results are cached: the step-through re-renders the same formulas often.
export function tex(src, display = false) {
  const key = (display ? "D" : "I") + src;
  let html = cache.get(key);
  if (html === undefined) {
    try {
      html = katex.renderToString(src, {
        output: "mathml",
        displayMode: display,
        throwOnError: false,
        strict: "ignore",
        trust: false,
      });
    } catch (e) {
      html = `<code>${escapeHTML(src)}</code>`;
    }
    cache.set(key, html);
  }
  return html;
}

// renderMath puts a typeset formula into el.
export function renderMath(el, src, display = false) {
  el.innerHTML = tex(src, display);
  return el;
}

export function escapeHTML(s) {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

// rich turns lesson text into HTML: $$…$$ is a displayed formula, $…$ an
// inline one, **…** bold, `…` code, a blank line starts a new paragraph and
// a line starting with "- " a list item. Everything else is escaped.
export function rich(text) {
  const blocks = String(text).split(/\n\s*\n/);
  return blocks.map(block).join("");
}

function block(b) {
  const lines = b.split("\n");
  if (lines.every((l) => /^\s*- /.test(l))) {
    return "<ul>" + lines.map((l) => "<li>" + inline(l.replace(/^\s*- /, "")) + "</li>").join("") + "</ul>";
  }
  const t = b.trim();
  if (/^\$\$[\s\S]*\$\$$/.test(t) && t.indexOf("$$", 2) === t.length - 2) {
    return `<div class="formula">${tex(t.slice(2, -2).trim(), true)}</div>`;
  }
  return "<p>" + inline(b) + "</p>";
}

// inline handles one paragraph: formulas first, then the little markup.
export function inline(s) {
  let out = "";
  const re = /\$\$([\s\S]+?)\$\$|\$([^$]+?)\$/g;
  let last = 0;
  let m;
  while ((m = re.exec(s))) {
    out += marks(s.slice(last, m.index));
    const f = m[1] !== undefined ? `<span class="formula">${tex(m[1].trim(), true)}</span>` : tex(m[2]);
    last = re.lastIndex;
    // Punctuation right after an inline formula stays on its line: the
    // browser may break after a <math> as after an image.
    const p = m[1] === undefined ? /^[\u00a0\u202f]?[.,;:!?)\]»]+/.exec(s.slice(last)) : null;
    if (p) {
      out += `<span class="nobr">${f}${escapeHTML(p[0])}</span>`;
      last += p[0].length;
    } else {
      out += f;
    }
  }
  return out + marks(s.slice(last));
}

function marks(s) {
  return escapeHTML(s)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\n/g, " ");
}
