// Package result holds the report of scripts/loadtest, the bounded load
// test of the native server: what its -json flag prints and what
// scripts/bench reads back.
package result

// Stats are the latencies of one kind of request.
type Stats struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

// Result is what loadtest reports. Kinds holds the latencies of the
// answered requests by phase and kind: "quiet/trace", "quiet/static",
// "quiet/all" (ordinary traffic alone), "burst/trace", "burst/static",
// "burst/all" (the same traffic while the largest traces run) and
// "burst/large" (the largest traces answered 200).
type Result struct {
	Dir          string           `json:"dir"`
	Serve        string           `json:"serve"`         // the server command run
	Requests     int              `json:"requests"`      // ordinary requests, both phases
	Done         int              `json:"done"`          // ordinary requests answered or failed
	Concurrency  int              `json:"concurrency"`   // ordinary workers
	Burst        int              `json:"burst"`         // workers sending the largest trace during the burst
	LargeShape   string           `json:"large_shape"`   // the largest trace's network and examples
	LargeNumbers int              `json:"large_numbers"` // numbers its answer holds
	LargeBody    int              `json:"large_body_bytes"`
	LargeStatus  map[string]int   `json:"large_status"` // answers to the largest traces by status
	Errors       int              `json:"errors"`
	ErrorSamples []string         `json:"error_samples,omitempty"`
	Seconds      float64          `json:"seconds"`
	PerSecond    float64          `json:"requests_per_second"` // ordinary requests
	StaticFiles  []string         `json:"static_files"`
	LargeFiles   []string         `json:"large_files"`
	Kinds        map[string]Stats `json:"kinds"`
	PeakRSS      int64            `json:"peak_rss_bytes"` // the server process's VmHWM
	MaxRSS       int64            `json:"max_rss_bytes"`  // the bound it must stay under
	TimedOut     bool             `json:"timed_out"`
}
