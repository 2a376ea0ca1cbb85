package e2e

// The lesson's content computed by the engine, not written in prose
// (issue 13 §1, §4): the exploding-gradient demo, the one saturation
// threshold, α's defaults, the gradient check's table.

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// showPathologies scrolls to the pathologies section, whose demos run when
// it first comes into view, and waits for the exploding-gradient demo.
func showPathologies(p *Page) {
	p.t.Helper()
	p.renderAllSections()
	p.evalJS(`(() => { document.getElementById('s-pathologies').scrollIntoView(); return true; })()`, nil)
	p.waitJS(`!!document.querySelector('[data-demo="explode"] [data-ratio]')`, 60*time.Second, "the exploding-gradient demo")
}

// setLessonControl sets an input's or a select's value and sends change.
func setLessonControl(p *Page, sel, value string) {
	p.t.Helper()
	p.evalJS(`(() => { const e = document.querySelector(`+jsString(sel)+`); e.value = `+jsString(value)+`;
		e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`, nil)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// The exploding gradient is the lecture's: a deep net with large initial
// weights, ‖dW[1]‖ ≫ ‖dW[L]‖ as the product of per-layer factors, a
// divergence caught; the default initialisation avoids it.
func TestExplodingGradientDemo(t *testing.T) {
	p := lessonPage(t, "lang=en")
	showPathologies(p)
	var r struct {
		Norms  []float64
		Ratio  float64
		Text   string
		Caught bool
	}
	read := func() {
		p.evalJS(`(() => { const d = document.querySelector('[data-demo="explode"]');
			return { norms: [...d.querySelectorAll('ol.norms li')].map((li) => Number(li.dataset.value)),
				ratio: Number(d.querySelector('[data-ratio]').dataset.ratio), text: d.innerText,
				caught: !!d.querySelector('[data-diverged]') }; })()`, &r)
	}
	read()
	L := len(r.Norms)
	if L < 6 {
		t.Fatalf("%d layers in the demo, want a deep network: %q", L, r.Text)
	}
	t.Logf("default: ‖dW[1]‖ = %.3g, ‖dW[%d]‖ = %.3g, ratio %.3g, diverged %v", r.Norms[0], L, r.Norms[L-1], r.Ratio, r.Caught)
	if !(r.Norms[0] >= 10*r.Norms[L-1]) || math.Abs(r.Ratio-r.Norms[0]/r.Norms[L-1]) > 1e-9*r.Ratio {
		t.Errorf("‖dW[1]‖ = %v, ‖dW[L]‖ = %v, ratio shown %v: want ‖dW[1]‖ ≥ 10 ‖dW[L]‖", r.Norms[0], r.Norms[L-1], r.Ratio)
	}
	if strings.Count(r.Text, " × ") < L-1 || !strings.Contains(r.Text, "that is") {
		t.Errorf("the product of the %d layers' factors is not shown: %q", L-1, r.Text)
	}
	if !r.Caught {
		t.Errorf("large initial weights and η = 0.1: no divergence caught: %q", r.Text)
	}
	// The op that overflowed is named in the lecture's notation, typeset.
	var named struct {
		Math bool   `json:"math"`
		Text string `json:"text"`
	}
	p.evalJS(`(() => { const c = document.querySelector('[data-demo="explode"] [data-diverged]');
		if (!c) return {math: false, text: ''};
		const plain = [...c.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join('');
		return {math: !!c.querySelector('.katex'), text: plain}; })()`, &named)
	if r.Caught && (!named.Math || strings.Contains(named.Text, "_") || strings.Contains(named.Text, "[")) {
		t.Errorf("the diverging op is not typeset: math %v, text %q", named.Math, named.Text)
	}
	for _, w := range []string{"smaller learning rate", "initialisation", "clipping"} {
		if !strings.Contains(r.Text, w) {
			t.Errorf("the remedies do not mention %q", w)
		}
	}
	// The remedies, each on its own: scale × 1, clipping.
	setLessonControl(p, "#pe-scale", "1")
	p.waitJS(`Number(document.querySelector('[data-demo="explode"] [data-ratio]').dataset.ratio) < 2`, 60*time.Second, "the ratio at scale 1")
	read()
	if r.Caught {
		t.Errorf("scale 1 still diverges: %q", r.Text)
	}
	setLessonControl(p, "#pe-scale", "6")
	setLessonControl(p, "#pe-clip", "5")
	p.waitJS(`!document.querySelector('[data-demo="explode"] [data-diverged]') && Number(document.querySelector('[data-demo="explode"] [data-ratio]').dataset.ratio) > 2`, 60*time.Second, "clipping at scale 6")
	p.assertNoConsoleErrors()
}

// The activation selects and the explorer's α slider follow core's table
// (nnstepGo.activations()): its names in its order, and for each function
// with an α its range and default.
func TestActivationTableDrivesTheControls(t *testing.T) {
	p := lessonPage(t, "lang=en")
	p.evalJS(`(() => { document.getElementById('s-activations').scrollIntoView(); return true; })()`, nil)
	p.waitJS(`!!document.querySelector('#s-activations .act-plot[data-sat]')`, 60*time.Second, "the explorer")
	var r struct {
		Table    []string
		Explorer []string
		Neuron   []string
	}
	p.evalJS(`({ table: nnstepGo.activations().map((a) => a.name),
		explorer: [...document.querySelectorAll('#act-fn option')].map((o) => o.value),
		neuron: [...document.querySelectorAll('#nr-act option')].map((o) => o.value) })`, &r)
	if len(r.Table) != 10 || strings.Join(r.Explorer, " ") != strings.Join(r.Table, " ") || strings.Join(r.Neuron, " ") != strings.Join(r.Table, " ") {
		t.Errorf("table %v, explorer %v, neuron %v", r.Table, r.Explorer, r.Neuron)
	}
	var acts []struct {
		Name       string
		Alpha      float64
		HasAlpha   bool
		AlphaRange []float64
	}
	p.evalJS(`nnstepGo.activations()`, &acts)
	with := 0
	for _, a := range acts {
		if !a.HasAlpha {
			continue
		}
		with++
		setLessonControl(p, "#act-fn", a.Name)
		var s struct{ Min, Max, Step, Value string }
		p.evalJS(`(() => { const e = document.getElementById('act-alpha'); return { min: e.min, max: e.max, step: e.step, value: e.value }; })()`, &s)
		if len(a.AlphaRange) != 3 {
			t.Fatalf("%s: alphaRange %v", a.Name, a.AlphaRange)
		}
		want := []string{formatNumber(a.AlphaRange[0]), formatNumber(a.AlphaRange[1]), formatNumber(a.AlphaRange[2]), formatNumber(a.Alpha)}
		if got := []string{s.Min, s.Max, s.Step, s.Value}; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: slider min, max, step, value %v, core's table %v", a.Name, got, want)
		}
	}
	if with != 3 {
		t.Errorf("%d functions with α, want Leaky ReLU, PReLU, ELU", with)
	}
	p.assertNoConsoleErrors()
}

