// palette.js: the page's colours for canvases. They are declared once, in
// wasm/palette, which generates css/palette.css (docs/frontend.md,
// "Palette"); a canvas reads them from those custom properties.

// color returns the colour of the custom property --name (--ink, --orange,
// --class-3…) as the page's stylesheets declare it.
export function color(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim();
}

let classes = 0; // how many --class-N the palette declares, counted once

// classColor returns the colour of class c, the palette's class colours
// taken in turn (--class-0, --class-1…).
export function classColor(c) {
  if (!classes) while (color(`class-${classes}`)) classes++;
  return color(`class-${classes ? c % classes : 0}`);
}

// colors.blue, colors.ink…: the colours the lesson's plots use under
// their names there (red is --vermillion, grid is --line), read from the
// stylesheet when used.
export const colors = {};
for (const [key, name] of Object.entries({
  ink: "ink", muted: "muted", faint: "faint", grid: "line", planeBg: "plane-bg",
  orange: "orange", blue: "blue", green: "green", red: "vermillion", purple: "purple", sky: "sky", yellow: "yellow",
})) Object.defineProperty(colors, key, { get: () => color(name), enumerable: true });
