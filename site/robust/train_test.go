package robust

import (
	"errors"
	"math"
	"strings"
	"testing"

	"nnstep/core/data"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/train"
)

// spiral returns the benchmark's data and a fresh 2-8-8-1 network.
func spiral(t *testing.T, acts []string, loss string) (*nn.Network, *data.Set) {
	t.Helper()
	set, err := data.Generate(data.Spec{Name: "spiral", N: 250, Noise: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	net, err := nn.New([]int{2, 8, 8, 1}, acts, loss)
	if err != nil {
		t.Fatal(err)
	}
	net.Init(1)
	return net, set
}

func finiteParams(t *testing.T, net *nn.Network) {
	t.Helper()
	for l := range net.W {
		if i := net.W[l].FirstNonFinite(); i >= 0 {
			t.Fatalf("W[%d] holds %v", l+1, net.W[l].Data[i])
		}
		if i := net.B[l].FirstNonFinite(); i >= 0 {
			t.Fatalf("b[%d] holds %v", l+1, net.B[l].Data[i])
		}
	}
}

func wantPrefix(t *testing.T, err error, prefix string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted; want an error starting with %q", prefix)
	}
	if !strings.HasPrefix(err.Error(), prefix) {
		t.Fatalf("error %q does not start with %q", err, prefix)
	}
}

// Learning rates the trainer refuses, with an error naming lr: 1e9, 0, a
// negative one, NaN and infinity. (The page falls back to its default with
// a notice; see site/e2e.)
func TestAbsurdLearningRates(t *testing.T) {
	net, set := spiral(t, []string{"tanh", "tanh", "sigmoid"}, "bce")
	for _, lr := range []float64{1e9, train.MaxLR * 1.0001, 0, -0.5, math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := train.New(net, set.X, set.Y, train.Config{LR: lr, Batch: 10})
		wantPrefix(t, err, "lr:")
	}
}

// Batch sizes: 0 means the full batch, more than m is the full batch too,
// 1 is SGD; a negative batch is refused naming batch.
func TestBatchExtremes(t *testing.T) {
	net, set := spiral(t, []string{"tanh", "tanh", "sigmoid"}, "bce")
	for _, c := range []struct{ batch, want int }{{0, 250}, {10000, 250}, {1, 1}, {250, 250}, {249, 249}} {
		tr, err := train.New(net.Clone(), set.X, set.Y, train.Config{LR: 0.03, Batch: c.batch, Seed: 1})
		if err != nil {
			t.Fatalf("batch %d: %v", c.batch, err)
		}
		if got := tr.BatchSize(); got != c.want {
			t.Errorf("batch %d: %d examples per step, want %d", c.batch, got, c.want)
		}
		for range 3 {
			if err := tr.RunEpoch(); err != nil {
				t.Fatalf("batch %d: %v", c.batch, err)
			}
		}
		finiteParams(t, tr.Net)
	}
	_, err := train.New(net, set.X, set.Y, train.Config{LR: 0.03, Batch: -1})
	wantPrefix(t, err, "batch:")
}

// L2 regularisation: absurd values are refused naming l2; the largest
// allowed one either trains or is caught as a divergence, never leaving a
// NaN in the network.
func TestAbsurdL2(t *testing.T) {
	net, set := spiral(t, []string{"tanh", "tanh", "sigmoid"}, "bce")
	for _, l2 := range []float64{-1, 1e9, math.NaN(), math.Inf(1)} {
		_, err := train.New(net, set.X, set.Y, train.Config{LR: 0.03, L2: l2})
		wantPrefix(t, err, "l2:")
	}
	tr, err := train.New(net, set.X, set.Y, train.Config{LR: train.MaxLR, L2: train.MaxL2, Batch: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var de *train.DivergedError
	for range 20 {
		if err := tr.RunEpoch(); err != nil && !errors.As(err, &de) {
			t.Fatal(err)
		}
		finiteParams(t, tr.Net)
	}
}

// Architectures the network refuses, each error naming its field: 100
// layers, 10,000 units, 0 units, a negative count, no layer, an activation
// count that does not match, an unknown activation, softmax in a hidden
// layer, a loss that does not fit the output.
func TestAbsurdArchitectures(t *testing.T) {
	hundred := make([]int, 101)
	hundredActs := make([]string, 100)
	for i := range hundred {
		hundred[i] = 2
	}
	for i := range hundredActs {
		hundredActs[i] = "tanh"
	}
	hundredActs[99] = "sigmoid"
	cases := []struct {
		sizes  []int
		acts   []string
		loss   string
		prefix string
	}{
		{hundred, hundredActs, "bce", "layers:"},
		{[]int{2, 10000, 1}, []string{"tanh", "sigmoid"}, "bce", "layers[1]:"},
		{[]int{2, 0, 1}, []string{"tanh", "sigmoid"}, "bce", "layers[1]:"},
		{[]int{2, -3, 1}, []string{"tanh", "sigmoid"}, "bce", "layers[1]:"},
		{[]int{0, 4, 1}, []string{"tanh", "sigmoid"}, "bce", "layers[0]:"},
		{[]int{2}, nil, "bce", "layers:"},
		{nil, nil, "bce", "layers:"},
		{[]int{2, 4, 1}, []string{"sigmoid"}, "bce", "activations:"},
		{[]int{2, 4, 1}, []string{"swish", "sigmoid"}, "bce", "activations[0]:"},
		{[]int{2, 4, 3}, []string{"softmax", "softmax"}, "cce", "activations[0]:"},
		{[]int{2, 4, 1}, []string{"tanh", "softmax"}, "cce", "activations[1]:"},
		{[]int{2, 4, 1}, []string{"tanh", "tanh"}, "bce", "loss:"},
		{[]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "hinge", "loss:"},
	}
	for _, c := range cases {
		_, err := nn.New(c.sizes, c.acts, c.loss)
		wantPrefix(t, err, c.prefix)
	}
}

// A learning rate at the allowed maximum on a ReLU regression network
// diverges: the trainer stops at the first non-finite value, names the
// operation, and restores the last finite parameters; the frontier grid
// and the evaluation stay finite afterwards, and training again fails the
// same clean way.
func TestDivergenceIsCaughtNamedAndUndone(t *testing.T) {
	set, err := data.Generate(data.Spec{Name: "plane", N: 200, Noise: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	net, err := nn.New([]int{2, 8, 8, 1}, []string{"relu", "relu", "identity"}, "mse")
	if err != nil {
		t.Fatal(err)
	}
	net.Init(1)
	tr, err := train.New(net, set.X, set.Y, train.Config{LR: train.MaxLR, Batch: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var de *train.DivergedError
	for i := 0; i < 100 && de == nil; i++ {
		if err := tr.RunEpoch(); err != nil && !errors.As(err, &de) {
			t.Fatal(err)
		}
	}
	if de == nil {
		t.Fatal("lr at the maximum never diverged")
	}
	switch de.Op.Phase {
	case "forward", "cost", "backward", "update":
	default:
		t.Errorf("phase %q", de.Op.Phase)
	}
	if de.Op.Result.Sym == "" || !strings.Contains(de.Error(), de.Op.Result.String()) || !strings.Contains(de.Error(), "not finite") {
		t.Errorf("the error does not name the operation: %v", de)
	}
	finiteParams(t, net)
	ev := train.NewEvaluator(net, set.X, set.Y)
	if m := ev.Eval(net, 0); math.IsNaN(m.Loss) {
		t.Errorf("loss after the divergence is NaN")
	}
	g := train.NewGrid(net, 50, -1, 1)
	if i := g.Eval(net).FirstNonFinite(); i >= 0 {
		t.Errorf("frontier value %d is not finite after the divergence", i)
	}
	err = tr.RunEpoch()
	if !errors.As(err, &de) {
		t.Fatalf("training on after the divergence: %v", err)
	}
	finiteParams(t, net)
}

// Saturated networks: weights of 1e6 push every sigmoid and tanh to ±1,
// yet the cost stays a large finite number (computed from the logits), not
// NaN, and the frontier stays finite.
func TestSaturatedNetworkCostIsFinite(t *testing.T) {
	net, set := spiral(t, []string{"tanh", "tanh", "sigmoid"}, "bce")
	for l := range net.W {
		for i := range net.W[l].Data {
			net.W[l].Data[i] = 1e6 * float64(1-2*(i%2))
		}
	}
	ev := train.NewEvaluator(net, set.X, set.Y)
	m := ev.Eval(net, 2)
	if math.IsNaN(m.Loss) || math.IsInf(m.Loss, 0) {
		t.Fatalf("cost %v", m.Loss)
	}
	if i := train.NewGrid(net, 30, -1, 1).Eval(net).FirstNonFinite(); i >= 0 {
		t.Fatalf("frontier value %d not finite", i)
	}
	// One step from there is finite too (dZ = A − Y is bounded).
	tr, err := train.New(net, set.X, set.Y, train.Config{LR: 0.03, Batch: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.RunEpoch(); err != nil {
		t.Fatal(err)
	}
	finiteParams(t, net)
}

// Own points with huge coordinates (1e300: finite, so FromPoints takes
// them) make the first step overflow: the trainer catches it instead of
// filling the network with infinities.
func TestHugeCoordinatesAreCaught(t *testing.T) {
	set, err := data.FromPoints([]float64{1e300, -1e300, 1e300, -1e300}, []float64{1e300, 1e300, -1e300, -1e300}, []int{0, 1, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	net, err := nn.New([]int{2, 4, 1}, []string{"relu", "sigmoid"}, "bce")
	if err != nil {
		t.Fatal(err)
	}
	net.Init(1)
	tr, err := train.New(net, set.X, set.Y, train.Config{LR: 1, Batch: 0})
	if err != nil {
		t.Fatal(err)
	}
	var de *train.DivergedError
	for i := 0; i < 10 && de == nil; i++ {
		if err := tr.RunEpoch(); err != nil && !errors.As(err, &de) {
			t.Fatal(err)
		}
	}
	if de == nil {
		t.Fatal("coordinates of 1e300 trained without overflowing")
	}
	finiteParams(t, net)
}

// One example, with a batch larger than the data: a full-batch step on m = 1.
func TestOneExample(t *testing.T) {
	x, y := mat.New(2, 1), mat.New(1, 1)
	x.Data[0], x.Data[1], y.Data[0] = 0.5, -0.5, 1
	net, err := nn.New([]int{2, 3, 1}, []string{"tanh", "sigmoid"}, "bce")
	if err != nil {
		t.Fatal(err)
	}
	net.Init(1)
	tr, err := train.New(net, x, y, train.Config{LR: 0.5, Batch: 10})
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		if err := tr.RunEpoch(); err != nil {
			t.Fatal(err)
		}
	}
	finiteParams(t, net)
	// Data that does not fit the network is refused, naming data.
	_, err = train.New(net, mat.New(3, 1), y, train.Config{LR: 0.5})
	wantPrefix(t, err, "data:")
	_, err = train.New(net, mat.New(2, 0), mat.New(1, 0), train.Config{LR: 0.5})
	wantPrefix(t, err, "data:")
}
