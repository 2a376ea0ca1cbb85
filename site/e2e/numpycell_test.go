package e2e

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// numpyCellJS defines answer(i, expr): it steps to op i, opens the "write it
// in NumPy" cell, types expr and runs it, and returns what the cell shows.
const numpyCellJS = `window.answer = (i, expr) => {
  nnstep.stepTo(i);
  const art = document.querySelector('#stepper [data-op-index="' + i + '"]');
  const cell = art.querySelector('details.np-cell');
  if (!cell.open) cell.querySelector('summary').click();
  const inp = cell.querySelector('input#np-expr');
  inp.value = expr;
  inp.dispatchEvent(new Event('input'));
  cell.querySelector('button.np-run').click();
  const fb = cell.querySelector('.np-feedback');
  return { index: art.dataset.opIndex, name: cell.dataset.name || '', ok: cell.dataset.ok === 'true',
    good: fb.classList.contains('good'), bad: fb.classList.contains('bad'), feedback: fb.textContent,
    hint: cell.querySelector('.np-hint').dataset.hint || '', hintText: cell.querySelector('.np-hint').textContent,
    marked: art.querySelectorAll('.st-result table[data-matrix] td.np-diff').length,
    cells: art.querySelectorAll('.st-result table[data-matrix] td').length,
    label: inp.getAttribute('aria-label') || '', labelled: !!cell.querySelector('label[for="np-expr"]') };
};
// The solution notebook's code of each op: "Z1 = W1 @ A0 + b1" → [Z1, W1 @ A0 + b1].
window.solutions = () => JSON.parse(nnstep.notebook('solution')).cells
  .filter((c) => c.metadata.nnstep && c.metadata.nnstep.role === 'op')
  .map((c) => { const s = c.source.join(''), k = s.indexOf(' = '); return [s.slice(0, k), s.slice(k + 3)]; });
true`

type cellShown struct {
	Index    string `json:"index"`
	Name     string `json:"name"`
	OK       bool   `json:"ok"`
	Good     bool   `json:"good"`
	Bad      bool   `json:"bad"`
	Feedback string `json:"feedback"`
	Hint     string `json:"hint"`
	HintText string `json:"hintText"`
	Marked   int    `json:"marked"`
	Cells    int    `json:"cells"`
	Label    string `json:"label"`
	Labelled bool   `json:"labelled"`
}

// Typing the lecture's NumPy for every op of a 3-layer binary network and
// of a softmax multi-class network is accepted in the step-through.
func TestNumPyCellAcceptsEveryOp(t *testing.T) {
	for _, q := range []string{
		"lang=en&dataset=moons&layers=2-4-3-1&act=tanh,relu,sigmoid",
		"lang=fr&dataset=spiral&classes=3&layers=2-5-4-3&act=elu,tanh,softmax&output=multi",
	} {
		p := newPage(t, q)
		p.evalJS(numpyCellJS, nil)
		var sol [][2]string
		p.evalJS(`solutions()`, &sol)
		var n int
		p.evalJS(`nnstep.trace().ops.length`, &n)
		if len(sol) != n || n < 20 {
			t.Fatalf("%s: %d op cells in the solution notebook, %d ops", q, len(sol), n)
		}
		for i, s := range sol {
			var c cellShown
			p.evalJS(`answer(`+itoa(i)+`, `+jsString(s[1])+`)`, &c)
			if !c.OK || !c.Good || c.Index != itoa(i) || c.Name != s[0] || c.Marked != 0 {
				t.Errorf("%s: op %d, %s = %s: %+v", q, i, s[0], s[1], c)
			}
			if !c.Labelled || !strings.Contains(c.Label, s[0]) {
				t.Errorf("%s: op %d: the input is not labelled (%q)", q, i, c.Label)
			}
		}
		p.assertNoConsoleErrors()
	}
}

