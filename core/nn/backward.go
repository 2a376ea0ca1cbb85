package nn

import "nnstep/core/mat"

// The backward pass, one equation per function, in the lecture's notation
// (slides 29–37; docs/api.md). dZ is the per-example derivative: the 1/m of
// the averaged cost is applied in GradW and GradB.

// BackDA sets dA[l] = W[l+1]ᵀ·dZ[l+1]: the gradient flowing back into the
// activations of layer l through the weights of layer l+1 (slide 34,
// ∂Z[l+1]/∂A[l] = W[l+1]).
func BackDA(dA, wNext, dzNext *mat.Dense) {
	dA.MulTA(wNext, dzNext)
}

// BackDZ sets dZ[l] = dA[l] ∗ σ'[l](Z[l]), the element-wise chain through the
// activation. With BackDA it is the lecture's hidden-layer equation
//
//	dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ σ'[l](Z[l])
//
// sp holds σ'[l](Z[l]) (act.Layer.Prime). dz may be dA.
func BackDZ(dz, dA, sp *mat.Dense) {
	dz.MulElem(dA, sp)
}

// GradW sets dW[l] = (1/m)·dZ[l]·A[l-1]ᵀ (slide 35).
func GradW(dw, dz, aPrev *mat.Dense) {
	dw.MulTB(dz, aPrev)
	dw.Scale(1/float64(dz.Cols), dw)
}

// GradB sets db[l] = (1/m)·Σ over examples of dZ[l] (slide 36).
func GradB(db, dz *mat.Dense) {
	db.SumCols(dz)
	db.Scale(1/float64(dz.Cols), db)
}

// Backward runs the backward pass after Forward, against targets Y, filling
// p.DZ, p.DW, p.DB (and the hidden p.DA, p.SP):
//
//	dZ[L] = A[L] − Y                          (bce, cce; loss.OutputDZ for mse)
//	dW[l] = (1/m)·dZ[l]·A[l-1]ᵀ,  db[l] = (1/m)·Σ dZ[l]
//	dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ σ'[l](Z[l])     for l = L-1 … 1
func (n *Network) Backward(p *Pass, y *mat.Dense) {
	L := n.L()
	n.Loss.OutputDZ(p.DZ[L-1], p.Z[L-1], p.A[L], y, p.SP[L-1], n.Act[L-1])
	p.record(QDZ, L, p.DZ[L-1])
	for l := L - 1; l >= 0; l-- {
		GradW(p.DW[l], p.DZ[l], p.A[l])
		p.record(QDW, l+1, p.DW[l])
		GradB(p.DB[l], p.DZ[l])
		p.record(QDB, l+1, p.DB[l])
		if l > 0 {
			BackDA(p.DA[l-1], n.W[l], p.DZ[l])
			p.record(QDA, l, p.DA[l-1])
			n.Act[l-1].Prime(p.SP[l-1], p.Z[l-1], p.A[l])
			p.record(QPrime, l, p.SP[l-1])
			BackDZ(p.DZ[l-1], p.DA[l-1], p.SP[l-1])
			p.record(QDZ, l, p.DZ[l-1])
		}
	}
}
