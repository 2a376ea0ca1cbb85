// Package e2e holds the browser tests of the page: the wasm module is built
// once, site/web is served with net/http/httptest, and Debian's Chromium is
// driven with chromedp (docs/browsers.md: headless, SwiftShader WebGL).
//
// The harness is shared by the stage tests (stage_test.go) and the lesson
// tests: newPage opens the page with a query and waits for nnstep.ready;
// evalJS, waitJS, screenshotStage and the console checks work on it.
// Waits poll counters the page exposes (stats().frames, epoch); nothing
// sleeps for a fixed time.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"nnstep/site/headless"
	"nnstep/site/lessontext"
)

var (
	siteURL    string          // the httptest server serving site/web
	browserCtx context.Context // a started browser; each page is a tab of it
	genDir     string          // the fresh build: lesson.wasm, stage.wasm and wasm_exec.js
	setupErr   error
)

// repoRoot is the module's root, two levels above this package.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// buildWasm compiles the page's two modules (wasm/lesson and wasm/stage)
// into dir with wasm_exec.js and lesson-text.js beside them, as `make wasm`
// does.
func buildWasm(dir string) error {
	root := repoRoot()
	goBin := filepath.Join(runtimeGOROOT(), "bin", "go")
	// The flags of make wasm (wasm/lesson/gcflags.txt): the module tested is
	// the module shipped.
	flags, err := os.ReadFile(filepath.Join(root, "wasm", "lesson", "gcflags.txt"))
	if err != nil {
		return err
	}
	// The lesson module's own (wasm/lesson/gcflags-lesson.txt) come after.
	lessonFlags, err := os.ReadFile(filepath.Join(root, "wasm", "lesson", "gcflags-lesson.txt"))
	if err != nil {
		return err
	}
	args := append([]string{"build", "-trimpath", "-ldflags=-s -w"}, strings.Fields(string(flags))...)
	for _, name := range []string{"lesson", "stage"} {
		a := args
		if name == "lesson" {
			a = append(slices.Clip(args), strings.Fields(string(lessonFlags))...)
		}
		cmd := exec.Command(goBin, append(a, "-o", filepath.Join(dir, name+".wasm"), "./wasm/"+name)...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building the %s module: %v\n%s", name, err, out)
		}
	}
	src, err := os.ReadFile(filepath.Join(runtimeGOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), src, 0o644); err != nil {
		return err
	}
	// The lesson's prose, from its Markdown (docs/content.md).
	return lessontext.Generate(root, dir)
}

func runtimeGOROOT() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return runtime.GOROOT()
	}
	return strings.TrimSpace(string(out))
}

