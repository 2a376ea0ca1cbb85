package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// testSite writes a small site to a temporary directory and returns the
// directory. Beside it (outside the root) lies secret.txt, which no request
// may reach.
func testSite(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	root := filepath.Join(top, "site")
	files := map[string]string{
		"index.html":                        "<!doctype html><title>index</title>",
		"404.html":                          "<!doctype html><title>custom 404</title>",
		"js/main.0123456789.js":             "console.log('main')",
		"js/main.0123456789.js.br":          "BROTLI-BODY",
		"js/main.0123456789.js.gz":          gzipString(t, "console.log('main')"),
		"gen/lesson.abcdef0123.wasm":        "\x00asm\x01\x00\x00\x00",
		"css/base.css":                      "body{}",
		"docs/index.html":                   "<!doctype html><title>docs</title>",
		".hidden":                           "hidden",
		"_headers":                          "/*\n  X: y\n",
		"fonts/KaTeX_Main.5555555555.woff2": "wOF2",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(top, "secret.txt"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(top, "secret.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	return root
}

func gzipString(t *testing.T, s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func newTestServer(t *testing.T, policy Policy) *Server {
	t.Helper()
	s, _ := newTestServerIn(t, policy)
	return s
}

// newTestServerIn returns a server of testSite and the site's directory.
func newTestServerIn(t *testing.T, policy Policy) (*Server, string) {
	t.Helper()
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"api":%q,"method":%q}`, r.URL.Path, r.Method)
	})
	dir := testSite(t)
	s, err := NewDir(dir, Options{Policy: policy, API: api})
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func do(t *testing.T, h http.Handler, method, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestContentTypesAndCache(t *testing.T) {
	s := newTestServer(t, Policy{})
	cases := []struct {
		path, ctype, cache string
	}{
		{"/", "text/html; charset=utf-8", "no-cache"},
		{"/index.html", "text/html; charset=utf-8", "no-cache"},
		{"/docs/", "text/html; charset=utf-8", "no-cache"},
		{"/js/main.0123456789.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/gen/lesson.abcdef0123.wasm", "application/wasm", "public, max-age=31536000, immutable"},
		{"/css/base.css", "text/css; charset=utf-8", "no-cache"},
		{"/fonts/KaTeX_Main.5555555555.woff2", "font/woff2", "public, max-age=31536000, immutable"},
	}
	for _, c := range cases {
		res := do(t, s, "GET", c.path)
		if res.StatusCode != 200 {
			t.Errorf("GET %s: status %d", c.path, res.StatusCode)
			continue
		}
		if got := res.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		if got := res.Header.Get("Cache-Control"); got != c.cache {
			t.Errorf("GET %s: Cache-Control %q, want %q", c.path, got, c.cache)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", c.path, got)
		}
		if got := res.Header.Get("X-Frame-Options"); got != "" {
			t.Errorf("GET %s: X-Frame-Options %q must not be sent", c.path, got)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "'wasm-unsafe-eval'") || !strings.Contains(csp, "frame-ancestors *") {
			t.Errorf("GET %s: CSP %q", c.path, csp)
		}
	}
}

func TestCSPHasNoOtherOrigin(t *testing.T) {
	csp := Policy{}.CSP()
	for _, directive := range strings.Split(csp, ";") {
		fields := strings.Fields(directive)
		if len(fields) == 0 {
			t.Fatalf("empty directive in %q", csp)
		}
		if fields[0] == "frame-ancestors" {
			continue
		}
		for _, src := range fields[1:] {
			switch src {
			case "'self'", "'none'", "'wasm-unsafe-eval'", "'unsafe-inline'", "data:", "blob:":
			default:
				t.Errorf("directive %q allows %q: the page must fetch nothing from another origin", fields[0], src)
			}
		}
	}
	if strings.Contains(csp, "'unsafe-eval'") {
		t.Errorf("CSP %q allows eval", csp)
	}
}

func TestFrameAncestorsConfigurable(t *testing.T) {
	s := newTestServer(t, Policy{FrameAncestors: "'self'  https://moodle.example.edu"})
	res := do(t, s, "GET", "/")
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.HasSuffix(csp, "; frame-ancestors 'self' https://moodle.example.edu") {
		t.Errorf("CSP %q", csp)
	}
	for _, bad := range []string{"*; script-src *", "a,b", "x\ny"} {
		if _, err := New(fstest.MapFS{}, Options{Policy: Policy{FrameAncestors: bad}}); err == nil {
			t.Errorf("frame-ancestors %q accepted", bad)
		}
	}
}

func TestETagAnd304(t *testing.T) {
	s := newTestServer(t, Policy{})
	for _, p := range []string{"/", "/gen/lesson.abcdef0123.wasm", "/js/main.0123456789.js"} {
		res := do(t, s, "GET", p)
		tag := res.Header.Get("ETag")
		if len(tag) != 34 || tag[0] != '"' {
			t.Fatalf("GET %s: ETag %q", p, tag)
		}
		res = do(t, s, "GET", p, "If-None-Match", tag)
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s If-None-Match %s: status %d, want 304", p, tag, res.StatusCode)
		}
		if b := body(t, res); b != "" {
			t.Errorf("304 with a body %q", b)
		}
		res = do(t, s, "GET", p, "If-None-Match", `W/`+tag+`, "other"`)
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s weak If-None-Match in a list: status %d, want 304", p, res.StatusCode)
		}
		res = do(t, s, "GET", p, "If-None-Match", `"0000"`)
		if res.StatusCode != 200 {
			t.Errorf("GET %s stale If-None-Match: status %d, want 200", p, res.StatusCode)
		}
	}
	// Each representation has its own tag.
	plain := do(t, s, "GET", "/js/main.0123456789.js").Header.Get("ETag")
	br := do(t, s, "GET", "/js/main.0123456789.js", "Accept-Encoding", "br").Header.Get("ETag")
	gz := do(t, s, "GET", "/js/main.0123456789.js", "Accept-Encoding", "gzip").Header.Get("ETag")
	if plain == br || plain == gz || br == gz {
		t.Errorf("representations share an ETag: identity %s, br %s, gzip %s", plain, br, gz)
	}
}

func TestPrecompressed(t *testing.T) {
	s := newTestServer(t, Policy{})
	const p = "/js/main.0123456789.js"
	cases := []struct {
		accept, enc, body string
	}{
		{"", "", "console.log('main')"},
		{"identity", "", "console.log('main')"},
		{"br", "br", "BROTLI-BODY"},
		{"gzip, deflate, br, zstd", "br", "BROTLI-BODY"},
		{"gzip", "gzip", gzipString(t, "console.log('main')")},
		{"br;q=0, gzip", "gzip", gzipString(t, "console.log('main')")},
		{"*", "br", "BROTLI-BODY"},
		{"*;q=0", "", "console.log('main')"},
		{"BR;q=0.5", "br", "BROTLI-BODY"},
		{"gzip;q=0.5, br;q=0.1", "gzip", gzipString(t, "console.log('main')")},
		{"br;q=0.5, gzip;q=0.5", "br", "BROTLI-BODY"},
		{"gzip;q=0.9, *;q=0.1", "gzip", gzipString(t, "console.log('main')")},
		{"br;q=0.3, identity", "", "console.log('main')"},
		{"br, identity;q=0.5", "br", "BROTLI-BODY"},
		{"x-gzip", "gzip", gzipString(t, "console.log('main')")},
	}
	for _, c := range cases {
		var res *http.Response
		if c.accept == "" {
			res = do(t, s, "GET", p)
		} else {
			res = do(t, s, "GET", p, "Accept-Encoding", c.accept)
		}
		if got := res.Header.Get("Content-Encoding"); got != c.enc {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.accept, got, c.enc)
		}
		if got := res.Header.Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: Vary %q", c.accept, got)
		}
		if got := res.Header.Get("Content-Type"); got != "text/javascript; charset=utf-8" {
			t.Errorf("Accept-Encoding %q: Content-Type %q", c.accept, got)
		}
		if got := body(t, res); got != c.body {
			t.Errorf("Accept-Encoding %q: body %q, want %q", c.accept, got, c.body)
		}
	}
	// Accept-Encoding split over several field lines, as the Workers
	// runtime passes it on.
	res := do(t, s, "GET", p, "Accept-Encoding", "gzip", "Accept-Encoding", " br")
	if got := res.Header.Get("Content-Encoding"); got != "br" {
		t.Errorf("split Accept-Encoding: Content-Encoding %q, want br", got)
	}
	// A file with no sibling does not vary.
	res = do(t, s, "GET", "/css/base.css", "Accept-Encoding", "br")
	if res.Header.Get("Vary") != "" || res.Header.Get("Content-Encoding") != "" {
		t.Errorf("css without siblings: Vary %q, Content-Encoding %q", res.Header.Get("Vary"), res.Header.Get("Content-Encoding"))
	}
	// The siblings are not published under their own names.
	for _, q := range []string{p + ".br", p + ".gz"} {
		if res := do(t, s, "GET", q); res.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 404", q, res.StatusCode)
		}
	}
}

func TestHead(t *testing.T) {
	s := newTestServer(t, Policy{})
	res := do(t, s, "HEAD", "/gen/lesson.abcdef0123.wasm")
	if res.StatusCode != 200 || res.Header.Get("Content-Length") != "8" || res.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("HEAD: %d, Content-Length %q, Content-Type %q", res.StatusCode, res.Header.Get("Content-Length"), res.Header.Get("Content-Type"))
	}
	if b := body(t, res); b != "" {
		t.Errorf("HEAD with a body %q", b)
	}
	res = do(t, s, "HEAD", "/nope")
	if res.StatusCode != 404 || body(t, res) != "" {
		t.Errorf("HEAD /nope: %d", res.StatusCode)
	}
}

func TestNotFound(t *testing.T) {
	s := newTestServer(t, Policy{})
	for _, p := range []string{"/nope", "/js/nope.js", "/.hidden", "/_headers", "/index.html/", "/js/main.0123456789.js/"} {
		res := do(t, s, "GET", p)
		if res.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 404", p, res.StatusCode)
			continue
		}
		if b := body(t, res); !strings.Contains(b, "custom 404") {
			t.Errorf("GET %s: body %q is not the site's 404.html", p, b)
		}
		if res.Header.Get("Content-Type") != "text/html; charset=utf-8" || res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: headers %v", p, res.Header)
		}
	}
	// Without a 404.html, a built-in page.
	s2, err := New(fstest.MapFS{"index.html": {Data: []byte("x")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := do(t, s2, "GET", "/nope")
	if res.StatusCode != 404 || !strings.Contains(body(t, res), "404") {
		t.Errorf("built-in 404: status %d", res.StatusCode)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := newTestServer(t, Policy{})
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		for _, p := range []string{"/", "/js/main.0123456789.js", "/nope"} {
			res := do(t, s, m, p)
			if res.StatusCode != 405 {
				t.Errorf("%s %s: status %d, want 405", m, p, res.StatusCode)
			}
			if got := res.Header.Get("Allow"); got != "GET, HEAD" {
				t.Errorf("%s %s: Allow %q", m, p, got)
			}
		}
	}
}

func TestDirectoryRedirect(t *testing.T) {
	s := newTestServer(t, Policy{})
	res := do(t, s, "GET", "/docs?lang=en")
	if res.StatusCode != 301 || res.Header.Get("Location") != "/docs/?lang=en" {
		t.Errorf("GET /docs: %d Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	// A directory without index.html is not listed.
	res = do(t, s, "GET", "/js/")
	if res.StatusCode != 404 {
		t.Errorf("GET /js/: status %d, want 404", res.StatusCode)
	}
}

func TestAPIMounted(t *testing.T) {
	s := newTestServer(t, Policy{})
	res := do(t, s, "POST", "/api/trace")
	if res.StatusCode != 200 || body(t, res) != `{"api":"/api/trace","method":"POST"}` {
		t.Errorf("POST /api/trace did not reach the API: %d", res.StatusCode)
	}
	res = do(t, s, "GET", "/apix")
	if res.StatusCode != 404 {
		t.Errorf("GET /apix: status %d, want the static 404", res.StatusCode)
	}
}

// TestNoEscape sends raw request lines, so that no client cleans the path
// first, to a real listener.
func TestNoEscape(t *testing.T) {
	s, dir := newTestServerIn(t, Policy{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	targets := []string{
		"/../secret.txt",
		"/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/..%2fsecret.txt",
		"/%2e%2e%2fsecret.txt",
		"/js/../../secret.txt",
		"/js/%2e%2e/%2e%2e/secret.txt",
		"/..\\secret.txt",
		"/%5c..%5csecret.txt",
		"//secret.txt",
		"http://example.com/../secret.txt",
		"/link.txt",
		"/%00/secret.txt",
	}
	// Absolute file system paths, written as URL paths.
	top := filepath.ToSlash(filepath.Dir(dir))
	targets = append(targets, "/"+top+"/secret.txt", "//"+strings.TrimPrefix(top, "/")+"/secret.txt")
	for _, target := range targets {
		status, b := rawGet(t, ts.Listener.Addr().String(), target)
		if strings.Contains(b, "SECRET") {
			t.Errorf("GET %s: served a file outside the root (status %d)", target, status)
		}
		if status == 200 {
			t.Errorf("GET %s: status 200", target)
		}
	}
}

func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
