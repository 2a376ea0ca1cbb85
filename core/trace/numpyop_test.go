package trace

import (
	"math"
	"testing"

	"nnstep/core/act"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/num"
	"nnstep/core/numpy"
)

// request builds a trace request with seeded parameters and a batch of m
// examples; the targets suit the loss.
func request(layers []int, acts []string, loss string, m int, seed uint64) *Request {
	net, err := nn.New(layers, acts, loss)
	if err != nil {
		panic(err)
	}
	net.Init(seed)
	g := num.NewRand(seed)
	r := &Request{Layers: layers, Activations: acts, Loss: loss}
	for l := range net.W {
		r.W = append(r.W, net.W[l].ToRows())
		b := make([]float64, net.B[l].Rows)
		for k := range b {
			b[k] = g.Uniform(-0.5, 0.5)
		}
		r.B = append(r.B, b)
	}
	x := mat.New(layers[0], m)
	for k := range x.Data {
		x.Data[k] = g.Uniform(-2, 2)
	}
	k := layers[len(layers)-1]
	y := mat.New(k, m)
	for j := 0; j < m; j++ {
		switch {
		case loss == "bce":
			y.Set(0, j, float64(g.IntN(2)))
		case loss == "cce":
			y.Set(g.IntN(k), j, 1)
		default:
			for i := 0; i < k; i++ {
				y.Set(i, j, g.Uniform(-1, 1))
			}
		}
	}
	r.X, r.Y = x.ToRows(), y.ToRows()
	eta := 0.3
	r.LearningRate = &eta
	return r
}

// numPyCases are traces of several shapes: a binary 3-layer network with
// each activation of the table in its hidden layers, softmax multi-class,
// mean squared error with softmax and with element-wise outputs.
func numPyCases() []*Request {
	var out []*Request
	for i, a := range act.Names() {
		out = append(out, request([]int{2, 4, 3, 1}, []string{a, a, "sigmoid"}, "bce", 6, uint64(i+1)))
	}
	out = append(out,
		request([]int{2, 5, 4, 3}, []string{"tanh", "relu", "softmax"}, "cce", 7, 20),
		request([]int{3, 4, 3}, []string{"elu", "softmax"}, "mse", 5, 21),
		request([]int{2, 3, 2}, []string{"softplus", "tanh"}, "mse", 4, 22),
		request([]int{1, 3, 1}, []string{"leaky_relu", "identity"}, "mse", 9, 23),
		request([]int{2, 1}, []string{"sigmoid"}, "bce", 1, 24),
	)
	return out
}

func runFull(t *testing.T, r *Request) *Full {
	t.Helper()
	net, x, y, eta, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	return &Full{Request: *r, Trace: Run(net, x, y, eta)}
}

// Every op's NumPy expression, evaluated by core/numpy with the names of
// the ops before it, gives the trace's own result: the same shape and each
// number within 1e-12 relative (1e-12 absolute below 1). Most are equal bit
// for bit; the test counts those and reports them.
func TestOpNumPyGivesTheTrace(t *testing.T) {
	exact, total := 0, 0
	for _, r := range numPyCases() {
		f := runFull(t, r)
		for i, op := range f.Ops {
			if op.NumPy == "" {
				t.Fatalf("%v: op %d (%s) has no NumPy", r.Activations, i, op.Result)
			}
			got, err := numpy.Eval(op.NumPy, f.NumPyEnvBefore(i))
			if err != nil {
				t.Fatalf("%v: op %d (%s) %s: %v", r.Activations, i, op.Result, op.NumPy, err)
			}
			want, _ := f.Matrix(op.Result)
			rows := got.Rows()
			if op.Result.Sym == SymC {
				if len(got.Shape) != 0 {
					t.Fatalf("%v: C: shape %v, want a scalar", r.Activations, got.Shape)
				}
			} else if len(got.Shape) != 2 || got.Shape[0] != len(want) || got.Shape[1] != len(want[0]) {
				t.Fatalf("%v: op %d (%s) %s: shape %v, the trace has %d×%d", r.Activations, i, op.Result, op.NumPy, got.Shape, len(want), len(want[0]))
			}
			for a := range want {
				for b := range want[a] {
					total++
					g, w := rows[a][b], want[a][b]
					if g == w {
						exact++
						continue
					}
					if d := math.Abs(g - w); !(d <= 1e-12*math.Max(1, math.Abs(w))) {
						t.Errorf("%v: op %d (%s) %s: [%d][%d] = %v, the trace has %v", r.Activations, i, op.Result, op.NumPy, a, b, g, w)
					}
				}
			}
		}
	}
	t.Logf("%d of %d numbers equal bit for bit, the others within 1e-12", exact, total)
}

// An op's own name and the names after it are not in its environment.
func TestNumPyEnvBeforeHidesTheAnswer(t *testing.T) {
	f := runFull(t, numPyCases()[0])
	for i, op := range f.Ops {
		env := f.NumPyEnvBefore(i)
		if _, ok := env[op.Result.PyName()]; ok {
			t.Errorf("op %d: %s is in its own environment", i, op.Result.PyName())
		}
		if i > 0 {
			prev := f.Ops[i-1].Result.PyName()
			if _, ok := env[prev]; !ok {
				t.Errorf("op %d: %s, the op before, is missing", i, prev)
			}
		}
	}
}
