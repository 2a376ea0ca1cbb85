// Command bench is `make bench`: it measures nnstep and writes
// docs/benchmarks.md with the machine, the date, the commands, each figure
// as the median of several runs with min and max, the ratios, and whether
// the targets of issue 6 are met.
//
// Steps (each can fail on its own; the report then says what is missing):
//
//	native  go test -bench of core/train (epoch, 100×100 grid), -count runs
//	numpy   the same epoch in NumPy, written as the course's notebooks do
//	        (scripts/bench/numpy_epoch.py), on the same data and weights
//	wasm    the same workload compiled to wasm (scripts/bench/wasmengine)
//	        in headless Chromium
//	page    the built site (dist/) in headless Chromium: first-load bytes,
//	        first paint, time to interactive, total blocking time, a
//	        phone-like load (slow 4G, CPU 4×) cold and with the service
//	        worker, training rate, step-through
//	load    scripts/loadtest against the native server
//
// Usage (from the repository root):
//
//	go run ./scripts/bench [-count 7] [-slow-count 3] [-steps native,numpy,wasm,page,load] [-site dist] [-out docs/benchmarks.md]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func main() {
	count := flag.Int("count", 7, "runs of each measurement (the report gives their median, min and max)")
	steps := flag.String("steps", "native,numpy,wasm,page,load", "steps to run")
	site := flag.String("site", "dist", "built site for the page and load steps")
	out := flag.String("out", "docs/benchmarks.md", "report to write (- for stdout)")
	slowCount := flag.Int("slow-count", 3, "runs of the phone-like cold load (slow 4G, CPU 4×: ~30 s each)")
	loadN := flag.Int("load-n", 4000, "ordinary requests of the load test")
	loadC := flag.Int("load-c", 8, "ordinary workers of the load test (12 more post the largest traces during its burst)")
	flag.Parse()
	if _, err := os.Stat("go.mod"); err != nil {
		logf("run from the repository root")
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "nnstep-bench-")
	if err != nil {
		logf("%v", err)
		os.Exit(1)
	}
	defer os.RemoveAll(tmp)

	want := map[string]bool{}
	for _, s := range strings.Split(*steps, ",") {
		want[strings.TrimSpace(s)] = true
	}
	rep := &Report{Start: time.Now(), Count: *count, Missing: map[string]string{}, Machine: machine()}
	ctx := context.Background()
	miss := func(step string, err error) {
		logf("%s: %v", step, err)
		rep.Missing[step] = err.Error()
	}
	if want["native"] {
		if rep.Native, err = runNative(*count, ""); err != nil {
			miss("native", err)
		}
	}
	if want["numpy"] {
		if rep.Numpy, err = runNumpy(tmp, *count, 20); err != nil {
			miss("numpy", err)
		}
	}
	if want["wasm"] {
		if rep.Wasm, err = runWasm(ctx, tmp, *count, 200, 10); err != nil {
			miss("wasm", err)
		}
	}
	// The page and load steps read a snapshot of the built site, so that a
	// rebuild during the run (make site replaces dist/) changes nothing.
	siteDir := *site
	if want["page"] || want["load"] {
		if _, serr := os.Stat(*site + "/index.html"); serr != nil {
			siteDir = ""
			miss("page", fmt.Errorf("no built site in %s (make site): %v", *site, serr))
		} else if err := os.CopyFS(filepath.Join(tmp, "site"), os.DirFS(*site)); err != nil {
			siteDir = ""
			miss("page", fmt.Errorf("snapshot of %s: %v", *site, err))
		} else {
			siteDir = filepath.Join(tmp, "site")
		}
	}
	if want["page"] && siteDir != "" {
		if rep.Page, err = runPage(ctx, siteDir, *count, *slowCount); err != nil {
			miss("page", err)
		}
		if rep.Page != nil {
			rep.Page.Dir = *site
			if fi, err := os.Stat(filepath.Join(*site, "index.html")); err == nil {
				rep.Page.Built = fi.ModTime()
			}
		}
	}
	if want["load"] {
		dir := siteDir
		if dir == "" {
			dir = "site/web"
		}
		if rep.Load, err = runLoad(dir, *loadN, *loadC); err != nil {
			miss("load", err)
		}
		if rep.Load != nil && dir == siteDir {
			rep.Load.Dir = *site
		}
	}
	rep.End = time.Now()
	rep.LoadEnd = loadAverage()
	md := rep.Markdown()
	if *out == "-" {
		os.Stdout.WriteString(md)
	} else if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		logf("%v", err)
		os.Exit(1)
	} else {
		logf("wrote %s", *out)
	}
	if len(rep.Missing) > 0 {
		os.Exit(1)
	}
}
