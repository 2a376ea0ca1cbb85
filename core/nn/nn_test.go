package nn

import (
	"fmt"
	"math"
	"testing"

	"nnstep/core/act"
	"nnstep/core/mat"
	"nnstep/core/num"
)

// randomProblem makes X (n0×m) and targets Y fitting the loss.
func randomProblem(g *num.Rand, sizes []int, lossName string, m int) (*mat.Dense, *mat.Dense) {
	x := mat.New(sizes[0], m)
	for i := range x.Data {
		x.Data[i] = g.Uniform(-2, 2)
	}
	k := sizes[len(sizes)-1]
	y := mat.New(k, m)
	for j := 0; j < m; j++ {
		switch lossName {
		case "bce":
			y.Data[j] = float64(g.IntN(2))
		case "cce":
			y.Set(g.IntN(k), j, 1)
		default:
			for i := 0; i < k; i++ {
				y.Set(i, j, g.Uniform(-1, 1))
			}
		}
	}
	return x, y
}

func TestGradCheckEveryActivationAndLoss(t *testing.T) {
	type combo struct{ out, loss string }
	outs := []combo{{"sigmoid", "bce"}, {"softmax", "cce"}, {"softmax", "mse"}}
	for _, name := range act.Names() {
		outs = append(outs, combo{name, "mse"})
	}
	g := num.NewRand(7)
	for _, hidden := range act.Names() {
		if hidden == "step" {
			continue // σ' = 0: nothing flows back; its kink at 0 breaks finite differences
		}
		for _, o := range outs {
			if o.out == "step" {
				continue
			}
			name := fmt.Sprintf("%s/%s+%s", hidden, o.out, o.loss)
			t.Run(name, func(t *testing.T) {
				k := 1
				if o.out == "softmax" {
					k = 3
				}
				sizes := []int{2, 4, 3, k}
				net, err := New(sizes, []string{hidden, hidden, o.out}, o.loss)
				if err != nil {
					t.Fatal(err)
				}
				net.Init(uint64(g.IntN(1000)))
				for _, b := range net.B { // non-zero biases exercise db
					for i := range b.Data {
						b.Data[i] = g.Uniform(-0.5, 0.5)
					}
				}
				x, y := randomProblem(g, sizes, o.loss, 5)
				r := GradCheck(net, x, y, 1e-4)
				if r.Checked < r.AtKink*4 {
					t.Errorf("only %d parameters checked, %d skipped at a kink", r.Checked, r.AtKink)
				}
				if r.MaxRelErr > 1e-6 {
					t.Errorf("max relative error %.3g at %s (analytic %v, numeric %v)", r.MaxRelErr, r.Worst, r.Analytic, r.Numeric)
				}
				checkEntries(t, net, r)
			})
		}
	}
}

func TestNewRejects(t *testing.T) {
	cases := []struct {
		sizes []int
		acts  []string
		loss  string
		want  string
	}{
		{[]int{2}, nil, "bce", "layers"},
		{[]int{2, 0, 1}, []string{"relu", "sigmoid"}, "bce", "layers[1]"},
		{[]int{2, 65, 1}, []string{"relu", "sigmoid"}, "bce", "layers[1]"},
		{[]int{2, 3, 1}, []string{"relu"}, "bce", "activations"},
		{[]int{2, 3, 1}, []string{"swish", "sigmoid"}, "bce", "activations[0]"},
		{[]int{2, 3, 2}, []string{"softmax", "softmax"}, "cce", "activations[0]"},
		{[]int{2, 3, 1}, []string{"relu", "tanh"}, "bce", "loss"},
		{[]int{2, 3, 3}, []string{"relu", "sigmoid"}, "cce", "loss"},
		{[]int{2, 3, 1}, []string{"relu", "sigmoid"}, "hinge", "loss"},
		{[]int{2, 3, 1}, []string{"relu", "softmax"}, "cce", "softmax"},
		{[]int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, []string{"relu", "relu", "relu", "relu", "relu", "relu", "relu", "relu", "sigmoid"}, "bce", "layers"},
	}
	for _, c := range cases {
		_, err := New(c.sizes, c.acts, c.loss)
		if err == nil {
			t.Errorf("New(%v, %v, %s) accepted", c.sizes, c.acts, c.loss)
			continue
		}
		if !contains(err.Error(), c.want) {
			t.Errorf("New(%v, %v, %s) = %q, should name %q", c.sizes, c.acts, c.loss, err, c.want)
		}
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub)))
}

