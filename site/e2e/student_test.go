package e2e

// Browser tests of issue 18: the page as a student uses it. Each one does
// what a student did (types into a field, clicks a preset again, loads a
// second file, picks a regression dataset) and checks what the page shows.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// typeInto focuses the element sel, selects its text, types text as key
// events and leaves the field (Tab), as a student does.
func typeInto(p *Page, sel, text string) {
	p.t.Helper()
	p.evalJS(fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) throw new Error('no %s');
		e.scrollIntoView({block: 'center'}); e.focus(); e.select(); return true; })()`, sel, sel), nil)
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent(text)); err != nil {
		p.t.Fatal(err)
	}
	p.evalJS(fmt.Sprintf(`(() => { document.querySelector(%q).blur(); return true; })()`, sel), nil)
}

// noticeTexts returns the text of every notice shown.
func noticeTexts(p *Page) string {
	var texts []string
	p.evalJS(`[...document.querySelectorAll('#notices .notice p')].map(n => n.textContent)`, &texts)
	return strings.Join(texts, "\n")
}

// openEdgeEditor clicks the first edge of the stage's graph and waits for
// the weight editor; it returns the editor's label.
func openEdgeEditor(p *Page) string {
	p.t.Helper()
	p.waitFrames(2)
	var geo graphGeometry
	p.evalJS(`nnstepGo.geometry()`, &geo)
	a, b := geo.Nodes[0][0], geo.Nodes[1][0]
	x, y := canvasPoint(p, a.X+0.3*(b.X-a.X), a.Y+0.3*(b.Y-a.Y))
	if err := chromedp.Do(p.Ctx, chromedp.MouseClickXY(x, y)); err != nil {
		p.t.Fatal(err)
	}
	p.waitJS(`!document.querySelector('.weight-editor').hidden && document.activeElement.id === 'weight-editor-input'`, time.Minute, "the weight editor, focused")
	var label string
	p.evalJS(`document.querySelector('.weight-editor-label').textContent`, &label)
	return label
}

// Finding 1: a French decimal comma typed into a number field is read as a
// decimal comma, never dropped (−2,5 became −25); a number that could be
// read two ways is refused with a notice and changes nothing.
func TestNumberFieldsReadTheDecimalComma(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-3-1&act=tanh,sigmoid")
	p.renderAllSections()

	// The stage's edge editor: −2,5 then Enter.
	openEdgeEditor(p)
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("-2,5\r")); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`document.querySelector('.weight-editor').hidden`, time.Minute, "the editor to close")
	var w float64
	p.evalJS(`nnstep.trace().W[0][0][0]`, &w)
	if w != -2.5 {
		t.Errorf("after typing -2,5 into the edge editor, W[1][1][1] = %v, want -2.5", w)
	}

	// The panel's learning rate: 0,3.
	typeInto(p, `#stage-panel [name=lr]`, "0,3")
	var lr float64
	p.evalJS(`nnstep.state().lr`, &lr)
	if lr != 0.3 {
		t.Errorf("after typing 0,3 into η, state().lr = %v, want 0.3", lr)
	}
	var shown string
	p.evalJS(`document.querySelector('#stage-panel [name=lr]').value`, &shown)
	if shown != "0,3" {
		t.Errorf("the French η field shows %q, want 0,3", shown)
	}

	// The gradient-descent demo's η: 0,9 converges, 9 would diverge.
	p.evalJS(`document.getElementById('s-descent').scrollIntoView(); true`, nil)
	p.waitJS(`!!document.getElementById('gd-eta')`, time.Minute, "the descent demo")
	typeInto(p, `#gd-eta`, "0,9")
	p.waitJS(`(() => { const k = document.getElementById('gd-k'); return k.value === k.max; })()`, time.Minute, "the descent demo to finish")
	var readout string
	p.evalJS(`document.querySelector('#s-descent .readout').textContent`, &readout)
	p.evalJS(`document.getElementById('gd-eta').value`, &shown)
	if shown != "0,9" || strings.Contains(readout, "diverg") {
		t.Errorf("after typing 0,9 into the demo's η: the field shows %q and the readout %q", shown, readout)
	}

	// The step-through's m: 2,5 is not a number of examples; it is refused
	// with a notice and m stays 4 (it became 25).
	typeInto(p, `#st-batch`, "2,5")
	var m int
	p.evalJS(`nnstep.state().traceBatch`, &m)
	p.evalJS(`document.getElementById('st-batch').value`, &shown)
	if m != 4 || shown != "4" {
		t.Errorf("after typing 2,5 into m: traceBatch = %d, the field shows %q; want 4", m, shown)
	}
	if n := noticeTexts(p); !strings.Contains(n, "2,5") {
		t.Errorf("no notice names the refused 2,5; notices:\n%s", n)
	}
	typeInto(p, `#st-batch`, "6")
	p.evalJS(`nnstep.state().traceBatch`, &m)
	if m != 6 {
		t.Errorf("after typing 6 into m, traceBatch = %d", m)
	}

	// In English the decimal point is the language's; 0,05 has only one
	// reading and is taken; 1,000 could be a thousand: refused.
	p.evalJS(`document.querySelector('.lang-toggle button[data-lang="en"]').click(); true`, nil)
	typeInto(p, `#stage-panel [name=lr]`, "0,05")
	p.evalJS(`nnstep.state().lr`, &lr)
	p.evalJS(`document.querySelector('#stage-panel [name=lr]').value`, &shown)
	if lr != 0.05 || shown != "0.05" {
		t.Errorf("English page, 0,05 typed into η: state().lr = %v, the field shows %q", lr, shown)
	}
	typeInto(p, `#stage-panel [name=lr]`, "1,000")
	p.evalJS(`nnstep.state().lr`, &lr)
	if lr != 0.05 {
		t.Errorf("English page, 1,000 typed into η: state().lr = %v, want it unchanged (0.05)", lr)
	}
	if n := noticeTexts(p); !strings.Contains(n, "1,000") {
		t.Errorf("no notice names the ambiguous 1,000; notices:\n%s", n)
	}
	p.assertNoConsoleErrors()
}

