package train

import (
	"nnstep/core/mat"
	"nnstep/core/nn"
)

// Evaluator measures a network on a fixed dataset without allocating after
// its first call.
type Evaluator struct {
	X, Y *mat.Dense
	pass *nn.Pass
}

// NewEvaluator returns an evaluator of net's architecture on (x, y).
func NewEvaluator(net *nn.Network, x, y *mat.Dense) *Evaluator {
	return &Evaluator{X: x, Y: y, pass: nn.NewPass(net)}
}

// Metrics is what an evaluation reports.
type Metrics struct {
	Loss     float64
	Accuracy float64 // fraction of examples classified right; NaN for regression (mse on a real target)
}

// Eval runs the forward pass and returns the cost and the accuracy.
// classes is 0 for regression, 2 for one sigmoid/threshold output, k for
// a k-unit output (argmax).
func (e *Evaluator) Eval(net *nn.Network, classes int) Metrics {
	net.Forward(e.pass, e.X)
	m := Metrics{Loss: net.Cost(e.pass, e.Y), Accuracy: nanValue()}
	if classes == 0 {
		return m
	}
	out := e.pass.Output()
	right := 0
	for j := 0; j < out.Cols; j++ {
		if Predict(out, j) == Predict(e.Y, j) {
			right++
		}
	}
	m.Accuracy = float64(right) / float64(out.Cols)
	return m
}

// Confusion returns counts[true class][predicted class] of the last Eval.
func (e *Evaluator) Confusion(classes int) [][]int {
	k := max(classes, 2)
	c := make([][]int, k)
	for i := range c {
		c[i] = make([]int, k)
	}
	out := e.pass.Output()
	for j := 0; j < out.Cols; j++ {
		c[Predict(e.Y, j)][Predict(out, j)]++
	}
	return c
}

// Predict returns the class of column j of an output or target matrix: the
// argmax of a multi-row column, or (value ≥ 0.5) for a single row.
func Predict(a *mat.Dense, j int) int {
	if a.Rows == 1 {
		if a.Data[j] >= 0.5 {
			return 1
		}
		return 0
	}
	best := 0
	for i := 1; i < a.Rows; i++ {
		if a.Data[i*a.Cols+j] > a.Data[best*a.Cols+j] {
			best = i
		}
	}
	return best
}

// Pass returns the forward pass of the last Eval, for diagnostics.
func (e *Evaluator) Pass() *nn.Pass { return e.pass }
