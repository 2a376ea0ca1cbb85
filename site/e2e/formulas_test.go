package e2e

// The sweep of issue 13 §1: every formula the page shows renders. For each
// activation × output type (binary, multi-class, regression), the page is
// opened with those settings; then, in French and in English, in plain and
// in exercise mode (a wrong answer typed, so that the hint and its formula
// show), every op of the step-through is shown, and after each one the
// whole document (every section laid out, the activation explorer on that
// activation, every derivation open) must hold no .katex-error and no TeX
// source left as text.
// Every op's formula and chain rule is also typeset by the vendored KaTeX
// with throwOnError, so an error KaTeX would only render quietly fails too.

import (
	"encoding/json"
	"strings"
	"testing"
)

// sweepJS runs in the page and returns the problems it finds.
const sweepJS = `(async (act) => {
  const katex = (await import('/vendor/katex.mjs')).default;
  const bad = [];
  const T = nnstep.trace();
  const t0 = performance.now();
  const typeset = (where, s) => {
    try { katex.renderToString(s, {output: 'mathml', displayMode: true, throwOnError: true, strict: 'ignore'}); }
    catch (e) { bad.push(where + ': KaTeX: ' + e.message); }
  };
  for (const o of T.ops) {
    typeset('op ' + o.index + ' (' + o.result.name + ') latex', o.latex);
    if (o.chain) typeset('op ' + o.index + ' (' + o.result.name + ') chain', o.chain);
  }
  for (const a of nnstepGo.activations()) {
    typeset(a.name + ' tex', a.tex);
    typeset(a.name + ' dtex', a.dtex);
  }
  // TeX source shown as text: a command, a braced script or a $ delimiter
  // in a text node outside <math> (KaTeX's MathML keeps its source in an
  // <annotation>, inside <math>, which is not displayed).
  const raw = /\\[a-zA-Z]{2,}|[\^_]\{|\$/;
  const seen = new Set();
  const check = (where, root) => {
    for (const e of root.querySelectorAll('.katex-error')) {
      const k = 'err' + e.textContent;
      if (!seen.has(k)) { seen.add(k); bad.push(where + ': .katex-error ' + JSON.stringify(e.textContent) + ' (' + e.title + ')'); }
    }
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
      n.parentElement.closest('math, script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const m = raw.exec(n.data);
      if (!m) continue;
      const k = 'raw' + n.data;
      if (!seen.has(k)) { seen.add(k); bad.push(where + ': raw TeX ' + JSON.stringify(n.data.slice(Math.max(0, m.index - 30), m.index + 40)) + ' in <' + n.parentElement.tagName.toLowerCase() + ' class="' + n.parentElement.className + '">'); }
    }
  };
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const explorer = document.getElementById('act-fn');
  const ex = document.getElementById('st-exercise');
  for (const lang of ['fr', 'en']) {
    if (lang !== document.documentElement.lang) {
      document.querySelector('.lang-toggle button[data-lang="' + lang + '"]').click();
      await frame();
    }
    explorer.value = act;
    explorer.dispatchEvent(new Event('change'));
    // The derivations (js/derivations.js), open: their steps and the
    // numbers of the current trace are in the whole-page checks below.
    const derivs = [...document.querySelectorAll('[data-derivation]')];
    for (const d of derivs) d.open = true;
    for (let k = 0; k < 50 && derivs.some((d) => !d.querySelector('.deriv-numbers p')); k++) await frame();
    if (derivs.length < 8 || derivs.some((d) => !d.querySelector('.deriv-steps math'))) bad.push(lang + ': ' + derivs.length + ' derivations, not all typeset');
    for (const exercise of [false, true]) {
      if (ex.checked !== exercise) ex.click();
      for (let i = 0; i < T.ops.length; i++) {
        nnstep.stepTo(i);
        if (exercise) {
          const inp = document.querySelector('#stepper .ex-in');
          if (!inp) { bad.push(lang + ' exercise op ' + i + ': no answer field'); continue; }
          inp.value = '12345';
          document.querySelector('#stepper .ex-check').click();
          if (!document.querySelector('#stepper .ex-hint math')) bad.push(lang + ' exercise op ' + i + ': no formula in the hint');
        }
        // What a step changes: the panel, and the cost section's table.
        const where = lang + (exercise ? ' exercise' : ' plain') + ' op ' + i + ' (' + T.ops[i].result.name + ')';
        check(where, document.getElementById('stepper'));
        check(where, document.getElementById('s-cost'));
      }
      check(lang + (exercise ? ' exercise' : ' plain') + ', the whole page', document.body);
    }
  }
  if (ex.checked) ex.click();
  return {bad, ops: T.ops.length, activations: T.activations, ms: performance.now() - t0};
})`

