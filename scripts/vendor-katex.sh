#!/usr/bin/env bash
# Copies KaTeX from node_modules into site/web/vendor/ as one minified ES
# module, so the development server (which serves site/web as-is) and the
# offline file typeset formulas with nothing fetched from the network. The
# lesson asks KaTeX for MathML only (js/math.js), which Chromium, Firefox and
# Safari render natively: no KaTeX stylesheet and no fonts are needed.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/katex/dist/katex.mjs
out=site/web/vendor/katex.mjs
if [ ! -f "$src" ]; then
  echo "vendor-katex: $src missing; run 'make deps' (npm ci) first" >&2
  exit 1
fi
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$0" ]; then
  exit 0
fi
mkdir -p site/web/vendor
node_modules/.bin/esbuild "$src" --bundle --minify --format=esm --log-level=warning --outfile="$out"
echo "vendor-katex: wrote $out ($(wc -c <"$out") bytes)"
