package e2e

// Browser tests of the lesson (issue 4): the step-through's matrices against
// POST /api/trace, the arrow keys, both languages, every section rendering
// without a console error, the softmax overflow demo, exercise mode and the
// exports. They use the harness of helpers_test.go.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"nnstep/site/api"
)

// lessonURL is the fixed scenario of the step-through tests.
const lessonURL = "dataset=xor&n=60&noise=0.1&seed=7&layers=2-3-2-1&act=tanh,relu,sigmoid&output=binary&lr=0.25&batch=10"

var (
	apiOnce sync.Once
	apiURL  string
)

// lessonPage is newPage after checking that KaTeX is vendored (the page
// imports vendor/katex.mjs, which make vendor builds from node_modules).
func lessonPage(t *testing.T, query string) *Page {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot(), "site", "web", "vendor", "katex.mjs")); err != nil {
		t.Fatalf("site/web/vendor/katex.mjs is missing: run make vendor (%v)", err)
	}
	return newPage(t, query)
}

// apiServer serves nnstep/site/api (the handler of POST /api/trace).
func apiServer(t *testing.T) string {
	apiOnce.Do(func() {
		mux := http.NewServeMux()
		mux.Handle("/api/", api.Handler())
		apiURL = httptest.NewServer(mux).URL // lives as long as the test binary
	})
	return apiURL
}

// number decodes a JSON number or null (a non-finite value) as NaN.
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = number(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = number(f)
	return nil
}

type apiOp struct {
	Index    int        `json:"index"`
	Phase    string     `json:"phase"`
	Layer    int        `json:"layer"`
	Result   apiRef     `json:"result"`
	Operands []apiRef   `json:"operands"`
	LaTeX    string     `json:"latex"`
	Chain    string     `json:"chain"`
	Value    [][]number `json:"value"`
}

// apiRef is a reference to a matrix (docs/api.md, "Trace format").
type apiRef struct {
	Name  string `json:"name"`
	Field string `json:"field"`
	At    *int   `json:"at"`
}

func refNames(rs []apiRef) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Name)
	}
	return strings.Join(s, ",")
}

type apiTrace struct {
	Cost   number       `json:"cost"`
	Ops    []apiOp      `json:"ops"`
	W      [][][]number `json:"W"`
	B      [][]number   `json:"b"`
	X      [][]number   `json:"X"`
	Y      [][]number   `json:"Y"`
	Layers []int        `json:"layers"`
	// Fields are every field of the answer (and of the request, once
	// merged), for the references of the ops.
	Fields map[string]json.RawMessage `json:"-"`
}

// requestOf returns the request fields (docs/api.md) of nnstep.trace().
func requestOf(p *Page) []byte {
	p.t.Helper()
	var raw string
	p.evalJS(`(() => { const T = nnstep.trace(); const q = {};
		for (const k of ["layers", "activations", "loss", "W", "b", "X", "Y", "learning_rate"]) q[k] = T[k];
		return JSON.stringify(q); })()`, &raw)
	return []byte(raw)
}

// postTrace posts a request to /api/trace and decodes the answer.
func postTrace(t *testing.T, body []byte) apiTrace {
	t.Helper()
	resp, err := http.Post(apiServer(t)+"/api/trace", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tr apiTrace
	if resp.StatusCode != 200 {
		var e map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&e)
		t.Fatalf("POST /api/trace: %d %v", resp.StatusCode, e)
	}
	body, err = io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &tr); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &tr.Fields); err != nil {
		t.Fatal(err)
	}
	return tr
}

// shownTables reads every table[data-matrix] of the step-through panel:
// name → rows of data-value strings, and the op index the panel shows.
type shown struct {
	Index  string                `json:"index"`
	Tables map[string][][]string `json:"tables"`
	Shapes map[string]string     `json:"shapes"`
}

const shownJS = `(() => {
  const op = document.querySelector('#stepper [data-op-index]');
  const out = {index: op ? op.dataset.opIndex : '', tables: {}, shapes: {}};
  for (const t of document.querySelectorAll('#stepper table[data-matrix]')) {
    out.tables[t.dataset.matrix] = [...t.querySelectorAll('tr')].map(tr => [...tr.querySelectorAll('td')].map(td => td.dataset.value));
    const fig = t.closest('figure');
    out.shapes[t.dataset.matrix] = fig ? fig.querySelector('.shape').textContent : '';
  }
  return out;
})()`

