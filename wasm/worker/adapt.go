// Command worker is nnstep's Cloudflare Worker: compiled with GOOS=js
// GOARCH=wasm and glued by github.com/syumai/workers, it answers /api/* with
// the same handler as the native server (nnstep/site/api). The site's files
// are Workers Static Assets (wrangler.jsonc beside this file), served by
// Cloudflare without running the Worker: only /api/* runs it
// (run_worker_first), so each request pays for a small wasm instance.
//
// Built natively, the command serves the same adapted handler with net/http
// on a loopback address, for debugging (workers.Serve would listen on all
// interfaces).
//
// The adaptation (adapt) handles what the Workers runtime does differently
// from net/http (docs/delivery.md): r.URL arrives absolute, r.Proto
// empty, every request header split on its commas, and a panic ends the Go
// program and leaves the request hanging; a HEAD answer must not carry a
// Content-Length.
package main

import (
	"io"
	"log"
	"net/http"
	"net/url"
	"strings"
)

// adapt wraps the API handler for the Workers runtime: it restores the
// request net/http would have made, drops Content-Length from HEAD answers,
// and turns a panic into a 500 JSON error.
func adapt(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &writer{ResponseWriter: w, head: r.Method == http.MethodHead}
		defer func() {
			if v := recover(); v != nil {
				log.Printf("worker: panic serving %s %s: %v", r.Method, r.URL.Path, v)
				if !rw.started {
					rw.Header().Set("Content-Type", "application/json; charset=utf-8")
					rw.WriteHeader(http.StatusInternalServerError)
					io.WriteString(rw, `{"error":"internal error"}`)
				}
			}
		}()
		h.ServeHTTP(rw, normalize(r))
	})
}

// normalize returns r as net/http's server would have given it: a URL with
// only a path and a query (the host moves to r.Host), HTTP/1.1, the header
// values the runtime split on commas joined back exactly, and an unknown
// ContentLength (-1) rather than 0 when a body comes without a
// Content-Length.
func normalize(r *http.Request) *http.Request {
	r2 := new(http.Request)
	*r2 = *r
	u := &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	if r2.Host == "" {
		r2.Host = r.URL.Host
	}
	r2.URL = u
	r2.RequestURI = u.RequestURI()
	r2.Proto, r2.ProtoMajor, r2.ProtoMinor = "HTTP/1.1", 1, 1
	h := make(http.Header, len(r.Header))
	for k, vs := range r.Header {
		// The runtime made one value per comma-separated piece, each
		// keeping its leading space: joining with "," gives the field back.
		h[k] = []string{strings.Join(vs, ",")}
	}
	r2.Header = h
	if te := r.TransferEncoding; len(te) == 1 && te[0] == "" {
		r2.TransferEncoding = nil
	}
	if h.Get("Content-Length") == "" && r.Body != nil && r.Body != http.NoBody &&
		r.Method != http.MethodGet && r.Method != http.MethodHead {
		r2.ContentLength = -1
	}
	return r2
}

// writer records whether the answer started and keeps Content-Length off
// HEAD answers: the Workers runtime logs a stream error for a HEAD answer
// announcing a body it does not get.
type writer struct {
	http.ResponseWriter
	head    bool
	started bool
}

func (w *writer) WriteHeader(code int) {
	if w.started {
		return
	}
	w.started = true
	if w.head {
		w.Header().Del("Content-Length")
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *writer) Write(b []byte) (int, error) {
	if !w.started {
		w.WriteHeader(http.StatusOK)
	}
	if w.head {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}
