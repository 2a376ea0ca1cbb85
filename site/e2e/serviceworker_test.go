//go:build delivery

package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"nnstep/site/api"
	"nnstep/site/server"
)

// switchable serves one built site at a time, and can cut the network:
// then every request is dropped without an answer, as when the student's
// connection is gone, and its path is recorded.
type switchable struct {
	site atomic.Pointer[http.Handler]
	cut  atomic.Bool
	mu   sync.Mutex
	seen []string // paths asked for while the network was cut
}

func (s *switchable) serve(t *testing.T, dir string) {
	t.Helper()
	srv, err := server.NewDir(dir, server.Options{Policy: server.Policy{}, API: api.Handler()})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = srv
	s.site.Store(&h)
}

func (s *switchable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cut.Load() {
		s.mu.Lock()
		s.seen = append(s.seen, r.URL.Path)
		s.mu.Unlock()
		panic(http.ErrAbortHandler) // the connection closes with no answer
	}
	(*s.site.Load()).ServeHTTP(w, r)
}

// secondBuild builds site/web again, with one stylesheet changed, into a
// folder of its own: a new deployment.
func secondBuild(t *testing.T) string {
	t.Helper()
	root := deliveryRoot()
	src := filepath.Join(t.TempDir(), "web")
	if err := os.CopyFS(src, os.DirFS(filepath.Join(root, "site", "web"))); err != nil {
		t.Fatal(err)
	}
	css := filepath.Join(src, "css", "base.css")
	b, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(b, "\nhtml { --nnstep-build: second; }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist")
	cmd := exec.Command("go", "run", "./site/cmd/build", "site", "-src", src, "-out", out, "-brotli-quality", "1")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("second build: %v\n%s", err, b)
	}
	return out
}

// offline cuts the tab's network (and its service worker's) with
// Chromium's network emulation, or gives it back.
func offline(t *testing.T, ctx context.Context, cut bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	conds := []*network.Conditions{{Offline: cut, DownloadThroughput: -1, UploadThroughput: -1}}
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &cut,
		MatchedNetworkConditions:    conds,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDeliveryServiceWorker opens the built site once, then reloads it with
// the network cut: the service worker answers the page and its files from
// its cache, the module becomes ready and the stage draws, and no request
// but the browser's check of sw.js reaches the server. Then a second build
// with a changed stylesheet is deployed: the next visits install its
// worker, and once the old page is gone the new files are shown and the
// old cache is deleted.
func TestDeliveryServiceWorker(t *testing.T) {
	dist := deliveryDist(t)
	sw := &switchable{}
	sw.serve(t, dist)
	ts := httptest.NewServer(sw)
	t.Cleanup(ts.Close)
	second := make(chan string, 1)
	go func() { second <- secondBuild(t) }() // meanwhile

	ctx := deliveryBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	watchCSP(t, ctx)
	url := ts.URL + "/?lang=en"
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	deliveryEval[chromedp.Void](t, ctx, `nnstep.ready.then(() => undefined)`)
	deliveryWait(t, ctx, `nnstep.stats().frames > 2`, "stage frames")
	// The worker registers once the stage has started; it is active once
	// its cache holds every file.
	deliveryWait(t, ctx, `navigator.serviceWorker.getRegistration().then((r) => !!r && !!r.active && r.active.state === "activated")`, "an active service worker")
	first := deliveryEval[[]string](t, ctx, `caches.keys()`)
	if len(first) != 1 || !strings.HasPrefix(first[0], "nnstep-") {
		t.Fatalf("caches after the first visit: %v", first)
	}

	// The network cut, both in the browser and at the server.
	sw.cut.Store(true)
	offline(t, ctx, true)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	deliveryWait(t, ctx, `!!window.nnstep && !!navigator.serviceWorker.controller`, "the page from the cache")
	deliveryEval[chromedp.Void](t, ctx, `nnstep.ready.then(() => undefined)`)
	deliveryWait(t, ctx, `document.querySelectorAll("section[data-section]").length === 10`, "the ten sections")
	deliveryWait(t, ctx, `nnstep.stats().frames > 2`, "stage frames with the network cut")
	deliveryWait(t, ctx, `performance.getEntriesByName("nn-worker").length > 0`, "the training Worker with the network cut")
	if v := deliveryEval[[]string](t, ctx, `window.__cspViolations`); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	deliveryShot(t, ctx, "delivery-sw-offline.png")
	sw.mu.Lock()
	for _, p := range sw.seen {
		if p != "/sw.js" {
			t.Errorf("with the network cut, the page asked the server for %s", p)
		}
	}
	sw.mu.Unlock()

	// A new deployment.
	dist2 := <-second
	if t.Failed() {
		return
	}
	sw.serve(t, dist2)
	sw.cut.Store(false)
	offline(t, ctx, false)
	// The next visits in a new tab, whose service worker has never been
	// told the network was cut; the first tab leaves the page.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	const marker = `getComputedStyle(document.documentElement).getPropertyValue("--nnstep-build").trim()`
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	deliveryEval[chromedp.Void](t, ctx, `nnstep.ready.then(() => undefined)`)
	if got := deliveryEval[string](t, ctx, marker); got != "" {
		t.Errorf("the page open while the new worker installs shows the new build (%q)", got)
	}
	// The browser found the new sw.js; the new worker waits for the old
	// page to go.
	deliveryWait(t, ctx, `navigator.serviceWorker.getRegistration().then((r) => !!r.waiting && r.waiting.state === "installed")`, "the new worker installed")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		deliveryEval[chromedp.Void](t, ctx, `nnstep.ready.then(() => undefined)`)
		if deliveryEval[string](t, ctx, marker) == "second" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the second build never showed")
		}
		time.Sleep(500 * time.Millisecond)
	}
	deliveryWait(t, ctx, `navigator.serviceWorker.getRegistration().then((r) => !!r.active && r.active.state === "activated")`, "the new worker active")
	deliveryWait(t, ctx, `caches.keys().then((k) => k.length === 1)`, "one cache left")
	if now := deliveryEval[[]string](t, ctx, `caches.keys()`); now[0] == first[0] {
		t.Errorf("the cache is still %s after the new deployment", now[0])
	}
	deliveryWait(t, ctx, `nnstep.stats().frames > 2`, "stage frames after the update")
}