func sameNumber(a string, b number) bool {
	v, err := strconv.ParseFloat(a, 64)
	if err != nil {
		return false
	}
	if math.IsNaN(float64(b)) {
		return math.IsNaN(v)
	}
	return v == float64(b) // exact: data-value holds the full number
}

func checkMatrix(t *testing.T, where, name string, got [][]string, want [][]number) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %s has %d rows, want %d", where, name, len(got), len(want))
		return
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("%s: %s row %d has %d cells, want %d", where, name, i, len(got[i]), len(want[i]))
			return
		}
		for j := range want[i] {
			if !sameNumber(got[i][j], want[i][j]) {
				t.Errorf("%s: %s[%d][%d] shows data-value %q, /api/trace says %v", where, name, i, j, got[i][j], float64(want[i][j]))
				return
			}
		}
	}
}

// operandValue is what r holds before op i in the API's answer: the
// latest earlier op's result of that name, or the field r names
// (docs/api.md, "Trace format").
func operandValue(t *testing.T, tr apiTrace, r apiRef, i int) [][]number {
	for j := i - 1; j >= 0; j-- {
		if tr.Ops[j].Result.Name == r.Name {
			return resultValue(t, tr, tr.Ops[j])
		}
	}
	return fieldValue(t, tr, r)
}

// resultValue is an op's result: its value, or the field it names.
func resultValue(t *testing.T, tr apiTrace, op apiOp) [][]number {
	if op.Result.Field == "" {
		return op.Value
	}
	return fieldValue(t, tr, op.Result)
}

// fieldValue reads the matrix (or the vector, as a column) a reference
// names in the answer's or the request's fields.
func fieldValue(t *testing.T, tr apiTrace, r apiRef) [][]number {
	t.Helper()
	raw, ok := tr.Fields[r.Field]
	if !ok {
		t.Fatalf("%s: no field %q", r.Name, r.Field)
	}
	if r.At != nil {
		var all []json.RawMessage
		if err := json.Unmarshal(raw, &all); err != nil || *r.At >= len(all) {
			t.Fatalf("%s: %s[%d]: %v", r.Name, r.Field, *r.At, err)
		}
		raw = all[*r.At]
	}
	var m [][]number
	if json.Unmarshal(raw, &m) == nil {
		return m
	}
	var v []number
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", r.Name, err)
	}
	m = nil // the failed attempt above may have left empty rows
	for _, x := range v {
		m = append(m, []number{x})
	}
	return m
}

func TestLessonStepThroughMatchesAPI(t *testing.T) {
	p := lessonPage(t, lessonURL)
	body := requestOf(p)
	want := postTrace(t, body)
	// Operands that no op produced come from the request: W, b, X, Y.
	var req map[string]json.RawMessage
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatal(err)
	}
	for k, v := range req {
		want.Fields[k] = v
	}
	var n int
	p.evalJS(`nnstep.trace().ops.length`, &n)
	if n != len(want.Ops) || n < 20 {
		t.Fatalf("nnstep.trace() has %d ops, /api/trace %d", n, len(want.Ops))
	}
	// The page's trace is the API's, op for op.
	var ops []apiOp
	p.evalJS(`nnstep.trace().ops`, &ops)
	for i, o := range ops {
		w := want.Ops[i]
		if o.Result.Name != w.Result.Name || o.Phase != w.Phase || o.LaTeX != w.LaTeX || refNames(o.Operands) != refNames(w.Operands) {
			t.Fatalf("op %d: page %s/%s %q, api %s/%s %q", i, o.Phase, o.Result.Name, o.LaTeX, w.Phase, w.Result.Name, w.LaTeX)
		}
	}
	// Every op shown: the result and every operand, cell for cell.
	for i := 0; i < n; i++ {
		var s shown
		p.evalJS(fmt.Sprintf(`(nnstep.stepTo(%d), %s)`, i, shownJS), &s)
		if s.Index != strconv.Itoa(i) {
			t.Fatalf("after stepTo(%d) the panel shows data-op-index=%q", i, s.Index)
		}
		op := want.Ops[i]
		res := op.Result.Name
		where := fmt.Sprintf("op %d (%s)", i, res)
		got, ok := s.Tables[res]
		if !ok {
			t.Fatalf("%s: no table[data-matrix=%q]; tables: %v", where, res, keys(s.Tables))
		}
		value := resultValue(t, want, op)
		checkMatrix(t, where, res, got, value)
		if sh := fmt.Sprintf("%d×%d", len(value), len(value[0])); s.Shapes[res] != sh {
			t.Errorf("%s: shape %q, want %q", where, s.Shapes[res], sh)
		}
		for _, r := range op.Operands {
			g, ok := s.Tables[r.Name]
			if !ok {
				t.Fatalf("%s: operand %s has no table", where, r.Name)
			}
			checkMatrix(t, where, r.Name, g, operandValue(t, want, r, i))
		}
	}
	p.assertNoConsoleErrors()
}

