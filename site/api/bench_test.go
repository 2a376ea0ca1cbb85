package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// largestRequest is the biggest problem within the limits: 8 weight layers
// of 64 units and 1024 examples (a body of about 0.7 MB, an answer of about
// 86 MB).
func largestRequest(b *testing.B) []byte {
	sizes := []int{64}
	var acts []string
	var W [][][]float64
	var bias [][]float64
	for range 8 {
		sizes = append(sizes, 64)
		acts = append(acts, "tanh")
		W = append(W, filled(64, 64, 0.1))
		bias = append(bias, make([]float64, 64))
	}
	acts[7] = "identity"
	body, err := json.Marshal(map[string]any{"layers": sizes, "activations": acts, "loss": "mse", "W": W, "b": bias,
		"X": filled(64, 1024, 0.5), "Y": filled(64, 1024, 0.25), "learning_rate": 0.1})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

func benchmarkTrace(b *testing.B, body []byte) {
	h := Handler()
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, TracePath, bytes.NewReader(body)))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %.200s", rec.Code, rec.Body)
		}
		b.ReportMetric(float64(rec.Body.Len()), "resp-bytes")
	}
}

// BenchmarkTraceExample is the request of design §3.3.
func BenchmarkTraceExample(b *testing.B) { benchmarkTrace(b, exampleBody(b)) }

// BenchmarkTraceLargest is the largest request within the limits.
func BenchmarkTraceLargest(b *testing.B) { benchmarkTrace(b, largestRequest(b)) }

// BenchmarkDataset is the page's default dataset.
func BenchmarkDataset(b *testing.B) {
	h := Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, DatasetPath+"?name=spiral&n=1024&classes=3", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
