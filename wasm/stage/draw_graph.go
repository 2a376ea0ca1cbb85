//go:build js

package main

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"nnstep/wasm/palette"
)

func (h *Highlight) neuron(l, i int) bool { return h.Neurons[[2]int{l, i}] }
func (h *Highlight) edge(l, i, j int) bool {
	return h.Edges[l] || h.Edge[[3]int{l, i, j}]
}

// drawGraph draws the network: edges (width ∝ |w|, colour = sign), biases,
// neurons shaded by their activation for the chosen example, and the
// lecture's layer labels.
func (g *Game) drawGraph(dst *ebiten.Image, geo *Geometry) {
	m, s := g.m, g.scale
	net := m.Net
	L := net.L()
	_, pass := m.ExampleForward()
	hl := &g.highlight

	var wmax, bmax float64 = 0.5, 0.5
	for l := range net.W {
		for _, v := range net.W[l].Data {
			wmax = math.Max(wmax, math.Abs(v))
		}
		for _, v := range net.B[l].Data {
			bmax = math.Max(bmax, math.Abs(v))
		}
	}

	// Labels: A[l] above each column, σ below, and W[l] between columns
	// where there is room. A row that does not fit at its size is drawn
	// smaller, then staggered over two lines (columnLabels).
	top := geo.Graph.Y + 10*s
	names := make([]string, L+1)
	acts := make([]string, L+1)
	xs := make([]float64, L+1)
	nameColor := make([]palette.RGB, L+1)
	for l := 0; l <= L; l++ {
		names[l] = fmt.Sprintf("A[%d]", l)
		xs[l] = geo.Nodes[l][0].X
		nameColor[l] = palette.Ink
		if hl.Active && !anyNeuron(hl, l, net.Sizes[l]) {
			nameColor[l] = palette.Muted
		}
		if l > 0 {
			acts[l] = g.locale.act(net.Act[l-1].Name)
		}
	}
	if L > 0 {
		gap := xs[1] - xs[0]
		if w := g.textWidth("A[0] = X", 13, true); (w+g.textWidth(names[1], 13, true))/2+6*s < gap {
			names[0] = "A[0] = X"
		}
	}
	size, staggered := g.columnLabels(dst, geo, names, xs, top, 13, 1, nameColor, true)
	muted := make([]palette.RGB, L+1)
	for l := range muted {
		muted[l] = palette.Muted
	}
	g.columnLabels(dst, geo, acts, xs, geo.Graph.Y+geo.Graph.H-8*s, 12, -1, muted, false)
	for l := 1; l <= L && !staggered; l++ {
		xl := xs[l-1] + g.textWidth(names[l-1], size, true)/2
		xr := xs[l] - g.textWidth(names[l], size, true)/2
		wl := fmt.Sprintf("W[%d]", l)
		if ww := g.textWidth(wl, 12, false); xr-xl > ww+24*s { // room for a clear gap on both sides
			wc := palette.Muted
			if hl.Active && hl.Edges[l] {
				wc = palette.Ink
			}
			g.label(dst, wl, (xl+xr)/2, top, 12, wc, center, false)
		}
	}
	for i, p := range geo.Nodes[0] {
		g.label(dst, fmt.Sprintf("x%d", i+1), p.X-geo.R-5*s, p.Y, 12, palette.Muted, rightMid, false)
	}

	// Edges, faint ones first so strong ones are on top.
	for pass := 0; pass < 2; pass++ {
		for l := 1; l <= L; l++ {
			w := net.W[l-1]
			for i, to := range geo.Nodes[l] {
				for j, from := range geo.Nodes[l-1] {
					v := w.At(i, j)
					t := math.Abs(v) / wmax
					on := !hl.Active || hl.edge(l, i, j)
					hov := g.hover.Kind == "edge" && g.hover.L == l && g.hover.I == i && g.hover.J == j
					if (pass == 1) != (on && hl.Active || hov) {
						continue
					}
					width := s * (0.6 + 5.4*t)
					alpha := 0.3 + 0.7*t
					if !on {
						alpha *= 0.18
					}
					c := palette.Blue
					if v < 0 {
						c = palette.Orange
					}
					if math.IsNaN(v) {
						c, width = palette.NonFinite, s
					}
					if hl.Active && on {
						g.mesh.Line(dst, from.X, from.Y, to.X, to.Y, width+4*s, palette.HighlightColor, 0.45)
					}
					if hov {
						g.mesh.Line(dst, from.X, from.Y, to.X, to.Y, width+3*s, palette.Ink, 0.8)
						alpha = 1
					}
					g.mesh.Line(dst, from.X, from.Y, to.X, to.Y, width, c, alpha)
				}
			}
		}
	}

	// Biases: a small square tied to each neuron, filled by sign and size.
	for l := 1; l <= L; l++ {
		for i, p := range geo.Nodes[l] {
			b := geo.BiasAt(l, i)
			v := net.B[l-1].At(i, 0)
			on := !hl.Active || hl.Biases[l]
			a := 1.0
			if !on {
				a = 0.25
			}
			half := geo.Bias / 2
			g.mesh.Line(dst, b.X, b.Y, p.X, p.Y, s, palette.Muted, a)
			if hl.Active && hl.Biases[l] {
				g.mesh.Rect(dst, b.X-half-3*s, b.Y-half-3*s, geo.Bias+6*s, geo.Bias+6*s, palette.HighlightColor, 0.8)
			}
			c := palette.Blue
			if v < 0 {
				c = palette.Orange
			}
			g.mesh.Rect(dst, b.X-half, b.Y-half, geo.Bias, geo.Bias, palette.Mix(palette.Background, c, 0.15+0.85*math.Abs(v)/bmax), a)
			bw := s
			if g.hover.Kind == "bias" && g.hover.L == l && g.hover.I == i {
				bw = 2.5 * s
			}
			g.mesh.StrokeRect(dst, b.X-half, b.Y-half, geo.Bias, geo.Bias, bw, palette.Ink, a)
		}
	}

	// Neurons.
	for l := 0; l <= L; l++ {
		a := pass.A[l]
		name := "tanh" // inputs live in [-1, 1]
		if l > 0 {
			name = net.Act[l-1].Name
		}
		var c, r float64
		if l == 0 {
			_, r = palette.ActRange("", a.Data)
		} else {
			c, r = palette.ActRange(name, a.Data)
		}
		for i, p := range geo.Nodes[l] {
			v := a.At(i, 0)
			on := !hl.Active || hl.neuron(l, i)
			fill := palette.Diverging((v - c) / r)
			ring, rw := palette.Ink, 1.5*s
			if !on {
				fill, ring = palette.Mix(fill, palette.Background, 0.7), palette.Faint
			}
			if hl.Active && on {
				g.mesh.Ring(dst, p.X, p.Y, geo.R+2.5*s, 4*s, palette.HighlightColor, 1)
			}
			if g.hover.Kind == "neuron" && g.hover.L == l && g.hover.I == i {
				rw = 3 * s
			}
			g.mesh.Disc(dst, p.X, p.Y, geo.R, fill, 1)
			g.mesh.Ring(dst, p.X, p.Y, geo.R, rw, ring, 1)
		}
	}
	g.mesh.Flush(dst)
}

