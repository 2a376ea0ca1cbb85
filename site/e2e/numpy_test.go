package e2e

import (
	"math"
	"strings"
	"testing"
)

// nnstep.numpy evaluates a student's NumPy on the page's current
// iteration: the lecture's dW[L] gives the step-through's numbers, a
// wrong matrix (X for A[L-1]ᵀ) gives NumPy's words.
func TestNumPyOnThePage(t *testing.T) {
	p := newPage(t, "lang=en")
	var r struct {
		L    int         `json:"L"`
		Want [][]float64 `json:"want"`
		Got  struct {
			Shape []int       `json:"shape"`
			Data  [][]float64 `json:"data"`
			Error string      `json:"error"`
		} `json:"got"`
		Slip struct {
			Error string `json:"error"`
		} `json:"slip"`
	}
	p.evalJS(`(() => { const t = nnstep.trace(), L = t.dW.length;
		return { L, want: t.dW[L - 1], got: nnstep.numpy('dZ' + L + ' @ A' + (L - 1) + '.T / m'),
			slip: nnstep.numpy('dZ' + L + ' @ X / m') }; })()`, &r)
	if r.Got.Error != "" || len(r.Got.Data) != len(r.Want) {
		t.Fatalf("dW[%d] in NumPy: %+v, want %v", r.L, r.Got, r.Want)
	}
	for i := range r.Want {
		for j, w := range r.Want[i] {
			if g := r.Got.Data[i][j]; math.Abs(g-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Errorf("dW[%d][%d][%d] = %v, the trace has %v", r.L, i, j, g, w)
			}
		}
	}
	if !strings.HasPrefix(r.Slip.Error, "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0") {
		t.Errorf("X for A[L-1]ᵀ gives %q", r.Slip.Error)
	}
	p.assertNoConsoleErrors()
}
