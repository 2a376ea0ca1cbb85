package api

import (
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"runtime/debug"
	"strconv"
	"unicode/utf8"
)

// Cache-Control values: a trace depends on the whole request body, a dataset
// only on its query, which makes it safe to cache.
const (
	noStore   = "no-store"
	cacheable = "public, max-age=3600"
)

// CSP is the Content-Security-Policy of every API response: a JSON answer
// loads nothing and may not be framed, even if a browser is led to render it.
const CSP = "default-src 'none'; frame-ancestors 'none'"

// logf logs a recovered panic (a variable so tests can catch it).
var logf = log.Printf

// maxErrorBytes bounds an error message, which may quote user input.
const maxErrorBytes = 1024

// errorBody is the JSON of every error response.
type errorBody struct {
	Error string `json:"error"`
}

// writeJSON sends body (already JSON) with status: JSON content type, the
// given Cache-Control, and an explicit Content-Length except on HEAD, where
// the body is left out (a HEAD with a Content-Length upsets the Worker's
// runtime, docs/delivery.md, "Limits that matter").
func writeJSON(w http.ResponseWriter, r *http.Request, status int, body []byte, cache string) {
	setJSONHeaders(w, cache)
	h := w.Header()
	if r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) // the client may be gone; nothing to do about it
}

// setJSONHeaders sets the headers of every API response: the JSON content
// type, the given Cache-Control, nosniff and CSP.
func setJSONHeaders(w http.ResponseWriter, cache string) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", cache)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", CSP)
}

// writeError sends {"error": msg} with status. Errors are never cached.
func writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	body, err := json.Marshal(errorBody{truncate(msg, maxErrorBytes)})
	if err != nil { // cannot happen: a string always marshals
		body = []byte(`{"error":"internal error"}`)
	}
	writeJSON(w, r, status, body, noStore)
}

// truncate cuts s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "…"
	cut := n - len(mark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}

// recoverPanics turns a panic in h into a 500 JSON error (when nothing was
// written yet) instead of a crash: in the Worker a panic ends the Go program
// and leaves the request hanging (docs/delivery.md, "Cloudflare"). It is the
// API's one panic recovery, for the native server and the Worker alike.
func recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v) // net/http's way to abort a response: not a failure
			}
			logf("api: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			if !tw.wrote {
				tw.Header().Del("Allow")
				writeError(tw, r, http.StatusInternalServerError, "internal error: the server failed on this request")
			}
		}()
		h.ServeHTTP(tw, r)
	})
}

// trackingWriter records whether the response has started.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(status int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(status)
}

func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the underlying writer.
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
