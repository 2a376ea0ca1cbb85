package e2e

// The derivations of issue 13 §3 (js/derivations.js, docs/lesson.md): at
// least eight <details data-derivation> blocks, each typeset without a
// KaTeX error, each ending on the numbers of one example of the
// step-through's batch; the number a derivation lands on must be the entry
// of the step-through's matrix it names (read from the result's
// table[data-matrix] cell after stepping to that op), or of the softmax
// Jacobian table. Checked in French and in English, after the stage's
// example changes and after the next iteration, and on a multi-class page.

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// derivationsJS opens every derivation and returns what each shows, with
// the matrix entry each landing names.
const derivationsJS = `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const out = [];
  const blocks = [...document.querySelectorAll('[data-derivation]')];
  for (const d of blocks) d.open = true;
  for (let k = 0; k < 50 && blocks.some((d) => !d.querySelector('.deriv-steps math')); k++) await frame();
  const keep = nnstep.state().step;
  for (const d of blocks) {
    const nums = d.querySelector('.deriv-numbers');
    const r = {key: d.dataset.derivation, section: d.closest('section')?.dataset.section, steps: d.querySelectorAll('.deriv-steps math').length,
      errors: d.querySelectorAll('.katex-error').length, example: nums.dataset.example ?? null, text: nums.innerText, lands: []};
    for (const p of d.querySelectorAll('.deriv-land')) {
      const l = {entry: p.dataset.entry, r: +p.dataset.r, c: +p.dataset.c, value: +p.dataset.value,
        shown: p.querySelector('math annotation')?.textContent ?? '', want: null, cell: '', matrix: ''};
      let td = null;
      if (l.entry === 'jacobian') {
        td = document.querySelectorAll('#s-multiclass table[data-softmax="jacobian"] tr')[l.r + 1]?.querySelectorAll('td')[l.c];
        l.matrix = 'jacobian';
      } else {
        const b = p.querySelector('button[data-op]');
        if (b) {
          b.click();
          const tbl = document.querySelector('#stepper .st-result table[data-matrix]');
          l.matrix = tbl?.dataset.matrix ?? '';
          td = tbl?.querySelector('td[data-r="' + l.r + '"][data-c="' + l.c + '"]');
        }
      }
      if (td) { l.want = +td.dataset.value; l.cell = td.textContent; }
      r.lands.push(l);
    }
    out.push(r);
  }
  if (typeof keep === 'number') nnstep.stepTo(keep);
  return out;
})()`

type derivLand struct {
	Entry  string   `json:"entry"`
	R      int      `json:"r"`
	C      int      `json:"c"`
	Value  float64  `json:"value"`
	Shown  string   `json:"shown"`
	Want   *float64 `json:"want"`
	Cell   string   `json:"cell"`
	Matrix string   `json:"matrix"`
}

type derivBlock struct {
	Key     string      `json:"key"`
	Section string      `json:"section"`
	Steps   int         `json:"steps"`
	Errors  int         `json:"errors"`
	Example *string     `json:"example"`
	Text    string      `json:"text"`
	Lands   []derivLand `json:"lands"`
}

// checkDerivations runs derivationsJS and checks every block: typeset, no
// error, and every landing equal to its matrix entry, as a number and as
// the digits the matrix shows. It returns the blocks by key.
func checkDerivations(t *testing.T, p *Page, where string) map[string]derivBlock {
	t.Helper()
	var got []derivBlock
	p.evalJS(derivationsJS, &got)
	if len(got) < 8 {
		t.Errorf("%s: %d derivation blocks, want at least 8", where, len(got))
	}
	by := map[string]derivBlock{}
	for _, b := range got {
		by[b.Key] = b
		if b.Steps < 2 || b.Errors > 0 {
			t.Errorf("%s: %s: %d formulas in the steps, %d KaTeX errors", where, b.Key, b.Steps, b.Errors)
		}
		for _, l := range b.Lands {
			if l.Want == nil {
				t.Errorf("%s: %s lands on %s (%d, %d) = %v, which the page does not show", where, b.Key, l.Entry, l.R, l.C, l.Value)
				continue
			}
			if l.Matrix != l.Entry {
				t.Errorf("%s: %s names %s but its button shows %s", where, b.Key, l.Entry, l.Matrix)
			}
			if d := math.Abs(l.Value - *l.Want); !(d <= 1e-9*math.Max(1, math.Abs(*l.Want))) {
				t.Errorf("%s: %s lands on %.12g, the matrix %s (%d, %d) holds %.12g", where, b.Key, l.Value, l.Entry, l.R, l.C, *l.Want)
			}
			// The derivation writes the number with the matrix's digits (the
			// TeX of "−0,3712" is "-0{,}3712").
			if !strings.Contains(l.Cell, "e") {
				want := "= " + strings.ReplaceAll(strings.ReplaceAll(l.Cell, "−", "-"), ",", "{,}")
				if !strings.Contains(l.Shown, want) {
					t.Errorf("%s: %s shows %q, the matrix cell reads %q", where, b.Key, l.Shown, l.Cell)
				}
			}
		}
	}
	return by
}

