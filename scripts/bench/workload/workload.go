// Package workload is the benchmark workload of nnstep, shared by the native
// benchmark (core/train's BenchmarkEpochSpiral and BenchmarkGrid100 build the
// same thing), the wasm engine benchmark and the NumPy baseline: spiral,
// 2 classes, 250 points, noise 0.1, seed 1; network 2-8-8-1
// tanh/tanh/sigmoid with bce, initialised with seed 1; SGD with η = 0.03 in
// mini-batches of 10, shuffled with seed 1.
package workload

import (
	"nnstep/core/data"
	"nnstep/core/nn"
	"nnstep/core/num"
	"nnstep/core/train"
)

// The workload's parameters.
const (
	Dataset = "spiral"
	N       = 250
	Noise   = 0.1
	Seed    = 1
	LR      = 0.03
	Batch   = 10
	Loss    = "bce"
	GridN   = 100 // the frontier grid is GridN × GridN
	GridLo  = -1.2
	GridHi  = 1.2
)

// Layers and Acts are the architecture.
var (
	Layers = []int{2, 8, 8, 1}
	Acts   = []string{"tanh", "tanh", "sigmoid"}
)

// Describe is the workload in one line, for reports.
const Describe = "spiral, 2 classes, 250 points, noise 0.1, seed 1; 2-8-8-1 tanh/tanh/sigmoid, bce; η 0.03, batch 10 (25 steps per epoch)"

// Trainer returns a fresh trainer of the workload, before any epoch.
func Trainer() (*train.Trainer, error) {
	set, err := data.Generate(data.Spec{Name: Dataset, N: N, Noise: Noise, Seed: Seed})
	if err != nil {
		return nil, err
	}
	net, err := nn.New(Layers, Acts, Loss)
	if err != nil {
		return nil, err
	}
	net.Init(Seed)
	return train.New(net, set.X, set.Y, train.Config{LR: LR, Batch: Batch, Seed: Seed})
}

// Grid returns the frontier grid for the trainer's network.
func Grid(tr *train.Trainer) *train.Grid {
	return train.NewGrid(tr.Net, GridN, GridLo, GridHi)
}

// Perms returns the example order of each of the first epochs of a trainer
// with the workload's seed: the trainer draws them the same way (one
// num.Rand seeded with Seed shuffling one permutation in place, epoch after
// epoch), so a reimplementation fed these orders takes the same steps.
func Perms(epochs int) [][]int {
	g := num.NewRand(Seed)
	p := make([]int, N)
	for i := range p {
		p[i] = i
	}
	out := make([][]int, epochs)
	for e := range out {
		g.Shuffle(p)
		out[e] = append([]int(nil), p...)
	}
	return out
}

// Params returns the network's parameters as W[l] rows and b[l] flat.
func Params(tr *train.Trainer) (W [][][]float64, b [][]float64) {
	for l := range tr.Net.W {
		W = append(W, tr.Net.W[l].ToRows())
		b = append(b, append([]float64(nil), tr.Net.B[l].Data...))
	}
	return W, b
}
