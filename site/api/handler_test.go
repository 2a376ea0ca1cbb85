package api

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMethodNotAllowed(t *testing.T) {
	cases := []struct {
		method, target, allow string
	}{
		{http.MethodGet, TracePath, "POST"},
		{http.MethodHead, TracePath, "POST"},
		{http.MethodPut, TracePath, "POST"},
		{http.MethodDelete, TracePath, "POST"},
		{http.MethodPatch, TracePath, "POST"},
		{http.MethodOptions, TracePath, "POST"},
		{http.MethodPost, DatasetPath + "?name=moons", "GET, HEAD"},
		{http.MethodPut, DatasetPath, "GET, HEAD"},
		{http.MethodDelete, DatasetPath, "GET, HEAD"},
	}
	for _, c := range cases {
		rec := serve(t, c.method, c.target, bytes.NewReader(exampleBody(t)))
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: status %d, want 405", c.method, c.target, rec.Code)
			continue
		}
		if got := rec.Header().Get("Allow"); got != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.target, got, c.allow)
		}
		if c.method == http.MethodHead {
			if rec.Body.Len() != 0 || rec.Header().Get("Content-Length") != "" {
				t.Errorf("HEAD %s: body %q, Content-Length %q", c.target, rec.Body, rec.Header().Get("Content-Length"))
			}
			continue
		}
		if msg := errorOf(t, rec); !strings.HasPrefix(msg, "method: "+c.method) {
			t.Errorf("%s %s: message %q", c.method, c.target, msg)
		}
	}
}

func TestNotFound(t *testing.T) {
	for _, path := range []string{"/api", "/api/", "/api/nope", "/api/trace/", "/api/Trace", "/api/dataset/x", "/"} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			rec := serve(t, method, path, strings.NewReader("{}"))
			if rec.Code != http.StatusNotFound {
				t.Errorf("%s %s: status %d, want 404", method, path, rec.Code)
				continue
			}
			if msg := errorOf(t, rec); !strings.HasPrefix(msg, "path: ") || !strings.Contains(msg, path) {
				t.Errorf("%s %s: message %q", method, path, msg)
			}
		}
	}
}

// TestWorkerRequest serves requests shaped as the Worker makes them: an
// absolute URL, no protocol version, headers split on commas.
func TestWorkerRequest(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "https://nnstep.example/api/trace", bytes.NewReader(exampleBody(t)))
	req.Proto, req.ProtoMajor, req.ProtoMinor = "", 0, 0
	req.Header["Accept-Encoding"] = []string{"gzip", " br"}
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("trace: status %d: %.200s", rec.Code, rec.Body)
	}
	req = httptest.NewRequest(http.MethodGet, "https://nnstep.example/api/dataset?name=xor&n=5", nil)
	req.Proto, req.ProtoMajor, req.ProtoMinor = "", 0, 0
	rec = httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"Y":[[`) {
		t.Fatalf("dataset: status %d: %.200s", rec.Code, rec.Body)
	}
}

func TestRecoverPanics(t *testing.T) {
	var logged []string
	defer func(f func(string, ...any)) { logf = f }(logf)
	logf = func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }

	h := recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		panic("boom")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, TracePath, nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	if msg := errorOf(t, rec); !strings.HasPrefix(msg, "internal error") {
		t.Errorf("message %q", msg)
	}
	if rec.Header().Get("Allow") != "" {
		t.Error("500 keeps the Allow header of the failed response")
	}

	// A panic after the response started: nothing more is written.
	h = recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"partial":`))
		panic("boom")
	}))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, TracePath, nil))
	if rec.Code != http.StatusOK || rec.Body.String() != `{"partial":` {
		t.Errorf("status %d, body %q", rec.Code, rec.Body)
	}
	if len(logged) != 2 || !strings.Contains(logged[0], "panic serving POST /api/trace: boom") {
		t.Errorf("logged %q", logged)
	}

	// http.ErrAbortHandler aborts the response on purpose: it goes on to
	// net/http, which closes the connection, and is not logged as a failure.
	h = recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	func() {
		defer func() {
			if v := recover(); v != http.ErrAbortHandler {
				t.Errorf("ErrAbortHandler became %v", v)
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, TracePath, nil))
	}()
	if len(logged) != 2 {
		t.Errorf("an abort was logged: %q", logged[2:])
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"abcdefghij", 10, "abcdefghij"},
		{"abcdefghijk", 10, "abcdefg…"},
		{"ééééé", 7, "éé…"}, {"ééééé", 6, "é…"}, // never cuts inside a character
	} {
		if got := truncate(c.s, c.n); got != c.want || len(got) > c.n {
			t.Errorf("truncate(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
