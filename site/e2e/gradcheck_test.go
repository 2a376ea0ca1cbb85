package e2e

// The gradient check of the backward section (issue 13 §4): nnstep.gradcheck()
// compares backpropagation's dW, db of the step-through's network and batch
// with finite differences, on the default page and on a multi-class
// ReLU/softmax page, and the section shows the result.

import (
	"strings"
	"testing"
)

func TestLessonGradientCheck(t *testing.T) {
	for _, q := range []string{"", "dataset=spiral&classes=3&layers=2-8-8-3&act=relu,relu,softmax&output=multi&traceBatch=8&lang=en"} {
		p := lessonPage(t, q)
		var g struct {
			MaxRelError float64 `json:"maxRelError"`
			Checked     int     `json:"checked"`
			AtKink      int     `json:"atKink"`
			Worst       string  `json:"worst"`
		}
		p.evalJS(`nnstep.gradcheck()`, &g)
		t.Logf("%q: max relative error %.3g over %d parameters (%d at a kink), worst %s", q, g.MaxRelError, g.Checked, g.AtKink, g.Worst)
		if !(g.MaxRelError < 1e-6) || g.Checked < 10 {
			t.Errorf("%q: max relative error %v over %d parameters", q, g.MaxRelError, g.Checked)
		}
		p.renderAllSections()
		var text string
		p.evalJS(`(() => { const d = document.querySelector('#s-backward details.gradcheck'); d.open = true;
			d.querySelector('button').click(); return d.innerText; })()`, &text)
		if !strings.Contains(text, g.Worst) || (!strings.Contains(text, "Largest relative difference") && !strings.Contains(text, "Plus grand écart relatif")) {
			t.Errorf("%q: the section shows %q", q, text)
		}
		p.assertNoConsoleErrors()
	}
}
