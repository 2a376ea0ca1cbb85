package jsapi

import (
	"math"
	"testing"

	"nnstep/core/nn"
	"nnstep/core/trace"
)

func TestActivationCurveFollowsTheTable(t *testing.T) {
	c, err := ActivationCurve("relu", math.NaN(), []float64{-1, 0, 2})
	if err != nil {
		t.Fatal(err)
	}
	if c.F[0] != 0 || c.F[2] != 2 || c.D[0] != 0 || c.D[1] != 1 {
		t.Errorf("relu: f=%v d=%v, want f(-1)=0 f(2)=2 f'(-1)=0 f'(0)=1", c.F, c.D)
	}
	c, err = ActivationCurve("elu", 2, []float64{-1})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 * (math.Exp(-1) - 1); math.Abs(c.F[0]-want) > 1e-12 || math.Abs(c.D[0]-(want+2)) > 1e-12 || c.Alpha != 2 {
		t.Errorf("elu α=2 at -1: f=%v d=%v α=%v", c.F[0], c.D[0], c.Alpha)
	}
	c, _ = ActivationCurve("sigmoid", 5, []float64{0})
	if c.HasAlpha || c.D[0] != 0.25 || !c.Saturates {
		t.Errorf("sigmoid: %+v", c)
	}
	if _, err := ActivationCurve("softmax", 0, nil); err == nil {
		t.Error("softmax is not element-wise: want an error")
	}
	if _, err := ActivationCurve("nope", 0, nil); err == nil {
		t.Error("unknown name: want an error")
	}
	if n := len(Activations()); n != 10 {
		t.Errorf("Activations: %d functions, want the table's 9 plus Leaky ReLU", n)
	}
}

func TestSoftmaxOverflowDemo(t *testing.T) {
	r, err := Softmax([]float64{4000, 5000, 6000})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range r.Naive {
		if !math.IsNaN(v) {
			t.Errorf("naive[%d] = %v, want NaN", i, v)
		}
	}
	if r.Stable[0] != 0 || r.Stable[1] != 0 || r.Stable[2] != 1 {
		t.Errorf("stable = %v, want [0 0 1]", r.Stable)
	}
	r, _ = Softmax([]float64{4, 5, 6})
	if math.Abs(r.Stable[2]-0.66524096) > 1e-8 || math.Abs(r.Naive[2]-r.Stable[2]) > 1e-15 {
		t.Errorf("softmax([4 5 6]) = %v / %v", r.Naive, r.Stable)
	}
	for i, row := range r.Jacobian {
		var s float64
		for _, v := range row {
			s += v
		}
		if math.Abs(s) > 1e-15 || math.Abs(row[i]-r.Stable[i]*(1-r.Stable[i])) > 1e-15 {
			t.Errorf("Jacobian row %d = %v", i, row)
		}
	}
	if _, err := Softmax(nil); err == nil {
		t.Error("empty vector: want an error")
	}
	if _, err := Softmax([]float64{1, math.NaN()}); err == nil {
		t.Error("NaN input: want an error")
	}
}

func TestNeuron(t *testing.T) {
	r, err := Neuron([]float64{1, 2}, []float64{0.5, -1}, 0.25, "sigmoid", 4)
	if err != nil {
		t.Fatal(err)
	}
	z := 0.5*1 - 1*2 + 0.25
	if math.Abs(r.Z-z) > 1e-15 || math.Abs(r.A-1/(1+math.Exp(-z))) > 1e-12 {
		t.Errorf("z=%v a=%v, want z=%v", r.Z, r.A, z)
	}
	if len(r.Plane) != 4 || len(r.Plane[0]) != 4 {
		t.Fatalf("plane %d rows", len(r.Plane))
	}
	// Top-left cell: x1 = -0.75, x2 = 0.75.
	if want := 1 / (1 + math.Exp(-(0.5*-0.75 - 0.75 + 0.25))); math.Abs(r.Plane[0][0]-want) > 1e-12 {
		t.Errorf("plane[0][0] = %v, want %v", r.Plane[0][0], want)
	}
	if _, err := Neuron([]float64{1}, []float64{1, 2}, 0, "relu", 0); err == nil {
		t.Error("mismatched w: want an error")
	}
}

