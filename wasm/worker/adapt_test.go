package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// workerRequest builds a request the way github.com/syumai/workers hands it
// to Go: absolute URL, no protocol, every header split on its commas.
func workerRequest(method, rawURL, body string, header map[string]string) *http.Request {
	u, _ := url.Parse(rawURL)
	h := http.Header{}
	for k, v := range header {
		for _, piece := range strings.Split(v, ",") {
			h.Add(k, piece)
		}
	}
	r := &http.Request{
		Method:           method,
		URL:              u,
		Header:           h,
		Body:             io.NopCloser(strings.NewReader(body)),
		TransferEncoding: strings.Split(h.Get("Transfer-Encoding"), ","),
		Host:             h.Get("Host"),
	}
	return r
}

func TestNormalize(t *testing.T) {
	var got *http.Request
	h := adapt(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r }))
	r := workerRequest("POST", "https://nnstep.example.org/api/dataset?name=moons&n=4", "{}", map[string]string{
		"Accept-Encoding": "gzip, deflate, br",
		"Host":            "nnstep.example.org",
		"If-None-Match":   `"a", "b"`,
	})
	h.ServeHTTP(httptest.NewRecorder(), r)
	if got.URL.IsAbs() || got.URL.String() != "/api/dataset?name=moons&n=4" || got.RequestURI != "/api/dataset?name=moons&n=4" {
		t.Errorf("URL %q, RequestURI %q", got.URL, got.RequestURI)
	}
	if got.Host != "nnstep.example.org" || got.Proto != "HTTP/1.1" || got.ProtoMajor != 1 {
		t.Errorf("Host %q, Proto %q", got.Host, got.Proto)
	}
	if v := got.Header.Values("Accept-Encoding"); len(v) != 1 || v[0] != "gzip, deflate, br" {
		t.Errorf("Accept-Encoding %q", v)
	}
	if v := got.Header.Get("If-None-Match"); v != `"a", "b"` {
		t.Errorf("If-None-Match %q", v)
	}
	if got.TransferEncoding != nil || got.ContentLength != -1 {
		t.Errorf("TransferEncoding %q, ContentLength %d", got.TransferEncoding, got.ContentLength)
	}
	if q := got.URL.Query(); q.Get("name") != "moons" || q.Get("n") != "4" {
		t.Errorf("query %v", q)
	}
}

func TestHeadDropsContentLength(t *testing.T) {
	h := adapt(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "5")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "hello")
	}))
	for _, m := range []string{"HEAD", "GET"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, workerRequest(m, "https://x/api/dataset", "", nil))
		cl := w.Header().Get("Content-Length")
		if m == "HEAD" && (cl != "" || w.Body.Len() != 0) {
			t.Errorf("HEAD: Content-Length %q, body %q", cl, w.Body.String())
		}
		if m == "GET" && (cl != "5" || w.Body.String() != "hello") {
			t.Errorf("GET: Content-Length %q, body %q", cl, w.Body.String())
		}
	}
}

func TestPanicBecomes500(t *testing.T) {
	h := adapt(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, workerRequest("GET", "https://x/api/trace", "", nil))
	if w.Code != 500 || w.Body.String() != `{"error":"internal error"}` {
		t.Errorf("panic: %d %q", w.Code, w.Body.String())
	}
}
