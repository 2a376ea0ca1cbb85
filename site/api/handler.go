// Package api is the HTTP handler of nnstep's /api endpoints (design §3.3 and
// §3.4). The native server mounts it and the Cloudflare Worker serves it, so
// it uses only the standard library and nnstep/core, compiles for GOOS=js,
// reads nothing but r.Method, r.URL.Path, r.URL.Query() and r.Body, and
// recovers from panics.
//
// Endpoints:
//
//	POST     /api/trace    one forward pass, cost, backward pass and update
//	                       (see serveTrace)
//	GET/HEAD /api/dataset  the seeded points of a dataset (see serveDataset)
//
// Every response is JSON (Content-Type "application/json; charset=utf-8")
// with an explicit Content-Length, except on HEAD. Errors are
// {"error": "<message>"}, the message starting with the field or query
// parameter at fault:
//
//	400  malformed JSON, a wrong type, an unknown name, a shape mismatch, a
//	     non-finite number, a loss that does not fit the output activation,
//	     a bad query parameter
//	404  an unknown path
//	405  a method the endpoint does not accept (with an Allow header)
//	413  a body over MaxBodyBytes, or a problem over the limits of
//	     trace.Request.Build (8 weight layers, 64 units, 1024 examples)
//	500  a panic, recovered
package api

import (
	"fmt"
	"net/http"
)

// Paths of the endpoints.
const (
	TracePath   = "/api/trace"
	DatasetPath = "/api/dataset"
)

// Handler returns the handler of /api/trace and /api/dataset. Any other path
// gets a 404 JSON error, and a panic in the handler a 500 JSON error.
func Handler() http.Handler {
	return recoverPanics(http.HandlerFunc(route))
}

func route(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case TracePath:
		serveTrace(w, r)
	case DatasetPath:
		serveDataset(w, r)
	default:
		writeError(w, r, http.StatusNotFound,
			fmt.Sprintf("path: no endpoint %q; the API has POST %s and GET %s", r.URL.Path, TracePath, DatasetPath))
	}
}

// allowOnly answers 405 with an Allow header listing allow when the method
// of r is not among methods, and reports whether it did.
func allowOnly(w http.ResponseWriter, r *http.Request, allow string, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return false
		}
	}
	w.Header().Set("Allow", allow)
	writeError(w, r, http.StatusMethodNotAllowed,
		fmt.Sprintf("method: %s %s is not allowed; use %s", r.Method, r.URL.Path, allow))
	return true
}