// One saturation threshold: the explorer's legend and the pathology demo
// show core's act.SaturationThreshold, and the explorer shades the
// plateaus of ELU and SoftPlus too, derived from their derivative.
func TestOneSaturationThreshold(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		p := lessonPage(t, "lang="+lang)
		showPathologies(p)
		p.waitJS(`!!document.querySelector('[data-demo="sat"] li')`, 60*time.Second, "the saturation demo")
		p.evalJS(`(() => { document.getElementById('s-activations').scrollIntoView(); return true; })()`, nil)
		p.waitJS(`!!document.querySelector('#s-activations .act-plot[data-sat]')`, 30*time.Second, "the explorer")
		var r struct {
			Threshold float64
			Legend    string
			Sat       string
		}
		p.evalJS(`({ threshold: nnstepGo.activations()[0].satThreshold,
			legend: document.querySelector('#s-activations .legend').innerText,
			sat: document.querySelector('[data-demo="sat"] .intro').innerText })`, &r)
		pct := strings.ReplaceAll(formatNumber(100*r.Threshold), ".", map[string]string{"fr": ",", "en": "."}[lang])
		for name, text := range map[string]string{"explorer": r.Legend, "pathology": r.Sat} {
			if !strings.Contains(strings.Map(plainSpace, text), pct+" %") {
				t.Errorf("%s: the %s does not show the threshold %s %%: %q", lang, name, pct, text)
			}
		}
		if lang == "fr" {
			continue
		}
		// Plateaus from the derivative: σ'(x) < θ·max σ'.
		for name, want := range map[string][2]float64{
			"sigmoid":  {-6, math.Log(1/(1/(0.5+math.Sqrt(0.25-r.Threshold*0.25))-1)) * -1},
			"elu":      {-6, math.Log(r.Threshold)},
			"softplus": {-6, -math.Log(1/r.Threshold - 1)},
		} {
			setLessonControl(p, "#act-fn", name)
			var sat [][2]float64
			p.evalJS(`JSON.parse(document.querySelector('#s-activations .act-plot').dataset.sat)`, &sat)
			if len(sat) == 0 || sat[0][0] != want[0] || math.Abs(sat[0][1]-want[1]) > 0.03 {
				t.Errorf("%s: saturated regions %v, want the first on [%v, %.3f]", name, sat, want[0], want[1])
			}
		}
		setLessonControl(p, "#act-fn", "relu")
		var sat [][2]float64
		p.evalJS(`JSON.parse(document.querySelector('#s-activations .act-plot').dataset.sat)`, &sat)
		if len(sat) != 0 {
			t.Errorf("relu: saturated regions %v, want none (its zero gradient is not a plateau)", sat)
		}
		p.assertNoConsoleErrors()
	}
}

