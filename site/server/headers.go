package server

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strings"
)

// HashLen is the number of lowercase hexadecimal digits of the content hash
// that the site build puts in file names: "lesson.wasm" becomes
// "lesson.0123456789.wasm".
const HashLen = 10

// hashedName matches a base name carrying a content hash before its
// extension.
var hashedName = regexp.MustCompile(`^.+\.[0-9a-f]{10}\.[A-Za-z0-9]+$`)

// HashedName returns the name under which the build publishes a file called
// name whose content has the hexadecimal digest sum: the first HashLen digits
// go between the base name and the extension, in the same directory.
func HashedName(name, sum string) string {
	dir, base := path.Split(name)
	ext := path.Ext(base)
	return dir + strings.TrimSuffix(base, ext) + "." + sum[:HashLen] + ext
}

// Class is the caching class of a served file.
type Class int

const (
	// Revalidate files (HTML pages and every name without a content hash)
	// may be stored but are checked with the server, by ETag, before each
	// use.
	Revalidate Class = iota
	// Immutable files have a content hash in their name: a new content
	// gets a new name, so they are cached for a year without revalidation.
	Immutable
)

// Classify returns the caching class of the file at the slash-separated
// path name.
func Classify(name string) Class {
	base := path.Base(name)
	if path.Ext(base) == ".html" || !hashedName.MatchString(base) {
		return Revalidate
	}
	return Immutable
}

// CacheControl returns the Cache-Control value of a class.
func (c Class) CacheControl() string {
	if c == Immutable {
		return "public, max-age=31536000, immutable"
	}
	return "no-cache"
}

// Policy is the header table of the site: the one place where the headers
// of static responses are defined. The native server sends them (Headers)
// and the site build writes them as Cloudflare's _headers file
// (HeadersFile), so both deliveries send the same headers.
type Policy struct {
	// FrameAncestors is the source list of the CSP frame-ancestors
	// directive: which pages may embed the lesson in a frame. "*" (any
	// http or https page, the default) lets every course platform embed
	// it; "'self' https://moodle.example.edu" restricts it. X-Frame-Options
	// is never sent: it cannot express such a list and would override
	// nothing useful.
	FrameAncestors string
}

// DefaultFrameAncestors is the frame-ancestors source list used when a
// Policy leaves it empty.
const DefaultFrameAncestors = "*"

// Validate reports whether the policy's values can be put in a header.
func (p Policy) Validate() error {
	fa := p.FrameAncestors
	for _, r := range fa {
		if r < 0x20 || r > 0x7e || r == ';' || r == ',' {
			return fmt.Errorf("frame-ancestors %q: only printable ASCII sources separated by spaces are allowed (no ';' or ',')", fa)
		}
	}
	return nil
}

func (p Policy) frameAncestors() string {
	if s := strings.Join(strings.Fields(p.FrameAncestors), " "); s != "" {
		return s
	}
	return DefaultFrameAncestors
}

// CSP returns the Content-Security-Policy value. The page loads nothing
// from another origin: scripts, styles, fonts, images and the wasm module
// come from the site itself ('self'), WebAssembly compilation is allowed
// ('wasm-unsafe-eval', without allowing eval), and inline style attributes
// are allowed because KaTeX positions formula glyphs with them. data: and
// blob: are allowed for images and fonts (canvas exports, inlined fonts).
func (p Policy) CSP() string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self' data:",
		"connect-src 'self'",
		"worker-src 'self' blob:",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors " + p.frameAncestors(),
	}, "; ")
}

// common returns the headers every static response carries, in order.
func (p Policy) common() [][2]string {
	return [][2]string{
		{"Content-Security-Policy", p.CSP()},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
	}
}

// Headers returns the headers of a static response for the file at the
// slash-separated path name (relative to the site root): the common
// security headers and the Cache-Control of the file's class.
func (p Policy) Headers(name string) http.Header {
	h := http.Header{}
	for _, kv := range p.common() {
		h.Set(kv[0], kv[1])
	}
	h.Set("Cache-Control", Classify(name).CacheControl())
	return h
}

