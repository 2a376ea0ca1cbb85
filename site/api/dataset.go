package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"nnstep/core/data"
)

// Defaults of GET /api/dataset for a query parameter that is absent: the
// page's own defaults (wasm/lesson), so that /api/dataset alone returns the
// points the page opens with.
const (
	DefaultName  = "circles"
	DefaultN     = 200 // points
	DefaultNoise = 0.1 // standard deviation of the jitter in units of 0.3 (see package data)
	DefaultSeed  = 1
)

// datasetBody is the JSON of a dataset: features in rows, examples in
// columns (docs/api.md).
type datasetBody struct {
	X [][]float64 `json:"X"`
	Y [][]float64 `json:"Y"`
}

// serveDataset answers GET and HEAD /api/dataset (see the package
// documentation) with the points data.Generate makes.
func serveDataset(w http.ResponseWriter, r *http.Request) {
	if allowOnly(w, r, "GET, HEAD", http.MethodGet, http.MethodHead) {
		return
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, r, http.StatusBadRequest, fmt.Sprintf("query: %s cannot be read (%v); write name=moons&n=100", quoteParam(r.URL.RawQuery), err))
		return
	}
	spec, err := datasetSpec(q)
	if err != nil {
		writeError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	set, err := data.Generate(spec)
	if err != nil {
		writeError(w, r, http.StatusBadRequest, fieldMessage(err))
		return
	}
	body, err := json.Marshal(datasetBody{X: set.X.ToRows(), Y: set.Y.ToRows()})
	if err != nil {
		writeError(w, r, http.StatusInternalServerError, "internal error: "+err.Error())
		return
	}
	writeJSON(w, r, http.StatusOK, body, cacheable)
}

// datasetParams are the query parameters of GET /api/dataset.
var datasetParams = []string{"name", "n", "noise", "seed", "classes"}

// datasetSpec reads the query into a data.Spec and validates it. Every
// error message starts with the parameter at fault.
func datasetSpec(q url.Values) (data.Spec, error) {
	s := data.Spec{Name: DefaultName, N: DefaultN, Noise: DefaultNoise, Seed: DefaultSeed}
	for _, p := range slices.Sorted(maps.Keys(q)) {
		if !slices.Contains(datasetParams, p) {
			return s, fmt.Errorf("%s: unknown parameter; the parameters are %s", quoteParam(p), strings.Join(datasetParams, ", "))
		}
		if k := len(q[p]); k > 1 {
			return s, fmt.Errorf("%s: given %d times; give it once", p, k)
		}
	}
	if v, ok := param(q, "name"); ok {
		s.Name = v
	}
	if v, ok := param(q, "n"); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return s, fmt.Errorf("n: want a whole number between 1 and %d, got %s", data.MaxN, quoteParam(v))
		}
		s.N = n
	}
	if v, ok := param(q, "noise"); ok {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return s, fmt.Errorf("noise: want a number between 0 and 1, got %s", quoteParam(v))
		}
		s.Noise = x
	}
	if v, ok := param(q, "seed"); ok {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return s, fmt.Errorf("seed: want a whole number between 0 and %d, got %s", uint64(1<<64-1), quoteParam(v))
		}
		s.Seed = seed
	}
	if v, ok := param(q, "classes"); ok {
		k, err := strconv.Atoi(v)
		if err != nil {
			return s, fmt.Errorf("classes: want a whole number between %d and %d, got %s", data.MinClasses, data.MaxClasses, quoteParam(v))
		}
		if k < data.MinClasses {
			// data.Spec reads 0 as "the default, 2"; the query says 2 itself.
			return s, fmt.Errorf("classes: must be between %d and %d, got %d", data.MinClasses, data.MaxClasses, k)
		}
		s.Classes = k
	}
	if err := s.Validate(); err != nil {
		return s, errors.New(fieldMessage(err))
	}
	return s, nil
}

// param returns the value of the query parameter p and whether it is given.
func param(q url.Values, p string) (string, bool) {
	v, ok := q[p]
	if !ok {
		return "", false
	}
	return v[0], true
}

// quoteParam quotes a query value for a message, cut to a sane length.
func quoteParam(v string) string { return strconv.Quote(truncate(v, 40)) }

// fieldMessage writes a data.FieldError as "field: message", like the other
// errors of the API.
func fieldMessage(err error) string {
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return fe.Field + ": " + fe.Msg
	}
	return err.Error()
}
