package trace

import (
	"errors"
	"fmt"
	"math"

	"nnstep/core/mat"
	"nnstep/core/nn"
)

// MaxExamples is the largest batch a trace accepts.
const MaxExamples = 1024

// Request is everything one trace needs (docs/api.md): the architecture,
// the parameters, a batch and the learning rate. W[l] has layers[l+1] rows
// of layers[l] values; b[l] has layers[l+1] values; X has layers[0] rows of
// m values and Y layers[L] rows of m values.
type Request struct {
	Layers       []int         `json:"layers"`
	Activations  []string      `json:"activations"`
	Loss         string        `json:"loss"`
	W            [][][]float64 `json:"W"`
	B            [][]float64   `json:"b"`
	X            [][]float64   `json:"X"`
	Y            [][]float64   `json:"Y"`
	LearningRate *float64      `json:"learning_rate"`
}

// LimitError is a request over nnstep's size limits (HTTP 413), as opposed
// to a malformed one (400).
type LimitError struct{ Msg string }

func (e *LimitError) Error() string { return e.Msg }

// IsLimit reports whether err is a LimitError.
func IsLimit(err error) bool {
	var le *LimitError
	return errors.As(err, &le)
}

// Build checks the request and returns the network with its parameters, X,
// Y and η. Every error names the field at fault; limits give a *LimitError.
func (r *Request) Build() (net *nn.Network, x, y *mat.Dense, eta float64, err error) {
	if len(r.Layers) == 0 {
		return nil, nil, nil, 0, errors.New("layers: missing or empty")
	}
	if len(r.Layers)-1 > nn.MaxLayers {
		return nil, nil, nil, 0, &LimitError{fmt.Sprintf("layers: at most %d weight layers, got %d", nn.MaxLayers, len(r.Layers)-1)}
	}
	for i, n := range r.Layers {
		if n > nn.MaxUnits {
			return nil, nil, nil, 0, &LimitError{fmt.Sprintf("layers[%d]: at most %d units, got %d", i, nn.MaxUnits, n)}
		}
	}
	if r.Loss == "" {
		return nil, nil, nil, 0, errors.New("loss: missing")
	}
	net, err = nn.New(r.Layers, r.Activations, r.Loss)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	if err = net.SetParams(r.W, r.B); err != nil {
		return nil, nil, nil, 0, err
	}
	L := net.L()
	x, err = matrix("X", r.X, r.Layers[0], "layers[0]")
	if err != nil {
		return nil, nil, nil, 0, err
	}
	y, err = matrix("Y", r.Y, r.Layers[L], fmt.Sprintf("layers[%d]", L))
	if err != nil {
		return nil, nil, nil, 0, err
	}
	if y.Cols != x.Cols {
		return nil, nil, nil, 0, fmt.Errorf("Y: has %d examples (columns), X has %d", y.Cols, x.Cols)
	}
	if err = net.Loss.CheckTargets(y); err != nil {
		return nil, nil, nil, 0, err
	}
	if r.LearningRate == nil {
		return nil, nil, nil, 0, errors.New("learning_rate: missing")
	}
	eta = *r.LearningRate
	if math.IsNaN(eta) || math.IsInf(eta, 0) || eta < 0 {
		return nil, nil, nil, 0, fmt.Errorf("learning_rate: must be a finite number ≥ 0, got %v", eta)
	}
	return net, x, y, eta, nil
}

func matrix(name string, v [][]float64, rows int, from string) (*mat.Dense, error) {
	if len(v) != rows {
		return nil, fmt.Errorf("%s: need %d rows (%s), got %d", name, rows, from, len(v))
	}
	m := len(v[0])
	if m == 0 {
		return nil, fmt.Errorf("%s[0]: no examples", name)
	}
	if m > MaxExamples {
		return nil, &LimitError{fmt.Sprintf("%s: at most %d examples, got %d", name, MaxExamples, m)}
	}
	for i, row := range v {
		if len(row) != m {
			return nil, fmt.Errorf("%s[%d]: has %d values, %s[0] has %d", name, i, len(row), name, m)
		}
		for j, x := range row {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%s[%d][%d]: %v is not a finite number", name, i, j, x)
			}
		}
	}
	return mat.FromRows(v)
}
