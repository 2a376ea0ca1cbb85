package e2e

// Browser rows of docs/robustness.md: malformed URLs, absurd settings,
// divergence while playing, bad CSVs loaded in the page. Each test checks
// what the student sees (a notice naming the setting or the line, the
// default in force, no NaN on the page) and that the page keeps working.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// noticeKeys returns the data-key of every notice shown for a setting.
func (p *Page) noticeKeys() []string {
	var keys []string
	p.evalJS(`[...document.querySelectorAll('#notices [data-key]')].map(e => e.dataset.key)`, &keys)
	return keys
}

// assertNoNaN fails if the stage panel, the notices or a lesson section
// shows NaN or Infinity. The sections that show a NaN on purpose are left
// out: multiclass (the naive softmax of [4000, 5000, 6000]) and pathologies
// (the exploding gradient demo).
func (p *Page) assertNoNaN() {
	p.t.Helper()
	var bad []string
	p.renderAllSections()
	p.evalJS(`[...document.querySelectorAll('#stage-panel, #notices, #lesson section:not(#s-multiclass):not(#s-pathologies)')]
	  .flatMap(e => (e.innerText.match(/\b(NaN|-?Infinity)\b/g) || []).map(m => (e.id || e.tagName) + ': ' + m))`, &bad)
	if len(bad) > 0 {
		p.t.Errorf("the page shows %v", bad)
	}
}

// assertTrains steps one epoch and checks the loss is a finite number.
func (p *Page) assertTrains() {
	p.t.Helper()
	var ok bool
	p.evalJS(`(() => { const e0 = nnstep.stats().epoch; nnstep.stepEpoch();
	  const s = nnstep.stats(); return s.epoch === e0 + 1 && Number.isFinite(s.trainLoss); })()`, &ok)
	if !ok {
		p.t.Errorf("one epoch did not train to a finite loss: %+v", p.stats())
	}
}

// A URL full of invalid values: the page still loads, each bad key gets
// a notice, the defaults are used, and training works.
func TestRobustMalformedURL(t *testing.T) {
	p := newPage(t, "lr=abc&layers=2-0-1&n=-5&batch=-3&dataset=banana&noise=5&seed=-1&act=foo,bar&ratio=7&l2=x"+
		"&lang=xx&section=nope&step=abc&embed=maybe&play=please&zzz=1")
	keys := p.noticeKeys()
	for _, k := range []string{"lr", "layers", "n", "batch", "dataset", "noise", "seed", "act", "ratio", "l2",
		"lang", "section", "step", "embed", "play", "zzz"} {
		if !slices.Contains(keys, k) {
			t.Errorf("no notice for %s (notices for %v)", k, keys)
		}
	}
	var s map[string]any
	p.evalJS(`nnstep.state()`, &s)
	want := map[string]any{"lr": 0.03, "layers": "2-4-4-1", "n": 200.0, "batch": 10.0, "dataset": "circles", "noise": 0.1, "seed": 1.0}
	for k, v := range want {
		if fmt.Sprint(s[k]) != fmt.Sprint(v) {
			t.Errorf("state %s = %v, want the default %v", k, s[k], v)
		}
	}
	p.assertTrains()
	p.assertNoNaN()
	p.assertNoConsoleErrors()
}

// configureNotices applies URL-style settings through nnstep.configure
// (the same Go decoder as the URL) and returns the keys of its notices.
func (p *Page) configureNotices(kv map[string]string) []string {
	p.t.Helper()
	arg, _ := json.Marshal(kv)
	var r struct {
		Notices []struct {
			Key string `json:"key"`
		} `json:"notices"`
	}
	p.evalJS(`nnstep.configure(`+string(arg)+`)`, &r)
	var keys []string
	for _, n := range r.Notices {
		keys = append(keys, n.Key)
	}
	return keys
}