func keys(m map[string][][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func opIndex(p *Page) string {
	var s string
	p.evalJS(`(document.querySelector('#stepper [data-op-index]') || {dataset: {}}).dataset.opIndex || ''`, &s)
	return s
}

func TestLessonArrowKeysMoveTheStep(t *testing.T) {
	p := lessonPage(t, lessonURL+"&step=3")
	p.waitJS(`document.querySelector('#stepper [data-op-index="3"]')`, 30*time.Second, "op 3 shown")
	p.evalJS(`(document.activeElement && document.activeElement.blur(), true)`, nil)
	for _, c := range []struct {
		key  string
		want string
	}{{kb.ArrowRight, "4"}, {kb.ArrowRight, "5"}, {kb.ArrowLeft, "4"}, {kb.ArrowLeft, "3"}, {kb.ArrowLeft, "2"}} {
		if err := chromedp.Do(p.Ctx, chromedp.KeyEvent(c.key)); err != nil {
			t.Fatal(err)
		}
		if got := opIndex(p); got != c.want {
			t.Fatalf("after %q: data-op-index %q, want %q", c.key, got, c.want)
		}
	}
	// The buttons do the same.
	p.evalJS(`document.querySelector('#stepper .st-next').click()`, nil)
	if got := opIndex(p); got != "3" {
		t.Errorf("after the next button: %q, want 3", got)
	}
	// Arrows typed in an input move the caret, not the step.
	p.evalJS(`document.getElementById('sm-z').focus()`, nil)
	chromedp.Do(p.Ctx, chromedp.KeyEvent(kb.ArrowRight))
	if got := opIndex(p); got != "3" {
		t.Errorf("an arrow typed in a text field moved the step to %q", got)
	}
	p.assertNoConsoleErrors()
}

// frFragments returns, from the lesson's French table, pieces of text at
// least 12 characters long that differ from English (formulas, markup and
// placeholders removed): none may show on an English page.
const fragmentsJS = `import('/js/i18n.js').then(m => {
  const {fr, en} = m.lessonTables;
  const pieces = (s) => s.replace(/\$\$[\s\S]*?\$\$|\$[^$]*\$/g, '\u0000').replace(/\*\*|` + "`" + `/g, '')
    .split(/\{\w+\}|\u0000|\n/).map(x => x.trim().replace(/\s+/g, ' ')).filter(x => x.length >= 12);
  const out = [];
  for (const k of Object.keys(fr)) {
    if (fr[k] === en[k] || k === 'doc.title') continue;
    const enPieces = new Set(pieces(en[k] || ''));
    for (const p of pieces(fr[k])) if (!enPieces.has(p)) out.push([k, p]);
  }
  return out;
})`

func visibleText(p *Page) string {
	var s string
	p.renderAllSections()
	p.evalJS(`document.body.innerText.replace(/\s+/g, ' ')`, &s)
	return s
}

func checkNoFrench(t *testing.T, p *Page, frags [][2]string, what string) {
	t.Helper()
	text := visibleText(p)
	bad := 0
	for _, f := range frags {
		if strings.Contains(text, f[1]) {
			t.Errorf("%s: French text of %s still visible: %q", what, f[0], f[1])
			if bad++; bad > 10 {
				return
			}
		}
	}
}

func showAllDemos(p *Page) {
	p.t.Helper()
	// Scroll through every section and its demo (on a phone a section is
	// taller than the screen) so the demos that wait to be seen run.
	p.evalJS(`(async () => { for (const s of document.querySelectorAll('#lesson section, #lesson section > .demo')) {
		s.scrollIntoView(); await new Promise(r => setTimeout(r, 120)); } window.scrollTo(0, 0); return true; })()`, nil)
	p.waitJS(`document.querySelectorAll('#s-pathologies .diag li, #s-pathologies .diag p').length >= 4 && document.querySelector('#s-descent .readout').textContent.length > 0 &&
		document.querySelectorAll('#s-neuron .readout math').length > 0 && document.querySelectorAll('#s-activations .demo .formula math').length > 0 &&
		document.querySelectorAll('#s-network .demo table tr').length > 1 && document.querySelectorAll('#s-multiclass .demo table tr').length > 1`, time.Minute, "the demos to run")
}

func TestLessonLanguages(t *testing.T) {
	en := lessonPage(t, lessonURL+"&lang=en")
	var frags [][2]string
	en.evalJS(fragmentsJS, &frags)
	if len(frags) < 100 {
		t.Fatalf("only %d French fragments to look for", len(frags))
	}
	showAllDemos(en)
	var lang string
	en.evalJS(`document.documentElement.lang`, &lang)
	if lang != "en" {
		t.Errorf("<html lang=%q>, want en", lang)
	}
	checkNoFrench(t, en, frags, "?lang=en")
	if !strings.Contains(visibleText(en), "Forward propagation") {
		t.Error("?lang=en: the English section title is missing")
	}
	en.assertNoConsoleErrors()

	// French by default, then the toggle.
	fr := lessonPage(t, lessonURL)
	showAllDemos(fr)
	text := visibleText(fr)
	seen := 0
	for _, f := range frags {
		if strings.Contains(text, f[1]) {
			seen++
		}
	}
	if seen < len(frags)/2 {
		t.Errorf("the French page shows only %d of %d French fragments", seen, len(frags))
	}
	fr.evalJS(`document.querySelector('.lang-toggle button[data-lang="en"]').click()`, nil)
	fr.evalJS(`new Promise(r => setTimeout(() => r(true), 300))`, nil)
	checkNoFrench(t, fr, frags, "after the toggle")
	if url := fr.search("lang=en"); !strings.Contains(url, "lang=en") {
		t.Errorf("the toggle did not put lang=en in the URL: %s", url)
	}
	fr.assertNoConsoleErrors()
}

func TestLessonSectionsRender(t *testing.T) {
	p := lessonPage(t, "")
	var got []struct {
		ID, Key    string
		Intro      int
		Demo       int
		Heading    string
		HasStepper bool
	}
	// The page opened at the top lays out the first screen alone while it
	// starts (html.first-screen); the class must go once the module runs.
	var firstScreen int
	p.evalJS(`performance.getEntriesByName('nn-first-screen').length`, &firstScreen)
	if firstScreen != 1 {
		t.Errorf("opened at the top, the page did not lay out the first screen alone (nn-first-screen marks: %d)", firstScreen)
	}
	p.waitJS(`!document.documentElement.classList.contains('first-screen')`, 10*time.Second, "html.first-screen to go")
	showAllDemos(p)
	p.renderAllSections()
	p.evalJS(`[...document.querySelectorAll('#lesson > section')].map(s => ({ID: s.id, Key: s.dataset.section,
		Intro: s.querySelector('.intro').innerText.length, Demo: s.querySelector('.demo').children.length,
		Heading: s.querySelector('h2').innerText, HasStepper: !!s.querySelector('#stepper')}))`, &got)
	want := []string{"neuron", "activations", "logistic", "network", "forward", "cost", "backward", "descent", "multiclass", "pathologies"}
	if len(got) != len(want) {
		t.Fatalf("%d sections, want %d", len(got), len(want))
	}
	for i, s := range got {
		if s.Key != want[i] || s.ID != "s-"+want[i] {
			t.Errorf("section %d is %s (%s), want %s", i+1, s.ID, s.Key, want[i])
		}
		if s.Intro < 100 || s.Demo == 0 || s.Heading == "" {
			t.Errorf("section %s: intro %d chars, demo %d children, heading %q", s.Key, s.Intro, s.Demo, s.Heading)
		}
	}
	var toc int
	p.evalJS(`document.querySelectorAll('#toc a[href^="#s-"]').length`, &toc)
	if toc != 10 {
		t.Errorf("table of contents has %d links", toc)
	}
	// Formulas are typeset as MathML, with nothing fetched.
	var maths int
	p.evalJS(`document.querySelectorAll('#lesson math').length`, &maths)
	if maths < 50 {
		t.Errorf("only %d MathML formulas", maths)
	}
	// Punctuation right after an inline formula is kept on its line (the
	// browser may break after a <math>), and formulas are set in a math
	// font (the stack of lesson.css), not in the text's font.
	var typo struct {
		Loose []string
		Font  string
	}
	p.evalJS(`({Loose: [...document.querySelectorAll('#lesson math:not([display=block])')]
		.map(m => m.closest('.katex') || m)
		.filter(k => !k.parentElement.closest('.nobr') && k.nextSibling && k.nextSibling.nodeType === 3 && /^[\u00a0\u202f]?[.,;:!?)\]»]/.test(k.nextSibling.data))
		.map(k => k.parentElement.textContent.slice(0, 60)),
		Font: getComputedStyle(document.querySelector('#lesson math')).fontFamily})`, &typo)
	if len(typo.Loose) > 0 {
		t.Errorf("%d inline formulas followed by punctuation that may wrap to the next line, e.g. %q", len(typo.Loose), typo.Loose[0])
	}
	if !strings.Contains(typo.Font, "Math") {
		t.Errorf("formulas' font-family is %q, want the math fonts' stack", typo.Font)
	}
	// No select of the lesson cuts its options (French, the longer
	// labels): each is as wide as a copy sized to its widest option.
	var clipped []string
	p.evalJS(`[...document.querySelectorAll('#lesson select')].filter(s => s.offsetWidth > 0).filter(s => {
		const c = s.cloneNode(true); c.removeAttribute('id'); c.style.width = 'max-content';
		s.after(c); const w = c.offsetWidth; c.remove(); return s.offsetWidth + 1 < w;
	}).map(s => s.id || s.name || s.className)`, &clipped)
	if len(clipped) > 0 {
		t.Errorf("selects narrower than their options: %v", clipped)
	}
	p.assertNoConsoleErrors()

	// Embedded: one section, no page chrome.
	e := lessonPage(t, "embed=1&section=multiclass")
	var emb struct {
		Sections []string
		TopShown bool
		TocShown bool
	}
	e.evalJS(`({Sections: [...document.querySelectorAll('#lesson > section')].map(s => s.dataset.section),
		TopShown: !!document.getElementById('top').offsetParent, TocShown: !!document.getElementById('toc').offsetParent})`, &emb)
	if strings.Join(emb.Sections, ",") != "multiclass" || emb.TopShown || emb.TocShown {
		t.Errorf("embed=1&section=multiclass: %+v", emb)
	}
	// multiclass shows the stage: its module loads and draws.
	e.waitJS(`performance.getEntriesByName('nn-stage-fetch').length === 1 && nnstep.stats().frames > 0`, time.Minute, "the stage drawing")
	e.assertNoConsoleErrors()

	// activations does not: its embed never downloads the stage module,
	// and the section's own demo (the lesson module) works.
	a := lessonPage(t, "embed=1&section=activations")
	var noStage struct {
		Fetched, Canvas bool
		Frames          int
		Derivative      []float64
	}
	a.evalJS(`({Fetched: performance.getEntriesByName('nn-stage-fetch').length > 0 ||
		performance.getEntriesByType('resource').some(r => /stage\.[^/]*wasm$/.test(r.name)),
		Canvas: !!document.querySelector('#stage canvas'), Frames: nnstep.stats().frames,
		Derivative: nnstepGo.activation('sigmoid', 0, [0]).d})`, &noStage)
	if noStage.Fetched || noStage.Canvas || noStage.Frames != 0 || len(noStage.Derivative) != 1 || noStage.Derivative[0] != 0.25 {
		t.Errorf("embed=1&section=activations: %+v, want no stage module and sigmoid'(0) = 0.25", noStage)
	}
	a.assertNoConsoleErrors()
}

func TestLessonSoftmaxOverflowPreset(t *testing.T) {
	p := lessonPage(t, "section=multiclass")
	p.evalJS(`document.querySelector('#s-multiclass button[data-z="4 5 6"]').click()`, nil)
	p.evalJS(`document.querySelector('#s-multiclass button[data-z="4000 5000 6000"]').click()`, nil)
	var v struct{ Naive, Stable []string }
	p.evalJS(`({Naive: [...document.querySelectorAll('table[data-softmax="naive"] td')].map(td => td.dataset.value),
		Stable: [...document.querySelectorAll('table[data-softmax="stable"] td')].map(td => td.dataset.value)})`, &v)
	if strings.Join(v.Naive, ",") != "NaN,NaN,NaN" {
		t.Errorf("naive softmax of [4000, 5000, 6000] = %v, want NaN", v.Naive)
	}
	if strings.Join(v.Stable, ",") != "0,0,1" {
		t.Errorf("stable softmax of [4000, 5000, 6000] = %v, want [0, 0, 1]", v.Stable)
	}
	// The student's own vector: [4, 5, 6] as on the slide.
	p.evalJS(`(() => { const i = document.getElementById('sm-z'); i.value = '4; 5; 6'; i.dispatchEvent(new Event('input')); })()`, nil)
	p.evalJS(`[...document.querySelectorAll('table[data-softmax="stable"] td')].map(td => td.dataset.value)`, &v.Stable)
	if len(v.Stable) != 3 || !strings.HasPrefix(v.Stable[2], "0.6652409") {
		t.Errorf("softmax([4, 5, 6]) = %v, want [0.090, 0.245, 0.665]", v.Stable)
	}
	p.assertNoConsoleErrors()
}

func TestLessonExerciseMode(t *testing.T) {
	p := lessonPage(t, lessonURL+"&step=0")
	p.evalJS(`document.getElementById('st-exercise').click()`, nil)
	var hidden struct {
		Inputs int
		Values int
	}
	p.evalJS(`nnstep.stepTo(0), ({Inputs: document.querySelectorAll('#stepper .st-result .ex-in').length,
		Values: document.querySelectorAll('#stepper .st-result td[data-value]').length})`, &hidden)
	if hidden.Inputs != 12 || hidden.Values != 0 { // Z[1] is 3×4, its numbers hidden
		t.Fatalf("exercise mode on Z[1]: %d inputs, %d shown values", hidden.Inputs, hidden.Values)
	}
	var right float64
	// Op 0 is Z[1], whose value the trace's field Z holds.
	const z1 = `(() => { const T = nnstep.trace(), r = T.ops[0].result; return T[r.field][r.at]; })()`
	p.evalJS(z1+`[1][2]`, &right)
	type fb struct {
		Class, Text, Hint string
	}
	check := func(typed string) fb {
		p.t.Helper()
		var f fb
		p.evalJS(fmt.Sprintf(`(() => { const i = document.querySelector('#stepper .ex-in[data-r="1"][data-c="2"]'); i.value = %q;
			document.querySelector('#stepper .ex-check').click();
			const f = document.querySelector('#stepper .ex-feedback');
			return {Class: f.className, Text: f.textContent, Hint: document.querySelector('#stepper .ex-hint').textContent}; })()`, typed), &f)
		return f
	}
	// A right answer, typed the French way from the rounded numbers.
	ok := check(strings.Replace(strconv.FormatFloat(right, 'f', 3, 64), ".", ",", 1))
	if !strings.Contains(ok.Class, "good") {
		t.Errorf("right answer %v rejected: %+v", right, ok)
	}
	bad := check(strconv.FormatFloat(right+0.5, 'f', 3, 64))
	if !strings.Contains(bad.Class, "bad") || bad.Hint == "" {
		t.Errorf("wrong answer %v accepted or without a hint: %+v", right+0.5, bad)
	}
	var lit int
	p.evalJS(`document.querySelectorAll('#stepper .st-operands td.involved').length`, &lit)
	// Z[1][1][2] comes from row 1 of W[1] (2 cells), column 2 of A[0] (2 cells) and b[1][1].
	if lit != 5 {
		t.Errorf("the hint lights %d operand cells, want 5", lit)
	}
	// All cells right: the result is revealed.
	var vals [][]float64
	p.evalJS(z1, &vals)
	p.evalJS(fmt.Sprintf(`(() => { const v = %s; for (const i of document.querySelectorAll('#stepper .ex-in')) i.value = String(v[i.dataset.r][i.dataset.c]);
		document.querySelector('#stepper .ex-check').click(); return true; })()`, mustJSON(vals)), nil)
	p.evalJS(`document.querySelectorAll('#stepper .st-result td[data-value]').length`, &hidden.Values)
	if hidden.Values != 12 {
		t.Errorf("after all right answers %d values shown, want 12", hidden.Values)
	}
	p.assertNoConsoleErrors()
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestLessonNextIterationLowersTheCost(t *testing.T) {
	p := lessonPage(t, lessonURL)
	var before, after float64
	p.evalJS(`nnstep.trace().cost`, &before)
	p.evalJS(`(() => { const T = nnstep.trace(); nnstep.stepTo(T.ops.length - 1); document.querySelector('#stepper .st-nextiter10').click(); return nnstep.trace().cost; })()`, &after)
	if !(after < before) {
		t.Errorf("ten iterations: cost %v → %v, want lower", before, after)
	}
	var items int
	p.evalJS(`document.querySelectorAll('#stepper .st-costs li').length`, &items)
	if items != 2 {
		t.Errorf("the cost history lists %d iterations, want 2", items)
	}
	p.assertNoConsoleErrors()
}

func TestLessonExports(t *testing.T) {
	p := lessonPage(t, lessonURL)
	// The JSON export is nnstep.trace(): posting it replays it.
	var full string
	p.evalJS(`JSON.stringify(nnstep.trace())`, &full)
	replay := postTrace(t, []byte(full))
	var cost float64
	p.evalJS(`nnstep.trace().cost`, &cost)
	if float64(replay.Cost) != cost {
		t.Errorf("replaying the export gives cost %v, the page %v", float64(replay.Cost), cost)
	}
	var csv string
	p.evalJS(`nnstepLesson.exportCSV()`, &csv)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 5 || lines[0] != "x1,x2,label" {
		t.Errorf("CSV export: %q", csv)
	}
	// The NumPy script rebuilds the same numbers.
	var script string
	p.evalJS(`nnstepLesson.exportNumPy()`, &script)
	// Debian's python3 with NumPy (scripts/deps.sh installs it); the
	// python3 first on PATH may be another one, without NumPy.
	const py = "/usr/bin/python3"
	if out, err := exec.Command(py, "-c", "import numpy").CombinedOutput(); err != nil {
		t.Fatalf("%s cannot import NumPy (run scripts/deps.sh): %v\n%s", py, err, out)
	}
	run := func(script string) ([]byte, error) {
		f := filepath.Join(t.TempDir(), "check.py")
		os.WriteFile(f, []byte(script), 0o644)
		return exec.Command(py, f).CombinedOutput()
	}
	if out, err := run(script); err != nil {
		t.Fatalf("the NumPy script fails: %v\n%s", err, out)
	}
	if !strings.Contains(script, "np.testing.assert_allclose(") {
		t.Fatalf("the NumPy script checks nothing:\n%s", script)
	}
	// Its checks hold the page's numbers: a changed learning rate makes the
	// update's check fail.
	eta := regexp.MustCompile(`(?m)^eta = .*$`)
	if !eta.MatchString(script) {
		t.Fatalf("no eta in the NumPy script:\n%s", script)
	}
	if out, err := run(eta.ReplaceAllString(script, "eta = 0.5")); err == nil || !bytes.Contains(out, []byte("AssertionError")) {
		t.Errorf("the NumPy script passes with another learning rate: %v\n%s", err, out)
	}
}

// TestLessonStepTiming measures one step to the next op in the page: the
// time from nnstep.stepTo(i) to the next animation frame. It reports and
// asserts nothing about speed (run it with -v; docs/lesson.md has the
// figures).
func TestLessonStepTiming(t *testing.T) {
	if os.Getenv("NNSTEP_STEP_TIMING") == "" {
		t.Skip("set NNSTEP_STEP_TIMING=1 to measure")
	}
	for _, q := range []string{lessonURL, "dataset=spiral&layers=2-8-8-1&act=tanh,tanh,sigmoid&lr=0.03&batch=10&traceBatch=16"} {
		p := lessonPage(t, q)
		p.evalJS(`nnstep.stepTo(0), document.getElementById('s-forward').scrollIntoView(), true`, nil)
		var r struct {
			N                       int
			Median, P90, Max        float64
			SyncMedian, SyncMax     float64
			RenderMedian, RenderMax float64
			FrameMedian             float64
		}
		p.evalJS(`(async () => {
			const n = nnstep.trace().ops.length, total = [], sync = [], render = [], frames = [];
			const frame = () => new Promise(r => requestAnimationFrame(() => r()));
			await frame();
			for (let k = 0; k < 3; k++) for (let i = 0; i < n; i++) {
				await frame();
				const f0 = performance.now();
				await frame();
				frames.push(performance.now() - f0);
				const t0 = performance.now();
				nnstep.stepTo(i);
				const t1 = performance.now();
				render.push(nnstepLesson.renderMs());
				await frame();
				total.push(performance.now() - t0); sync.push(t1 - t0);
			}
			const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
			return {N: total.length, Median: q(total, 0.5), P90: q(total, 0.9), Max: Math.max(...total),
				SyncMedian: q(sync, 0.5), SyncMax: Math.max(...sync), RenderMedian: q(render, 0.5), RenderMax: Math.max(...render),
				FrameMedian: q(frames, 0.5)};
		})()`, &r)
		t.Logf("%s: %d steps; lesson render median %.2f ms (max %.2f); nnstep.stepTo median %.2f ms (max %.2f); stepTo→next frame median %.2f ms, p90 %.2f, max %.2f; an idle frame of the page median %.2f ms",
			q, r.N, r.RenderMedian, r.RenderMax, r.SyncMedian, r.SyncMax, r.Median, r.P90, r.Max, r.FrameMedian)
	}
}

// TestLessonEmbedPostsHeight embeds one section in an iframe of a page of
// another origin and checks the height messages: one on load, and a new one
// when the frame's width changes the content's height.
func TestLessonEmbedPostsHeight(t *testing.T) {
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	parent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>course</title><body style="margin:0">
<iframe id="f" src="%s/?embed=1&section=activations" style="width:900px;height:300px;border:0"
  sandbox="allow-scripts allow-same-origin"></iframe>
<script>window.heights = []; addEventListener("message", (e) => {
  if (e.data && e.data.type === "nnstep:height") { heights.push(e.data.height); document.getElementById("f").style.height = e.data.height + "px"; }
});</script></body>`, siteURL)
	}))
	defer parent.Close()
	tab, cancelTab := chromedp.NewContext(browserCtx)
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer func() { cancel(); cancelTab() }()
	p := &Page{t: t, Ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(parent.URL)); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`window.heights && window.heights.length > 0 && window.heights[window.heights.length - 1] > 400`, 2*time.Minute, "a height message")
	var wide []int
	p.evalJS(`window.heights`, &wide)
	p.evalJS(`document.getElementById("f").style.width = "375px", true`, nil)
	p.waitJS(fmt.Sprintf(`window.heights[window.heights.length - 1] > %d`, wide[len(wide)-1]+100), time.Minute, "a taller height once narrower")
	var narrow []int
	p.evalJS(`window.heights`, &narrow)
	t.Logf("heights: %v at 900 px, then %v at 375 px", wide, narrow[len(wide):])
}

// TestFrenchSpaces checks js/typo.js: a narrow no-break space before the
// high signs and inside guillemets, formulas and other text untouched.
func TestFrenchSpaces(t *testing.T) {
	p := lessonPage(t, "")
	cases := [][2]string{
		{"il est excité : il transmet", "il est excité\u202f: il transmet"},
		{"« {key} » :", "«\u202f{key}\u202f»\u202f:"},
		{"$a : b$ : c ; d ! e ?", "$a : b$\u202f: c\u202f; d\u202f! e\u202f?"},
		{"$$x ; y$$ ; z", "$$x ; y$$\u202f; z"},
		{"ratio 1:2, https://x.y/?a=b", "ratio 1:2, https://x.y/?a=b"},
		{"déjà\u00a0: fait", "déjà\u202f: fait"},
	}
	var got []string
	js, _ := json.Marshal(cases)
	p.evalJS(`import('/js/typo.js').then(m => `+string(js)+`.map(([in_]) => m.frenchSpaces(JSON.parse('"' + in_ + '"'))))`, &got)
	for i, c := range cases {
		var want string
		if err := json.Unmarshal([]byte(`"`+c[1]+`"`), &want); err != nil {
			t.Fatal(err)
		}
		if i >= len(got) || got[i] != want {
			g := ""
			if i < len(got) {
				g = got[i]
			}
			t.Errorf("frenchSpaces(%q) = %q, want %q", c[0], g, want)
		}
	}
}
