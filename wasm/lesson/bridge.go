//go:build js

package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"nnstep/core/notebook"
	"nnstep/wasm/jsbridge"
	"nnstep/wasm/lesson/model"
)

// The bridge: window.nnstepGo's model functions (docs/frontend.md). Each
// takes and returns plain JS values, never blocks, and reports errors as
// {error: "..."} instead of throwing. JS calls them one at a time, so the
// model needs no lock.

// Engine is the model plus the pace of its training.
type Engine struct {
	m         *model.Model
	scenes    model.Scenes
	frontiers model.Frontiers

	lastEpoch int           // epochs run by the last tick
	updateDur time.Duration // time of the last tick
	lastTick  time.Time     // start of the last tick
	interval  time.Duration // moving average of the interval between ticks
	budget    time.Duration // training time of the last tick
}

// NewEngine returns the engine around a model.
func NewEngine(m *model.Model) *Engine { return &Engine{m: m, interval: time.Second / 60} }

// Tick trains for at most model.Budget(interval between ticks), at most
// Settings.Speed epochs; in a Worker (inWorker), for model.WorkerBudget,
// since nothing else waits for that thread. The page calls it once per
// animation frame, or asks the Worker to.
func (e *Engine) Tick(inWorker bool) {
	t0 := time.Now()
	if !e.lastTick.IsZero() {
		dt := min(t0.Sub(e.lastTick), 500*time.Millisecond)
		e.interval += (dt - e.interval) / 5
	}
	e.lastTick = t0
	e.budget = model.Budget(e.interval)
	if inWorker {
		e.budget = model.WorkerBudget(e.interval)
	}
	e.lastEpoch = e.m.Advance(e.budget, time.Now)
	e.updateDur = time.Since(t0)
}

// bytesJS copies b into a new Uint8Array.
func bytesJS(b []byte) js.Value {
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	return arr
}

// bytesGo copies a Uint8Array (nothing for another value).
func bytesGo(v js.Value) []byte {
	if v.Type() != js.TypeObject || !v.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil
	}
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b
}

// errJS is {error} with, for a model.CodeError, its code and value, which the
// page phrases in its language.
func errJS(err error) js.Value {
	var ce *model.CodeError
	if errors.As(err, &ce) {
		return jsbridge.JSON(map[string]any{"error": ce.Error(), "code": ce.Code, "value": ce.Value})
	}
	return jsbridge.Err(err)
}

