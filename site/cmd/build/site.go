package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"nnstep/site/server"
)

// SiteConfig configures BuildSite.
type SiteConfig struct {
	Src            string // source folder (site/web)
	Out            string // output folder, replaced (dist)
	FrameAncestors string // CSP frame-ancestors sources for _headers
	Cache          string // compressed-copy cache folder, "" for none
	Esbuild        string // esbuild binary; found upwards when empty
	BrotliQuality  int    // 0-11
}

// SiteResult describes a built site.
type SiteResult struct {
	Files    []Published // sorted by name
	Warnings []string
}

// Published is one file of the built site.
type Published struct {
	Name   string // slash path in the output folder
	Source string // slash path in the source folder ("" for a generated file)
	Size   int
	Br, Gz int // sizes of the compressed copies, 0 when none was written
}

// Print writes a table of the built files and the warnings.
func (r *SiteResult) Print(w io.Writer) {
	var total, totalBr int
	for _, f := range r.Files {
		br, gz := "-", "-"
		if f.Br > 0 {
			br = human(f.Br)
		}
		if f.Gz > 0 {
			gz = human(f.Gz)
		}
		fmt.Fprintf(w, "  %-44s %9s  br %9s  gz %9s\n", f.Name, human(f.Size), br, gz)
		total += f.Size
		if f.Br > 0 {
			totalBr += f.Br
		} else {
			totalBr += f.Size
		}
	}
	fmt.Fprintf(w, "site: %d files, %s (%s as brotli where it helps)\n", len(r.Files), human(total), human(totalBr))
	for _, m := range r.Warnings {
		fmt.Fprintln(w, "warning:", m)
	}
}

// human formats a byte count.
func human(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// minCompress is the size under which no compressed copy is written.
const minCompress = 512

// BuildSite builds the static site: see the package comment.
func BuildSite(c SiteConfig) (*SiteResult, error) {
	policy := server.Policy{FrameAncestors: c.FrameAncestors}
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	if err := checkFolders(c.Src, c.Out); err != nil {
		return nil, err
	}
	src, err := readSite(c.Src)
	if err != nil {
		return nil, err
	}
	res := &SiteResult{}

	// Module scripts of the pages are bundled, each into one file.
	entries := moduleEntries(src, res)
	files := map[string][]byte{} // published name (before hashing) → content
	bundledInto := map[string]bool{}
	for name, data := range src {
		files[name] = data
	}
	if len(entries) > 0 {
		bin, err := findEsbuild(c.Esbuild)
		if err != nil {
			return nil, err
		}
		outputs, inputs, err := bundle(bin, c.Src, entries)
		if err != nil {
			return nil, err
		}
		for _, in := range inputs {
			if _, ok := src[in]; ok && !entries.has(in) {
				bundledInto[in] = true
			}
		}
		for in := range bundledInto {
			delete(files, in)
		}
		for name, data := range outputs {
			// Entries, modules imported dynamically (bundled under their own
			// name) and shared chunks.
			files[name] = data
		}
	}

	// Follow references until the set of published files is stable: a
	// bundled module that something names by URL is published as well.
	union := map[string]bool{}
	for n := range src {
		union[n] = true
	}
	for n := range files {
		union[n] = true
	}
	allNames := sortedNames(union)
	refs := map[string][]ref{}
	for {
		added := false
		for _, name := range sortedNames(files) {
			if !isTextFile(name) {
				continue
			}
			refs[name] = findRefs(files[name], name, allNames)
			for _, r := range refs[name] {
				if _, ok := files[r.target]; !ok {
					if data, ok := src[r.target]; ok {
						files[r.target] = data
						added = true
					}
				}
			}
		}
		if !added {
			break
		}
	}
	missingRefs(files, res)

	// Every non-HTML file something refers to gets a content-hashed name;
	// files are rewritten after the files they name, so each hash covers
	// the final names of its references.
	referenced := map[string]bool{}
	for _, rs := range refs {
		for _, r := range rs {
			referenced[r.target] = true
		}
	}
	newName := map[string]string{}
	newBase := map[string]string{}
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(name string, chain []string) error
	visit = func(name string, chain []string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("files name each other in a cycle (%s → %s): content hashes cannot be computed; load one of them without naming the other", strings.Join(chain, " → "), name)
		case 2:
			return nil
		}
		state[name] = 1
		for _, r := range refs[name] {
			if r.target != name {
				if err := visit(r.target, append(chain, name)); err != nil {
					return err
				}
			}
		}
		self := map[string]string{name: path.Base(name)}
		for k, v := range newBase {
			self[k] = v
		}
		files[name] = rewrite(files[name], refs[name], self)
		newName[name] = name
		if referenced[name] && path.Ext(name) != ".html" {
			sum := sha256.Sum256(files[name])
			newName[name] = server.HashedName(name, hex.EncodeToString(sum[:]))
		}
		newBase[name] = path.Base(newName[name])
		state[name] = 2
		return nil
	}
	for _, name := range sortedNames(files) {
		if err := visit(name, nil); err != nil {
			return nil, err
		}
	}

	out := map[string][]byte{}
	source := map[string]string{}
	for name, data := range files {
		out[newName[name]] = data
		source[newName[name]] = name
	}
	if _, ok := out["404.html"]; !ok {
		out["404.html"] = []byte(notFoundHTML)
	}
	if sw := serviceWorker(out); sw != nil {
		out[ServiceWorkerName] = sw
		source[ServiceWorkerName] = ServiceWorkerName
	}
	if err := writeSite(c, policy, out, source, res); err != nil {
		return nil, err
	}
	return res, nil
}

