//go:build js && wasm

// Command wasmengine is the engine benchmark of nnstep in the browser: the
// workload of scripts/bench/workload (one training epoch of the spiral
// 2-8-8-1 network; one 100×100 frontier grid evaluation) timed with
// performance.now, with no ebiten and no page around it. scripts/bench
// serves it on loopback with a minimal page and reads window.nnstepBench.
//
// The page's query sets the work: runs (timed runs of each measurement),
// epochs (epochs per timed run), grids (grid evaluations per timed run),
// warmupms (milliseconds of epochs, then of grid evaluations, run before
// timing: V8 first runs wasm from its baseline compiler and tiers hot
// functions up in the background, which takes a second or so on two busy
// cores), check (epochs of a
// fresh trainer whose parameters are reported bit for bit, to compare with
// the native trainer's).
//
// Result, once done is true:
//
//	{done, error, epochMs: [ms per epoch, one per run], gridMs: [...],
//	 checkEpochs, checkBits: ["%016x" of every W then b value]}
package main

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"nnstep/scripts/bench/workload"
)

func main() {
	result := js.Global().Get("Object").New()
	result.Set("done", false)
	js.Global().Set("nnstepBench", result)
	if err := run(result); err != nil {
		result.Set("error", err.Error())
	}
	result.Set("done", true)
	select {}
}

func param(q url.Values, key string, def int) int {
	if v, err := strconv.Atoi(q.Get(key)); err == nil && v > 0 {
		return v
	}
	return def
}

func now() float64 { return js.Global().Get("performance").Call("now").Float() }

// yield lets the browser run its event loop between timed runs.
func yield() { time.Sleep(time.Millisecond) }

func run(result js.Value) error {
	q, _ := url.ParseQuery(strings.TrimPrefix(js.Global().Get("location").Get("search").String(), "?"))
	runs, epochs, grids := param(q, "runs", 7), param(q, "epochs", 200), param(q, "grids", 10)
	warmupMs, check := float64(param(q, "warmupms", 2000)), param(q, "check", 1)

	// The check: parameters after `check` epochs of a fresh trainer.
	tr, err := workload.Trainer()
	if err != nil {
		return err
	}
	for range check {
		if err := tr.RunEpoch(); err != nil {
			return err
		}
	}
	W, b := workload.Params(tr)
	var bits []any
	for _, m := range W {
		for _, row := range m {
			for _, v := range row {
				bits = append(bits, fmt.Sprintf("%016x", math.Float64bits(v)))
			}
		}
	}
	for _, v := range b {
		for _, x := range v {
			bits = append(bits, fmt.Sprintf("%016x", math.Float64bits(x)))
		}
	}
	result.Set("checkEpochs", check)
	result.Set("checkBits", js.ValueOf(bits))

	// Training epochs.
	tr, err = workload.Trainer()
	if err != nil {
		return err
	}
	for t0 := now(); now()-t0 < warmupMs; {
		if err := tr.RunEpoch(); err != nil {
			return err
		}
	}
	var epochMs []any
	for range runs {
		yield()
		t0 := now()
		for range epochs {
			if err := tr.RunEpoch(); err != nil {
				return err
			}
		}
		epochMs = append(epochMs, (now()-t0)/float64(epochs))
	}
	result.Set("epochMs", js.ValueOf(epochMs))

	// Frontier grid evaluations, on the trained network.
	g := workload.Grid(tr)
	for t0 := now(); now()-t0 < warmupMs; {
		g.Eval(tr.Net)
	}
	var gridMs []any
	for range runs {
		yield()
		t0 := now()
		for range grids {
			g.Eval(tr.Net)
		}
		gridMs = append(gridMs, (now()-t0)/float64(grids))
	}
	result.Set("gridMs", js.ValueOf(gridMs))
	return nil
}
