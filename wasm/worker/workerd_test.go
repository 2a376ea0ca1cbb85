//go:build delivery

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nnstep/site/api"
	"nnstep/site/server"
)

// repo is the repository root, seen from this package's folder.
const repo = "../.."

// startWorkerd runs the pinned workerd binary on the Worker that
// `make worker` built in build/worker, on a loopback listener the test
// opens and hands over as a file descriptor, and returns its base URL.
func startWorkerd(t *testing.T) string {
	t.Helper()
	base, _ := runWorkerd(t)
	return base
}

// runWorkerd is startWorkerd, returning also workerd's process id.
func runWorkerd(t *testing.T) (string, int) {
	t.Helper()
	bin := filepath.Join(repo, "node_modules", ".bin", "workerd")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s missing: run scripts/deps.sh (npm ci)", bin)
	}
	built := filepath.Join(repo, "build", "worker")
	dir := t.TempDir()
	for _, f := range []string{"worker.mjs", "wasm_exec.js", "runtime.mjs", "app.wasm"} {
		data, err := os.ReadFile(filepath.Join(built, f))
		if err != nil {
			t.Fatalf("%v: run make worker first (make test-delivery does)", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config, err := os.ReadFile("workerd.capnp")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "workerd.capnp"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(filepath.Join(dir, "app.wasm"))
	t.Logf("worker wasm: %d bytes", info.Size())

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	lnFile, err := ln.(*net.TCPListener).File()
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ln.Close() // the duplicate descriptor in lnFile keeps the socket open

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", filepath.Join(dir, "workerd.capnp"), "--socket-fd", "http=3")
	cmd.ExtraFiles = []*os.File{lnFile}
	var logs bytes.Buffer
	cmd.Stdout = &logs
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lnFile.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cancel()
		<-exited
		if t.Failed() {
			t.Logf("workerd output:\n%s", logs.String())
		}
	})
	// The socket accepts at once; wait until the Worker answers.
	for {
		res, err := http.Get(base + "/api/dataset?name=xor&n=2")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return base, cmd.Process.Pid
			}
		}
		select {
		case <-exited:
			t.Fatalf("workerd exited: %s", logs.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// contentTypes gives the cases sent with another Content-Type than
// application/json.
var contentTypes = map[string]string{"text/plain trace": "text/plain"}

// largest is a trace request of 8 weight layers of 64 units, mse on an
// identity output, on m examples: with 174, the largest answer the API
// allows (api.MaxTraceNumbers); with 175, one too large.
func largest(t *testing.T, m int) string {
	row := func(n int, v string) string { return "[" + strings.TrimSuffix(strings.Repeat(v+",", n), ",") + "]" }
	mat := func(rows, cols int, v string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(row(cols, v)+",", rows), ",") + "]"
	}
	var W, b, layers, acts []string
	layers = append(layers, "64")
	for l := range 8 {
		W = append(W, mat(64, 64, "0.01"))
		b = append(b, row(64, "0"))
		layers = append(layers, "64")
		if l < 7 {
			acts = append(acts, `"tanh"`)
		}
	}
	acts = append(acts, `"identity"`)
	return `{"layers":[` + strings.Join(layers, ",") + `],"activations":[` + strings.Join(acts, ",") + `],"loss":"mse","W":[` +
		strings.Join(W, ",") + `],"b":[` + strings.Join(b, ",") + `],"X":` + mat(64, m, "0.5") + `,"Y":` + mat(64, m, "0.25") + `,"learning_rate":0.1}`
}

// apiCase is one request sent to both servers.
type apiCase struct {
	name, method, path, body string
}

func apiCases(t *testing.T) []apiCase {
	example, err := os.ReadFile(filepath.Join(repo, "core", "trace", "testdata", "example.json"))
	if err != nil {
		t.Fatal(err)
	}
	ex := string(example)
	sub := func(old, new string) string {
		if !strings.Contains(ex, old) {
			t.Fatalf("example.json lacks %q", old)
		}
		return strings.Replace(ex, old, new, 1)
	}
	multi := `{"layers":[2,4,3],"activations":["tanh","softmax"],"loss":"cce",
"W":[[[0.1,-0.2],[0.4,0.3],[-0.5,0.2],[0.3,0.3]],[[0.7,-0.1,0.3,0.2],[0.1,0.2,-0.3,0.4],[-0.6,0.5,0.1,0.1]]],
"b":[[0,0.1,-0.1,0.2],[0.05,0,-0.05]],"X":[[0.5,-1,2],[1.5,0.2,-0.3]],"Y":[[1,0,0],[0,1,0],[0,0,1]],"learning_rate":0.5}`
	mse := `{"layers":[1,1],"activations":["identity"],"loss":"mse","W":[[[0.5]]],"b":[[0.1]],"X":[[1,2,3]],"Y":[[2,4,6.5]],"learning_rate":0.05}`
	deep := `{"layers":[1,1,1,1,1,1,1,1,1,1],"activations":["relu","relu","relu","relu","relu","relu","relu","relu","sigmoid"],"loss":"bce",
"W":[[[1]],[[1]],[[1]],[[1]],[[1]],[[1]],[[1]],[[1]],[[1]]],"b":[[0],[0],[0],[0],[0],[0],[0],[0],[0]],"X":[[1]],"Y":[[1]],"learning_rate":0.1}`
	var wide strings.Builder
	wide.WriteString(`{"layers":[1,1],"activations":["sigmoid"],"loss":"bce","W":[[[1]]],"b":[[0]],"X":[[`)
	for i := 0; i < 1025; i++ {
		if i > 0 {
			wide.WriteString(",")
		}
		wide.WriteString("0.5")
	}
	wide.WriteString(`]],"Y":[[`)
	for i := 0; i < 1025; i++ {
		if i > 0 {
			wide.WriteString(",")
		}
		wide.WriteString("1")
	}
	wide.WriteString(`]],"learning_rate":0.1}`)
	huge := `{"pad":"` + strings.Repeat("x", 2<<20) + `"}`

	cases := []apiCase{
		{"design example", "POST", "/api/trace", ex},
		{"softmax and cce", "POST", "/api/trace", multi},
		{"mse identity", "POST", "/api/trace", mse},
		{"saturated sigmoid", "POST", "/api/trace", sub(`[[0.7, -0.1, 0.3]]`, `[[700, -100, 300]]`)},
		{"broken json", "POST", "/api/trace", `{"layers": [2, 3, 1],`},
		{"not an object", "POST", "/api/trace", `[1, 2]`},
		{"empty body", "POST", "/api/trace", ""},
		{"unknown activation", "POST", "/api/trace", sub(`"relu"`, `"swish"`)},
		{"softmax hidden", "POST", "/api/trace", sub(`"relu"`, `"softmax"`)},
		{"bce without sigmoid", "POST", "/api/trace", sub(`"sigmoid"`, `"tanh"`)},
		{"unknown loss", "POST", "/api/trace", sub(`"bce"`, `"hinge"`)},
		{"wrong W shape", "POST", "/api/trace", sub(`[0.1, -0.2]`, `[0.1, -0.2, 0.3]`)},
		{"wrong b length", "POST", "/api/trace", sub(`[0.05]`, `[0.05, 0.1]`)},
		{"NaN literal", "POST", "/api/trace", sub(`0.4, 0.3`, `NaN, 0.3`)},
		{"infinite number", "POST", "/api/trace", sub(`0.4, 0.3`, `1e999, 0.3`)},
		{"string for a number", "POST", "/api/trace", sub(`0.4, 0.3`, `"0.4", 0.3`)},
		{"Y mismatch", "POST", "/api/trace", sub(`[[1, 0, 1, 0]]`, `[[1, 0, 1]]`)},
		{"too many layers", "POST", "/api/trace", deep},
		{"too many examples", "POST", "/api/trace", wide.String()},
		{"2 MiB body", "POST", "/api/trace", huge},
		{"text/plain trace", "POST", "/api/trace", ex},
		{"largest allowed trace", "POST", "/api/trace", largest(t, 174)},
		{"trace over 2^19 numbers", "POST", "/api/trace", largest(t, 175)},
		{"dataset query with ;", "GET", "/api/dataset?name=moons;n=5", ""},
		{"dataset unknown parameter", "GET", "/api/dataset?name=moons&size=5", ""},
		{"dataset 0 classes", "GET", "/api/dataset?name=spiral&classes=0", ""},
		{"GET trace", "GET", "/api/trace", ""},
		{"PUT trace", "PUT", "/api/trace", ex},
		{"DELETE dataset", "DELETE", "/api/dataset", ""},
		{"unknown endpoint", "GET", "/api/nope", ""},
		{"dataset default", "GET", "/api/dataset?name=moons", ""},
		{"HEAD dataset", "HEAD", "/api/dataset?name=moons", ""},
		{"dataset unknown name", "GET", "/api/dataset?name=donut", ""},
		{"dataset bad n", "GET", "/api/dataset?name=xor&n=abc", ""},
		{"dataset negative n", "GET", "/api/dataset?name=xor&n=-3", ""},
		{"dataset bad noise", "GET", "/api/dataset?name=circles&noise=NaN", ""},
		{"dataset bad classes", "GET", "/api/dataset?name=gauss&classes=1", ""},
		{"dataset repeated", "GET", "/api/dataset?name=xor&name=moons", ""},
	}
	for _, q := range []string{
		"name=linear&n=20&noise=0.1&seed=7",
		"name=moons&n=50&noise=0.2&seed=1",
		"name=circles&n=33&noise=0&seed=42",
		"name=xor&n=16&seed=3",
		"name=gauss&n=30&classes=4&seed=9",
		"name=spiral&n=60&classes=3&noise=0.05&seed=11",
		"name=line&n=25&noise=0.3&seed=5",
		"name=plane&n=25&seed=5",
		"name=bumps&n=40&noise=0.1&seed=2",
		"name=spiral&n=1000&classes=2&seed=18446744073709551615",
	} {
		cases = append(cases, apiCase{"dataset " + q, "GET", "/api/dataset?" + q, ""})
	}
	return cases
}

// TestWorkerMatchesNative sends the same requests to the Worker running in
// workerd and to the native server of `make serve`, and requires the same
// status, body bytes and the headers the API sets.
func TestWorkerMatchesNative(t *testing.T) {
	base := startWorkerd(t)
	srv, err := server.New(os.DirFS(t.TempDir()), server.Options{API: api.Handler()})
	if err != nil {
		t.Fatal(err)
	}
	native := httptest.NewServer(srv)
	defer native.Close()

	for _, c := range apiCases(t) {
		t.Run(c.name, func(t *testing.T) {
			ws, wh, wb := send(t, base, c)
			ns, nh, nb := send(t, native.URL, c)
			if ws != ns {
				t.Errorf("status: worker %d, native %d", ws, ns)
			}
			if !bytes.Equal(wb, nb) {
				t.Errorf("body differs:\nworker %.300s\nnative %.300s", wb, nb)
			}
			for _, k := range []string{"Content-Type", "Allow", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "Retry-After"} {
				if wh.Get(k) != nh.Get(k) {
					t.Errorf("%s: worker %q, native %q", k, wh.Get(k), nh.Get(k))
				}
			}
			t.Logf("%s %s → %d, %d bytes", c.method, c.path[:min(len(c.path), 60)], ns, len(nb))
			if ns == 0 || (c.method != "HEAD" && len(nb) == 0) {
				t.Errorf("native answered %d with %d bytes", ns, len(nb))
			}
		})
	}
}

func send(t *testing.T, base string, c apiCase) (int, http.Header, []byte) {
	t.Helper()
	var body io.Reader
	if c.body != "" || c.method == "POST" || c.method == "PUT" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, base+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if ct, ok := contentTypes[c.name]; ok {
		req.Header.Set("Content-Type", ct)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, base+c.path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", c.method, c.path, err)
	}
	return res.StatusCode, res.Header, b
}

// TestWorkerSurvivesBadRequests checks that the Worker keeps answering after
// the error cases (a Go panic or a hung request would end its program).
func TestWorkerSurvivesBadRequests(t *testing.T) {
	base := startWorkerd(t)
	for _, c := range apiCases(t) {
		send(t, base, c)
	}
	status, _, body := send(t, base, apiCase{"after", "GET", "/api/dataset?name=xor&n=4&seed=1", ""})
	if status != 200 || !bytes.HasPrefix(body, []byte(`{"X":`)) {
		t.Errorf("after the error cases: %d %s", status, body)
	}
}

// procStat reads a process's peak and current resident set (VmHWM, VmRSS,
// in bytes) and the CPU time it has used (user and system).
func procStat(t *testing.T, pid int) (hwm, rss int64, cpu time.Duration) {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		var kb int64
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			hwm = kb << 10
		}
		if _, err := fmt.Sscanf(line, "VmRSS: %d kB", &kb); err == nil {
			rss = kb << 10
		}
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// Fields 14 and 15 (utime, stime, in clock ticks of 1/100 s) follow
	// the command name in parentheses.
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+2:]))
	var ut, st int64
	fmt.Sscan(f[11], &ut)
	fmt.Sscan(f[12], &st)
	return hwm, rss, time.Duration(ut+st) * 10 * time.Millisecond
}

