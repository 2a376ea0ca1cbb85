package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"nnstep/scripts/bench/workload"
	"nnstep/site/headless"
)

// WasmResult holds the engine benchmark run in headless Chromium.
type WasmResult struct {
	Command   string
	URL       string
	WasmBytes int64
	EpochMs   Sample
	GridMs    Sample
	CheckSame bool // the wasm trainer's parameters after the check epochs equal the native ones bit for bit
}

// wasmWarmupMs is how long epochs (then grid evaluations) run before timing:
// V8 starts wasm in its baseline compiler and tiers hot functions up to its
// optimising one in the background. With 300 warm-up epochs (about 0.1 s),
// the first timed runs were up to twice as slow as the later ones; after
// 2 s they agree within a few percent. go test -bench warms up natively in
// the same way, growing b.N until a run lasts a second.
const wasmWarmupMs = 2000

const wasmPage = `<!doctype html>
<meta charset="utf-8">
<title>nnstep engine benchmark</title>
<script src="wasm_exec.js"></script>
<script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("engine.wasm"), go.importObject)
  .then(r => go.run(r.instance))
  .catch(e => { window.nnstepBench = {done: true, error: String(e)}; });
</script>
<p>nnstep engine benchmark: see window.nnstepBench</p>
`

// runWasm builds scripts/bench/wasmengine, serves it on loopback and runs
// it in headless Chromium.
func runWasm(ctx context.Context, tmp string, runs, epochs, grids int) (*WasmResult, error) {
	dir := filepath.Join(tmp, "wasmengine")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	wasmFile := filepath.Join(dir, "engine.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasmFile, "./scripts/bench/wasmengine")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	r := &WasmResult{Command: "GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' ./scripts/bench/wasmengine, run in headless Chromium"}
	logf("wasm: %s", r.Command)
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build wasmengine: %v\n%s", err, out)
	}
	if fi, err := os.Stat(wasmFile); err == nil {
		r.WasmBytes = fi.Size()
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, err
	}
	execJS, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), execJS, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(wasmPage), 0o644); err != nil {
		return nil, err
	}
	files := http.FileServer(http.Dir(dir))
	base, stop, err := serveLoopback(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.HasSuffix(req.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, req)
	}))
	if err != nil {
		return nil, err
	}
	defer stop()

	bctx, cancel, err := headless.Start(ctx)
	if err != nil {
		return nil, err
	}
	defer cancel()
	bctx, tcancel := context.WithTimeout(bctx, 10*time.Minute)
	defer tcancel()
	r.URL = fmt.Sprintf("%s/?runs=%d&epochs=%d&grids=%d&warmupms=%d&check=3", base, runs, epochs, grids, wasmWarmupMs)
	if err := chromedp.Do(bctx, chromedp.Navigate(r.URL)); err != nil {
		return nil, err
	}
	if err := poll(bctx, `!!(window.nnstepBench && window.nnstepBench.done)`); err != nil {
		return nil, err
	}
	type engineResult struct {
		Error       string    `json:"error"`
		EpochMs     []float64 `json:"epochMs"`
		GridMs      []float64 `json:"gridMs"`
		CheckEpochs int       `json:"checkEpochs"`
		CheckBits   []string  `json:"checkBits"`
	}
	res, err := chromedp.Run(bctx, chromedp.Evaluate[engineResult](`window.nnstepBench`))
	if err != nil {
		return nil, err
	}
	if res.Error != "" {
		return nil, fmt.Errorf("wasm engine: %s", res.Error)
	}
	r.EpochMs, r.GridMs = res.EpochMs, res.GridMs

	// The same epochs natively: the bits must agree.
	tr, err := workload.Trainer()
	if err != nil {
		return nil, err
	}
	for range res.CheckEpochs {
		if err := tr.RunEpoch(); err != nil {
			return nil, err
		}
	}
	W, b := workload.Params(tr)
	var native []string
	for _, m := range W {
		for _, row := range m {
			for _, v := range row {
				native = append(native, fmt.Sprintf("%016x", math.Float64bits(v)))
			}
		}
	}
	for _, v := range b {
		for _, x := range v {
			native = append(native, fmt.Sprintf("%016x", math.Float64bits(x)))
		}
	}
	r.CheckSame = strings.Join(native, ",") == strings.Join(res.CheckBits, ",")
	return r, nil
}
