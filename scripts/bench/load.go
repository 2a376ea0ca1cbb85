package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
)

// LoadStats and LoadResult mirror scripts/loadtest's JSON.
type LoadStats struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

type LoadResult struct {
	Command      string
	Dir          string               `json:"dir"`
	Requests     int                  `json:"requests"`
	Done         int                  `json:"done"`
	Concurrency  int                  `json:"concurrency"`
	Errors       int                  `json:"errors"`
	ErrorSamples []string             `json:"error_samples"`
	Seconds      float64              `json:"seconds"`
	PerSecond    float64              `json:"requests_per_second"`
	StaticFiles  []string             `json:"static_files"`
	LargeFiles   []string             `json:"large_files"`
	Kinds        map[string]LoadStats `json:"kinds"`
	TimedOut     bool                 `json:"timed_out"`
}

// runLoad runs scripts/loadtest against the site in dir.
func runLoad(dir string, n, c int) (*LoadResult, error) {
	args := []string{"run", "./scripts/loadtest", "-dir", dir, "-n", fmt.Sprint(n), "-c", fmt.Sprint(c), "-json"}
	r := &LoadResult{Command: "go " + strings.Join(args, " ")}
	logf("load: %s", r.Command)
	out, err := exec.Command("go", args...).Output()
	// loadtest exits 1 when there were errors; its JSON still says which.
	if jerr := json.Unmarshal(out, r); jerr != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("%s: %v\n%s", r.Command, err, ee.Stderr)
		}
		return nil, fmt.Errorf("%s: %v (%v)", r.Command, jerr, err)
	}
	return r, nil
}