// TestWorkerLargestTraceCost measures, in workerd, the largest trace the
// API allows: the wall time, workerd's CPU time and the growth of its peak
// resident set over the request, against Cloudflare's limits of 128 MB of
// memory per isolate (docs/delivery.md, "Limits that matter").
func TestWorkerLargestTraceCost(t *testing.T) {
	base, pid := runWorkerd(t)
	warm := apiCase{"warm-up", "POST", "/api/trace", largest(t, 4)}
	if s, _, _ := send(t, base, warm); s != 200 {
		t.Fatalf("warm-up: status %d", s)
	}
	hwm0, rss0, cpu0 := procStat(t, pid)
	start := time.Now()
	s, h, body := send(t, base, apiCase{"largest allowed trace", "POST", "/api/trace", largest(t, 174)})
	wall := time.Since(start)
	hwm1, rss1, cpu1 := procStat(t, pid)
	if s != 200 || !bytes.HasPrefix(body, []byte(`{"format":2,`)) {
		t.Fatalf("status %d, %.100s", s, body)
	}
	grew := hwm1 - hwm0
	t.Logf("largest allowed trace in workerd: %d bytes of JSON (Content-Length %q), %v wall, %v of workerd's CPU; peak RSS %d → %d MiB (+%d MiB), RSS %d → %d MiB",
		len(body), h.Get("Content-Length"), wall.Round(time.Millisecond), cpu1-cpu0, hwm0>>20, hwm1>>20, grew>>20, rss0>>20, rss1>>20)
	if grew > 128<<20 {
		t.Errorf("the largest trace grew workerd's peak RSS by %d MiB, over the 128 MB a Worker's isolate may use", grew>>20)
	}
}
