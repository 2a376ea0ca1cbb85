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

// Matrix returns the matrix r names in this iteration, whichever field of
// the request or the trace holds it (biases and their gradients as
// columns), or an op's value (dA, σ', C_i, C). ok is false for a name the
// iteration does not hold.
func (f *Full) Matrix(r Ref) (m Matrix, ok bool) {
	column := func(v []float64) Matrix {
		out := make(Matrix, len(v))
		for i, x := range v {
			out[i] = []float64{x}
		}
		return out
	}
	at := func(n int, k int) bool { return k >= 0 && k < n }
	field, k := r.Field()
	switch field {
	case "":
		for _, op := range f.Ops {
			if op.Result == r {
				return op.Value, op.Value != nil
			}
		}
		return nil, false
	case "Y":
		return f.Y, true
	case "W":
		if at(len(f.W), k) {
			return f.W[k], true
		}
	case "b":
		if at(len(f.B), k) {
			return column(f.B[k]), true
		}
	case "Z":
		if at(len(f.Z), k) {
			return f.Z[k], true
		}
	case "A":
		if at(len(f.A), k) {
			return f.A[k], true
		}
	case "dZ":
		if at(len(f.DZ), k) {
			return f.DZ[k], true
		}
	case "dW":
		if at(len(f.DW), k) {
			return f.DW[k], true
		}
	case "db":
		if at(len(f.DB), k) {
			return column(f.DB[k]), true
		}
	case "W_next":
		if at(len(f.WNext), k) {
			return f.WNext[k], true
		}
	case "b_next":
		if at(len(f.BNext), k) {
			return column(f.BNext[k]), true
		}
	}
	return nil, false
}

// NumPyEnvBefore returns the names an expression for op i may use: what
// the iteration starts from (X, Y, m, eta, A0, the W and b of each layer)
// and the result of every op before i, by its PyName (sigma_prime2, C_i,
// W_next1 included). The result of op i and of the ops after it are not
// there, so that an op is not answered by its own name.
func (f *Full) NumPyEnvBefore(i int) numpy.Env {
	all := f.NumPyEnv()
	env := numpy.Env{}
	for _, n := range f.NumPyNamesBefore(i) {
		if v, ok := all[n]; ok {
			env[n] = v
		} else if m, ok := f.Matrix(f.Ops[f.opNamed(n)].Result); ok {
			env[n] = matrixArray(m)
		}
	}
	return env
}

// NumPyNamesBefore lists NumPyEnvBefore's names in the iteration's order:
// X, Y, m, eta, A0, W1, b1, W2, …, then the results of the ops before i.
func (f *Full) NumPyNamesBefore(i int) []string {
	names := []string{"X", "Y", "m"}
	if f.LearningRate != nil {
		names = append(names, "eta")
	}
	names = append(names, ref(SymA, 0).PyName())
	for l := 1; l <= len(f.W); l++ {
		names = append(names, ref(SymW, l).PyName(), ref(SymB, l).PyName())
	}
	for _, op := range f.Ops[:min(max(i, 0), len(f.Ops))] {
		names = append(names, op.Result.PyName())
	}
	return names
}

// opNamed returns the index of the op whose result is called n in NumPy.
func (f *Full) opNamed(n string) int {
	for k, op := range f.Ops {
		if op.Result.PyName() == n {
			return k
		}
	}
	return -1
}

// matrixArray is m as an r×c NumPy array.
func matrixArray(m Matrix) *numpy.Array {
	r, c := len(m), 0
	if r > 0 {
		c = len(m[0])
	}
	d := make([]float64, 0, r*c)
	for _, row := range m {
		d = append(d, row...)
	}
	return numpy.Matrix(r, c, d)
}
