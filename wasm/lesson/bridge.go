//go:build js

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"syscall/js"
)

// The bridge: window.nnstepGo's stage functions (docs/frontend.md). Each
// takes and returns plain JS values, never blocks, and reports errors as
// {error: "..."} instead of throwing. None calls into JS while holding the
// game's lock.

var jsonParse = js.Global().Get("JSON").Get("parse")

// toJS converts v to a JS value through JSON.
func toJS(v any) js.Value { return jsonParse.Invoke(jsonOf(v)) }

func errJS(err error) js.Value { return toJS(map[string]string{"error": err.Error()}) }

// argString converts a JS value to the string a URL would carry.
func argString(v js.Value) string {
	switch v.Type() {
	case js.TypeNumber:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case js.TypeBoolean:
		if v.Bool() {
			return "1"
		}
		return "0"
	case js.TypeString:
		return v.String()
	case js.TypeUndefined, js.TypeNull:
		return ""
	}
	if js.Global().Get("Array").Call("isArray", v).Bool() {
		parts := make([]string, v.Length())
		for i := range parts {
			parts[i] = argString(v.Index(i))
		}
		return joinAny(parts)
	}
	return v.Call("toString").String()
}

func joinAny(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += ","
		}
		s += p
	}
	return s
}

func argFloat(args []js.Value, i int) float64 {
	if i >= len(args) {
		return math.NaN()
	}
	v := args[i]
	if v.Type() == js.TypeString {
		f, err := strconv.ParseFloat(v.String(), 64)
		if err != nil {
			return math.NaN()
		}
		return f
	}
	if v.Type() != js.TypeNumber {
		return math.NaN()
	}
	return v.Float()
}

func argInt(args []js.Value, i int) int {
	f := argFloat(args, i)
	if math.IsNaN(f) || f != math.Trunc(f) {
		return math.MinInt32
	}
	return int(f)
}

// safe wraps a bridge function: a panic becomes {error}.
func safe(f func(args []js.Value) js.Value) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = errJS(fmt.Errorf("internal error: %v", r))
			}
		}()
		return f(args)
	})
}

