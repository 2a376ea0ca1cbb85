package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"nnstep/site/server"
)

// OfflineConfig configures BuildOffline.
type OfflineConfig struct {
	Dist           string // built site folder
	Page           string // page to make self-contained, relative to Dist
	Out            string // file to write
	FrameAncestors string // for _headers, rewritten when Out is inside Dist
	Cache          string // compressed-copy cache folder, "" for none
	Esbuild        string // esbuild binary; found upwards when empty
}

// OfflineResult describes the offline file.
type OfflineResult struct {
	Size              int // bytes of the HTML file
	WasmRaw, WasmGzip int // bytes of the wasm modules, raw and gzip-compressed
	Inlined           []string
}

// offlineCSP is the policy of the offline file, as a <meta> element: every
// resource is inline, so the page cannot reach the network at all.
const offlineCSP = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; " +
	"style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src data: blob:; " +
	"worker-src blob:; media-src data: blob:; base-uri 'none'; form-action 'none'"

var (
	linkTag     = regexp.MustCompile(`(?is)<link\b[^>]*>`)
	scriptBlock = regexp.MustCompile(`(?is)<script\b[^>]*>\s*</script\s*>`)
	imgSrc      = regexp.MustCompile(`(?is)(<(?:img|source|image)\b[^>]*?\s(?:src|href)\s*=\s*)("[^"]*"|'[^']*')`)
	headOpen    = regexp.MustCompile(`(?is)<head\b[^>]*>`)
	bodyClose   = regexp.MustCompile(`(?is)</body\s*>`)
	cssURL      = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)`)
	fontSrc     = regexp.MustCompile(`(?is)(@font-face\s*\{[^}]*?\bsrc\s*:\s*)([^;}]*)`)
)

// BuildOffline writes the self-contained offline page: see the package
// comment and docs/delivery.md.
func BuildOffline(c OfflineConfig) (*OfflineResult, error) {
	root, err := os.OpenRoot(c.Dist)
	if err != nil {
		return nil, fmt.Errorf("%w (run make site first)", err)
	}
	defer root.Close()
	fsys := root.FS()
	read := func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
	page, err := read(c.Page)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(c.Page)
	res := &OfflineResult{}
	var fail []error
	html := string(page)

	// Inlined elements wait behind placeholders until the markup of the
	// page is rewritten, so that no pass mistakes a script's text for
	// markup.
	var held []string
	hold := func(element string) string {
		held = append(held, element)
		return fmt.Sprintf("\x00nnstep-held-%d\x00", len(held)-1)
	}

	// Stylesheets become <style> elements; preloads and icons that would
	// need the network are dropped or inlined.
	html = linkTag.ReplaceAllStringFunc(html, func(tag string) string {
		a := attrs(tag)
		rel := strings.ToLower(a["rel"])
		target, ok := localTarget(a["href"], dir)
		if !ok {
			return tag
		}
		switch {
		case hasWord(rel, "stylesheet"):
			css, err := read(target)
			if err != nil {
				fail = append(fail, err)
				return tag
			}
			res.Inlined = append(res.Inlined, target)
			media := ""
			if m := a["media"]; m != "" {
				media = fmt.Sprintf(" media=%q", m)
			}
			return hold("<style" + media + ">\n" + inlineCSS(string(css), path.Dir(target), read, &fail) + "\n</style>")
		case hasWord(rel, "icon"):
			data, err := read(target)
			if err != nil {
				fail = append(fail, err)
				return tag
			}
			return fmt.Sprintf(`<link rel=%q href="%s">`, a["rel"], dataURL(target, data))
		default: // preload, modulepreload, prefetch, manifest…: nothing to fetch offline
			return ""
		}
	})

	// Module scripts become one inline module: esbuild bundles them again,
	// entries and chunks together, since an inline module cannot import
	// files. Classic scripts are inlined one by one.
	var jsTexts [][2]string // file, text: the scripts whose references are followed
	var modules []string
	for _, block := range scriptBlock.FindAllString(html, -1) {
		a := attrs(scriptTag.FindString(block))
		if target, ok := localTarget(a["src"], dir); ok && a["src"] != "" && strings.EqualFold(a["type"], "module") {
			modules = append(modules, target)
		}
	}
	var moduleJS string
	if len(modules) > 0 {
		bin, err := findEsbuild(c.Esbuild)
		if err != nil {
			return nil, err
		}
		js, inputs, err := bundleOne(bin, c.Dist, dir, modules)
		if err != nil {
			return nil, err
		}
		moduleJS = js
		for _, in := range inputs {
			data, err := read(in)
			if err != nil {
				return nil, fmt.Errorf("esbuild input %s: %w", in, err)
			}
			jsTexts = append(jsTexts, [2]string{in, string(data)})
			res.Inlined = append(res.Inlined, in)
		}
	}
	firstModule := true
	html = scriptBlock.ReplaceAllStringFunc(html, func(block string) string {
		tag := scriptTag.FindString(block)
		a := attrs(tag)
		target, ok := localTarget(a["src"], dir)
		if a["src"] == "" || !ok {
			return block
		}
		if strings.EqualFold(a["type"], "module") {
			if !firstModule {
				return ""
			}
			firstModule = false
			return hold("<script type=\"module\">\n" + escapeScript(moduleJS) + "\n</script>")
		}
		js, err := read(target)
		if err != nil {
			fail = append(fail, err)
			return block
		}
		res.Inlined = append(res.Inlined, target)
		jsTexts = append(jsTexts, [2]string{target, string(js)})
		return hold("<script>\n" + escapeScript(string(js)) + "\n</script>")
	})

	// Images.
	html = imgSrc.ReplaceAllStringFunc(html, func(m string) string {
		sub := imgSrc.FindStringSubmatch(m)
		u := strings.Trim(sub[2], `"'`)
		target, ok := localTarget(u, dir)
		if !ok {
			return m
		}
		data, err := read(target)
		if err != nil {
			fail = append(fail, err)
			return m
		}
		return sub[1] + `"` + dataURL(target, data) + `"`
	})
	if len(fail) > 0 {
		return nil, errors.Join(fail...)
	}

	// Files the scripts name: the wasm modules go to window.NNSTEP_WASM,
	// classic scripts (wasm_exec.js) are run before the page's modules, and
	// anything else is answered by the fetch shim.
	names, err := listFiles(fsys)
	if err != nil {
		return nil, err
	}
	var named []string
	seen := map[string]bool{}
	for _, js := range jsTexts {
		for _, r := range findRefs([]byte(js[1]), js[0], names) {
			if !seen[r.target] && !contains(res.Inlined, r.target) && r.target != c.Page {
				seen[r.target] = true
				named = append(named, r.target)
			}
		}
	}
	var wasmNames []string
	var classic strings.Builder
	var classicNames []string
	type asset struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Size int    `json:"size"`
		Gzip bool   `json:"gzip"`
	}
	assets := map[string]asset{}
	var blobs strings.Builder
	for i, name := range named {
		if name == ServiceWorkerName {
			continue // the site's service worker: a file:// page has none
		}
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		switch path.Ext(name) {
		case ".html":
			continue
		case ".js":
			if !isModuleSource(data) {
				classic.WriteString("<script data-nnstep-name=" + jsString(name) + ">\n" + escapeScript(string(data)) + "\n</script>\n")
				classicNames = append(classicNames, name)
				res.Inlined = append(res.Inlined, name)
				continue
			}
		}
		if path.Ext(name) == ".wasm" {
			wasmNames = append(wasmNames, name)
		}
		id := fmt.Sprintf("nnstep-asset-%d", i)
		a := asset{ID: id, Type: server.ContentType(name), Size: len(data)}
		body := data
		if server.Compressible(name) && len(data) >= minCompress {
			comp := &compressor{cache: c.Cache}
			gz, err := comp.gzip(data)
			if err != nil {
				return nil, err
			}
			if len(gz) < len(data) {
				body, a.Gzip = gz, true
			}
		}
		if path.Ext(name) == ".wasm" {
			res.WasmRaw += len(data)
			res.WasmGzip += len(body)
		}
		assets[name] = a
		fmt.Fprintf(&blobs, "<script type=\"application/octet-stream\" id=%q>\n", id)
		enc := base64.StdEncoding.EncodeToString(body)
		for len(enc) > 0 { // lines keep editors and diff tools usable
			n := min(len(enc), 4096)
			blobs.WriteString(enc[:n])
			blobs.WriteByte('\n')
			enc = enc[n:]
		}
		blobs.WriteString("</script>\n")
		res.Inlined = append(res.Inlined, name)
	}
	assetsJSON, err := json.Marshal(assets)
	if err != nil {
		return nil, err
	}
	classicJSON, err := json.Marshal(append([]string{}, classicNames...))
	if err != nil {
		return nil, err
	}
	wasmJSON, err := json.Marshal(append([]string{}, wasmNames...))
	if err != nil {
		return nil, err
	}
	hook := strings.NewReplacer("$ASSETS", string(assetsJSON), "$WASM", string(wasmJSON),
		"$CLASSIC", string(classicJSON)).Replace(hookJS)

	head := "\n<meta http-equiv=\"Content-Security-Policy\" content=\"" + offlineCSP + "\">\n" +
		"<script>\n" + hook + "</script>\n" + classic.String()
	loc := headOpen.FindStringIndex(html)
	if loc == nil {
		return nil, fmt.Errorf("%s: no <head> element", c.Page)
	}
	html = html[:loc[1]] + head + html[loc[1]:]
	for i, element := range held {
		html = strings.Replace(html, fmt.Sprintf("\x00nnstep-held-%d\x00", i), element, 1)
	}
	if loc := bodyClose.FindStringIndex(html); loc != nil {
		html = html[:loc[0]] + blobs.String() + html[loc[0]:]
	} else {
		html += blobs.String()
	}

	if err := os.MkdirAll(filepath.Dir(c.Out), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(c.Out, []byte(html), 0o644); err != nil {
		return nil, err
	}
	res.Size = len(html)
	return res, refreshHeaders(c)
}

