//go:build js

package main

import (
	"image/color"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// Game is the ebiten game: the model plus what only the view needs
// (geometry, hover, highlight, cached images).
type Game struct {
	mu sync.Mutex
	m  *Model

	w, h, scale float64 // screen in device pixels, device pixels per CSS pixel
	geo         Geometry
	geoSizes    []int

	frames    int           // frames drawn
	lastEpoch int           // epochs run by the last Update
	updateDur time.Duration // time of the last Update (training) and Draw
	drawDur   time.Duration
	lastTick  time.Time     // start of the last Update
	interval  time.Duration // moving average of the frame interval
	budget    time.Duration // training time of the last Update

	hover     Hit
	highlight Highlight
	mesh      Mesh
	labels    *labeler // made at the first label drawn (text.go)

	frontier     *ebiten.Image // GridN×GridN heat map
	pix          []byte
	drawnVersion int // model version the heat map shows
	drawnHover   Hit
}

// NewGame returns the game around a model.
func NewGame(m *Model) *Game {
	return &Game{m: m, scale: 1, drawnVersion: -1, hover: Hit{Kind: "none"}, interval: time.Second / 60}
}

// Update trains for at most Budget(frame interval) (one epoch with epf=1).
func (g *Game) Update() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	t0 := time.Now()
	if !g.lastTick.IsZero() {
		dt := min(t0.Sub(g.lastTick), 500*time.Millisecond)
		g.interval += (dt - g.interval) / 5
	}
	g.lastTick = t0
	g.budget = Budget(g.interval)
	g.lastEpoch = g.m.Advance(g.budget, time.Now)
	g.updateDur = time.Since(t0)
	return nil
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

// Draw draws the graph and the frontier.
func (g *Game) Draw(screen *ebiten.Image) {
	g.mu.Lock()
	defer g.mu.Unlock()
	t0 := time.Now()
	defer func() { g.drawDur = time.Since(t0) }()
	screen.Fill(rgba(Background, 1))
	geo := g.geometry()
	g.drawGraph(screen, geo)
	g.drawFrontier(screen, geo)
	g.drawTooltip(screen, geo)
	g.labeler().endFrame()
	g.frames++
}

func rgba(c RGB, a float64) color.RGBA {
	a = math.Max(0, math.Min(1, a))
	f := func(v uint8) uint8 { return uint8(math.Round(float64(v) * a)) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), uint8(math.Round(255 * a))}
}