// registerBridge adds the stage functions to obj.
func registerBridge(obj js.Value, g *Game) {
	set := func(name string, f func(args []js.Value) js.Value) { obj.Set(name, safe(f)) }
	locked := func(f func() any) js.Value {
		g.mu.Lock()
		v := f()
		g.mu.Unlock()
		return toJS(v)
	}
	stats := func() any {
		st := StatsOf(g.m, g.frames, g.lastEpoch)
		st.UpdateMs, st.DrawMs = g.updateDur.Seconds()*1000, g.drawDur.Seconds()*1000
		st.BudgetMs = g.budget.Seconds() * 1000
		return st
	}

	set("configure", func(args []js.Value) js.Value {
		kv := map[string]string{}
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			keys := js.Global().Get("Object").Call("keys", args[0])
			for i := 0; i < keys.Length(); i++ {
				k := keys.Index(i).String()
				kv[k] = argString(args[0].Get(k))
			}
		}
		return locked(func() any {
			known := map[string]string{}
			for _, k := range Keys() {
				if v, ok := kv[k]; ok {
					known[k] = v
				}
			}
			notices, err := g.m.Configure(known)
			g.highlight = Highlight{}
			if notices == nil {
				notices = []Notice{}
			}
			out := map[string]any{"state": g.m.S.StateJS(), "notices": notices}
			if err != nil {
				out["error"] = err.Error()
			}
			return out
		})
	})
	set("state", func([]js.Value) js.Value { return locked(func() any { return g.m.S.StateJS() }) })
	set("stats", func([]js.Value) js.Value { return locked(stats) })
	set("history", func([]js.Value) js.Value { return locked(func() any { return HistoryOf(g.m) }) })
	set("play", func([]js.Value) js.Value { return locked(func() any { g.m.Play(); return stats() }) })
	set("pause", func([]js.Value) js.Value { return locked(func() any { g.m.Pause(); return stats() }) })
	set("stepEpoch", func([]js.Value) js.Value {
		return locked(func() any { g.m.Pause(); g.m.StepEpoch(); return stats() })
	})
	set("reset", func([]js.Value) js.Value {
		return locked(func() any {
			if err := g.m.Reset(); err != nil {
				return map[string]string{"error": err.Error()}
			}
			return stats()
		})
	})
	set("trace", func([]js.Value) js.Value {
		g.mu.Lock()
		b, err := g.m.TraceJSON()
		g.mu.Unlock()
		if err != nil {
			return errJS(err)
		}
		return jsonParse.Invoke(string(b))
	})
	set("nextIteration", func([]js.Value) js.Value {
		g.mu.Lock()
		g.m.NextIteration()
		b, err := g.m.TraceJSON()
		g.mu.Unlock()
		if err != nil {
			return errJS(err)
		}
		return jsonParse.Invoke(string(b))
	})
	set("highlight", func(args []js.Value) js.Value {
		var spec HighlightSpec
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			s := js.Global().Get("JSON").Call("stringify", args[0]).String()
			if err := json.Unmarshal([]byte(s), &spec); err != nil {
				return errJS(fmt.Errorf("highlight: %v", err))
			}
		}
		return locked(func() any {
			g.highlight = HighlightOf(spec, g.m.Net.Sizes)
			return map[string]any{"ok": true, "active": g.highlight.Active}
		})
	})
	set("setWeight", func(args []js.Value) js.Value {
		l, i, j, v := argInt(args, 0), argInt(args, 1), argInt(args, 2), argFloat(args, 3)
		return locked(func() any {
			if err := g.m.SetWeight(l, i, j, v); err != nil {
				return map[string]string{"error": err.Error()}
			}
			return map[string]any{"ok": true, "stats": stats()}
		})
	})
	set("addPoint", func(args []js.Value) js.Value {
		x1, x2, c := argFloat(args, 0), argFloat(args, 1), argInt(args, 2)
		return locked(func() any {
			if err := g.m.AddPoint(x1, x2, c); err != nil {
				return map[string]string{"error": err.Error()}
			}
			return map[string]any{"ok": true, "state": g.m.S.StateJS(), "n": g.m.Full.N()}
		})
	})
	set("loadCSV", func(args []js.Value) js.Value {
		text := ""
		if len(args) > 0 {
			text = args[0].String()
		}
		return locked(func() any {
			err := g.m.LoadCSV(text)
			var ce *CSVError
			switch {
			case errors.As(err, &ce):
				return map[string]any{"error": ce.Error(), "line": ce.Line, "code": ce.Code, "field": ce.Field, "value": ce.Value}
			case err != nil:
				return map[string]any{"error": err.Error()}
			}
			return map[string]any{"ok": true, "state": g.m.S.StateJS(), "n": g.m.Full.N(), "classes": g.m.Classes}
		})
	})
	set("exportCSV", func([]js.Value) js.Value {
		return locked(func() any { return map[string]any{"csv": g.m.CSV()} })
	})
	set("pointer", func(args []js.Value) js.Value {
		kind := ""
		if len(args) > 0 {
			kind = args[0].String()
		}
		x, y := argFloat(args, 1), argFloat(args, 2)
		return locked(func() any { return g.pointer(kind, x, y) })
	})
	set("geometry", func([]js.Value) js.Value {
		return locked(func() any {
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
	Nearest int `json:"nearest"`
}

// pointer handles a pointer event at (x, y) in CSS pixels of the canvas:
// "move" sets the hover, "leave" clears it, "click" reports what is there
// (with the current value of a weight or bias) and, on the plane, the
// nearest training point within 12 CSS pixels (-1 if none).
func (g *Game) pointer(kind string, x, y float64) PointerHit {
	geo := g.geometry()
	s := geo.Scale
	if kind == "leave" || math.IsNaN(x) || math.IsNaN(y) {
		g.hover = Hit{Kind: "none"}
		return PointerHit{Hit: g.hover, Nearest: -1}
	}
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
		g.hover = h
	}
	out := PointerHit{Hit: h, Nearest: -1}
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
