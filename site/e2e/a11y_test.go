package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// axeViolation is one rule axe-core reports as broken, with the first
// elements that break it.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axeSerious injects axe-core (the npm package pinned in package.json) into
// the page and returns the serious and critical violations of the whole
// document, every <details> opened first so that what it hides is checked
// too.
func axeSerious(t *testing.T, p *Page) []axeViolation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(), "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is installed by scripts/deps.sh: %v", err)
	}
	p.evalJS(`(() => { if (!window.axe) { (0, eval)(`+mustJSON(string(src))+`); } return true; })()`, nil)
	var out []axeViolation
	p.evalJS(`(async () => {
		// A <details> fills itself on its toggle event (a task after it
		// opens); what it adds is laid out, and js/scrollable.js has seen
		// it, two frames after that.
		const toggled = [];
		for (const d of document.querySelectorAll('details:not([open])')) {
			toggled.push(new Promise(r => d.addEventListener('toggle', r, { once: true })));
			d.open = true;
		}
		await Promise.all(toggled);
		for (let i = 0; i < 2; i++) await new Promise(r => requestAnimationFrame(r));
		const r = await axe.run(document, {resultTypes: ['violations']});
		return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
			id: v.id, impact: v.impact, help: v.help,
			targets: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 120))}));
	})()`, &out)
	return out
}

func reportAxe(t *testing.T, where string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		t.Errorf("%s: axe %s (%s): %s\n\t%s", where, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "\n\t"))
	}
}

// TestAccessibilityAxe runs axe-core over the whole lesson, every section
// rendered and every demo run, in both languages at 1280 and 390 px, and
// over the embed view of each section, in French and English in turn (the
// whole page already checks both languages' text): no serious or critical
// violation.
func TestAccessibilityAxe(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		for _, width := range []int64{1280, 390} {
			t.Run(fmt.Sprintf("%s/%d", lang, width), func(t *testing.T) {
				p := newPageWith(t, "lang="+lang, PageOptions{Width: width, Height: 844})
				showAllDemos(p)
				p.renderAllSections()
				reportAxe(t, "lang="+lang, axeSerious(t, p))
			})
		}
	}
	t.Run("embed", func(t *testing.T) {
		var ids []string
		newPage(t, "").evalJS(`[...document.querySelectorAll('section[data-section]')].map(s => s.dataset.section)`, &ids)
		if len(ids) != 10 {
			t.Fatalf("%d sections, want 10", len(ids))
		}
		for i, id := range ids {
			q := "embed=1&lang=" + []string{"fr", "en"}[i%2] + "&section=" + id
			t.Run(id, func(t *testing.T) { reportAxe(t, q, axeSerious(t, newPage(t, q))) })
		}
	})
}
