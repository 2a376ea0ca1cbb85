// Package train runs gradient descent over a dataset: full batch,
// mini-batch or stochastic (one example per step), epoch after epoch, with
// seeded shuffling. Its loop allocates nothing once running, and it stops at
// the first non-finite parameter, naming the operation that produced it.
package train

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/num"
	"nnstep/core/trace"
)

// Config holds the hyper-parameters.
type Config struct {
	LR    float64 // η, the learning rate
	Batch int     // examples per step: 0 (or ≥ m) full batch, 1 stochastic
	L2    float64 // λ of L2 regularisation: dW[l] += (λ/m)·W[l]; 0 for none
	Seed  uint64  // seed of the shuffling
	// Clip is the largest norm of the whole gradient (every dW[l] and
	// db[l] together) a step may use: a longer gradient is scaled down to
	// this norm, keeping its direction (gradient clipping). 0 for none.
	Clip float64
}

// Limits on hyper-parameters, with a reason a student can read.
const (
	MaxLR = 1e6
	MaxL2 = 1e3
)

// Check returns an error naming the first unusable field.
func (c Config) Check() error {
	switch {
	case math.IsNaN(c.LR) || c.LR <= 0 || c.LR > MaxLR:
		return fmt.Errorf("lr: the learning rate must be between 0 (excluded) and %g, got %v", float64(MaxLR), c.LR)
	case c.Batch < 0:
		return fmt.Errorf("batch: must be 0 (full batch) or a positive number of examples, got %d", c.Batch)
	case math.IsNaN(c.L2) || c.L2 < 0 || c.L2 > MaxL2:
		return fmt.Errorf("l2: must be between 0 and %g, got %v", float64(MaxL2), c.L2)
	case math.IsNaN(c.Clip) || math.IsInf(c.Clip, 0) || c.Clip < 0:
		return fmt.Errorf("clip: must be 0 (no clipping) or a positive norm, got %v", c.Clip)
	}
	return nil
}

// Trainer trains one network on one training set.
type Trainer struct {
	Net   *nn.Network
	X, Y  *mat.Dense
	Cfg   Config
	Epoch int // epochs completed
	Steps int // gradient steps taken

	pass   *nn.Pass
	rng    *num.Rand
	perm   []int
	xb, yb mat.Dense
	backup []*mat.Dense // parameters before the current step
}

// New returns a trainer; x has one column per example, y likewise.
func New(net *nn.Network, x, y *mat.Dense, cfg Config) (*Trainer, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if x.Cols != y.Cols || x.Cols == 0 {
		return nil, fmt.Errorf("data: X has %d examples, Y has %d", x.Cols, y.Cols)
	}
	if x.Rows != net.Sizes[0] || y.Rows != net.Sizes[net.L()] {
		return nil, fmt.Errorf("data: X is %s and Y %s, the network needs %d and %d rows", x.Shape(), y.Shape(), net.Sizes[0], net.Sizes[net.L()])
	}
	t := &Trainer{Net: net, X: x, Y: y, Cfg: cfg, pass: nn.NewPass(net), rng: num.NewRand(cfg.Seed)}
	t.perm = make([]int, x.Cols)
	for i := range t.perm {
		t.perm[i] = i
	}
	for l := range net.W {
		t.backup = append(t.backup, net.W[l].Clone(), net.B[l].Clone())
	}
	return t, nil
}

// AppendState appends what the trainer carries from one epoch to the next
// besides the network's parameters (the epoch and step counts, the
// shuffling generator and the current order of the examples) to b: a
// trainer of the same network and data given it by SetState trains on
// exactly as this one would.
func (t *Trainer) AppendState(b []byte) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(t.Epoch))
	b = binary.LittleEndian.AppendUint64(b, uint64(t.Steps))
	b = t.rng.AppendState(b)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.perm)))
	for _, i := range t.perm {
		b = binary.LittleEndian.AppendUint32(b, uint32(i))
	}
	return b
}