// A missing transpose, a missing 1/m and the wrong activation derivative
// are refused: the differing cells are marked and the lecture's hint shown.
// The cell works from the keyboard: typed, then run with Enter.
func TestNumPyCellRefusesTheCommonSlips(t *testing.T) {
	p := newPage(t, "lang=en&dataset=moons&layers=2-4-3-1&act=tanh,relu,sigmoid")
	p.evalJS(numpyCellJS, nil)
	index := map[string]int{}
	var sol [][2]string
	p.evalJS(`solutions()`, &sol)
	for i, s := range sol {
		index[s[0]] = i
	}
	cases := []struct {
		name, expr, hint, words string
		marked                  bool
	}{
		{"dW3", "dZ3 @ A2 / m", "transpose", "matmul: Input operand 1 has a mismatch in its core dimension 0", false},
		{"dA2", "W3 @ dZ3", "transpose", "mismatch in its core dimension 0", false},
		{"dW2", "dZ2 @ A1.T", "one_over_m", "differ from the result", true},
		{"db1", "np.sum(dZ1, axis=1, keepdims=True)", "one_over_m", "differ from the result", true},
		{"sigma_prime1", "A1 * (1 - A1)", "derivative", "differ from the result", true},
		{"dZ1", "W2.T @ dZ2 * A1 * (1 - A1)", "derivative", "differ from the result", true},
		{"Z1", "W1 @ X + b2", "", "operands could not be broadcast together with shapes (4,", false},
		{"Z1", "Z1", "", "NameError: name 'Z1' is not defined", false},
	}
	for _, c := range cases {
		i, ok := index[c.name]
		if !ok {
			t.Fatalf("no op %s in %v", c.name, sol)
		}
		var got cellShown
		p.evalJS(`answer(`+itoa(i)+`, `+jsString(c.expr)+`)`, &got)
		if got.OK || !got.Bad || got.Hint != c.hint || !strings.Contains(got.Feedback, c.words) {
			t.Errorf("%s = %s: %+v; want hint %q and %q", c.name, c.expr, got, c.hint, c.words)
		}
		if c.hint != "" && !strings.HasPrefix(got.HintText, "Hint") {
			t.Errorf("%s = %s: hint text %q", c.name, c.expr, got.HintText)
		}
		if c.marked && (got.Marked == 0 || got.Marked != got.Cells) || !c.marked && got.Marked != 0 {
			t.Errorf("%s = %s: %d of %d cells marked", c.name, c.expr, got.Marked, got.Cells)
		}
	}
	// An empty expression: an example to type, nothing judged.
	var empty cellShown
	p.evalJS(`answer(0, "  ")`, &empty)
	if empty.OK || empty.Bad || !strings.Contains(empty.Feedback, "for example np.sum(") {
		t.Errorf("an empty expression: %+v", empty)
	}
	// From the keyboard: focus the input, type, press Enter.
	i := index["dW3"]
	p.evalJS(`(() => { nnstep.stepTo(`+itoa(i)+`); const e = document.querySelector('#np-expr');
		e.value = ''; e.dispatchEvent(new Event('input')); e.focus(); return true; })()`, nil)
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.CSS("#np-expr"), "dZ3 @ A2.T")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	var typed struct {
		OK    bool   `json:"ok"`
		Text  string `json:"text"`
		Hint  string `json:"hint"`
		Value string `json:"value"`
	}
	p.evalJS(`({ ok: document.querySelector('.np-cell').dataset.ok === 'true', text: document.querySelector('.np-feedback').textContent,
		hint: document.querySelector('.np-hint').dataset.hint, value: document.querySelector('#np-expr').value })`, &typed)
	if typed.OK || typed.Value != "dZ3 @ A2.T" || typed.Hint != "one_over_m" || !strings.Contains(typed.Text, "differ from the result") {
		t.Errorf("dZ3 @ A2.T typed and Enter: %+v (want refused: 1/m missing)", typed)
	}
	// Drawn again (a new trace, the language switched, the op shown again),
	// the op keeps the verdict of what was run.
	var again string
	p.evalJS(`(nnstep.stepTo(`+itoa(i)+`), document.querySelector('#stepper .np-feedback').textContent)`, &again)
	if again != typed.Text {
		t.Errorf("drawn again, the cell says %q, before %q", again, typed.Text)
	}
	p.assertNoConsoleErrors()
}

// nnstep.notebook returns the .ipynb text of both variants: JSON of
// nbformat 4, one op cell per op, the exercise's raising until filled.
func TestNotebookHook(t *testing.T) {
	p := newPage(t, "lang=fr&dataset=xor&layers=2-3-1&act=tanh,sigmoid")
	var r struct {
		Solution, Exercise, Bad string
		Ops                     int
	}
	p.evalJS(`({ solution: nnstep.notebook('solution'), exercise: nnstep.notebook('exercise'),
		bad: JSON.stringify(nnstep.notebook('answers')), ops: nnstep.trace().ops.length })`, &r)
	for _, v := range []struct{ name, text string }{{"solution", r.Solution}, {"exercise", r.Exercise}} {
		var nb struct {
			NBFormat int `json:"nbformat"`
			Cells    []struct {
				CellType string         `json:"cell_type"`
				Source   []string       `json:"source"`
				Metadata map[string]any `json:"metadata"`
			} `json:"cells"`
		}
		if err := json.Unmarshal([]byte(v.text), &nb); err != nil {
			t.Fatalf("%s: not JSON: %v: %.200s", v.name, err, v.text)
		}
		ops, todos, checks := 0, 0, 0
		for _, c := range nb.Cells {
			src := strings.Join(c.Source, "")
			if m, _ := c.Metadata["nnstep"].(map[string]any); m != nil {
				switch m["role"] {
				case "op":
					ops++
					if strings.Contains(src, "raise NotImplementedError") {
						todos++
					}
				case "check":
					if strings.HasPrefix(src, "np.testing.assert_allclose(") {
						checks++
					}
				}
			}
		}
		wantTODOs := 0
		if v.name == "exercise" {
			wantTODOs = r.Ops
		}
		if nb.NBFormat != 4 || ops != r.Ops || checks != r.Ops || todos != wantTODOs {
			t.Errorf("%s: nbformat %d, %d op cells (%d TODO), %d checks; %d ops", v.name, nb.NBFormat, ops, todos, checks, r.Ops)
		}
		if !strings.Contains(v.text, "propagation avant") {
			t.Errorf("%s: the prose is not in the page's language (French)", v.name)
		}
	}
	if !strings.Contains(r.Bad, `"error"`) {
		t.Errorf("nnstep.notebook('answers') = %s, want {error}", r.Bad)
	}
	p.assertNoConsoleErrors()
}

func itoa(i int) string { return strconv.Itoa(i) }
