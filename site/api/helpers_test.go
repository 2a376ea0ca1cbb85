package api

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
)

// serve runs one request through Handler, with Content-Type
// application/json when it has a body.
func serve(t testing.TB, method, target string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	ct := ""
	if body != nil {
		ct = "application/json"
	}
	return serveWith(t, method, target, body, ct)
}

// postTrace posts body to /api/trace.
func postTrace(t testing.TB, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	return serve(t, http.MethodPost, TracePath, bytes.NewReader(body))
}

// exampleBody is the request of docs/api.md.
func exampleBody(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// exampleWith returns the example request as JSON after edit changed its
// decoded form.
func exampleWith(t testing.TB, edit func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(exampleBody(t), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// filled returns a rows×cols matrix of v.
func filled(rows, cols int, v float64) [][]float64 {
	out := make([][]float64, rows)
	for i := range out {
		out[i] = make([]float64, cols)
		for j := range out[i] {
			out[i][j] = v
		}
	}
	return out
}

// checkHeaders checks what every response carries: JSON content type,
// Cache-Control, the API's CSP, nosniff and a Content-Length that matches
// the body.
func checkHeaders(t testing.TB, rec *httptest.ResponseRecorder, cache string) {
	t.Helper()
	h := rec.Header()
	if got := h.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := h.Get("Cache-Control"); got != cache {
		t.Errorf("Cache-Control = %q, want %q", got, cache)
	}
	if got := h.Get("Content-Security-Policy"); got != "default-src 'none'; frame-ancestors 'none'" {
		t.Errorf("Content-Security-Policy = %q", got)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", got)
	}
	if got, want := h.Get("Content-Length"), strconv.Itoa(rec.Body.Len()); got != want {
		t.Errorf("Content-Length = %q, body has %s bytes", got, want)
	}
}

// errorOf checks that rec holds exactly {"error": "<non-empty>"} and returns
// the message.
func errorOf(t testing.TB, rec *httptest.ResponseRecorder) string {
	t.Helper()
	checkHeaders(t, rec, noStore)
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("error body %q is not JSON: %v", rec.Body, err)
	}
	msg, ok := m["error"].(string)
	if !ok || msg == "" || len(m) != 1 {
		t.Fatalf("error body %s is not {\"error\": \"...\"}", rec.Body)
	}
	return msg
}

// serveWith runs one request with the given Content-Type header (none when
// empty).
func serveWith(t testing.TB, method, target string, body io.Reader, contentType string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	return rec
}
