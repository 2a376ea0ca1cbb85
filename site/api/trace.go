package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"nnstep/core/trace"
)

// MaxBodyBytes is the largest request body POST /api/trace reads (1 MiB);
// a larger one gets 413.
const MaxBodyBytes = 1 << 20

// serveTrace answers POST /api/trace (see the package documentation): check
// the media type and the declared length, read the body, decode it
// (decodeRequest), check it (trace.Request.Build) and the size of its
// answer (checkTraceSize), take a slot of its size, run it (trace.Run) and send
// its JSON (trace.Trace.WriteJSON): whole, with a Content-Length, for a
// trace of at most SmallTrace numbers (at most 1 MB), and streamed without
// one (chunked) for a larger one, so that its JSON is never whole in memory. Everything before the slot is cheap and
// bounded by MaxBodyBytes; when every slot of both sizes is taken on
// arrival the body is not even read. A request refused before its body is read gets its answer
// without a 100 Continue.
func (h *handler) serveTrace(w http.ResponseWriter, r *http.Request) {
	if allowOnly(w, r, http.MethodPost, http.MethodPost) {
		return
	}
	if msg := checkMediaType(r.Header.Get("Content-Type")); msg != "" {
		writeError(w, r, http.StatusUnsupportedMediaType, msg)
		return
	}
	if r.ContentLength > MaxBodyBytes {
		writeError(w, r, http.StatusRequestEntityTooLarge, tooLarge)
		return
	}
	if len(h.large) == cap(h.large) && len(h.small) == cap(h.small) {
		h.busy(w, r, h.small) // whatever its size, spare reading and decoding the body
		return
	}
	body, status, err := readBody(w, r)
	if err != nil {
		writeError(w, r, status, err.Error())
		return
	}
	req, err := decodeRequest(body)
	if err != nil {
		writeError(w, r, statusOf(err), err.Error())
		return
	}
	net, x, y, eta, err := req.Build()
	if err == nil {
		err = checkTraceSize(net, x.Cols)
	}
	if err != nil {
		writeError(w, r, statusOf(err), err.Error())
		return
	}
	small := TraceNumbers(net, x.Cols) <= SmallTrace
	slots := h.large
	if small {
		slots = h.small
	}
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
	default:
		h.busy(w, r, slots)
		return
	}
	tr := trace.Run(net, x, y, eta)
	if small {
		writeJSON(w, r, http.StatusOK, tr.AppendJSON(nil), noStore)
		return
	}
	setJSONHeaders(w, noStore)
	w.WriteHeader(http.StatusOK)
	tr.WriteJSON(w) // the client may be gone; nothing to do about it
}

// busy answers 503 with Retry-After: every one of slots is taken.
func (h *handler) busy(w http.ResponseWriter, r *http.Request, slots chan struct{}) {
	size := "of more than"
	if slots == h.small {
		size = "of at most"
	}
	w.Header().Set("Retry-After", strconv.Itoa(RetryAfter))
	writeError(w, r, http.StatusServiceUnavailable,
		fmt.Sprintf("trace: the server is computing %d traces %s %d numbers, as many as it runs at once; retry in %d s", cap(slots), size, SmallTrace, RetryAfter))
}

// tooLarge is the message of a body over MaxBodyBytes.
var tooLarge = fmt.Sprintf("body: larger than %d bytes (1 MiB)", MaxBodyBytes)

// checkMediaType returns "" when contentType is application/json (with any
// parameters, charset utf-8 if one is given), and otherwise the message of
// the 415 answer. Requiring it makes a cross-site form or fetch a request
// that needs a CORS preflight, which the API never grants.
func checkMediaType(contentType string) string {
	const want = "Content-Type: send the body as application/json"
	if contentType == "" {
		return want + "; the request has no Content-Type"
	}
	mt, params, err := mime.ParseMediaType(contentType)
	switch {
	case err != nil:
		return fmt.Sprintf("%s; %s is not a media type", want, quoteParam(contentType))
	case mt != "application/json":
		return fmt.Sprintf("%s, not %s", want, quoteParam(mt))
	case params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8"):
		return fmt.Sprintf("%s in UTF-8, not charset %s", want, quoteParam(params["charset"]))
	}
	return ""
}

// readBody reads at most MaxBodyBytes of the body. On failure it returns
// the status to answer: 413 for a body too large, 400 otherwise.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, int, error) {
	if r.Body == nil {
		return nil, http.StatusBadRequest, errors.New("body: empty; send a JSON object (docs/api.md)")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge, errors.New(tooLarge)
	case err != nil:
		return nil, http.StatusBadRequest, fmt.Errorf("body: could not be read: %v", err)
	}
	return body, 0, nil
}

// statusOf maps a decoding or trace.Request.Build error to its status.
func statusOf(err error) int {
	if trace.IsLimit(err) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}
