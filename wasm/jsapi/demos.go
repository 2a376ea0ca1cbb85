package jsapi

// This file holds the lesson's computations as plain Go (no syscall/js), so
// they are tested natively; bridge.go converts them to and from JS values.
// Every number comes from core: these functions only choose what to run.

import (
	"errors"
	"fmt"
	"math"

	"nnstep/core/act"
	"nnstep/core/data"
	"nnstep/core/diag"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/trace"
	"nnstep/core/train"
)

// ActInfo describes one activation of the lecture's table for the explorer.
type ActInfo struct {
	Name     string  `json:"name"`
	Alpha    float64 `json:"alpha"`    // default α; 0 when the function has none
	HasAlpha bool    `json:"hasAlpha"` // α is adjustable (Leaky ReLU, PReLU, ELU)
	// AlphaRange is the explorer's α slider, [min, max, step]; absent
	// without α.
	AlphaRange []float64 `json:"alphaRange,omitempty"`
	TeX        string    `json:"tex"`    // f(x)
	DTeX       string    `json:"dtex"`   // f'(x)
	Symbol     string    `json:"symbol"` // σ in A = σ(Z), TeX: \text{ReLU}
	Kink       bool      `json:"kink"`   // a corner or jump at 0 (act.Func.Kink)
	Init       string    `json:"init"`   // the weights' initialisation: "he" or "glorot"
	// NumPyF, NumPyD: f and f' in NumPy, of z, a = f(z) and alpha.
	NumPyF    string  `json:"numpyF"`
	NumPyD    string  `json:"numpyD"`
	Saturates bool    `json:"saturates"` // f has a plateau (act.Func.Saturates)
	MaxD      float64 `json:"maxD"`      // the largest |f'|
	// SatThreshold is act.SaturationThreshold: f' below this fraction of
	// MaxD is a plateau, the one threshold of the explorer and diagnose.
	SatThreshold float64 `json:"satThreshold"`
}

func info(f *act.Func) ActInfo {
	a := ActInfo{Name: f.Name, Alpha: f.Alpha, HasAlpha: f.HasAlpha(), TeX: f.TeX, DTeX: f.DTeX,
		Symbol: f.Symbol, Kink: f.Kink, Init: f.Init.String(), NumPyF: f.NumPyF, NumPyD: f.NumPyD,
		Saturates: f.Saturates, MaxD: f.MaxD, SatThreshold: act.SaturationThreshold}
	if f.HasAlpha() {
		a.AlphaRange = f.AlphaRange[:]
	}
	return a
}

// Activations lists the element-wise activations in the lecture's order.
func Activations() []ActInfo {
	var out []ActInfo
	for _, name := range act.Names() {
		f, _ := act.Get(name)
		out = append(out, info(f))
	}
	return out
}

// Curve is f and f' sampled at the given points.
type Curve struct {
	ActInfo
	F []float64 `json:"f"`
	D []float64 `json:"d"`
}

// ActivationCurve samples activation name (with α = alpha where it applies;
// NaN keeps the default) at xs.
func ActivationCurve(name string, alpha float64, xs []float64) (Curve, error) {
	f, err := act.Get(name)
	if err != nil {
		return Curve{}, err
	}
	if f.HasAlpha() && !math.IsNaN(alpha) {
		if math.IsInf(alpha, 0) {
			return Curve{}, fmt.Errorf("alpha: must be finite, got %v", alpha)
		}
		f = f.WithAlpha(alpha)
	}
	c := Curve{ActInfo: info(f), F: make([]float64, len(xs)), D: make([]float64, len(xs))}
	for i, x := range xs {
		fx := f.F(x)
		c.F[i], c.D[i] = fx, f.D(x, fx)
	}
	return c, nil
}

// SoftmaxResult is the softmax of one vector computed both ways, with the
// Jacobian of the stable result (slide 44).
type SoftmaxResult struct {
	Naive    []float64   `json:"naive"`
	Stable   []float64   `json:"stable"`
	Jacobian [][]float64 `json:"jacobian"`
	Sum      float64     `json:"sum"` // Σ stable, 1 up to rounding
}

// Softmax computes the slide's naive and stable forms of softmax(z).
func Softmax(z []float64) (SoftmaxResult, error) {
	if len(z) == 0 {
		return SoftmaxResult{}, errors.New("z: empty vector")
	}
	if len(z) > nn.MaxUnits {
		return SoftmaxResult{}, fmt.Errorf("z: at most %d values, got %d", nn.MaxUnits, len(z))
	}
	for i, v := range z {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return SoftmaxResult{}, fmt.Errorf("z[%d]: %v is not a finite number", i, v)
		}
	}
	r := SoftmaxResult{Naive: act.SoftmaxNaive(z), Stable: act.SoftmaxStable(z)}
	r.Jacobian = act.SoftmaxJacobian(r.Stable)
	for _, v := range r.Stable {
		r.Sum += v
	}
	return r, nil
}

