package trace

import (
	"math"
	"slices"

	"nnstep/core/act"
	"nnstep/core/numpy"
)

// The tolerance of a student's expression and of the notebook's
// assertions, np.testing.assert_allclose's rule: a number passes when
// |got − want| ≤ CheckAtol + CheckRtol·|want|.
const (
	CheckRtol = 1e-9
	CheckAtol = 1e-12
)

// The hints of a refused expression (docs/frontend.md, "NumPy cells"): the
// lecture's words for the common slip that an expression, evaluated again
// with one change, turns out to be.
const (
	HintTranspose     = "transpose"        // right with one operand transposed (Name)
	HintTransposed    = "transposed"       // the result transposed
	HintOneOverM      = "one_over_m"       // m times the result: 1/m missing
	HintExtraOneOverM = "extra_one_over_m" // the result divided by m: a 1/m too many
	HintDerivative    = "derivative"       // right with another activation's derivative (Name)
	HintActivation    = "activation"       // another activation (Name)
	HintKeepdims      = "keepdims"         // a 1-D array where the lecture keeps a column or a row
	HintShape         = "shape"            // any other shape
	HintValues        = "values"           // the right shape, other numbers
)

// Check is what a student's expression for one op gives (CheckNumPy).
type Check struct {
	OK    bool
	Value *numpy.Array // nil when NumPy raises
	Error string       // NumPy's or Python's last line, when it raises
	Want  []int        // the op's result shape, [r, c]
	// Cells are the [row, column] of the numbers beyond the tolerance,
	// when the shapes agree.
	Cells [][2]int
	Hint  string // one of the Hint constants, "" when accepted or nothing is known
	Name  string // the name the hint is about: an operand, an activation
}

// CheckNumPy evaluates a student's expr for op i with the names of the ops
// before it and compares the value with the op's result, number by number.
// A refused expression gets a hint from the variants it is evaluated with
// again: an operand transposed, the result times or over m, another
// activation or its derivative in place of the layer's.
func (f *Full) CheckNumPy(i int, expr string) Check {
	op := f.Ops[i]
	want, _ := f.Matrix(op.Result)
	c := Check{Want: []int{len(want), len(want[0])}}
	env := f.NumPyEnvBefore(i)
	v, err := numpy.Eval(expr, env)
	if err != nil {
		c.Error = err.Error()
	} else {
		c.Value = v
		c.OK, c.Cells = compare(v, want)
	}
	if c.OK {
		return c
	}
	c.Hint, c.Name = f.hint(i, expr, env, v, want)
	return c
}

// fits reports whether shape is the shape of want: r×c, or a scalar for a
// 1×1 result (C, the mean).
func fits(shape []int, want Matrix) bool {
	r, c := len(want), len(want[0])
	return slices.Equal(shape, []int{r, c}) || len(shape) == 0 && r == 1 && c == 1
}

// compare reports whether v is want within the tolerance and, for the
// same shape, which numbers are not.
func compare(v *numpy.Array, want Matrix) (bool, [][2]int) {
	if !fits(v.Shape, want) {
		return false, nil
	}
	var cells [][2]int
	cols := len(want[0])
	for k, g := range v.Data {
		if !closeTo(g, want[k/cols][k%cols]) {
			cells = append(cells, [2]int{k / cols, k % cols})
		}
	}
	return len(cells) == 0, cells
}

func closeTo(got, want float64) bool {
	if got == want || math.IsNaN(got) && math.IsNaN(want) {
		return true
	}
	return math.Abs(got-want) <= CheckAtol+CheckRtol*math.Abs(want)
}

// scaled returns want with every number times k.
func scaled(want Matrix, k float64) Matrix {
	out := make(Matrix, len(want))
	for i, row := range want {
		out[i] = make([]float64, len(row))
		for j, x := range row {
			out[i][j] = x * k
		}
	}
	return out
}

// hint finds the slip of a refused expression by evaluating variants.
func (f *Full) hint(i int, expr string, env numpy.Env, v *numpy.Array, want Matrix) (string, string) {
	same := func(a *numpy.Array, w Matrix) bool { ok, _ := compare(a, w); return ok }
	// An operand transposed: the expression again with one name as its
	// transpose. This also explains NumPy's shape errors of a missing .T.
	names := make([]string, 0, len(env))
	for n := range env {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		a := env[n]
		if len(a.Shape) != 2 {
			continue
		}
		swapped := numpy.Env{}
		for k, x := range env {
			swapped[k] = x
		}
		swapped[n] = transposed(a)
		if w, err := numpy.Eval(expr, swapped); err == nil && same(w, want) {
			return HintTranspose, n
		}
	}
	if v == nil {
		return "", ""
	}
	if len(v.Shape) == 2 && same(transposed(v), want) {
		return HintTransposed, ""
	}
	if len(v.Shape) == 1 && v.Shape[0] == len(want)*len(want[0]) && (len(want) == 1 || len(want[0]) == 1) {
		return HintKeepdims, ""
	}
	if !fits(v.Shape, want) {
		return HintShape, ""
	}
	if m := f.m(); m > 1 {
		if same(v, scaled(want, float64(m))) {
			return HintOneOverM, ""
		}
		if same(v, scaled(want, 1/float64(m))) {
			return HintExtraOneOverM, ""
		}
	}
	// Another activation of the table, or its derivative, in the layer's
	// place.
	op := f.Ops[i]
	l, prime, ok := f.activationOf(op)
	if ok {
		own, _ := act.ForLayer(f.Activations[l-1])
		for _, name := range act.Names() {
			if name == own.Name {
				continue
			}
			other, _ := act.ForLayer(name)
			e := actNumPy(other, l, prime)
			if op.Result.Sym == SymDZ {
				e = py(ref(SymDA, l), " * (", e, ")")
			}
			w, err := numpy.Eval(e, env)
			if err != nil || same(w, want) {
				continue // the same numbers here: not a slip this batch shows
			}
			if ok, _ := compare(v, matrixOf(w)); ok {
				if prime {
					return HintDerivative, name
				}
				return HintActivation, name
			}
		}
	}
	return HintValues, ""
}

// activationOf returns the layer whose activation op applies (A[l]) or
// whose derivative it is or uses (σ'(Z[l]), dZ[l] = dA[l] ∗ σ'(Z[l])).
func (f *Full) activationOf(op Op) (l int, prime, ok bool) {
	switch {
	case op.Result.Sym == SymA:
		return op.Layer, false, op.Layer <= len(f.Activations) && f.Activations[op.Layer-1] != act.Softmax
	case op.Result.Sym == SymSigmaPrime:
		return op.Layer, true, true
	case op.Result.Sym == SymDZ && slices.Contains(op.Operands, primeName(op.Layer)):
		return op.Layer, true, true
	}
	return 0, false, false
}

func (f *Full) m() int {
	if len(f.X) == 0 {
		return 0
	}
	return len(f.X[0])
}

func transposed(a *numpy.Array) *numpy.Array {
	r, c := a.Shape[0], a.Shape[1]
	d := make([]float64, len(a.Data))
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d[j*r+i] = a.Data[i*c+j]
		}
	}
	return numpy.Matrix(c, r, d)
}

// matrixOf is a 2-D array's numbers by row (a scalar as 1×1).
func matrixOf(a *numpy.Array) Matrix { return a.Rows() }
