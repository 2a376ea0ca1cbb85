package server

import (
	"path"
	"strconv"
	"strings"
)

// contentTypes maps the extensions the site uses to their media types. The
// table is explicit rather than taken from the system's mime.types so that
// every machine serves the same types; an extension missing here is served
// as application/octet-stream, never sniffed.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".xml":         "application/xml",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".pdf":         "application/pdf",
}

// ContentType returns the media type of the file at the slash-separated
// path name, from its extension.
func ContentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// Compressible reports whether precompressed copies of the file are worth
// making: text formats, wasm and uncompressed fonts. Images and woff/woff2
// fonts are compressed already.
func Compressible(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".js", ".mjs", ".css", ".wasm", ".json", ".map", ".webmanifest",
		".txt", ".csv", ".xml", ".svg", ".ico", ".ttf", ".otf":
		return true
	}
	return false
}

// encoding is a content coding the server can send from a precompressed
// sibling file.
type encoding struct {
	token string // Content-Encoding and Accept-Encoding token
	ext   string // suffix of the sibling file
}

// encodings lists the precompressed siblings in order of preference.
var encodings = []encoding{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// Encodings returns the precompressed sibling suffixes the server looks
// for, in order of preference (".br", ".gz").
func Encodings() []string {
	s := make([]string, len(encodings))
	for i, e := range encodings {
		s[i] = e.ext
	}
	return s
}

// quality parses an Accept-Encoding header (all its field lines) and
// returns the weight the client gives the coding token: its q-value when
// listed (x-gzip counts as gzip), else that of "*", else 0; and whether the
// token itself is listed. A q-value that cannot be read counts as 1.
func quality(fields []string, token string) (q float64, listed bool) {
	star := -1.0
	for _, field := range fields {
		for _, item := range strings.Split(field, ",") {
			name, params, _ := strings.Cut(item, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			w := 1.0
			for _, p := range strings.Split(params, ";") {
				k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
				if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
					if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
						w = f
					}
				}
			}
			switch {
			case name == token, name == "x-gzip" && token == "gzip":
				return w, true
			case name == "*":
				star = w
			}
		}
	}
	return max(star, 0), false
}

// chooseEncoding returns the index in encodings of the coding to send, or
// -1 for the file itself: among the codings with a sibling (has) the one of
// highest q-value above 0, the server's order breaking ties, unless the
// client lists identity with a higher q-value.
func chooseEncoding(fields []string, has func(i int) bool) int {
	best, bestQ := -1, 0.0
	for i, e := range encodings {
		if !has(i) {
			continue
		}
		if q, _ := quality(fields, e.token); q > bestQ {
			best, bestQ = i, q
		}
	}
	if q, listed := quality(fields, "identity"); listed && q > bestQ {
		return -1
	}
	return best
}