// Architectures out of range: 100 layers in the URL, then 10,000 units, an
// empty value and malformed lists through nnstep.configure. Each falls
// back to the default network with a notice, and training works. The same
// page checks a step index out of range in the URL and a huge n.
func TestRobustAbsurdLayers(t *testing.T) {
	hundred := "2-" + strings.Repeat("4-", 99) + "1"
	p := newPage(t, "section=forward&step=999999&layers="+hundred)
	check := func(layers string, keys []string) {
		t.Helper()
		if !slices.Contains(keys, "layers") {
			t.Errorf("no notice for layers=%.40s (notices %v)", layers, keys)
		}
		var got string
		p.evalJS(`nnstep.state().layers`, &got)
		if got != "2-4-4-1" {
			t.Errorf("layers=%.40s: layers %q, want the default 2-4-4-1", layers, got)
		}
		p.assertTrains()
	}
	check(hundred, p.noticeKeys())
	for _, layers := range []string{"2-10000-1", "", "2--1", "2-4.5-1", "-1-4-1", "2-4-4-1-"} {
		check(layers, p.configureNotices(map[string]string{"layers": layers}))
	}
	if keys := p.configureNotices(map[string]string{"n": "100000000000000000000"}); !slices.Contains(keys, "n") {
		t.Errorf("no notice for a huge n (notices %v)", keys)
	}
	if keys := p.configureNotices(map[string]string{"n": "1024", "batch": "1"}); len(keys) > 0 {
		t.Errorf("n=1024&batch=1 gave notices %v", keys)
	}
	p.assertTrains()

	// stepTo out of range, from the URL (step=999999) and from the API.
	var res []any
	p.evalJS(`[nnstep.stepTo(1e9), nnstep.stepTo(-1), nnstep.stepTo('abc'), nnstep.stepTo(NaN), nnstep.stepTo(999999)]`, &res)
	for i, v := range res {
		if v != nil {
			t.Errorf("stepTo case %d returned %.100v, want null", i, v)
		}
	}
	var op map[string]any
	p.evalJS(`nnstep.stepTo(0)`, &op)
	if op == nil || op["result"] == nil {
		t.Errorf("stepTo(0) after the bad ones: %v", op)
	}
	p.assertNoNaN()
	p.assertNoConsoleErrors()
}

// lr=1e9 with play=1: the learning rate is out of range, so the default
// is used with a notice, and training runs with finite losses.
func TestRobustHugeLearningRatePlaying(t *testing.T) {
	p := newPage(t, "lr=1e9&play=1")
	if !slices.Contains(p.noticeKeys(), "lr") {
		t.Error("no notice for lr=1e9")
	}
	p.waitJS(`nnstep.stats().epoch >= 5`, time.Minute, "5 epochs")
	s := p.stats()
	if s.TrainLoss == nil || s.Diverged != nil {
		t.Errorf("stats %+v", s)
	}
	var lr float64
	p.evalJS(`nnstep.state().lr`, &lr)
	if lr != 0.03 {
		t.Errorf("lr %v, want the default 0.03", lr)
	}
	p.assertNoNaN()
	p.assertNoConsoleErrors()
}

// The largest learning rate the page accepts on a ReLU regression network
// diverges while playing: training pauses at the first non-finite value,
// a notice names the operation, the stage keeps drawing, and no NaN shows.
func TestRobustDivergencePausesWithNotice(t *testing.T) {
	p := newPage(t, "dataset=plane&layers=2-8-8-1&act=relu,relu,identity&lr=1000000&play=1")
	p.waitJS(`!!nnstep.stats().diverged && !nnstep.stats().playing`, time.Minute, "divergence")
	s := p.stats()
	if s.Diverged.Op == "" || s.Diverged.Phase == "" {
		t.Errorf("diverged without naming the op: %+v", s.Diverged)
	}
	var notice struct {
		Text string `json:"text"`
		Op   string `json:"op"`
	}
	p.waitJS(`!!document.querySelector('#notices [data-notice-id="diverged"]')`, 10*time.Second, "the divergence notice")
	p.evalJS(`(() => { const e = document.querySelector('#notices [data-notice-id="diverged"]');
	  return {text: e.innerText, op: e.dataset.op}; })()`, &notice)
	if notice.Op != s.Diverged.Op || !strings.Contains(notice.Text, s.Diverged.Op) {
		t.Errorf("notice %+v does not name %s", notice, s.Diverged.Op)
	}
	var finite bool
	p.evalJS(`(() => { const s = nnstep.stats(); return [s.trainLoss, s.testLoss].every(v => v === null || Number.isFinite(v)); })()`, &finite)
	if !finite {
		t.Errorf("a loss is not finite after the divergence: %+v", s)
	}
	p.waitFrames(3)
	p.assertNoNaN()
	p.assertNoConsoleErrors()
}

