package trace

import (
	"encoding/json"
	"io"
	"slices"
	"testing"

	"nnstep/core/mat"
	"nnstep/core/nn"
)

// largestTrace is the trace of the largest network the limits allow (8
// weight layers of 64 units, tanh then an identity output with mse) on m
// examples.
func largestTrace(tb testing.TB, m int) *Trace {
	tb.Helper()
	sizes := slices.Repeat([]int{nn.MaxUnits}, nn.MaxLayers+1)
	acts := slices.Repeat([]string{"tanh"}, nn.MaxLayers)
	acts[nn.MaxLayers-1] = "identity"
	net, err := nn.New(sizes, acts, "mse")
	if err != nil {
		tb.Fatal(err)
	}
	x, y := mat.New(nn.MaxUnits, m), mat.New(nn.MaxUnits, m)
	for i := range x.Data {
		x.Data[i] = float64(i%10)/5 - 1
		y.Data[i] = float64(i % 2)
	}
	for l := range net.W {
		for i := range net.W[l].Data {
			net.W[l].Data[i] = float64((i*7+l)%11-5) / 10
		}
	}
	return Run(net, x, y, 0.03)
}

// BenchmarkMarshalLargest encodes the trace of the largest network on
// 220 examples (the most format 1's cap of 2²⁰ numbers let through) with
// encoding/json, as format 1 was sent.
func BenchmarkMarshalLargest(b *testing.B) {
	tr := largestTrace(b, 220)
	b.ReportAllocs()
	for b.Loop() {
		out, err := json.Marshal(tr)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out)), "json-bytes")
	}
}

// counter counts the bytes written to it.
type counter int

func (c *counter) Write(p []byte) (int, error) { *c += counter(len(p)); return len(p), nil }

// BenchmarkWriteJSONLargest streams the same trace as the API does, and
// the largest one format 2 allows (174 examples).
func BenchmarkWriteJSONLargest(b *testing.B) {
	for _, m := range []int{220, 174} {
		tr := largestTrace(b, m)
		b.Run(map[int]string{220: "m=220", 174: "m=174"}[m], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var n counter
				if err := tr.WriteJSON(&n); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n), "json-bytes")
			}
		})
	}
}

var _ io.Writer = new(counter)
