package numpy

import (
	"errors"
	"strings"
	"testing"
)

// Any text gives a value or an *Error, never a panic, and the values are
// as large as the limits allow at most.
func FuzzEval(f *testing.F) {
	for _, s := range []string{"W3.T @ dZ3 * (1 - A2**2)", "np.sum(dZ1, axis=1, keepdims=True) / m",
		"((((Z1))))", "-(-(-Z1))", "np.where(Z1 > 0, 1, 0.01)", "1 < 2 < 3", "Z1[0]", "2..", "np.exp(",
		"a.b.c", "np.sum(Z1, axis=1, keepdims=True, axis=0)", "1e309", "0x10", "W1 @ X + b1 = 3"} {
		f.Add(s)
	}
	env := testEnv(3)
	f.Fuzz(func(t *testing.T, src string) {
		a, err := Eval(src, env)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Type == "" || strings.TrimSpace(e.Msg) == "" {
				t.Fatalf("%q: error %v is not a Python-like exception", src, err)
			}
			return
		}
		if a.Size() != len(a.Data) || a.Size() > MaxElements {
			t.Fatalf("%q: shape %v with %d numbers", src, a.Shape, len(a.Data))
		}
	})
}

// What NumPy would compute but this page does not is refused in words a
// student understands, never computed otherwise.
func TestRefusals(t *testing.T) {
	env := testEnv(1)
	for src, want := range map[string]string{
		"Z1[0]":            "SyntaxError: indexing (a[…]) is not part of what this page evaluates",
		"Z1.shape":         "TypeError: a.shape is a tuple: this page evaluates arrays only",
		"np.exp":           "TypeError: the function np.exp is not an array",
		"np.exp(Z1 > 0)":   "NotImplementedError: of a boolean array",
		"np.exp(Z1, Z2)":   "TypeError: exp(): the out argument",
		"np.where(Z1 > 0)": "TypeError: where(condition) alone",
		"W1 = 2":           "SyntaxError: invalid syntax: write an expression, not an assignment",
		"":                 "SyntaxError: invalid syntax: the expression is empty",
		strings.Repeat("(", 100) + "1" + strings.Repeat(")", 100): "SyntaxError: the expression nests deeper than 64 levels",
		strings.Repeat("1+", 600) + "1":                           "SyntaxError: the expression is longer than 1000 characters",
	} {
		_, err := Eval(src, env)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%.40q: %v, want %q", src, err, want)
		}
	}
}