// Finding 2: a preset clicked again starts a fresh run from epoch 0 that
// pauses at its own stop (it resumed from epoch 1000 and never stopped);
// after a stop, Play says that it continues without one.
func TestPresetClickedAgainRestarts(t *testing.T) {
	p := newPage(t, "speed=0") // as fast as possible: 2000 epochs to run
	p.renderAllSections()
	p.evalJS(`document.getElementById('s-logistic').scrollIntoView(); true`, nil)
	p.waitJS(`!!document.querySelector('#s-logistic [data-preset=linear]')`, time.Minute, "section 3's presets")
	stopped := `(() => { const s = nnstep.stats(); return !s.playing && s.epoch === 1000; })()`
	p.evalJS(`document.querySelector('#s-logistic [data-preset=linear]').click(); true`, nil)
	p.waitJS(stopped, 3*time.Minute, "the preset to stop at epoch 1000")
	// The stage's panel follows the model's events (at most every 100 ms
	// while training): wait for the stop to reach the Play button.
	p.waitJS(`!document.querySelector('[data-action=play]').textContent.includes('Pause')`, 10*time.Second, "Play to show the stop")
	var label, title string
	p.evalJS(`document.querySelector('[data-action=play]').textContent`, &label)
	p.evalJS(`document.querySelector('[data-action=play]').title`, &title)
	if !strings.Contains(label, "sans arrêt") || !strings.Contains(title, "1000") {
		t.Errorf("after the stop, Play reads %q (title %q); want it to say it continues without stopping", label, title)
	}

	// The same preset again: a fresh run, from 0, that stops at 1000 again
	// with the very same weights (same seed, same data, same shuffling).
	var first, second string
	p.evalJS(`JSON.stringify([nnstep.trace().W, nnstep.trace().b])`, &first)
	p.evalJS(`document.querySelector('#s-logistic [data-preset=linear]').click(); true`, nil)
	p.waitJS(`!nnstep.stats().playing || nnstep.stats().epoch > 1000`, 3*time.Minute, "the second run to stop")
	p.evalJS(`JSON.stringify([nnstep.trace().W, nnstep.trace().b])`, &second)
	if first != second {
		t.Errorf("the preset run again ends with other weights: %s, then %s; want a fresh run from epoch 0", first, second)
	}
	var epoch int
	var st struct {
		Stop float64 `json:"stop"`
	}
	p.evalJS(`nnstep.state()`, &st)
	p.evalJS(`nnstep.stats().epoch`, &epoch)
	var hist struct {
		Epoch []int `json:"epoch"`
	}
	p.evalJS(`nnstep.history()`, &hist)
	if epoch != 1000 || st.Stop != 1000 || len(hist.Epoch) == 0 || hist.Epoch[0] != 0 || hist.Epoch[len(hist.Epoch)-1] != 1000 {
		t.Errorf("second run of the preset: epoch %d, stop %v, curve from %v; want a fresh run stopped at 1000", epoch, st.Stop, hist.Epoch[:min(3, len(hist.Epoch))])
	}

	// Play after the stop does what it says: continues with no stop.
	p.evalJS(`document.querySelector('[data-action=play]').click(); true`, nil)
	p.waitJS(`nnstep.stats().epoch > 1000`, time.Minute, "training to continue")
	p.evalJS(`nnstep.state()`, &st)
	if st.Stop != 0 {
		t.Errorf("Play after the stop continues, but state().stop = %v", st.Stop)
	}
	p.assertNoConsoleErrors()
}

