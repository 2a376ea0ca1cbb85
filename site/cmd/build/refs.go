package main

import (
	"path"
	"strings"
)

// A ref is one place in a text file that names another file of the site.
type ref struct {
	start, end int    // byte range of the referenced file's base name in the text
	target     string // slash path of the referenced file, relative to the root
}

// isTextFile reports whether name is a file whose references to other files
// are followed and rewritten.
func isTextFile(name string) bool {
	switch path.Ext(name) {
	case ".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".svg":
		return true
	}
	return false
}

// urlChar reports whether c may appear in the path part of a reference.
func urlChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '.' || c == '_' || c == '~' || c == '-' || c == '/'
}

// findRefs returns the references that text, the content of the file from,
// makes to the files of names. A reference is a run of path characters
// ending with a file's base name, delimited on both sides by something else
// (a quote, a parenthesis, "?", "#", space…), that resolves to the file:
// relative to the folder of from ("../gen/lesson.wasm" from js/main.js, as
// a stylesheet's url() or import.meta.url resolve it), relative to the site
// root ("gen/lesson.wasm", as fetch resolves it against a page at the root),
// or from the root ("/gen/lesson.wasm"). Strings that only look like a path
// ("main.js" in a message) are rewritten too, which is harmless. URLs with
// a scheme are never references.
func findRefs(text []byte, from string, names []string) []ref {
	s := string(text)
	dir := path.Dir(from)
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	skip := commentRanges(s, path.Ext(from))
	inComment := func(i int) bool {
		for _, r := range skip {
			if r[0] <= i && i < r[1] {
				return true
			}
		}
		return false
	}
	var refs []ref
	for _, target := range names {
		base := path.Base(target)
		for i := 0; ; {
			j := strings.Index(s[i:], base)
			if j < 0 {
				break
			}
			j += i
			end := j + len(base)
			i = j + 1
			if end < len(s) && urlChar(s[end]) {
				continue // longer name, or a folder of the same name
			}
			start := j
			for start > 0 && urlChar(s[start-1]) {
				start--
			}
			if start > 0 && s[start-1] == ':' {
				continue // scheme://host/..., data:, etc.
			}
			if resolve(s[start:end], dir, set) == target && !inComment(j) {
				refs = append(refs, ref{start: j, end: end, target: target})
			}
		}
	}
	return refs
}

// commentRanges returns the byte ranges of the comments of an HTML page
// (<!-- -->) or a stylesheet (/* */): names there are prose, not
// references. Scripts are not scanned for comments (telling a comment from a
// string or a regular expression takes a parser); the bundles esbuild makes
// have none.
func commentRanges(s, ext string) [][2]int {
	open, close := "", ""
	switch ext {
	case ".html", ".svg":
		open, close = "<!--", "-->"
	case ".css":
		open, close = "/*", "*/"
	default:
		return nil
	}
	var out [][2]int
	for i := 0; ; {
		j := strings.Index(s[i:], open)
		if j < 0 {
			return out
		}
		j += i
		k := strings.Index(s[j+len(open):], close)
		if k < 0 {
			return append(out, [2]int{j, len(s)})
		}
		end := j + len(open) + k + len(close)
		out = append(out, [2]int{j, end})
		i = end
	}
}

// resolve returns the file of names that the reference r, written in a
// file of folder dir, names, or "". Relative to dir comes first; relative
// to the root only when that names no file.
func resolve(r, dir string, names map[string]bool) string {
	var t string
	switch {
	case strings.HasPrefix(r, "//"):
		return ""
	case strings.HasPrefix(r, "/"):
		t = path.Clean(r[1:])
	case names[path.Join(dir, r)]:
		t = path.Join(dir, r)
	default:
		t = path.Clean(r)
	}
	if names[t] {
		return t
	}
	return ""
}

// rewrite returns text with each reference's base name replaced by
// newBase[target].
func rewrite(text []byte, refs []ref, newBase map[string]string) []byte {
	if len(refs) == 0 {
		return text
	}
	sorted := append([]ref(nil), refs...)
	// Insertion sort: a file has few references.
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].start < sorted[j-1].start; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	var b strings.Builder
	last := 0
	for _, r := range sorted {
		if r.start < last {
			continue // overlapping match of a shorter name
		}
		b.Write(text[last:r.start])
		b.WriteString(newBase[r.target])
		last = r.end
	}
	b.Write(text[last:])
	return []byte(b.String())
}
