package e2e

// The checks of understanding (js/quiz.js, docs/lesson.md): feedback,
// answers computed from the model, progress kept and posted.

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// quizJS defines, in the page, helpers that show a question and answer it
// as a student does: the fields typed in, the radio chosen, Check pressed.
const quizJS = `(() => {
	const q = (id) => document.querySelector('[data-question="' + id + '"]');
	window.quizShow = (id) => { q(id).scrollIntoView({ block: "center" }); return true; };
	window.quizReady = (id) => !!q(id) && q(id).querySelector('.quiz-prompt').textContent.trim().length > 0 && !/\{\w+\}/.test(q(id).querySelector('.quiz-prompt').textContent);
	window.quizAnswer = (id, ...vals) => {
		const box = q(id);
		if (box.dataset.kind === 'choice') box.querySelector('input[value="' + vals[0] + '"]').click();
		else [...box.querySelectorAll('.quiz-answer input')].forEach((e, i) => { e.value = vals[i]; });
		box.querySelector('[data-quiz-check]').click();
		return { state: box.dataset.state, verdict: (box.querySelector('.quiz-verdict') || {}).textContent || '',
			why: (box.querySelector('.quiz-why') || {}).textContent || '', prompt: box.querySelector('.quiz-prompt').textContent };
	};
	window.quizBadge = (key) => { const b = document.querySelector('[data-toc-quiz="' + key + '"]');
		return b ? { hidden: b.hidden, text: b.textContent, correct: b.dataset.correct, answered: b.dataset.answered, total: b.dataset.total } : null; };
	return true;
})()`

type quizResult struct {
	State, Verdict, Why, Prompt string
}

// quizPage opens the page with no answers kept from an earlier test (the
// tests share the browser, and so its storage).
func quizPage(t *testing.T, query string) *Page {
	p := newPage(t, query)
	p.evalJS(`localStorage.removeItem("nnstep:quiz"), true`, nil)
	if err := chromedp.Do(p.Ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	p.evalJS(`nnstep.ready.then(() => true)`, nil)
	p.evalJS(quizJS, nil)
	return p
}

func (p *Page) showQuestion(id string) {
	p.t.Helper()
	p.evalJS(fmt.Sprintf(`quizShow(%q)`, id), nil)
	p.waitJS(fmt.Sprintf(`quizReady(%q)`, id), time.Minute, "question "+id+" filled in")
}

func (p *Page) answerQuestion(id string, vals ...string) quizResult {
	p.t.Helper()
	args := ""
	for _, v := range vals {
		args += fmt.Sprintf(", %q", v)
	}
	var r quizResult
	p.evalJS(fmt.Sprintf(`quizAnswer(%q%s)`, id, args), &r)
	return r
}

// TestQuizFeedback: a number, a shape and a choice question, each answered
// wrong then right, in English and French: the verdict, the state and an
// explanation holding the expected value (the number read from core's
// activation table, the shape from the trace), or the chosen answer's
// explanation.
func TestQuizFeedback(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			p := quizPage(t, "lang="+lang+"&act=elu,elu,sigmoid")
			right, wrong := map[string]string{"en": "Right.", "fr": "Juste."}[lang], map[string]string{"en": "Not quite.", "fr": "Pas tout à fait."}[lang]
			comma := func(s string) string {
				if lang == "fr" {
					return strings.ReplaceAll(s, ".", ",")
				}
				return s
			}

			// ELU′(−2) with the table's default α, from the bridge.
			var want float64
			p.evalJS(`(() => { const a = nnstepGo.activations().find(a => a.name === "elu"); return nnstepGo.activation("elu", a.alpha, [-2]).d[0]; })()`, &want)
			if math.Abs(want-math.Exp(-2)) > 1e-12 {
				t.Fatalf("ELU′(−2) with α = 1 from the bridge: %v", want)
			}
			p.showQuestion("act.deriv")
			if r := p.answerQuestion("act.deriv", comma(fmt.Sprintf("%.4f", want+0.05))); r.State != "wrong" || r.Verdict != wrong {
				t.Errorf("a wrong number: %+v", r)
			}
			r := p.answerQuestion("act.deriv", comma(fmt.Sprintf("%.4f", want)))
			if r.State != "right" || r.Verdict != right || !strings.Contains(r.Why, comma("0.1353")) {
				t.Errorf("the right number %.4f: %+v", want, r)
			}
			if r := p.answerQuestion("act.deriv", "abc"); r.State != "error" {
				t.Errorf("not a number: %+v", r)
			}
			var mark string
			p.evalJS(`document.querySelector('[data-question="act.deriv"] .quiz-mark').dataset.state`, &mark)
			if mark != "right" {
				t.Errorf("after a right answer, then not a number, the question is marked %q, want right (nothing recorded)", mark)
			}

			// The shape of W[2] of the stage's network.
			var shape []int
			p.evalJS(`(() => { const W = nnstep.trace().W[1]; return [W.length, W[0].length]; })()`, &shape)
			p.showQuestion("network.shape")
			if r := p.answerQuestion("network.shape", fmt.Sprint(shape[1]), fmt.Sprint(shape[0]+1)); r.State != "wrong" {
				t.Errorf("a wrong shape: %+v", r)
			}
			if r := p.answerQuestion("network.shape", fmt.Sprint(shape[0]), fmt.Sprint(shape[1])); r.State != "right" || !strings.Contains(r.Why, fmt.Sprintf("%d × %d", shape[0], shape[1])) {
				t.Errorf("the right shape %v: %+v", shape, r)
			}

			// A why-question: each choice gets its own explanation.
			p.showQuestion("descent.eta")
			a := p.answerQuestion("descent.eta", "higher")
			b := p.answerQuestion("descent.eta", "longer")
			c := p.answerQuestion("descent.eta", "lower")
			if a.State != "wrong" || b.State != "wrong" || c.State != "right" || c.Verdict != right {
				t.Errorf("choices: %+v / %+v / %+v", a, b, c)
			}
			if a.Why == "" || a.Why == b.Why || b.Why == c.Why {
				t.Errorf("each choice should have its own explanation: %q, %q, %q", a.Why, b.Why, c.Why)
			}
			reportAxe(t, "answered questions", axeSerious(t, p))
			p.assertNoConsoleErrors()
		})
	}
}

