//go:build js

package main

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"nnstep/core/data"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/wasm/palette"
)

// drawFrontier draws the input plane coloured by the network's output (or,
// while a neuron is hovered, by that neuron's activation), the axes and the
// points: training points as discs with a white ring, test points as
// squares with a dark ring.
func (g *Game) drawFrontier(dst *ebiten.Image, geo *Geometry) {
	m, s := g.m, g.scale
	pl := geo.Plane
	if m.Grid == nil {
		g.drawCurve(dst, geo)
		return
	}
	hov := g.hover
	neuronView := hov.Kind == "neuron"
	if g.frontier == nil {
		g.frontier = ebiten.NewImage(GridN, GridN)
		g.pix = make([]byte, 4*GridN*GridN)
	}
	if g.drawnVersion != m.Version || neuronView != (g.drawnHover.Kind == "neuron") ||
		(neuronView && (hov.L != g.drawnHover.L || hov.I != g.drawnHover.I)) {
		out := m.Grid.Eval(m.Net)
		if neuronView {
			a := m.Grid.Layer(hov.L)
			row := a.Row(hov.I)
			name := "tanh"
			if hov.L > 0 {
				name = m.Net.Act[hov.L-1].Name
			}
			c, r := palette.ActRange(name, row)
			if hov.L == 0 {
				c, r = 0, math.Max(-m.Lo, m.Hi)
			}
			palette.FillPixels(g.pix, GridN, func(j int) palette.RGB { return palette.Diverging((row[j] - c) / r) })
		} else {
			sh := m.Shading()
			palette.FillPixels(g.pix, GridN, func(j int) palette.RGB { return palette.OutputColor(out, j, sh) })
		}
		g.frontier.WritePixels(g.pix)
		g.drawnVersion, g.drawnHover = m.Version, hov
	}
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(pl.W/GridN, pl.H/GridN)
	op.GeoM.Translate(pl.X, pl.Y)
	dst.DrawImage(g.frontier, op)
	g.drawAxes(dst, geo, m.Lo, m.Hi, m.Lo, m.Hi, "x1", "x2")
	g.drawPoints(dst, geo)
	if neuronView {
		g.boxLabel(dst, entryName("A", hov.L, hov.I+1, -1), pl.X+4*s, pl.Y+4*s, 12)
	}
}

// drawAxes frames the plane and writes ticks at -1, 0, 1 (and the ends
// when the extent is wider) with the axis names.
func (g *Game) drawAxes(dst *ebiten.Image, geo *Geometry, xlo, xhi, ylo, yhi float64, xname, yname string) {
	s := g.scale
	pl := geo.Plane
	g.mesh.StrokeRect(dst, pl.X, pl.Y, pl.W, pl.H, s, palette.Faint, 1)
	ticks := func(lo, hi float64) []float64 {
		step := 1.0
		for (hi-lo)/step > 6 {
			step *= 2
		}
		var t []float64
		for v := math.Ceil(lo/step) * step; v <= hi; v += step {
			t = append(t, v)
		}
		return t
	}
	xt, yt := ticks(xlo, xhi), ticks(ylo, yhi)
	for _, v := range xt {
		x := pl.X + (v-xlo)/(xhi-xlo)*pl.W
		g.mesh.Line(dst, x, pl.Y+pl.H, x, pl.Y+pl.H+4*s, s, palette.Muted, 1)
		g.label(dst, g.locale.num(v, 3), x, pl.Y+pl.H+6*s, 11, palette.Muted, topCenter, false)
	}
	for _, v := range yt {
		y := pl.Y + (yhi-v)/(yhi-ylo)*pl.H
		g.mesh.Line(dst, pl.X-4*s, y, pl.X, y, s, palette.Muted, 1)
		g.label(dst, g.locale.num(v, 3), pl.X-6*s, y, 11, palette.Muted, rightMid, false)
	}
	g.mesh.Flush(dst)
	// Axis names halfway between the ticks 0 and the next one.
	if len(xt) > 1 && len(yt) > 1 {
		xm := (xt[len(xt)/2] + xt[len(xt)/2+min(1, len(xt)-1-len(xt)/2)]) / 2
		ym := (yt[len(yt)/2] + yt[len(yt)/2+min(1, len(yt)-1-len(yt)/2)]) / 2
		g.label(dst, xname, pl.X+(xm-xlo)/(xhi-xlo)*pl.W, pl.Y+pl.H+6*s, 12, palette.Ink, topCenter, true)
		g.label(dst, yname, pl.X-6*s, pl.Y+(yhi-ym)/(yhi-ylo)*pl.H, 12, palette.Ink, rightMid, true)
	}
}

// curveN is the number of samples of the 1-D curve.
const curveN = 160