func TestGradientDescent1DLearningRates(t *testing.T) {
	last := func(v []float64) float64 { return v[len(v)-1] }
	right, err := GradientDescent1D(0.5, 100, 50, 0.3, 1, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(right.Cost) != 101 || len(right.X) != 50 {
		t.Fatalf("%d costs, %d points", len(right.Cost), len(right.X))
	}
	if math.Abs(last(right.W)-0.7) > 0.1 || math.Abs(last(right.B)-0.2) > 0.1 {
		t.Errorf("η=0.5: w=%v b=%v, want near 0.7 and 0.2", last(right.W), last(right.B))
	}
	small, _ := GradientDescent1D(0.01, 100, 50, 0.3, 1, 0, 0)
	if last(small.Cost) < 5*last(right.Cost) {
		t.Errorf("η=0.01 should still be far: cost %v vs %v", last(small.Cost), last(right.Cost))
	}
	big, _ := GradientDescent1D(2.5, 100, 50, 0.3, 1, 0, 0)
	if !(last(big.Cost) > big.Cost[0]*1000) {
		t.Errorf("η=2.5 should blow up: cost %v → %v", big.Cost[0], last(big.Cost))
	}
	if _, err := GradientDescent1D(0.1, 0, 50, 0.3, 1, 0, 0); err == nil {
		t.Error("0 iterations: want an error")
	}
}

func deepNet(a string, hidden int) DiagRequest {
	ls, as := []int{2}, []string{}
	for i := 0; i < hidden; i++ {
		ls, as = append(ls, 8), append(as, a)
	}
	return DiagRequest{Layers: append(ls, 1), Activations: append(as, "sigmoid"), Loss: "bce",
		Dataset: "moons", N: 200, Noise: 0.1, Seed: 1, LR: 0.5, Batch: 10}
}

func TestDiagnoseVanishingGradient(t *testing.T) {
	r, err := Diagnose(deepNet("sigmoid", 6))
	if err != nil {
		t.Fatal(err)
	}
	g := r.Before.GradNorm
	if len(g) != 7 || !(g[0] < g[6]/100) {
		t.Errorf("deep sigmoid gradient norms %v: the first layer's should be 100× smaller than the last's", g)
	}
	r, _ = Diagnose(deepNet("relu", 6))
	if g := r.Before.GradNorm; !(g[0] > g[6]/100) {
		t.Errorf("deep relu gradient norms %v", g)
	}
}

func TestDiagnoseDeadReLU(t *testing.T) {
	q := deepNet("relu", 2)
	q.Epochs, q.HiddenBias = 30, -1
	r, err := Diagnose(q)
	if err != nil {
		t.Fatal(err)
	}
	if r.After.Dead[0]+r.After.Dead[1] == 0 || r.Moved[0] != 0 {
		t.Errorf("relu with bias -1: dead %v, moved %v; want dead units whose weights never move", r.After.Dead, r.Moved)
	}
	q.Activations = []string{"leaky_relu", "leaky_relu", "sigmoid"}
	r, _ = Diagnose(q)
	if r.After.Dead[0]+r.After.Dead[1] != 0 || r.Moved[0] == 0 || !(r.Loss[len(r.Loss)-1] < r.Loss[0]) {
		t.Errorf("leaky relu: dead %v, moved %v, loss %v → %v", r.After.Dead, r.Moved, r.Loss[0], r.Loss[len(r.Loss)-1])
	}
}

func TestDiagnoseExplodingGradientIsCaught(t *testing.T) {
	q := DiagRequest{Layers: []int{2, 8, 8, 1}, Activations: []string{"relu", "relu", "identity"}, Loss: "mse",
		Dataset: "plane", N: 200, Noise: 0.1, Seed: 1, LR: 20, Batch: 10, Epochs: 50}
	r, err := Diagnose(q)
	if err != nil {
		t.Fatal(err)
	}
	if r.Diverged == nil || r.Diverged.Res == "" || r.Diverged.LaTeX == "" || r.Epochs >= 50 {
		t.Fatalf("lr 20: diverged %+v after %d epochs; want it caught and named", r.Diverged, r.Epochs)
	}
	q.LR = 0.1
	if r, _ = Diagnose(q); r.Diverged != nil {
		t.Errorf("lr 0.1 diverged: %+v", r.Diverged)
	}
}

// The lecture's exploding gradient: a deep tanh net with large initial
// weights has ‖dW[1]‖ ≫ ‖dW[L]‖ and diverges; the default initialisation,
// a smaller η or gradient clipping each avoid it.
func TestDiagnoseExplodingDeepNet(t *testing.T) {
	q := DiagRequest{Loss: "mse", Dataset: "plane", N: 200, Noise: 0.1, Seed: 1, LR: 0.1, Batch: 10, Epochs: 30, WeightScale: 6}
	q.Layers = []int{2, 32, 32, 32, 32, 32, 32, 32, 1}
	q.Activations = []string{"tanh", "tanh", "tanh", "tanh", "tanh", "tanh", "tanh", "identity"}
	ratio := func(r DiagResult) float64 { g := r.Before.GradNorm; return g[0] / g[len(g)-1] }
	r, err := Diagnose(q)
	if err != nil {
		t.Fatal(err)
	}
	if ratio(r) < 10 || r.Diverged == nil {
		t.Errorf("scale 6: ‖dW[1]‖/‖dW[L]‖ = %.3g, diverged %v; want ≥ 10 and a divergence", ratio(r), r.Diverged)
	}
	t.Logf("scale 6, η 0.1: ratio %.3g, diverged at epoch %d", ratio(r), r.Diverged.Epoch)
	for name, fix := range map[string]func(*DiagRequest){
		"scale 1": func(q *DiagRequest) { q.WeightScale = 1 },
		"η 0.01":  func(q *DiagRequest) { q.LR = 0.01 },
		"clip 1":  func(q *DiagRequest) { q.Clip = 1 },
	} {
		q2 := q
		fix(&q2)
		r, err := Diagnose(q2)
		if err != nil {
			t.Fatal(err)
		}
		if r.Diverged != nil || !(r.Loss[len(r.Loss)-1] < r.Loss[0]) {
			t.Errorf("%s: diverged %+v, cost %v → %v", name, r.Diverged, r.Loss[0], r.Loss[len(r.Loss)-1])
		}
		t.Logf("%s: ratio %.3g, cost %.3g → %.3g", name, ratio(r), r.Loss[0], r.Loss[len(r.Loss)-1])
	}
}

func TestDiagnoseSaturation(t *testing.T) {
	q := deepNet("sigmoid", 2)
	small, _ := Diagnose(q)
	q.WeightScale = 10
	big, err := Diagnose(q)
	if err != nil {
		t.Fatal(err)
	}
	if !(big.Before.Saturated[1] > small.Before.Saturated[1]+0.1) {
		t.Errorf("saturated fraction %v (scale 10) vs %v (scale 1)", big.Before.Saturated, small.Before.Saturated)
	}
	q.Layers = []int{3, 8, 1}
	q.Activations = []string{"relu", "sigmoid"}
	if _, err := Diagnose(q); err == nil {
		t.Error("3 inputs on a 2-D dataset: want an error")
	}
}

// The gradient check passes on a tanh/sigmoid net and on a ReLU/softmax
// net (core/nn's own test proves it catches a wrong derivative).
func TestGradCheck(t *testing.T) {
	for _, c := range []struct {
		layers []int
		acts   []string
		loss   string
		y      [][]float64
	}{
		{[]int{2, 3, 1}, []string{"tanh", "sigmoid"}, "bce", [][]float64{{1, 0, 1}}},
		{[]int{2, 4, 3}, []string{"relu", "softmax"}, "cce", [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
	} {
		net, err := nn.New(c.layers, c.acts, c.loss)
		if err != nil {
			t.Fatal(err)
		}
		net.Init(3)
		r := trace.Request{Layers: c.layers, Activations: c.acts, Loss: c.loss,
			X: [][]float64{{0.5, -1, 0.3}, {0.2, 0.7, -0.9}}, Y: c.y}
		for l := range net.W {
			r.W = append(r.W, net.W[l].ToRows())
			r.B = append(r.B, make([]float64, net.B[l].Rows))
		}
		g, err := GradCheck(r)
		if err != nil {
			t.Fatal(err)
		}
		if !(g.MaxRelError < 1e-6) || g.Checked == 0 {
			t.Errorf("%v: max relative error %v over %d parameters (%d at a kink), worst %s", c.acts, g.MaxRelError, g.Checked, g.AtKink, g.Worst)
		}
		t.Logf("%v: max relative error %.3g over %d parameters, %d skipped at a kink", c.acts, g.MaxRelError, g.Checked, g.AtKink)
	}
}
