package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"nnstep/site/api"
	"nnstep/site/headless"
	"nnstep/site/server"
)

// PageResult holds the measurements of the built lesson page.
type PageResult struct {
	Dir        string
	LoadURL    string
	TrainURL   string
	StepURL    string
	FirstBytes Sample // bytes transferred (encoded, headers included) by the whole first load, stage module included, cold cache
	ReadyBytes Sample // the part of them transferred by the time nnstep.ready resolved
	Resources  []Resource
	FCPMs      Sample            // first contentful paint
	TextMs     Sample            // the first frame with the lesson text of a section
	WasmMs     Sample            // the lesson module's response fully received (Resource Timing responseEnd)
	StageWasm  Sample            // the same for the stage module
	Marks      map[string]Sample // the page's own performance marks (nn-…, and go-… and stage-… from the Go modules), ms since navigation start
	MarkOrder  []string
	ReadyMs    Sample // nnstep.ready resolved: the module is interactive
	StageMs    Sample // the stage's first frame (nnstep.stats().frames > 0)
	LongTaskMs Sample // the longest main-thread task between nnstep.ready and the stage's first frame
	TBTMs      Sample // total blocking time over the first tbtWindowMs: the sum over long tasks of their time beyond 50 ms
	// The same on a repeat visit, in a browser that has loaded the page once:
	// files from the HTTP cache, the module's code from V8's code cache.
	RepeatTextMs  Sample
	RepeatReadyMs Sample
	// A phone-like cold load (headless.Slow4G: slow 4G and the CPU slowed
	// 4×, fresh profile), SlowRuns times: the lesson text, nnstep.ready
	// and the stage's first frame, ms since navigation start.
	SlowRuns      int
	SlowFCPMs     Sample
	SlowTextMs    Sample
	SlowReadyMs   Sample
	SlowStageMs   Sample
	SlowWasmMs    Sample // the lesson module fully received (Resource Timing responseEnd)
	SlowStageWasm Sample // the same for the stage module: the transfer's share of SlowStageMs
	// The repeat visit under the same emulation, the page and its files
	// from the service worker's cache (the first visit, on loopback, not
	// counted): the lesson text and nnstep.ready.
	SWTextMs  Sample
	SWReadyMs Sample
	EpochsPS  Sample // epochs/s while playing, frontier redrawn every frame
	FramesPS  Sample // stage frames/s meanwhile
	LongPS    Sample // main-thread tasks over 50 ms per second meanwhile
	LongMs    Sample // the longest of them in each window (0 when none)
	Trainer   string // where training ran: nnstep.stats().trainer
	// The same with no Worker (window.Worker undefined): training on the
	// main thread, the fallback and the figures before the Worker.
	MainEpochsPS Sample
	MainFramesPS Sample
	MainLongPS   Sample
	MainLongMs   Sample
	EPFEpochs    Sample // epochs/s of the one-epoch-per-frame mode (speed=1): the classic playground
	TrainState   map[string]any
	StepMs       Sample // one nnstep.stepTo(i) with the DOM laid out
	StepOps      int
	Notes        []string
	// BrotliBytes is the size of the first load's files as their brotli
	// copies in dir (the file itself when it has none): what the load
	// weighs once every copy exists. NoBrotli lists the files with none.
	Built       time.Time // when the measured build of the site was made (its index.html)
	BrotliBytes int64
	NoBrotli    []string
}

