package nn

import "nnstep/core/mat"

// Pass holds every matrix of one forward and backward pass over a batch of
// m examples. Reusing a Pass across batches of the same size allocates
// nothing. Index l-1 holds layer l, except A (A[0] = X).
type Pass struct {
	A  []*mat.Dense // A[0] … A[L]
	Z  []*mat.Dense // Z[1] … Z[L]
	DA []*mat.Dense // dA[l] = ∂C/∂A[l]·m (hidden layers; dA[L] only in a trace)
	SP []*mat.Dense // σ'[l](Z[l]) (element-wise layers)
	DZ []*mat.Dense // dZ[l]
	DW []*mat.Dense // dW[l]
	DB []*mat.Dense // db[l]

	// Rec, when not nil, is told of every quantity as the pass computes it
	// (the step-through's trace). Training leaves it nil.
	Rec Recorder

	cost    []float64 // per-example costs
	softmax []float64 // scratch for softmax columns
}

// NewPass returns an empty pass for n; it sizes itself on first use.
func NewPass(n *Network) *Pass {
	L := n.L()
	p := &Pass{A: make([]*mat.Dense, L+1)}
	for i := range p.A {
		p.A[i] = new(mat.Dense)
	}
	for _, s := range []*[]*mat.Dense{&p.Z, &p.DA, &p.SP, &p.DZ, &p.DW, &p.DB} {
		*s = make([]*mat.Dense, L)
		for i := range *s {
			(*s)[i] = new(mat.Dense)
		}
	}
	maxUnits := 0
	for _, u := range n.Sizes {
		maxUnits = max(maxUnits, u)
	}
	p.softmax = make([]float64, 2*maxUnits)
	return p
}

// Quantity names one matrix of a pass, as the lecture writes it.
type Quantity int

// The quantities a Recorder is told of, in the lecture's notation.
const (
	Z     Quantity = iota // Z[l] = W[l]·A[l-1] + b[l]
	A                     // A[l] = σ[l](Z[l])
	DA                    // dA[l]; dA[L] = ∂C_i/∂A[L] (the loss's DA) only when recording
	SP                    // σ'[l](Z[l])
	DZ                    // dZ[l]
	DW                    // dW[l]
	DB                    // db[l]
	WNext                 // W[l] after the update
	BNext                 // b[l] after the update
)

// Recorder is told of each quantity of a pass as soon as it is computed:
// which quantity, the lecture's layer l (1…L) and the matrix that holds it.
// The matrix belongs to the pass or the network and is overwritten by the
// next pass: a Recorder copies what it keeps.
type Recorder interface {
	Record(q Quantity, l int, m *mat.Dense)
}

// record tells p.Rec of a quantity, if anyone listens.
func (p *Pass) record(q Quantity, l int, m *mat.Dense) {
	if p.Rec != nil {
		p.Rec.Record(q, l, m)
	}
}