// siteHandler serves site/web, with /gen/ from the fresh build.
func siteHandler(gen string) http.Handler {
	web := http.FileServer(http.Dir(filepath.Join(repoRoot(), "site", "web")))
	genFS := http.StripPrefix("/gen/", http.FileServer(http.Dir(gen)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		w.Header().Set("Cache-Control", "no-store")
		if strings.HasPrefix(r.URL.Path, "/gen/") {
			genFS.ServeHTTP(w, r)
			return
		}
		web.ServeHTTP(w, r)
	})
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	if os.Getenv("NNSTEP_BROWSER") == "" && flag.Lookup("test.run").Value.String() == "" {
		// go test ./... (make test-go) leaves the browser to make test-browser.
		fmt.Println("site/e2e: browser tests not run here; use make test-browser, NNSTEP_BROWSER=1 or -run")
		return 0
	}
	var err error
	genDir, err = os.MkdirTemp("", "nnstep-gen-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(genDir)
	if err := buildWasm(genDir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := httptest.NewServer(siteHandler(genDir))
	defer srv.Close()
	siteURL = srv.URL

	ctx, stop, err := headless.Start(context.Background())
	if err != nil {
		setupErr = err
	} else {
		defer stop()
		browserCtx = ctx
	}
	return m.Run()
}

// Page is one tab showing the page.
type Page struct {
	t   *testing.T
	Ctx context.Context

	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
}

// PageOptions sets the viewport of a page.
type PageOptions struct {
	Width, Height int64
	Scale         float64 // devicePixelRatio
	Timeout       time.Duration
	Browser       context.Context // the browser to open the tab in; the shared one when nil
	Init          string          // a script run before the page's own in every document of the tab
}

// newPage opens the page at ?query in a 1280×800 viewport and waits for
// nnstep.ready.
func newPage(t *testing.T, query string) *Page {
	return newPageWith(t, query, PageOptions{})
}

// newPageWith opens the page with the given viewport.
func newPageWith(t *testing.T, query string, o PageOptions) *Page {
	t.Helper()
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	if o.Width == 0 {
		o.Width, o.Height = 1280, 800
	}
	if o.Scale == 0 {
		o.Scale = 1
	}
	if o.Timeout == 0 {
		o.Timeout = 4 * time.Minute
	}
	if o.Browser == nil {
		o.Browser = browserCtx
	}
	tab, cancelTab := chromedp.NewContext(o.Browser)
	ctx, cancel := context.WithTimeout(tab, o.Timeout)
	t.Cleanup(func() { cancel(); cancelTab() })
	p := &Page{t: t, Ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(o.Width, o.Height, chromedp.EmulateScale(o.Scale))); err != nil {
		t.Fatal(err)
	}
	if o.Init != "" {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: o.Init}); err != nil {
			t.Fatal(err)
		}
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.messages = append(p.messages, m)
			p.mu.Unlock()
		}
	}()
	url := siteURL + "/"
	if query != "" {
		url += "?" + strings.TrimPrefix(query, "?")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`nnstep.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("nnstep.ready: %v; console: %s", err, p.consoleText())
	}
	return p
}

// evalJS evaluates expr (promises awaited) and decodes its value into out
// (nil to ignore it).
func (p *Page) evalJS(expr string, out any) {
	p.t.Helper()
	raw, err := chromedp.Run(p.Ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v; console: %s", expr, err, p.consoleText())
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			p.t.Fatalf("decoding the value of %s (%s): %v", expr, raw, err)
		}
	}
}

// waitJS polls the JS expression cond until it is truthy, checking every
// 100 ms, for at most timeout; what describes the wait in the failure.
func (p *Page) waitJS(cond string, timeout time.Duration, what string) {
	p.t.Helper()
	_, err := chromedp.Run(p.Ctx, chromedp.Poll[chromedp.Void](cond,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		var stats json.RawMessage
		raw, _ := chromedp.Run(p.Ctx, chromedp.Evaluate[[]byte](`JSON.stringify(window.nnstep && nnstep.go ? nnstep.stats() : null)`))
		_ = json.Unmarshal(raw, &stats)
		p.t.Fatalf("waiting for %s (%s): %v; stats %s; console: %s", what, cond, err, stats, p.consoleText())
	}
}

// renderAllSections lays out every lesson section, as if the reader had
// scrolled to each: while the page starts, it skips the rendering of the
// sections off screen (html.first-screen in css/lesson.css), whose
// innerText is then empty. Tests that read the text of the whole lesson
// call it first, so that they do not depend on when that ends.
func (p *Page) renderAllSections() {
	p.t.Helper()
	p.evalJS(`(() => { if (!document.getElementById('e2e-render-all')) {
		const s = document.createElement('style'); s.id = 'e2e-render-all';
		s.textContent = '#lesson section { content-visibility: visible !important; }';
		document.head.append(s); } return true; })()`, nil)
}

// search returns location.search once it contains want, or as it is after
// 2 s: the page writes its URL a little after a change (js/main.js,
// writeURL), once for a burst of changes.
func (p *Page) search(want string) string {
	p.t.Helper()
	var s string
	for end := time.Now().Add(2 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		p.evalJS(`location.search`, &s)
		if strings.Contains(s, want) || time.Now().After(end) {
			return s
		}
	}
}

// waitFrames waits until the stage has drawn n more frames than now.
func (p *Page) waitFrames(n int) {
	p.t.Helper()
	var f int
	p.evalJS(`nnstep.stats().frames`, &f)
	p.waitJS(fmt.Sprintf(`nnstep.stats().frames >= %d`, f+n), time.Minute, fmt.Sprintf("%d frames", n))
}

// stats returns nnstep.stats().
func (p *Page) stats() Stats {
	var s Stats
	p.evalJS(`nnstep.stats()`, &s)
	return s
}

// Stats mirrors nnstep.stats().
type Stats struct {
	Epoch         int      `json:"epoch"`
	TrainLoss     *float64 `json:"trainLoss"`
	TestLoss      *float64 `json:"testLoss"`
	TrainAccuracy *float64 `json:"trainAccuracy"`
	TestAccuracy  *float64 `json:"testAccuracy"`
	Frames        int      `json:"frames"`
	Playing       bool     `json:"playing"`
	Diverged      *struct {
		Op    string `json:"op"`
		Phase string `json:"phase"`
		Layer int    `json:"layer"`
	} `json:"diverged"`
	TrainSize int `json:"trainSize"`
	TestSize  int `json:"testSize"`
}

// screenshotStage returns an element screenshot of #stage (the only way to
// read WebGL pixels, docs/stage.md, "Tests").
func (p *Page) screenshotStage() image.Image {
	p.t.Helper()
	return p.screenshot("#stage")
}

// screenshot returns an element screenshot of the first match of sel.
func (p *Page) screenshot(sel string) image.Image {
	p.t.Helper()
	b, err := chromedp.Run(p.Ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		p.t.Fatal(err)
	}
	return img
}

// savePNG writes img under $NNSTEP_SHOTS (if set), for a human to look at.
func savePNG(t *testing.T, name string, img image.Image) {
	dir := os.Getenv("NNSTEP_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Log(err)
		return
	}
	defer f.Close()
	_ = png.Encode(f, img)
}

// fullScreenshot returns the viewport.
func (p *Page) fullScreenshot() image.Image {
	p.t.Helper()
	b, err := chromedp.Run(p.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		p.t.Fatal(err)
	}
	return img
}

// consoleErrors returns the console errors and uncaught exceptions so far.
func (p *Page) consoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, m := range p.messages {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, m.String())
		}
	}
	return out
}

func (p *Page) consoleText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, m := range p.messages {
		fmt.Fprintf(&b, "\n  %s", m)
	}
	return b.String()
}

// assertNoConsoleErrors fails the test if the page logged an error.
func (p *Page) assertNoConsoleErrors() {
	p.t.Helper()
	if errs := p.consoleErrors(); len(errs) > 0 {
		p.t.Errorf("console errors:\n  %s", strings.Join(errs, "\n  "))
	}
}

// fetch GETs a path of the test server.
func fetch(t *testing.T, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(siteURL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}
