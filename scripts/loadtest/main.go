// Command loadtest is a bounded load test of nnstep's native server. It
// builds site/cmd/serve (or runs the binary -serve names), starts it as
// `make serve` does on 127.0.0.1 with a free port, and sends ordinary
// traffic in two phases of -n/2 requests each with -c workers: half POST
// /api/trace with a small valid body, half GET of the site's files (round
// robin over the files under 1 MiB, the larger ones, i.e. the wasm modules,
// every 100th time; accepting brotli and gzip). The first phase runs
// alone ("quiet"); during the second ("burst") -burst more workers post
// the largest trace the API allows, back to back, without waiting. At the
// end it reads the server process's peak resident set (VmHWM) and reports
// the errors, the latency percentiles of each phase and the peak. It talks
// to 127.0.0.1 only, sends a bounded number of ordinary requests and stops
// after -timeout.
//
// Usage:
//
//	loadtest [-dir dist] [-serve bin] [-n 4000] [-c 8] [-burst 12] [-large-m 0] [-max-rss 512] [-timeout 3m] [-json]
//
// The largest trace is 8 weight layers of 64 units with mse on an identity
// output (the shape with the most numbers per example) on as many examples
// as api.MaxTraceNumbers allows (-large-m sets another count, e.g. 1024 to
// load a server without that limit). An error is a transport failure, an
// ordinary request answered other than 200, a largest trace answered other
// than 200, 503 (with Retry-After) or 413, a body shorter than its
// Content-Length, or a trace answer that is not a trace. The exit status is
// 1 when there was any error or the peak RSS is over -max-rss MiB.
package main

import (
	"bufio"
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
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"nnstep/core/nn"
	"nnstep/scripts/loadtest/result"
	"nnstep/site/api"
	"nnstep/site/server"
)

// traceBody is a valid /api/trace request of a network of the given sizes
// and activations on m examples, weights from a fixed pattern.
func traceBody(sizes []int, acts []string, loss string, m int) []byte {
	var W [][][]float64
	var b [][]float64
	for l := 1; l < len(sizes); l++ {
		w := make([][]float64, sizes[l])
		for i := range w {
			w[i] = make([]float64, sizes[l-1])
			for j := range w[i] {
				w[i][j] = float64((i*7+j*3+l)%11-5) / 10
			}
		}
		W = append(W, w)
		b = append(b, make([]float64, sizes[l]))
	}
	X := make([][]float64, sizes[0])
	for i := range X {
		X[i] = make([]float64, m)
		for j := range X[i] {
			X[i][j] = float64((i+j)%10)/5 - 1
		}
	}
	Y := make([][]float64, sizes[len(sizes)-1])
	for i := range Y {
		Y[i] = make([]float64, m)
		for j := range Y[i] {
			Y[i][j] = float64((i + j) % 2)
		}
	}
	body, _ := json.Marshal(map[string]any{"layers": sizes, "activations": acts, "loss": loss,
		"W": W, "b": b, "X": X, "Y": Y, "learning_rate": 0.03})
	return body
}

// smallTrace is the ordinary trace: 2-8-8-1 tanh/tanh/sigmoid on a batch of
// 10 examples, the page's step-through shape for the benchmark network.
func smallTrace() []byte {
	return traceBody([]int{2, 8, 8, 1}, []string{"tanh", "tanh", "sigmoid"}, "bce", 10)
}

