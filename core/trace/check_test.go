package trace

import (
	"slices"
	"strings"
	"testing"
)

// opIndex returns the index of the op whose result is r.
func opIndex(t *testing.T, f *Full, r Ref) int {
	t.Helper()
	for i, op := range f.Ops {
		if op.Result == r {
			return i
		}
	}
	t.Fatalf("no op %s", r)
	return -1
}

// Each op's own expression is accepted, and so is the lecture's one-line
// dZ of a hidden layer.
func TestCheckNumPyAcceptsTheLecture(t *testing.T) {
	for _, r := range numPyCases() {
		f := runFull(t, r)
		for i, op := range f.Ops {
			if c := f.CheckNumPy(i, op.NumPy); !c.OK {
				t.Errorf("%v: op %d (%s) %s refused: %+v", r.Activations, i, op.Result, op.NumPy, c)
			}
		}
	}
	f := runFull(t, numPyCases()[3]) // tanh, tanh, sigmoid
	if f.Activations[1] != "tanh" {
		t.Fatalf("case 3 is %v", f.Activations)
	}
	if c := f.CheckNumPy(opIndex(t, f, ref(SymDZ, 2)), "W3.T @ dZ3 * (1 - A2**2)"); !c.OK {
		t.Errorf("W3.T @ dZ3 * (1 - A2**2) refused: %+v", c)
	}
}

// The common slips are refused with the differing cells and the lecture's
// hint, found by evaluating variants, not by reading the text.
func TestCheckNumPyHints(t *testing.T) {
	f := runFull(t, numPyCases()[3]) // 2-4-3-1, tanh, tanh, sigmoid, bce, m = 6
	cases := []struct {
		result       Ref
		expr         string
		hint, name   string
		err          string // the start of NumPy's error, if it raises
		allCellsDiff bool
	}{
		{ref(SymDW, 3), "dZ3 @ A2 / m", HintTranspose, "A2", "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0", false},
		{ref(SymDA, 2), "W3 @ dZ3", HintTranspose, "W3", "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0", false},
		{ref(SymDW, 2), "dZ2 @ A1.T", HintOneOverM, "", "", true},
		{ref(SymDB, 2), "np.sum(dZ2, axis=1, keepdims=True)", HintOneOverM, "", "", true},
		{ref(SymDZ, 2), "dA2 * A2 * (1 - A2)", HintDerivative, "sigmoid", "", true},
		{ref(SymDZ, 2), "W3.T @ dZ3 * (1 / (1 + np.exp(-Z2)))", HintDerivative, "softplus", "", true},
		{ref(SymSigmaPrime, 1), "A1 * (1 - A1)", HintDerivative, "sigmoid", "", true},
		{ref(SymA, 1), "1 / (1 + np.exp(-Z1))", HintActivation, "sigmoid", "", true},
		{ref(SymDB, 1), "np.sum(dZ1, axis=1) / m", HintKeepdims, "", "", false},
		{ref(SymDW, 1), "A0 @ dZ1.T / m", HintTransposed, "", "", false},
		{ref(SymDZ, 1), "dA1 * sigma_prime1 / m", HintExtraOneOverM, "", "", true},
		{ref(SymZ, 1), "W1 @ X", HintValues, "", "", true},
		{ref(SymZ, 1), "W1 @ X + b2", "", "", "ValueError: operands could not be broadcast together with shapes (4,6) (3,1)", false},
		{ref(SymZ, 1), "Z1", "", "", "NameError: name 'Z1' is not defined", false},
	}
	for _, c := range cases {
		got := f.CheckNumPy(opIndex(t, f, c.result), c.expr)
		if got.OK || got.Hint != c.hint || got.Name != c.name || !strings.HasPrefix(got.Error, c.err) || (c.err == "") != (got.Error == "") {
			t.Errorf("%s = %s: ok %v, hint %q %q, error %q; want hint %q %q, error %q", c.result, c.expr, got.OK, got.Hint, got.Name, got.Error, c.hint, c.name, c.err)
		}
		if c.allCellsDiff && len(got.Cells) != got.Want[0]*got.Want[1] {
			t.Errorf("%s = %s: %d differing cells of %v", c.result, c.expr, len(got.Cells), got.Want)
		}
	}
	// One wrong number: that cell only.
	i := opIndex(t, f, ref(SymZ, 1))
	got := f.CheckNumPy(i, "np.where(W1 @ X + b1 == np.max(W1 @ X + b1), 0, W1 @ X + b1)")
	if got.OK || len(got.Cells) != 1 || got.Hint != HintValues {
		t.Errorf("one number changed: %+v", got)
	}
	mx := slices.Max(slices.Concat(f.Z[0]...))
	if len(got.Cells) == 1 && f.Z[0][got.Cells[0][0]][got.Cells[0][1]] != mx {
		t.Errorf("the marked cell %v is not the maximum's", got.Cells)
	}
}
