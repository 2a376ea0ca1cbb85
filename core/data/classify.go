package data

import (
	"math"

	"nnstep/core/mat"
	"nnstep/core/num"
)

// The classification shapes, described in the package documentation. Each
// draws the same sequence of random numbers whatever Noise is, then jitters
// its points with put; Generate rescales afterwards.

func linear(g *num.Rand, x *mat.Dense, labels []int, _ int, noise float64) {
	theta := g.Uniform(0, 2*math.Pi)
	w1, w2 := math.Cos(theta), math.Sin(theta)
	for j, c := range labels {
		p1, p2 := g.Uniform(-0.9, 0.9), g.Uniform(-0.9, 0.9)
		if side := float64(w1*p1) + float64(w2*p2); (side > 0) != (c == 1) {
			p1, p2 = -p1, -p2 // the square is symmetric about the origin
		}
		put(g, x, j, p1, p2, jitter*noise)
	}
}

func moons(g *num.Rand, x *mat.Dense, labels []int, _ int, noise float64) {
	for j, c := range labels {
		t := g.Uniform(0, math.Pi)
		a, b := math.Cos(t), math.Sin(t)
		if c == 1 {
			a, b = 1-a, 0.5-b
		}
		put(g, x, j, 0.6*(a-0.5), 0.6*(b-0.25), jitter*noise)
	}
}

func circles(g *num.Rand, x *mat.Dense, labels []int, _ int, noise float64) {
	for j, c := range labels {
		u, a := g.Float64(), g.Uniform(0, 2*math.Pi)
		var r float64
		if c == 1 {
			r = 0.4 * math.Sqrt(u)
		} else {
			r = math.Sqrt(0.36 + float64(0.45*u)) // area-uniform in 0.6 ≤ r ≤ 0.9
		}
		put(g, x, j, r*math.Cos(a), r*math.Sin(a), jitter*noise)
	}
}

func xor(g *num.Rand, x *mat.Dense, labels []int, _ int, noise float64) {
	for j, c := range labels {
		p1, p2 := g.Uniform(0.05, 0.9), g.Uniform(0.05, 0.9)
		if g.IntN(2) == 1 {
			p1 = -p1
		}
		if (c == 1) != (p1 > 0) {
			p2 = -p2
		}
		put(g, x, j, p1, p2, jitter*noise)
	}
}

func gauss(g *num.Rand, x *mat.Dense, labels []int, k int, noise float64) {
	for j, c := range labels {
		phi := math.Pi/4 + 2*math.Pi*float64(c)/float64(k)
		put(g, x, j, 0.5*math.Cos(phi), 0.5*math.Sin(phi), 0.1+float64(jitter*noise))
	}
}

func spiral(g *num.Rand, x *mat.Dense, labels []int, k int, noise float64) {
	for j, c := range labels {
		s := g.Float64()
		r := 0.9 * s
		t := float64(3.5*math.Pi*s) + 2*math.Pi*float64(c)/float64(k)
		put(g, x, j, r*math.Sin(t), r*math.Cos(t), jitter*noise)
	}
}

// put stores (p1, p2) plus gaussian noise of standard deviation sigma in
// column j of x. It always draws two normals, so the sequence of random
// numbers does not depend on sigma. The conversions round p1, p2 (often
// products at the call site) and the noise terms before the sums, so that no
// architecture fuses them into an FMA once put is inlined.
func put(g *num.Rand, x *mat.Dense, j int, p1, p2, sigma float64) {
	n1 := g.Normal()
	n2 := g.Normal()
	x.Set(0, j, float64(p1)+float64(sigma*n1))
	x.Set(1, j, float64(p2)+float64(sigma*n2))
}
