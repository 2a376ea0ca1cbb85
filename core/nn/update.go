package nn

import "nnstep/core/mat"

// Step sets w = w − η·dw: one gradient-descent update (slide 38),
// W[l] ← W[l] − η·dW[l] and b[l] ← b[l] − η·db[l].
func Step(w *mat.Dense, eta float64, dw *mat.Dense) {
	w.AddScaled(w, -eta, dw)
}

// Update applies Step to every layer, from the last to the first as the
// slide writes the loop, with the gradients of the last Backward.
func (n *Network) Update(p *Pass, eta float64) {
	for l := n.L() - 1; l >= 0; l-- {
		Step(n.W[l], eta, p.DW[l])
		p.record(QW, l+1, n.W[l])
		Step(n.B[l], eta, p.DB[l])
		p.record(QB, l+1, n.B[l])
	}
}
