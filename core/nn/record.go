package nn

import "nnstep/core/mat"

// Quantity names a matrix a pass computes, for a Recorder.
type Quantity uint8

const (
	QZ     Quantity = iota // Z[l] = W[l]·A[l-1] + b[l]
	QA                     // A[l] = σ[l](Z[l])
	QDZ                    // dZ[l]; for l = L it comes from the loss (Loss.OutputDZ)
	QDW                    // dW[l] = (1/m)·dZ[l]·A[l-1]ᵀ
	QDB                    // db[l] = (1/m)·Σ dZ[l]
	QDA                    // dA[l] = W[l+1]ᵀ·dZ[l+1], hidden layers
	QPrime                 // σ'[l](Z[l]), hidden layers
	QW                     // W[l] after the update
	QB                     // b[l] after the update
)

// A Recorder, set as Pass.Rec, is told of each matrix of Forward, Backward
// and Update as soon as it is computed, in the order of the lecture's
// slides: the step-through's trace (core/trace) is this record, so the
// trace and training run the same code. v belongs to the pass or the
// network and changes with the next pass: a Recorder copies what it keeps.
// Training leaves Rec nil.
type Recorder interface {
	Record(q Quantity, layer int, v *mat.Dense)
}

func (p *Pass) record(q Quantity, layer int, v *mat.Dense) {
	if p.Rec != nil {
		p.Rec.Record(q, layer, v)
	}
}
