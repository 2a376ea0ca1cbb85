// Package loss holds the three costs of nnstep, each with the derivatives the
// backward pass starts from:
//
//	bce  binary cross-entropy   C = −(1/m) Σ [y log a + (1−y) log(1−a)]   output sigmoid
//	cce  categorical cross-entropy  C = −(1/m) Σ Σ_k y_k log a_k        output softmax
//	mse  mean squared error     C = 1/(2m) Σ (a − y)²                    any output
//
// The cross-entropies are computed from the logits Z[L] (never from log a),
// so a saturated output gives a large finite cost, not NaN or Inf.
package loss

import (
	"fmt"
	"math"

	"nnstep/core/act"
	"nnstep/core/mat"
	"nnstep/core/num"
)

// Loss is one cost function.
type Loss struct {
	Name   string
	Output string // the output activation it requires, "" for any
	TeX    string // the cost C_i of example i (column i), in the lecture's notation
	DATeX  string // ∂C/∂A[L] for one example
	// AMinusY: with its output activation the loss gives dZ[L] = A[L] − Y,
	// the derivative of the cost and the output's cancelling (slides 33
	// and 45); otherwise dZ[L] = dA[L] ∗ σ'[L](Z[L]).
	AMinusY bool
	// NumPyCi and NumPyDA are C_i (a 1×m row) and ∂C/∂A[L] as NumPy
	// expressions of the arrays z = Z[L], a = A[L] and y = Y, computed as
	// perExample and da are (the cross-entropies from the logits).
	NumPyCi, NumPyDA string

	perExample func(c []float64, z, a, y *mat.Dense) // adds each example's cost to c
	da         func(d, z, a, y *mat.Dense)           // ∂C/∂A[L], d sized like a
	targets    func(y *mat.Dense) error              // what Y must hold, nil when anything goes
}

var losses = []*Loss{
	{Name: "bce", Output: "sigmoid", AMinusY: true,
		TeX:        `-y_i \log(A^{[L]}_i) - (1-y_i) \log(1-A^{[L]}_i)`,
		DATeX:      `\frac{-y}{A^{[L]}} + \frac{1-y}{1-A^{[L]}}`,
		NumPyCi:    `np.sum(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z), axis=0, keepdims=True)`,
		NumPyDA:    `-y * (1 + np.exp(-z)) + (1 - y) * (1 + np.exp(z))`,
		perExample: bcePerExample, da: bceDA, targets: bceTargets},
	{Name: "cce", Output: act.Softmax, AMinusY: true,
		TeX:        `-\sum_{k=1}^{K} y_{k,i} \log(A^{[L]}_{k,i})`,
		DATeX:      `\frac{-y}{A^{[L]}}`,
		NumPyCi:    `-np.sum(y * (z - np.max(z, axis=0, keepdims=True) - np.log(np.sum(np.exp(z - np.max(z, axis=0, keepdims=True)), axis=0, keepdims=True))), axis=0, keepdims=True)`,
		NumPyDA:    `-y / a`,
		perExample: ccePerExample, da: cceDA, targets: cceTargets},
	{Name: "mse", Output: "",
		TeX:        `\frac{1}{2}(A^{[L]}_i - y_i)^2`,
		DATeX:      `A^{[L]} - y`,
		NumPyCi:    `np.sum(0.5 * (a - y) ** 2, axis=0, keepdims=True)`,
		NumPyDA:    `a - y`,
		perExample: msePerExample, da: mseDA},
}

// Get returns the loss called name.
func Get(name string) (*Loss, error) {
	for _, l := range losses {
		if l.Name == name {
			return l, nil
		}
	}
	return nil, fmt.Errorf("unknown loss %q (known: bce, cce, mse)", name)
}

// Fits reports whether the loss may follow the output activation out.
func (l *Loss) Fits(out string) error {
	if l.Output != "" && l.Output != out {
		return fmt.Errorf("loss %s needs a %s output layer, got %s", l.Name, l.Output, out)
	}
	return nil
}

// PerExample sets c[j] to the cost of example j (column j). z, a and y are
// the output layer's logits, activations and targets.
func (l *Loss) PerExample(c []float64, z, a, y *mat.Dense) {
	clear(c[:z.Cols])
	l.perExample(c, z, a, y)
}

// bcePerExample: −y log σ(z) − (1−y) log(1−σ(z)) = y·softplus(−z) + (1−y)·softplus(z).
func bcePerExample(c []float64, z, a, y *mat.Dense) {
	m := z.Cols
	for i, zi := range z.Data {
		yi := y.Data[i]
		c[i%m] += yi*num.Softplus(-zi) + (1-yi)*num.Softplus(zi)
	}
}

// ccePerExample: −Σ_k y_k log a_k with log a_k = z_k − logsumexp(z).
func ccePerExample(c []float64, z, a, y *mat.Dense) {
	m := z.Cols
	for j := 0; j < m; j++ {
		lse := logSumExpCol(z, j)
		for i := 0; i < z.Rows; i++ {
			if yk := y.Data[i*m+j]; yk != 0 {
				c[j] -= yk * (z.Data[i*m+j] - lse)
			}
		}
	}
}

