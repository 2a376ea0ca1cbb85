package main

import "math"

// Rect is an axis-aligned rectangle in device pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether (x, y) lies in r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Pt is a point in device pixels.
type Pt struct{ X, Y float64 }

// Geometry is where everything sits in the stage canvas, in device pixels:
// the network graph and the frontier plane side by side, or stacked when
// the stage is narrow. It depends only on the canvas size, the pixel ratio
// and the architecture, so hit tests and drawing agree.
type Geometry struct {
	W, H    float64 // canvas size in device pixels
	Scale   float64 // device pixels per CSS pixel
	Stacked bool
	Graph   Rect    // the network's area
	Plane   Rect    // the frontier heat map itself (axes outside it)
	Nodes   [][]Pt  // Nodes[l][i]: unit i of layer l (0 = input)
	R       float64 // neuron radius
	Bias    float64 // side of a bias square
}

// NewGeometry lays out a w×h canvas (device pixels) at scale for a network
// of the given layer sizes.
func NewGeometry(w, h, scale float64, sizes []int) Geometry {
	g := Geometry{W: w, H: h, Scale: scale}
	s := scale
	pad := 10 * s
	axisL, axisB := 26*s, 22*s // room for the plane's tick labels
	if w >= 1.3*h {
		side := math.Min(h-2*pad-axisB, w*0.5-axisL-2*pad)
		side = math.Max(side, 10)
		g.Plane = Rect{w - pad - side, pad + (h-2*pad-axisB-side)/2, side, side}
		g.Graph = Rect{pad, pad, g.Plane.X - axisL - 2*pad, h - 2*pad}
	} else {
		g.Stacked = true
		side := math.Min(w-2*pad-axisL, h*0.52)
		side = math.Max(side, 10)
		g.Plane = Rect{pad + axisL + (w-2*pad-axisL-side)/2, h - pad - axisB - side, side, side}
		g.Graph = Rect{pad, pad, w - 2*pad, g.Plane.Y - 3*pad}
	}
	g.layoutNodes(sizes)
	return g
}

func (g *Geometry) layoutNodes(sizes []int) {
	s := g.Scale
	L := len(sizes) - 1
	if L < 1 {
		return
	}
	top, bottom := 26*s, 22*s // layer labels above, activation names below
	area := Rect{g.Graph.X, g.Graph.Y + top, g.Graph.W, g.Graph.H - top - bottom}
	maxN := 1
	for _, n := range sizes {
		maxN = max(maxN, n)
	}
	colGap := area.W / float64(L+1)
	rowGap := math.Min(area.H/float64(maxN), 56*s)
	g.R = math.Max(3*s, math.Min(math.Min(15*s, rowGap*0.36), colGap*0.2))
	g.Bias = math.Max(3*s, g.R*0.55)
	g.Nodes = make([][]Pt, L+1)
	for l, n := range sizes {
		x := area.X + colGap*(float64(l)+0.5)
		y0 := area.Y + (area.H-rowGap*float64(n))/2 + rowGap/2
		g.Nodes[l] = make([]Pt, n)
		for i := range n {
			g.Nodes[l][i] = Pt{x, y0 + rowGap*float64(i)}
		}
	}
}

// BiasAt is the centre of the bias square of unit i of layer l (l ≥ 1),
// above and to the left of the neuron.
func (g *Geometry) BiasAt(l, i int) Pt {
	p := g.Nodes[l][i]
	return Pt{p.X - g.R*0.95, p.Y - g.R*0.95}
}

// Hit is what a pointer position designates.
type Hit struct {
	Kind  string  `json:"kind"` // "neuron", "bias", "edge", "plane" or "none"
	L     int     `json:"l"`    // layer (lecture's numbering: edges and biases of W[l], b[l]; neurons of A[l])
	I     int     `json:"i"`
	J     int     `json:"j"`
	X1    float64 `json:"x1"` // plane coordinates
	X2    float64 `json:"x2"`
	PX    float64 `json:"px"` // where to anchor an editor, CSS pixels
	PY    float64 `json:"py"`
	Value float64 `json:"value"`
}

// HitTest finds what lies under (x, y), in device pixels: a bias, then a
// neuron, then the nearest edge, then the plane; lo and hi are the plane's
// extent.
func (g *Geometry) HitTest(x, y, lo, hi float64) Hit {
	s := g.Scale
	for l := 1; l < len(g.Nodes); l++ {
		for i := range g.Nodes[l] {
			b := g.BiasAt(l, i)
			if math.Abs(x-b.X) <= g.Bias/2+2*s && math.Abs(y-b.Y) <= g.Bias/2+2*s {
				return Hit{Kind: "bias", L: l, I: i, J: -1, PX: b.X / s, PY: b.Y / s}
			}
		}
	}
	for l := range g.Nodes {
		for i, p := range g.Nodes[l] {
			if math.Hypot(x-p.X, y-p.Y) <= g.R+2*s {
				return Hit{Kind: "neuron", L: l, I: i, PX: p.X / s, PY: p.Y / s}
			}
		}
	}
	best, bestD := Hit{Kind: "none"}, 6*s
	for l := 1; l < len(g.Nodes); l++ {
		for i, to := range g.Nodes[l] {
			for j, from := range g.Nodes[l-1] {
				d, t := segDist(x, y, from, to)
				if d < bestD && t > 0.05 && t < 0.95 {
					bestD = d
					best = Hit{Kind: "edge", L: l, I: i, J: j, PX: x / s, PY: y / s}
				}
			}
		}
	}
	if best.Kind != "none" {
		return best
	}
	if g.Plane.Contains(x, y) {
		x1 := lo + (x-g.Plane.X)/g.Plane.W*(hi-lo)
		x2 := hi - (y-g.Plane.Y)/g.Plane.H*(hi-lo)
		return Hit{Kind: "plane", X1: x1, X2: x2, PX: x / s, PY: y / s}
	}
	return Hit{Kind: "none"}
}

// segDist returns the distance from (x, y) to the segment a–b and the
// parameter of the nearest point along it.
func segDist(x, y float64, a, b Pt) (float64, float64) {
	dx, dy := b.X-a.X, b.Y-a.Y
	L2 := dx*dx + dy*dy
	if L2 == 0 {
		return math.Hypot(x-a.X, y-a.Y), 0
	}
	t := ((x-a.X)*dx + (y-a.Y)*dy) / L2
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(a.X+t*dx), y-(a.Y+t*dy)), t
}

// PlanePos converts plane coordinates to device pixels.
func (g *Geometry) PlanePos(x1, x2, lo, hi float64) Pt {
	return Pt{g.Plane.X + (x1-lo)/(hi-lo)*g.Plane.W, g.Plane.Y + (hi-x2)/(hi-lo)*g.Plane.H}
}
