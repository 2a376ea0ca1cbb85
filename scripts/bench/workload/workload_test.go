package workload

import (
	"math"
	"testing"

	"nnstep/core/mat"
	"nnstep/core/nn"
)

// The orders of Perms are those the trainer uses: replaying them step by
// step with core/nn gives the trainer's parameters bit for bit. The NumPy
// baseline's check relies on it.
func TestPermsReplayTheTrainer(t *testing.T) {
	const epochs = 3
	tr, err := Trainer()
	if err != nil {
		t.Fatal(err)
	}
	net := tr.Net.Clone()
	x, y := tr.X, tr.Y
	for range epochs {
		if err := tr.RunEpoch(); err != nil {
			t.Fatal(err)
		}
	}
	p := nn.NewPass(net)
	var xb, yb mat.Dense
	for _, perm := range Perms(epochs) {
		for start := 0; start < N; start += Batch {
			idx := perm[start:min(start+Batch, N)]
			xb.CopyCols(x, idx)
			yb.CopyCols(y, idx)
			net.Forward(p, &xb)
			net.Backward(p, &yb)
			net.Update(p, LR)
		}
	}
	for l := range net.W {
		for i, v := range net.W[l].Data {
			if math.Float64bits(v) != math.Float64bits(tr.Net.W[l].Data[i]) {
				t.Fatalf("W[%d] differs at %d: replay %v, trainer %v", l+1, i, v, tr.Net.W[l].Data[i])
			}
		}
		for i, v := range net.B[l].Data {
			if math.Float64bits(v) != math.Float64bits(tr.Net.B[l].Data[i]) {
				t.Fatalf("b[%d] differs at %d", l+1, i)
			}
		}
	}
}

// Perms must change from epoch to epoch (the trainer reshuffles).
func TestPermsReshuffle(t *testing.T) {
	p := Perms(2)
	same := true
	for i := range p[0] {
		same = same && p[0][i] == p[1][i]
	}
	if same {
		t.Fatal("two epochs in the same order")
	}
}
