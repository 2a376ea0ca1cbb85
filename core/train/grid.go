package train

import (
	"math"

	"nnstep/core/mat"
	"nnstep/core/nn"
)

func nanValue() float64 { return math.NaN() }

// Grid evaluates a network over an n×n grid of the input plane
// [lo, hi]²: the data behind the drawn frontier. Row r of the grid is
// x2 = hi − (r+½)·step (top to bottom, as on screen), column c is
// x1 = lo + (c+½)·step; point (r, c) is example r·n + c.
type Grid struct {
	N      int
	Lo, Hi float64
	X      *mat.Dense // 2 × n² inputs
	pass   *nn.Pass
}

// NewGrid returns the grid for networks of net's architecture.
func NewGrid(net *nn.Network, n int, lo, hi float64) *Grid {
	g := &Grid{N: n, Lo: lo, Hi: hi, X: mat.New(2, n*n), pass: nn.NewPass(net)}
	step := (hi - lo) / float64(n)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			g.X.Data[r*n+c] = lo + (float64(c)+0.5)*step
			g.X.Data[n*n+r*n+c] = hi - (float64(r)+0.5)*step
		}
	}
	return g
}

// Eval runs net over the grid and returns A[L] (one column per point).
// Every A[l] stays available through Layer for the per-neuron views.
func (g *Grid) Eval(net *nn.Network) *mat.Dense {
	net.Forward(g.pass, g.X)
	return g.pass.Output()
}

// Layer returns A[l] of the last Eval (l = 0 … L).
func (g *Grid) Layer(l int) *mat.Dense { return g.pass.A[l] }
