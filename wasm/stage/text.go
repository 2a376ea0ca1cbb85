//go:build js

package main

import (
	"math"
	"strconv"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"nnstep/wasm/palette"
)

// The stage's labels are rasterised by the browser (a 2D canvas) and drawn
// by ebiten as images. The browser already has good fonts for every script
// the lesson shows (σ, η, subscripts) and its own text shaping, so the
// module carries no font files and no shaping engine: that was 5 MB of the
// 16 MB module and a good part of its start-up (docs/stage.md).
//
// A label is drawn in white once and tinted by ColorScale when drawn, so one
// image serves every colour. Images not used for a while are released.

// Align of a label relative to its anchor point: 0 start (left or top),
// 0.5 centre, 1 end (right or bottom) of the label's box, whose height is the
// font's ascent plus descent.
type Align struct{ H, V float64 }

var (
	center    = Align{0.5, 0.5}
	leftMid   = Align{0, 0.5}
	rightMid  = Align{1, 0.5}
	topCenter = Align{0.5, 0}
	botCenter = Align{0.5, 1}
)

// labelKey identifies a rasterised label: its text, its size in device
// pixels (rounded to a quarter pixel) and its weight.
type labelKey struct {
	s    string
	size int // device pixels × 4
	bold bool
}

// labelImg is a rasterised label: the image holds the text with labelPad
// pixels of margin; w and h are its advance width and line height.
type labelImg struct {
	img      *ebiten.Image
	w, h     float64
	lastUsed int
}

// labeler rasterises labels with a canvas 2D context and caches them.
type labeler struct {
	canvas, ctx js.Value
	family      string
	imgs        map[labelKey]*labelImg
	widths      map[labelKey]float64
	buf         []byte
	frame       int
}

// labelPad is the margin around the text, in device pixels, so that glyphs
// overhanging their advance (italics, accents) are not cut.
const labelPad = 3

// labelKeep is how many frames an unused label image is kept.
const labelKeep = 120

func newLabeler() *labeler {
	doc := js.Global().Get("document")
	// An OffscreenCanvas: its font needs no style of the page, where a
	// <canvas>'s would make the browser recompute the page's styles first
	// (a quarter of a second at start-up, measured).
	var canvas js.Value
	if oc := js.Global().Get("OffscreenCanvas"); oc.Type() == js.TypeFunction {
		canvas = oc.New(1, 1)
	} else {
		canvas = doc.Call("createElement", "canvas")
	}
	opts := js.Global().Get("Object").New()
	opts.Set("willReadFrequently", true)
	ctx := canvas.Call("getContext", "2d", opts)
	family := `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`
	if body := doc.Get("body"); body.Truthy() {
		if f := js.Global().Call("getComputedStyle", body).Get("fontFamily").String(); f != "" {
			family = f
		}
	}
	return &labeler{canvas: canvas, ctx: ctx, family: family,
		imgs: map[labelKey]*labelImg{}, widths: map[labelKey]float64{}}
}

func (l *labeler) key(s string, size float64, bold bool) labelKey {
	return labelKey{s, int(math.Round(size * 4)), bold}
}

// setFont sets the context's font for k.
func (l *labeler) setFont(k labelKey) {
	w := "400"
	if k.bold {
		w = "700"
	}
	l.ctx.Set("font", w+" "+strconv.FormatFloat(float64(k.size)/4, 'f', 2, 64)+"px "+l.family)
}

// width returns the advance width of s in device pixels.
func (l *labeler) width(s string, size float64, bold bool) float64 {
	k := l.key(s, size, bold)
	if im, ok := l.imgs[k]; ok {
		return im.w
	}
	if w, ok := l.widths[k]; ok {
		return w
	}
	l.setFont(k)
	w := l.ctx.Call("measureText", s).Get("width").Float()
	if len(l.widths) > 4096 {
		clear(l.widths)
	}
	l.widths[k] = w
	return w
}

