package trace

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/num"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.json")

func load(t *testing.T, path string) *Request {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r Request
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func TestExampleOpSequence(t *testing.T) {
	r := load(t, "testdata/example.json")
	net, x, y, eta, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	tr := Run(net, x, y, eta)
	var got []string
	for i, op := range tr.Ops {
		if op.Index != i {
			t.Errorf("op %d has index %d", i, op.Index)
		}
		got = append(got, op.Phase+":"+op.Result.String())
	}
	want := "forward:Z[1] forward:A[1] forward:Z[2] forward:A[2] cost:C_i cost:C " +
		"backward:dA[2] backward:dZ[2] backward:dW[2] backward:db[2] " +
		"backward:dA[1] backward:σ'(Z[1]) backward:dZ[1] backward:dW[1] backward:db[1] " +
		"update:W_next[2] update:b_next[2] update:W_next[1] update:b_next[1]"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("ops:\n got %s\nwant %s", g, want)
	}
	if tr.FirstNonFinite != nil {
		t.Errorf("first_non_finite = %d on a tame example", *tr.FirstNonFinite)
	}
	// The design's numbers, by hand: A[2] for example 0 is σ(−0.025).
	if a := tr.A[2][0][0]; math.Abs(a-num.Sigmoid(-0.025)) > 1e-16 {
		t.Errorf("A[2][0][0] = %v", a)
	}
}

// The trace must agree bit for bit with training's Forward/Backward/Update.
func TestTraceMatchesTraining(t *testing.T) {
	for _, c := range cases() {
		net, x, y, eta, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		tr := Run(net, x, y, eta)
		p := nn.NewPass(net)
		net.Forward(p, x)
		cost := net.Cost(p, y)
		net.Backward(p, y)
		net.Update(p, eta)
		if float64(tr.Cost) != cost {
			t.Errorf("%v: cost %v vs %v", c.Activations, tr.Cost, cost)
		}
		for l := range net.W {
			same(t, fmt.Sprintf("%v dZ[%d]", c.Activations, l+1), tr.DZ[l], p.DZ[l])
			same(t, fmt.Sprintf("%v dW[%d]", c.Activations, l+1), tr.DW[l], p.DW[l])
			same(t, fmt.Sprintf("%v W_next[%d]", c.Activations, l+1), tr.WNext[l], net.W[l])
		}
	}
}

func same(t *testing.T, name string, got Matrix, want *mat.Dense) {
	t.Helper()
	for i, row := range got {
		for j, v := range row {
			if math.Float64bits(v) != math.Float64bits(want.At(i, j)) {
				t.Fatalf("%s[%d][%d] = %v, training has %v", name, i, j, v, want.At(i, j))
			}
		}
	}
}

// cases covers every activation and loss with seeded parameters.
func cases() []*Request {
	specs := []struct {
		layers []int
		acts   []string
		loss   string
	}{
		{[]int{2, 3, 1}, []string{"relu", "sigmoid"}, "bce"},
		{[]int{2, 4, 3, 3}, []string{"tanh", "elu", "softmax"}, "cce"},
		{[]int{2, 3, 3, 1}, []string{"arctan", "softplus", "identity"}, "mse"},
		{[]int{2, 3, 3, 2}, []string{"leaky_relu", "prelu", "softmax"}, "mse"},
		{[]int{1, 2, 1}, []string{"step", "tanh"}, "mse"},
	}
	var out []*Request
	g := num.NewRand(42)
	for i, s := range specs {
		net, err := nn.New(s.layers, s.acts, s.loss)
		if err != nil {
			panic(err)
		}
		net.Init(uint64(i + 1))
		r := &Request{Layers: s.layers, Activations: s.acts, Loss: s.loss}
		for l := range net.W {
			r.W = append(r.W, net.W[l].ToRows())
			b := make([]float64, net.B[l].Rows)
			for k := range b {
				b[k] = g.Uniform(-0.5, 0.5)
			}
			r.B = append(r.B, b)
		}
		m := 5
		x := mat.New(s.layers[0], m)
		for k := range x.Data {
			x.Data[k] = g.Uniform(-2, 2)
		}
		k := s.layers[len(s.layers)-1]
		y := mat.New(k, m)
		for j := 0; j < m; j++ {
			switch {
			case s.loss == "bce":
				y.Set(0, j, float64(g.IntN(2)))
			case s.loss == "cce" || k > 1:
				y.Set(g.IntN(k), j, 1)
			default:
				y.Set(0, j, g.Uniform(-1, 1))
			}
		}
		r.X, r.Y = x.ToRows(), y.ToRows()
		eta := 0.5
		r.LearningRate = &eta
		out = append(out, r)
	}
	return out
}

// TestGolden pins every number of the traces above. The file is written
// natively (go test -run Golden -update) and the same test runs under
// GOOS=js GOARCH=wasm, so native and browser numbers agree bit for bit.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	for _, c := range append([]*Request{load(t, "testdata/example.json")}, cases()...) {
		net, x, y, eta, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(Full{Request: *c, Trace: Run(net, x, y, eta)})
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if *update {
		if err := os.WriteFile("testdata/golden.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		gl, wl := strings.Split(buf.String(), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("trace %d differs from testdata/golden.json (written natively):\n got %.300s\nwant %.300s", i, gl[i], wl[i])
			}
		}
		t.Fatal("trace differs from testdata/golden.json in length")
	}
}

func TestNonFiniteIsNullAndLocated(t *testing.T) {
	r := load(t, "testdata/example.json")
	r.W[0][1][0] = 1e308
	r.W[0][1][1] = 1e308
	net, x, y, eta, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	tr := Run(net, x, y, eta)
	if tr.FirstNonFinite == nil {
		t.Fatal("overflow not located")
	}
	if op := tr.Ops[*tr.FirstNonFinite]; op.Result != (Ref{SymZ, 1}) {
		t.Errorf("first non-finite op = %s, want Z[1]", op.Result)
	}
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if !bytes.Contains(b, []byte("null")) {
		t.Error("no null for the infinite value")
	}
}

func TestFullReplays(t *testing.T) {
	r := load(t, "testdata/example.json")
	net, x, y, eta, _ := r.Build()
	b, _ := json.Marshal(Full{Request: *r, Trace: Run(net, x, y, eta)})
	var again Request
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, err := again.Build(); err != nil {
		t.Fatalf("the full object does not replay: %v", err)
	}
}
