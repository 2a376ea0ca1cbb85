//go:build delivery

// Delivery tests (make test-delivery, which builds what they check first):
// the built site dist/ served by the native server passes a header check and
// runs in Chromium with no CSP violation; the offline file, copied alone to
// an empty folder, runs from file:// with every other request failed; the
// lesson embedded with ?embed=1 in a sandboxed iframe of a page of another
// origin posts its height.

package e2e

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	cdpfetch "github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"nnstep/site/api"
	"nnstep/site/headless"
	"nnstep/site/server"
)

// deliveryRoot is the repository root.
func deliveryRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// deliveryDist is the site `make site` built.
func deliveryDist(t *testing.T) string {
	t.Helper()
	dist := filepath.Join(deliveryRoot(), "dist")
	if _, err := os.Stat(filepath.Join(dist, "index.html")); err != nil {
		t.Fatalf("%v: run make site first (make test-delivery does)", err)
	}
	return dist
}

// deliveryServer serves dir as `make serve` does, with the policy.
func deliveryServer(t *testing.T, dir string, policy server.Policy) *httptest.Server {
	t.Helper()
	srv, err := server.NewDir(dir, server.Options{Policy: policy, API: api.Handler()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// publishedFiles lists the files of a built site that are served under
// their own name.
func publishedFiles(t *testing.T, dist string) []string {
	t.Helper()
	var all []string
	err := filepath.WalkDir(dist, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dist, p)
		all = append(all, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range all {
		if server.Served(n, func(s string) bool { return slices.Contains(all, s) }) {
			out = append(out, n)
		}
	}
	return out
}

func deliveryGet(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return deliveryDo(t, "GET", url, header...)
}

func deliveryDo(t *testing.T, method, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// A transport of its own: the default one would ask for gzip and
	// decode it silently.
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	res, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// TestDeliveryHeaders checks every published file of dist/ as the native
// server sends it.
func TestDeliveryHeaders(t *testing.T) {
	dist := deliveryDist(t)
	const fa = "'self' https://moodle.example.edu"
	ts := deliveryServer(t, dist, server.Policy{FrameAncestors: fa})
	files := publishedFiles(t, dist)
	kinds := map[string]int{}
	for _, name := range files {
		ext := filepath.Ext(name)
		kinds[ext]++
		want, err := os.ReadFile(filepath.Join(dist, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		res, body := deliveryGet(t, ts.URL+"/"+name)
		if res.StatusCode != 200 || !bytes.Equal(body, want) {
			t.Errorf("GET /%s: status %d, %d bytes (want %d)", name, res.StatusCode, len(body), len(want))
			continue
		}
		ctype := res.Header.Get("Content-Type")
		wantType := map[string]string{
			".wasm": "application/wasm", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
			".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8",
		}[ext]
		if wantType != "" && ctype != wantType {
			t.Errorf("/%s: Content-Type %q, want %q", name, ctype, wantType)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval'") || !strings.HasSuffix(csp, "frame-ancestors "+fa) {
			t.Errorf("/%s: CSP %q", name, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("X-Frame-Options") != "" {
			t.Errorf("/%s: nosniff %q, X-Frame-Options %q", name, res.Header.Get("X-Content-Type-Options"), res.Header.Get("X-Frame-Options"))
		}
		cc := res.Header.Get("Cache-Control")
		switch {
		case ext == ".html" && cc != "no-cache":
			t.Errorf("/%s: Cache-Control %q, want no-cache", name, cc)
		case (ext == ".wasm" || ext == ".css" || strings.HasPrefix(name, "js/") || strings.HasPrefix(name, "chunks/")) &&
			cc != "public, max-age=31536000, immutable":
			t.Errorf("/%s: Cache-Control %q, want a year, immutable (content-hashed name)", name, cc)
		}
		tag := res.Header.Get("ETag")
		if tag == "" {
			t.Errorf("/%s: no ETag", name)
			continue
		}
		if res, _ := deliveryGet(t, ts.URL+"/"+name, "If-None-Match", tag); res.StatusCode != http.StatusNotModified {
			t.Errorf("/%s If-None-Match %s: status %d, want 304", name, tag, res.StatusCode)
		}
		if res, body := deliveryDo(t, "HEAD", ts.URL+"/"+name); res.StatusCode != 200 || len(body) != 0 ||
			res.Header.Get("Content-Length") != fmt.Sprint(len(want)) {
			t.Errorf("HEAD /%s: %d, %d bytes, Content-Length %q", name, res.StatusCode, len(body), res.Header.Get("Content-Length"))
		}
		// Precompressed copies, when the build wrote them.
		for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if _, err := os.Stat(filepath.Join(dist, filepath.FromSlash(name+enc.ext))); err != nil {
				if ext == ".wasm" || ext == ".js" && len(want) > 4096 {
					t.Errorf("/%s has no %s copy", name, enc.ext)
				}
				continue
			}
			res, body := deliveryGet(t, ts.URL+"/"+name, "Accept-Encoding", "gzip, deflate, "+enc.token)
			if enc.token == "gzip" {
				res, body = deliveryGet(t, ts.URL+"/"+name, "Accept-Encoding", "gzip, deflate")
			}
			if res.Header.Get("Content-Encoding") != enc.token || res.Header.Get("Vary") != "Accept-Encoding" ||
				res.Header.Get("Content-Type") != ctype {
				t.Errorf("/%s with %s: Content-Encoding %q, Vary %q, Content-Type %q", name, enc.token,
					res.Header.Get("Content-Encoding"), res.Header.Get("Vary"), res.Header.Get("Content-Type"))
				continue
			}
			var r io.Reader = brotli.NewReader(bytes.NewReader(body))
			if enc.token == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				r = zr
			}
			plain, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(plain, want) {
				t.Errorf("/%s with %s: the body does not decode to the file (%v)", name, enc.token, err)
			}
			if ext == ".wasm" {
				t.Logf("/%s: %d bytes, %s %d bytes", name, len(want), enc.token, len(body))
			}
		}
	}
	for _, ext := range []string{".html", ".js", ".css", ".wasm"} {
		if kinds[ext] == 0 {
			t.Errorf("dist/ holds no %s file", ext)
		}
	}

	// The site's 404 page, 405 with Allow, no escape from dist/ (whose
	// parent folder is the repository, with go.mod in it).
	notFound, _ := os.ReadFile(filepath.Join(dist, "404.html"))
	res, body := deliveryGet(t, ts.URL+"/no/such/page")
	if res.StatusCode != 404 || !bytes.Equal(body, notFound) || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET /no/such/page: %d, 404.html served: %v", res.StatusCode, bytes.Equal(body, notFound))
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		res, _ := deliveryDo(t, m, ts.URL+"/")
		if res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d, Allow %q", m, res.StatusCode, res.Header.Get("Allow"))
		}
	}
	abs := filepath.ToSlash(deliveryRoot())
	for _, target := range []string{"/../go.mod", "/%2e%2e/go.mod", "/%2E%2E%2fgo.mod", "/js/../../go.mod",
		"/..%5cgo.mod", "//go.mod", abs + "/go.mod", "/" + abs + "/go.mod", "http://x/../go.mod"} {
		status, body := deliveryRaw(t, ts.Listener.Addr().String(), target)
		if status == 200 || strings.Contains(body, "module nnstep") {
			t.Errorf("GET %s: status %d, escaped dist/: %v", target, status, strings.Contains(body, "module nnstep"))
		}
	}

	// _headers says the same to Cloudflare.
	headers, err := os.ReadFile(filepath.Join(dist, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(headers, []byte("'wasm-unsafe-eval'")) || !bytes.Contains(headers, []byte("X-Content-Type-Options: nosniff")) ||
		bytes.Contains(bytes.ToLower(headers), []byte("x-frame-options")) {
		t.Errorf("dist/_headers:\n%s", headers)
	}
	t.Logf("%d published files checked: %v", len(files), kinds)
}

// deliveryRaw sends a raw request line, so that no client cleans the path.
func deliveryRaw(t *testing.T, addr, target string) (int, string) {
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

// deliveryBrowser starts Chromium with the flags of docs/browsers.md
// and returns a tab's context. The test skips only when no Chromium is
// installed (scripts/deps.sh installs it).
func deliveryBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx, stop, err := headless.Start(context.Background())
	if errors.Is(err, headless.ErrNoChromium) {
		t.Skip("no Chromium: browser test skipped (scripts/deps.sh installs it)")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return ctx
}

// deliveryEval evaluates expr in the tab, awaiting a promise, and returns
// its value.
func deliveryEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// deliveryWait polls the JS condition every 100 ms until it holds or the
// context of the test ends.
func deliveryWait(t *testing.T, ctx context.Context, cond, what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(100*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

// deliveryShot saves a screenshot of the tab to build/screenshots/name.
func deliveryShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	dir := filepath.Join(deliveryRoot(), "build", "screenshots")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Error(err)
	}
}

// watchCSP records the page's Content-Security-Policy violations in
// window.__cspViolations, from the first script of every document.
func watchCSP(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));`,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDeliverySiteRuns opens the built site served natively: the module
// becomes ready, every section is there, the stage draws, and nothing breaks
// the CSP or fails to load.
func TestDeliverySiteRuns(t *testing.T) {
	dist := deliveryDist(t)
	ts := deliveryServer(t, dist, server.Policy{})
	ctx := deliveryBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	watchCSP(t, ctx)
	var mu sync.Mutex
	var failed []string
	responses := chromedp.Events(ctx, network.ResponseReceived)
	go func() {
		for ev, err := range responses {
			if err != nil {
				return
			}
			if ev.Response.Status >= 400 {
				mu.Lock()
				failed = append(failed, fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.URL))
				mu.Unlock()
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lang=en")); err != nil {
		t.Fatal(err)
	}
	deliveryEval[chromedp.Void](t, ctx, `nnstep.ready.then(() => undefined)`)
	// js/lesson.js renders the sections on its own schedule.
	deliveryWait(t, ctx, `document.querySelectorAll("section[data-section]").length === 10`, "the ten sections")
	deliveryWait(t, ctx, `nnstep.stats().frames > 2`, "stage frames")
	if v := deliveryEval[[]string](t, ctx, `window.__cspViolations`); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	deliveryShot(t, ctx, "delivery-site.png")
	mu.Lock()
	defer mu.Unlock()
	if len(failed) > 0 {
		t.Errorf("failed requests: %v", failed)
	}
}

// TestDeliveryOffline opens the offline file, copied alone to an empty
// folder, from file:// while every request that is not for a file:, data:
// or blob: URL is failed: the page renders, the module becomes ready, the
// step-through and training run, and the page asked the network for
// nothing.
func TestDeliveryOffline(t *testing.T) {
	src := filepath.Join(deliveryDist(t), "nnstep-offline.html")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatalf("%v: run make offline first (make test-delivery does)", err)
	}
	file := filepath.Join(t.TempDir(), "nnstep-offline.html")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("offline file: %d bytes", len(data))

	ctx := deliveryBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	watchCSP(t, ctx)
	var mu sync.Mutex
	var blocked, allowed []string
	paused := chromedp.Events(ctx, cdpfetch.RequestPaused)
	if _, err := chromedp.Call(ctx, cdpfetch.Enable, cdpfetch.EnableParams{Patterns: []*cdpfetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			u := ev.Request.URL
			local := strings.HasPrefix(u, "file:") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
			mu.Lock()
			if local {
				allowed = append(allowed, u)
			} else {
				blocked = append(blocked, u)
			}
			mu.Unlock()
			if local {
				chromedp.Call(ctx, cdpfetch.ContinueRequest, cdpfetch.ContinueRequestParams{RequestID: ev.RequestID})
			} else {
				chromedp.Call(ctx, cdpfetch.FailRequest, cdpfetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonInternetDisconnected})
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(file)+"?lang=en")); err != nil {
		t.Fatal(err)
	}
	deliveryEval[chromedp.Void](t, ctx, `nnstep.ready.then(() => undefined)`)
	// js/lesson.js renders the sections on its own schedule.
	deliveryWait(t, ctx, `document.querySelectorAll("section[data-section]").length === 10`, "the ten sections")
	// The stage module starts after nnstep.ready (docs/frontend.md, "Two modules").
	deliveryWait(t, ctx, `nnstep.stats().frames > 0 && !!document.querySelector("#stage canvas")`, "the stage drawing in #stage")
	// Formulas are typeset (KaTeX's MathML).
	deliveryWait(t, ctx, `document.querySelectorAll("math").length > 0`, "a typeset formula")
	// Step-through: the trace has ops and stepTo moves to one.
	nOps := deliveryEval[int](t, ctx, `nnstep.trace().ops.length`)
	if nOps < 5 {
		t.Fatalf("trace has %d ops", nOps)
	}
	k := nOps / 2
	deliveryEval[chromedp.Void](t, ctx, fmt.Sprintf(`(nnstep.stepTo(%d), undefined)`, k))
	if got := deliveryEval[int](t, ctx, `nnstep.state().step ?? -1`); got != k {
		t.Errorf("after stepTo(%d), state().step = %d", k, got)
	}
	// Training runs.
	deliveryEval[chromedp.Void](t, ctx, `(nnstep.play(), undefined)`)
	deliveryWait(t, ctx, `nnstep.stats().epoch >= 3`, "three training epochs")
	// Training runs in a Worker here too (made from a Blob; docs/frontend.md,
	// "Training in a Worker").
	deliveryWait(t, ctx, `nnstep.stats().trainer === "worker"`, "the training Worker")
	e0 := deliveryEval[int](t, ctx, `nnstep.stats().epoch`)
	deliveryWait(t, ctx, fmt.Sprintf(`nnstep.stats().epoch > %d`, e0), "an epoch trained by the Worker")
	deliveryEval[chromedp.Void](t, ctx, `(nnstep.pause(), undefined)`)
	if v := deliveryEval[[]string](t, ctx, `window.__cspViolations`); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	deliveryShot(t, ctx, "delivery-offline.png")
	mu.Lock()
	defer mu.Unlock()
	if len(blocked) > 0 {
		t.Errorf("the offline page asked the network for %v", blocked)
	}
	for _, u := range allowed {
		if strings.HasPrefix(u, "file:") && !strings.HasSuffix(strings.SplitN(u, "?", 2)[0], "/nnstep-offline.html") {
			t.Errorf("the offline page loaded another file: %s", u)
		}
	}
}

// EmbedSnippet is the parent-page code docs/delivery.md gives course
// platforms; the iframe test runs it as written there.
const EmbedSnippet = `<iframe id="nnstep" title="nnstep"
  src="NNSTEP_URL/?embed=1&section=forward&lang=fr"
  sandbox="allow-scripts allow-same-origin"
  style="width: 100%; height: 600px; border: 0"></iframe>
<script>
  window.addEventListener("message", function (e) {
    var frame = document.getElementById("nnstep");
    if (e.source !== frame.contentWindow) return;
    if (!e.data || e.data.type !== "nnstep:height") return;
    frame.style.height = Math.ceil(e.data.height) + "px";
  });
</script>`

// TestDeliveryIframe embeds the lesson, served natively on one loopback
// port, in a sandboxed iframe of a page served on another port (another
// origin), with the snippet of docs/delivery.md: the lesson posts
// {type: "nnstep:height", height} and the parent sizes the frame.
func TestDeliveryIframe(t *testing.T) {
	dist := deliveryDist(t)
	lesson := deliveryServer(t, dist, server.Policy{})
	parentHTML := `<!doctype html><html><head><meta charset="utf-8"><title>LMS</title></head><body>
<h1>Course page</h1>
<script>
  window.heights = [];
  window.addEventListener("message", function (e) {
    if (e.data && e.data.type === "nnstep:height" && e.origin === "` + lesson.URL + `") window.heights.push(e.data.height);
  });
</script>
` + strings.ReplaceAll(EmbedSnippet, "NNSTEP_URL", lesson.URL) + `
</body></html>`
	parent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, parentHTML)
	}))
	defer parent.Close()
	if parent.URL == lesson.URL {
		t.Fatal("same origin")
	}
	ctx := deliveryBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(parent.URL+"/")); err != nil {
		t.Fatal(err)
	}
	deliveryWait(t, ctx, `window.heights.length > 0`, "a height message from the iframe")
	deliveryWait(t, ctx, `document.getElementById("nnstep").style.height === Math.ceil(window.heights[window.heights.length-1]) + "px"`,
		"the parent sizing the iframe")
	h := deliveryEval[[]float64](t, ctx, `window.heights`)
	last := h[len(h)-1]
	if last < 100 || last > 20000 {
		t.Errorf("height %v px", last)
	}
	// The frame's document is of the other origin: the parent cannot read
	// it, the messages are the only channel.
	if deliveryEval[bool](t, ctx, `(() => { try { return !!document.getElementById("nnstep").contentDocument; } catch (e) { return false; } })()`) {
		t.Error("the parent reads the iframe's document: not another origin")
	}
	deliveryShot(t, ctx, "delivery-iframe.png")
	t.Logf("height messages: %v", h)
}
