//go:build !js

package notebook

// The notebooks run with Debian's python3 and NumPy, and nbformat checks
// them against nbformat 4's schema (scripts/deps.sh installs all three).

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/num"
	"nnstep/core/trace"
)

// iteration traces one iteration of a seeded network on a seeded batch.
func iteration(t *testing.T, layers []int, acts []string, loss string, m int, seed uint64) *trace.Full {
	t.Helper()
	net, err := nn.New(layers, acts, loss)
	if err != nil {
		t.Fatal(err)
	}
	net.Init(seed)
	g := num.NewRand(seed)
	x := mat.New(layers[0], m)
	for k := range x.Data {
		x.Data[k] = g.Uniform(-2, 2)
	}
	k := layers[len(layers)-1]
	y := mat.New(k, m)
	for j := 0; j < m; j++ {
		switch loss {
		case "bce":
			y.Set(0, j, float64(g.IntN(2)))
		case "cce":
			y.Set(g.IntN(k), j, 1)
		default:
			for i := 0; i < k; i++ {
				y.Set(i, j, g.Uniform(-1, 1))
			}
		}
	}
	eta := 0.25
	req := trace.Request{Layers: layers, Activations: acts, Loss: loss, X: x.ToRows(), Y: y.ToRows(), LearningRate: &eta}
	for l := range net.W {
		req.W = append(req.W, net.W[l].ToRows())
		req.B = append(req.B, append([]float64(nil), net.B[l].Data...))
	}
	return &trace.Full{Request: req, Trace: trace.Run(net, x, y, eta)}
}

func iterations(t *testing.T) []*trace.Full {
	return []*trace.Full{
		iteration(t, []int{2, 4, 3, 1}, []string{"tanh", "relu", "sigmoid"}, "bce", 6, 1),
		iteration(t, []int{2, 5, 3}, []string{"elu", "softmax"}, "cce", 7, 2),
		iteration(t, []int{2, 3, 2}, []string{"softplus", "softmax"}, "mse", 5, 3),
		iteration(t, []int{1, 4, 1}, []string{"leaky_relu", "identity"}, "mse", 8, 4),
	}
}

var words = Words{Title: "One iteration", Intro: "Intro.", Exercise: "Fill the TODOs.", Setup: "The batch.",
	Phases: map[string]string{"forward": "forward pass", "cost": "cost", "backward": "backward pass", "update": "update"},
	Layer:  "layer {l}", Chain: "Chain rule:", TODO: "compute {name} from {operands}"}

// run is what the harness reports: nbformat's verdict and the first code
// cell that raised.
type run struct {
	Valid  string `json:"valid"`  // "" when nbformat 4's schema accepts it
	Failed int    `json:"failed"` // the index of the cell that raised, -1 if none
	Error  string `json:"error"`
	Cells  int    `json:"cells"` // code cells run
}

const harness = `
import json, sys
import nbformat
out = []
for text in json.load(sys.stdin):
    r = {"valid": "", "failed": -1, "error": "", "cells": 0}
    try:
        nbformat.validate(nbformat.reads(text, as_version=nbformat.NO_CONVERT))
    except Exception as e:
        r["valid"] = type(e).__name__ + ": " + str(e)[:400]
    nb = json.loads(text)
    ns = {}
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code":
            continue
        try:
            exec(compile("".join(c["source"]), "cell %d" % i, "exec"), ns)
            r["cells"] += 1
        except BaseException as e:
            r["failed"], r["error"] = i, type(e).__name__ + ": " + str(e)[:400]
            break
    out.append(r)
print(json.dumps(out))
`

// runPython validates each notebook with nbformat and runs its code cells
// in order, in one namespace, as Jupyter's "Run all" does; one python3
// process runs them all.
func runPython(t *testing.T, nbs ...[]byte) []run {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Fatalf("%s is missing: run scripts/deps.sh (%v)", py, err)
	}
	texts := make([]string, len(nbs))
	for i, b := range nbs {
		texts[i] = string(b)
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(py, "-c", harness)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 (NumPy and nbformat come from scripts/deps.sh): %v\n%s", err, stderr.String())
	}
	var r []run
	if err := json.Unmarshal(out, &r); err != nil || len(r) != len(nbs) {
		t.Fatalf("%v: %s", err, out)
	}
	return r
}

func write(t *testing.T, f *trace.Full, variant string) (document, []byte) {
	t.Helper()
	b, err := Write(f, variant, words)
	if err != nil {
		t.Fatal(err)
	}
	var d document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d, b
}

