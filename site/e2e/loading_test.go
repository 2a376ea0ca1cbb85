package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestLoadingProgressNamesModules records the loading label of #stage from
// the page's first script on: it names the lesson module, with its
// percentage, while that module downloads, then the stage module, never
// the other way round (docs/frontend.md, "Boot").
func TestLoadingProgressNamesModules(t *testing.T) {
	p := newPageWith(t, "lang=en", PageOptions{Init: `window.__loadingLabels = [];
new MutationObserver(() => {
  const el = document.querySelector("#stage .stage-loading span");
  const s = el ? el.textContent : null;
  const l = window.__loadingLabels;
  if (s && l[l.length - 1] !== s) l.push(s);
}).observe(document, { subtree: true, childList: true, characterData: true });`})
	p.waitJS(`nnstep.stats().frames > 0`, 3*time.Minute, "the stage's first frame")
	var labels []string
	p.evalJS(`window.__loadingLabels`, &labels)
	t.Logf("labels: %q", labels)
	lessonPct := regexp.MustCompile(`^Loading the lesson module… \d+ %$`)
	sawLessonPct, sawStage := false, false
	for _, l := range labels {
		switch {
		case strings.HasPrefix(l, "Loading the lesson module"):
			if sawStage {
				t.Errorf("%q after the stage module's label", l)
			}
			if lessonPct.MatchString(l) {
				sawLessonPct = true
			}
		case strings.HasPrefix(l, "Loading the stage module"):
			sawStage = true
		default:
			t.Errorf("label %q names no module", l)
		}
	}
	if !sawLessonPct || !sawStage {
		t.Errorf("labels %q: want the lesson module with a percentage, then the stage module", labels)
	}
}