// brotliWeight sums the .br copies in dir of the responses' files.
func brotliWeight(dir string, res []Resource) (total int64, missing []string) {
	for _, r := range res {
		name := strings.TrimPrefix(r.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		file := filepath.Join(dir, filepath.FromSlash(name))
		if fi, err := os.Stat(file + ".br"); err == nil {
			total += fi.Size()
		} else if fi, err := os.Stat(file); err == nil {
			total += fi.Size()
			missing = append(missing, r.Path)
		}
	}
	return total, missing
}

// Resource is one response of the first load.
type Resource struct {
	Path     string
	Encoding string
	Bytes    float64
}

// bootScript runs before the page's own scripts: it records, in ms since
// navigation start, when the lesson text is first drawn, when
// nnstep.ready resolves and when the stage draws its first frame, and the
// main thread's long tasks (over 50 ms).
const bootScript = `(() => {
  const b = window.__nnstepBench = {readyMs: null, textMs: null, stageMs: null, error: null, long: []};
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.long.push([e.startTime, e.duration]); })
      .observe({type: 'longtask', buffered: true});
  } catch (e) {}
  // The lesson text: the first frame after a section of #lesson holds text.
  const mo = new MutationObserver(() => {
    const s = document.querySelector('#lesson section');
    if (s && s.textContent.trim().length > 40) {
      mo.disconnect();
      requestAnimationFrame(() => { b.textMs = performance.now(); });
    }
  });
  mo.observe(document, {childList: true, subtree: true});
  // Hooked when js/main.js defines window.nnstep: no polling on the main
  // thread while the page starts.
  const hook = (n) => {
    Promise.resolve(n.ready).then(
      () => {
        b.readyMs = performance.now();
        const drawn = () => { if (n.stats().frames > 0) b.stageMs = performance.now(); else requestAnimationFrame(drawn); };
        drawn();
      },
      e => { b.error = String(e); });
  };
  let v;
  Object.defineProperty(window, 'nnstep', {configurable: true, enumerable: true,
    get: () => v, set: (x) => { v = x; if (x && x.ready) hook(x); }});
})();`

// bootDone is true once bootScript has seen nnstep.ready settle.
const bootDone = `!!(window.__nnstepBench && (window.__nnstepBench.readyMs !== null || window.__nnstepBench.error))`

// stageDone is true once the stage has drawn (or nnstep.ready failed).
const stageDone = `!!(window.__nnstepBench && (window.__nnstepBench.stageMs !== null || window.__nnstepBench.error))`

// sitePage serves dir with the native server and the API.
func sitePage(dir string) (string, func(), error) {
	srv, err := server.NewDir(dir, server.Options{API: api.Handler()})
	if err != nil {
		return "", nil, err
	}
	return serveLoopback(srv)
}

// tbtWindowMs is the window of the total blocking time, from navigation
// start (issue 16: the first 8 s).
const tbtWindowMs = 8000

// blockingTime sums, over the long tasks ([start, duration] in ms), their
// time beyond 50 ms within the first windowMs.
func blockingTime(long [][2]float64, windowMs float64) float64 {
	total := 0.0
	for _, t := range long {
		end := min(t[0]+t[1], windowMs)
		total += max(0, end-t[0]-50)
	}
	return total
}

// loadOptions says how firstLoad opens the page.
type loadOptions struct {
	timeout time.Duration
	slow    bool // headless.Slow4G: slow 4G and the CPU slowed 4×
	tbt     bool // wait until tbtWindowMs after navigation start and measure the total blocking time
}

// firstLoad opens the page in a fresh browser and measures bytes, first
// contentful paint and readiness.
func firstLoad(ctx context.Context, u string, o loadOptions, marks func(name string, ms float64)) (l load, err error) {
	bctx, cancel, err := headless.Start(ctx)
	if err != nil {
		return l, err
	}
	defer cancel()
	if o.slow {
		if err := headless.Slow4G(bctx); err != nil {
			return l, err
		}
	}
	var mu sync.Mutex
	enc := map[network.RequestID]Resource{}
	done := map[network.RequestID]float64{}
	doneAt := map[network.RequestID]float64{} // monotonic seconds
	navAt := -1.0                             // the document's request, monotonic seconds
	if err := chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventResponseReceived:
			p := e.Response.URL
			if pu, err := url.Parse(p); err == nil {
				p = pu.Path
			}
			ce := ""
			for k, v := range e.Response.Headers {
				if http.CanonicalHeaderKey(k) == "Content-Encoding" {
					ce = fmt.Sprint(v)
				}
			}
			enc[e.RequestID] = Resource{Path: p, Encoding: ce}
		case *network.EventRequestWillBeSent:
			if navAt < 0 && e.Type == network.ResourceTypeDocument {
				navAt = e.Timestamp.Float64()
			}
		case *network.EventLoadingFinished:
			done[e.RequestID] = e.EncodedDataLength
			doneAt[e.RequestID] = e.Timestamp.Float64()
		}
	}); err != nil {
		return l, err
	}
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		return l, err
	}
	if _, err := chromedp.Call(bctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return l, err
	}
	if _, err := chromedp.Call(bctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: bootScript}); err != nil {
		return l, err
	}
	tctx, tcancel := context.WithTimeout(bctx, o.timeout)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
		return l, err
	}
	if err := poll(tctx, stageDone); err != nil {
		return l, err
	}
	if o.tbt {
		if err := poll(tctx, fmt.Sprintf("performance.now() >= %d", tbtWindowMs)); err != nil {
			return l, err
		}
	}
	type boot struct {
		ReadyMs   float64      `json:"readyMs"`
		TextMs    float64      `json:"textMs"`
		StageMs   float64      `json:"stageMs"`
		WasmMs    float64      `json:"wasmMs"`
		StageWasm float64      `json:"stageWasmMs"`
		Long      [][2]float64 `json:"long"`
		Marks     [][2]any     `json:"marks"`
		Error     string       `json:"error"`
		FCP       float64      `json:"fcp"`
	}
	// Let requests started by the page after its stage (fonts) finish.
	time.Sleep(500 * time.Millisecond)
	b, err := chromedp.Run(tctx, chromedp.Evaluate[boot](`(() => {
	  const end = (re) => (performance.getEntriesByType('resource').find(e => re.test(new URL(e.name).pathname)) || {responseEnd: -1}).responseEnd;
	  return {...window.__nnstepBench,
	    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime,
	    marks: performance.getEntriesByType('mark').filter(m => /^(nn|go|stage)-/.test(m.name)).map(m => [m.name, m.startTime]),
	    wasmMs: end(/lesson\.[^/]*wasm$/), stageWasmMs: end(/stage\.[^/]*wasm$/)};
	})()`))
	if err != nil {
		return l, err
	}
	if b.Error != "" {
		return l, fmt.Errorf("nnstep.ready rejected: %s", b.Error)
	}
	for _, m := range b.Marks {
		name, _ := m[0].(string)
		ms, _ := m[1].(float64)
		marks(name, ms)
	}
	l = load{fcp: b.FCP, text: b.TextMs, wasm: b.WasmMs, stageWasm: b.StageWasm, ready: b.ReadyMs, stage: b.StageMs}
	for _, t := range b.Long {
		if t[0]+t[1] > b.ReadyMs && t[0] < b.StageMs {
			l.longTask = max(l.longTask, t[1])
		}
	}
	l.tbt = blockingTime(b.Long, tbtWindowMs)
	mu.Lock()
	defer mu.Unlock()
	if navAt < 0 {
		return l, fmt.Errorf("no document request seen")
	}
	for id, n := range done {
		r := enc[id]
		r.Bytes = n
		l.bytes += n
		if (doneAt[id]-navAt)*1000 <= b.ReadyMs {
			l.readyBytes += n
		}
		l.res = append(l.res, r)
	}
	slices.SortFunc(l.res, func(a, b Resource) int { return int(b.Bytes - a.Bytes) })
	return l, nil
}

