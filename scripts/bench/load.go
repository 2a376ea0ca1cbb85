package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"

	"nnstep/scripts/loadtest/result"
)

// LoadResult is scripts/loadtest's JSON report and the command that made it.
type LoadResult struct {
	Command string
	result.Result
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
