//go:build !js

package numpy

// The comparisons with NumPy run natively: they start Debian's python3.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// outcome is what an expression gives, in Go or in NumPy.
type outcome struct {
	Shape []int    `json:"shape"`
	Data  []string `json:"data"` // numbers as Python's repr: nan, inf
	Bool  bool     `json:"bool"`
	Error string   `json:"error"`
}

func goOutcome(src string, env Env) outcome {
	a, err := Eval(src, env)
	if err != nil {
		return outcome{Error: err.Error()}
	}
	o := outcome{Shape: a.Shape, Bool: a.Bool}
	for _, v := range a.Data {
		o.Data = append(o.Data, fmt.Sprint(v))
	}
	return o
}

// numpyOutcomes evaluates each expression with the real NumPy of Debian's
// python3 (scripts/deps.sh installs it).
func numpyOutcomes(t *testing.T, exprs []string, env Env) []outcome {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Fatalf("%s is missing: run scripts/deps.sh (%v)", py, err)
	}
	vars := map[string]any{}
	for k, a := range env {
		vars[k] = map[string]any{"shape": a.Shape, "data": a.Data, "py": a.kind}
	}
	in, _ := json.Marshal(map[string]any{"env": vars, "exprs": exprs})
	cmd := exec.Command(py, "-c", pyHarness)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.String())
	}
	var res []outcome
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("python3's answer: %v\n%s", err, out)
	}
	return res
}

const pyHarness = `
import json, sys, warnings
import numpy as np
warnings.simplefilter("ignore")
warnings.simplefilter("error", DeprecationWarning)
q = json.load(sys.stdin)
env = {"np": np}
for k, v in q["env"].items():
    if v["py"] == 1:
        env[k] = int(v["data"][0])
    elif v["py"] == 2:
        env[k] = float(v["data"][0])
    else:
        env[k] = np.array(v["data"], dtype=float).reshape(v["shape"])
out = []
for e in q["exprs"]:
    try:
        r = eval(e, env)
        a = np.asarray(r)
        if a.dtype == object:
            raise TypeError("object result")
        out.append({"shape": list(a.shape), "data": [repr(float(x)) for x in a.ravel()], "bool": a.dtype == bool})
    except Exception as ex:
        name = type(ex).__name__
        if name == "AxisError":
            name = "numpy.AxisError"
        out.append({"error": name + ": " + str(ex)})
print(json.dumps(out))
`

// close reports whether two numbers written by Go and Python agree: the
// same special value, or within rounding of different summation orders.
func close(a, b string) bool {
	fix := func(s string) string {
		return strings.NewReplacer("+Inf", "inf", "-Inf", "-inf", "NaN", "nan").Replace(s)
	}
	a, b = fix(a), fix(b)
	if a == b {
		return true
	}
	var x, y float64
	if _, err := fmt.Sscan(a, &x); err != nil {
		return false
	}
	if _, err := fmt.Sscan(b, &y); err != nil {
		return false
	}
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
}

func sameOutcome(g, p outcome) bool {
	if g.Error != "" || p.Error != "" {
		if strings.HasPrefix(p.Error, "SyntaxError:") { // Python adds where: (<string>, line 1)
			return strings.HasPrefix(g.Error, "SyntaxError:")
		}
		// NumPy 1.24 (Debian's) warns that == of shapes that do not
		// broadcast will raise, and returns False; NumPy ≥ 1.25 raises the
		// broadcast error, as this page does.
		if strings.HasPrefix(p.Error, "DeprecationWarning: elementwise comparison failed") {
			return strings.HasPrefix(g.Error, "ValueError: operands could not be broadcast together")
		}
		return g.Error == p.Error
	}
	if fmt.Sprint(g.Shape) != fmt.Sprint(p.Shape) || g.Bool != p.Bool || len(g.Data) != len(p.Data) {
		return false
	}
	for i := range g.Data {
		if !close(g.Data[i], p.Data[i]) {
			return false
		}
	}
	return true
}