// TestQuizAnswerFollowsSettings: the expected W[L]₁,₁ after the update is
// the trace's; changing η on the stage changes the question's numbers, the
// old answer becomes wrong and the new one right.
func TestQuizAnswerFollowsSettings(t *testing.T) {
	p := quizPage(t, "lang=en")
	next := func() float64 {
		var v float64
		p.evalJS(`(() => { const T = nnstep.trace(); return T.W_next[T.W_next.length - 1][0][0]; })()`, &v)
		return v
	}
	p.showQuestion("descent.update")
	before := next()
	if r := p.answerQuestion("descent.update", fmt.Sprintf("%.6g", before)); r.State != "right" {
		t.Fatalf("the trace's W_next %v at η = 0.03: %+v", before, r)
	}
	var prompt string
	p.evalJS(`document.querySelector('[data-question="descent.update"] .quiz-prompt').textContent`, &prompt)
	p.evalJS(`nnstep.configure({lr: "2"}), true`, nil)
	p.waitJS(`!document.querySelector('[data-question="descent.update"] .quiz-prompt').textContent.includes("= 0.03")`, 30*time.Second, "the prompt to show the new η")
	after := next()
	if math.Abs(after-before) < 1e-3 {
		t.Fatalf("W_next did not change with η: %v → %v", before, after)
	}
	var state string
	p.evalJS(`document.querySelector('[data-question="descent.update"]').dataset.state`, &state)
	if state != "" {
		t.Errorf("the verdict on the old numbers is still shown: %q", state)
	}
	if r := p.answerQuestion("descent.update", fmt.Sprintf("%.6g", before)); r.State != "wrong" || !strings.Contains(r.Prompt, "= 2.") && !strings.Contains(r.Prompt, "= 2 ") {
		t.Errorf("the old answer %v at η = 2: %+v (prompt before: %q)", before, r, prompt)
	}
	if r := p.answerQuestion("descent.update", fmt.Sprintf("%.6g", after)); r.State != "right" {
		t.Errorf("the new answer %v at η = 2: %+v", after, r)
	}
}

