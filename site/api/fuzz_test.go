package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
)

// FuzzTraceRequest posts arbitrary bodies: the handler must never panic and
// must answer 200 with a trace, or 400 or 413 with {"error": ...}, always
// valid JSON with a matching Content-Length. The seeds are the example of
// docs/api.md, some broken variants of it and the files in
// testdata/fuzz/FuzzTraceRequest.
func FuzzTraceRequest(f *testing.F) {
	ex, err := os.ReadFile("testdata/example.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ex)
	for _, edit := range [][2]string{
		{"0.1, -0.2", "NaN, -0.2"},
		{"0.1, -0.2", "1e999, -0.2"},
		{"0.1, -0.2", `"0.1", -0.2`},
		{`"relu"`, `"softmax"`},
		{`"bce"`, `"cce"`},
		{"[2, 3, 1]", "[2, 65, 1]"},
		{"[2, 3, 1]", "[]"},
		{"[[1, 0, 1, 0]]", "[[1, 0, 2, 0]]"},
		{`"learning_rate": 0.1`, `"learning_rate": -1`},
		{`"learning_rate": 0.1`, `"ops": [{"value": [[null]]}]`},
		{"}", "} x"},
	} {
		f.Add(bytes.Replace(ex, []byte(edit[0]), []byte(edit[1]), 1))
	}
	f.Add(ex[:len(ex)/2])
	f.Add([]byte(""))
	f.Add([]byte("[]"))
	f.Add([]byte(`{"layers":[1,1],"activations":["identity"],"loss":"mse","W":[[[1]]],"b":[[0]],"X":[[1]],"Y":[[1]],"learning_rate":1e308}`))
	f.Add([]byte(`{"layers":[1,2],"activations":["softmax"],"loss":"cce","W":[[[1e300],[-1e300]]],"b":[[0,0]],"X":[[1e300]],"Y":[[1],[0]],"learning_rate":1}`))

	for _, seed := range validSeeds() {
		f.Add(seed)
	}

	h := Handler()
	f.Fuzz(func(t *testing.T, body []byte) {
		req, _ := http.NewRequest(http.MethodPost, "http://nnstep.test"+TracePath, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		out := rec.Body.Bytes()
		if got := rec.Header().Get("Content-Length"); got != strconv.Itoa(len(out)) {
			t.Fatalf("Content-Length %q for %d bytes", got, len(out))
		}
		if !json.Valid(out) {
			t.Fatalf("status %d, body is not JSON: %.300q", rec.Code, out)
		}
		switch rec.Code {
		case http.StatusOK:
			var tr struct {
				Ops []json.RawMessage `json:"ops"`
			}
			if err := json.Unmarshal(out, &tr); err != nil || len(tr.Ops) == 0 {
				t.Fatalf("200 without ops: %.300s", out)
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			var e map[string]any
			if err := json.Unmarshal(out, &e); err != nil || len(e) != 1 || e["error"] == "" {
				t.Fatalf("status %d, body %.300s", rec.Code, out)
			}
			if s, _ := e["error"].(string); s == "" || len(s) > maxErrorBytes {
				t.Fatalf("status %d, error %.300q", rec.Code, s)
			}
		default:
			t.Fatalf("status %d for %.300q: %.300s", rec.Code, body, out)
		}
	})
}

// validSeeds returns small valid requests covering every hidden activation
// and every fitting output activation and loss, so that mutations reach the
// numbers of core as well as the decoder.
func validSeeds() [][]byte {
	type out struct {
		act, loss string
		units     int
		y         [][]float64
	}
	outs := []out{
		{"sigmoid", "bce", 1, [][]float64{{1, 0, 1}}},
		{"softmax", "cce", 3, [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
		{"identity", "mse", 1, [][]float64{{0.5, -2, 3}}},
		{"softmax", "mse", 2, [][]float64{{1, 0, 0.5}, {0, 1, 0.5}}},
		{"tanh", "mse", 1, [][]float64{{0.9, -0.9, 0}}},
	}
	hidden := []string{"identity", "step", "sigmoid", "tanh", "arctan", "relu", "leaky_relu", "prelu", "elu", "softplus"}
	var seeds [][]byte
	for i, h := range hidden {
		o := outs[i%len(outs)]
		w2 := make([][]float64, o.units)
		for r := range w2 {
			w2[r] = []float64{0.3 * float64(r+1), -0.7}
		}
		body, _ := json.Marshal(map[string]any{
			"layers": []int{2, 2, o.units}, "activations": []string{h, o.act}, "loss": o.loss,
			"W": [][][]float64{{{0.5, -1.5}, {2, 0}}, w2},
			"b": [][]float64{{0, -0.5}, make([]float64, o.units)},
			"X": [][]float64{{0, 1, -2}, {-0.5, 0, 3}}, "Y": o.y, "learning_rate": 0.5,
		})
		seeds = append(seeds, body)
	}
	return seeds
}
