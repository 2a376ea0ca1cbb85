// viewport.js: what the reader sees: whether an element is on screen, the
// first time it comes near, and whether motion should be reduced.

// reducedMotion says whether the reader asked for less motion.
export function reducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

// whenVisible calls fn(true/false) as el enters or leaves the viewport.
export function whenVisible(e, fn) {
  if (!("IntersectionObserver" in window)) {
    fn(true);
    return;
  }
  new IntersectionObserver((entries) => {
    for (const x of entries) fn(x.isIntersecting);
  }).observe(e);
}

// firstSeen resolves the first time el comes within 200 px of the
// viewport, or when the page is printed. A demo's first computation waits
// for it as well as for the module: off screen, it would only delay what
// the reader sees (the sections in view and the stage module, whose
// download is read on the main thread).
export function firstSeen(e) {
  if (!("IntersectionObserver" in window)) return Promise.resolve();
  return new Promise((res) => {
    addEventListener("beforeprint", res, { once: true });
    const io = new IntersectionObserver((entries) => {
      if (entries.some((x) => x.isIntersecting)) {
        io.disconnect();
        res();
      }
    }, { rootMargin: "200px 0px" });
    io.observe(e);
  });
}