// load is what one first load measured: bytes (all, and until
// nnstep.ready), the responses, and times in ms since navigation start.
type load struct {
	bytes, readyBytes                                  float64
	res                                                []Resource
	fcp, text, wasm, stageWasm, ready, stage, longTask float64
	tbt                                                float64 // total blocking time over the first tbtWindowMs
}

// repeatLoads opens u once in a fresh browser (not measured), then runs
// times more in the same browser, as a student coming back to the lesson:
// the files come from the HTTP cache (hashed names, cached for a year) and
// the module's compiled code from V8's code cache.
func repeatLoads(ctx context.Context, u string, runs int, timeout time.Duration) (text, ready Sample, err error) {
	bctx, cancel, err := headless.Start(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer cancel()
	if _, err := chromedp.Call(bctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: bootScript}); err != nil {
		return nil, nil, err
	}
	tctx, tcancel := context.WithTimeout(bctx, timeout)
	defer tcancel()
	type boot struct {
		ReadyMs float64 `json:"readyMs"`
		TextMs  float64 `json:"textMs"`
		Error   string  `json:"error"`
	}
	for i := range runs + 1 {
		if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
			return nil, nil, err
		}
		if err := poll(tctx, bootDone); err != nil {
			return nil, nil, err
		}
		b, err := chromedp.Run(tctx, chromedp.Evaluate[boot](`window.__nnstepBench`))
		if err != nil {
			return nil, nil, err
		}
		if b.Error != "" {
			return nil, nil, fmt.Errorf("nnstep.ready rejected: %s", b.Error)
		}
		if i > 0 {
			text, ready = append(text, b.TextMs), append(ready, b.ReadyMs)
		}
		// V8 writes the module's code to its cache after the page ran it.
		time.Sleep(time.Second)
	}
	return text, ready, nil
}