// Served reports whether the file at the slash-separated path name is
// published as a file of its own: not a hidden name, not Cloudflare's
// _headers, not a precompressed sibling (name.br, name.gz) of a file that
// exists according to exists.
func Served(name string, exists func(string) bool) bool {
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return false
		}
	}
	if name == "_headers" || name == "_redirects" {
		return false
	}
	for _, enc := range encodings {
		if base, ok := strings.CutSuffix(name, enc.ext); ok && exists(base) {
			return false
		}
	}
	return true
}

// HeadersFile renders the policy as a Cloudflare _headers file for a site
// holding files (slash-separated paths relative to the root, as Served
// lists them). Cloudflare joins the values of a header set by several
// matching rules with commas, so the Cache-Control rules never overlap: a
// directory whose whole subtree has one class gets one "/dir/*" rule, other
// files get a rule each, and HTML pages get one for each URL Cloudflare
// answers them on ("/x.html" and "/x", "/d/index.html" and "/d/").
func (p Policy) HeadersFile(files []string) []byte {
	var b bytes.Buffer
	b.WriteString("# Generated by nnstep/site/cmd/build from the header table of nnstep/site/server.\n")
	b.WriteString("# Edit site/server/headers.go, not this file.\n")
	b.WriteString("/*\n")
	for _, kv := range p.common() {
		fmt.Fprintf(&b, "  %s: %s\n", kv[0], kv[1])
	}
	root := newTree()
	for _, f := range files {
		root.add(f)
	}
	var rules [][2]string // pattern, Cache-Control
	var walk func(dir string, t *tree)
	walk = func(dir string, t *tree) {
		if dir != "" {
			if c, uniform := t.class(); uniform {
				rules = append(rules, [2]string{"/" + dir + "*", c.CacheControl()})
				return
			}
		}
		for _, f := range sortedKeys(t.files) {
			name := dir + f
			cc := Classify(name).CacheControl()
			rules = append(rules, [2]string{"/" + name, cc})
			if strings.HasSuffix(f, ".html") {
				pretty := strings.TrimSuffix(name, ".html")
				if f == "index.html" {
					pretty = dir
				}
				rules = append(rules, [2]string{"/" + pretty, cc})
			}
		}
		for _, d := range sortedKeys(t.dirs) {
			walk(dir+d+"/", t.dirs[d])
		}
	}
	walk("", root)
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r[0]] {
			continue
		}
		seen[r[0]] = true
		fmt.Fprintf(&b, "%s\n  Cache-Control: %s\n", r[0], r[1])
	}
	return b.Bytes()
}

// tree is a directory of the site as HeadersFile groups it.
type tree struct {
	files map[string]bool
	dirs  map[string]*tree
}

func newTree() *tree { return &tree{files: map[string]bool{}, dirs: map[string]*tree{}} }

func (t *tree) add(name string) {
	dir, rest, ok := strings.Cut(name, "/")
	if !ok {
		t.files[name] = true
		return
	}
	sub := t.dirs[dir]
	if sub == nil {
		sub = newTree()
		t.dirs[dir] = sub
	}
	sub.add(rest)
}

// class returns the class shared by every file of the subtree, and whether
// there is one. An HTML file is never part of a uniform subtree: its pretty
// URL needs a rule of its own.
func (t *tree) class() (Class, bool) {
	var c Class
	first := true
	var visit func(t *tree) bool
	visit = func(t *tree) bool {
		for f := range t.files {
			if strings.HasSuffix(f, ".html") {
				return false
			}
			fc := Classify(f)
			if first {
				c, first = fc, false
			} else if fc != c {
				return false
			}
		}
		for _, d := range t.dirs {
			if !visit(d) {
				return false
			}
		}
		return true
	}
	ok := visit(t) && !first
	return c, ok
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