// compact removes the spaces and line breaks of an innerText, where each
// MathML token stands on a line of its own, and reads 𝛼 as α.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\n', '\u00a0', '\u202f':
			return -1
		case '𝛼':
			return 'α'
		}
		return r
	}, s)
}

func plainSpace(r rune) rune {
	if r == '\u00a0' || r == '\u202f' {
		return ' '
	}
	return r
}

// formatNumber writes x as the page's fmt does for a short number.
func formatNumber(x float64) string {
	b, _ := json.Marshal(math.Round(x*1000) / 1000)
	return string(b)
}

// The α of the activations' text are the engine's defaults, and the text's
// tables hold no α of their own.
func TestAlphaTextFromDefaults(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		p := lessonPage(t, "lang="+lang)
		p.renderAllSections()
		var r struct {
			Prelu, Leaky float64
			Text, Table  string
		}
		p.waitJS(`!document.querySelector('#s-activations .intro').innerText.includes('…')`, 30*time.Second, "α in the text")
		p.evalJS(`import('./js/i18n.js').then((m) => { const a = nnstepGo.activations();
			return { prelu: a.find((f) => f.name === 'prelu').alpha, leaky: a.find((f) => f.name === 'leaky_relu').alpha,
				text: document.querySelector('#s-activations .intro').innerText, table: m.lessonTables[`+jsString(lang)+`]['act.intro'] }; })`, &r)
		sep := map[string]string{"fr": ",", "en": "."}[lang]
		for _, a := range []float64{r.Prelu, r.Leaky} {
			s := strings.ReplaceAll(formatNumber(a), ".", sep)
			if !strings.Contains(compact(r.Text), "α="+s) {
				t.Errorf("%s: the text does not show α = %s: %q", lang, s, r.Text)
			}
			if strings.Contains(r.Table, strings.ReplaceAll(formatNumber(a), ".", "{,}")) || strings.Contains(r.Table, formatNumber(a)) {
				t.Errorf("%s: act.intro writes α = %v itself", lang, a)
			}
		}
	}
}

