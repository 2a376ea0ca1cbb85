//go:build js

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"syscall/js"

	"nnstep/wasm/jsbridge"
)

// The stage's bridge: window.nnstepStage (docs/frontend.md). The page
// merges it into window.nnstepGo. Every function takes and returns plain
// JS values, never blocks, and holds the game's lock only while it reads or
// writes the game (ebiten's frames run between JS calls).

// registerBridge adds the stage functions to obj.
func registerBridge(obj js.Value, g *Game) {
	set := func(name string, f func(args []js.Value) js.Value) { obj.Set(name, jsbridge.Func(f)) }
	locked := func(f func() any) js.Value {
		g.mu.Lock()
		v := f()
		g.mu.Unlock()
		return jsbridge.JSON(v)
	}
	// stats: frames shown up to date, frames redrawn and the time of the
	// last Draw that redrew.
	set("stats", func([]js.Value) js.Value {
		return locked(func() any {
			return map[string]any{"frames": g.frames, "redrawn": g.redrawn, "drawMs": g.drawDur.Seconds() * 1000}
		})
	})
	// stop ends the game at its next update, and with it the module (the
	// page does so when the WebGL context is lost: docs/stage.md).
	set("stop", func([]js.Value) js.Value {
		return locked(func() any { g.stop = true; return map[string]any{"ok": true} })
	})
	set("highlight", func(args []js.Value) js.Value {
		var spec HighlightSpec
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			s := js.Global().Get("JSON").Call("stringify", args[0]).String()
			if err := json.Unmarshal([]byte(s), &spec); err != nil {
				return jsbridge.Err(fmt.Errorf("highlight: %v", err))
			}
		}
		return locked(func() any {
			g.highlightSpec, g.highlightFor = spec, nil
			g.mapHighlight() // or at the first scene
			g.dirty = true
			return map[string]any{"ok": true, "active": g.m.Ready() && g.highlight.Active}
		})
	})
	// setLocale sets the decimal separator and the activations' labels
	// the stage writes with ({decimal, acts}, from the page).
	set("setLocale", func(args []js.Value) js.Value {
		var l Locale
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			s := js.Global().Get("JSON").Call("stringify", args[0]).String()
			if err := json.Unmarshal([]byte(s), &l); err != nil {
				return jsbridge.Err(fmt.Errorf("setLocale: %v", err))
			}
		}
		return locked(func() any { g.locale, g.dirty = l, true; return map[string]any{"ok": true} })
	})
	set("pointer", func(args []js.Value) js.Value {
		kind := ""
		if len(args) > 0 {
			kind = args[0].String()
		}
		x, y := jsbridge.Float(args, 1), jsbridge.Float(args, 2)
		return locked(func() any { return g.pointer(kind, x, y) })
	})
	set("geometry", func([]js.Value) js.Value {
		return locked(func() any {
			if !g.m.Ready() {
				return nil
			}
			geo := g.geometry()
			s := geo.Scale
			r := func(q Rect) map[string]float64 {
				return map[string]float64{"x": q.X / s, "y": q.Y / s, "w": q.W / s, "h": q.H / s}
			}
			nodes := make([][]map[string]float64, len(geo.Nodes))
			for l, col := range geo.Nodes {
				for _, p := range col {
					nodes[l] = append(nodes[l], map[string]float64{"x": p.X / s, "y": p.Y / s})
				}
			}
			return map[string]any{"graph": r(geo.Graph), "plane": r(geo.Plane), "stacked": geo.Stacked,
				"scale": s, "width": geo.W, "height": geo.H, "lo": g.m.Lo, "hi": g.m.Hi,
				"nodes": nodes, "r": geo.R / s}
		})
	})
}

// PointerHit is a Hit plus the nearest training example to a plane click.
type PointerHit struct {
	Hit
	Nearest int    `json:"nearest"`
	Tip     string `json:"tip,omitempty"` // the tooltip's text for this hit
}

// pointer handles a pointer event at (x, y) in CSS pixels of the canvas:
// "move" sets the hover, "leave" clears it, "click" reports what is there
// (with the current value of a weight or bias) and, on the plane, the
// nearest training point within 12 CSS pixels (-1 if none).
func (g *Game) pointer(kind string, x, y float64) PointerHit {
	if kind == "leave" || math.IsNaN(x) || math.IsNaN(y) || !g.m.Ready() {
		g.setHover(Hit{Kind: "none"})
		return PointerHit{Hit: g.hover, Nearest: -1}
	}
	geo := g.geometry()
	s := geo.Scale
	h := geo.HitTest(x*s, y*s, g.m.Lo, g.m.Hi)
	net := g.m.Net
	switch h.Kind {
	case "edge":
		h.Value = net.W[h.L-1].At(h.I, h.J)
	case "bias":
		h.Value = net.B[h.L-1].At(h.I, 0)
	case "neuron":
		_, p := g.m.ExampleForward()
		h.Value = p.A[h.L].At(h.I, 0)
	}
	if kind == "move" {
		g.setHover(h)
	}
	out := PointerHit{Hit: h, Nearest: -1, Tip: g.tipText(h)}
	if h.Kind == "plane" && g.m.Grid != nil {
		best := 12 * s
		for j := 0; j < g.m.Train.N(); j++ {
			p := geo.PlanePos(g.m.Train.X.At(0, j), g.m.Train.X.At(1, j), g.m.Lo, g.m.Hi)
			if d := math.Hypot(p.X-x*s, p.Y-y*s); d < best {
				best, out.Nearest = d, j
			}
		}
	}
	return out
}

// setHover sets what the pointer is over, marking the frame for redrawing
// when that changes the picture (g.mu held): the plane and nothing draw
// alike wherever the pointer is; a neuron, an edge or a bias draws its
// tooltip next to the pointer.
func (g *Game) setHover(h Hit) {
	plain := func(h Hit) bool { return h.Kind == "none" || h.Kind == "plane" }
	if !(plain(h) && plain(g.hover)) && h != g.hover {
		g.dirty = true
	}
	g.hover = h
}
