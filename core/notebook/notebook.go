// Package notebook writes one iteration of the step-through as a Jupyter
// notebook (nbformat 4, docs/notebook.md): the lecture's formula of each op
// in Markdown, the code that computes it with NumPy (the op's own NumPy
// expression, trace.Op.NumPy) and an assertion against nnstep's numbers.
// The solution variant runs top to bottom with NumPy alone; in the exercise
// variant each op's code is a TODO that raises until the student writes it.
package notebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"nnstep/core/trace"
)

// The two variants.
const (
	Solution = "solution"
	Exercise = "exercise"
)

// Words is the notebook's prose in the page's language, from the page's
// strings (js/i18n.js). {l}, {i}, {name} and {operands} are filled in per
// op.
type Words struct {
	Title    string            `json:"title"`    // the first heading
	Intro    string            `json:"intro"`    // what the notebook does
	Exercise string            `json:"exercise"` // how to do the exercise (exercise only)
	Setup    string            `json:"setup"`    // before the cell that rebuilds the network and the batch
	Phases   map[string]string `json:"phases"`   // forward, cost, backward, update
	Layer    string            `json:"layer"`    // "layer {l}"
	Chain    string            `json:"chain"`    // "Chain rule:", before the chain rule's formula
	TODO     string            `json:"todo"`     // the TODO's comment: {name} from {operands}
}

// nbformat 4's document: the fields its schema requires.
type document struct {
	Cells         []cell         `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

type cell struct {
	ID             string          `json:"id"`
	CellType       string          `json:"cell_type"`
	Metadata       map[string]any  `json:"metadata"`
	Source         []string        `json:"source"`
	ExecutionCount json.RawMessage `json:"execution_count,omitempty"` // null in a code cell: never run
	Outputs        *[]any          `json:"outputs,omitempty"`
}

// lines splits s as nbformat stores a source: lines keeping their "\n".
func lines(s string) []string {
	out := strings.SplitAfter(s, "\n")
	if out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

func markdown(id, s string) cell {
	return cell{ID: id, CellType: "markdown", Metadata: map[string]any{}, Source: lines(s)}
}

// code is a code cell never run; role and op, when op ≥ 0, are kept in
// its metadata (nnstep.role, nnstep.op) for tools and tests.
func code(id, s, role string, op int) cell {
	md := map[string]any{}
	if op >= 0 {
		md["nnstep"] = map[string]any{"role": role, "op": op}
	}
	return cell{ID: id, CellType: "code", Metadata: md, Source: lines(s),
		ExecutionCount: json.RawMessage("null"), Outputs: &[]any{}}
}

// Write returns the notebook of f's iteration as nbformat 4 JSON.
func Write(f *trace.Full, variant string, w Words) ([]byte, error) {
	if variant != Solution && variant != Exercise {
		return nil, fmt.Errorf("variant: %q is neither %q nor %q", variant, Solution, Exercise)
	}
	intro := "# " + w.Title + "\n\n" + w.Intro
	if variant == Exercise && w.Exercise != "" {
		intro += "\n\n" + w.Exercise
	}
	cells := []cell{
		markdown("intro", intro),
		code("import", "import numpy as np", "import", -1),
		markdown("setup-text", w.Setup),
		code("setup", setup(f), "setup", -1),
	}
	for i, op := range f.Ops {
		name := op.Result.PyName()
		operands := make([]string, len(op.Operands))
		for k, r := range op.Operands {
			operands[k] = r.PyName()
		}
		fill := func(s string) string {
			return strings.NewReplacer("{l}", strconv.Itoa(op.Layer), "{i}", strconv.Itoa(i), "{name}", name,
				"{operands}", strings.Join(operands, ", ")).Replace(s)
		}
		text := fmt.Sprintf("### %d · %s, %s\n\n$$%s$$", i, w.Phases[op.Phase], fill(w.Layer), op.LaTeX)
		if op.Chain != "" {
			text += fmt.Sprintf("\n\n%s $$%s$$", w.Chain, op.Chain)
		}
		cells = append(cells, markdown(fmt.Sprintf("op-%d-text", i), text))
		src := name + " = " + op.NumPy
		if variant == Exercise {
			src = fmt.Sprintf("# TODO: %s\n# %s = ...\nraise NotImplementedError(%q)", fill(w.TODO), name, name)
		}
		cells = append(cells, code(fmt.Sprintf("op-%d", i), src, "op", i))
		want, _ := f.Matrix(op.Result)
		check := fmt.Sprintf("np.testing.assert_allclose(%s, %s, rtol=%s, atol=%s)",
			name, array(want), pyFloat(trace.CheckRtol), pyFloat(trace.CheckAtol))
		cells = append(cells, code(fmt.Sprintf("op-%d-check", i), check, "check", i))
	}
	doc := document{
		Cells: cells,
		Metadata: map[string]any{
			"kernelspec":    map[string]any{"display_name": "Python 3", "language": "python", "name": "python3"},
			"language_info": map[string]any{"name": "python"},
		},
		NBFormat:      4,
		NBFormatMinor: 5,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // W3.T @ dZ3 and A > 0 stay readable
	enc.SetIndent("", " ")
	err := enc.Encode(doc)
	return b.Bytes(), err
}

// setup is the code that rebuilds the network's parameters, the batch and
// the learning rate, with the names of the step-through.
func setup(f *trace.Full) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# layers = %s, activations = %s, loss = %q\n", pyInts(f.Layers), pyStrings(f.Activations), f.Loss)
	fmt.Fprintf(&b, "X = %s\nY = %s\nm = X.shape[1]\n", array(f.X), array(f.Y))
	if f.LearningRate != nil {
		fmt.Fprintf(&b, "eta = %s\n", pyFloat(*f.LearningRate))
	}
	for l := range f.W {
		fmt.Fprintf(&b, "W%d = %s\n", l+1, array(f.W[l]))
		col := make([][]float64, len(f.B[l]))
		for i, v := range f.B[l] {
			col[i] = []float64{v}
		}
		fmt.Fprintf(&b, "b%d = %s\n", l+1, array(col))
	}
	b.WriteString("A0 = X")
	return b.String()
}

// array writes rows as np.array([[…], …]).
func array(rows [][]float64) string {
	var b strings.Builder
	b.WriteString("np.array([")
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('[')
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(pyFloat(v))
		}
		b.WriteByte(']')
	}
	b.WriteString("])")
	return b.String()
}

// pyFloat writes v as a Python float literal that reads back as the same
// number: 0.5, 1e-12, 3.0, np.nan, -np.inf.
func pyFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "np.nan"
	case math.IsInf(v, 1):
		return "np.inf"
	case math.IsInf(v, -1):
		return "-np.inf"
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

func pyInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func pyStrings(v []string) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(s, ", ") + "]"
}