// NeuronResult is one artificial neuron (slide 4) on one input, and
// optionally its output over a grid of the input plane.
type NeuronResult struct {
	Z float64 `json:"z"` // z = w·x + b
	A float64 `json:"a"` // a = σ(z)
	// Plane holds σ(w·x + b) on a grid×grid sampling of [-1, 1]² (row r is
	// x2 = 1 − (r+½)·2/grid, column c is x1 = −1 + (c+½)·2/grid), for two
	// inputs when grid > 0.
	Plane [][]float64 `json:"plane,omitempty"`
}

// Neuron runs the one-neuron network x → σ(w·x + b) through core/nn.
func Neuron(x, w []float64, b float64, actName string, grid int) (NeuronResult, error) {
	if len(x) == 0 || len(x) != len(w) {
		return NeuronResult{}, fmt.Errorf("w: need one weight per input (%d inputs), got %d", len(x), len(w))
	}
	if actName == act.Softmax {
		return NeuronResult{}, errors.New("act: softmax needs several output units")
	}
	net, err := nn.New([]int{len(x), 1}, []string{actName}, "mse")
	if err != nil {
		return NeuronResult{}, err
	}
	if err := net.SetParams([][][]float64{{w}}, [][]float64{{b}}); err != nil {
		return NeuronResult{}, err
	}
	p := nn.NewPass(net)
	xm := mat.New(len(x), 1)
	copy(xm.Data, x)
	net.Forward(p, xm)
	r := NeuronResult{Z: p.Z[0].Data[0], A: p.A[1].Data[0]}
	if grid > 0 && len(x) == 2 {
		grid = min(grid, 200)
		g := train.NewGrid(net, grid, -1, 1)
		out := g.Eval(net)
		for i := 0; i < grid; i++ {
			r.Plane = append(r.Plane, append([]float64(nil), out.Data[i*grid:(i+1)*grid]...))
		}
	}
	return r, nil
}

// GDRun is the slides' gradient-descent notebook: one linear neuron
// (identity activation, mse) fitted by full-batch gradient descent to the
// noisy 1-D line dataset.
type GDRun struct {
	X    []float64  `json:"x"`
	Y    []float64  `json:"y"`
	True [2]float64 `json:"true"` // slope and intercept of the noise-free line
	// Cost[k], W[k], B[k] are the cost and the parameters after k
	// iterations (index 0: before the first).
	Cost []float64 `json:"cost"`
	W    []float64 `json:"w"`
	B    []float64 `json:"b"`
	// Diverged is set when an iteration produced a non-finite number: it
	// names the operation, and the run stops there.
	Diverged *Failure `json:"diverged,omitempty"`
}

// Failure names the first non-finite operation of a diverging step.
type Failure struct {
	Epoch  int    `json:"epoch"` // 1-based
	Step   int    `json:"step"`
	Index  int    `json:"index"` // the op's index in its trace
	Phase  string `json:"phase"`
	Layer  int    `json:"layer"`
	Res    string `json:"result"`    // the op's result, as the page names it: "Z[3]", "C_i"
	ResTeX string `json:"resultTeX"` // the same in the lecture's notation: Z^{[3]}, C_i
	LaTeX  string `json:"latex"`
}

// Limits of the demos.
const (
	MaxIters  = 2000
	MaxEpochs = 2000
)

// GradientDescent1D runs iters iterations with learning rate eta, starting
// from w = w0, b = b0, on data.Generate(line, n, noise, seed).
func GradientDescent1D(eta float64, iters, n int, noise float64, seed uint64, w0, b0 float64) (GDRun, error) {
	if iters < 1 || iters > MaxIters {
		return GDRun{}, fmt.Errorf("iters: must be between 1 and %d, got %d", MaxIters, iters)
	}
	set, err := data.Generate(data.Spec{Name: "line", N: n, Noise: noise, Seed: seed})
	if err != nil {
		return GDRun{}, err
	}
	net, err := nn.New([]int{1, 1}, []string{"identity"}, "mse")
	if err != nil {
		return GDRun{}, err
	}
	if err := net.SetParams([][][]float64{{{w0}}}, [][]float64{{b0}}); err != nil {
		return GDRun{}, err
	}
	tr, err := train.New(net, set.X, set.Y, train.Config{LR: eta, Seed: seed})
	if err != nil {
		return GDRun{}, err
	}
	ev := train.NewEvaluator(net, set.X, set.Y)
	r := GDRun{X: append([]float64(nil), set.X.Data...), Y: append([]float64(nil), set.Y.Data...),
		True: [2]float64{data.LineSlope, data.LineIntercept}}
	record := func() {
		r.Cost = append(r.Cost, ev.Eval(net, 0).Loss)
		r.W = append(r.W, net.W[0].Data[0])
		r.B = append(r.B, net.B[0].Data[0])
	}
	record()
	for k := 0; k < iters; k++ {
		if err := tr.RunEpoch(); err != nil {
			r.Diverged = failure(err)
			if r.Diverged == nil {
				return GDRun{}, err
			}
			break
		}
		record()
	}
	return r, nil
}