// The gradient check shows backpropagation's dW, db beside the finite
// differences: every parameter of a small network, the largest errors of a
// large one.
func TestGradCheckTable(t *testing.T) {
	for _, c := range []struct {
		q   string
		all bool
	}{
		{"lang=en", true},
		{"dataset=spiral&classes=3&layers=2-8-8-3&act=relu,relu,softmax&output=multi&traceBatch=8", false},
	} {
		p := lessonPage(t, c.q)
		p.renderAllSections()
		var r struct {
			Params  int
			Max     float64
			Kind    string
			Rows    []map[string]string
			Caption string
		}
		p.evalJS(`(() => { const d = document.querySelector('#s-backward details.gradcheck'); d.open = true;
			d.querySelector('button').click();
			const T = nnstep.trace(); let n = 0;
			for (let l = 0; l < T.W.length; l++) n += T.W[l].length * T.W[l][0].length + T.b[l].length;
			const tb = d.querySelector('table.gradcheck-table');
			return { params: n, max: Number(d.querySelector('[data-max-rel-error]').dataset.maxRelError), kind: tb.dataset.entries,
				caption: tb.caption.innerText,
				rows: [...tb.querySelectorAll('tr[data-param]')].map((tr) => ({ param: tr.dataset.param, analytic: tr.dataset.analytic,
					numeric: tr.dataset.numeric, rel: tr.querySelector('[data-rel]').dataset.rel })) }; })()`, &r)
		t.Logf("%q: %d parameters, %d rows (%s), max relative error %.3g", c.q, r.Params, len(r.Rows), r.Kind, r.Max)
		if c.all && (r.Kind != "all" || len(r.Rows) != r.Params) {
			t.Errorf("%q: %d rows (%s) for %d parameters", c.q, len(r.Rows), r.Kind, r.Params)
		}
		if !c.all && (r.Kind != "top" || len(r.Rows) == 0 || len(r.Rows) >= r.Params) {
			t.Errorf("%q: %d rows (%s) for %d parameters: want the largest errors only", c.q, len(r.Rows), r.Kind, r.Params)
		}
		worst := 0.0
		for _, row := range r.Rows {
			var a, n, rel float64
			json.Unmarshal([]byte(row["analytic"]), &a)
			json.Unmarshal([]byte(row["numeric"]), &n)
			if row["rel"] == "" {
				continue
			}
			json.Unmarshal([]byte(row["rel"]), &rel)
			worst = math.Max(worst, rel)
			if math.Abs(a-n) > 1e-6*(math.Abs(a)+math.Abs(n))+1e-12 {
				t.Errorf("%q: %s: backpropagation %v, finite differences %v", c.q, row["param"], a, n)
			}
		}
		if worst != r.Max || !(r.Max < 1e-6) {
			t.Errorf("%q: largest error in the table %v, shown %v", c.q, worst, r.Max)
		}
		p.assertNoConsoleErrors()
	}
}

// The logistic-regression verdict follows the measured training accuracy:
// at epoch 0 the line does not separate the classes yet, after training
// it does; on XOR no line does.
func TestLogisticVerdictFollowsAccuracy(t *testing.T) {
	p := lessonPage(t, "lang=en")
	p.renderAllSections()
	p.evalJS(`(() => { document.getElementById('s-logistic').scrollIntoView(); return true; })()`, nil)
	type verdict struct {
		Text  string
		Acc   float64
		Epoch int
	}
	read := func() verdict {
		var v verdict
		p.evalJS(`new Promise((res) => setTimeout(() => { const s = nnstep.stats();
			res({ text: document.querySelector('#s-logistic .frontier-line').innerText, acc: s.trainAccuracy, epoch: s.epoch }); }, 1000))`, &v)
		return v
	}
	for _, c := range []struct{ preset, want string }{{"linear", "separates the classes"}, {"xor", "No straight line separates XOR"}} {
		p.evalJS(`document.querySelector('#s-logistic [data-preset=`+c.preset+`]').click(), true`, nil)
		p.waitJS(`nnstep.stats().playing`, 30*time.Second, "training of "+c.preset)
		p.evalJS(`(nnstep.pause(), nnstep.reset(), true)`, nil)
		v := read()
		t.Logf("%s at epoch %d: accuracy %.3f: %q", c.preset, v.Epoch, v.Acc, v.Text)
		if v.Epoch != 0 || v.Acc >= 0.95 {
			t.Fatalf("%s after reset: epoch %d, accuracy %v", c.preset, v.Epoch, v.Acc)
		}
		if strings.Contains(v.Text, "The line separates") || !strings.Contains(compact(v.Text), compact(formatNumber(100*v.Acc)+" %")) {
			t.Errorf("%s at epoch 0 (accuracy %.3f): %q", c.preset, v.Acc, v.Text)
		}
		p.evalJS(`(nnstep.play(), true)`, nil)
		if c.preset == "linear" {
			p.waitJS(`nnstep.stats().trainAccuracy >= 0.95`, 60*time.Second, "the line to separate the classes")
		} else {
			p.waitJS(`nnstep.stats().epoch >= 300`, 60*time.Second, "300 epochs of XOR")
		}
		p.evalJS(`(nnstep.pause(), true)`, nil)
		v = read()
		t.Logf("%s at epoch %d: accuracy %.3f: %q", c.preset, v.Epoch, v.Acc, v.Text)
		if !strings.Contains(v.Text, c.want) || !strings.Contains(compact(v.Text), compact(formatNumber(100*v.Acc)+" %")) {
			t.Errorf("%s at epoch %d (accuracy %.3f): %q, want %q and the accuracy", c.preset, v.Epoch, v.Acc, v.Text, c.want)
		}
	}
	p.assertNoConsoleErrors()
}

