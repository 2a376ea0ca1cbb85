// scrollable.js: the regions that scroll sideways (a long formula, a wide
// matrix) must scroll with the keyboard too (WCAG 2.1.1; axe's rule
// scrollable-region-focusable). A region joins the tab order only while its
// content overflows it, so that the lesson's tab order does not hold one
// stop per formula.

const SELECTOR = ".formula, .st-formula, .mat-scroll, math[display=\"block\"]";

// update changes the attribute only when it must: a change restyles the
// page, which calls the ResizeObservers again.
function update(box) {
  const overflows = box.scrollWidth > box.clientWidth;
  if (overflows && box.getAttribute("tabindex") !== "0") box.tabIndex = 0;
  else if (!overflows && box.hasAttribute("tabindex")) box.removeAttribute("tabindex");
}

// keyboardScroll keeps every region matching SELECTOR under root focusable
// exactly while it overflows: on its resizes, whenever its content changes
// and when a web font arrives (KaTeX's fonts widen a formula in a box whose
// size stays the same).
export function keyboardScroll(root) {
  const seen = new Set();
  const resized = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (target.isConnected) update(target);
      else {
        resized.unobserve(target);
        seen.delete(target);
      }
    }
  });
  const watch = (box) => {
    if (seen.has(box)) update(box);
    else {
      seen.add(box);
      resized.observe(box); // calls update once observed
    }
  };
  const scan = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(SELECTOR)) watch(node);
    for (const box of node.querySelectorAll(SELECTOR)) watch(box);
  };
  scan(root);
  document.fonts?.addEventListener("loadingdone", () => seen.forEach(update));
  new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach(scan);
      const box = r.target.nodeType === Node.ELEMENT_NODE ? r.target.closest(SELECTOR) : null;
      if (box) watch(box);
    }
  }).observe(root, { childList: true, subtree: true });
}