func failure(err error) *Failure {
	var d *train.DivergedError
	if !errors.As(err, &d) {
		return nil
	}
	return &Failure{Epoch: d.Epoch + 1, Step: d.Step, Index: d.Op.Index, Phase: d.Op.Phase,
		Layer: d.Op.Layer, Res: d.Op.Result.String(), ResTeX: d.Op.Result.TeX(), LaTeX: d.Op.LaTeX}
}

// DiagRequest describes one pathology demo: a network, a dataset, and how
// to initialise and train it.
type DiagRequest struct {
	Layers      []int    `json:"layers"`
	Activations []string `json:"activations"`
	Loss        string   `json:"loss"`
	Dataset     string   `json:"dataset"`
	N           int      `json:"n"`
	Noise       float64  `json:"noise"`
	Classes     int      `json:"classes"`
	Seed        uint64   `json:"seed"`
	LR          float64  `json:"lr"`
	Batch       int      `json:"batch"`
	Epochs      int      `json:"epochs"`
	// WeightScale multiplies the seeded initial weights (1 when 0): large
	// weights push sigmoid and tanh units onto their plateaus.
	WeightScale float64 `json:"weightScale"`
	// HiddenBias is the initial bias of every hidden unit: a negative bias
	// switches ReLU units off for every example.
	HiddenBias float64 `json:"hiddenBias"`
	// Clip is the gradient clipping norm of training (train.Config.Clip);
	// 0 for none.
	Clip float64 `json:"clip"`
}

// LayerReport is diag.Report in JSON form, plus the unit counts.
type LayerReport struct {
	GradNorm       []float64 `json:"gradNorm"`
	Dead           []int     `json:"dead"`
	Saturated      []float64 `json:"saturated"`
	SaturatedUnits []int     `json:"saturatedUnits"`
	Units          []int     `json:"units"` // units of layer l (1…L)
	Cost           float64   `json:"cost"`
}

// DiagResult is the report before training and after it.
type DiagResult struct {
	Before LayerReport `json:"before"`
	After  LayerReport `json:"after"`
	Loss   []float64   `json:"loss"` // training cost after each epoch (index 0: before)
	Epochs int         `json:"epochs"`
	// Moved[l-1] counts the units of layer l whose incoming weights changed
	// during training: a dead ReLU unit's stay as they were.
	Moved    []int    `json:"moved"`
	Diverged *Failure `json:"diverged,omitempty"`
	// SatThreshold is act.SaturationThreshold, the threshold of Saturated.
	SatThreshold float64 `json:"satThreshold"`
}

