package act

import (
	"nnstep/core/mat"
	"nnstep/core/num"
)

// Layer is the activation σ[l] of one layer: an element-wise Func, or softmax
// (Func nil) for a multi-class output layer.
type Layer struct {
	Name string
	Func *Func // nil for softmax
}

// ForLayer returns the activation of a layer by name.
func ForLayer(name string) (Layer, error) {
	if name == Softmax {
		return Layer{Name: Softmax}, nil
	}
	f, err := Get(name)
	if err != nil {
		return Layer{}, err
	}
	return Layer{Name: name, Func: f}, nil
}

// IsSoftmax reports whether the layer is a softmax output.
func (l Layer) IsSoftmax() bool { return l.Func == nil }

// Forward sets a = σ(z). a may be z. scratch is as in SoftmaxCols.
func (l Layer) Forward(a, z *mat.Dense, scratch []float64) {
	if l.IsSoftmax() {
		SoftmaxCols(a, z, scratch)
		return
	}
	a.Reset(z.Rows, z.Cols)
	zs := z.Data
	as := a.Data[:len(zs)]
	// One loop per common σ, chosen outside the loop, so that the element
	// function is called directly (or inlined) instead of through F.
	switch l.Func {
	case tanhF:
		num.TanhTo(as, zs)
	case sigmoidF:
		for i, x := range zs {
			as[i] = num.Sigmoid(x)
		}
	case identityF:
		copy(as, zs)
	case reluF:
		for i, x := range zs {
			as[i] = leaky(x, 0)
		}
	default:
		f := l.Func.F
		for i, x := range zs {
			as[i] = f(x)
		}
	}
}

// Prime sets d = σ'(z) element by element, given a = σ(z). It panics for
// softmax, whose derivative is a Jacobian (see SoftmaxJVP).
func (l Layer) Prime(d, z, a *mat.Dense) {
	if l.IsSoftmax() {
		panic("act: softmax has a Jacobian, not an element-wise derivative")
	}
	d.Reset(z.Rows, z.Cols)
	zs := z.Data
	as, ds := a.Data[:len(zs)], d.Data[:len(zs)]
	switch l.Func {
	case tanhF: // 1 − f(x)²
		for i, fx := range as {
			ds[i] = 1 - float64(fx*fx)
		}
	case sigmoidF: // f(x)(1 − f(x))
		for i, fx := range as {
			ds[i] = fx * (1 - fx)
		}
	case identityF:
		for i := range ds {
			ds[i] = 1
		}
	case reluF:
		for i, x := range zs {
			ds[i] = leakyD(x, 0)
		}
	default:
		df := l.Func.D
		for i, x := range zs {
			ds[i] = df(x, as[i])
		}
	}
}

// HasKink reports whether σ has a corner or jump at 0 (Func.Kink), where
// finite differences do not approximate σ'. Softmax has none.
func (l Layer) HasKink() bool { return l.Func != nil && l.Func.Kink }

// Init is the weight initialisation of the layer (Func.Init; Glorot for
// softmax).
func (l Layer) Init() Init {
	if l.Func == nil {
		return Glorot
	}
	return l.Func.Init
}

// SoftmaxSymbol is how the lecture writes softmax in A[L] = softmax(Z[L]).
const SoftmaxSymbol = `\text{softmax}`

// TeXName is how the lecture writes σ for this layer (Func.Symbol):
// \text{ReLU}, \text{Sigmoid}…
func (l Layer) TeXName() string {
	if l.Func == nil {
		return SoftmaxSymbol
	}
	return l.Func.Symbol
}
