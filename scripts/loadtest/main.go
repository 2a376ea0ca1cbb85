// Command loadtest is a bounded load test of nnstep's native server. It
// starts the server itself (the static site of -dir and the API, as
// `make serve` runs it) on 127.0.0.1 with a free port, sends -n requests
// with -c workers, half POST /api/trace with a valid body and half GET of
// the site's files (round robin over the files under 1 MiB, the larger
// ones, i.e. the wasm module, every 100th time; accepting brotli and
// gzip), checks every
// answer, and reports the errors and the latency percentiles. It talks to
// 127.0.0.1 only, sends at most -n requests and stops after -timeout.
//
// Usage:
//
//	loadtest [-dir dist] [-n 10000] [-c 16] [-timeout 2m] [-json]
//
// An error is a transport failure, a status other than 200, a body shorter
// than its Content-Length, or an /api/trace answer that is not a trace (no
// "ops"). The exit status is 1 when there was any error.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"nnstep/scripts/loadtest/result"
	"nnstep/site/api"
	"nnstep/site/server"
)

// traceBody is a valid /api/trace request: 2-8-8-1 tanh/tanh/sigmoid on a
// batch of 10 examples, the page's step-through shape for the benchmark
// network.
func traceBody() []byte {
	req := map[string]any{
		"layers":        []int{2, 8, 8, 1},
		"activations":   []string{"tanh", "tanh", "sigmoid"},
		"loss":          "bce",
		"learning_rate": 0.03,
	}
	sizes := []int{2, 8, 8, 1}
	var W [][][]float64
	var b [][]float64
	for l := 1; l < len(sizes); l++ {
		m := make([][]float64, sizes[l])
		for i := range m {
			m[i] = make([]float64, sizes[l-1])
			for j := range m[i] {
				m[i][j] = float64((i*7+j*3+l)%11-5) / 10
			}
		}
		W = append(W, m)
		b = append(b, make([]float64, sizes[l]))
	}
	X := [][]float64{make([]float64, 10), make([]float64, 10)}
	Y := [][]float64{make([]float64, 10)}
	for j := range 10 {
		X[0][j] = float64(j)/5 - 1
		X[1][j] = float64(9-j)/5 - 1
		Y[0][j] = float64(j % 2)
	}
	req["W"], req["b"], req["X"], req["Y"] = W, b, X, Y
	body, _ := json.Marshal(req)
	return body
}

// Stats and Result are the report's types (package result, which
// scripts/bench reads the -json output with).
type (
	Stats  = result.Stats
	Result = result.Result
)

func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	i = max(0, min(i, len(sorted)-1))
	return float64(sorted[i]) / 1e6
}

func stats(d []time.Duration) Stats {
	slices.Sort(d)
	if len(d) == 0 {
		return Stats{}
	}
	return Stats{Count: len(d), P50: percentile(d, 0.50), P90: percentile(d, 0.90),
		P99: percentile(d, 0.99), Max: float64(d[len(d)-1]) / 1e6}
}

// largeFile is the size from which a file is fetched every 100th static
// request only: the whole module, thousands of times, would measure the
// loopback's copying speed rather than the server.
const largeFile = 1 << 20

// staticFiles lists the files the server publishes under dir, small and
// large.
func staticFiles(dir string) (small, large []string, err error) {
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		return err == nil
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !server.Served(rel, exists) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() >= largeFile {
			large = append(large, "/"+rel)
		} else {
			small = append(small, "/"+rel)
		}
		return nil
	})
	return small, large, err
}

