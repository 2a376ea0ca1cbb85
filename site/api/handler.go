// Package api is the HTTP handler of nnstep's /api endpoints (docs/api.md). The native server mounts it and the Cloudflare Worker serves it, so
// it uses only the standard library and nnstep/core, compiles for GOOS=js,
// reads nothing of a request but its method, r.URL.Path, r.URL.RawQuery,
// its Content-Type and Content-Length and its body, and recovers from panics.
//
// # POST /api/trace
//
// One forward pass, cost, backward pass and update. The body (at most
// MaxBodyBytes, Content-Type application/json) is a JSON object holding the fields of
// trace.Request: layers, activations, loss, W, b, X, Y and learning_rate.
// Other fields are ignored, so the object nnstep.trace() returns (request
// and response together, trace.Full) replays. Decoding is stricter than
// encoding/json's: field names match exactly, a field may appear once, null
// is not a number, and every number must be finite (1e999 is refused, not
// read as +Inf). The answer is the trace.Trace in format 2 (docs/api.md,
// "Trace format"), exactly the bytes of json.Marshal(trace.Run(...)), with
// Cache-Control: no-store; a trace of more than SmallTrace numbers is
// streamed, without a Content-Length. The answer
// may hold at most MaxTraceNumbers numbers (TraceNumbers counts them from
// the request, before anything is computed), and a handler computes at most
// TraceSlots() traces at once.
//
// # GET /api/dataset
//
// The points of data.Generate, as {"X": [[...], ...], "Y": [[...], ...]}
// (features in rows). Query parameters, each at most once; a query that
// cannot be parsed or holds another parameter is refused:
//
//	name     linear, moons, circles, xor, gauss, spiral (classification),
//	         line, plane, bumps (regression); default DefaultName (circles)
//	n        points, 1 to data.MaxN (1024); default DefaultN (200)
//	noise    0 to 1, 0 for none; default DefaultNoise (0.1)
//	seed     0 to 2⁶⁴−1; default DefaultSeed (1)
//	classes  blobs of gauss, arms of spiral, 2 to 8; default 2. Other
//	         datasets accept only 2. 0 is refused (data.Spec reads it as 2).
//
// The defaults are the page's. The same query gives the same bytes, natively
// and in the Worker, so the answer carries Cache-Control: public,
// max-age=3600. HEAD is answered too.
//
// # Responses
//
// Every response is JSON (Content-Type "application/json; charset=utf-8")
// with an explicit Content-Length, except on HEAD, and carries
// X-Content-Type-Options: nosniff and the Content-Security-Policy CSP.
// Errors are
// {"error": "<message>"}, never cached, the message starting with the field
// (a path into the request such as W[0][1][2]; for malformed JSON also a line
// and column) or the query parameter at fault:
//
//	400  malformed or truncated JSON, trailing data, an empty body, a wrong
//	     type, an unknown name, a shape mismatch, a non-finite number, a
//	     loss that does not fit the output activation, softmax in a hidden
//	     layer, a missing field, a bad query parameter, an unknown one, a
//	     query that cannot be parsed
//	404  an unknown path
//	405  a method the endpoint does not take, with an Allow header
//	     (POST for /api/trace; GET, HEAD for /api/dataset)
//	413  a body over MaxBodyBytes (refused before reading it when its
//	     Content-Length says so), a problem over the limits of
//	     trace.Request.Build (8 weight layers, 64 units, 1024 examples), or
//	     a trace over MaxTraceNumbers
//	415  a trace body whose Content-Type is not application/json
//	500  a panic, recovered (docs/delivery.md, "Cloudflare")
//	503  TraceSlots() traces running already, with Retry-After: RetryAfter
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
// Each handler Handler returns runs at most TraceSlots() traces of more
// than SmallTrace numbers at once, and at most SmallTraceSlots smaller ones.
func Handler() http.Handler {
	return newHandler(TraceSlots(), SmallTraceSlots)
}

// handler routes the API's requests (route, behind recoverPanics); large
// and small hold a token for each trace being computed, of more than
// SmallTrace numbers and of at most that.
type handler struct {
	large, small chan struct{}
	serve        http.Handler
}

// newHandler returns a handler that computes at most large traces of more
// than SmallTrace numbers at once, and at most small smaller ones.
func newHandler(large, small int) *handler {
	h := &handler{large: make(chan struct{}, large), small: make(chan struct{}, small)}
	h.serve = recoverPanics(http.HandlerFunc(h.route))
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.serve.ServeHTTP(w, r) }

func (h *handler) route(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case TracePath:
		h.serveTrace(w, r)
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
