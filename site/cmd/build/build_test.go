package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"nnstep/site/server"
)

// fakeSite writes a small page that uses every kind of reference the build
// follows, and returns its folder.
func fakeSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("wasm body "), 300)...)
	files := map[string]string{
		"index.html": `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="css/base.css">
<link rel="icon" href="img/icon.png">
<script type="module" src="js/main.js"></script>
<script type="module" src="js/second.js"></script>
</head><body><!-- js/util.js and js/unused.js are mentioned here in prose only --><img src="img/icon.png" alt=""><a href="guide/">guide</a></body></html>`,
		"guide/index.html": `<!doctype html><link rel="stylesheet" href="../css/base.css"><p>guide</p>`,
		"js/main.js": `import { greet } from "./util.js";
import "./sections/one.js";
const wasmURL = "gen/lesson.wasm";
const execURL = new URL("../gen/wasm_exec.js", import.meta.url);
export const nnstep = { ready: Promise.resolve(greet(wasmURL, execURL)) };
window.nnstep = nnstep;
`,
		"js/second.js":       "import { greet, counter } from './util.js';\nconst lazy = () => import('./lazy.js');\nwindow.second = { greet, counter, lazy };\n",
		"js/lazy.js":         "import { greet } from './util.js';\nexport const lazy = greet('lazy', 'load');\n",
		"js/util.js":         "export const counter = { n: 0 };\nexport function greet(a, b) { return 'hello ' + a + ' ' + b + ' ' + '" + strings.Repeat("x", 600) + "'; }\n",
		"js/sections/one.js": "import { greet } from '../util.js';\nconsole.log(greet('one', 'two'));\n",
		"js/unused.js":       "console.log('not imported by anything');\n",
		"gen/lesson.wasm":    string(wasm),
		"gen/wasm_exec.js":   "(() => { globalThis.Go = class {}; })();\n" + strings.Repeat("// padding\n", 100),
		"lesson/fr/01-x.md":  "<!-- block: x.intro -->\n\nLe texte source.\n",
		"css/base.css": `@font-face { font-family: X; src: url(../fonts/x.woff2) format("woff2"), url("../fonts/x.woff") format("woff"); }
body { background: url('../img/icon.png'); font-family: X; }
` + strings.Repeat("p { margin: 0 }\n", 50),
		"fonts/x.woff2":  "wOF2 font",
		"fonts/x.woff":   "wOFF font",
		"img/icon.png":   "\x89PNG fake",
		"robots.txt":     "User-agent: *\n",
		".gitignore":     "*\n",
		"vendor/.keep":   "",
		"data/notes.txt": "unreferenced\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func haveEsbuild(t *testing.T) {
	t.Helper()
	if _, err := findEsbuild(""); err != nil {
		t.Skipf("%v (scripts/deps.sh installs it; make test runs it first)", err)
	}
}