// SetState restores a state of AppendState and returns the bytes after it.
func (t *Trainer) SetState(b []byte) ([]byte, error) {
	if len(b) < 16 {
		return nil, errors.New("trainer state: too short")
	}
	epoch, steps := int(binary.LittleEndian.Uint64(b)), int(binary.LittleEndian.Uint64(b[8:]))
	b, err := t.rng.SetState(b[16:])
	if err != nil {
		return nil, err
	}
	if len(b) < 4 || int(binary.LittleEndian.Uint32(b)) != len(t.perm) || len(b) < 4+4*len(t.perm) {
		return nil, fmt.Errorf("trainer state: not %d examples", len(t.perm))
	}
	b = b[4:]
	for i := range t.perm {
		j := int(binary.LittleEndian.Uint32(b[4*i:]))
		if j >= len(t.perm) {
			return nil, fmt.Errorf("trainer state: example %d of %d", j, len(t.perm))
		}
		t.perm[i] = j
	}
	t.Epoch, t.Steps = epoch, steps
	return b[4*len(t.perm):], nil
}

// BatchSize is the number of examples per step.
func (t *Trainer) BatchSize() int {
	if t.Cfg.Batch <= 0 || t.Cfg.Batch > t.X.Cols {
		return t.X.Cols
	}
	return t.Cfg.Batch
}

// DivergedError says training produced a NaN or an infinity. The network
// keeps the parameters it had before the failing step.
type DivergedError struct {
	Epoch, Step int
	Op          trace.Op // the first operation of that step with a non-finite value
}

func (e *DivergedError) Error() string {
	return fmt.Sprintf("training diverged at epoch %d, step %d: %s (%s) is not finite", e.Epoch+1, e.Step, e.Op.Result, e.Op.Phase)
}

// RunEpoch makes one pass over the training set in batches of BatchSize,
// shuffled unless it is the full batch. It returns a *DivergedError, with
// the network restored to its last finite parameters, if a step produced a
// non-finite value.
func (t *Trainer) RunEpoch() error {
	m, bs := t.X.Cols, t.BatchSize()
	if bs < m {
		t.rng.Shuffle(t.perm)
	}
	for start := 0; start < m; start += bs {
		end := min(start+bs, m)
		x, y := t.X, t.Y
		if bs < m {
			t.xb.CopyCols(t.X, t.perm[start:end])
			t.yb.CopyCols(t.Y, t.perm[start:end])
			x, y = &t.xb, &t.yb
		}
		if err := t.step(x, y); err != nil {
			return err
		}
	}
	t.Epoch++
	return nil
}

func (t *Trainer) step(x, y *mat.Dense) error {
	net, p := t.Net, t.pass
	for l := range net.W {
		t.backup[2*l].Copy(net.W[l])
		t.backup[2*l+1].Copy(net.B[l])
	}
	net.Forward(p, x)
	net.Backward(p, y)
	if t.Cfg.L2 > 0 {
		k := t.Cfg.L2 / float64(t.X.Cols)
		for l := range net.W {
			p.DW[l].AddScaled(p.DW[l], k, net.W[l])
		}
	}
	if t.Cfg.Clip > 0 {
		clip(p, t.Cfg.Clip)
	}
	net.Update(p, t.Cfg.LR)
	t.Steps++
	for l := range net.W {
		if net.W[l].FirstNonFinite() >= 0 || net.B[l].FirstNonFinite() >= 0 {
			return t.diverged(x, y)
		}
	}
	return nil
}

// clip scales every dW[l] and db[l] by max/‖g‖ when the norm ‖g‖ of the
// whole gradient exceeds max.
func clip(p *nn.Pass, max float64) {
	ss := 0.0
	for l := range p.DW {
		ss += p.DW[l].SumSq() + p.DB[l].SumSq()
	}
	if norm := math.Sqrt(ss); norm > max {
		k := max / norm
		for l := range p.DW {
			p.DW[l].Scale(k, p.DW[l])
			p.DB[l].Scale(k, p.DB[l])
		}
	}
}

// diverged restores the last finite parameters and replays the failing
// step as a trace to name its first non-finite operation.
func (t *Trainer) diverged(x, y *mat.Dense) error {
	for l := range t.Net.W {
		t.Net.W[l].Copy(t.backup[2*l])
		t.Net.B[l].Copy(t.backup[2*l+1])
	}
	e := &DivergedError{Epoch: t.Epoch, Step: t.Steps}
	tr := trace.Run(t.Net, x.Clone(), y.Clone(), t.Cfg.LR)
	if tr.FirstNonFinite != nil {
		e.Op = tr.Ops[*tr.FirstNonFinite]
	} else { // only the L2 term overflowed
		e.Op = trace.Op{Phase: trace.Update, Result: trace.Ref{Sym: trace.SymWNext, Layer: 1}, Layer: 1}
	}
	return e
}
