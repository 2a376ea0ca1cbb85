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

// Result is what loadtest reports.
type Result struct {
	Dir          string           `json:"dir"`
	Requests     int              `json:"requests"`
	Done         int              `json:"done"`
	Concurrency  int              `json:"concurrency"`
	Errors       int              `json:"errors"`
	ErrorSamples []string         `json:"error_samples,omitempty"`
	Seconds      float64          `json:"seconds"`
	PerSecond    float64          `json:"requests_per_second"`
	StaticFiles  []string         `json:"static_files"`
	LargeFiles   []string         `json:"large_files"`
	Kinds        map[string]Stats `json:"kinds"`
	TimedOut     bool             `json:"timed_out"`
}