func main() {
	dir := flag.String("dir", "dist", "site directory to serve (falls back to site/web when it does not exist)")
	n := flag.Int("n", 10000, "number of requests (at most 100000)")
	c := flag.Int("c", 16, "concurrent workers (at most 64)")
	timeout := flag.Duration("timeout", 2*time.Minute, "stop after this long")
	asJSON := flag.Bool("json", false, "print the result as JSON")
	flag.Parse()
	*n = max(1, min(*n, 100000))
	*c = max(1, min(*c, 64))
	if _, err := os.Stat(*dir); err != nil && *dir == "dist" {
		*dir = "site/web"
	}
	res, err := run(*dir, *n, *c, *timeout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if *asJSON {
		json.NewEncoder(os.Stdout).Encode(res)
	} else {
		fmt.Printf("%d/%d requests to %s at concurrency %d in %.1f s (%.0f/s): %d errors\n",
			res.Done, res.Requests, res.Dir, res.Concurrency, res.Seconds, res.PerSecond, res.Errors)
		for _, k := range []string{"trace", "static", "all"} {
			s := res.Kinds[k]
			fmt.Printf("  %-6s %5d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", k, s.Count, s.P50, s.P90, s.P99, s.Max)
		}
		for _, e := range res.ErrorSamples {
			fmt.Println("  error:", e)
		}
	}
	if res.Errors > 0 || res.TimedOut {
		os.Exit(1)
	}
}

func run(dir string, n, c int, timeout time.Duration) (*Result, error) {
	files, large, err := staticFiles(dir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no file under 1 MiB to serve in %s", dir)
	}
	srv, err := server.NewDir(dir, server.Options{API: api.Handler()})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	client := &http.Client{
		Transport: &http.Transport{
			MaxIdleConnsPerHost: c,
			DisableCompression:  true, // we ask for br/gzip ourselves and count the bytes as sent
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				// Loopback only, whatever the URL says.
				if host, _, _ := net.SplitHostPort(addr); host != "127.0.0.1" {
					return nil, fmt.Errorf("refusing to dial %s: loopback only", addr)
				}
				return (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, network, addr)
			},
		},
		Timeout: 30 * time.Second,
	}
	body := traceBody()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	res := &Result{Dir: dir, Requests: n, Concurrency: c, StaticFiles: files, LargeFiles: large, Kinds: map[string]Stats{}}
	var next atomic.Int64
	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	var errs []string
	nerr := 0
	fail := func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		nerr++
		if len(errs) < 10 {
			errs = append(errs, msg)
		}
	}
	start := time.Now()
	var wg sync.WaitGroup
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				kind := "trace"
				var req *http.Request
				if i%2 == 0 {
					req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+api.TracePath, bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
				} else {
					kind = "static"
					name := files[(i/2)%len(files)]
					if k := i / 2; len(large) > 0 && k%100 == 99 {
						name = large[(k/100)%len(large)]
					}
					req, _ = http.NewRequestWithContext(ctx, http.MethodGet, base+name, nil)
					req.Header.Set("Accept-Encoding", "br, gzip")
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
						fail(fmt.Sprintf("%s %s: %v", req.Method, req.URL.Path, err))
					}
					continue
				}
				got, rerr := io.ReadAll(resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				switch {
				case rerr != nil:
					fail(fmt.Sprintf("%s %s: reading the body: %v", req.Method, req.URL.Path, rerr))
				case resp.StatusCode != http.StatusOK:
					fail(fmt.Sprintf("%s %s: status %d: %.200s", req.Method, req.URL.Path, resp.StatusCode, got))
				case resp.ContentLength >= 0 && int64(len(got)) != resp.ContentLength:
					fail(fmt.Sprintf("%s %s: %d bytes for Content-Length %d", req.Method, req.URL.Path, len(got), resp.ContentLength))
				case kind == "trace" && !strings.Contains(string(got), `"ops"`):
					fail(fmt.Sprintf("POST %s: no ops in the answer: %.200s", req.URL.Path, got))
				default:
					mu.Lock()
					lat[kind] = append(lat[kind], d)
					lat["all"] = append(lat["all"], d)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	res.Seconds = time.Since(start).Seconds()
	res.TimedOut = ctx.Err() != nil
	res.Errors, res.ErrorSamples = nerr, errs
	for k, d := range lat {
		res.Kinds[k] = stats(d)
	}
	res.Done = res.Kinds["all"].Count + nerr
	res.PerSecond = float64(res.Done) / res.Seconds
	if res.TimedOut && res.Done < n {
		res.ErrorSamples = append(res.ErrorSamples, fmt.Sprintf("stopped after %s with %d of %d requests done", timeout, res.Done, n))
	}
	return res, nil
}