// uploadCSV gives text to the stage's file input as a student's file.
func uploadCSV(p *Page, text string) {
	p.t.Helper()
	path := filepath.Join(p.t.TempDir(), "points.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.evalJS(`document.querySelectorAll('#notices [data-notice-id=csv]').forEach(n => n.remove()); true`, nil)
	if err := chromedp.Do(p.Ctx, chromedp.SetUploadFiles(chromedp.CSS(`#stage-panel input[name=csv]`), []string{path})); err != nil {
		p.t.Fatal(err)
	}
	p.waitJS(`!!document.querySelector('#notices [data-notice-id=csv]')`, time.Minute, "the CSV notice")
}

// Finding 3: a second CSV with another number of classes rebuilds the
// output layer, and every view agrees (state, trace, graph, output select,
// URL); the engine's refusals reach the student in the page's language.
func TestSecondCSVRebuildsTheOutputLayer(t *testing.T) {
	p := newPage(t, "dataset=moons&n=100")
	uploadCSV(p, "x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n-0.3,0.7,1\n0.2,-0.2,0\n")
	uploadCSV(p, "x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n-0.3,0.7,1\n0.2,-0.2,0\n0.9,0.1,2\n-0.9,0.1,2\n")
	var notice string
	p.evalJS(`document.querySelector('#notices [data-notice-id=csv]').textContent`, &notice)
	if !strings.Contains(notice, "6 points chargés") || !strings.Contains(notice, "3 classes") {
		t.Errorf("the second CSV's notice: %q, want the French notice of 6 points in 3 classes", notice)
	}
	var v struct {
		Layers, Act, Output string
		Trace               []int
		Select, URL         string
		Graph               int
	}
	p.waitFrames(3)
	p.evalJS(`(() => { const s = nnstep.state(); const g = nnstepGo.geometry();
		return {Layers: s.layers, Act: s.act, Output: s.output, Trace: nnstep.trace().layers,
		Select: document.querySelector('#stage-panel [name=output]').value, URL: location.search,
		Graph: g.nodes ? g.nodes[g.nodes.length - 1].length : -1}; })()`, &v)
	if !strings.HasSuffix(v.Layers, "-3") || !strings.HasSuffix(v.Act, "softmax") || v.Output != "multi" {
		t.Errorf("after a 3-class CSV, state(): layers %s, act %s, output %s", v.Layers, v.Act, v.Output)
	}
	if len(v.Trace) == 0 || v.Trace[len(v.Trace)-1] != 3 || v.Select != "multi" || (v.Graph != -1 && v.Graph != 3) {
		t.Errorf("after a 3-class CSV: trace layers %v, output select %s, graph's output units %d", v.Trace, v.Select, v.Graph)
	}
	if u := p.search("softmax"); !strings.Contains(u, "layers="+v.Layers) || !strings.Contains(u, "softmax") {
		t.Errorf("after a 3-class CSV the URL is %s", u)
	}
	p.assertTrains()

	// A weight the engine refuses: the notice is French through and through.
	openEdgeEditor(p)
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("1e9\r")); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`!!document.querySelector('#notices [data-notice-id=weight]')`, time.Minute, "the weight notice")
	p.evalJS(`document.querySelector('#notices [data-notice-id=weight] p').textContent`, &notice)
	if !strings.Contains(notice, "un poids doit être") || strings.Contains(notice, "must") {
		t.Errorf("the refused weight's notice: %q, want it in French", notice)
	}
	p.assertNoConsoleErrors()
}