// swActive is true once the page's service worker is active: its cache
// holds every file of the site (docs/delivery.md, "The service worker").
const swActive = `navigator.serviceWorker.getRegistration().then((r) => !!r && !!r.active && r.active.state === "activated")`

// swRepeatLoads opens u once in a fresh browser on loopback (not measured)
// and waits for the service worker to be active, then applies
// headless.Slow4G and opens u runs times more in the same tab: a student
// coming back on a phone, the page and its files from the service
// worker's cache. It measures the lesson text and nnstep.ready.
func swRepeatLoads(ctx context.Context, u string, runs int, timeout time.Duration) (text, ready Sample, err error) {
	bctx, cancel, err := headless.Start(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer cancel()
	if _, err := chromedp.Call(bctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: bootScript}); err != nil {
		return nil, nil, err
	}
	tctx, tcancel := context.WithTimeout(bctx, timeout)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
		return nil, nil, err
	}
	if err := poll(tctx, stageDone); err != nil {
		return nil, nil, err
	}
	if err := poll(tctx, swActive); err != nil {
		return nil, nil, fmt.Errorf("no active service worker: %v", err)
	}
	if err := headless.Slow4G(tctx); err != nil {
		return nil, nil, err
	}
	type boot struct {
		ReadyMs    float64 `json:"readyMs"`
		TextMs     float64 `json:"textMs"`
		Error      string  `json:"error"`
		Controlled bool    `json:"controlled"`
	}
	for range runs {
		if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
			return nil, nil, err
		}
		if err := poll(tctx, bootDone); err != nil {
			return nil, nil, err
		}
		b, err := chromedp.Run(tctx, chromedp.Evaluate[boot](`({...window.__nnstepBench, controlled: !!navigator.serviceWorker.controller})`))
		if err != nil {
			return nil, nil, err
		}
		if b.Error != "" {
			return nil, nil, fmt.Errorf("nnstep.ready rejected: %s", b.Error)
		}
		if !b.Controlled {
			return nil, nil, fmt.Errorf("the repeat visit was not served by the service worker")
		}
		text, ready = append(text, b.TextMs), append(ready, b.ReadyMs)
		// Let the page settle (the stage starts) before the next visit.
		if err := poll(tctx, stageDone); err != nil {
			return nil, nil, err
		}
	}
	return text, ready, nil
}

// stats is the part of nnstep.stats() the benchmark reads.
type pageStats struct {
	Epoch  float64 `json:"epoch"`
	Frames float64 `json:"frames"`
	T      float64 `json:"t"`
}

// trainMeasure is what trainRate measures over each window.
type trainMeasure struct {
	eps, fps       Sample // epochs and stage frames per second
	longPS, longMs Sample // main-thread tasks over 50 ms per second, and the longest (0 when none)
	trainer        string // nnstep.stats().trainer: where training ran ("worker" or "page")
	state          map[string]any
}