// TestQuizProgressKept: answers are kept per section across a reload and
// shown in the table of contents; the section's reset clears them, also
// after a reload.
func TestQuizProgressKept(t *testing.T) {
	p := quizPage(t, "lang=en")
	var shape []int
	p.evalJS(`(() => { const W = nnstep.trace().W[1]; return [W.length, W[0].length]; })()`, &shape)
	p.showQuestion("network.shape")
	p.answerQuestion("network.shape", fmt.Sprint(shape[0]), fmt.Sprint(shape[1]))
	p.showQuestion("network.count")
	p.answerQuestion("network.count", "1")
	type badge struct {
		Hidden                         bool
		Text, Correct, Answered, Total string
	}
	var b badge
	p.evalJS(`quizBadge("network")`, &b)
	if b.Hidden || b.Correct != "1" || b.Answered != "2" || b.Total != "2" || !strings.HasPrefix(b.Text, "1/2") {
		t.Errorf("badge after answering: %+v", b)
	}
	if err := chromedp.Do(p.Ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	p.evalJS(`nnstep.ready.then(() => true)`, nil)
	p.evalJS(quizJS, nil)
	var after badge
	p.evalJS(`quizBadge("network")`, &after)
	if after != b {
		t.Errorf("badge after a reload: %+v, want %+v", after, b)
	}
	var other badge
	p.evalJS(`quizBadge("forward")`, &other)
	if !other.Hidden {
		t.Errorf("a section not answered shows progress: %+v", other)
	}
	var marks []string
	p.evalJS(`[...document.querySelectorAll('[data-quiz="network"] .quiz-mark')].map(m => m.dataset.state)`, &marks)
	if strings.Join(marks, ",") != "right,wrong" {
		t.Errorf("the questions' marks after a reload: %v", marks)
	}
	p.evalJS(`document.querySelector('[data-quiz-reset="network"]').click(), true`, nil)
	p.evalJS(`quizBadge("network")`, &after)
	if !after.Hidden || after.Answered != "0" {
		t.Errorf("badge after the reset: %+v", after)
	}
	if err := chromedp.Do(p.Ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	p.evalJS(`nnstep.ready.then(() => true)`, nil)
	p.evalJS(quizJS, nil)
	p.evalJS(`quizBadge("network")`, &after)
	if !after.Hidden || after.Answered != "0" {
		t.Errorf("badge after the reset and a reload: %+v", after)
	}
}

// TestQuizProgressReachesParent: the lesson embedded in a sandboxed iframe
// (docs/delivery.md's sandbox) of a page of another origin posts
// {type: "nnstep:progress", section, answered, correct, total} at start and
// after each answer; docs/delivery.md's listener snippet, run as written,
// shows them.
func TestQuizProgressReachesParent(t *testing.T) {
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	// The parent page: the iframe with docs/delivery.md's sandbox and id,
	// the listener snippet of docs/delivery.md as written there (the site's
	// address put in), and a recorder of the messages beside it.
	doc, err := os.ReadFile(filepath.Join(repoRoot(), "docs", "delivery.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "### The student's progress")
	if !ok {
		t.Fatal("docs/delivery.md: no progress section")
	}
	_, after, _ = strings.Cut(after, "```html\n")
	snippet, _, ok := strings.Cut(after, "```")
	if !ok || !strings.Contains(snippet, "nnstep:progress") {
		t.Fatalf("docs/delivery.md: no listener snippet: %q", snippet)
	}
	snippet = strings.ReplaceAll(snippet, "https://nnstep.example.org", siteURL)
	parent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>course</title><body style="margin:0">
<iframe id="nnstep" title="nnstep" src="%s/?embed=1&section=activations&lang=en" style="width:900px;height:1400px;border:0"
  sandbox="allow-scripts allow-same-origin"></iframe>
%s
<script>window.progress = []; addEventListener("message", (e) => {
  if (e.source !== document.getElementById("nnstep").contentWindow || e.origin !== "%s") return;
  if (e.data && e.data.type === "nnstep:progress") progress.push(e.data);
});</script></body>`, siteURL, snippet, siteURL)
	}))
	defer parent.Close()
	tab, cancelTab := chromedp.NewContext(browserCtx)
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer func() { cancel(); cancelTab() }()
	p := &Page{t: t, Ctx: ctx}
	// No answers kept from an earlier test (the tests share the browser).
	if err := chromedp.Do(ctx, chromedp.Navigate(siteURL+"/gen/wasm_exec.js"), chromedp.Evaluate[chromedp.Void](`localStorage.removeItem("nnstep:quiz")`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(parent.URL)); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`window.progress.length > 0`, 2*time.Minute, "a progress message at start")
	type msg struct {
		Type, Section            string
		Answered, Correct, Total int
	}
	var got []msg
	p.evalJS(`window.progress`, &got)
	if got[0] != (msg{"nnstep:progress", "activations", 0, 0, 2}) {
		t.Errorf("first message: %+v", got[0])
	}
	// The parent cannot reach into the frame; the test answers in it
	// through the DevTools protocol, in an isolated world of the frame
	// (its DOM, the page's listeners).
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.FrameTree.ChildFrames) != 1 {
		t.Fatalf("%d child frames", len(tree.FrameTree.ChildFrames))
	}
	world, err := chromedp.Call(ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: tree.FrameTree.ChildFrames[0].Frame.ID, WorldName: "test"})
	if err != nil {
		t.Fatal(err)
	}
	byValue := true
	inFrame := func(expr string) string {
		r, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ContextID: world.ExecutionContextID, ReturnByValue: &byValue})
		if err != nil {
			t.Fatal(err)
		}
		if r.ExceptionDetails != nil {
			t.Fatalf("%s: %s", expr, r.ExceptionDetails.Text)
		}
		return string(r.Result.Value)
	}
	deadline := time.Now().Add(time.Minute)
	for inFrame(`String(!!document.querySelector('[data-question="act.step"] input[value="flat"]'))`) != `"true"` {
		if time.Now().After(deadline) {
			t.Fatal("no question in the frame")
		}
		time.Sleep(100 * time.Millisecond)
	}
	inFrame(`(() => { const b = document.querySelector('[data-question="act.step"]'); b.querySelector('input[value="cost"]').click(); b.querySelector('[data-quiz-check]').click(); return ""; })()`)
	p.waitJS(`window.progress.length >= 2`, 30*time.Second, "a progress message after a wrong answer")
	inFrame(`(() => { const b = document.querySelector('[data-question="act.step"]'); b.querySelector('input[value="flat"]').click(); b.querySelector('[data-quiz-check]').click(); return ""; })()`)
	p.waitJS(`window.progress.length >= 3`, 30*time.Second, "a progress message after a right answer")
	p.evalJS(`window.progress`, &got)
	var shown string
	p.evalJS(`document.getElementById("nnstep-progress").textContent`, &shown)
	if shown != "activations : 1 / 2 (1 answered)" {
		t.Errorf("the snippet of docs/delivery.md shows %q", shown)
	}
	if got[1] != (msg{"nnstep:progress", "activations", 1, 0, 2}) || got[2] != (msg{"nnstep:progress", "activations", 1, 1, 2}) {
		t.Errorf("messages after answering: %+v", got)
	}
	var blocked bool
	p.evalJS(`(() => { try { return !document.getElementById("nnstep").contentDocument; } catch (e) { return true; } })()`, &blocked)
	if !blocked {
		t.Error("the parent page can read the frame: not another origin")
	}
}

// TestQuizPredictThenObserve: the XOR question of section 3 lets the run
// that shows the answer start only once a prediction is checked; the run
// is a single sigmoid neuron on XOR stopped at epoch 100, whose measured
// training accuracy the question then shows (and which stays far from
// 100 %, as the right answer says).
func TestQuizPredictThenObserve(t *testing.T) {
	p := quizPage(t, "lang=en")
	p.showQuestion("logistic.xor")
	btn := `document.querySelector('[data-question="logistic.xor"] [data-quiz-observe]')`
	var disabled bool
	p.evalJS(btn+`.disabled`, &disabled)
	if !disabled {
		t.Error("the run can start before a prediction is given")
	}
	if r := p.answerQuestion("logistic.xor", "line"); r.State != "right" {
		t.Fatalf("the straight line: %+v", r)
	}
	p.evalJS(btn+`.disabled`, &disabled)
	if disabled {
		t.Fatal("the run cannot start after the prediction")
	}
	p.evalJS(btn+`.click(), true`, nil)
	p.waitJS(`document.querySelector('[data-question="logistic.xor"] .quiz-observed').textContent.includes("After 100 epochs")`, 2*time.Minute, "the run's outcome")
	var got struct {
		Dataset, Layers string
		Epoch           int
		Acc             float64
		Text            string
	}
	p.evalJS(`(() => { const s = nnstep.state(), st = nnstep.stats(); return {dataset: s.dataset, layers: s.layers, epoch: st.epoch, acc: st.trainAccuracy,
		text: document.querySelector('[data-question="logistic.xor"] .quiz-observed').textContent}; })()`, &got)
	if got.Dataset != "xor" || got.Layers != "2-1" || got.Epoch != 100 {
		t.Errorf("the run: %+v", got)
	}
	if got.Acc > 0.9 || !strings.Contains(got.Text, fmt.Sprintf("%.3g %%", 100*got.Acc)) {
		t.Errorf("after 100 epochs: accuracy %v, shown %q", got.Acc, got.Text)
	}
	t.Logf("%s", got.Text)
}
