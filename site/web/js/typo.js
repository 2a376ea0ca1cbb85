// typo.js: French typography for the lesson's strings.

// frenchSpaces puts a narrow no-break space (U+202F) before : ; ! ? and »
// and after «, in place of an ordinary space, so that the sign never
// starts a line on its own. Formulas ($…$ and $$…$$) are left as they are.
export function frenchSpaces(s) {
  return s.replace(/(\$\$[\s\S]*?\$\$|\$[^$]*\$)|[ \u00a0]([:;!?»])|(«)[ \u00a0]/g,
    (m, formula, sign, open) => formula ?? (sign ? "\u202f" + sign : open + "\u202f"));
}
