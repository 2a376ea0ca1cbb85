// Package diag measures the pathologies of slides 14–17 on a forward and
// backward pass: vanishing or exploding gradients (per-layer gradient
// norms), dead neurons and saturated neurons.
package diag

import (
	"math"

	"nnstep/core/nn"
)

// Report describes one pass of a network over a batch.
type Report struct {
	// GradNorm[l-1] is ‖dW[l]‖, the Frobenius norm of layer l's weight
	// gradient. Norms shrinking towards the input mean a vanishing
	// gradient; growing without bound, an exploding one.
	GradNorm []float64
	// Dead[l-1] counts the units of hidden layer l through which no gradient
	// flows for any example: σ'(Z) = 0 on the whole batch (a ReLU whose
	// input is negative everywhere). Always 0 for the output layer.
	Dead []int
	// Saturated[l-1] is the fraction of (unit, example) pairs of layer l
	// on a plateau of σ: σ'(Z) below act.SaturationThreshold of its
	// largest value (act.Func.Saturated). 0 for activations that do not
	// saturate.
	Saturated []float64
	// SaturatedUnits[l-1] counts the units of layer l saturated on at least
	// 90% of the examples.
	SaturatedUnits []int
}

// Of computes the report from a pass on which Forward and Backward ran.
func Of(net *nn.Network, p *nn.Pass) Report {
	L := net.L()
	r := Report{GradNorm: make([]float64, L), Dead: make([]int, L), Saturated: make([]float64, L), SaturatedUnits: make([]int, L)}
	for l := 0; l < L; l++ {
		r.GradNorm[l] = math.Sqrt(p.DW[l].SumSq())
		a := net.Act[l]
		if a.IsSoftmax() {
			continue
		}
		z := p.Z[l]
		sp := p.SP[l]
		if l == L-1 { // the output's σ' is not part of a cross-entropy pass
			a.Prime(sp, z, p.A[l+1])
		}
		m := z.Cols
		saturating := a.Func.Saturates
		total := 0
		for i := 0; i < z.Rows; i++ {
			row := sp.Row(i)
			zero, sat := 0, 0
			for _, d := range row {
				if d == 0 {
					zero++
				}
				if a.Func.Saturated(d) {
					sat++
				}
			}
			if zero == m && l < L-1 {
				r.Dead[l]++
			}
			if saturating && float64(sat) >= 0.9*float64(m) {
				r.SaturatedUnits[l]++
			}
			total += sat
		}
		if saturating {
			r.Saturated[l] = float64(total) / float64(z.Rows*m)
		}
	}
	return r
}
