package server

import (
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// cfRule is one block of a _headers file.
type cfRule struct {
	pattern *regexp.Regexp
	headers [][2]string
	detach  []string
}

// parseHeadersFile reads a _headers file the way Cloudflare documents it: a
// block is a URL pattern line followed by indented "Name: value" lines (or
// "! Name" to drop a header set by an earlier rule); "*" matches any run of
// characters, slashes included; "#" starts a comment line.
func parseHeadersFile(t *testing.T, file []byte) []cfRule {
	t.Helper()
	var rules []cfRule
	for i, line := range strings.Split(string(file), "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case line[0] != ' ' && line[0] != '\t':
			if strings.Count(line, "*") > 1 {
				t.Fatalf("line %d: %q: Cloudflare allows one splat per pattern", i+1, line)
			}
			re := "^" + strings.ReplaceAll(regexp.QuoteMeta(line), `\*`, `.*`) + "$"
			rules = append(rules, cfRule{pattern: regexp.MustCompile(re)})
		default:
			if len(rules) == 0 {
				t.Fatalf("line %d: header before any pattern", i+1)
			}
			r := &rules[len(rules)-1]
			text := strings.TrimSpace(line)
			if name, ok := strings.CutPrefix(text, "!"); ok {
				r.detach = append(r.detach, strings.TrimSpace(name))
				continue
			}
			name, value, ok := strings.Cut(text, ":")
			if !ok {
				t.Fatalf("line %d: %q is not Name: value", i+1, line)
			}
			r.headers = append(r.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	if len(rules) > 100 {
		t.Errorf("%d rules: Cloudflare reads at most 100", len(rules))
	}
	return rules
}

// apply returns the headers Cloudflare adds to a response for urlPath: every
// matching rule applies, values of one name from several rules are joined
// with ", ".
func apply(rules []cfRule, urlPath string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !r.pattern.MatchString(urlPath) {
			continue
		}
		for _, name := range r.detach {
			h.Del(name)
		}
		for _, kv := range r.headers {
			if old := h.Get(kv[0]); old != "" {
				h.Set(kv[0], old+", "+kv[1])
			} else {
				h.Set(kv[0], kv[1])
			}
		}
	}
	return h
}

// TestHeadersFileMatchesServer checks that, for every URL of a site, the
// _headers file makes Cloudflare send exactly the headers the native server
// sends.
func TestHeadersFileMatchesServer(t *testing.T) {
	files := []string{
		"index.html",
		"404.html",
		"robots.txt",
		"app.0123456789.css",
		"js/main.0123456789.js",
		"gen/lesson.abcdef0123.wasm",
		"gen/wasm_exec.fedcba9876.js",
		"fonts/KaTeX_Main-Regular.1111111111.woff2",
		"fonts/KaTeX_Main-Regular.2222222222.woff",
		"img/logo.svg",
		"img/icons/a.png",
		"mixed/a.3333333333.js",
		"mixed/b.js",
		"mixed/deep/c.4444444444.css",
		"guide/index.html",
		"guide/extra.html",
	}
	p := Policy{FrameAncestors: "'self' https://lms.example.org"}
	file := p.HeadersFile(files)
	rules := parseHeadersFile(t, file)
	urls := map[string]string{} // URL path → file
	for _, f := range files {
		urls["/"+f] = f
		if strings.HasSuffix(f, ".html") {
			pretty := "/" + strings.TrimSuffix(f, ".html")
			if strings.HasSuffix(f, "index.html") {
				pretty = "/" + strings.TrimSuffix(f, "index.html")
			}
			urls[pretty] = f
		}
	}
	for u, f := range urls {
		got := apply(rules, u)
		want := p.Headers(f)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s (%s):\n_headers gives %v\nserver sends  %v", u, f, got, want)
		}
	}
	if strings.Contains(strings.ToLower(string(file)), "x-frame-options") {
		t.Error("_headers sets X-Frame-Options")
	}
	t.Logf("_headers:\n%s", file)
}

func TestClassify(t *testing.T) {
	cases := map[string]Class{
		"index.html":                  Revalidate,
		"page.0123456789.html":        Revalidate,
		"js/main.0123456789.js":       Immutable,
		"js/main.012345678.js":        Revalidate, // 9 digits
		"js/main.0123456789a.js":      Revalidate, // 11 digits
		"js/main.ABCDEF0123.js":       Revalidate, // upper case
		"gen/lesson.abcdef0123.wasm":  Immutable,
		"gen/lesson.wasm":             Revalidate,
		"0123456789.js":               Revalidate, // no base name
		"a/b/font.9999999999.woff2":   Immutable,
		"robots.txt":                  Revalidate,
		"x.0123456789.tar.gz":         Revalidate,
		"x.0123456789.0123456789.css": Immutable,
	}
	for name, want := range cases {
		if got := Classify(name); got != want {
			t.Errorf("Classify(%q) = %v, want %v", name, got, want)
		}
	}
	if got := HashedName("gen/lesson.wasm", "abcdef0123456789"); got != "gen/lesson.abcdef0123.wasm" || Classify(got) != Immutable {
		t.Errorf("HashedName: %q", got)
	}
}
