//go:build ignore

// bench-stage measures the stage's training speed in the real page, in
// headless Chromium (Debian's, SwiftShader WebGL), for the workload of
// issue 3: spiral, 500 points (250 for training), 2-8-8-1 tanh/tanh/sigmoid,
// lr 0.03, batch 10. For each run it reports epochs per second with the
// frontier redrawn every frame, the frame rate meanwhile, the time and the
// epochs to reach 95 % test accuracy, and the longest main-thread task (the
// page's responsiveness); then the same page forced to one epoch per frame
// (speed=1), the classic playground's loop, as the baseline.
//
//	go run scripts/bench-stage.go [-runs 5] [-window 10s] [-md out.md]
//
// It builds the page's two modules (wasm/lesson, wasm/stage) itself and
// serves site/web on a loopback port.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"nnstep/site/lessontext"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"nnstep/site/headless"
)

const workload = "dataset=spiral&n=500&noise=0.1&seed=1&ratio=0.5&layers=2-8-8-1&act=tanh,tanh,sigmoid&lr=0.03&batch=10"

type result struct {
	EpochsPerSec float64
	FPS          float64
	TimeTo95     float64 // seconds from play; 0 if not reached in the run
	EpochsTo95   int
	LongestTask  float64 // ms
	EpochsPerFrm float64
}

func main() {
	runs := flag.Int("runs", 5, "runs of each mode")
	window := flag.Duration("window", 10*time.Second, "measuring window per run")
	cap95 := flag.Duration("cap95", 90*time.Second, "give up waiting for 95 % after this long")
	md := flag.String("md", "", "also write the markdown table to this file")
	page := flag.String("page", "", "the page under site/web (default index.html)")
	flag.Parse()

	root, _ := os.Getwd()
	gen, err := os.MkdirTemp("", "nnstep-bench-")
	check(err)
	defer os.RemoveAll(gen)
	for _, name := range []string{"lesson", "stage"} {
		fmt.Fprintf(os.Stderr, "building wasm/%s…\n", name)
		build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(gen, name+".wasm"), "./wasm/"+name)
		build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := build.CombinedOutput(); err != nil {
			fail("build: %v\n%s", err, out)
		}
	}
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	wexec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	check(err)
	check(os.WriteFile(filepath.Join(gen, "wasm_exec.js"), wexec, 0o644))
	check(lessontext.Generate(root, gen))

	// Serve a snapshot of site/web, so that edits made meanwhile do not
	// change the page between runs.
	snap := filepath.Join(gen, "web")
	cp := exec.Command("cp", "-r", filepath.Join(root, "site", "web"), snap)
	if out, err := cp.CombinedOutput(); err != nil {
		fail("copying site/web: %v\n%s", err, out)
	}
	web := http.FileServer(http.Dir(snap))
	genFS := http.StripPrefix("/gen/", http.FileServer(http.Dir(gen)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		if strings.HasPrefix(r.URL.Path, "/gen/") {
			genFS.ServeHTTP(w, r)
			return
		}
		web.ServeHTTP(w, r)
	}))
	defer srv.Close()

	browser, stop, err := headless.Start(context.Background())
	check(err)
	defer stop()

	modes := []struct{ name, query string }{{"budget", "&speed=0"}, {"epf", "&speed=1"}, {"idle", "&stop=1"}}
	res := map[string][]result{}
	for r := 0; r < *runs; r++ {
		for _, m := range modes {
			wait := *cap95
			if m.name != "budget" {
				wait = 0 // one epoch per frame needs minutes: estimated below from the same trajectory
			}
			x := runOnce(browser, srv.URL+"/"+*page+"?"+workload+m.query, *window, wait)
			fmt.Fprintf(os.Stderr, "run %d %-6s %7.1f epochs/s %5.1f fps %5.1f epochs/frame  95%%: %6.1f s (%d epochs)  longest task %.0f ms\n",
				r+1, m.name, x.EpochsPerSec, x.FPS, x.EpochsPerFrm, x.TimeTo95, x.EpochsTo95, x.LongestTask)
			res[m.name] = append(res[m.name], x)
		}
	}

	var b bytes.Buffer
	ver, _ := exec.Command("/usr/bin/chromium", "--version").Output()
	fmt.Fprintf(&b, "Machine: %s, %d cores, %s; %s; Go %s. Date: %s. %d runs of each mode, %s windows.\n\n",
		cpuModel(), runtime.NumCPU(), memTotal(), strings.TrimSpace(string(ver)), runtime.Version(), time.Now().UTC().Format("2006-01-02"), *runs, *window)
	fmt.Fprintf(&b, "| mode | epochs/s median (min–max) | frames/s median (min–max) | epochs per frame | time to 95 %% test accuracy median (min–max) | epochs to 95 %% | longest main-thread task |\n|---|---|---|---|---|---|---|\n")
	e95 := float64(medianInt(res["budget"]))
	for _, m := range modes {
		v := res[m.name]
		t95 := time95(v)
		if m.name == "epf" && e95 > 0 {
			t95 = fmt.Sprintf("≈ %.0f s (estimated: %d epochs at its rate)", e95/median(pick(v, func(r result) float64 { return r.EpochsPerSec })), int(e95))
		}
		if m.name == "idle" {
			t95 = "—"
		}
		label := map[string]string{"budget": "stage: training in time-budgeted chunks", "epf": "baseline: one epoch per frame (`speed=1`)",
			"idle": "reference: page idle after one epoch (`stop=1`)"}[m.name]
		es := "—"
		if e := medianInt(v); e > 0 {
			es = fmt.Sprint(e)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.1f | %s | %s | %.0f ms |\n", label,
			stat(v, func(r result) float64 { return r.EpochsPerSec }, "%.0f"),
			stat(v, func(r result) float64 { return r.FPS }, "%.1f"),
			median(pick(v, func(r result) float64 { return r.EpochsPerFrm })),
			t95, es, maxOf(pick(v, func(r result) float64 { return r.LongestTask })))
	}
	ratio := median(pick(res["budget"], func(r result) float64 { return r.EpochsPerSec })) /
		median(pick(res["epf"], func(r result) float64 { return r.EpochsPerSec }))
	fmt.Fprintf(&b, "\nSpeed-up of the stage over one epoch per frame (medians): **%.1f×**.\n", ratio)
	fmt.Print(b.String())
	if *md != "" {
		check(os.WriteFile(*md, b.Bytes(), 0o644))
	}
}