// trainRate opens u (which plays on load) and samples epochs, frames and
// the main thread's long tasks over windows of w. init runs before the
// page's scripts ("" for none); wantWorker waits for the training Worker
// (docs/frontend.md, "Training in a Worker") before measuring.
func trainRate(ctx context.Context, u string, windows int, w time.Duration, init string, wantWorker bool) (m trainMeasure, err error) {
	bctx, cancel, err := headless.Start(ctx)
	if err != nil {
		return m, err
	}
	defer cancel()
	tctx, tcancel := context.WithTimeout(bctx, 2*time.Minute+time.Duration(windows)*w)
	defer tcancel()
	script := `(() => { const b = window.__nnstepLong = []; new PerformanceObserver((l) => {
	  for (const e of l.getEntries()) b.push(e.duration); }).observe({type: 'longtask'}); })();` + init
	if _, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script}); err != nil {
		return m, err
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
		return m, err
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void](`nnstep.ready`, chromedp.EvalAwaitPromise)); err != nil {
		return m, err
	}
	m.state, err = chromedp.Run(tctx, chromedp.Evaluate[map[string]any](`nnstep.state()`))
	if err != nil {
		return m, err
	}
	// Measured once the stage draws: training with the frontier redrawn.
	cond := `nnstep.stats().epoch > 0 && nnstep.stats().frames > 0`
	if wantWorker {
		cond += ` && nnstep.stats().trainer === 'worker'`
	}
	if err := poll(tctx, cond); err != nil {
		return m, err
	}
	type sample struct {
		pageStats
		Long    []float64 `json:"long"`
		Trainer string    `json:"trainer"`
	}
	read := chromedp.Evaluate[sample](`(() => { const s = nnstep.stats(); const long = window.__nnstepLong.splice(0);
	  return {epoch: s.epoch, frames: s.frames, t: performance.now(), long, trainer: s.trainer}; })()`)
	prev, err := chromedp.Run(tctx, read)
	if err != nil {
		return m, err
	}
	for range windows {
		time.Sleep(w)
		cur, err := chromedp.Run(tctx, read)
		if err != nil {
			return m, err
		}
		dt := (cur.T - prev.T) / 1000
		m.eps = append(m.eps, (cur.Epoch-prev.Epoch)/dt)
		m.fps = append(m.fps, (cur.Frames-prev.Frames)/dt)
		m.longPS = append(m.longPS, float64(len(cur.Long))/dt)
		longest := 0.0
		for _, d := range cur.Long {
			longest = max(longest, d)
		}
		m.longMs = append(m.longMs, longest)
		m.trainer = cur.Trainer
		prev = cur
	}
	return m, nil
}

