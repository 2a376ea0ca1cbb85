package act

import "nnstep/core/mat"

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
	f := l.Func.F
	for i, x := range z.Data {
		a.Data[i] = f(x)
	}
}

// Prime sets d = σ'(z) element by element, given a = σ(z). It panics for
// softmax, whose derivative is a Jacobian (see SoftmaxJVP).
func (l Layer) Prime(d, z, a *mat.Dense) {
	if l.IsSoftmax() {
		panic("act: softmax has a Jacobian, not an element-wise derivative")
	}
	d.Reset(z.Rows, z.Cols)
	df := l.Func.D
	for i, x := range z.Data {
		d.Data[i] = df(x, a.Data[i])
	}
}

// HasKink reports whether σ has a corner or jump at 0 (step and the ReLU
// family), where finite differences do not approximate σ'.
func (l Layer) HasKink() bool {
	switch l.Name {
	case "step", "relu", "leaky_relu", "prelu":
		return true
	}
	return false
}

// TeXName is how the lecture writes σ for this layer: \text{ReLU}, \text{Sigmoid}…
func (l Layer) TeXName() string {
	names := map[string]string{
		"identity": "id", "step": "step", "sigmoid": "Sigmoid", "tanh": "tanh",
		"arctan": "arctan", "relu": "ReLU", "leaky_relu": "LeakyReLU", "prelu": "PReLU",
		"elu": "ELU", "softplus": "SoftPlus", "softmax": "softmax",
	}
	return `\text{` + names[l.Name] + `}`
}
