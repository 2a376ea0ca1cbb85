package trace

import (
	"fmt"

	"nnstep/core/numpy"
)

// NumPyEnv returns the names a student's NumPy expression may use for this
// iteration, with their values (docs/numpy.md): X, Y, m, eta and, for each
// layer l, Wl and bl (before the update), Zl, Al (A0 is X), dAl, dZl, dWl
// and dbl. Biases and their gradients are columns, as in the notebook.
func (f *Full) NumPyEnv() numpy.Env {
	env := numpy.Env{}
	matrix := func(rows [][]float64) *numpy.Array {
		r, c := len(rows), 0
		if r > 0 {
			c = len(rows[0])
		}
		d := make([]float64, 0, r*c)
		for _, row := range rows {
			d = append(d, row...)
		}
		return numpy.Matrix(r, c, d)
	}
	column := func(v []float64) *numpy.Array {
		return numpy.Matrix(len(v), 1, append([]float64(nil), v...))
	}
	env["X"], env["Y"] = matrix(f.X), matrix(f.Y)
	m := 0
	if len(f.X) > 0 {
		m = len(f.X[0])
	}
	env["m"] = numpy.Int(m)
	if f.LearningRate != nil {
		env["eta"] = numpy.Float(*f.LearningRate)
	}
	name := func(s string, l int) string { return fmt.Sprintf("%s%d", s, l) }
	for l := range f.A {
		env[name("A", l)] = matrix(f.A[l])
	}
	for i := range f.Z {
		l := i + 1
		env[name("W", l)], env[name("b", l)] = matrix(f.W[i]), column(f.B[i])
		env[name("Z", l)], env[name("dZ", l)] = matrix(f.Z[i]), matrix(f.DZ[i])
		env[name("dW", l)], env[name("db", l)] = matrix(f.DW[i]), column(f.DB[i])
	}
	for _, op := range f.Ops {
		if op.Result.Sym == SymDA {
			env[name("dA", op.Result.Layer)] = matrix(op.Value)
		}
	}
	return env
}