// runOnce opens the page, waits for the module, starts training and
// measures during window; it then waits (up to cap95 from play) for 95 %
// test accuracy.
func runOnce(browser context.Context, url string, window, cap95 time.Duration) result {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, window+cap95+3*time.Minute)
	defer cancelT()
	check(chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url)))
	eval(ctx, `nnstep.ready.then(() => true)`, nil)
	// Let the first frames (shader compilation) pass.
	eval(ctx, `new Promise(res => { const f0 = nnstep.stats().frames; const t = () => nnstep.stats().frames >= f0 + 10 ? res(true) : setTimeout(t, 50); t(); })`, nil)
	// The probe: frames and epochs over the window, the first time test
	// accuracy reaches 0.95, and the longest main-thread task.
	var r struct {
		T0, T1, E0, E1, F0, F1, Long float64
		T95                          *float64
		E95                          *float64
	}
	eval(ctx, fmt.Sprintf(`new Promise(res => {
		const w = window; w.__long = 0;
		try { new PerformanceObserver(l => { for (const e of l.getEntries()) w.__long = Math.max(w.__long, e.duration); }).observe({type: 'longtask', buffered: false}); } catch (e) {}
		const s0 = nnstep.stats(), t0 = performance.now();
		nnstep.play();
		let t95 = null, e95 = null;
		const poll = () => {
			const s = nnstep.stats(), now = performance.now();
			if (t95 === null && s.testAccuracy >= 0.95) { t95 = (now - t0) / 1000; e95 = s.epoch; }
			if (now - t0 >= %d) {
				w.__probe = {T0: t0, T1: now, E0: s0.epoch, E1: s.epoch, F0: s0.frames, F1: s.frames, Long: w.__long, T95: t95, E95: e95};
				res(true);
				return;
			}
			setTimeout(poll, 50);
		};
		poll();
	})`, window.Milliseconds()), nil)
	eval(ctx, `window.__probe`, &r)
	dt := (r.T1 - r.T0) / 1000
	out := result{EpochsPerSec: (r.E1 - r.E0) / dt, FPS: (r.F1 - r.F0) / dt, LongestTask: r.Long}
	if r.F1 > r.F0 {
		out.EpochsPerFrm = (r.E1 - r.E0) / (r.F1 - r.F0)
	}
	if r.T95 != nil {
		out.TimeTo95, out.EpochsTo95 = *r.T95, int(*r.E95)
		return out
	}
	if cap95 <= 0 {
		return out
	}
	// Not reached in the window: keep training up to cap95 from play.
	var t95 struct {
		T *float64
		E *float64
	}
	eval(ctx, fmt.Sprintf(`new Promise(res => {
		const t0 = %f;
		const poll = () => {
			const s = nnstep.stats(), now = performance.now();
			if (s.testAccuracy >= 0.95) return res({T: (now - t0) / 1000, E: s.epoch});
			if (now - t0 > %d) return res({T: null, E: null});
			setTimeout(poll, 100);
		};
		poll();
	})`, r.T0, cap95.Milliseconds()), &t95)
	if t95.T != nil {
		out.TimeTo95, out.EpochsTo95 = *t95.T, int(*t95.E)
	}
	return out
}

func eval(ctx context.Context, expr string, out any) {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		fail("evaluating %.60s…: %v", expr, err)
	}
	if out != nil {
		check(json.Unmarshal(raw, out))
	}
}

func pick(v []result, f func(result) float64) []float64 {
	out := make([]float64, len(v))
	for i, r := range v {
		out[i] = f(r)
	}
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

func stat(v []result, f func(result) float64, format string) string {
	x := pick(v, f)
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return fmt.Sprintf(format+" ("+format+"–"+format+")", median(x), s[0], s[len(s)-1])
}

func time95(v []result) string {
	var x []float64
	missed := 0
	for _, r := range v {
		if r.EpochsTo95 > 0 {
			x = append(x, r.TimeTo95)
		} else {
			missed++
		}
	}
	if len(x) == 0 {
		return "not reached"
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	out := fmt.Sprintf("%.1f s (%.1f–%.1f)", median(x), s[0], s[len(s)-1])
	if missed > 0 {
		out += fmt.Sprintf(", %d run(s) not reached", missed)
	}
	return out
}

func medianInt(v []result) int {
	var x []float64
	for _, r := range v {
		if r.EpochsTo95 > 0 {
			x = append(x, float64(r.EpochsTo95))
		}
	}
	return int(median(x))
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			if i := strings.Index(l, ":"); i >= 0 {
				return strings.TrimSpace(l[i+1:])
			}
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "? RAM"
	}
	var kb int
	fmt.Sscanf(strings.TrimPrefix(strings.Split(string(b), "\n")[0], "MemTotal:"), "%d", &kb)
	return fmt.Sprintf("%.0f GB RAM", float64(kb)/1024/1024)
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-stage: "+format+"\n", args...)
	os.Exit(1)
}