// The solution runs clean top to bottom: every op computed with its NumPy
// expression and asserted against nnstep's numbers.
func TestSolutionRuns(t *testing.T) {
	fs := iterations(t)
	docs := make([]document, len(fs))
	texts := make([][]byte, len(fs))
	for k, f := range fs {
		docs[k], texts[k] = write(t, f, Solution)
	}
	for k, r := range runPython(t, texts...) {
		f, d := fs[k], docs[k]
		if r.Valid != "" {
			t.Errorf("%v: nbformat: %s", f.Activations, r.Valid)
		}
		if r.Failed >= 0 {
			t.Errorf("%v: cell %d raised %s:\n%s", f.Activations, r.Failed, r.Error, strings.Join(d.Cells[r.Failed].Source, ""))
		}
		if want := 2 + 2*len(f.Ops); r.Cells != want {
			t.Errorf("%v: %d code cells ran, want %d", f.Activations, r.Cells, want)
		}
	}
}

// The exercise stops at its first TODO; with each TODO replaced by the
// solution's cell it runs clean, so its assertions grade the student.
func TestExerciseFailsUntilFilled(t *testing.T) {
	fs := iterations(t)
	var texts [][]byte // each iteration's exercise, then the same filled
	var exs []document
	for _, f := range fs {
		ex, b := write(t, f, Exercise)
		sol, _ := write(t, f, Solution)
		exs = append(exs, ex)
		if len(ex.Cells) != len(sol.Cells) {
			t.Fatalf("%d cells, the solution has %d", len(ex.Cells), len(sol.Cells))
		}
		filled := ex
		filled.Cells = append([]cell(nil), ex.Cells...)
		n := 0
		for i, c := range filled.Cells {
			if role, _ := c.Metadata["nnstep"].(map[string]any); role != nil && role["role"] == "op" {
				filled.Cells[i].Source = sol.Cells[i].Source
				n++
			} else if strings.Join(c.Source, "") != strings.Join(sol.Cells[i].Source, "") && c.ID != "intro" {
				t.Errorf("%v: cell %s differs from the solution's", f.Activations, c.ID)
			}
		}
		if n != len(f.Ops) {
			t.Errorf("%v: %d TODO cells, %d ops", f.Activations, n, len(f.Ops))
		}
		fb, _ := json.Marshal(filled)
		texts = append(texts, b, fb)
	}
	runs := runPython(t, texts...)
	for k, f := range fs {
		r, rf := runs[2*k], runs[2*k+1]
		if r.Valid != "" {
			t.Errorf("%v: nbformat: %s", f.Activations, r.Valid)
		}
		first := -1
		for i, c := range exs[k].Cells {
			if c.ID == "op-0" {
				first = i
			}
		}
		if r.Failed != first || !strings.HasPrefix(r.Error, "NotImplementedError: ") {
			t.Errorf("%v: the exercise failed at cell %d (%s), want the first TODO, cell %d", f.Activations, r.Failed, r.Error, first)
		}
		if rf.Failed >= 0 || rf.Cells != 2+2*len(f.Ops) {
			t.Errorf("%v: filled exercise: cell %d raised %s (%d code cells ran)", f.Activations, rf.Failed, rf.Error, rf.Cells)
		}
	}
}

// A wrong number in the page's values fails the assertion of its op: the
// checks compare, they do not only run.
func TestSolutionAssertionsCatchAWrongNumber(t *testing.T) {
	f := iterations(t)[0]
	f.DW[1][0][0] += 1e-6
	d, b := write(t, f, Solution)
	r := runPython(t, b)[0]
	if r.Failed < 0 || d.Cells[r.Failed].ID == "" || !strings.HasSuffix(d.Cells[r.Failed].ID, "-check") || !strings.HasPrefix(r.Error, "AssertionError") {
		t.Fatalf("a changed dW[2] gave failed = %d (%s)", r.Failed, r.Error)
	}
	if src := strings.Join(d.Cells[r.Failed].Source, ""); !strings.HasPrefix(src, "np.testing.assert_allclose(dW2,") {
		t.Errorf("the failing check is %s", src)
	}
}

// An unknown variant is an error naming both.
func TestUnknownVariant(t *testing.T) {
	if _, err := Write(iterations(t)[0], "answers", words); err == nil || !strings.Contains(err.Error(), `"solution"`) {
		t.Errorf("got %v", err)
	}
}
