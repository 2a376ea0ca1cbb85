// Package act holds the activation functions of the lecture's table, each
// with its derivative beside it, exactly as the slide writes them (including
// the value at 0), plus softmax for a multi-class output layer.
package act

import (
	"fmt"
	"math"
	"strings"

	"nnstep/core/num"
)

// Func is one activation σ with its derivative σ'. D receives both x and
// f(x) because the lecture writes several derivatives through f(x)
// (logistic: f(x)(1−f(x)), tanh: 1−f(x)², ELU: f(x)+α).
type Func struct {
	Name  string
	Alpha float64 // the α of PReLU, Leaky ReLU and ELU; 0 elsewhere

	F func(x float64) float64
	D func(x, fx float64) float64

	TeX  string // f(x) in LaTeX, as on the slide
	DTeX string // f'(x) in LaTeX, as on the slide
	// Symbol is how the lecture writes σ in A[l] = σ(Z[l]): \text{ReLU}…
	Symbol string

	// Kink: f has a corner or a jump at 0 (step and the ReLU family), where
	// finite differences do not approximate f'.
	Kink bool
	// Init is the weight initialisation of a layer with this activation.
	Init Init
	// Param, for the functions with an α (Leaky ReLU, PReLU, ELU), builds f
	// and f' for a given α; nil elsewhere. Alpha is then the default α, and
	// AlphaRange the explorer's slider: min, max, step.
	Param      func(a float64) (f func(x float64) float64, d func(x, fx float64) float64)
	AlphaRange [3]float64
	// NumPyF and NumPyD are f and f' as NumPy expressions of the arrays z
	// and a = f(z) and of the number alpha, for the page's NumPy export and
	// each op's NumPy (core/trace fills in the layer's names).
	NumPyF, NumPyD string

	// Saturates: f flattens into a plateau on at least one side, so σ'
	// tends to 0 there without being 0 on a whole interval (ReLU's x < 0 is
	// a zero gradient, not a plateau).
	Saturates bool
	// MaxD is the largest value of |f'|, the reference of
	// SaturationThreshold.
	MaxD float64
}

// HasAlpha reports whether f has an adjustable α (Leaky ReLU, PReLU, ELU).
func (f *Func) HasAlpha() bool { return f.Param != nil }

// Init is a weight initialisation: the standard deviation of the normal
// distribution the weights of a layer are drawn from.
type Init int

const (
	// Glorot (Xavier): std √(2/(n[l-1]+n[l])), which keeps both the forward
	// signal and the backward gradient near unit variance around 0, where
	// the saturating functions are steepest.
	Glorot Init = iota
	// He: std √(2/n[l-1]). Half of a ReLU's inputs are cut off, so doubling
	// the variance keeps the signal's scale from layer to layer.
	He
)

// Std returns the standard deviation of the weights of a layer with nIn
// inputs and nOut units.
func (i Init) Std(nIn, nOut int) float64 {
	if i == He {
		return math.Sqrt(2 / float64(nIn))
	}
	return math.Sqrt(2 / float64(nIn+nOut))
}

// String is the initialisation's name: "glorot" or "he".
func (i Init) String() string {
	if i == He {
		return "he"
	}
	return "glorot"
}

// SaturationThreshold is the one threshold of saturation in nnstep: a
// saturating unit is on a plateau where its σ' is below this fraction of
// the function's largest derivative MaxD. The activation explorer shades
// these regions and core/diag counts these (unit, example) pairs.
const SaturationThreshold = 0.05

// Saturated reports whether a derivative value d of f lies on one of f's
// plateaus: f saturates and |d| < SaturationThreshold·MaxD.
func (f *Func) Saturated(d float64) bool {
	return f.Saturates && math.Abs(d) < SaturationThreshold*f.MaxD
}

// The table's entries that Layer.Forward and Layer.Prime run with a loop of
// their own (same formulas as their F and D).
var (
	identityF = lookup("identity")
	sigmoidF  = lookup("sigmoid")
	tanhF     = lookup("tanh")
	reluF     = lookup("relu")
)

func lookup(name string) *Func {
	f, err := Get(name)
	if err != nil {
		panic(err)
	}
	return f
}