func TestSaturatedOutputCostIsFinite(t *testing.T) {
	net, _ := New([]int{1, 1}, []string{"sigmoid"}, "bce")
	net.W[0].Data[0] = 1000
	x := mat.Col([]float64{1})
	y := mat.Col([]float64{0}) // confidently wrong
	p := NewPass(net)
	net.Forward(p, x)
	c := net.Cost(p, y)
	if math.IsNaN(c) || math.IsInf(c, 0) || math.Abs(c-1000) > 1e-9 {
		t.Errorf("cost of a saturated wrong output = %v, want 1000", c)
	}
	net.Backward(p, y)
	if p.DZ[0].Data[0] != 1 {
		t.Errorf("dZ = %v, want 1", p.DZ[0].Data[0])
	}
}

func TestForwardByHand(t *testing.T) {
	// The design's example request: 2-3-1, relu then sigmoid.
	net, err := New([]int{2, 3, 1}, []string{"relu", "sigmoid"}, "bce")
	if err != nil {
		t.Fatal(err)
	}
	err = net.SetParams(
		[][][]float64{{{0.1, -0.2}, {0.4, 0.3}, {-0.5, 0.2}}, {{0.7, -0.1, 0.3}}},
		[][]float64{{0, 0.1, -0.1}, {0.05}})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := mat.FromRows([][]float64{{0.5, -1, 2, 0}, {1.5, 0.2, -0.3, 1}})
	p := NewPass(net)
	net.Forward(p, x)
	// Example 0: Z1 = [0.05−0.3, 0.2+0.45+0.1, −0.25+0.3−0.1] = [−0.25, 0.75, −0.05]
	want := []float64{-0.25, 0.75, -0.05}
	for i, w := range want {
		if got := p.Z[0].At(i, 0); math.Abs(got-w) > 1e-15 {
			t.Errorf("Z[1][%d][0] = %v, want %v", i, got, w)
		}
	}
	// A1 = [0, 0.75, 0]; Z2 = −0.1·0.75 + 0.05 = −0.025
	if got := p.Z[1].At(0, 0); math.Abs(got+0.025) > 1e-15 {
		t.Errorf("Z[2][0][0] = %v, want −0.025", got)
	}
}

func TestTrainingStepAllocatesNothing(t *testing.T) {
	net, _ := New([]int{2, 8, 8, 1}, []string{"tanh", "tanh", "sigmoid"}, "bce")
	net.Init(1)
	g := num.NewRand(2)
	x, y := randomProblem(g, net.Sizes, "bce", 10)
	p := NewPass(net)
	step := func() {
		net.Forward(p, x)
		net.Backward(p, y)
		net.Update(p, 0.1)
	}
	step()
	if n := testing.AllocsPerRun(50, step); n != 0 {
		t.Errorf("one step allocates %v times", n)
	}
}

func TestGradCheckCatchesAWrongDerivative(t *testing.T) {
	net, _ := New([]int{2, 3, 1}, []string{"tanh", "sigmoid"}, "bce")
	net.Init(3)
	wrong := *net.Act[0].Func
	wrong.D = func(x, fx float64) float64 { return 1 - fx } // should be 1 − f(x)²
	net.Act[0].Func = &wrong
	x, y := randomProblem(num.NewRand(4), net.Sizes, "bce", 4)
	if r := GradCheck(net, x, y, 1e-4); r.MaxRelErr < 1e-3 {
		t.Errorf("a wrong tanh' went unnoticed: max relative error %.3g", r.MaxRelErr)
	}
}

// checkEntries: one entry per parameter, in order, the analytic values
// those of Backward and the largest error that of MaxRelErr.
func checkEntries(t *testing.T, net *Network, r GradCheckResult) {
	t.Helper()
	want := 0
	for l := range net.W {
		want += len(net.W[l].Data) + len(net.B[l].Data)
	}
	if len(r.Entries) != want {
		t.Fatalf("%d entries for %d parameters", len(r.Entries), want)
	}
	maxRel, kinks, first := 0.0, 0, r.Entries[0]
	for _, e := range r.Entries {
		if e.AtKink {
			kinks++
		} else {
			maxRel = math.Max(maxRel, e.RelErr)
		}
	}
	if maxRel != r.MaxRelErr || kinks != r.AtKink {
		t.Errorf("entries: max error %v and %d kinks, result %v and %d", maxRel, kinks, r.MaxRelErr, r.AtKink)
	}
	if first.Param != "W" || first.Layer != 1 || first.Row != 0 || first.Col != 0 {
		t.Errorf("first entry %+v, want W[1] (0, 0)", first)
	}
}