func buildFake(t *testing.T) (src, out string, res *SiteResult) {
	t.Helper()
	haveEsbuild(t)
	src = fakeSite(t)
	out = filepath.Join(t.TempDir(), "dist")
	res, err := BuildSite(SiteConfig{Src: src, Out: out, FrameAncestors: "'self' https://lms.example.org", BrotliQuality: 5})
	if err != nil {
		t.Fatal(err)
	}
	return src, out, res
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var hashed = regexp.MustCompile(`\.[0-9a-f]{10}\.`)

func TestBuildSite(t *testing.T) {
	_, out, res := buildFake(t)
	byName := map[string]Published{}
	bySource := map[string]Published{}
	for _, f := range res.Files {
		byName[f.Name] = f
		bySource[f.Source] = f
	}
	// Published names: hashed when referenced, kept otherwise.
	for src, wantHashed := range map[string]bool{
		"js/main.js": true, "gen/lesson.wasm": true, "gen/wasm_exec.js": true, "css/base.css": true,
		"fonts/x.woff2": true, "fonts/x.woff": true, "img/icon.png": true,
		"index.html": false, "guide/index.html": false, "robots.txt": false, "data/notes.txt": false, "js/unused.js": false,
	} {
		f, ok := bySource[src]
		if !ok {
			t.Errorf("%s not published", src)
			continue
		}
		if got := hashed.MatchString(f.Name); got != wantHashed {
			t.Errorf("%s published as %s (hashed %v, want %v)", src, f.Name, got, wantHashed)
		}
	}
	// Bundled modules are inside the bundle, not published; hidden files
	// never are.
	for _, src := range []string{"js/util.js", "js/sections/one.js", "js/lazy.js", ".gitignore", "vendor/.keep", "lesson/fr/01-x.md"} {
		if _, ok := bySource[src]; ok {
			t.Errorf("%s published", src)
		}
	}
	if _, ok := byName["404.html"]; !ok {
		t.Error("no 404.html")
	}

	index := read(t, out, "index.html")
	for _, src := range []string{"js/main.js", "css/base.css", "img/icon.png"} {
		if !strings.Contains(index, `"`+bySource[src].Name+`"`) {
			t.Errorf("index.html does not name %s as %s:\n%s", src, bySource[src].Name, index)
		}
	}
	if !strings.Contains(index, `href="guide/"`) {
		t.Error("index.html: link to guide/ changed")
	}
	if g := read(t, out, "guide/index.html"); !strings.Contains(g, `"../`+bySource["css/base.css"].Name+`"`) {
		t.Errorf("guide/index.html: %s", g)
	}
	bundle := read(t, out, bySource["js/main.js"].Name)
	wasmBase := filepath.Base(bySource["gen/lesson.wasm"].Name)
	execBase := filepath.Base(bySource["gen/wasm_exec.js"].Name)
	if !strings.Contains(bundle, `"gen/`+wasmBase+`"`) || !strings.Contains(bundle, `"../gen/`+execBase+`"`) {
		t.Errorf("bundle does not name the hashed wasm and wasm_exec.js:\n%s", bundle)
	}
	// util.js, shared by both entries and the lazy module, is evaluated
	// once: its code is in exactly one published file, a hashed chunk.
	var holders []string
	for _, f := range res.Files {
		if strings.HasSuffix(f.Name, ".js") && strings.Contains(read(t, out, f.Name), "hello ") {
			holders = append(holders, f.Name)
		}
	}
	if len(holders) != 1 || !strings.HasPrefix(holders[0], "chunks/") || !hashed.MatchString(holders[0]) {
		t.Errorf("util.js code in %v, want one hashed chunk", holders)
	} else if !strings.Contains(bundle, filepath.Base(holders[0])) {
		t.Errorf("main bundle does not import the chunk %s:\n%s", holders[0], bundle)
	}
	css := read(t, out, bySource["css/base.css"].Name)
	for _, src := range []string{"fonts/x.woff2", "fonts/x.woff", "img/icon.png"} {
		if !strings.Contains(css, "../"+bySource[src].Name) {
			t.Errorf("css does not name %s:\n%s", bySource[src].Name, css)
		}
	}

	// Each hash is the hash of the published content.
	for _, f := range res.Files {
		if !hashed.MatchString(f.Name) {
			continue
		}
		data := read(t, out, f.Name)
		want := server.HashedName(f.Source, sha([]byte(data)))
		if f.Name != want {
			t.Errorf("%s: content hash says %s", f.Name, want)
		}
	}

	// Compressed copies decode to the file.
	if w := bySource["gen/lesson.wasm"]; w.Br == 0 || w.Gz == 0 {
		t.Errorf("wasm without compressed copies: %+v", w)
	}
	for _, f := range res.Files {
		if f.Br == 0 && f.Gz == 0 {
			continue
		}
		plain := read(t, out, f.Name)
		zr, err := gzip.NewReader(strings.NewReader(read(t, out, f.Name+".gz")))
		if err != nil {
			t.Fatal(err)
		}
		gz, _ := io.ReadAll(zr)
		br, _ := io.ReadAll(brotli.NewReader(strings.NewReader(read(t, out, f.Name+".br"))))
		if string(gz) != plain || string(br) != plain {
			t.Errorf("%s: compressed copies differ from the file", f.Name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, bySource["fonts/x.woff2"].Name+".br")); err == nil {
		t.Error("a woff2 font got a brotli copy")
	}

	headers := read(t, out, "_headers")
	if !strings.Contains(headers, "frame-ancestors 'self' https://lms.example.org") ||
		!strings.Contains(headers, "/gen/*\n  Cache-Control: public, max-age=31536000, immutable") ||
		!strings.Contains(headers, "/robots.txt\n  Cache-Control: no-cache") {
		t.Errorf("_headers:\n%s", headers)
	}
	if ig := read(t, out, ".assetsignore"); !strings.Contains(ig, "*.br") || !strings.Contains(ig, "*.gz") {
		t.Errorf(".assetsignore: %q", ig)
	}
}

func sha(b []byte) string {
	return hexSum(b)
}

func TestBuildSiteIsReproducible(t *testing.T) {
	haveEsbuild(t)
	src := fakeSite(t)
	var listings [2]string
	for i := range listings {
		out := filepath.Join(t.TempDir(), "dist")
		res, err := BuildSite(SiteConfig{Src: src, Out: out, BrotliQuality: 5})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		res.Print(&b)
		listings[i] = b.String()
	}
	if listings[0] != listings[1] {
		t.Errorf("two builds differ:\n%s\n%s", listings[0], listings[1])
	}
}

func TestBuildSiteRefusesOverlap(t *testing.T) {
	src := fakeSite(t)
	for _, out := range []string{src, filepath.Join(src, "dist"), filepath.Dir(src), "/"} {
		if _, err := BuildSite(SiteConfig{Src: src, Out: out}); err == nil {
			t.Errorf("output %s accepted for source %s", out, src)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "index.html")); err != nil {
		t.Fatal("the source was damaged")
	}
}

func TestFindRefs(t *testing.T) {
	names := []string{"gen/lesson.wasm", "js/main.js", "main.js", "css/a.css"}
	cases := []struct {
		text, from string
		want       []string
	}{
		{`fetch("gen/lesson.wasm")`, "js/main.js", []string{"gen/lesson.wasm"}},
		{`new URL("../gen/lesson.wasm", import.meta.url)`, "js/main.js", []string{"gen/lesson.wasm"}},
		{`"/gen/lesson.wasm?v=1"`, "js/main.js", []string{"gen/lesson.wasm"}},
		{`"https://cdn.example/gen/lesson.wasm"`, "index.html", nil},
		{`"gen/lesson.wasmx"`, "index.html", nil},
		{`"xgen/lesson.wasm"`, "index.html", nil},
		{`"other/lesson.wasm"`, "index.html", nil},
		{`<script src="js/main.js">`, "index.html", []string{"js/main.js"}},
		{`import "./main.js"`, "js/x.js", []string{"js/main.js"}},
		{`url(a.css)`, "css/b.css", []string{"css/a.css"}},
		{`<!-- js/main.js renders this --> <script src="js/main.js">`, "index.html", []string{"js/main.js"}},
		{`/* see a.css */ @import "a.css";`, "css/b.css", []string{"css/a.css"}},
	}
	for _, c := range cases {
		var got []string
		for _, r := range findRefs([]byte(c.text), c.from, names) {
			got = append(got, r.target)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("findRefs(%q from %s) = %v, want %v", c.text, c.from, got, c.want)
		}
	}
}

func TestOffline(t *testing.T) {
	_, out, res := buildFake(t)
	file := filepath.Join(out, "nnstep-offline.html")
	ores, err := BuildOffline(OfflineConfig{Dist: out, Page: "index.html", Out: file, FrameAncestors: "*"})
	if err != nil {
		t.Fatal(err)
	}
	html := read(t, out, "nnstep-offline.html")
	if ores.Size != len(html) || ores.WasmRaw == 0 || ores.WasmGzip >= ores.WasmRaw {
		t.Errorf("result %+v", ores)
	}
	// Nothing of the site is left to fetch: no src or href names a file.
	for _, m := range localRef.FindAllStringSubmatch(html, -1) {
		u := m[1] + m[2]
		if !strings.HasPrefix(u, "data:") && u != "guide/" {
			t.Errorf("offline file still names %q", u)
		}
	}
	for _, want := range []string{
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`,
		"window.NNSTEP_WASM", "globalThis.Go = class", `<script type="module">`,
		`url("data:font/woff2;base64,`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("offline file lacks %q", want)
		}
	}
	if n := strings.Count(html, "hello "); n != 1 {
		t.Errorf("util.js code %d times in the offline file, want 1", n)
	}
	if strings.Contains(html, `from"`) || strings.Contains(html, `from "`) || strings.Contains(html, "import(") {
		t.Error("the offline module still imports files")
	}
	if strings.Count(html, `<script type="module">`) != 1 {
		t.Error("want one inline module script")
	}
	if strings.Contains(html, "data:font/woff;") {
		t.Error("the woff fallback was inlined beside woff2")
	}
	// The site's service worker runs in no page: a file:// page has none.
	if contains(ores.Inlined, ServiceWorkerName) || strings.Contains(html, "self.registration") {
		t.Errorf("the offline file carries %s", ServiceWorkerName)
	}
	// The wasm travels gzip-compressed and decodes to the module.
	var wasmName string
	for _, f := range res.Files {
		if f.Source == "gen/lesson.wasm" {
			wasmName = f.Name
		}
	}
	m := regexp.MustCompile(`(?s)<script type="application/octet-stream" id="([^"]+)">\n(.*?)</script>`).FindAllStringSubmatch(html, -1)
	if len(m) != 1 {
		t.Fatalf("%d inlined blobs, want 1 (the wasm)", len(m))
	}
	gz, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(m[0][2], "\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	wasm, _ := io.ReadAll(zr)
	if string(wasm) != read(t, out, wasmName) {
		t.Error("inlined wasm differs from the module")
	}
	if !strings.Contains(html, `"`+wasmName+`":{"id":"`+m[0][1]+`","type":"application/wasm"`) {
		t.Errorf("hook does not map %s to #%s", wasmName, m[0][1])
	}
	// Written inside dist: the _headers file covers it.
	if h := read(t, out, "_headers"); !strings.Contains(h, "/nnstep-offline.html\n  Cache-Control: no-cache") {
		t.Errorf("_headers does not cover the offline file:\n%s", h)
	}
}

func TestEscapeScript(t *testing.T) {
	in := `s = "</script><!-- x"; t = "</SCRIPT>"`
	got := escapeScript(in)
	if strings.Contains(strings.ToLower(got), "</script") || strings.Contains(got, "<!--") {
		t.Errorf("escapeScript(%q) = %q", in, got)
	}
}

// TestBuildSiteServiceWorker checks the generated service worker: at the
// root, not hashed, listing exactly the content-hashed files, with a cache
// name that changes when one of them does; the bundled scripts get its URL.
func TestBuildSiteServiceWorker(t *testing.T) {
	haveEsbuild(t)
	src := fakeSite(t)
	mainJS := filepath.Join(src, "js", "main.js")
	b, err := os.ReadFile(mainJS)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "window.sw = typeof NNSTEP_SERVICE_WORKER === 'string' ? NNSTEP_SERVICE_WORKER : null;\n"...)
	if err := os.WriteFile(mainJS, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist")
	res, err := BuildSite(SiteConfig{Src: src, Out: out, BrotliQuality: 5})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	mainName := ""
	for _, f := range res.Files {
		if server.Classify(f.Name) == server.Immutable {
			want = append(want, f.Name)
		}
		if f.Source == "js/main.js" {
			mainName = f.Name
		}
	}
	sw := read(t, out, ServiceWorkerName)
	m := regexp.MustCompile(`const CACHE = "nnstep-([0-9a-f]{10})";\nconst FILES = (\[.*\]);`).FindStringSubmatch(sw)
	if m == nil {
		t.Fatalf("%s has no cache name or list:\n%s", ServiceWorkerName, sw)
	}
	var got []string
	if err := json.Unmarshal([]byte(m[2]), &got); err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) || len(got) < 5 {
		t.Errorf("listed %v, want the hashed files %v", got, want)
	}
	if server.Classify(ServiceWorkerName) != server.Revalidate {
		t.Errorf("%s is cached without revalidation", ServiceWorkerName)
	}
	if headers := read(t, out, "_headers"); !strings.Contains(headers, "/"+ServiceWorkerName+"\n  Cache-Control: no-cache") {
		t.Errorf("_headers has no no-cache rule for %s:\n%s", ServiceWorkerName, headers)
	}
	if js := read(t, out, mainName); strings.Contains(js, "NNSTEP_SERVICE_WORKER") || !strings.Contains(js, `"`+ServiceWorkerName+`"`) {
		t.Errorf("%s: the build did not define NNSTEP_SERVICE_WORKER as %q:\n%s", mainName, ServiceWorkerName, js)
	}

	// A changed file is a new service worker with a new cache.
	css := filepath.Join(src, "css", "base.css")
	b, err = os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(b, "a { color: red }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(t.TempDir(), "dist")
	if _, err := BuildSite(SiteConfig{Src: src, Out: out2, BrotliQuality: 5}); err != nil {
		t.Fatal(err)
	}
	m2 := regexp.MustCompile(`const CACHE = "nnstep-([0-9a-f]{10})";`).FindStringSubmatch(read(t, out2, ServiceWorkerName))
	if m2 == nil || m2[1] == m[1] {
		t.Errorf("cache name after a change: %v, before: %s", m2, m[1])
	}
}
