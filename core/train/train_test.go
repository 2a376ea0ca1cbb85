package train

import (
	"errors"
	"math"
	"testing"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/num"
)

// xorData is the four-quadrant XOR: label 1 where x1 and x2 share a sign.
func xorData(n int, seed uint64) (*mat.Dense, *mat.Dense) {
	g := num.NewRand(seed)
	x, y := mat.New(2, n), mat.New(1, n)
	for j := 0; j < n; j++ {
		a, b := g.Uniform(-1, 1), g.Uniform(-1, 1)
		x.Set(0, j, a)
		x.Set(1, j, b)
		if a*b > 0 {
			y.Set(0, j, 1)
		}
	}
	return x, y
}

func TestLearnsXOR(t *testing.T) {
	for batch, lr := range map[int]float64{0: 1, 10: 0.3, 1: 0.03} {
		net, _ := nn.New([]int{2, 8, 1}, []string{"tanh", "sigmoid"}, "bce")
		net.Init(1)
		x, y := xorData(200, 2)
		tr, err := New(net, x, y, Config{LR: lr, Batch: batch, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		ev := NewEvaluator(net, x, y)
		before := ev.Eval(net, 2)
		for i := 0; i < 300; i++ {
			if err := tr.RunEpoch(); err != nil {
				t.Fatal(err)
			}
		}
		after := ev.Eval(net, 2)
		if after.Loss >= before.Loss/2 || after.Accuracy < 0.9 {
			t.Errorf("batch %d: loss %.3f → %.3f, accuracy %.2f", batch, before.Loss, after.Loss, after.Accuracy)
		}
	}
}

func TestSameSeedSameWeights(t *testing.T) {
	run := func() []float64 {
		net, _ := nn.New([]int{2, 4, 1}, []string{"relu", "sigmoid"}, "bce")
		net.Init(5)
		x, y := xorData(50, 6)
		tr, _ := New(net, x, y, Config{LR: 0.1, Batch: 7, Seed: 9})
		for i := 0; i < 20; i++ {
			tr.RunEpoch()
		}
		return net.W[0].Data
	}
	a, b := run(), run()
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			t.Fatal("same seeds, different weights")
		}
	}
}

func TestDivergenceIsCaughtAndNamed(t *testing.T) {
	net, _ := nn.New([]int{2, 8, 8, 1}, []string{"relu", "relu", "identity"}, "mse")
	net.Init(1)
	x, y := xorData(50, 2)
	tr, err := New(net, x, y, Config{LR: 1e6, Batch: 0})
	if err != nil {
		t.Fatal(err)
	}
	var de *DivergedError
	for i := 0; i < 50 && de == nil; i++ {
		if err := tr.RunEpoch(); err != nil && !errors.As(err, &de) {
			t.Fatal(err)
		}
	}
	if de == nil {
		t.Fatal("lr 1e6 never diverged")
	}
	if de.Op.Result.Sym == "" || de.Op.Phase == "" {
		t.Errorf("divergence names no operation: %+v", de)
	}
	for l := range net.W {
		if net.W[l].FirstNonFinite() >= 0 {
			t.Errorf("W[%d] left non-finite after the divergence", l+1)
		}
	}
	t.Log(de)
}

func TestConfigCheck(t *testing.T) {
	bad := []Config{{LR: 0}, {LR: -1}, {LR: math.NaN()}, {LR: 1e9}, {LR: 0.1, Batch: -1}, {LR: 0.1, L2: -1}, {LR: 0.1, L2: math.Inf(1)}, {LR: 0.1, Clip: -1}, {LR: 0.1, Clip: math.NaN()}, {LR: 0.1, Clip: math.Inf(1)}}
	for _, c := range bad {
		if c.Check() == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}

// With clipping, a full-batch step moves the parameters by exactly η·Clip
// when the gradient is longer than Clip, and by η·‖g‖ otherwise.
func TestClipBoundsTheStep(t *testing.T) {
	for _, c := range []float64{1e-3, 1e3} {
		net, _ := nn.New([]int{2, 8, 1}, []string{"tanh", "sigmoid"}, "bce")
		net.Init(1)
		start := net.Clone()
		x, y := xorData(50, 2)
		p := nn.NewPass(net)
		net.Forward(p, x)
		net.Backward(p, y)
		norm := 0.0
		for l := range p.DW {
			norm += p.DW[l].SumSq() + p.DB[l].SumSq()
		}
		norm = math.Sqrt(norm)
		tr, err := New(net, x, y, Config{LR: 0.5, Clip: c})
		if err != nil {
			t.Fatal(err)
		}
		if err := tr.RunEpoch(); err != nil {
			t.Fatal(err)
		}
		moved := 0.0
		for l := range net.W {
			for i, v := range net.W[l].Data {
				moved += (v - start.W[l].Data[i]) * (v - start.W[l].Data[i])
			}
			for i, v := range net.B[l].Data {
				moved += (v - start.B[l].Data[i]) * (v - start.B[l].Data[i])
			}
		}
		want := 0.5 * math.Min(norm, c)
		if got := math.Sqrt(moved); math.Abs(got-want) > 1e-9*want {
			t.Errorf("clip %v: step of length %v, want %v (‖g‖ = %v)", c, got, want, norm)
		}
	}
}

func TestEpochAllocatesNothing(t *testing.T) {
	net, _ := nn.New([]int{2, 8, 8, 1}, []string{"tanh", "tanh", "sigmoid"}, "bce")
	net.Init(1)
	x, y := xorData(250, 2)
	tr, _ := New(net, x, y, Config{LR: 0.03, Batch: 10, Seed: 1, Clip: 0.1})
	tr.RunEpoch()
	if n := testing.AllocsPerRun(10, func() { tr.RunEpoch() }); n != 0 {
		t.Errorf("an epoch allocates %v times", n)
	}
	g := NewGrid(net, 100, -1, 1)
	g.Eval(net)
	if n := testing.AllocsPerRun(5, func() { g.Eval(net) }); n != 0 {
		t.Errorf("a grid evaluation allocates %v times", n)
	}
}