// Bad CSVs loaded in the page: each gets an error naming the line (or the
// file), a notice, and changes nothing; a good one then loads.
func TestRobustBadCSV(t *testing.T) {
	p := newPage(t, "dataset=moons")
	long := strings.Repeat("9", 100000)
	var tooMany strings.Builder
	for i := range 1100 {
		fmt.Fprintf(&tooMany, "%g,%g,%d\n", float64(i%40)/40, float64(i%7)/7, i%2)
	}
	cases := []struct {
		name, csv, code string
		line            int
	}{
		{"empty file", "", "empty", 0},
		{"header only", "x1,x2,label\n", "empty", 0},
		{"non-numeric cell", "0.1,0.2,0\nabc,0.5,1\n", "number", 2},
		{"NaN cell", "0.1,0.2,0\n0.3,NaN,1\n", "number", 2},
		{"1e400 cell", "1e400,0.2,0\n0.3,0.4,1\n", "number", 1},
		{"100,000-digit cell", "0.1,0.2,0\n" + long + ",0.4,1\n", "number", 2},
		{"two values", "0.1,0.2,0\n0.3,0.4\n", "fields", 2},
		{"four values", "0.1,0.2,0,7\n", "fields", 1},
		{"fractional label", "0.1,0.2,0.5\n", "label", 1},
		{"negative label", "0.1,0.2,-1\n", "label", 1},
		{"label 99", "0.1,0.2,99\n", "label", 1},
		{"single class", "0.1,0.2,1\n0.3,0.4,1\n0.5,0.6,1\n", "classes", 0},
		{"1100 points", tooMany.String(), "toomany", 1025},
		{"binary garbage", "\x00\x01\x02\xff\xfe,\x00,\x00\n\xff\xd8\xff\xe0,\x10JFIF,\x00\n", "number", 2},
	}
	for _, c := range cases {
		var r struct {
			Error string `json:"error"`
			Line  int    `json:"line"`
			Code  string `json:"code"`
		}
		arg, _ := jsonString(c.csv)
		p.evalJS(`nnstep.loadCSV(`+arg+`)`, &r)
		if r.Error == "" || r.Code != c.code || r.Line != c.line {
			t.Errorf("%s: got %+v, want code %s on line %d", c.name, r, c.code, c.line)
		}
		var shown struct {
			Line string `json:"line"`
		}
		p.evalJS(`(() => { const e = document.querySelector('#notices [data-notice-id="csv"]'); return {line: e ? e.dataset.line : ''}; })()`, &shown)
		if shown.Line != fmt.Sprint(c.line) {
			t.Errorf("%s: notice for line %q, want %d", c.name, shown.Line, c.line)
		}
		var ds string
		p.evalJS(`nnstep.state().dataset`, &ds)
		if ds != "moons" {
			t.Fatalf("%s: the bad CSV changed the dataset to %q", c.name, ds)
		}
	}
	var ok struct {
		OK bool `json:"ok"`
		N  int  `json:"n"`
	}
	p.evalJS(`nnstep.loadCSV("x1,x2,label\n0.1,0.2,0\n-0.3,0.4,1\n0.5,-0.6,0\n-0.7,-0.8,1\n")`, &ok)
	if !ok.OK || ok.N != 4 {
		t.Errorf("a good CSV after the bad ones: %+v", ok)
	}
	p.assertTrains()
	p.assertNoNaN()
	p.assertNoConsoleErrors()
}

// jsonString quotes s as a JS string literal (invalid UTF-8 becomes U+FFFD).
func jsonString(s string) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}