// largeTrace is the largest trace: 8 weight layers of 64 units, mse on an
// identity output, on m examples, or on as many as api.MaxTraceNumbers
// allows when m is 0. It returns the body, its shape and the numbers of its
// answer.
func largeTrace(m int) ([]byte, string, int, error) {
	sizes := slices.Repeat([]int{nn.MaxUnits}, nn.MaxLayers+1)
	acts := slices.Repeat([]string{"tanh"}, nn.MaxLayers)
	acts[nn.MaxLayers-1] = "identity"
	net, err := nn.New(sizes, acts, "mse")
	if err != nil {
		return nil, "", 0, err
	}
	if m == 0 {
		for m = 1024; m > 1 && api.TraceNumbers(net, m) > api.MaxTraceNumbers; m-- {
		}
	}
	shape := fmt.Sprintf("%d weight layers of %d units, mse, %d examples", nn.MaxLayers, nn.MaxUnits, m)
	return traceBody(sizes, acts, "mse", m), shape, api.TraceNumbers(net, m), nil
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
	serveBin := flag.String("serve", "", "server binary to run (default: go build ./site/cmd/serve)")
	n := flag.Int("n", 4000, "ordinary requests, half before and half during the burst (at most 100000)")
	c := flag.Int("c", 8, "ordinary workers (at most 64)")
	burst := flag.Int("burst", 12, "workers posting the largest trace during the burst (at most 64)")
	largeM := flag.Int("large-m", 0, "examples of the largest trace (0: as many as the API allows)")
	maxRSS := flag.Int64("max-rss", 512, "peak RSS of the server, in MiB, over which the run fails")
	timeout := flag.Duration("timeout", 3*time.Minute, "stop after this long")
	asJSON := flag.Bool("json", false, "print the result as JSON")
	flag.Parse()
	*n = max(2, min(*n, 100000))
	*c = max(1, min(*c, 64))
	*burst = max(0, min(*burst, 64))
	if _, err := os.Stat(*dir); err != nil && *dir == "dist" {
		*dir = "site/web"
	}
	res, err := run(*dir, *serveBin, *n, *c, *burst, *largeM, *maxRSS<<20, *timeout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if *asJSON {
		json.NewEncoder(os.Stdout).Encode(res)
	} else {
		fmt.Printf("%d/%d ordinary requests to %s at concurrency %d in %.1f s, the burst with %d workers posting %s (%d numbers): %d errors\n",
			res.Done, res.Requests, res.Dir, res.Concurrency, res.Seconds, res.Burst, res.LargeShape, res.LargeNumbers, res.Errors)
		for _, k := range []string{"quiet/trace", "quiet/static", "quiet/all", "burst/trace", "burst/static", "burst/all", "burst/large"} {
			s := res.Kinds[k]
			fmt.Printf("  %-13s %5d  p50 %8.2f ms  p90 %8.2f ms  p99 %8.2f ms  max %8.2f ms\n", k, s.Count, s.P50, s.P90, s.P99, s.Max)
		}
		fmt.Printf("  largest traces by status: %v\n", res.LargeStatus)
		fmt.Printf("  server peak RSS %.0f MiB (bound %d MiB)\n", float64(res.PeakRSS)/(1<<20), res.MaxRSS>>20)
		for _, e := range res.ErrorSamples {
			fmt.Println("  error:", e)
		}
	}
	if res.Errors > 0 || res.TimedOut || res.PeakRSS > res.MaxRSS {
		os.Exit(1)
	}
}

// startServer builds the server unless bin is given, starts it on a free
// loopback port serving dir, and waits until it answers. stop ends it.
func startServer(dir, bin string) (base string, cmd *exec.Cmd, stop func(), err error) {
	tmp, err := os.MkdirTemp("", "nnstep-loadtest-")
	if err != nil {
		return "", nil, nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	if bin == "" {
		bin = filepath.Join(tmp, "serve")
		if out, err := exec.Command("go", "build", "-o", bin, "./site/cmd/serve").CombinedOutput(); err != nil {
			cleanup()
			return "", nil, nil, fmt.Errorf("go build ./site/cmd/serve: %v\n%s", err, out)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cleanup()
		return "", nil, nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd = exec.Command(bin, "-addr", addr, "-dir", dir)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		cleanup()
		return "", nil, nil, err
	}
	stop = func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		cleanup()
	}
	base = "http://" + addr
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		res, err := http.Get(base + "/")
		if err == nil {
			res.Body.Close()
			return base, cmd, stop, nil
		}
		if time.Since(start) > 20*time.Second {
			stop()
			return "", nil, nil, fmt.Errorf("%s did not answer in 20 s: %v\n%s", bin, err, logs.String())
		}
	}
}

// peakRSS returns the peak resident set size of process pid (VmHWM).
func peakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmHWM in /proc/<pid>/status")
}

// recorder collects latencies by kind and errors.
type recorder struct {
	mu     sync.Mutex
	lat    map[string][]time.Duration
	status map[string]int
	errs   []string
	nerr   int
	nord   int // errors of ordinary requests
}

func (r *recorder) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nerr++
	if !strings.HasPrefix(msg, "largest trace") {
		r.nord++
	}
	if len(r.errs) < 10 {
		r.errs = append(r.errs, msg)
	}
}

func (r *recorder) add(kinds []string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range kinds {
		r.lat[k] = append(r.lat[k], d)
	}
}

func (r *recorder) count(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status[strconv.Itoa(status)]++
}

// answer is what a request got: status, Retry-After, byte count, the first
// bytes of the body.
type answer struct {
	status     int
	retryAfter string
	n          int64
	length     int64
	head       string
}

// send sends req and reads the whole answer, keeping only its first bytes.
func send(client *http.Client, req *http.Request) (answer, time.Duration, error) {
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, 0, err
	}
	defer resp.Body.Close()
	var head [64]byte
	k, _ := io.ReadFull(resp.Body, head[:])
	rest, err := io.Copy(io.Discard, resp.Body)
	a := answer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), n: int64(k) + rest,
		length: resp.ContentLength, head: string(head[:k])}
	if err != nil {
		return a, 0, fmt.Errorf("reading the body: %v", err)
	}
	return a, time.Since(t0), nil
}