// stepTimes opens u and times nnstep.stepTo over every op of the trace,
// reps times.
func stepTimes(ctx context.Context, u string, reps int) (Sample, int, error) {
	bctx, cancel, err := headless.Start(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer cancel()
	tctx, tcancel := context.WithTimeout(bctx, 2*time.Minute)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
		return nil, 0, err
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void](`nnstep.ready`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, 0, err
	}
	if err := poll(tctx, `nnstep.stats().frames > 0`); err != nil { // the stage shows the highlight
		return nil, 0, err
	}
	type stepRes struct {
		Ops   int       `json:"ops"`
		Times []float64 `json:"times"`
	}
	js := fmt.Sprintf(`(async () => {
	  const n = nnstep.trace().ops.length;
	  const times = [];
	  await nnstep.stepTo(0);
	  for (let r = 0; r < %d; r++) {
	    for (let i = 1; i < n; i++) {
	      const t = performance.now();
	      await nnstep.stepTo(i);
	      document.body.getBoundingClientRect(); // lay the change out
	      times.push(performance.now() - t);
	    }
	    await nnstep.stepTo(0);
	  }
	  return {ops: n, times};
	})()`, reps)
	r, err := chromedp.Run(tctx, chromedp.Evaluate[stepRes](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, 0, err
	}
	return r.Times, r.Ops, nil
}

// runPage measures the built site in dir: runs of each measurement, but
// slowRuns of the phone-like cold load (each takes tens of seconds).
func runPage(ctx context.Context, dir string, runs, slowRuns int) (*PageResult, error) {
	base, stop, err := sitePage(dir)
	if err != nil {
		return nil, err
	}
	defer stop()
	r := &PageResult{Dir: dir}
	r.LoadURL = base + "/?lang=en"
	for i := range runs {
		logf("page: first load %d/%d", i+1, runs)
		l, err := firstLoad(ctx, r.LoadURL, loadOptions{timeout: 2 * time.Minute, tbt: true}, func(name string, ms float64) {
			if r.Marks == nil {
				r.Marks = map[string]Sample{}
			}
			if _, ok := r.Marks[name]; !ok {
				r.MarkOrder = append(r.MarkOrder, name)
			}
			r.Marks[name] = append(r.Marks[name], ms)
		})
		if err != nil {
			return r, fmt.Errorf("first load: %v", err)
		}
		r.FirstBytes = append(r.FirstBytes, l.bytes)
		r.ReadyBytes = append(r.ReadyBytes, l.readyBytes)
		r.FCPMs = append(r.FCPMs, l.fcp)
		r.TextMs = append(r.TextMs, l.text)
		r.WasmMs = append(r.WasmMs, l.wasm)
		r.StageWasm = append(r.StageWasm, l.stageWasm)
		r.ReadyMs = append(r.ReadyMs, l.ready)
		r.StageMs = append(r.StageMs, l.stage)
		r.LongTaskMs = append(r.LongTaskMs, l.longTask)
		r.TBTMs = append(r.TBTMs, l.tbt)
		r.Resources = l.res
	}
	r.BrotliBytes, r.NoBrotli = brotliWeight(dir, r.Resources)
	logf("page: repeat visits")
	r.RepeatTextMs, r.RepeatReadyMs, err = repeatLoads(ctx, r.LoadURL, runs, 2*time.Minute)
	if err != nil {
		return r, fmt.Errorf("repeat visits: %v", err)
	}
	r.SlowRuns = slowRuns
	for i := range slowRuns {
		logf("page: phone-like cold load %d/%d (slow 4G, CPU 4×)", i+1, slowRuns)
		l, err := firstLoad(ctx, r.LoadURL, loadOptions{timeout: 3 * time.Minute, slow: true}, func(string, float64) {})
		if err != nil {
			r.Notes = append(r.Notes, fmt.Sprintf("phone-like cold load not measured: %v", err))
			break
		}
		r.SlowFCPMs = append(r.SlowFCPMs, l.fcp)
		r.SlowTextMs = append(r.SlowTextMs, l.text)
		r.SlowReadyMs = append(r.SlowReadyMs, l.ready)
		r.SlowStageMs = append(r.SlowStageMs, l.stage)
		r.SlowWasmMs = append(r.SlowWasmMs, l.wasm)
		r.SlowStageWasm = append(r.SlowStageWasm, l.stageWasm)
	}
	logf("page: phone-like repeat visits with the service worker")
	if r.SWTextMs, r.SWReadyMs, err = swRepeatLoads(ctx, r.LoadURL, runs, 3*time.Minute); err != nil {
		r.Notes = append(r.Notes, fmt.Sprintf("phone-like repeat visit not measured: %v", err))
	}
	q := "dataset=spiral&n=500&noise=0.1&seed=1&layers=2-8-8-1&act=tanh,tanh,sigmoid&lr=0.03&batch=10&lang=en"
	// speed=0: as many epochs as fit in each frame's budget (the page's
	// default is one epoch per frame, for the student to watch).
	r.TrainURL = base + "/?" + q + "&speed=0&section=descent&play=1"
	logf("page: training rate (in the Worker)")
	tm, err := trainRate(ctx, r.TrainURL, runs, 3*time.Second, "", true)
	if err != nil {
		return r, fmt.Errorf("training rate: %v", err)
	}
	r.EpochsPS, r.FramesPS, r.LongPS, r.LongMs, r.TrainState, r.Trainer = tm.eps, tm.fps, tm.longPS, tm.longMs, tm.state, tm.trainer
	logf("page: training rate on the main thread (no Worker)")
	if tm, err := trainRate(ctx, r.TrainURL, runs, 3*time.Second, "window.Worker = undefined;", false); err != nil {
		r.Notes = append(r.Notes, fmt.Sprintf("training on the main thread not measured: %v", err))
	} else {
		r.MainEpochsPS, r.MainFramesPS, r.MainLongPS, r.MainLongMs = tm.eps, tm.fps, tm.longPS, tm.longMs
	}
	logf("page: one epoch per frame (speed=1)")
	if tm, err := trainRate(ctx, base+"/?"+q+"&speed=1&section=descent&play=1", min(runs, 3), 3*time.Second, "", true); err != nil {
		r.Notes = append(r.Notes, fmt.Sprintf("speed=1 not measured: %v", err))
	} else {
		r.EPFEpochs = tm.eps
	}
	r.StepURL = base + "/?" + q + "&section=forward"
	logf("page: step-through")
	r.StepMs, r.StepOps, err = stepTimes(ctx, r.StepURL, runs)
	if err != nil {
		return r, fmt.Errorf("step-through: %v", err)
	}
	return r, nil
}