// withNumbers fails unless each of keys lands on at least one number.
func withNumbers(t *testing.T, by map[string]derivBlock, where string, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if b, ok := by[k]; !ok || len(b.Lands) == 0 {
			t.Errorf("%s: derivation %s has no numbers: %q", where, k, b.Text)
		}
	}
}

func exampleOf(by map[string]derivBlock, key string) string {
	if b, ok := by[key]; ok && b.Example != nil {
		return *b.Example
	}
	return ""
}

var binaryDerivations = []string{"output-da", "sigmoid-prime", "output-dz", "dw", "db", "hidden-dz", "softmax-jacobian"}

func TestLessonDerivations(t *testing.T) {
	p := lessonPage(t, "")
	p.renderAllSections()
	p.evalJS(`document.getElementById('s-multiclass').scrollIntoView(), true`, nil)
	p.waitJS(`document.querySelectorAll('#s-multiclass table[data-softmax="jacobian"] td').length > 0`, time.Minute, "the softmax demo")
	for _, lang := range []string{"fr", "en"} {
		if lang == "en" {
			p.evalJS(`document.querySelector('.lang-toggle button[data-lang="en"]').click(), true`, nil)
		}
		by := checkDerivations(t, p, "default page, "+lang)
		withNumbers(t, by, "default page, "+lang, binaryDerivations...)
		if ex := exampleOf(by, "output-dz"); ex != "0" {
			t.Errorf("%s: the derivations use example %q, want the stage's example 0", lang, ex)
		}
		if lang == "fr" && !strings.Contains(by["dw"].Text, "exemple") {
			t.Errorf("fr: %q", by["dw"].Text)
		}
		if lang == "en" && !strings.Contains(by["dw"].Text, "example") {
			t.Errorf("en: %q", by["dw"].Text)
		}
	}

	// The stage shows another example: the derivations follow it.
	before := checkDerivations(t, p, "before")["output-dz"].Lands
	p.evalJS(`nnstep.configure({example: "2"}), true`, nil)
	p.waitJS(`document.querySelector('[data-derivation="output-dz"] .deriv-numbers').dataset.example === "2"`, 10*time.Second, "the derivations to use example 3")
	by := checkDerivations(t, p, "example 3")
	withNumbers(t, by, "example 3", binaryDerivations...)
	if l := by["output-dz"].Lands; len(l) == 0 || len(before) == 0 || l[0].C != 2 || l[0].Value == before[0].Value {
		t.Errorf("example 3: output-dz lands on %+v (before: %+v)", l, before)
	}

	// The next iteration changes the trace: the numbers follow.
	dw := by["dw"].Lands
	p.evalJS(`document.querySelector('#stepper .st-nextiter').click(), true`, nil)
	by = checkDerivations(t, p, "next iteration")
	withNumbers(t, by, "next iteration", binaryDerivations...)
	if l := by["dw"].Lands; len(l) == 0 || len(dw) == 0 || l[0].Value == dw[0].Value {
		t.Errorf("next iteration: dW lands on %+v, before %+v", l, dw)
	}
	// An example outside the batch: the first one, said so.
	p.evalJS(`nnstep.configure({example: "50"}), true`, nil)
	p.waitJS(`document.querySelector('[data-derivation="db"] .deriv-numbers').dataset.example === "0" && document.querySelector('[data-derivation="db"] .deriv-numbers').innerText.includes("51")`, 10*time.Second, "the first example, with a note")
	checkDerivations(t, p, "example outside the batch")
	p.assertNoConsoleErrors()

	// A multi-class page: softmax with the categorical cross-entropy.
	q := "dataset=spiral&classes=3&layers=2-8-8-3&act=relu,relu,softmax&output=multi&traceBatch=5&example=1"
	for _, lang := range []string{"fr", "en"} {
		m := lessonPage(t, q+"&lang="+lang)
		m.renderAllSections()
		m.evalJS(`document.getElementById('s-multiclass').scrollIntoView(), true`, nil)
		m.waitJS(`document.querySelectorAll('#s-multiclass table[data-softmax="jacobian"] td').length > 0`, time.Minute, "the softmax demo")
		where := fmt.Sprintf("multi-class page, %s", lang)
		by := checkDerivations(t, m, where)
		withNumbers(t, by, where, "output-da", "dw", "db", "hidden-dz", "softmax-jacobian", "softmax-ce")
		if ex := exampleOf(by, "softmax-ce"); ex != "1" {
			t.Errorf("%s: softmax-ce uses example %q, want 1", where, ex)
		}
		m.assertNoConsoleErrors()
	}
}
