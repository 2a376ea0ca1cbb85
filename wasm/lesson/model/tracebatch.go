package model

import (
	"fmt"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/notebook"
	"nnstep/core/numpy"
	"nnstep/core/trace"
)

// batch returns the step-through batch: the first TraceBatch training
// examples (fewer if the set is smaller).
func (m *Model) batch() (x, y *mat.Dense) {
	n := min(m.S.TraceBatch, m.Train.N())
	idx := seq(n)
	x, y = mat.New(m.Train.X.Rows, n), mat.New(m.YTrain.Rows, n)
	x.CopyCols(m.Train.X, idx)
	y.CopyCols(m.YTrain, idx)
	return x, y
}

// Trace returns the trace object (docs/api.md, "Trace format") of the current batch: the request
// of POST /api/trace and its response together.
func (m *Model) Trace() trace.Full {
	x, y := m.batch()
	lr := m.S.LR
	req := trace.Request{
		Layers:       append([]int(nil), m.Net.Sizes...),
		Activations:  m.Net.ActNames(),
		Loss:         m.Net.Loss.Name,
		X:            x.ToRows(),
		Y:            y.ToRows(),
		LearningRate: &lr,
	}
	for l := range m.Net.W {
		req.W = append(req.W, m.Net.W[l].ToRows())
		req.B = append(req.B, append([]float64(nil), m.Net.B[l].Data...))
	}
	return trace.Full{Request: req, Trace: trace.Run(m.Net, x, y, lr)}
}

// TraceJSON is Trace's JSON (docs/api.md, "Trace format").
func (m *Model) TraceJSON() ([]byte, error) { return m.Trace().AppendJSON(nil) }

// NextIteration applies one gradient-descent step on the trace's batch:
// the W_next and b_next the trace showed become the network's parameters.
func (m *Model) NextIteration() {
	x, y := m.batch()
	before := m.Net.Clone()
	p := nn.NewPass(m.Net)
	m.Net.Forward(p, x)
	m.Net.Backward(p, y)
	m.Net.Update(p, m.S.LR)
	for l := range m.Net.W {
		if m.Net.W[l].FirstNonFinite() >= 0 || m.Net.B[l].FirstNonFinite() >= 0 {
			// Undo: the page shows the non-finite values in the trace
			// itself; the stage keeps finite parameters.
			for k := range m.Net.W {
				m.Net.W[k].Copy(before.W[k])
				m.Net.B[k].Copy(before.B[k])
			}
			break
		}
	}
	m.Evaluate()
}

// NumPy evaluates a student's NumPy expression on the current iteration's
// matrices: the names of trace.Full.NumPyEnv (docs/numpy.md).
func (m *Model) NumPy(expr string) (*numpy.Array, error) {
	f := m.Trace()
	return numpy.Eval(expr, f.NumPyEnv())
}

// CheckNumPy checks a student's NumPy expression for op i of the current
// iteration against the op's result (trace.Full.CheckNumPy): the names
// are those of the ops before it.
func (m *Model) CheckNumPy(i int, expr string) (trace.Check, error) {
	f := m.Trace()
	if i < 0 || i >= len(f.Ops) {
		return trace.Check{}, fmt.Errorf("op: %d is not an op of the step-through (0 to %d)", i, len(f.Ops)-1)
	}
	return f.CheckNumPy(i, expr), nil
}

// Notebook writes the current iteration as a Jupyter notebook, variant
// "solution" or "exercise", with the page's words (core/notebook).
func (m *Model) Notebook(variant string, w notebook.Words) ([]byte, error) {
	f := m.Trace()
	return notebook.Write(&f, variant, w)
}

// NumPyNames returns the name of op i's result in NumPy and the names an
// expression for it may use (trace.Full.NumPyNamesBefore).
func (m *Model) NumPyNames(i int) (string, []string, error) {
	f := m.Trace()
	if i < 0 || i >= len(f.Ops) {
		return "", nil, fmt.Errorf("op: %d is not an op of the step-through (0 to %d)", i, len(f.Ops)-1)
	}
	return f.Ops[i].Result.PyName(), f.NumPyNamesBefore(i), nil
}