// checkFolders refuses an output folder that would destroy the sources.
func checkFolders(src, out string) error {
	if out == "" || src == "" {
		return errors.New("source and output folders must be given")
	}
	as, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	ao, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if ao == filepath.Dir(ao) {
		return fmt.Errorf("output folder %s is a file system root", out)
	}
	within := func(a, b string) bool { // a inside or equal to b
		rel, err := filepath.Rel(b, a)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	if within(as, ao) || within(ao, as) {
		return fmt.Errorf("output folder %s and source folder %s overlap", out, src)
	}
	if info, err := os.Stat(src); err != nil || !info.IsDir() {
		return fmt.Errorf("source folder %s: not a folder", src)
	}
	return nil
}

// readSite reads every published file of the folder: hidden names,
// precompressed siblings (the build makes its own) and the lesson's
// Markdown sources in lesson/ (built into gen/lesson-text.js by make wasm,
// docs/content.md) are left out.
func readSite(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if d.IsDir() && name == "lesson" {
			return filepath.SkipDir
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			info, err := os.Stat(p)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[name] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name := range files {
		if !server.Served(name, func(n string) bool { _, ok := files[n]; return ok }) {
			delete(files, name)
		}
	}
	return files, nil
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// nameSet is a sorted set of file names.
type nameSet []string

func (s nameSet) has(name string) bool {
	i := sort.SearchStrings(s, name)
	return i < len(s) && s[i] == name
}

var (
	scriptTag = regexp.MustCompile(`(?is)<script\b[^>]*>`)
	attrRe    = regexp.MustCompile(`(?is)\b([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	localRef  = regexp.MustCompile(`(?is)\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// attrs returns the attributes of an HTML start tag, names in lower case.
func attrs(tag string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(tag, -1) {
		m[strings.ToLower(a[1])] = a[2] + a[3] + a[4]
	}
	return m
}

// moduleEntries returns the module scripts (<script type="module" src>) of
// the HTML pages that exist in the site.
func moduleEntries(files map[string][]byte, res *SiteResult) nameSet {
	set := map[string]bool{}
	for _, name := range sortedNames(files) {
		if path.Ext(name) != ".html" {
			continue
		}
		for _, tag := range scriptTag.FindAllString(string(files[name]), -1) {
			a := attrs(tag)
			if strings.ToLower(a["type"]) != "module" || a["src"] == "" {
				continue
			}
			target, ok := localTarget(a["src"], path.Dir(name))
			if !ok {
				continue
			}
			if _, exists := files[target]; !exists {
				continue // reported by missingRefs
			}
			set[target] = true
		}
	}
	return nameSet(sortedNames(set))
}

// localTarget resolves a URL written in a file of folder dir to a path in
// the site, or reports false for URLs of another origin, data: URLs and
// fragments.
func localTarget(u, dir string) (string, bool) {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if u == "" || strings.Contains(u, ":") || strings.HasPrefix(u, "//") {
		return "", false
	}
	if strings.HasPrefix(u, "/") {
		return path.Clean(u[1:]), true
	}
	return path.Join(dir, u), true
}

// missingRefs warns about src and href attributes of the pages that name no
// file of the site (a page still being written, or a typo).
func missingRefs(files map[string][]byte, res *SiteResult) {
	for _, name := range sortedNames(files) {
		if path.Ext(name) != ".html" {
			continue
		}
		for _, m := range localRef.FindAllStringSubmatch(string(files[name]), -1) {
			u := m[1] + m[2]
			target, ok := localTarget(u, path.Dir(name))
			if !ok || target == "." || strings.HasSuffix(u, "/") {
				continue
			}
			if _, exists := files[target]; !exists {
				if _, exists := files[path.Join(target, "index.html")]; !exists {
					res.Warnings = append(res.Warnings, fmt.Sprintf("%s: %q names no file of the site", name, u))
				}
			}
		}
	}
}

// findEsbuild returns the esbuild binary to use.
func findEsbuild(bin string) (string, error) {
	if bin != "" {
		return bin, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, "node_modules", ".bin", "esbuild")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("node_modules/.bin/esbuild not found: run scripts/deps.sh (npm ci) first")
		}
		dir = parent
	}
}

// bundle runs esbuild once on all the module entries (paths in the site
// folder src), with code splitting: each entry becomes one file under its
// own name, and the modules shared by several entries go to chunk files
// (chunks/chunk-XXXXXXXX.js) that the entries import, so a module shared by
// two of a page's scripts is still evaluated once. It returns the output
// files by site path and the site files the bundles took in.
func bundle(bin, src string, entries []string) (map[string][]byte, []string, error) {
	tmp, err := os.MkdirTemp("", "nnstep-esbuild-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)
	outDir := filepath.Join(tmp, "out")
	metaFile := filepath.Join(tmp, "meta.json")
	args := []string{}
	for _, e := range entries {
		args = append(args, filepath.FromSlash(e))
	}
	args = append(args, esbuildFlags...)
	// The scripts learn the service worker's URL from the build
	// (js/serviceworker.js): only the built site has one.
	args = append(args, "--define:NNSTEP_SERVICE_WORKER="+strconv.Quote(ServiceWorkerName))
	args = append(args, "--splitting", "--outbase=.", "--outdir="+outDir,
		"--entry-names=[dir]/[name]", "--chunk-names=chunks/[name]-[hash]", "--metafile="+metaFile)
	cmd := exec.Command(bin, args...)
	cmd.Dir = src
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("esbuild %s: %w", strings.Join(entries, " "), err)
	}
	meta, err := readMeta(metaFile)
	if err != nil {
		return nil, nil, err
	}
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return nil, nil, err
	}
	outputs := map[string][]byte{}
	for out, o := range meta.Outputs {
		file := filepath.Join(absSrc, filepath.FromSlash(out))
		rel, err := filepath.Rel(outDir, file)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, nil, fmt.Errorf("esbuild wrote %s outside its output folder", out)
		}
		name := filepath.ToSlash(rel)
		if ep := path.Clean(filepath.ToSlash(o.EntryPoint)); o.EntryPoint != "" && slices.Contains(entries, ep) {
			name = ep // keep the entry's name (and .mjs)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, err
		}
		outputs[name] = data
	}
	return outputs, meta.inputs(), nil
}

// esbuildFlags are the flags of every bundle: ES modules, minified, UTF-8
// kept as is (the lesson's French text), no license comments.
var esbuildFlags = []string{"--bundle", "--format=esm", "--minify", "--charset=utf8",
	"--legal-comments=none", "--log-level=warning"}

// esbuildMeta is the part of esbuild's metafile the build reads.
type esbuildMeta struct {
	Inputs  map[string]json.RawMessage `json:"inputs"`
	Outputs map[string]struct {
		EntryPoint string `json:"entryPoint"`
	} `json:"outputs"`
}

func readMeta(file string) (*esbuildMeta, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var meta esbuildMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, fmt.Errorf("esbuild metafile: %w", err)
	}
	return &meta, nil
}