// image returns the rasterised label s, making it if needed.
func (l *labeler) image(s string, size float64, bold bool) *labelImg {
	k := l.key(s, size, bold)
	if im, ok := l.imgs[k]; ok {
		im.lastUsed = l.frame
		return im
	}
	l.setFont(k)
	m := l.ctx.Call("measureText", s)
	asc := m.Get("fontBoundingBoxAscent").Float()
	desc := m.Get("fontBoundingBoxDescent").Float()
	if math.IsNaN(asc) || asc <= 0 { // older engines: approximate from the size
		asc, desc = 0.8*float64(k.size)/4, 0.2*float64(k.size)/4
	}
	w := m.Get("width").Float()
	iw := int(math.Ceil(w)) + 2*labelPad
	ih := int(math.Ceil(asc+desc)) + 2*labelPad
	l.canvas.Set("width", iw) // resizing also clears the canvas and resets its state
	l.canvas.Set("height", ih)
	l.setFont(k)
	l.ctx.Set("fillStyle", "#fff")
	l.ctx.Set("textBaseline", "alphabetic")
	l.ctx.Call("fillText", s, labelPad, labelPad+asc)
	data := l.ctx.Call("getImageData", 0, 0, iw, ih).Get("data")
	n := iw * ih * 4
	if cap(l.buf) < n {
		l.buf = make([]byte, n)
	}
	px := l.buf[:n]
	js.CopyBytesToGo(px, data)
	// The canvas gives straight alpha; ebiten wants premultiplied. The text
	// is white, so every colour channel becomes the alpha.
	for i := 0; i+3 < n; i += 4 {
		a := px[i+3]
		px[i], px[i+1], px[i+2] = a, a, a
	}
	img := ebiten.NewImage(iw, ih)
	img.WritePixels(px)
	im := &labelImg{img: img, w: w, h: asc + desc, lastUsed: l.frame}
	l.imgs[k] = im
	return im
}

// endFrame releases the images not drawn for labelKeep frames.
func (l *labeler) endFrame() {
	l.frame++
	if l.frame%30 != 0 {
		return
	}
	for k, im := range l.imgs {
		if l.frame-im.lastUsed > labelKeep {
			im.img.Deallocate()
			delete(l.imgs, k)
		}
	}
}

func (g *Game) labeler() *labeler {
	if g.labels == nil {
		g.labels = newLabeler()
	}
	return g.labels
}

// label draws s at (x, y) in device pixels; size is in CSS pixels.
func (g *Game) label(dst *ebiten.Image, s string, x, y, size float64, c palette.RGB, a Align, bold bool) {
	if s == "" {
		return
	}
	im := g.labeler().image(s, size*g.scale, bold)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(math.Round(x-a.H*im.w-labelPad), math.Round(y-a.V*im.h-labelPad))
	op.ColorScale.ScaleWithColor(rgba(c, 1))
	dst.DrawImage(im.img, op)
}

// textWidth is the width of s in device pixels at size (CSS pixels).
func (g *Game) textWidth(s string, size float64, bold bool) float64 {
	return g.labeler().width(s, size*g.scale, bold)
}

// boxLabel draws s on a rounded white box with a border, anchored with its
// top-left corner at (x, y), kept inside the screen.
func (g *Game) boxLabel(dst *ebiten.Image, s string, x, y, size float64) {
	im := g.labeler().image(s, size*g.scale, false)
	pad := 5 * g.scale
	bw, bh := im.w+2*pad, im.h+2*pad
	x = min(max(x, 2), g.w-bw-2)
	y = min(max(y, 2), g.h-bh-2)
	g.mesh.Rect(dst, x, y, bw, bh, palette.Background, 0.96)
	g.mesh.StrokeRect(dst, x, y, bw, bh, g.scale, palette.Muted, 1)
	g.mesh.Flush(dst)
	g.label(dst, s, x+pad, y+pad, size, palette.Ink, Align{}, false)
}
