package trace

import (
	"math"
	"testing"

	"nnstep/core/numpy"
)

// The lecture's equations, written in NumPy with the trace's names, give
// the trace's own matrices: the names hold what the notebook's variables
// would.
func TestNumPyEnvHoldsTheIteration(t *testing.T) {
	for _, c := range cases() {
		net, x, y, eta, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		f := &Full{Request: *c, Trace: Run(net, x, y, eta)}
		env := f.NumPyEnv()
		L := len(c.Layers) - 1
		check := func(expr string, want [][]float64) {
			t.Helper()
			got, err := numpy.Eval(expr, env)
			if err != nil {
				t.Fatalf("%v: %s: %v", c.Activations, expr, err)
			}
			rows := got.Rows()
			for i := range want {
				for j := range want[i] {
					if d := math.Abs(rows[i][j] - want[i][j]); d > 1e-12*math.Max(1, math.Abs(want[i][j])) {
						t.Fatalf("%v: %s[%d][%d] = %v, the trace has %v", c.Activations, expr, i, j, rows[i][j], want[i][j])
					}
				}
			}
		}
		col := func(v []float64) [][]float64 {
			out := make([][]float64, len(v))
			for i, x := range v {
				out[i] = []float64{x}
			}
			return out
		}
		for l := 1; l <= L; l++ {
			s := func(p string, k int) string { return p + string(rune('0'+k)) }
			check(s("W", l)+" @ "+s("A", l-1)+" + "+s("b", l), f.Z[l-1])
			check(s("dZ", l)+" @ "+s("A", l-1)+".T / m", f.DW[l-1])
			check("np.sum("+s("dZ", l)+", axis=1, keepdims=True) / m", col(f.DB[l-1]))
			check(s("W", l)+" - eta * "+s("dW", l), f.WNext[l-1])
			if l < L {
				check(s("W", l+1)+".T @ "+s("dZ", l+1), env[s("dA", l)].Rows())
			}
		}
		if c.Loss != "mse" {
			check("A"+string(rune('0'+L))+" - Y", f.DZ[L-1])
		}
		if c.Activations[0] == "tanh" {
			check("W2.T @ dZ2 * (1 - A1**2)", f.DZ[0])
		}
		if c.Activations[0] == "relu" {
			check("W2.T @ dZ2 * (Z1 > 0)", f.DZ[0])
		}
	}
}