// bundleOne bundles the module scripts (paths in the built site dist) of a
// page in folder dir into one script with no imports, evaluated in the
// order of the page. It returns the script and the files it took in.
func bundleOne(bin, dist, dir string, modules []string) (string, []string, error) {
	tmp, err := os.MkdirTemp("", "nnstep-esbuild-")
	if err != nil {
		return "", nil, err
	}
	defer os.RemoveAll(tmp)
	var entry strings.Builder
	for _, m := range modules {
		rel, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(m))
		if err != nil {
			return "", nil, err
		}
		fmt.Fprintf(&entry, "import %s;\n", jsString("./"+filepath.ToSlash(rel)))
	}
	outFile := filepath.Join(tmp, "offline.js")
	metaFile := filepath.Join(tmp, "meta.json")
	args := append(append([]string{}, esbuildFlags...),
		"--sourcefile=nnstep-offline-entry.js", "--outfile="+outFile, "--metafile="+metaFile)
	cmd := exec.Command(bin, args...)
	cmd.Dir = filepath.Join(dist, filepath.FromSlash(dir))
	cmd.Stdin = strings.NewReader(entry.String())
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", nil, fmt.Errorf("esbuild (offline bundle of %s): %w", strings.Join(modules, " "), err)
	}
	out, err := os.ReadFile(outFile)
	if err != nil {
		return "", nil, err
	}
	meta, err := readMeta(metaFile)
	if err != nil {
		return "", nil, err
	}
	var inputs []string
	for _, in := range meta.inputs() {
		if in == "nnstep-offline-entry.js" || strings.HasPrefix(in, "<") || strings.HasPrefix(in, "..") {
			continue
		}
		inputs = append(inputs, path.Join(dir, in))
	}
	return string(out), inputs, nil
}

