//go:build js

package main

import (
	"image/color"
	"math"
	"slices"
	"sync"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"nnstep/wasm/palette"
)

// Game is the ebiten game: the view of the lesson's model plus what only
// drawing needs (geometry, hover, highlight, cached images).
type Game struct {
	mu     sync.Mutex
	m      *View
	source func(version, data int, dst []byte) ([]byte, bool) // the next scene, if any (bridge.go)
	buf    []byte
	err    error // the last scene refused, if any (reported once on the console)
	stop   bool  // asked to end (bridge.go): the next Update ends RunGame

	w, h, scale float64 // screen in device pixels, device pixels per CSS pixel
	geo         Geometry
	geoSizes    []int

	frames  int           // frames shown up to date: redrawn, or unchanged since the last one drawn
	redrawn int           // frames redrawn
	dirty   bool          // something drawn changed since the last frame drawn
	drawDur time.Duration // time of the last Draw that redrew (CPU side)
	updated bool          // the first Update has run (its performance mark is made)
	drawn   bool          // the first Draw of the model has run (likewise)

	hover         Hit
	highlight     Highlight
	highlightSpec HighlightSpec // what the page asked for (bridge.go)
	highlightFor  []int         // the layer sizes highlight was mapped for
	mesh          Mesh
	labels        *labeler // made at the first label drawn (text.go)
	locale        Locale   // the page's language (bridge.go, setLocale)

	frontier     *ebiten.Image // GridN×GridN heat map
	pix          []byte
	drawnVersion int // model version the heat map shows
	drawnHover   Hit
	points       *ebiten.Image // the points, drawn when they change (drawPoints)
	pointsKey    pointsKey
}

// NewGame returns the game drawing the scenes source gives: source
// appends to dst the scene after (version, data), or reports false when
// there is nothing new.
func NewGame(source func(version, data int, dst []byte) ([]byte, bool)) *Game {
	return &Game{m: &View{}, source: source, scale: 1, drawnVersion: -1, hover: Hit{Kind: "none"}, dirty: true}
}

// Update brings the view up to date with the lesson's model. Training is
// not done here: the lesson module trains, the stage draws.
func (g *Game) Update() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stop {
		return ebiten.Termination
	}
	if !g.updated {
		g.updated = true
		mark("stage-update") // ebiten's set-up is over: its first Update
	}
	v, d := -1, -1
	if g.m.Ready() {
		v, d = g.m.Version, g.m.Data
	}
	b, ok := g.source(v, d, g.buf[:0])
	if !ok {
		return nil
	}
	g.buf = b
	if err := g.m.Apply(b); err != nil {
		// Never expected: a scene the lesson module made is refused.
		if g.err == nil || err.Error() != g.err.Error() {
			js.Global().Get("console").Call("error", "nnstep stage: "+err.Error())
		}
		g.err = err
		return nil
	}
	g.err = nil
	g.dirty = true
	g.mapHighlight()
	return nil
}

// mapHighlight maps the highlight the page asked for onto the network,
// when it has not been mapped for this architecture yet (g.mu held).
func (g *Game) mapHighlight() {
	if g.m.Ready() && (g.highlightFor == nil || !slices.Equal(g.highlightFor, g.m.Net.Sizes)) {
		g.highlight = HighlightOf(g.highlightSpec, g.m.Net.Sizes)
		g.highlightFor = slices.Clone(g.m.Net.Sizes)
	}
}

// LayoutF makes the screen as large as the canvas in device pixels, so
// everything is drawn sharp at any devicePixelRatio.
func (g *Game) LayoutF(ow, oh float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		s = 1
	}
	w, h := math.Max(1, math.Round(ow*s)), math.Max(1, math.Round(oh*s))
	g.mu.Lock()
	if w != g.w || h != g.h || s != g.scale {
		g.dirty = true
	}
	g.w, g.h, g.scale = w, h, s
	g.mu.Unlock()
	return w, h
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(ow, oh int) (int, int) {
	w, h := g.LayoutF(float64(ow), float64(oh))
	return int(w), int(h)
}

// geometry returns the layout for the current size and network (g.mu held).
func (g *Game) geometry() *Geometry {
	if g.geo.W != g.w || g.geo.H != g.h || g.geo.Scale != g.scale || !slices.Equal(g.geoSizes, g.m.Net.Sizes) {
		g.geo = NewGeometry(g.w, g.h, g.scale, g.m.Net.Sizes)
		g.geoSizes = slices.Clone(g.m.Net.Sizes)
	}
	return &g.geo
}

// Draw draws the graph and the frontier when something drawn changed
// since the last frame drawn (a scene, the size, the hover, the highlight,
// the language): the screen is not cleared between frames (main.go), so
// an unchanged frame leaves it as it is, and ebiten then stops handing
// frames to the browser (docs/stage.md, "Drawing").
func (g *Game) Draw(screen *ebiten.Image) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m.Ready() {
		g.frames++ // shown up to date, redrawn or not
	}
	if !g.dirty {
		return
	}
	g.dirty = false
	t0 := time.Now()
	defer func() { g.drawDur = time.Since(t0) }()
	screen.Fill(rgba(palette.Background, 1))
	if !g.m.Ready() {
		return
	}
	geo := g.geometry()
	g.drawGraph(screen, geo)
	g.drawFrontier(screen, geo)
	g.drawTooltip(screen, geo)
	if !g.drawn {
		g.drawn = true
		defer mark("stage-draw") // the first Draw of the model (its commands, before ebiten flushes them)
	}
	g.labeler().endFrame()
	g.redrawn++
}

func rgba(c palette.RGB, a float64) color.RGBA {
	a = math.Max(0, math.Min(1, a))
	f := func(v uint8) uint8 { return uint8(math.Round(float64(v) * a)) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), uint8(math.Round(255 * a))}
}
