// Command trace records a Chrome trace of the page as a student opens it:
// the built site served on loopback by the native server, a fresh headless
// Chromium (site/headless), optionally under DevTools' slow-4G network and
// a slowed CPU. It writes the trace as JSON (open it in Chrome's DevTools
// Performance panel or in Perfetto) and prints what the page's main thread
// spent its long tasks on, with the page's performance marks: the figures
// of docs/frontend.md, "The stage's start", come from it.
//
//	go run ./scripts/trace -site dist -query 'lang=en' -seconds 6 -out /tmp/start.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"nnstep/site/api"
	"nnstep/site/headless"
	"nnstep/site/server"
)

// categories are those of DevTools' Performance panel.
var categories = []string{
	"-*", "devtools.timeline", "disabled-by-default-devtools.timeline",
	"disabled-by-default-devtools.timeline.frame", "disabled-by-default-devtools.timeline.stack", "blink.user_timing",
	"v8.execute", "toplevel", "disabled-by-default-v8.compile", "loading", "latencyInfo",
}

func main() {
	site := flag.String("site", "dist", "built site to serve")
	query := flag.String("query", "lang=en", "the page's query string")
	seconds := flag.Float64("seconds", 6, "how long to record after the navigation starts")
	out := flag.String("out", "", "write the trace (JSON) to this file")
	slow := flag.Bool("slow4g", false, "DevTools' slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT) and a CPU slowed 4×")
	threshold := flag.Float64("long", 50, "list the main thread's tasks longer than this (ms)")
	flag.Parse()
	if err := run(*site, *query, *seconds, *out, *slow, *threshold); err != nil {
		log.Fatal(err)
	}
}

func run(site, query string, seconds float64, out string, slow bool, threshold float64) error {
	srv, err := server.NewDir(site, server.Options{API: api.Handler()})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()

	ctx, cancel, err := headless.Start(context.Background())
	if err != nil {
		return err
	}
	defer cancel()
	var mu sync.Mutex
	var events []json.RawMessage
	done := make(chan struct{})
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				events = append(events, append(json.RawMessage(nil), v...))
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	}); err != nil {
		return err
	}
	// A blank page first, so that the browser's own start is not traced.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return err
	}
	if slow {
		if err := headless.Slow4G(ctx); err != nil {
			return err
		}
	}
	cfg := &tracing.TraceConfig{IncludedCategories: categories, RecordMode: tracing.TraceConfigRecordModeRecordAsMuchAsPossible}
	start := tracing.StartParams{TraceConfig: cfg, TransferMode: tracing.StartTransferModeReportEvents}
	if _, err := chromedp.Call(ctx, tracing.Start, start); err != nil {
		return fmt.Errorf("tracing: %w", err)
	}
	u := "http://" + ln.Addr().String() + "/?" + query
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return err
	}
	time.Sleep(time.Duration(seconds * float64(time.Second)))
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		return err
	}
	select {
	case <-done:
	case <-time.After(time.Minute):
		return fmt.Errorf("the trace did not complete")
	}
	mu.Lock()
	defer mu.Unlock()
	if out != "" {
		b, err := json.Marshal(map[string]any{"traceEvents": events})
		if err != nil {
			return err
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			return err
		}
		fmt.Printf("trace: %s (%d events)\n", out, len(events))
	}
	return summarize(os.Stdout, events, threshold)
}
