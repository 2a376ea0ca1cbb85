package nn

import "nnstep/core/mat"

// Linear sets z = W·a + b, the first half of a layer (slide 20):
//
//	Z[l] = W[l]·A[l-1] + b[l]
//
// b is added to every column: one column per example.
func Linear(z, w, aPrev, b *mat.Dense) {
	z.Mul(w, aPrev)
	z.AddCol(z, b)
}

// Forward runs the forward pass on X (features in rows, examples in
// columns), filling p.A and p.Z:
//
//	A[0] = X,   Z[l] = W[l]·A[l-1] + b[l],   A[l] = σ[l](Z[l])   for l = 1…L
func (n *Network) Forward(p *Pass, x *mat.Dense) {
	p.A[0].Copy(x)
	for l := range n.W {
		Linear(p.Z[l], n.W[l], p.A[l], n.B[l])
		p.record(QZ, l+1, p.Z[l])
		n.Act[l].Forward(p.A[l+1], p.Z[l], p.softmax)
		p.record(QA, l+1, p.A[l+1])
	}
}

// Output returns A[L], the prediction ŷ of the last Forward.
func (p *Pass) Output() *mat.Dense { return p.A[len(p.A)-1] }

// Cost returns C averaged over the batch of the last Forward, against Y.
func (n *Network) Cost(p *Pass, y *mat.Dense) float64 {
	L := n.L()
	return n.Loss.Cost(p.Z[L-1], p.A[L], y, p.growCost(y.Cols))
}

// PerExampleCost returns the cost of each example of the last Forward.
func (n *Network) PerExampleCost(p *Pass, y *mat.Dense) []float64 {
	L := n.L()
	c := make([]float64, y.Cols)
	n.Loss.PerExample(c, p.Z[L-1], p.A[L], y)
	return c
}

func (p *Pass) growCost(m int) []float64 {
	if cap(p.cost) < m {
		p.cost = make([]float64, m)
	}
	return p.cost[:m]
}
