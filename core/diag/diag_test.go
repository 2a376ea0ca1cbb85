package diag

import (
	"testing"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/num"
)

func batch(m int) (*mat.Dense, *mat.Dense) {
	g := num.NewRand(1)
	x, y := mat.New(2, m), mat.New(1, m)
	for j := 0; j < m; j++ {
		x.Set(0, j, g.Uniform(-1, 1))
		x.Set(1, j, g.Uniform(-1, 1))
		y.Set(0, j, float64(g.IntN(2)))
	}
	return x, y
}

func run(net *nn.Network, m int) Report {
	x, y := batch(m)
	p := nn.NewPass(net)
	net.Forward(p, x)
	net.Backward(p, y)
	return Of(net, p)
}

func TestDeadReLU(t *testing.T) {
	net, _ := nn.New([]int{2, 4, 1}, []string{"relu", "sigmoid"}, "bce")
	net.Init(1)
	net.B[0].Data[1] = -100 // unit 2 never fires
	net.B[0].Data[3] = -100
	if r := run(net, 40); r.Dead[0] != 2 {
		t.Errorf("dead = %v, want 2 in layer 1", r.Dead)
	}
	leaky, _ := nn.New([]int{2, 4, 1}, []string{"leaky_relu", "sigmoid"}, "bce")
	leaky.Init(1)
	leaky.B[0].Data[1] = -100
	if r := run(leaky, 40); r.Dead[0] != 0 {
		t.Errorf("leaky ReLU dead = %v, want 0", r.Dead)
	}
}

func TestVanishingAndSaturation(t *testing.T) {
	acts := []string{"sigmoid", "sigmoid", "sigmoid", "sigmoid", "sigmoid", "sigmoid", "sigmoid"}
	net, _ := nn.New([]int{2, 8, 8, 8, 8, 8, 8, 1}, acts, "bce")
	net.Init(2)
	r := run(net, 50)
	if !(r.GradNorm[0] < r.GradNorm[5]/10) {
		t.Errorf("no vanishing gradient in a deep sigmoid net: norms %v", r.GradNorm)
	}
	for i := range net.W[0].Data {
		net.W[0].Data[i] *= 200
	}
	if r := run(net, 50); r.Saturated[0] < 0.5 || r.SaturatedUnits[0] == 0 {
		t.Errorf("huge first-layer weights: saturated %v, units %v", r.Saturated, r.SaturatedUnits)
	}
}
