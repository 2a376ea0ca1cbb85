// palette.js: the page's colours for canvases. They are declared once, in
// wasm/palette, which generates css/palette.css and js/palette-colors.js
// (docs/frontend.md, "Palette"); a canvas takes them from the latter, with
// no getComputedStyle, which would force a style recalculation of the page
// (before the text is first painted, when a section's demo mounts).
import { named, classes } from "./palette-colors.js";

// color returns the colour of the custom property --name (--ink, --orange,
// --class-3…) as css/palette.css declares it.
export function color(name) {
  if (name in named) return named[name];
  const k = /^class-(\d+)$/.exec(name);
  return k ? classes[Number(k[1])] ?? "" : "";
}

// classColor returns the colour of class c, the palette's class colours
// taken in turn (--class-0, --class-1…).
export function classColor(c) {
  return classes[((c % classes.length) + classes.length) % classes.length];
}

// colors.blue, colors.ink…: the colours the lesson's plots use under
// their names there (red is --vermillion, grid is --line).
export const colors = {};
for (const [key, name] of Object.entries({
  ink: "ink", muted: "muted", faint: "faint", grid: "line", planeBg: "plane-bg",
  orange: "orange", blue: "blue", green: "green", red: "vermillion", purple: "purple", sky: "sky", yellow: "yellow",
})) colors[key] = color(name);
