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
	// where there is room.
	top := geo.Graph.Y + 10*s
	aw := make([]float64, L+1)
	names := make([]string, L+1)
	for l := 0; l <= L; l++ {
		names[l] = fmt.Sprintf("A[%d]", l)
		aw[l] = g.textWidth(names[l], 13, true)
	}
	if L > 0 {
		gap := geo.Nodes[1][0].X - geo.Nodes[0][0].X
		if w := g.textWidth("A[0] = X", 13, true); (w+aw[1])/2+6*s < gap {
			names[0], aw[0] = "A[0] = X", w
		}
	}
	for l := 0; l <= L; l++ {
		x := geo.Nodes[l][0].X
		c := palette.Ink
		if hl.Active && !anyNeuron(hl, l, net.Sizes[l]) {
			c = palette.Muted
		}
		g.label(dst, names[l], x, top, 13, c, center, true)
		if l > 0 {
			g.label(dst, g.locale.act(net.Act[l-1].Name), x, geo.Graph.Y+geo.Graph.H-8*s, 12, palette.Muted, center, false)
			xl, xr := geo.Nodes[l-1][0].X+aw[l-1]/2, x-aw[l]/2
			wl := fmt.Sprintf("W[%d]", l)
			if ww := g.textWidth(wl, 12, false); xr-xl > ww+24*s { // room for a clear gap on both sides
				wc := palette.Muted
				if hl.Active && hl.Edges[l] {
					wc = palette.Ink
				}
				g.label(dst, wl, (xl+xr)/2, top, 12, wc, center, false)
			}
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