// inputs returns the input files, as slash paths relative to esbuild's
// working folder.
func (m *esbuildMeta) inputs() []string {
	var in []string
	for p := range m.Inputs {
		in = append(in, path.Clean(filepath.ToSlash(p)))
	}
	sort.Strings(in)
	return in
}

// writeSite replaces the output folder with the files, their compressed
// copies, _headers and .assetsignore.
func writeSite(c SiteConfig, policy server.Policy, out map[string][]byte, source map[string]string, res *SiteResult) error {
	if err := os.RemoveAll(c.Out); err != nil {
		return err
	}
	comp := &compressor{cache: c.Cache, quality: c.BrotliQuality}
	names := sortedNames(out)
	res.Files = make([]Published, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, name := range names {
		res.Files[i] = Published{Name: name, Source: source[name], Size: len(out[name])}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = writeWithCopies(c.Out, name, out[name], comp, &res.Files[i])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := writeFile(c.Out, "_headers", policy.HeadersFile(names)); err != nil {
		return err
	}
	return writeFile(c.Out, ".assetsignore", []byte(assetsIgnore))
}

// assetsIgnore keeps the precompressed copies out of a Workers Static
// Assets upload: Cloudflare compresses on its own edge.
const assetsIgnore = "# Generated by nnstep/site/cmd/build: Cloudflare compresses on its own.\n*.br\n*.gz\n"

// writeWithCopies writes data to dir/name and, when it is compressible and
// the copies are smaller, name.br and name.gz.
func writeWithCopies(dir, name string, data []byte, comp *compressor, p *Published) error {
	if err := writeFile(dir, name, data); err != nil {
		return err
	}
	if !server.Compressible(name) || len(data) < minCompress {
		return nil
	}
	br, err := comp.brotli(data)
	if err != nil {
		return err
	}
	gz, err := comp.gzip(data)
	if err != nil {
		return err
	}
	if len(br) < len(data) {
		if err := writeFile(dir, name+".br", br); err != nil {
			return err
		}
		p.Br = len(br)
	}
	if len(gz) < len(data) {
		if err := writeFile(dir, name+".gz", gz); err != nil {
			return err
		}
		p.Gz = len(gz)
	}
	return nil
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// notFoundHTML is the 404 page written when the source has none. It is
// self-contained (any URL depth shows it) and links to the site's root.
const notFoundHTML = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page introuvable · nnstep</title>
<style>
body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
a{color:#0b5cad}
</style>
</head>
<body>
<h1>404</h1>
<p lang="fr">Cette page n'existe pas. <a href="/">Retour à la leçon nnstep</a>.</p>
<p lang="en">This page does not exist. <a href="/?lang=en">Back to the nnstep lesson</a>.</p>
</body>
</html>
`
