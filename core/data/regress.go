package data

import (
	"nnstep/core/mat"
	"nnstep/core/num"
)

// The line of the gradient-descent notebook: one linear neuron fitted to
// y = LineSlope·x + LineIntercept + noise should learn these two numbers.
const (
	LineSlope     = 0.7
	LineIntercept = 0.2
)

// bumpWidth is the standard deviation of the two bumps of bumps.
const bumpWidth = 0.35

// Target returns the noise-free target of the regression dataset name at
// (x1, x2), and false when name is not a regression dataset:
//
//	line   y = 0.7·x1 + 0.2 (x2 is ignored); y ∈ [-0.5, 0.9] for x1 ∈ [-1, 1]
//	plane  y = 0.6·x1 − 0.4·x2 + 0.1; y ∈ [-0.9, 1.1] on [-1, 1]²
//	bumps  y = exp(−‖x − (−0.4, 0.3)‖²/(2·0.35²)) − exp(−‖x − (0.4, −0.3)‖²/(2·0.35²)),
//	       a hill and a pit; y ∈ (-1, 1)
//
// Generate adds 0.3·Noise·N(0, 1) to it.
func Target(name string, x1, x2 float64) (float64, bool) {
	d := lookup(name)
	if d == nil || !d.regression {
		return 0, false
	}
	return d.target(x1, x2), true
}

func line(x1, _ float64) float64 { return float64(LineSlope*x1) + LineIntercept }

func plane(x1, x2 float64) float64 {
	return float64(0.6*x1) - float64(0.4*x2) + 0.1
}

func bumps(x1, x2 float64) float64 {
	return bump(x1+0.4, x2-0.3) - bump(x1-0.4, x2+0.3)
}

// bump is a gaussian of height 1 and width bumpWidth at offset (d1, d2).
func bump(d1, d2 float64) float64 {
	r2 := float64(d1*d1) + float64(d2*d2)
	return num.Exp(-r2 / (2 * bumpWidth * bumpWidth))
}

// regress draws n inputs uniform in [-1, 1) (one row for line, two for the
// others) and their targets plus noise. It always draws the normal, so the
// sequence of random numbers does not depend on noise.
func regress(g *num.Rand, d *dataset, n int, noise float64) (x, y *mat.Dense) {
	x, y = mat.New(d.inputs, n), mat.New(1, n)
	sigma := jitter * noise
	for j := 0; j < n; j++ {
		x1 := g.Uniform(-1, 1)
		var x2 float64
		if d.inputs == 2 {
			x2 = g.Uniform(-1, 1)
			x.Set(1, j, x2)
		}
		x.Set(0, j, x1)
		e := g.Normal()
		y.Set(0, j, float64(d.target(x1, x2))+float64(sigma*e))
	}
	return x, y
}
