package api

import (
	"fmt"
	"runtime"

	"nnstep/core/nn"
	"nnstep/core/trace"
)

// MaxTraceNumbers is the largest count of numbers (matrix and vector
// entries, the cost included) a trace answer may hold: 2¹⁹, about 10 MB of
// JSON. A request whose trace would hold more gets 413 before anything is
// computed. The page's own largest trace (8 weight layers of 64 units and
// its step-through batch of at most 64 examples, wasm/lesson) holds about
// 235,000, so whatever nnstep.trace() returns replays; the largest network
// fits with up to 174 examples. (Format 1 repeated every op's value and
// had a cap of 2²⁰: 220 examples, 20 MB; docs/api.md, "Trace format".)
const MaxTraceNumbers = 1 << 19

// RetryAfter is the Retry-After value, in seconds, of a 503 answer to a
// trace refused because TraceSlots traces are running.
const RetryAfter = 1

// TraceSlots returns how many traces of more than SmallTrace numbers a
// Handler computes at once: the number of CPUs, at least 2 and at most 4.
// The largest allocates about 40 MB over its run (its request, matrices
// and their rows; its JSON is streamed through a 32 kB buffer;
// BenchmarkTraceLargest), so at most 4 keep the
// server's memory bounded whatever the machine; one more gets 503 with
// Retry-After.
func TraceSlots() int { return max(2, min(runtime.NumCPU(), 4)) }

// SmallTrace is the most numbers a trace may hold to take one of the
// SmallTraceSlots rather than one of the TraceSlots(): the page's default
// step-through (2-4-4-1, 4 examples) holds a few hundred, a 2-8-8-1
// network on 64 examples about 9,000. Small traces, at most 1 MB each,
// are not held up by large ones.
const (
	SmallTrace      = 1 << 14
	SmallTraceSlots = 64
)

// TraceNumbers returns the count of numbers the trace of net on a batch of
// m examples holds (trace.Trace as trace.Run fills it): the matrices Z, A,
// dZ, dW, db, W_next, b_next, the cost, and the value of every op whose
// result none of these holds (dA, σ', C_i, C). The
// handler computes it from the request before running the trace;
// TestTraceNumbersCountsTheAnswer checks it against trace.Run's answers.
func TraceNumbers(net *nn.Network, m int) int {
	n := net.Sizes
	L := len(n) - 1
	units, params, biases := 0, 0, 0 // Σ n[l], Σ n[l]·n[l-1], Σ n[l] for l = 1…L
	for l := 1; l <= L; l++ {
		units += n[l]
		params += n[l] * n[l-1]
		biases += n[l]
	}
	// The fields: Z, dZ (layers 1…L), A (0…L), cost, dW, db, W_next, b_next.
	total := 2*units*m + (units+n[0])*m + 1 + 2*(params+biases)
	// The ops' values: C_i and C; dA[L], and σ'(Z[L]) for mse on a
	// non-softmax output; dA and σ' of the layers below L.
	total += m + 1 + n[L]*m
	if !net.Loss.AMinusY && !net.Act[L-1].IsSoftmax() {
		total += n[L] * m
	}
	total += 2 * (units - n[L]) * m
	return total
}

// checkTraceSize returns a *trace.LimitError (413) when the trace of net on m examples
// would hold more than MaxTraceNumbers numbers, naming how many examples
// would fit.
func checkTraceSize(net *nn.Network, m int) error {
	got := TraceNumbers(net, m)
	if got <= MaxTraceNumbers {
		return nil
	}
	fit := 0
	for k := m - 1; k >= 1; k-- {
		if TraceNumbers(net, k) <= MaxTraceNumbers {
			fit = k
			break
		}
	}
	return &trace.LimitError{Msg: fmt.Sprintf("X: the trace of %d examples on this network would hold %d numbers, more than the %d an answer may hold; send at most %d examples",
		m, got, MaxTraceNumbers, fit)}
}
