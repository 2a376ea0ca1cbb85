//go:build js

package main

import (
	"bytes"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

var regularSrc, boldSrc *text.GoTextFaceSource

func init() {
	var err error
	if regularSrc, err = text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF)); err != nil {
		panic(err)
	}
	if boldSrc, err = text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF)); err != nil {
		panic(err)
	}
}

// faces caches faces by size.
var faces = map[[2]float64]*text.GoTextFace{}

func face(size float64, bold bool) *text.GoTextFace {
	k := [2]float64{size, 0}
	src := regularSrc
	if bold {
		k[1], src = 1, boldSrc
	}
	f, ok := faces[k]
	if !ok {
		f = &text.GoTextFace{Source: src, Size: size}
		faces[k] = f
	}
	return f
}

// Align of a label relative to its anchor point.
type Align struct{ H, V text.Align }

var (
	center    = Align{text.AlignCenter, text.AlignCenter}
	leftMid   = Align{text.AlignStart, text.AlignCenter}
	rightMid  = Align{text.AlignEnd, text.AlignCenter}
	topCenter = Align{text.AlignCenter, text.AlignStart}
	botCenter = Align{text.AlignCenter, text.AlignEnd}
)

// label draws s at (x, y) in device pixels; size is in CSS pixels.
func (g *Game) label(dst *ebiten.Image, s string, x, y, size float64, c RGB, a Align, bold bool) {
	f := face(size*g.scale, bold)
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(rgba(c, 1))
	op.PrimaryAlign, op.SecondaryAlign = a.H, a.V
	text.Draw(dst, s, f, op)
}

// textWidth is the width of s in device pixels at size (CSS pixels).
func (g *Game) textWidth(s string, size float64, bold bool) float64 {
	return text.Advance(s, face(size*g.scale, bold))
}

// boxLabel draws s on a rounded white box with a border, anchored with its
// top-left corner at (x, y), kept inside the screen.
func (g *Game) boxLabel(dst *ebiten.Image, s string, x, y, size float64) {
	f := face(size*g.scale, false)
	w, h := text.Measure(s, f, 0)
	pad := 5 * g.scale
	bw, bh := w+2*pad, h+2*pad
	x = min(max(x, 2), g.w-bw-2)
	y = min(max(y, 2), g.h-bh-2)
	g.mesh.Rect(dst, x, y, bw, bh, Background, 0.96)
	g.mesh.StrokeRect(dst, x, y, bw, bh, g.scale, Muted, 1)
	g.mesh.Flush(dst)
	op := &text.DrawOptions{}
	op.GeoM.Translate(x+pad, y+pad)
	op.ColorScale.ScaleWithColor(rgba(Ink, 1))
	text.Draw(dst, s, f, op)
}
