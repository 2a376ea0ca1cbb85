package robust

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"nnstep/site/api"
	"nnstep/site/server"
)

// newServer starts the native server as `make serve` builds it (static
// files + the API, with the API's panic recovery) on loopback.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	site := fstest.MapFS{
		"index.html": {Data: []byte("<!doctype html><title>nnstep</title><p>lesson")},
		"404.html":   {Data: []byte("<!doctype html><title>not found</title>")},
	}
	srv, err := server.New(site, server.Options{API: api.Handler()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// traceJSON is a valid request for a network of the given sizes, with
// every weight w and m examples.
func traceJSON(sizes []int, acts []string, loss string, w float64, m int, lr string) []byte {
	var W, b []string
	for l := 1; l < len(sizes); l++ {
		row := "[" + strings.TrimSuffix(strings.Repeat(fmt.Sprint(w)+",", sizes[l-1]), ",") + "]"
		W = append(W, "["+strings.TrimSuffix(strings.Repeat(row+",", sizes[l]), ",")+"]")
		b = append(b, "["+strings.TrimSuffix(strings.Repeat("0,", sizes[l]), ",")+"]")
	}
	xrow := "[" + strings.TrimSuffix(strings.Repeat("0.5,", m), ",") + "]"
	X := "[" + strings.TrimSuffix(strings.Repeat(xrow+",", sizes[0]), ",") + "]"
	yrow := "[" + strings.TrimSuffix(strings.Repeat("1,", m), ",") + "]"
	Y := "[" + strings.TrimSuffix(strings.Repeat(yrow+",", sizes[len(sizes)-1]), ",") + "]"
	a, _ := json.Marshal(acts)
	s, _ := json.Marshal(sizes)
	return []byte(fmt.Sprintf(`{"layers":%s,"activations":%s,"loss":%q,"W":[%s],"b":[%s],"X":%s,"Y":%s,"learning_rate":%s}`,
		s, a, loss, strings.Join(W, ","), strings.Join(b, ","), X, Y, lr))
}

func repeat(n int, v string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func sizes(n, units, out int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = units
	}
	s[0], s[n-1] = 2, out
	return s
}

// apiCase is one request and the answer the user must get.
type apiCase struct {
	name, method, path string
	body               []byte
	status             int
	prefix             string // the JSON error message starts with it ("" for 200)
	contentType        string // of a POST: application/json when empty, none when "-"
}

// request makes the HTTP request of c to the server at base.
func (c apiCase) request(base string) *http.Request {
	req, err := http.NewRequest(c.method, base+c.path, bytes.NewReader(c.body))
	if err != nil {
		panic(err)
	}
	switch {
	case c.method != "POST" || c.contentType == "-":
	case c.contentType == "":
		req.Header.Set("Content-Type", "application/json")
	default:
		req.Header.Set("Content-Type", c.contentType)
	}
	return req
}

func apiCases() []apiCase {
	hundredActs := append(repeat(99, "tanh"), "sigmoid")
	huge := append([]byte(`{"X": "`), bytes.Repeat([]byte("a"), 2<<20)...)
	huge = append(huge, `"}`...)
	justOver := append([]byte(`{"layers": [2, 1]} `), bytes.Repeat([]byte(" "), api.MaxBodyBytes)...)
	return []apiCase{
		{"GET on /api/trace", "GET", api.TracePath, nil, 405, "method:", ""},
		{"PUT on /api/dataset", "PUT", api.DatasetPath, nil, 405, "method:", ""},
		{"2 MiB body", "POST", api.TracePath, huge, 413, "body:", ""},
		{"1 MiB of whitespace after a request", "POST", api.TracePath, justOver, 413, "body:", ""},
		{"empty body", "POST", api.TracePath, nil, 400, "body:", ""},
		{"not JSON", "POST", api.TracePath, []byte("layers=2-4-1"), 400, "", ""},
		{"500,000 nested arrays", "POST", api.TracePath, bytes.Repeat([]byte("["), 500000), 400, "", ""},
		{"100 layers", "POST", api.TracePath, traceJSON(sizes(101, 2, 1), hundredActs, "bce", 0.1, 4, "0.1"), 413, "layers:", ""},
		{"10,000 units", "POST", api.TracePath, traceJSON([]int{2, 10000, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, "0.1"), 413, "layers[1]:", ""},
		{"0 units", "POST", api.TracePath, traceJSON([]int{2, 0, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, "0.1"), 400, "layers[1]:", ""},
		{"1025 examples", "POST", api.TracePath, traceJSON([]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 1025, "0.1"), 413, "X:", ""},
		{"NaN in W", "POST", api.TracePath, bytes.Replace(traceJSON([]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, "0.1"), []byte("0.1"), []byte("NaN"), 1), 400, "W[0][0][0]", ""},
		{"learning rate as text", "POST", api.TracePath, traceJSON([]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, `"abc"`), 400, "learning_rate:", ""},
		{"learning rate 1e9", "POST", api.TracePath, traceJSON([]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, "1e9"), 200, "", ""},
		{"weights of 1e308 overflow", "POST", api.TracePath, traceJSON([]int{2, 4, 1}, []string{"relu", "sigmoid"}, "bce", 1e308, 4, "1"), 200, "", ""},
		{"dataset n=-5", "GET", api.DatasetPath + "?name=spiral&n=-5", nil, 400, "n:", ""},
		{"dataset n=10^9", "GET", api.DatasetPath + "?name=spiral&n=1000000000", nil, 400, "n:", ""},
		{"dataset noise=1e999", "GET", api.DatasetPath + "?name=spiral&noise=1e999", nil, 400, "noise:", ""},
		{"dataset name with a path", "GET", api.DatasetPath + "?name=..%2F..%2Fetc%2Fpasswd", nil, 400, "name:", ""},
		{"dataset 100 classes", "GET", api.DatasetPath + "?name=spiral&classes=100", nil, 400, "classes:", ""},
		{"unknown API path", "GET", "/api/../api/nope", nil, 404, "path:", ""},
		{"dataset query with ;", "GET", api.DatasetPath + "?name=moons;n=5", nil, 400, "query:", ""},
		{"dataset unknown parameter", "GET", api.DatasetPath + "?name=moons&size=5", nil, 400, `"size": unknown parameter`, ""},
		{"dataset 0 classes", "GET", api.DatasetPath + "?name=spiral&classes=0", nil, 400, "classes:", ""},
		{"trace as text/plain", "POST", api.TracePath, traceJSON([]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, "0.1"), 415, "Content-Type:", "text/plain"},
		{"trace as a form", "POST", api.TracePath, traceJSON([]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, "0.1"), 415, "Content-Type:", "application/x-www-form-urlencoded"},
		{"trace without Content-Type", "POST", api.TracePath, traceJSON([]int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0.1, 4, "0.1"), 415, "Content-Type:", "-"},
		{"trace over 2^20 numbers", "POST", api.TracePath, traceJSON(sizes(9, 64, 64), append(repeat(7, "tanh"), "sigmoid"), "bce", 0.1, 300, "0.1"), 413, "X: the trace of 300 examples", ""},
	}
}

func do(t *testing.T, ts *httptest.Server, c apiCase) (int, http.Header, []byte) {
	t.Helper()
	res, err := ts.Client().Do(c.request(ts.URL))
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	return res.StatusCode, res.Header, b
}

func check(t *testing.T, c apiCase, status int, h http.Header, body []byte) {
	t.Helper()
	if status != c.status {
		t.Errorf("%s: status %d, want %d: %.200s", c.name, status, c.status, body)
		return
	}
	if !json.Valid(body) {
		t.Errorf("%s: answer is not JSON: %.200q", c.name, body)
		return
	}
	if got := h.Get("Content-Security-Policy"); got != "default-src 'none'; frame-ancestors 'none'" {
		t.Errorf("%s: Content-Security-Policy %q", c.name, got)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", c.name, got)
	}
	if status != http.StatusOK && h.Get("Cache-Control") != "no-store" {
		t.Errorf("%s: an error with Cache-Control %q", c.name, h.Get("Cache-Control"))
	}
	if status == http.StatusMethodNotAllowed && h.Get("Allow") == "" {
		t.Errorf("%s: 405 without Allow", c.name)
	}
	if status == http.StatusOK {
		if bytes.Contains(body, []byte("NaN")) || bytes.Contains(body, []byte("Inf")) {
			t.Errorf("%s: NaN or Inf in the JSON", c.name)
		}
		return
	}
	var e struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
		t.Errorf("%s: no error message in %.200s", c.name, body)
		return
	}
	t.Logf("%s: %d %s", c.name, status, e.Error)
	if !strings.HasPrefix(e.Error, c.prefix) {
		t.Errorf("%s: message %q does not start with %q", c.name, e.Error, c.prefix)
	}
}

// Bad requests to the API through the native server: each gets its status
// and a JSON error naming the field; none crashes or hangs the server.
func TestAPIBadRequestsThroughServer(t *testing.T) {
	ts := newServer(t)
	for _, c := range apiCases() {
		status, h, body := do(t, ts, c)
		check(t, c, status, h, body)
	}
	// The server still answers after all that.
	status, _, body := do(t, ts, apiCase{name: "after", method: "GET", path: "/"})
	if status != 200 || !bytes.Contains(body, []byte("lesson")) {
		t.Fatalf("the server no longer serves the page: %d", status)
	}
}

// An overflowing trace is answered, not refused: values that are not
// finite are null in the JSON and first_non_finite names the op.
func TestAPIOverflowIsLocated(t *testing.T) {
	ts := newServer(t)
	c := apiCase{name: "overflow", method: "POST", path: api.TracePath,
		body: traceJSON([]int{2, 4, 1}, []string{"relu", "sigmoid"}, "bce", 1e308, 4, "1"), status: 200}
	status, _, body := do(t, ts, c)
	if status != 200 {
		t.Fatalf("status %d: %.300s", status, body)
	}
	var tr struct {
		First *int `json:"first_non_finite"`
		Ops   []struct {
			Result struct {
				Name string `json:"name"`
			} `json:"result"`
		} `json:"ops"`
	}
	if err := json.Unmarshal(body, &tr); err != nil {
		t.Fatal(err)
	}
	if tr.First == nil || *tr.First >= len(tr.Ops) || tr.Ops[*tr.First].Result.Name == "" {
		t.Fatalf("first_non_finite %v of %d ops", tr.First, len(tr.Ops))
	}
}

// A body that breaks off while the server reads it gets a 400, not a hang
// or a panic.
func TestAPIBodyReadError(t *testing.T) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", api.TracePath, io.MultiReader(strings.NewReader(`{"layers": [2,`), errReader{}))
	req.Header.Set("Content-Type", "application/json")
	api.Handler().ServeHTTP(rec, req)
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "body") {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset by peer") }

// Many clients at once, valid and invalid requests mixed: every one gets
// its own right answer (the handler shares no state between requests).
func TestAPIConcurrentMixed(t *testing.T) {
	ts := newServer(t)
	cases := apiCases()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range len(cases) {
				c := cases[(i+w)%len(cases)]
				res, err := ts.Client().Do(c.request(ts.URL))
				if err != nil {
					mu.Lock()
					failures = append(failures, c.name+": "+err.Error())
					mu.Unlock()
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				// A valid trace may find every slot taken: 503, retry.
				busy := c.status == http.StatusOK && res.StatusCode == http.StatusServiceUnavailable && res.Header.Get("Retry-After") != ""
				if res.StatusCode != c.status && !busy {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%s: %d", c.name, res.StatusCode))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d failures, e.g. %v", len(failures), failures[:min(5, len(failures))])
	}
}
