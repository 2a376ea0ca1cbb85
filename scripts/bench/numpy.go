package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"nnstep/scripts/bench/workload"
)

// NumpyResult is the baseline's answer (see numpy_epoch.py).
type NumpyResult struct {
	Command     string
	Python      string  `json:"python"`
	PythonPath  string  `json:"python_path"`
	Numpy       string  `json:"numpy"`
	CheckEpochs int     `json:"check_epochs"`
	CheckDiff   float64 `json:"check_max_abs_diff"`
	EpochSec    Sample  `json:"epoch_seconds"`
}

// python returns an interpreter that imports numpy, Debian's first
// (scripts/deps.sh installs python3-numpy; a python3 earlier on PATH, e.g.
// pyenv's, may lack it).
func python() (string, error) {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import numpy").Run() == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no python3 with numpy (apt-get install python3-numpy; make deps does)")
}

// workloadFile is the input of numpy_epoch.py.
type workloadFile struct {
	X, Y         [][]float64
	Layers       []int         `json:"layers"`
	Activations  []string      `json:"activations"`
	LR           float64       `json:"lr"`
	Batch        int           `json:"batch"`
	W            [][][]float64 `json:"W"`
	B            [][]float64   `json:"b"`
	Check        checkFile     `json:"check"`
	Warmup       int           `json:"warmup"`
	Runs         int           `json:"runs"`
	EpochsPerRun int           `json:"epochs_per_run"`
}

type checkFile struct {
	Perms [][]int       `json:"perms"`
	W     [][][]float64 `json:"W"`
	B     [][]float64   `json:"b"`
}

// exportWorkload writes the workload's data, initial parameters and the
// parameters of the Go trainer after checkEpochs epochs to path.
func exportWorkload(path string, checkEpochs, runs, epochsPerRun int) error {
	tr, err := workload.Trainer()
	if err != nil {
		return err
	}
	f := workloadFile{
		X: tr.X.ToRows(), Y: tr.Y.ToRows(),
		Layers: workload.Layers, Activations: workload.Acts, LR: workload.LR, Batch: workload.Batch,
		Warmup: 3, Runs: runs, EpochsPerRun: epochsPerRun,
	}
	f.W, f.B = workload.Params(tr)
	for range checkEpochs {
		if err := tr.RunEpoch(); err != nil {
			return err
		}
	}
	f.Check.Perms = workload.Perms(checkEpochs)
	f.Check.W, f.Check.B = workload.Params(tr)
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// runNumpy times the notebook-style epoch.
func runNumpy(tmp string, runs, epochsPerRun int) (*NumpyResult, error) {
	py, err := python()
	if err != nil {
		return nil, err
	}
	in := filepath.Join(tmp, "workload.json")
	if err := exportWorkload(in, 3, runs, epochsPerRun); err != nil {
		return nil, err
	}
	args := []string{"scripts/bench/numpy_epoch.py", in}
	cmd := py + " " + strings.Join(args, " ")
	logf("numpy: %s", cmd)
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("%s: %v\n%s", cmd, err, ee.Stderr)
		}
		return nil, fmt.Errorf("%s: %v", cmd, err)
	}
	r := &NumpyResult{Command: cmd}
	if err := json.Unmarshal(out, r); err != nil {
		return nil, fmt.Errorf("%s: %v in %q", cmd, err, out)
	}
	if r.CheckDiff > 1e-9 {
		return r, fmt.Errorf("numpy: after %d epochs its parameters differ from Go's by %g: not the same computation", r.CheckEpochs, r.CheckDiff)
	}
	return r, nil
}