func run(dir, bin string, n, c, burst, largeM int, maxRSS int64, timeout time.Duration) (*Result, error) {
	files, large, err := staticFiles(dir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no file under 1 MiB to serve in %s", dir)
	}
	largeBody, shape, numbers, err := largeTrace(largeM)
	if err != nil {
		return nil, err
	}
	base, cmd, stop, err := startServer(dir, bin)
	if err != nil {
		return nil, err
	}
	defer stop()

	client := &http.Client{
		Transport: &http.Transport{
			MaxIdleConnsPerHost: c + burst,
			DisableCompression:  true, // we ask for br/gzip ourselves and count the bytes as sent
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				// Loopback only, whatever the URL says.
				if host, _, _ := net.SplitHostPort(addr); host != "127.0.0.1" {
					return nil, fmt.Errorf("refusing to dial %s: loopback only", addr)
				}
				return (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, network, addr)
			},
		},
		Timeout: 60 * time.Second,
	}
	small := smallTrace()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	res := &Result{Dir: dir, Serve: bin, Requests: n, Concurrency: c, Burst: burst, LargeShape: shape,
		LargeNumbers: numbers, LargeBody: len(largeBody), StaticFiles: files, LargeFiles: large, MaxRSS: maxRSS}
	if res.Serve == "" {
		res.Serve = "go build ./site/cmd/serve"
	}
	rec := &recorder{lat: map[string][]time.Duration{}, status: map[string]int{}}
	ordinary := func(phase string, upTo int) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range c {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= upTo || ctx.Err() != nil {
						return
					}
					kind := "trace"
					var req *http.Request
					if i%2 == 0 {
						req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+api.TracePath, bytes.NewReader(small))
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
					a, d, err := send(client, req)
					what := req.Method + " " + req.URL.Path
					switch {
					case err != nil:
						if ctx.Err() == nil {
							rec.fail(fmt.Sprintf("%s: %v", what, err))
						}
					case a.status != http.StatusOK:
						rec.fail(fmt.Sprintf("%s: status %d: %.200s", what, a.status, a.head))
					case a.length >= 0 && a.n != a.length:
						rec.fail(fmt.Sprintf("%s: %d bytes for Content-Length %d", what, a.n, a.length))
					case kind == "trace" && !strings.HasPrefix(a.head, `{"format":2,"Z":`):
						rec.fail(fmt.Sprintf("%s: not a trace: %.200s", what, a.head))
					default:
						rec.add([]string{phase + "/" + kind, phase + "/all"}, d)
					}
				}
			})
		}
		wg.Wait()
	}

	start := time.Now()
	ordinary("quiet", n/2)
	stopBurst := make(chan struct{})
	var bwg sync.WaitGroup
	for range burst {
		bwg.Go(func() {
			for {
				select {
				case <-stopBurst:
					return
				default:
				}
				if ctx.Err() != nil {
					return
				}
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+api.TracePath, bytes.NewReader(largeBody))
				req.Header.Set("Content-Type", "application/json")
				a, d, err := send(client, req)
				switch {
				case err != nil:
					if ctx.Err() == nil {
						rec.fail(fmt.Sprintf("largest trace: %v", err))
					}
					continue
				case a.length >= 0 && a.n != a.length:
					rec.fail(fmt.Sprintf("largest trace: %d bytes for Content-Length %d", a.n, a.length))
					continue
				}
				rec.count(a.status)
				switch {
				case a.status == http.StatusOK && strings.HasPrefix(a.head, `{"format":2,"Z":`):
					rec.add([]string{"burst/large"}, d)
				case a.status == http.StatusServiceUnavailable && a.retryAfter != "":
				case a.status == http.StatusRequestEntityTooLarge:
				default:
					rec.fail(fmt.Sprintf("largest trace: status %d (Retry-After %q): %.200s", a.status, a.retryAfter, a.head))
				}
			}
		})
	}
	ordinary("burst", n-n/2)
	close(stopBurst)
	bwg.Wait()
	res.Seconds = time.Since(start).Seconds()
	res.TimedOut = ctx.Err() != nil
	if res.PeakRSS, err = peakRSS(cmd.Process.Pid); err != nil {
		return nil, err
	}
	res.Errors, res.ErrorSamples, res.LargeStatus = rec.nerr, rec.errs, rec.status
	res.Kinds = map[string]Stats{}
	for k, d := range rec.lat {
		res.Kinds[k] = stats(d)
	}
	res.Done = res.Kinds["quiet/all"].Count + res.Kinds["burst/all"].Count + rec.nord
	res.PerSecond = float64(res.Done) / res.Seconds
	if res.TimedOut && res.Done < n {
		res.ErrorSamples = append(res.ErrorSamples, fmt.Sprintf("stopped after %s with %d of %d requests done", timeout, res.Done, n))
	}
	if res.PeakRSS > maxRSS {
		res.ErrorSamples = append(res.ErrorSamples, fmt.Sprintf("the server's peak RSS, %d MiB, is over %d MiB", res.PeakRSS>>20, maxRSS>>20))
	}
	return res, nil
}