// The cost carries the example's index (C_i of y_i and ŷ_i), the
// multi-class case is the categorical cross-entropy over K classes, and
// the backward ops write dA, dZ per example (∂C_i/∂Z).
func TestCostPerExampleNotation(t *testing.T) {
	for _, c := range []struct{ q, cost string }{
		{"lang=en", `-y_i \log(A^{[L]}_i) - (1-y_i) \log(1-A^{[L]}_i)`},
		{"dataset=spiral&classes=3&layers=2-8-3&act=relu,softmax&output=multi", `-\sum_{k=1}^{K} y_{k,i} \log(A^{[L]}_{k,i})`},
	} {
		p := lessonPage(t, c.q)
		var r struct {
			Ops []struct {
				Result, Latex, Chain string
			}
			Intro  string
			Layers []int
		}
		p.evalJS(`import('./js/i18n.js').then((m) => ({ ops: nnstep.trace().ops.map((o) => ({ result: o.result.name, latex: o.latex, chain: o.chain || '' })),
			intro: m.t('cost.intro'), layers: nnstep.trace().layers }))`, &r)
		cost := strings.ReplaceAll(c.cost, "[L]", fmt.Sprintf("[%d]", len(r.Layers)-1))
		for _, op := range r.Ops {
			switch {
			case op.Result == "C_i" && op.Latex != `C_i = `+cost:
				t.Errorf("%q: the cost op writes %q, want C_i = %s", c.q, op.Latex, cost)
			case strings.HasPrefix(op.Result, "dZ[") || strings.HasPrefix(op.Result, "dA["):
				if !strings.Contains(op.Chain, `\partial C_i}{\partial Z`) && !strings.Contains(op.Chain, `\partial C_i}{\partial A`) {
					t.Errorf("%q: %s's chain rule is not per example: %q", c.q, op.Result, op.Chain)
				}
			}
		}
		for _, want := range []string{`C_i = -y_i \log \hat{y}_i`, `C_i = -\sum_{k=1}^{K} y_{k,i} \log \hat{y}_{k,i}`} {
			if !strings.Contains(r.Intro, want) {
				t.Errorf("%q: the cost section does not write %s", c.q, want)
			}
		}
	}
}