// Softmax is the name of the output-layer activation that acts on a whole
// column instead of element by element; see SoftmaxCols.
const Softmax = "softmax"

// SoftmaxNumPy is softmax in its stable form as a NumPy expression of the
// array z, column by column, as NumPyF is for the table's functions.
const SoftmaxNumPy = `np.exp(z - np.max(z, axis=0, keepdims=True)) / np.sum(np.exp(z - np.max(z, axis=0, keepdims=True)), axis=0, keepdims=True)`

// The table, in the lecture's order, plus Leaky ReLU.
var table = []*Func{
	{
		Name: "identity", Symbol: `\text{id}`,
		NumPyF: `z`, NumPyD: `np.ones_like(z)`,
		F:   func(x float64) float64 { return x },
		D:   func(x, fx float64) float64 { return 1 },
		TeX: `x`, DTeX: `1`,
		MaxD: 1,
	},
	{
		Name: "step", Symbol: `\text{step}`, Kink: true,
		NumPyF: `np.where(z < 0, 0.0, 1.0)`, NumPyD: `np.zeros_like(z)`,
		F: func(x float64) float64 {
			if x < 0 {
				return 0
			}
			return 1
		},
		// f' is 0 for x ≠ 0 and f is not differentiable at 0 (the slide
		// writes "?"); nnstep takes 0 there too, so a step layer passes no
		// gradient back (the reason it is not trained).
		D:   func(x, fx float64) float64 { return 0 },
		TeX: `\begin{cases} 0 & x < 0 \\ 1 & x \geq 0 \end{cases}`, DTeX: `0 \quad (x \neq 0)`,
	},
	{
		Name: "sigmoid", Symbol: `\text{Sigmoid}`,
		NumPyF: `1 / (1 + np.exp(-z))`, NumPyD: `a * (1 - a)`,
		F:   num.Sigmoid,
		D:   func(x, fx float64) float64 { return fx * (1 - fx) },
		TeX: `\frac{1}{1 + e^{-x}}`, DTeX: `f(x)(1 - f(x))`,
		Saturates: true, MaxD: 0.25,
	},
	{
		Name: "tanh", Symbol: `\text{tanh}`,
		NumPyF: `np.tanh(z)`, NumPyD: `1 - a ** 2`,
		F:   num.Tanh,
		D:   func(x, fx float64) float64 { return 1 - fx*fx },
		TeX: `\tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}`, DTeX: `1 - f(x)^2`,
		Saturates: true, MaxD: 1,
	},
	{
		Name: "arctan", Symbol: `\text{arctan}`,
		NumPyF: `np.arctan(z)`, NumPyD: `1 / (z ** 2 + 1)`,
		F:   math.Atan,
		D:   func(x, fx float64) float64 { return 1 / (x*x + 1) },
		TeX: `\tan^{-1}(x)`, DTeX: `\frac{1}{x^2 + 1}`,
		Saturates: true, MaxD: 1,
	},
	{
		Name: "relu", Symbol: `\text{ReLU}`, Kink: true, Init: He,
		NumPyF: `np.where(z < 0, 0.0, z)`, NumPyD: `np.where(z < 0, 0.0, 1.0)`,
		F: func(x float64) float64 { return leaky(x, 0) },
		// f'(0) = 1 is a convention, as on the slide: ReLU has a corner at 0.
		D:    func(x, fx float64) float64 { return leakyD(x, 0) },
		TeX:  `\begin{cases} 0 & x < 0 \\ x & x \geq 0 \end{cases}`,
		DTeX: `\begin{cases} 0 & x < 0 \\ 1 & x \geq 0 \end{cases}`,
		MaxD: 1,
	},
	{
		Name: "leaky_relu", Symbol: `\text{LeakyReLU}`, Kink: true, Init: He,
		NumPyF: `np.where(z < 0, alpha * z, z)`, NumPyD: `np.where(z < 0, alpha, 1.0)`,
		Alpha: 0.01, Param: leakyParam, AlphaRange: [3]float64{0, 0.5, 0.01},
		TeX:  `\begin{cases} \alpha x & x < 0 \\ x & x \geq 0 \end{cases}`,
		DTeX: `\begin{cases} \alpha & x < 0 \\ 1 & x \geq 0 \end{cases}`,
		MaxD: 1, // max(1, α)
	},
	{
		Name: "prelu", Symbol: `\text{PReLU}`, Kink: true, Init: He,
		NumPyF: `np.where(z < 0, alpha * z, z)`, NumPyD: `np.where(z < 0, alpha, 1.0)`,
		Alpha: 0.25, Param: leakyParam, AlphaRange: [3]float64{0, 1, 0.01},
		TeX:  `\begin{cases} \alpha x & x < 0 \\ x & x \geq 0 \end{cases}`,
		DTeX: `\begin{cases} \alpha & x < 0 \\ 1 & x \geq 0 \end{cases}`,
		MaxD: 1, // max(1, α)
	},
	{
		Name: "elu", Symbol: `\text{ELU}`, Init: He,
		NumPyF: `np.where(z < 0, alpha * np.expm1(np.minimum(z, 0)), z)`, NumPyD: `np.where(z < 0, a + alpha, 1.0)`,
		Alpha: 1, Param: eluParam, AlphaRange: [3]float64{0.1, 3, 0.05},
		TeX:       `\begin{cases} \alpha(e^x - 1) & x < 0 \\ x & x \geq 0 \end{cases}`,
		DTeX:      `\begin{cases} f(x) + \alpha & x < 0 \\ 1 & x \geq 0 \end{cases}`,
		Saturates: true, MaxD: 1, // max(1, α)
	},
	{
		Name: "softplus", Symbol: `\text{SoftPlus}`,
		NumPyF: `np.logaddexp(0, z)`, NumPyD: `1 / (1 + np.exp(-z))`,
		F:   num.Softplus,
		D:   func(x, fx float64) float64 { return num.Sigmoid(x) },
		TeX: `\log_e(1 + e^x)`, DTeX: `\frac{1}{1 + e^{-x}}`,
		Saturates: true, MaxD: 1,
	},
}

