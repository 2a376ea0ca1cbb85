//go:build js

package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"nnstep/wasm/palette"
)

// Mesh batches flat shapes (lines, discs, rings, rectangles) into one
// triangle list drawn with a single DrawTriangles call. Edges are
// anti-aliased by a one-pixel band whose alpha fades to zero, so no
// offscreen anti-aliasing buffer is needed: drawing hundreds of edges and
// points costs one draw call, which matters on software WebGL.
type Mesh struct {
	vs []ebiten.Vertex
	is []uint16
}

var whitePixel = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}()

const meshMaxVertices = 60000

func (m *Mesh) vertex(x, y float64, c palette.RGB, a float64) uint16 {
	n := len(m.vs)
	m.vs = append(m.vs, ebiten.Vertex{
		DstX: float32(x), DstY: float32(y), SrcX: 1.5, SrcY: 1.5,
		ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255, ColorA: float32(a),
	})
	return uint16(n)
}

func (m *Mesh) quad(a, b, c, d uint16) { m.is = append(m.is, a, b, c, a, c, d) }

// reserve flushes into dst first when n more vertices would not fit.
func (m *Mesh) reserve(dst *ebiten.Image, n int) {
	if len(m.vs)+n > meshMaxVertices {
		m.Flush(dst)
	}
}

// Flush draws the batched shapes onto dst and empties the mesh.
func (m *Mesh) Flush(dst *ebiten.Image) {
	if len(m.is) > 0 {
		dst.DrawTriangles(m.vs, m.is, whitePixel, &ebiten.DrawTrianglesOptions{})
	}
	m.vs, m.is = m.vs[:0], m.is[:0]
}

// Line adds a segment of width w (device pixels).
func (m *Mesh) Line(dst *ebiten.Image, x0, y0, x1, y1, w float64, c palette.RGB, a float64) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 || a <= 0 {
		return
	}
	m.reserve(dst, 8)
	nx, ny := -dy/l, dx/l
	if w < 1 { // thinner than a pixel: fade instead
		a *= w
		w = 1
	}
	in, out := w/2-0.5, w/2+0.5
	v := [8]uint16{}
	for k, off := range [4]float64{-out, -in, in, out} {
		al := a
		if k == 0 || k == 3 {
			al = 0
		}
		v[k] = m.vertex(x0+nx*off, y0+ny*off, c, al)
		v[4+k] = m.vertex(x1+nx*off, y1+ny*off, c, al)
	}
	for k := 0; k < 3; k++ {
		m.quad(v[k], v[k+1], v[5+k], v[4+k])
	}
}

func segments(r float64) int { return int(math.Max(12, math.Min(64, r*1.2))) }

// Disc adds a filled circle.
func (m *Mesh) Disc(dst *ebiten.Image, cx, cy, r float64, c palette.RGB, a float64) {
	n := segments(r)
	m.reserve(dst, 2*n+1)
	center := m.vertex(cx, cy, c, a)
	first := uint16(len(m.vs))
	for k := 0; k < n; k++ {
		t := 2 * math.Pi * float64(k) / float64(n)
		cs, sn := math.Cos(t), math.Sin(t)
		m.vertex(cx+cs*(r-0.5), cy+sn*(r-0.5), c, a)
		m.vertex(cx+cs*(r+0.5), cy+sn*(r+0.5), c, 0)
	}
	for k := 0; k < n; k++ {
		i0, o0 := first+uint16(2*k), first+uint16(2*k+1)
		k1 := (k + 1) % n
		i1, o1 := first+uint16(2*k1), first+uint16(2*k1+1)
		m.is = append(m.is, center, i0, i1)
		m.quad(i0, o0, o1, i1)
	}
}

// Ring adds a circle outline of width w centred on radius r.
func (m *Mesh) Ring(dst *ebiten.Image, cx, cy, r, w float64, c palette.RGB, a float64) {
	n := segments(r + w)
	m.reserve(dst, 4*n)
	if w < 1 {
		a *= w
		w = 1
	}
	radii := [4]float64{math.Max(0, r-w/2-0.5), r - w/2 + 0.5, r + w/2 - 0.5, r + w/2 + 0.5}
	first := uint16(len(m.vs))
	for k := 0; k < n; k++ {
		t := 2 * math.Pi * float64(k) / float64(n)
		cs, sn := math.Cos(t), math.Sin(t)
		for q, rr := range radii {
			al := a
			if q == 0 || q == 3 {
				al = 0
			}
			m.vertex(cx+cs*rr, cy+sn*rr, c, al)
		}
	}
	for k := 0; k < n; k++ {
		k1 := (k + 1) % n
		for q := uint16(0); q < 3; q++ {
			a0, a1 := first+uint16(4*k)+q, first+uint16(4*k1)+q
			m.quad(a0, a0+1, a1+1, a1)
		}
	}
}

// Rect adds a filled axis-aligned rectangle (sharp edges: they lie on
// pixels when x, y, w, h are whole numbers).
func (m *Mesh) Rect(dst *ebiten.Image, x, y, w, h float64, c palette.RGB, a float64) {
	if w <= 0 || h <= 0 {
		return
	}
	m.reserve(dst, 4)
	v0 := m.vertex(x, y, c, a)
	v1 := m.vertex(x+w, y, c, a)
	v2 := m.vertex(x+w, y+h, c, a)
	v3 := m.vertex(x, y+h, c, a)
	m.quad(v0, v1, v2, v3)
}

// StrokeRect adds a rectangle outline of width lw, centred on its edges.
func (m *Mesh) StrokeRect(dst *ebiten.Image, x, y, w, h, lw float64, c palette.RGB, a float64) {
	hw := lw / 2
	m.Rect(dst, x-hw, y-hw, w+lw, lw, c, a)
	m.Rect(dst, x-hw, y+h-hw, w+lw, lw, c, a)
	m.Rect(dst, x-hw, y+hw, lw, h-lw, c, a)
	m.Rect(dst, x+w-hw, y+hw, lw, h-lw, c, a)
}
