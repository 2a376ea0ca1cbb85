// Package nn is the lecture's network: L layers, each
//
//	Z[l] = W[l]·A[l-1] + b[l]     A[l] = σ[l](Z[l])     A[0] = X
//
// with its forward pass (forward.go), backward pass (backward.go), gradient
// descent update (update.go) and a finite-difference check (gradcheck.go).
// Layer l of the lecture (1-based) is index l-1 in the slices of Network and
// Pass; A is the exception, indexed from A[0] = X.
package nn

import (
	"fmt"

	"nnstep/core/act"
	"nnstep/core/loss"
	"nnstep/core/mat"
	"nnstep/core/num"
)

// Limits of a network nnstep builds (and of POST /api/trace).
const (
	MaxLayers = 8  // weight layers L
	MaxUnits  = 64 // units in any layer, input included
)

// Network holds the architecture and the parameters.
type Network struct {
	Sizes []int       // n[0] … n[L]: units per layer, input first
	Act   []act.Layer // σ[1] … σ[L]
	Loss  *loss.Loss
	W     []*mat.Dense // W[l]: n[l] × n[l-1]
	B     []*mat.Dense // b[l]: n[l] × 1
}

// New checks the architecture and returns a network with zero parameters;
// call Init or SetParams next. acts has one name per weight layer.
func New(sizes []int, acts []string, lossName string) (*Network, error) {
	L := len(sizes) - 1
	if L < 1 {
		return nil, fmt.Errorf("layers: need at least an input and an output layer, got %d", len(sizes))
	}
	if L > MaxLayers {
		return nil, fmt.Errorf("layers: at most %d weight layers, got %d", MaxLayers, L)
	}
	for i, n := range sizes {
		if n < 1 || n > MaxUnits {
			return nil, fmt.Errorf("layers[%d]: units must be between 1 and %d, got %d", i, MaxUnits, n)
		}
	}
	if len(acts) != L {
		return nil, fmt.Errorf("activations: need %d (one per weight layer), got %d", L, len(acts))
	}
	net := &Network{Sizes: append([]int(nil), sizes...)}
	for l, name := range acts {
		a, err := act.ForLayer(name)
		if err != nil {
			return nil, fmt.Errorf("activations[%d]: %v", l, err)
		}
		if a.IsSoftmax() && l != L-1 {
			return nil, fmt.Errorf("activations[%d]: softmax is for the output layer only", l)
		}
		if a.IsSoftmax() && sizes[L] < 2 {
			return nil, fmt.Errorf("activations[%d]: softmax needs at least 2 output units, got %d", l, sizes[L])
		}
		net.Act = append(net.Act, a)
	}
	lo, err := loss.Get(lossName)
	if err != nil {
		return nil, fmt.Errorf("loss: %v", err)
	}
	if err := lo.Fits(acts[L-1]); err != nil {
		return nil, fmt.Errorf("loss: %v", err)
	}
	net.Loss = lo
	for l := 1; l <= L; l++ {
		net.W = append(net.W, mat.New(sizes[l], sizes[l-1]))
		net.B = append(net.B, mat.New(sizes[l], 1))
	}
	return net, nil
}

// L is the number of weight layers.
func (n *Network) L() int { return len(n.W) }

// Init draws the weights from a seeded normal distribution scaled to the
// layer's activation (act.Func.Init), and sets the biases to 0:
//
//   - ReLU, Leaky ReLU, PReLU, ELU: He, std √(2/n[l-1]). Half of a ReLU's
//     inputs are cut off, so doubling the variance keeps the signal's scale
//     from layer to layer.
//   - every other activation (sigmoid, tanh, arctan, softplus, identity,
//     step, softmax): Glorot/Xavier, std √(2/(n[l-1]+n[l])), which keeps
//     both the forward signal and the backward gradient near unit variance
//     around 0, where these functions are steepest.
func (n *Network) Init(seed uint64) {
	g := num.NewRand(seed)
	for l, w := range n.W {
		std := n.Act[l].Init().Std(w.Cols, w.Rows)
		for i := range w.Data {
			w.Data[i] = std * g.Normal()
		}
		n.B[l].Zero()
	}
}

// SetParams copies W (W[l] as rows) and b (b[l] flat) into the network,
// checking every shape and that every number is finite.
func (n *Network) SetParams(W [][][]float64, b [][]float64) error {
	if len(W) != n.L() {
		return fmt.Errorf("W: need %d matrices (one per weight layer), got %d", n.L(), len(W))
	}
	if len(b) != n.L() {
		return fmt.Errorf("b: need %d vectors (one per weight layer), got %d", n.L(), len(b))
	}
	for l := range W {
		rows, cols := n.Sizes[l+1], n.Sizes[l]
		if len(W[l]) != rows {
			return fmt.Errorf("W[%d]: need %d rows (layers[%d]), got %d", l, rows, l+1, len(W[l]))
		}
		for i, row := range W[l] {
			if len(row) != cols {
				return fmt.Errorf("W[%d][%d]: need %d values (layers[%d]), got %d", l, i, cols, l, len(row))
			}
			for j, v := range row {
				if !num.IsFinite(v) {
					return fmt.Errorf("W[%d][%d][%d]: %v is not a finite number", l, i, j, v)
				}
				n.W[l].Set(i, j, v)
			}
		}
		if len(b[l]) != rows {
			return fmt.Errorf("b[%d]: need %d values (layers[%d]), got %d", l, rows, l+1, len(b[l]))
		}
		for i, v := range b[l] {
			if !num.IsFinite(v) {
				return fmt.Errorf("b[%d][%d]: %v is not a finite number", l, i, v)
			}
			n.B[l].Data[i] = v
		}
	}
	return nil
}

// Clone returns a deep copy, parameters included.
func (n *Network) Clone() *Network {
	c := *n
	c.Sizes = append([]int(nil), n.Sizes...)
	c.Act = append([]act.Layer(nil), n.Act...)
	c.W, c.B = make([]*mat.Dense, n.L()), make([]*mat.Dense, n.L())
	for l := range n.W {
		c.W[l], c.B[l] = n.W[l].Clone(), n.B[l].Clone()
	}
	return &c
}

// ActNames returns the activation names, one per weight layer.
func (n *Network) ActNames() []string {
	out := make([]string, len(n.Act))
	for i, a := range n.Act {
		out[i] = a.Name
	}
	return out
}