// refreshHeaders rewrites _headers and the compressed copies when the
// offline file is written inside the built site, so that it is served with
// the same headers as the rest.
func refreshHeaders(c OfflineConfig) error {
	rel, err := filepath.Rel(c.Dist, c.Out)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil
	}
	policy := server.Policy{FrameAncestors: c.FrameAncestors}
	if err := policy.Validate(); err != nil {
		return err
	}
	root, err := os.OpenRoot(c.Dist)
	if err != nil {
		return err
	}
	defer root.Close()
	names, err := listFiles(root.FS())
	if err != nil {
		return err
	}
	data, err := os.ReadFile(c.Out)
	if err != nil {
		return err
	}
	var p Published
	if err := writeWithCopies(c.Dist, filepath.ToSlash(rel), data, &compressor{cache: c.Cache, quality: 11}, &p); err != nil {
		return err
	}
	return writeFile(c.Dist, "_headers", policy.HeadersFile(names))
}

// listFiles lists the published files of a built site.
func listFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, name)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, n := range names {
		set[n] = true
	}
	var out []string
	for _, n := range names {
		if server.Served(n, func(s string) bool { return set[s] }) {
			out = append(out, n)
		}
	}
	return out, nil
}

// inlineCSS replaces the url() references of a stylesheet in folder dir by
// data: URLs. In @font-face rules that offer a woff2 source, the other
// formats are dropped first: every browser that runs the lesson reads
// woff2.
func inlineCSS(css, dir string, read func(string) ([]byte, error), fail *[]error) string {
	css = fontSrc.ReplaceAllStringFunc(css, func(m string) string {
		sub := fontSrc.FindStringSubmatch(m)
		items := splitTopLevel(sub[2])
		var woff2 []string
		for _, it := range items {
			if strings.Contains(it, ".woff2") {
				woff2 = append(woff2, strings.TrimSpace(it))
			}
		}
		if len(woff2) == 0 {
			return m
		}
		return sub[1] + strings.Join(woff2, ", ")
	})
	return cssURL.ReplaceAllStringFunc(css, func(m string) string {
		sub := cssURL.FindStringSubmatch(m)
		u := sub[1] + sub[2] + sub[3]
		target, ok := localTarget(u, dir)
		if !ok {
			return m
		}
		data, err := read(target)
		if err != nil {
			*fail = append(*fail, err)
			return m
		}
		return `url("` + dataURL(target, data) + `")`
	})
}