// Finding 4: choosing a regression dataset selects the regression output
// (identity, MSE), so the fit can go below 0; choosing a classification
// dataset brings back sigmoid (two classes) or softmax (more).
func TestRegressionDatasetSelectsTheRegressionOutput(t *testing.T) {
	p := newPage(t, "")
	type view struct {
		Act, Output, Select, OutAct string
		Hidden                      bool
	}
	read := func() view {
		var v view
		p.evalJS(`(() => { const s = nnstep.state(); const o = document.querySelector('#stage-panel [name=outact]');
			return {Act: s.act, Output: s.output, Select: document.querySelector('#stage-panel [name=output]').value,
			OutAct: o.value, Hidden: !!o.closest('[hidden]')}; })()`, &v)
		return v
	}
	for _, c := range []struct {
		dataset, classes, output, outAct string
	}{
		{"line", "", "regression", "identity"},
		{"moons", "", "binary", "sigmoid"},
		{"bumps", "", "regression", "identity"},
		{"spiral", "3", "multi", "softmax"},
		{"plane", "", "regression", "identity"},
	} {
		setControl(p, "dataset", c.dataset)
		if c.classes != "" {
			setControl(p, "classes", c.classes)
		}
		v := read()
		if v.Output != c.output || !strings.HasSuffix(v.Act, ","+c.outAct) || v.Select != c.output {
			t.Errorf("dataset %s: output %s, act %s, output select %s; want %s with %s", c.dataset, v.Output, v.Act, v.Select, c.output, c.outAct)
		}
		if c.output == "regression" && (v.Hidden || v.OutAct != "identity") {
			t.Errorf("dataset %s: the output activation control shows %q (hidden %v), want identity", c.dataset, v.OutAct, v.Hidden)
		}
	}
	if u := p.search("identity"); !strings.Contains(u, "identity") {
		t.Errorf("regression dataset, but the URL is %s", u)
	}
	p.assertTrains()
	p.assertNoConsoleErrors()
}

// Finding 8: a section opened on its own (embedded, or by ?section=) shows
// its own phase's first op, not op 0 of the forward pass.
func TestSectionOpensOnItsPhase(t *testing.T) {
	for _, c := range []struct{ query, phase string }{
		{"embed=1&section=backward", "backward"},
		{"embed=1&section=cost", "cost"},
		{"section=descent", "update"},
	} {
		p := newPage(t, c.query)
		p.waitJS(`!!document.querySelector('#stepper [data-op-index]')`, time.Minute, "the step-through")
		var got struct {
			Index        int
			Phase, First string
			Want         int
		}
		p.evalJS(fmt.Sprintf(`(() => { const i = Number(document.querySelector('#stepper [data-op-index]').dataset.opIndex);
			const ops = nnstep.trace().ops;
			return {Index: i, Phase: ops[i].phase, Want: ops.findIndex(o => o.phase === %q)}; })()`, c.phase), &got)
		if got.Index != got.Want {
			t.Errorf("?%s opens on op %d (%s), want op %d, the first of the %s phase", c.query, got.Index, got.Phase, got.Want, c.phase)
		}
		p.assertNoConsoleErrors()
	}
}