func compareWithNumPy(t *testing.T, exprs []string, env Env) {
	t.Helper()
	want := numpyOutcomes(t, exprs, env)
	bad, refused := 0, 0
	for i, e := range exprs {
		got := goOutcome(e, env)
		if strings.HasPrefix(got.Error, "NotImplementedError:") && want[i].Error == "" {
			refused++ // refused by design (docs/numpy.md), rather than computed otherwise
			continue
		}
		if !sameOutcome(got, want[i]) {
			t.Errorf("%s\n  here:  %+v\n  NumPy: %+v", e, got, want[i])
			if bad++; bad == 15 {
				t.Fatal("too many differences")
			}
		}
	}
	if refused > len(exprs)/20 {
		t.Errorf("%d of %d expressions refused by design: NumPy computes them", refused, len(exprs))
	}
}

// The lecture's equations as a student writes them, and the slips a
// student makes, give what NumPy gives: the same numbers or the same error.
func TestLectureExpressionsAsNumPy(t *testing.T) {
	exprs := []string{
		// Forward, cost, backward, update.
		"W1 @ X + b1", "np.tanh(W1 @ A0 + b1)", "1 / (1 + np.exp(-Z3))",
		"-(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))", "np.mean(-(Y * np.log(np.abs(A3)) + (1 - Y) * np.log(np.abs(1 - A3))))",
		"A3 - Y", "1 / m * dZ3 @ A2.T", "dZ3 @ A2.T / m", "np.sum(dZ3, axis=1, keepdims=True) / m",
		"W3.T @ dZ3 * (1 - A2**2)", "W2.T @ dZ2 * (Z1 > 0)", "W2.T @ dZ2 * np.where(Z1 > 0, 1, 0.01)",
		"W1 - eta * dW1", "b2 - eta * db2", "dZ1.sum(axis=1, keepdims=True) / m", "np.maximum(0, Z1)",
		"np.minimum(Z2, 1)", "1 / (1 + Z1**2)", "np.arctan(Z1)", "np.sqrt(np.abs(Z2))",
		"np.expm1(Z1)", "np.log1p(np.abs(Z2))", "np.logaddexp(0, Z1)", "np.logaddexp(Z1, -Z2)", "np.logaddexp(b1, Z1)",
		"np.logaddexp(Z1 > 0, 1)", "np.expm1(Z1 > 0)", "np.logaddexp(Z1)", "np.logaddexp(0, m)", "np.expm1(2)",
		"np.ones_like(Z1) - A1**2", "np.zeros_like(b1)", "np.mean(Z1, axis=0)", "np.max(Z2, axis=-1)",
		"np.min(Z2)", "Z1.max(axis=0, keepdims=True)", "np.exp(Z3 - np.max(Z3, axis=0, keepdims=True))",
		"np.sum(Z1, 0)", "-Z1**2", "2**-1", "m**2", "1/m", "-m", "eta * m", "(Z1 > 0) * (Z1 < 1)",
		"(Z1 > 0) + (Z1 < 1)", "np.sum(Z1 > 0)", "np.mean(Z1 > 0, axis=1)", "0 < Z1", "Z1 == Z1", "Z1 != 0",
		"np.log(Z1)", "np.sqrt(Z1)", "1 / (Z1 > 5)", "Z1 ** 0.5", "Z1.T.T", "X.T @ W1.T",
		"np.sum(dZ3, axis=1)", "np.sum(dZ3, axis=1) / m", "db1 + np.sum(dZ1, axis=1)",
		"1 < 2 < 3", "m < eta", "W1 @ np.sum(X, axis=1)", "np.sum(X, axis=1) @ np.sum(X, axis=1)",
		// Slips: shapes, transposes, names, syntax.
		"dZ3 @ A2", "W3 @ dZ3", "W1 @ X + b2", "dZ3 * A2", "W1 * X", "X @ W1", "np.sum(dZ3, axis=2)",
		"np.sum(dZ3, axis=-3)", "W4 @ A3", "np.foo(Z1)", "m.T", "eta.T", "np(Z1)",
		"Z1(2)", "np.sum(Z1, axis=1.0)", "np.sum(Z1, axes=1)", "np.exp(Z1, Z2, Z3)", "np.maximum(Z1)",
		"np.where(Z1 > 0, 1)", "-(Z1 > 0)", "(Z1 > 0) - (Z1 < 0)", "1 / 0", "0 ** -1", "Z1 < Z2 < Z3",
		"np.sum(axis=1)", "np.sum(Z1, axis=1, axis=0)", "2 @ Z1", "Z1 @ 2", "np.sum(X, axis=1) @ W1",
	}
	compareWithNumPy(t, exprs, testEnv(1))
}
