package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/trace"
)

// countNumbers counts the numbers (and nulls, non-finite numbers) of a
// decoded JSON value, leaving out the ops' index and layer.
func countNumbers(v any, key string) int {
	switch v := v.(type) {
	case float64, nil:
		if key == "index" || key == "layer" || key == "first_non_finite" || key == "format" || key == "at" {
			return 0
		}
		return 1
	case []any:
		n := 0
		for _, e := range v {
			n += countNumbers(e, key)
		}
		return n
	case map[string]any:
		n := 0
		for k, e := range v {
			n += countNumbers(e, k)
		}
		return n
	}
	return 0
}

// TestTraceNumbersCountsTheAnswer runs traces of many shapes, losses and
// output activations and checks that TraceNumbers counts exactly the
// numbers of each answer.
func TestTraceNumbersCountsTheAnswer(t *testing.T) {
	cases := []struct {
		sizes []int
		acts  []string
		loss  string
	}{
		{[]int{1, 1}, []string{"identity"}, "mse"},
		{[]int{2, 3, 1}, []string{"relu", "sigmoid"}, "bce"},
		{[]int{2, 3, 1}, []string{"tanh", "sigmoid"}, "mse"},
		{[]int{3, 4, 5, 3}, []string{"tanh", "elu", "softmax"}, "cce"},
		{[]int{3, 4, 2}, []string{"tanh", "softmax"}, "mse"},
		{[]int{2, 5, 4, 3, 2}, []string{"tanh", "relu", "softplus", "identity"}, "mse"},
	}
	for _, c := range cases {
		net, err := nn.New(c.sizes, c.acts, c.loss)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []int{1, 2, 7} {
			x := mat.New(c.sizes[0], m)
			y := mat.New(c.sizes[len(c.sizes)-1], m)
			for j := range m {
				y.Set(0, j, 1)
			}
			out, err := json.Marshal(trace.Run(net, x, y, 0.1))
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(out, &v); err != nil {
				t.Fatal(err)
			}
			if got, want := TraceNumbers(net, m), countNumbers(v, ""); got != want {
				t.Errorf("%v %v %s, %d examples: TraceNumbers %d, the answer holds %d", c.sizes, c.acts, c.loss, m, got, want)
			}
		}
	}
}

