package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// NativeResult holds the samples of core/train's benchmarks.
type NativeResult struct {
	Command     string
	EpochNs     Sample // ns per epoch, one per -count run
	EpochAllocs Sample // allocs per epoch
	EpochBytes  Sample // bytes per epoch
	GridNs      Sample
	GridAllocs  Sample
	CPU         string // the "cpu:" line of go test
}

// runNative runs BenchmarkEpochSpiral and BenchmarkGrid100 count times.
func runNative(count int, benchtime string) (*NativeResult, error) {
	args := []string{"test", "-run=NONE", "-bench=^(BenchmarkEpochSpiral|BenchmarkGrid100)$",
		"-benchmem", fmt.Sprintf("-count=%d", count)}
	if benchtime != "" {
		args = append(args, "-benchtime="+benchtime)
	}
	args = append(args, "./core/train/")
	r := &NativeResult{Command: "go " + strings.Join(args, " ")}
	logf("native: %s", r.Command)
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", r.Command, err, out)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if cpu, ok := strings.CutPrefix(line, "cpu: "); ok {
			r.CPU = strings.TrimSpace(cpu)
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		metrics := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("bench line %q: %v", line, err)
			}
			metrics[f[i+1]] = v
		}
		switch {
		case strings.HasPrefix(f[0], "BenchmarkEpochSpiral"):
			r.EpochNs = append(r.EpochNs, metrics["ns/op"])
			r.EpochAllocs = append(r.EpochAllocs, metrics["allocs/op"])
			r.EpochBytes = append(r.EpochBytes, metrics["B/op"])
		case strings.HasPrefix(f[0], "BenchmarkGrid100"):
			r.GridNs = append(r.GridNs, metrics["ns/op"])
			r.GridAllocs = append(r.GridAllocs, metrics["allocs/op"])
		}
	}
	if len(r.EpochNs) == 0 || len(r.GridNs) == 0 {
		return nil, fmt.Errorf("%s: no benchmark lines in\n%s", r.Command, out)
	}
	return r, nil
}