// splitTopLevel splits a CSS value at the commas outside parentheses.
func splitTopLevel(s string) []string {
	var out []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[last:i])
				last = i + 1
			}
		}
	}
	return append(out, s[last:])
}

func dataURL(name string, data []byte) string {
	t, _, _ := strings.Cut(server.ContentType(name), ";")
	return "data:" + t + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// escapeScript makes a script safe inside a <script> element: "</script"
// (in a string or a comment) would end the element early, "<!--" could
// start an escaped state.
func escapeScript(js string) string {
	js = regexp.MustCompile(`(?i)</script`).ReplaceAllStringFunc(js, func(m string) string { return `<\/` + m[2:] })
	return strings.ReplaceAll(js, "<!--", `<\!--`)
}

// isModuleSource reports whether a script uses ES module syntax (import or
// export statements), so it cannot run as a classic script.
func isModuleSource(js []byte) bool {
	return regexp.MustCompile(`(?m)^\s*(import\s*[\w{*"']|export\s)`).Match(js)
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if w == word {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// hookJS runs first in the offline page. It defines the hooks of
// docs/delivery.md: window.NNSTEP_OFFLINE, and window.NNSTEP_WASM(name), a
// function returning a Promise of a Response whose body is the wasm module
// of that site path (the first one the scripts name without it; Content-Type application/wasm and the raw Content-Length, so
// WebAssembly.instantiateStreaming and a progress bar work). As a safety
// net it also answers fetch() of the inlined files by their site URL, and
// turns the insertion of a <script src> for a classic script it already ran
// (wasm_exec.js) into a load event, so a page written for the server runs
// unchanged.
const hookJS = `(() => {
  "use strict";
  const assets = $ASSETS;
  const wasmNames = $WASM;
  const classic = $CLASSIC;
  const domReady = () => document.readyState !== "loading" ? Promise.resolve()
    : new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  const bytes = (id) => {
    const el = document.getElementById(id);
    if (!el) throw new Error("nnstep offline: inlined data #" + id + " missing");
    const b64 = el.textContent.replace(/\s+/g, "");
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
    const s = atob(b64), a = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a;
  };
  const respond = async (name) => {
    await domReady();
    const a = assets[name];
    let body = new Blob([bytes(a.id)]).stream();
    if (a.gzip) body = body.pipeThrough(new DecompressionStream("gzip"));
    return new Response(body, { status: 200, headers: { "Content-Type": a.type, "Content-Length": String(a.size) } });
  };
  window.NNSTEP_OFFLINE = true;
  if (wasmNames.length) window.NNSTEP_WASM = (name) => respond(name ?? wasmNames[0]);
  // nameOf returns the site path of a URL next to this file, or null.
  const nameOf = (u) => {
    try {
      const url = new URL(u, document.baseURI), base = new URL(".", document.baseURI).href;
      return url.href.startsWith(base) ? url.href.slice(base.length).replace(/[?#].*$/, "") : null;
    } catch (e) { return null; }
  };
  // A classic script's text is that of its inlined <script> (the training
  // Worker runs wasm_exec.js again: docs/frontend.md, "Training in a Worker").
  const classicText = (name) => {
    const el = [...document.querySelectorAll("script[data-nnstep-name]")].find((s) => s.dataset.nnstepName === name);
    return new Response(el ? el.textContent : "", { status: el ? 200 : 404, headers: { "Content-Type": "text/javascript" } });
  };
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const name = nameOf(input instanceof Request ? input.url : String(input));
    if (name !== null && classic.includes(name)) return Promise.resolve(classicText(name));
    return name !== null && Object.hasOwn(assets, name) ? respond(name) : realFetch(input, init);
  };
  const ran = (node) => node instanceof HTMLScriptElement && node.src !== "" && classic.includes(nameOf(node.src));
  const loaded = (node) => { setTimeout(() => node.dispatchEvent(new Event("load")), 0); return node; };
  for (const m of ["appendChild", "insertBefore"]) {
    const real = Node.prototype[m];
    Node.prototype[m] = function (node, ...rest) { return ran(node) ? loaded(node) : real.call(this, node, ...rest); };
  }
  for (const m of ["append", "prepend"]) {
    const real = Element.prototype[m];
    Element.prototype[m] = function (...nodes) { return real.apply(this, nodes.filter((n) => !(ran(n) && loaded(n)))); };
  }
})();
`