// drawCurve is the frontier of a 1-D input (dataset line): the points
// (x, y) and the network's output curve, or a hovered neuron's.
func (g *Game) drawCurve(dst *ebiten.Image, geo *Geometry) {
	m, s := g.m, g.scale
	pl := geo.Plane
	g.mesh.Rect(dst, pl.X, pl.Y, pl.W, pl.H, palette.PlaneBG, 1)
	ylo, yhi := -1.2, 1.2
	x := mat.New(1, curveN)
	for k := range curveN {
		x.Data[k] = m.Lo + (m.Hi-m.Lo)*float64(k)/float64(curveN-1)
	}
	p := nn.NewPass(m.Net)
	m.Net.Forward(p, x)
	ys := p.Output().Row(0)
	if g.hover.Kind == "neuron" {
		ys = p.A[g.hover.L].Row(g.hover.I)
	}
	g.drawAxes(dst, geo, m.Lo, m.Hi, ylo, yhi, "x", "y")
	pos := func(xv, yv float64) (float64, float64) {
		yv = math.Max(ylo-0.1, math.Min(yhi+0.1, yv))
		return pl.X + (xv-m.Lo)/(m.Hi-m.Lo)*pl.W, pl.Y + (yhi-yv)/(yhi-ylo)*pl.H
	}
	r := 3 * s
	for _, set := range []*data.Set{m.Train, m.Test} {
		for j := 0; j < set.N(); j++ {
			px, py := pos(set.X.At(0, j), set.Y.At(0, j))
			if set == m.Test {
				g.mesh.Rect(dst, px-r, py-r, 2*r, 2*r, palette.Muted, 1)
				continue
			}
			g.mesh.Disc(dst, px, py, r, palette.Orange, 1)
		}
	}
	for k := 1; k < curveN; k++ {
		if math.IsNaN(ys[k]) || math.IsNaN(ys[k-1]) {
			continue
		}
		x0, y0 := pos(x.Data[k-1], ys[k-1])
		x1, y1 := pos(x.Data[k], ys[k])
		g.mesh.Line(dst, x0, y0, x1, y1, 2.5*s, palette.Blue, 1)
	}
	g.mesh.Flush(dst)
}

// pointsKey is what the picture of the points depends on.
type pointsKey struct {
	data, example int
	lo, hi, scale float64
	plane         Rect
}

// drawPoints draws the points, training then test, the chosen example
// ringed. Their shapes (a disc and a ring per training point, over a
// hundred triangles each) are drawn into a layer only when the points, the
// example or the plane change, and the layer onto dst at every frame: in
// software WebGL the shapes of 500 points cost about half of the frame's
// rendering (docs/frontend.md, "The stage's frame").
func (g *Game) drawPoints(dst *ebiten.Image, geo *Geometry) {
	m, s, pl := g.m, g.scale, geo.Plane
	g.mesh.Flush(dst) // what was batched for dst goes under the points
	r := math.Max(2.6*s, math.Min(4*s, pl.W/90))
	margin := math.Ceil(r + 6*s + 2) // the example's ring and the anti-aliasing band
	ox, oy := math.Floor(pl.X-margin), math.Floor(pl.Y-margin)
	w, h := int(math.Ceil(pl.X+pl.W+margin-ox)), int(math.Ceil(pl.Y+pl.H+margin-oy))
	key := pointsKey{data: m.Data, example: m.Example, lo: m.Lo, hi: m.Hi, scale: s, plane: pl}
	if g.points == nil || key != g.pointsKey {
		if g.points != nil && (g.points.Bounds().Dx() != w || g.points.Bounds().Dy() != h) {
			g.points.Deallocate()
			g.points = nil
		}
		if g.points == nil {
			g.points = ebiten.NewImage(w, h)
		} else {
			g.points.Clear()
		}
		layer := g.points
		drawSet := func(set *data.Set, test bool) {
			for j := 0; j < set.N(); j++ {
				p := geo.PlanePos(set.X.At(0, j), set.X.At(1, j), m.Lo, m.Hi)
				x, y := p.X-ox, p.Y-oy
				c := palette.PointColor(set, j)
				if test {
					h := r * 0.8
					g.mesh.Rect(layer, x-h, y-h, 2*h, 2*h, c, 1)
					g.mesh.StrokeRect(layer, x-h, y-h, 2*h, 2*h, 1.2*s, palette.Ink, 1)
					continue
				}
				g.mesh.Disc(layer, x, y, r, c, 1)
				g.mesh.Ring(layer, x, y, r, 1.2*s, palette.Background, 1)
			}
		}
		drawSet(m.Train, false)
		drawSet(m.Test, true)
		if j := m.Example; j < m.Train.N() {
			p := geo.PlanePos(m.Train.X.At(0, j), m.Train.X.At(1, j), m.Lo, m.Hi)
			g.mesh.Ring(layer, p.X-ox, p.Y-oy, r+3.5*s, 2*s, palette.Ink, 1)
		}
		g.mesh.Flush(layer)
		g.pointsKey = key
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(ox, oy)
	dst.DrawImage(g.points, op)
}
