// katex-mathml.mjs: typesets formulas at build time for site/lessontext.
// Reads a JSON array of {tex, display} on stdin and writes the JSON array of
// their MathML markup, with the options of site/web/js/math.js (MathML only,
// errors shown in place), so a formula typeset here reads as one typeset in
// the page.
import katex from "katex";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map((f) => katex.renderToString(f.tex, {
  output: "mathml",
  displayMode: f.display,
  throwOnError: false,
  strict: "ignore",
  trust: false,
}));
process.stdout.write(JSON.stringify(out));
