// stage-controls.js: what the sections put beside the stage: where it is,
// buttons that start a preset on it, and a line with its epoch, loss and
// accuracy.
import { t, fmt, onLang, pct } from "../i18n.js";
import { el, i18n } from "../dom.js";
import { followModel, stagePreset } from "../model.js";

// stageNote says where the stage is: in the panel beside the lesson on a
// wide screen, docked at the top of the screen on a narrow one (the two
// texts, one shown by css/lesson.css).
export function stageNote() {
  return el("p", { class: "muted small stage-note" },
    el("span", { class: "wide-only", ...i18n("common.stageNote") }),
    el("span", { class: "narrow-only", ...i18n("common.stageNoteNarrow") }));
}

// presetButtons returns a row of buttons, one per [key, i18n label] of
// labels, each starting a fresh run of presets[key] on the stage
// (stagePreset), every time it is clicked.
// The pressed button is marked with aria-pressed; a failure shows its
// message in errorEl. after(key or null) runs once the attempt is over.
export function presetButtons(ready, presets, labels, errorEl, after) {
  const row = el("div", { class: "btn-row" });
  for (const [key, label] of labels) {
    row.append(el("button", {
      type: "button", class: "btn", "data-preset": key, ...i18n(label),
      onclick: async () => {
        let done = null;
        try {
          await ready;
          await stagePreset(presets[key]);
          done = key;
          errorEl.hidden = true;
          for (const b of row.children) b.setAttribute("aria-pressed", String(b.dataset.preset === key));
        } catch (e) {
          errorEl.hidden = false;
          errorEl.textContent = e.message;
        }
        after(done);
      },
    }));
  }
  return row;
}

// statsLine shows the stage's epoch, loss and accuracy, following the
// model while visible.
export function statsLine(ready) {
  const p = el("p", { class: "stage-stats", "aria-live": "off" });
  let n = null; // window.nnstep once ready
  const update = () => {
    if (!n) {
      p.textContent = t("common.notReady");
      return;
    }
    try {
      const s = n.stats();
      p.textContent = t("common.stageStats", {
        epoch: s.epoch ?? 0,
        loss: fmt(s.trainLoss),
        acc: s.trainAccuracy === undefined || s.trainAccuracy === null || Number.isNaN(s.trainAccuracy) ? "—" : pct(s.trainAccuracy),
      });
    } catch (e) {
      p.textContent = "";
    }
  };
  followModel(p, update, 400);
  ready.then((r) => { n = r; update(); }, () => {});
  onLang(() => update());
  update();
  return p;
}