// registerBridge adds the model's functions to obj.
func registerBridge(obj js.Value, e *Engine) {
	set := func(name string, f func(args []js.Value) js.Value) { obj.Set(name, jsbridge.Func(f)) }
	stats := func() any {
		st := model.StatsOf(e.m, e.lastEpoch)
		st.UpdateMs, st.BudgetMs = e.updateDur.Seconds()*1000, e.budget.Seconds()*1000
		return st
	}

	set("configure", func(args []js.Value) js.Value {
		kv := map[string]string{}
		if len(args) > 0 && args[0].Type() == js.TypeObject {
			keys := js.Global().Get("Object").Call("keys", args[0])
			for i := 0; i < keys.Length(); i++ {
				k := keys.Index(i).String()
				kv[k] = jsbridge.String(args[0].Get(k))
			}
		}
		known := map[string]string{}
		for _, k := range model.Keys() {
			if v, ok := kv[k]; ok {
				known[k] = v
			}
		}
		notices, err := e.m.Configure(known)
		if notices == nil {
			notices = []model.Notice{}
		}
		out := map[string]any{"state": e.m.S.StateJS(), "notices": notices}
		if err != nil {
			out["error"] = err.Error()
		}
		return jsbridge.JSON(out)
	})
	set("state", func([]js.Value) js.Value { return jsbridge.JSON(e.m.S.StateJS()) })
	// schema() is the settings' schema (schema.go): the page's keys,
	// defaults and control limits derive from it (docs/stage.md, "Settings").
	set("schema", func([]js.Value) js.Value { return jsbridge.JSON(model.Schema()) })
	set("stats", func([]js.Value) js.Value { return jsbridge.JSON(stats()) })
	set("history", func([]js.Value) js.Value { return jsbridge.JSON(model.HistoryOf(e.m)) })
	set("play", func([]js.Value) js.Value { e.m.Play(); return jsbridge.JSON(stats()) })
	set("pause", func([]js.Value) js.Value { e.m.Pause(); return jsbridge.JSON(stats()) })
	set("stepEpoch", func([]js.Value) js.Value { e.m.Pause(); e.m.StepEpoch(); return jsbridge.JSON(stats()) })
	set("reset", func([]js.Value) js.Value {
		if err := e.m.Reset(); err != nil {
			return jsbridge.Err(err)
		}
		return jsbridge.JSON(stats())
	})
	set("trace", func([]js.Value) js.Value {
		b, err := e.m.TraceJSON()
		if err != nil {
			return jsbridge.Err(err)
		}
		return jsbridge.Parse(b)
	})
	// numpy(expr) → {shape, data, bool} or {error}: the expression on the
	// current iteration's matrices (docs/numpy.md); data is [[…]] for a
	// matrix, […] for a vector, the number for a scalar.
	set("numpy", func(args []js.Value) js.Value {
		a, err := e.m.NumPy(jsbridge.String(jsbridge.Arg(args, 0)))
		if err != nil {
			return jsbridge.Err(err)
		}
		var data any = a.Data[0]
		switch len(a.Shape) {
		case 1:
			data = a.Data
		case 2:
			data = a.Rows()
		}
		return jsbridge.Value(map[string]any{"shape": a.Shape, "data": data, "bool": a.Bool})
	})
	// checkNumPy(i, expr) → {ok, shape, data, error, want, cells, hint,
	// name}: a student's expression for op i checked against its result
	// (docs/frontend.md, "NumPy cells"), or {error} for an op out of range.
	set("checkNumPy", func(args []js.Value) js.Value {
		c, err := e.m.CheckNumPy(jsbridge.Int(args, 0), jsbridge.String(jsbridge.Arg(args, 1)))
		if err != nil {
			return jsbridge.Err(err)
		}
		out := map[string]any{"ok": c.OK, "want": c.Want, "hint": c.Hint, "name": c.Name}
		if c.Value != nil {
			out["shape"], out["data"] = c.Value.Shape, c.Value.Rows()
		} else {
			out["error"] = c.Error
		}
		cells := make([]any, len(c.Cells))
		for k, rc := range c.Cells {
			cells[k] = []any{rc[0], rc[1]}
		}
		out["cells"] = cells
		return jsbridge.Value(out)
	})
	// numpyNames(i) → {name, names}: op i's result in NumPy and the names
	// an expression for it may use, in the iteration's order.
	set("numpyNames", func(args []js.Value) js.Value {
		name, names, err := e.m.NumPyNames(jsbridge.Int(args, 0))
		if err != nil {
			return jsbridge.Err(err)
		}
		return jsbridge.Value(map[string]any{"name": name, "names": names})
	})
	// notebook(variant, words) → the .ipynb text of the current iteration
	// (docs/notebook.md), or {error}.
	set("notebook", func(args []js.Value) js.Value {
		var w notebook.Words
		if err := jsbridge.Decode(jsbridge.Arg(args, 1), &w); err != nil {
			return jsbridge.Err(fmt.Errorf("words: %v", err))
		}
		b, err := e.m.Notebook(jsbridge.String(jsbridge.Arg(args, 0)), w)
		if err != nil {
			return jsbridge.Err(err)
		}
		return js.ValueOf(string(b))
	})
	set("nextIteration", func([]js.Value) js.Value {
		e.m.NextIteration()
		b, err := e.m.TraceJSON()
		if err != nil {
			return jsbridge.Err(err)
		}
		return jsbridge.Parse(b)
	})
	set("setWeight", func(args []js.Value) js.Value {
		l, i, j, v := jsbridge.Int(args, 0), jsbridge.Int(args, 1), jsbridge.Int(args, 2), jsbridge.Float(args, 3)
		if err := e.m.SetWeight(l, i, j, v); err != nil {
			return errJS(err)
		}
		return jsbridge.JSON(map[string]any{"ok": true, "stats": stats()})
	})
	set("addPoint", func(args []js.Value) js.Value {
		x1, x2, c := jsbridge.Float(args, 0), jsbridge.Float(args, 1), jsbridge.Int(args, 2)
		if err := e.m.AddPoint(x1, x2, c); err != nil {
			return errJS(err)
		}
		return jsbridge.JSON(map[string]any{"ok": true, "state": e.m.S.StateJS(), "n": e.m.Full.N()})
	})
	set("loadCSV", func(args []js.Value) js.Value {
		text := ""
		if len(args) > 0 {
			text = args[0].String()
		}
		err := e.m.LoadCSV(text)
		var ce *model.CSVError
		switch {
		case errors.As(err, &ce):
			return jsbridge.JSON(map[string]any{"error": ce.Error(), "line": ce.Line, "code": ce.Code, "field": ce.Field, "value": ce.Value})
		case err != nil:
			return errJS(err)
		}
		return jsbridge.JSON(map[string]any{"ok": true, "state": e.m.S.StateJS(), "n": e.m.Full.N(), "classes": e.m.Classes,
			"trainSize": e.m.Train.N(), "testSize": e.m.Test.N()})
	})
	set("exportCSV", func([]js.Value) js.Value { return jsbridge.JSON(map[string]any{"csv": e.m.CSV()}) })
	// tick(inWorker) trains for the frame (Engine.Tick) and returns the
	// epochs run.
	set("tick", func(args []js.Value) js.Value {
		e.Tick(len(args) > 0 && args[0].Truthy())
		return js.ValueOf(e.lastEpoch)
	})
	// playing() says whether the model trains (stats().playing, without
	// the rest of the stats).
	set("playing", func([]js.Value) js.Value { return js.ValueOf(e.m.Playing) })
	// The hand-off between the page's instance and the Worker's
	// (model/handoff.go, docs/frontend.md "Training in a Worker"):
	// handOff() is the whole model, takeOver(bytes) makes it this
	// instance's model; progress() is what training changed, and
	// takeProgress(bytes) applies it. The bytes are Uint8Arrays.
	set("handOff", func([]js.Value) js.Value { return bytesJS(e.m.AppendModel(nil)) })
	set("takeOver", func(args []js.Value) js.Value {
		m, err := model.LoadModel(bytesGo(jsbridge.Arg(args, 0)))
		if err != nil {
			return jsbridge.Err(err)
		}
		e.m = m
		return js.ValueOf(true)
	})
	// The progress ends with the pace of the Worker's last tick (epochs,
	// update and budget times), which stats() then reports.
	var progress []byte
	set("progress", func([]js.Value) js.Value {
		progress = e.m.AppendProgress(progress[:0])
		for _, v := range []uint64{uint64(e.lastEpoch), uint64(e.updateDur), uint64(e.budget)} {
			progress = binary.LittleEndian.AppendUint64(progress, v)
		}
		return bytesJS(progress)
	})
	set("takeProgress", func(args []js.Value) js.Value {
		b := bytesGo(jsbridge.Arg(args, 0))
		if len(b) < 24 {
			return jsbridge.Err(errors.New("progress: too short"))
		}
		pace := b[len(b)-24:]
		if err := e.m.LoadProgress(b[:len(b)-24]); err != nil {
			return jsbridge.Err(err)
		}
		e.lastEpoch = int(binary.LittleEndian.Uint64(pace))
		e.updateDur = time.Duration(binary.LittleEndian.Uint64(pace[8:]))
		e.budget = time.Duration(binary.LittleEndian.Uint64(pace[16:]))
		return js.ValueOf(true)
	})
	// frontier() is the picture of the model drawn where the stage cannot
	// run (frontier.go): {version, lo, hi, n, curve, points, example} with
	// pixels, a Uint8ClampedArray of n×n RGBA, when n > 0.
	set("frontier", func([]js.Value) js.Value {
		f := e.frontiers.Of(e.m)
		obj := jsbridge.JSON(f)
		if f.N > 0 {
			arr := js.Global().Get("Uint8ClampedArray").New(len(f.Pixels))
			js.CopyBytesToJS(arr, f.Pixels)
			obj.Set("pixels", arr)
		}
		return obj
	})
	// scene(version, data) is the model for the stage module (wasm/scene):
	// a Uint8Array, or null when the stage already has that version.
	var buf []byte
	set("scene", func(args []js.Value) js.Value {
		b, ok := e.scenes.Next(e.m, jsbridge.Int(args, 0), jsbridge.Int(args, 1), buf[:0])
		if !ok {
			return js.Null()
		}
		buf = b
		arr := js.Global().Get("Uint8Array").New(len(b))
		js.CopyBytesToJS(arr, b)
		return arr
	})
}
