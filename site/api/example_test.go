package api_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"

	"nnstep/site/api"
)

func ExampleHandler() {
	// One linear neuron, y = 2x, fitted to (1, 2) and (2, 5).
	body := `{"layers": [1, 1], "activations": ["identity"], "loss": "mse",
	          "W": [[[2]]], "b": [[0]], "X": [[1, 2]], "Y": [[2, 5]], "learning_rate": 0.1}`
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/api/trace", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	api.Handler().ServeHTTP(rec, req)

	var tr struct {
		Cost  float64       `json:"cost"`
		WNext [][][]float64 `json:"W_next"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &tr); err != nil {
		fmt.Println(err)
	}
	// C = ((2−2)² + (4−5)²) / (2·2) = 0.25; dW = (0·1 + (−1)·2) / 2 = −1,
	// so W ← 2 − 0.1·(−1) = 2.1.
	fmt.Println(rec.Code, tr.Cost, tr.WNext)
	// Output: 200 0.25 [[[2.1]]]
}

func ExampleHandler_error() {
	body := `{"layers": [2, 1], "W": [[[0.5, "x"]]]}`
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/api/trace", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	api.Handler().ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body)
	// Output: 400 {"error":"W[0][0][1]: want a number, got a string (\"x\")"}
}