// sweepOutputs are the page settings of the three output types; %s is the
// activation swept (hidden layers, and the output layer of a regression).
var sweepOutputs = []struct {
	name     string
	settings map[string]string
}{
	{"binary", map[string]string{"dataset": "xor", "classes": "2", "n": "40", "layers": "2-3-2-1", "act": "%s,%s,sigmoid", "output": "binary", "traceBatch": "3"}},
	{"multi", map[string]string{"dataset": "spiral", "classes": "3", "n": "60", "layers": "2-3-2-3", "act": "%s,%s,softmax", "output": "multi", "traceBatch": "3"}},
	{"regression", map[string]string{"dataset": "plane", "classes": "2", "n": "40", "layers": "2-3-2-1", "act": "%s,%s,%s", "output": "regression", "traceBatch": "3"}},
}

func TestLessonEveryFormulaRenders(t *testing.T) {
	// The default page with every demo run (they do not depend on the
	// network's settings), then, on the same page, every activation ×
	// output type applied as the URL's settings would be
	// (nnstep.configure), every section laid out.
	p := lessonPage(t, "")
	p.renderAllSections()
	showAllDemos(p)
	var acts []string
	p.evalJS(`nnstepGo.activations().map(a => a.name)`, &acts)
	if len(acts) < 10 {
		t.Fatalf("only %d activations: %v", len(acts), acts)
	}
	sweep(t, p, "sigmoid")
	parent := p.t
	for _, a := range acts {
		for _, o := range sweepOutputs {
			t.Run(a+"/"+o.name, func(t *testing.T) {
				kv := map[string]string{}
				for k, v := range o.settings {
					kv[k] = strings.ReplaceAll(v, "%s", a)
				}
				p.t = t
				defer func() { p.t = parent }()
				p.configureAndWait(kv)
				sweep(t, p, a)
			})
		}
	}
}

// configureAndWait applies URL-style settings with nnstep.configure, fails
// on any notice, and waits for the step-through to take the new trace: it
// asks for it as soon as the change is announced, which emits trace
// (js/events.js).
func (p *Page) configureAndWait(kv map[string]string) {
	p.t.Helper()
	arg, _ := json.Marshal(kv)
	var r struct {
		Notices []struct {
			Key string `json:"key"`
		} `json:"notices"`
		Acts string `json:"acts"`
	}
	p.evalJS(`(async () => {
		const taken = new Promise((res, rej) => {
			nnstep.events.addEventListener('trace', res, { once: true });
			setTimeout(() => rej(new Error('no new trace within 10 s')), 10000);
		});
		const r = nnstep.configure(`+string(arg)+`);
		await taken;
		await new Promise((res) => requestAnimationFrame(res));
		return { notices: r.notices || [], acts: nnstep.trace().activations.join(',') };
	})()`, &r)
	if len(r.Notices) > 0 {
		p.t.Fatalf("configure %v: %v", kv, r.Notices)
	}
	if r.Acts != kv["act"] {
		p.t.Fatalf("configure %v: the trace has %s", kv, r.Acts)
	}
}

// sweep runs sweepJS on p with the activation a and reports its findings.
func sweep(t *testing.T, p *Page, a string) {
	t.Helper()
	var res struct {
		Bad         []string `json:"bad"`
		Ops         int      `json:"ops"`
		Activations []string `json:"activations"`
		Ms          float64  `json:"ms"`
	}
	p.evalJS(sweepJS+`(`+quoteJS(a)+`)`, &res)
	t.Logf("%v: %d ops, the sweep in the page: %.0f ms", res.Activations, res.Ops, res.Ms)
	if res.Ops < 20 {
		t.Errorf("only %d ops stepped through", res.Ops)
	}
	for i, b := range res.Bad {
		if i == 12 {
			t.Errorf("… and %d more", len(res.Bad)-i)
			break
		}
		t.Error(b)
	}
	p.assertNoConsoleErrors()
}

func quoteJS(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