// largestNetwork is 8 weight layers of 64 units, mse on an identity output
// (the shape with the most numbers per example).
func largestNetwork(t testing.TB) *nn.Network {
	sizes := []int{64}
	var acts []string
	for range 8 {
		sizes = append(sizes, 64)
		acts = append(acts, "tanh")
	}
	acts[7] = "identity"
	net, err := nn.New(sizes, acts, "mse")
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// largestBody is the request of the largest network on m examples.
func largestBody(t testing.TB, m int) []byte {
	net := largestNetwork(t)
	var W [][][]float64
	var b [][]float64
	for range 8 {
		W = append(W, filled(64, 64, 0.1))
		b = append(b, make([]float64, 64))
	}
	body, err := json.Marshal(map[string]any{"layers": net.Sizes, "activations": net.ActNames(), "loss": "mse",
		"W": W, "b": b, "X": filled(64, m, 0.5), "Y": filled(64, m, 0.25), "learning_rate": 0.1})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// largestExamples is the most examples the largest network takes.
func largestExamples(t testing.TB) int {
	net := largestNetwork(t)
	m := trace.MaxExamples
	for TraceNumbers(net, m) > MaxTraceNumbers {
		m--
	}
	return m
}

// TestTraceSizeLimit: a trace whose answer would hold more than
// MaxTraceNumbers numbers gets 413 naming the limit and the examples that
// fit, before anything is computed; the page's largest trace fits.
func TestTraceSizeLimit(t *testing.T) {
	m := largestExamples(t)
	if m != 174 {
		t.Errorf("the largest network takes %d examples; the documentation of MaxTraceNumbers says 174", m)
	}
	if n := TraceNumbers(largestNetwork(t), 64); n > MaxTraceNumbers || n > 240_000 {
		t.Errorf("the page's largest trace (64 examples) holds %d numbers", n)
	}
	for _, k := range []int{m + 1, trace.MaxExamples} {
		rec := postTrace(t, largestBody(t, k))
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("%d examples: status %d, want 413", k, rec.Code)
		}
		want := fmt.Sprintf("X: the trace of %d examples on this network would hold %d numbers, more than the %d an answer may hold; send at most %d examples",
			k, TraceNumbers(largestNetwork(t), k), MaxTraceNumbers, m)
		if msg := errorOf(t, rec); msg != want {
			t.Errorf("%d examples: message %q, want %q", k, msg, want)
		}
	}
	if testing.Short() {
		return
	}
	rec := postTrace(t, largestBody(t, m))
	if rec.Code != http.StatusOK {
		t.Fatalf("%d examples: status %d: %.200s", m, rec.Code, rec.Body)
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if n := countNumbers(v, ""); n > MaxTraceNumbers {
		t.Errorf("the largest allowed answer holds %d numbers", n)
	}
	t.Logf("largest allowed trace: %d examples, %d bytes of JSON", m, rec.Body.Len())
}

// TestTraceBusy: with every slot taken, a trace gets 503 with Retry-After
// and a JSON error before its body is read; a freed slot serves again.
func TestTraceBusy(t *testing.T) {
	h := newHandler(2, 3)
	post := func(body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, TracePath, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	big := largestBody(t, 100)
	busy := func(rec *httptest.ResponseRecorder, want string) {
		t.Helper()
		if rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("status %d, want 503", rec.Code)
		}
		if got := rec.Header().Get("Retry-After"); got != "1" {
			t.Errorf("Retry-After %q, want 1", got)
		}
		if msg := errorOf(t, rec); !strings.HasPrefix(msg, want) {
			t.Errorf("message %q, want %q", msg, want)
		}
	}
	// The large slots taken: a large trace waits, a small one runs.
	h.large <- struct{}{}
	h.large <- struct{}{}
	busy(post(big), "trace: the server is computing 2 traces of more than 16384 numbers")
	if rec := post(exampleBody(t)); rec.Code != http.StatusOK {
		t.Errorf("a small trace while the large slots are taken: status %d", rec.Code)
	}
	// The small slots taken too: nothing is read.
	for range 3 {
		h.small <- struct{}{}
	}
	busy(post(exampleBody(t)), "trace: the server is computing 3 traces of at most 16384 numbers")
	busy(post([]byte(`{"layers": [2,`)), "trace: the server is computing 3 traces of at most")
	// Slots freed: both run again and give their slot back.
	<-h.large
	<-h.small
	for _, body := range [][]byte{big, exampleBody(t)} {
		if rec := post(body); rec.Code != http.StatusOK || rec.Header().Get("Retry-After") != "" {
			t.Errorf("a slot free: status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
		}
	}
	if len(h.large) != 1 || len(h.small) != 2 {
		t.Errorf("%d large and %d small slots taken after the traces, want 1 and 2", len(h.large), len(h.small))
	}
}

// unread fails the test if the handler reads the body.
type unread struct{ t *testing.T }

func (u unread) Read([]byte) (int, error) {
	u.t.Error("the body was read")
	return 0, io.EOF
}

// TestTraceDeclaredTooLarge: a Content-Length over MaxBodyBytes, or a body
// that is not JSON, is refused before the body is read (so a client that
// sent Expect: 100-continue gets no 100 Continue).
func TestTraceDeclaredTooLarge(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, TracePath, unread{t})
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = 2 << 20
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", rec.Code)
	}
	if msg := errorOf(t, rec); msg != "body: larger than 1048576 bytes (1 MiB)" {
		t.Errorf("message %q", msg)
	}
	req = httptest.NewRequest(http.MethodPost, TracePath, unread{t})
	req.Header.Set("Content-Type", "text/plain")
	rec = httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusUnsupportedMediaType {
		t.Fatalf("text/plain: status %d, want 415", rec.Code)
	}
}

// writeSizes is a ResponseWriter that keeps the body and the size of each
// write the handler makes.
type writeSizes struct {
	httptest.ResponseRecorder
	writes []int
}

func (w *writeSizes) Write(b []byte) (int, error) {
	w.writes = append(w.writes, len(b))
	return w.ResponseRecorder.Write(b)
}

// TestTraceLargeIsStreamed: the answer of a trace of more than SmallTrace
// numbers reaches the ResponseWriter in pieces of at most 64 KiB, without
// a Content-Length, and is exactly the trace's JSON; a small one comes in
// one write with its Content-Length (TestTraceExample).
func TestTraceLargeIsStreamed(t *testing.T) {
	m := 300
	body, err := json.Marshal(map[string]any{"layers": []int{2, 64, 64, 1}, "activations": []string{"tanh", "tanh", "sigmoid"}, "loss": "bce",
		"W": [][][]float64{filled(64, 2, 0.1), filled(64, 64, 0.01), filled(1, 64, 0.1)}, "b": [][]float64{make([]float64, 64), make([]float64, 64), {0}},
		"X": filled(2, m, 0.5), "Y": filled(1, m, 1), "learning_rate": 0.1})
	if err != nil {
		t.Fatal(err)
	}
	w := &writeSizes{ResponseRecorder: *httptest.NewRecorder()}
	req := httptest.NewRequest(http.MethodPost, TracePath, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	Handler().ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %.200s", w.Code, w.Body)
	}
	if n := TraceNumbers(mustNet(t, []int{2, 64, 64, 1}, []string{"tanh", "tanh", "sigmoid"}, "bce"), m); n <= SmallTrace {
		t.Fatalf("the trace holds %d numbers, not more than SmallTrace", n)
	}
	if cl := w.Header().Get("Content-Length"); cl != "" {
		t.Errorf("a streamed answer has Content-Length %s", cl)
	}
	if len(w.writes) < 2 || slices.Max(w.writes) > 64<<10 {
		t.Errorf("%d writes of at most %d bytes for %d bytes; want pieces of at most 64 KiB", len(w.writes), slices.Max(w.writes), w.Body.Len())
	}
	if want := runDirect(t, body); !bytes.Equal(w.Body.Bytes(), want) {
		t.Errorf("the streamed answer differs from json.Marshal(trace.Run(...))")
	}
}

func mustNet(t *testing.T, sizes []int, acts []string, loss string) *nn.Network {
	t.Helper()
	net, err := nn.New(sizes, acts, loss)
	if err != nil {
		t.Fatal(err)
	}
	return net
}
