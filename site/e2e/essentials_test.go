package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Essentials is what essentials.js reports: the page's essential checks,
// measured the same way in Chromium (chromedp) and in Firefox (firefox.mjs).
type Essentials struct {
	WebGL2   bool
	Lang     string
	Sections []struct {
		Key   string
		Intro int
		Demo  int
	}
	Ops  int
	Step struct {
		Index  string
		Result string
		Cells  map[string][]string
		Value  [][]*float64
	}
	Epochs   [2]int
	Fallback *struct {
		Reason string
		Text   string
		Pixels int
		Orange int
		Blue   int
		Aria   string
	}
	CurveInked  int
	Frames      int
	CanvasWebGL bool
	Text        string
	Notices     string
}

// essentialsJS is the text of essentials.js.
func essentialsJS(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(), "site", "e2e", "essentials.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runEssentials evaluates essentials.js in p's page.
func (p *Page) runEssentials() Essentials {
	p.t.Helper()
	expr := "(" + strings.TrimSpace(stripComments(essentialsJS(p.t))) + ")()"
	raw, err := chromedp.Run(p.Ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("essentials.js: %v; console: %s", err, p.consoleText())
	}
	var r Essentials
	if err := json.Unmarshal(raw, &r); err != nil {
		p.t.Fatal(err)
	}
	return r
}

// stripComments drops the leading // lines of essentials.js, so that the
// rest is one expression.
func stripComments(src string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(src, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") || b.Len() > 0 {
			b.WriteString(l)
		}
	}
	return b.String()
}

// The words that show a message is in French or in English, and that the
// view without WebGL says why.
var fallbackWords = map[string][]string{"fr": {"WebGL 2", "navigateur"}, "en": {"WebGL 2", "browser"}}

// check asserts what must hold wherever the lesson runs: every section
// rendered, the step-through's cells holding the trace's numbers, training
// advancing the epoch, no raw message of an ended Go program and, without
// WebGL, the stage area saying so in the page's language over a painted
// Canvas 2D view of the frontier, with frames staying 0.
func (r Essentials) check(t *testing.T, lang string) {
	t.Helper()
	if r.Lang != lang {
		t.Errorf("page language %q, want %q", r.Lang, lang)
	}
	if len(r.Sections) != 10 {
		t.Errorf("%d sections, want 10", len(r.Sections))
	}
	for _, s := range r.Sections {
		if s.Intro < 100 || s.Demo == 0 {
			t.Errorf("section %s: intro %d chars, demo %d children", s.Key, s.Intro, s.Demo)
		}
	}
	if r.Ops < 10 {
		t.Errorf("trace() lists %d ops", r.Ops)
	}
	cells := r.Step.Cells[r.Step.Result]
	if r.Step.Index != "2" || len(cells) == 0 {
		t.Errorf("stepTo(2): data-op-index %q, cells of %s: %v (tables %v)", r.Step.Index, r.Step.Result, cells, keys2(r.Step.Cells))
	} else {
		k := 0
		for _, row := range r.Step.Value {
			for _, v := range row {
				if k < len(cells) && v != nil {
					got, err := strconv.ParseFloat(cells[k], 64)
					if err != nil || got != *v {
						t.Errorf("cell %d of %s shows %q, the trace %v", k, r.Step.Result, cells[k], *v)
					}
				}
				k++
			}
		}
		if k != len(cells) {
			t.Errorf("%s: %d cells, the trace has %d values", r.Step.Result, len(cells), k)
		}
	}
	if r.Epochs[1] < r.Epochs[0]+5 {
		t.Errorf("training: epoch %d → %d", r.Epochs[0], r.Epochs[1])
	}
	if r.CurveInked < 200 {
		t.Errorf("the loss curve has %d inked pixels", r.CurveInked)
	}
	for _, s := range []string{r.Text, r.Notices} {
		if strings.Contains(s, "already exited") {
			t.Errorf("the page shows the raw message of an ended Go program: …%s…", around(s, "already exited"))
		}
	}
	if r.WebGL2 {
		return
	}
	if r.Frames != 0 || r.CanvasWebGL {
		t.Errorf("without WebGL: stats().frames = %d, a stage canvas in #stage: %v", r.Frames, r.CanvasWebGL)
	}
	f := r.Fallback
	if f == nil {
		t.Fatal("no view without WebGL in #stage")
	}
	if f.Reason != "nowebgl" {
		t.Errorf("the view says %q, want nowebgl", f.Reason)
	}
	for _, w := range fallbackWords[lang] {
		if !strings.Contains(f.Text, w) {
			t.Errorf("the view's text lacks %q: %q", w, f.Text)
		}
	}
	// Trained a little on xor, the frontier is both orange and blue; how
	// far training got when the page is read varies from run to run (a run
	// at epoch 805 had 2 % blue), so each colour needs only 1 % of the plane.
	if f.Orange < f.Pixels/100 || f.Blue < f.Pixels/100 {
		t.Errorf("the view's plane: %d orange and %d blue of %d pixels", f.Orange, f.Blue, f.Pixels)
	}
	if f.Aria == "" {
		t.Error("the view's canvas has no label")
	}
}

func keys2(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// around returns the text around the first occurrence of sub.
func around(s, sub string) string {
	i := strings.Index(s, sub)
	return s[max(0, i-80):min(len(s), i+len(sub)+20)]
}
