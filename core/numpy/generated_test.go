//go:build !js

package numpy

import (
	"fmt"
	"testing"

	"nnstep/core/num"
)

// gen writes random expressions over the test names, most of them
// well-shaped, some not, so that both NumPy's answers and its refusals are
// compared.
type gen struct{ g *num.Rand }

func (e gen) pick(list ...string) string { return list[e.g.IntN(len(list))] }

func (e gen) expr(depth int) string {
	if depth == 0 || e.g.IntN(4) == 0 {
		return e.pick("Z1", "A1", "dZ1", "b1", "W2", "Z2", "A2", "dZ2", "b2", "W3", "A3", "Y", "X",
			"m", "eta", "2", "0.5", "1", "3e-2", "Z1.T", "W2.T", "dZ2.T")
	}
	x, y := e.expr(depth-1), e.expr(depth-1)
	switch e.g.IntN(9) {
	case 0, 1:
		return fmt.Sprintf("(%s %s %s)", x, e.pick("+", "-", "*", "/"), y)
	case 2:
		return fmt.Sprintf("(%s @ %s)", x, y)
	case 3:
		return fmt.Sprintf("np.%s(%s)", e.pick("exp", "log", "tanh", "arctan", "sqrt", "expm1", "log1p", "abs", "ones_like", "zeros_like"), x)
	case 4:
		return fmt.Sprintf("np.%s(%s, %s)", e.pick("maximum", "minimum", "logaddexp"), x, y)
	case 5:
		kw := e.pick("", ", axis=0", ", axis=1", ", axis=-1", ", axis=1, keepdims=True", ", axis=0, keepdims=True", ", keepdims=True", ", 1")
		return fmt.Sprintf("np.%s(%s%s)", e.pick("sum", "mean", "max", "min"), x, kw)
	case 6:
		return fmt.Sprintf("(%s %s %s)", x, e.pick("<", ">", "<=", ">=", "==", "!="), y)
	case 7:
		return fmt.Sprintf("np.where(%s > 0, %s, %s)", x, y, e.expr(depth-1))
	default:
		return fmt.Sprintf("-%s**2", x)
	}
}

// Generated expressions give what NumPy gives: the same shape, dtype and
// numbers (within rounding), or the same error.
func TestGeneratedExpressionsAsNumPy(t *testing.T) {
	for seed := uint64(7); seed < 10; seed++ {
		e := gen{num.NewRand(seed)}
		var exprs []string
		for len(exprs) < 600 {
			exprs = append(exprs, e.expr(1+e.g.IntN(3)))
		}
		compareWithNumPy(t, exprs, testEnv(seed))
	}
}