// Diagnose builds the network, measures it, trains it for the given epochs
// (stopping at a divergence) and measures it again.
func Diagnose(q DiagRequest) (DiagResult, error) {
	if q.Epochs < 0 || q.Epochs > MaxEpochs {
		return DiagResult{}, fmt.Errorf("epochs: must be between 0 and %d, got %d", MaxEpochs, q.Epochs)
	}
	if math.IsNaN(q.WeightScale) || math.IsInf(q.WeightScale, 0) || math.IsNaN(q.HiddenBias) || math.IsInf(q.HiddenBias, 0) {
		return DiagResult{}, errors.New("weightScale, hiddenBias: must be finite")
	}
	set, err := data.Generate(data.Spec{Name: q.Dataset, N: q.N, Noise: q.Noise, Seed: q.Seed, Classes: q.Classes})
	if err != nil {
		return DiagResult{}, err
	}
	net, err := nn.New(q.Layers, q.Activations, q.Loss)
	if err != nil {
		return DiagResult{}, err
	}
	if net.Sizes[0] != set.X.Rows || net.Sizes[net.L()] != set.Y.Rows {
		return DiagResult{}, fmt.Errorf("layers: %s needs %d inputs and %d outputs, got %v", q.Dataset, set.X.Rows, set.Y.Rows, q.Layers)
	}
	net.Init(q.Seed)
	scale := q.WeightScale
	if scale == 0 {
		scale = 1
	}
	for l := range net.W {
		net.W[l].Scale(scale, net.W[l])
		if l < net.L()-1 {
			for i := range net.B[l].Data {
				net.B[l].Data[i] = q.HiddenBias
			}
		}
	}
	start := net.Clone()
	r := DiagResult{Before: report(net, set), SatThreshold: act.SaturationThreshold}
	tr, err := train.New(net, set.X, set.Y, train.Config{LR: q.LR, Batch: q.Batch, Seed: q.Seed, Clip: q.Clip})
	if err != nil {
		return DiagResult{}, err
	}
	ev := train.NewEvaluator(net, set.X, set.Y)
	r.Loss = append(r.Loss, r.Before.Cost)
	for e := 0; e < q.Epochs; e++ {
		if err := tr.RunEpoch(); err != nil {
			if r.Diverged = failure(err); r.Diverged == nil {
				return DiagResult{}, err
			}
			break
		}
		r.Epochs++
		r.Loss = append(r.Loss, ev.Eval(net, 0).Loss)
	}
	r.After = report(net, set)
	for l := range net.W {
		moved := 0
		for i := 0; i < net.W[l].Rows; i++ {
			a, b := net.W[l].Row(i), start.W[l].Row(i)
			for j := range a {
				if a[j] != b[j] {
					moved++
					break
				}
			}
		}
		r.Moved = append(r.Moved, moved)
	}
	return r, nil
}

func report(net *nn.Network, set *data.Set) LayerReport {
	p := nn.NewPass(net)
	net.Forward(p, set.X)
	c := net.Cost(p, set.Y)
	net.Backward(p, set.Y)
	d := diag.Of(net, p)
	return LayerReport{GradNorm: d.GradNorm, Dead: d.Dead, Saturated: d.Saturated,
		SaturatedUnits: d.SaturatedUnits, Units: append([]int(nil), net.Sizes[1:]...), Cost: c}
}

// GradCheckStep is the h of the finite differences of GradCheck: the
// five-point formula's error is O(h⁴) ≈ 1e-16 and rounding ≈ 1e-16/h ≈
// 1e-12, both far below the 1e-6 a correct backward pass stays under.
const GradCheckStep = 1e-4

// GradCheckInfo is nnstep.gradcheck()'s answer: backpropagation's dW, db
// against finite differences of the cost (core/nn.GradCheck).
type GradCheckInfo struct {
	MaxRelError float64 `json:"maxRelError"` // largest |a − n| / (|a| + |n|)
	Checked     int     `json:"checked"`     // parameters compared
	AtKink      int     `json:"atKink"`      // skipped: a nudge moved a Z across a kink at 0
	Worst       string  `json:"worst"`       // where the largest error is, e.g. "W[2][0][1]"
	Analytic    float64 `json:"analytic"`    // backpropagation's value there
	Numeric     float64 `json:"numeric"`     // the finite difference there
	H           float64 `json:"h"`
	// Entries holds every parameter: W[1] row by row, b[1], W[2], …
	Entries []GradEntry `json:"entries"`
}

// GradEntry is one parameter of the check: backpropagation's value beside
// the finite difference.
type GradEntry struct {
	Param    string  `json:"param"` // "W" or "b"
	Layer    int     `json:"layer"` // 1…L
	Row      int     `json:"row"`
	Col      int     `json:"col"`      // 0 for b
	Analytic float64 `json:"analytic"` // dW or db
	Numeric  float64 `json:"numeric"`
	RelError float64 `json:"relError"`
	AtKink   bool    `json:"atKink"` // left out: a nudge crossed ReLU's kink
}

// GradCheck checks the gradients of the network, parameters and batch of
// a trace request (the request fields of nnstep.trace()).
func GradCheck(r trace.Request) (GradCheckInfo, error) {
	eta := 0.0
	if r.LearningRate == nil {
		r.LearningRate = &eta
	}
	net, x, y, _, err := r.Build()
	if err != nil {
		return GradCheckInfo{}, err
	}
	g := nn.GradCheck(net, x, y, GradCheckStep)
	info := GradCheckInfo{MaxRelError: g.MaxRelErr, Checked: g.Checked, AtKink: g.AtKink,
		Worst: g.Worst, Analytic: g.Analytic, Numeric: g.Numeric, H: GradCheckStep}
	for _, e := range g.Entries {
		info.Entries = append(info.Entries, GradEntry{Param: e.Param, Layer: e.Layer, Row: e.Row, Col: e.Col,
			Analytic: e.Analytic, Numeric: e.Numeric, RelError: e.RelErr, AtKink: e.AtKink})
	}
	return info, nil
}