// msePerExample: ½ Σ_k (a_k − y_k)².
func msePerExample(c []float64, z, a, y *mat.Dense) {
	m := z.Cols
	for i, ai := range a.Data {
		d := ai - y.Data[i]
		c[i%m] += 0.5 * d * d
	}
}

// Cost returns C, the cost averaged over the m examples. c is scratch of at
// least m values (nil allocates).
func (l *Loss) Cost(z, a, y *mat.Dense, c []float64) float64 {
	if cap(c) < z.Cols {
		c = make([]float64, z.Cols)
	}
	c = c[:z.Cols]
	l.PerExample(c, z, a, y)
	var s float64
	for _, v := range c {
		s += v
	}
	return s / float64(z.Cols)
}

// DA sets d = ∂C/∂A[L] for each example (slide 31 for bce). It is what the
// lesson shows before the simplification dZ[L] = A[L] − Y; training does not
// need it. Fractions are computed from the logits (1/σ(z) = 1 + e^−z) and
// capped at ±MaxFloat64, so a saturated output shows a huge finite number.
func (l *Loss) DA(d, z, a, y *mat.Dense) {
	d.Reset(a.Rows, a.Cols)
	l.da(d, z, a, y)
}

// bceDA: −y/a + (1−y)/(1−a).
func bceDA(d, z, a, y *mat.Dense) {
	for i, zi := range z.Data {
		yi := y.Data[i]
		var v float64
		if yi != 0 {
			v -= yi * (1 + num.Exp(-zi))
		}
		if yi != 1 {
			v += (1 - yi) * (1 + num.Exp(zi))
		}
		d.Data[i] = capped(v)
	}
}

// cceDA: −y/a.
func cceDA(d, z, a, y *mat.Dense) {
	m := z.Cols
	for j := 0; j < m; j++ {
		lse := logSumExpCol(z, j)
		for i := 0; i < z.Rows; i++ {
			k := i*m + j
			if yk := y.Data[k]; yk != 0 {
				d.Data[k] = capped(-yk * num.Exp(lse-z.Data[k]))
			} else {
				d.Data[k] = 0
			}
		}
	}
}

// mseDA: a − y.
func mseDA(d, z, a, y *mat.Dense) { d.Sub(a, y) }

// CheckTargets makes sure Y means something for the loss: probabilities in
// [0, 1] for bce, columns of a distribution (≥ 0, summing to 1) for cce.
func (l *Loss) CheckTargets(y *mat.Dense) error {
	if l.targets == nil {
		return nil
	}
	return l.targets(y)
}

func bceTargets(y *mat.Dense) error {
	for i, v := range y.Data {
		if v < 0 || v > 1 {
			return fmt.Errorf("Y[%d][%d]: bce needs targets between 0 and 1, got %v", i/y.Cols, i%y.Cols, v)
		}
	}
	return nil
}

func cceTargets(y *mat.Dense) error {
	for j := 0; j < y.Cols; j++ {
		var s float64
		for i := 0; i < y.Rows; i++ {
			v := y.At(i, j)
			if v < 0 {
				return fmt.Errorf("Y[%d][%d]: cce needs targets ≥ 0, got %v", i, j, v)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-9 {
			return fmt.Errorf("Y: column %d sums to %v; cce needs one-hot columns (summing to 1)", j, s)
		}
	}
	return nil
}

// OutputDZ sets dZ[L], the start of the backward pass:
//
//	bce, cce:  dZ[L] = A[L] − Y                      (slides 33 and 45)
//	mse:       dZ[L] = (A[L] − Y) ∗ σ'[L](Z[L])      (softmax: its Jacobian applied to A[L] − Y)
//
// prime is scratch for σ'(Z[L]) (mse only).
func (l *Loss) OutputDZ(dz, z, a, y, prime *mat.Dense, out act.Layer) {
	dz.Sub(a, y)
	if l.AMinusY {
		return
	}
	if out.IsSoftmax() {
		act.SoftmaxJVP(dz, a, dz)
		return
	}
	out.Prime(prime, z, a)
	dz.MulElem(dz, prime)
}

func logSumExpCol(z *mat.Dense, j int) float64 {
	mx := math.Inf(-1)
	for i := 0; i < z.Rows; i++ {
		mx = math.Max(mx, z.Data[i*z.Cols+j])
	}
	var s float64
	for i := 0; i < z.Rows; i++ {
		s += num.Exp(z.Data[i*z.Cols+j] - mx)
	}
	return mx + num.Log(s)
}

func capped(v float64) float64 {
	switch {
	case v > math.MaxFloat64:
		return math.MaxFloat64
	case v < -math.MaxFloat64:
		return -math.MaxFloat64
	}
	return v
}