// The vocabulary of training sits beside the stage controls it explains,
// and the overfitting demo shows a rising test cost, which L2 and early
// stopping both lower.
func TestTrainingVocabulary(t *testing.T) {
	p := lessonPage(t, "lang=en")
	p.renderAllSections()
	var blocks []struct{ Control, Label, Text string }
	p.evalJS(`import('./js/i18n.js').then((m) => [...document.querySelectorAll('#s-descent .vocab[data-control]')].map((e) =>
		({ control: e.dataset.control, label: m.t('stage.' + e.dataset.control), text: e.innerText })))`, &blocks)
	words := map[string][]string{"batch": {"mini-batch", "stochastic"}, "epoch": {"iteration", "epoch"}, "ratio": {"test", "overfitting", "L2", "early stopping"}, "seed": {"random", "symmetry"}}
	for _, b := range blocks {
		if !strings.Contains(b.Text, b.Label) {
			t.Errorf("%s: the text does not name its control %q: %q", b.Control, b.Label, b.Text)
		}
		for _, w := range words[b.Control] {
			if !strings.Contains(b.Text, w) {
				t.Errorf("%s: the text does not say %q", b.Control, w)
			}
		}
		delete(words, b.Control)
	}
	if len(words) > 0 {
		t.Errorf("no text for the controls %v", words)
	}
	type run struct {
		Epoch       int
		Train, Test float64
		MinTest     float64
		Readout     string
	}
	p.evalJS(`(() => { document.querySelector('#s-descent [data-overfit]').scrollIntoView({ block: 'center' }); return true; })()`, nil)
	preset := func(key string, epochs int) run {
		p.evalJS(`document.querySelector('#s-descent [data-preset=`+key+`]').click(), true`, nil)
		p.waitJS(`nnstep.stats().epoch === `+fmt.Sprint(epochs)+` && nnstep.stats().stopped`, 4*time.Minute, key+" to stop")
		var r run
		p.evalJS(`new Promise((res) => setTimeout(() => { const s = nnstep.stats(); const h = nnstep.history();
			res({ epoch: s.epoch, train: s.trainLoss, test: s.testLoss, minTest: Math.min(...h.test.filter((v) => typeof v === 'number')),
				readout: document.querySelector('#s-descent [data-overfit]').innerText }); }, 700))`, &r)
		t.Logf("%s: epoch %d, training cost %.3f, test cost %.3f (lowest %.3f)", key, r.Epoch, r.Train, r.Test, r.MinTest)
		if !strings.Contains(r.Readout, "test cost "+strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3g", r.Test), "0"), ".")) {
			t.Errorf("%s: the readout %q does not show the test cost %.3g", key, r.Readout, r.Test)
		}
		return r
	}
	over := preset("overfit", 3000)
	l2 := preset("withL2", 3000)
	early := preset("early", 600)
	// Overfitting: at epoch 3000 the training cost is tiny and the test
	// cost higher than it was at epoch 600.
	if !(over.Train < 0.1 && over.Test > early.Test+0.05) || !(over.Test > over.MinTest) {
		t.Errorf("no overfitting: training cost %v, test cost %v at epoch 3000, %v at epoch 600", over.Train, over.Test, early.Test)
	}
	if !(l2.Test < over.Test-0.1) {
		t.Errorf("test cost %v alone, %v with L2, %v stopped early: want both remedies lower", over.Test, l2.Test, early.Test)
	}
	p.assertNoConsoleErrors()
}

// The cost table's columns stand apart on a phone: the text of two cells
// side by side is never closer than a few pixels (a shared rule once gave
// its cells no padding, and ŷ, y and Cᵢ ran together: "0.614 1 0.487").
func TestCostTableColumnsStandApart(t *testing.T) {
	p := newPageWith(t, "lang=fr&section=cost", PageOptions{Width: 390, Height: 844})
	p.waitJS(`document.querySelectorAll('#s-cost table.cost-table tr').length > 2`, time.Minute, "the cost table")
	var gap float64
	p.evalJS(`(() => {
		const box = (c) => { const r = document.createRange(); r.selectNodeContents(c); return r.getBoundingClientRect(); };
		let min = Infinity;
		for (const tr of document.querySelectorAll('#s-cost table.cost-table tr')) {
			const cells = [...tr.children].filter((c) => c.textContent.trim() !== '');
			for (let i = 1; i < cells.length; i++) min = Math.min(min, box(cells[i]).left - box(cells[i - 1]).right);
		}
		return min;
	})()`, &gap)
	if gap < 8 {
		t.Errorf("two cells' texts of the cost table are %.1f px apart at 390 px, want at least 8", gap)
	}
}