func init() {
	// The functions with an α get f and f' from Param at their default α.
	for _, f := range table {
		if f.Param != nil {
			f.F, f.D = f.Param(f.Alpha)
		}
	}
}

func leakyParam(a float64) (func(x float64) float64, func(x, fx float64) float64) {
	return func(x float64) float64 { return leaky(x, a) },
		func(x, fx float64) float64 { return leakyD(x, a) }
}

func eluParam(a float64) (func(x float64) float64, func(x, fx float64) float64) {
	return func(x float64) float64 { return elu(x, a) },
		func(x, fx float64) float64 {
			if x < 0 {
				return fx + a
			}
			return 1
		}
}

func leaky(x, a float64) float64 {
	switch {
	case x >= 0:
		return x
	case a == 0: // ReLU: a true 0, not the −0 of 0·x
		return 0
	}
	return a * x
}

func leakyD(x, a float64) float64 {
	if x < 0 {
		return a
	}
	return 1
}

func elu(x, a float64) float64 {
	if x < 0 {
		return a * math.Expm1(x)
	}
	return x
}

// WithAlpha returns a copy of the parametric function f (PReLU, Leaky ReLU,
// ELU) using α = a, for the activation explorer. Other functions are
// returned unchanged.
func (f *Func) WithAlpha(a float64) *Func {
	if f.Param == nil {
		return f
	}
	g := *f
	g.MaxD = math.Max(1, math.Abs(a))
	g.Alpha = a
	g.F, g.D = f.Param(a)
	return &g
}

// Names lists the element-wise activations in the lecture's order.
func Names() []string {
	out := make([]string, len(table))
	for i, f := range table {
		out[i] = f.Name
	}
	return out
}

// Get returns the element-wise activation called name.
func Get(name string) (*Func, error) {
	for _, f := range table {
		if f.Name == name {
			return f, nil
		}
	}
	if name == Softmax {
		return nil, fmt.Errorf("softmax acts on a whole column, not element by element")
	}
	return nil, fmt.Errorf("unknown activation %q (known: %s, softmax)", name, strings.Join(Names(), ", "))
}

// Valid reports whether name is an activation nnstep knows, softmax included.
func Valid(name string) bool {
	_, err := Get(name)
	return err == nil || name == Softmax
}
