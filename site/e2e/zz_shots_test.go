package e2e

import (
	"fmt"
	"testing"
)

func TestZZShotsNumPyCell(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		for _, w := range []int{1280, 390} {
			p := newPageWith(t, "lang="+lang+"&dataset=moons&layers=2-4-3-1&act=tanh,relu,sigmoid", PageOptions{Width: int64(w), Height: 900})
			p.evalJS(numpyCellJS, nil)
			var sol [][2]string
			p.evalJS(`solutions()`, &sol)
			idx := map[string]int{}
			for i, s := range sol {
				idx[s[0]] = i
			}
			for _, c := range []struct{ tag, name, expr string }{
				{"ok", "dZ1", "W2.T @ dZ2 * sigma_prime1"},
				{"deriv", "sigma_prime1", "A1 * (1 - A1)"},
				{"transpose", "dW3", "dZ3 @ A2 / m"},
				{"m", "dW2", "dZ2 @ A1.T"},
			} {
				p.evalJS(fmt.Sprintf(`(answer(%d, %q), document.querySelector('#stepper .st-op').scrollIntoView(), true)`, idx[c.name], c.expr), nil)
				savePNG(t, fmt.Sprintf("%s-%d-%s.png", lang, w, c.tag), p.screenshot("#stepper .st-op"))
			}
			p.evalJS(`(document.querySelector('#stepper .st-export').open = true, document.querySelector('#stepper .st-export').scrollIntoView(), true)`, nil)
			savePNG(t, fmt.Sprintf("%s-%d-export.png", lang, w), p.screenshot("#stepper .st-export"))
		}
	}
}
