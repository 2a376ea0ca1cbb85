package main

import (
	"testing"

	"nnstep/core/data"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/trace"
	"nnstep/wasm/palette"
	"nnstep/wasm/scene"
)

func encoded(t *testing.T, name string, sizes []int, acts []string, lossName string, version int) []byte {
	t.Helper()
	full, err := data.Generate(data.Spec{Name: name, N: 40, Noise: 0.1, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	train, test := full.Split(0.25, 2)
	net, err := nn.New(sizes, acts, lossName)
	if err != nil {
		t.Fatal(err)
	}
	net.Init(uint64(version))
	sc := scene.Scene{Version: version, Data: 1, Net: net, Train: train, Test: test, Lo: -1.1, Hi: 1.1, Example: 3, Classes: full.Classes}
	return scene.Append(nil, &sc, -1)
}

// The view builds what drawing needs from a scene, keeps it across frames
// of training and runs the chosen example like the lesson module would.
func TestViewApply(t *testing.T) {
	var v View
	if v.Ready() {
		t.Fatal("ready before any scene")
	}
	if err := v.Apply(encoded(t, "moons", []int{2, 5, 1}, []string{"tanh", "sigmoid"}, "bce", 1)); err != nil {
		t.Fatal(err)
	}
	if !v.Ready() || v.Grid == nil || v.Grid.N != GridN || v.Grid.Lo != -1.1 {
		t.Fatalf("2-D data: grid %+v", v.Grid)
	}
	grid, net := v.Grid, v.Net
	if err := v.Apply(encoded(t, "moons", []int{2, 5, 1}, []string{"tanh", "sigmoid"}, "bce", 2)); err != nil {
		t.Fatal(err)
	}
	if v.Grid != grid || v.Net != net || v.Version != 2 {
		t.Fatal("new parameters rebuilt the grid or the network")
	}
	j, p := v.ExampleForward()
	x := mat.New(2, 1)
	x.Data[0], x.Data[1] = v.Train.X.At(0, j), v.Train.X.At(1, j)
	q := nn.NewPass(v.Net)
	v.Net.Forward(q, x)
	if j != 3 || p.Output().Data[0] != q.Output().Data[0] {
		t.Fatalf("example %d: %v, want %v", j, p.Output().Data[0], q.Output().Data[0])
	}
	if v.Shading() != palette.ShadeProb {
		t.Fatalf("binary output: shading %v", v.Shading())
	}
	// 1-D data: no grid, the curve is drawn instead.
	if err := v.Apply(encoded(t, "line", []int{1, 1}, []string{"identity"}, "mse", 3)); err != nil {
		t.Fatal(err)
	}
	if v.Grid != nil || v.Shading() != palette.ShadeValue {
		t.Fatal("1-D data: want no grid and value shading")
	}
	// A refused scene leaves the view as it was.
	if err := v.Apply([]byte("nns1 garbage")); err == nil || v.Version != 3 {
		t.Fatal("garbage accepted or the view changed")
	}
}

func TestHighlightOf(t *testing.T) {
	sizes := []int{2, 3, 1}
	h := HighlightOf(HighlightSpec{Result: trace.Ref{Sym: trace.SymDZ, Layer: 1},
		Operands: []trace.Ref{{Sym: trace.SymW, Layer: 2}, {Sym: trace.SymDB, Layer: 2}}}, sizes)
	if !h.Active || !h.Edges[2] || !h.Biases[2] || !h.Neurons[[2]int{1, 2}] || h.Neurons[[2]int{2, 0}] {
		t.Fatalf("got %+v", h)
	}
	if HighlightOf(HighlightSpec{Operands: []trace.Ref{{Sym: trace.SymW, Layer: 9}}}, sizes).Active {
		t.Fatal("a layer out of range highlighted something")
	}
	if !HighlightOf(HighlightSpec{Result: trace.Ref{Sym: trace.SymC}}, sizes).Neurons[[2]int{2, 0}] {
		t.Fatal("the cost does not light the output layer")
	}
	// Every result and operand of a trace lights something.
	net, err := nn.New(sizes, []string{"tanh", "identity"}, "mse")
	if err != nil {
		t.Fatal(err)
	}
	tr := trace.Run(net, mat.New(2, 3), mat.New(1, 3), 0.1)
	for _, op := range tr.Ops {
		for _, r := range append([]trace.Ref{op.Result}, op.Operands...) {
			if !HighlightOf(HighlightSpec{Result: r}, sizes).Active {
				t.Errorf("op %d: %s lights nothing", op.Index, r)
			}
		}
	}
}