func anyNeuron(h *Highlight, l, n int) bool {
	for i := range n {
		if h.neuron(l, i) {
			return true
		}
	}
	return false
}

// columnLabels draws texts[l] centred on xs[l] (kept inside the graph) at
// height y: at size when every label is clear of its neighbours, else at a
// smaller size, else staggered over two lines (the last label on the
// first line, the others alternating; dir +1 puts the second line below,
// −1 above). A label that would still touch one already placed on its line
// is left out, the last column's first, then from right to left: the
// output's label is always drawn, and the panel names every layer. It
// returns the size used and whether the row is staggered.
func (g *Game) columnLabels(dst *ebiten.Image, geo *Geometry, texts []string, xs []float64, y, size, dir float64, colors []palette.RGB, bold bool) (float64, bool) {
	s := g.scale
	margin := 6 * s
	lo, hi := geo.Graph.X, geo.Graph.X+geo.Graph.W
	at := func(l int, size float64) (float64, float64) { // centre and width, inside the graph
		w := g.textWidth(texts[l], size, bold)
		return min(max(xs[l], lo+w/2), hi-w/2), w
	}
	fits := func(size float64) bool {
		for l := 1; l < len(texts); l++ {
			if texts[l] == "" || texts[l-1] == "" {
				continue
			}
			x0, w0 := at(l-1, size)
			x1, w1 := at(l, size)
			if x1-x0 < (w0+w1)/2+margin {
				return false
			}
		}
		return true
	}
	staggered := false
	if !fits(size) {
		size = max(10, size-2)
		staggered = !fits(size)
	}
	type span struct{ l, r float64 }
	placed := [2][]span{}
	for l := len(texts) - 1; l >= 0; l-- {
		if texts[l] == "" {
			continue
		}
		line := 0
		if staggered {
			line = (len(texts) - 1 - l) % 2
		}
		x, w := at(l, size)
		sp := span{x - w/2 - margin/2, x + w/2 + margin/2}
		clear := true
		for _, o := range placed[line] {
			if sp.l < o.r && o.l < sp.r {
				clear = false
			}
		}
		if !clear {
			continue
		}
		placed[line] = append(placed[line], sp)
		g.label(dst, texts[l], x, y+dir*float64(line)*(size+3)*s, size, colors[l], center, bold)
	}
	return size, staggered
}

// tipText is the hovered element's name and value, as the tooltip writes
// it (and the bridge's pointer reports it).
func (g *Game) tipText(h Hit) string {
	net := g.m.Net
	switch h.Kind {
	case "edge":
		return entryName("W", h.L, h.I+1, h.J+1) + " = " + g.locale.num(net.W[h.L-1].At(h.I, h.J), 4)
	case "bias":
		return entryName("b", h.L, h.I+1, -1) + " = " + g.locale.num(net.B[h.L-1].At(h.I, 0), 4)
	case "neuron":
		_, p := g.m.ExampleForward()
		return entryName("A", h.L, h.I+1, -1) + " = " + g.locale.num(p.A[h.L].At(h.I, 0), 4)
	}
	return ""
}

// drawTooltip writes the hovered element's name and value.
func (g *Game) drawTooltip(dst *ebiten.Image, geo *Geometry) {
	h := g.hover
	s := g.tipText(h)
	if s == "" {
		return
	}
	g.boxLabel(dst, s, h.PX*g.scale+14*g.scale, h.PY*g.scale+14*g.scale, 13)
}
