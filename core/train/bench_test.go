package train

import (
	"testing"

	"nnstep/core/data"
	"nnstep/core/nn"
)

// spiralTrainer is the benchmark workload of the README: spiral, 2 classes,
// 250 examples, network 2-8-8-1 tanh/tanh/sigmoid, batch 10, η = 0.03.
func spiralTrainer(b *testing.B) *Trainer {
	set, err := data.Generate(data.Spec{Name: "spiral", N: 250, Noise: 0.1, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	net, err := nn.New([]int{2, 8, 8, 1}, []string{"tanh", "tanh", "sigmoid"}, "bce")
	if err != nil {
		b.Fatal(err)
	}
	net.Init(1)
	tr, err := New(net, set.X, set.Y, Config{LR: 0.03, Batch: 10, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return tr
}

// BenchmarkEpochSpiral measures one training epoch (25 steps of 10 examples).
func BenchmarkEpochSpiral(b *testing.B) {
	tr := spiralTrainer(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := tr.RunEpoch(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*250/b.Elapsed().Seconds(), "examples/s")
}

// BenchmarkGrid100 measures one evaluation of the 2-8-8-1 network over a
// 100×100 grid of the input plane: the data of one frontier frame.
func BenchmarkGrid100(b *testing.B) {
	tr := spiralTrainer(b)
	g := NewGrid(tr.Net, 100, -1.2, 1.2)
	b.ReportAllocs()
	for b.Loop() {
		g.Eval(tr.Net)
	}
}
