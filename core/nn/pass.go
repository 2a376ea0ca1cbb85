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

	Rec Recorder // told of each matrix as it is computed; nil in training

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
