package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"nnstep/core/trace"
)

// MaxBodyBytes is the largest request body POST /api/trace reads (1 MiB);
// a larger one gets 413.
const MaxBodyBytes = 1 << 20

// serveTrace answers POST /api/trace (see the package documentation): read
// the body, decode it (decodeRequest), check it (trace.Request.Build), run
// it (trace.Run) and send json.Marshal of the trace.
func serveTrace(w http.ResponseWriter, r *http.Request) {
	if allowOnly(w, r, http.MethodPost, http.MethodPost) {
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
	if err != nil {
		writeError(w, r, statusOf(err), err.Error())
		return
	}
	out, err := json.Marshal(trace.Run(net, x, y, eta))
	if err != nil {
		writeError(w, r, http.StatusInternalServerError, "internal error: "+err.Error())
		return
	}
	writeJSON(w, r, http.StatusOK, out, noStore)
}

// readBody reads at most MaxBodyBytes of the body. On failure it returns
// the status to answer: 413 for a body too large, 400 otherwise.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, int, error) {
	if r.Body == nil {
		return nil, http.StatusBadRequest, errors.New("body: empty; send a JSON object (design §3.3)")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge,
			fmt.Errorf("body: larger than %d bytes (1 MiB)", MaxBodyBytes)
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
