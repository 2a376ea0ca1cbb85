package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// largestRequest is the biggest problem within the limits: 8 weight layers
// of 64 units and as many examples as MaxTraceNumbers allows (an answer of
// about 20 MB).
func largestRequest(b *testing.B) []byte { return largestBody(b, largestExamples(b)) }

func benchmarkTrace(b *testing.B, body []byte) {
	h := Handler()
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, TracePath, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %.200s", rec.Code, rec.Body)
		}
		b.ReportMetric(float64(rec.Body.Len()), "resp-bytes")
	}
}

// BenchmarkTraceExample is the request of docs/api.md.
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
