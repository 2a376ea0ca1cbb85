package model

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"nnstep/core/data"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/trace"
	"nnstep/core/train"
)

// The hand-off of the model between two instances of the lesson module:
// the page's, which answers every synchronous call, and the Worker's, which
// trains while the model plays (docs/frontend.md, "Training in a Worker").
// AppendModel carries the whole model (settings, data and progress) to the
// Worker when it takes training over; AppendProgress carries back what
// training changes (parameters, the trainer's order and generator, metrics,
// loss curve, divergence), once per frame. Both are bit-exact: training on
// from a loaded model gives the same numbers as training on from the
// original.

// handoffVersion starts every hand-off, so that two builds never mix.
const handoffVersion = 1

// AppendModel appends the whole model to b.
func (m *Model) AppendModel(b []byte) []byte {
	w := writer{b: b}
	w.int(handoffVersion)
	s := m.S
	w.str(s.Dataset)
	w.int(s.N)
	w.f64(s.Noise)
	w.u64(s.Seed)
	w.f64(s.Ratio)
	w.int(s.Classes)
	w.ints(s.Layers)
	w.int(len(s.Act))
	for _, a := range s.Act {
		w.str(a)
	}
	w.str(s.Output)
	w.f64(s.LR)
	w.int(s.Batch)
	w.f64(s.L2)
	w.int(s.Stop)
	w.f64(s.Target)
	w.int(s.Speed)
	w.int(s.Example)
	w.int(s.TraceBatch)
	w.set(m.own)
	w.bool(m.Full == m.own)
	if m.Full != m.own {
		w.set(m.Full)
	}
	w.set(m.Train)
	w.set(m.Test)
	w.int(m.Classes)
	w.f64(m.Lo)
	w.f64(m.Hi)
	return m.AppendProgress(w.b)
}

// LoadModel makes the model of an AppendModel.
func LoadModel(b []byte) (*Model, error) {
	r := reader{b: b}
	if v := r.int(); v != handoffVersion {
		return nil, fmt.Errorf("hand-off version %d, want %d", v, handoffVersion)
	}
	m := &Model{}
	s := &m.S
	s.Dataset = r.str()
	s.N = r.int()
	s.Noise = r.f64()
	s.Seed = r.u64()
	s.Ratio = r.f64()
	s.Classes = r.int()
	s.Layers = r.ints()
	s.Act = make([]string, r.count(1))
	for i := range s.Act {
		s.Act[i] = r.str()
	}
	s.Output = r.str()
	s.LR = r.f64()
	s.Batch = r.int()
	s.L2 = r.f64()
	s.Stop = r.int()
	s.Target = r.f64()
	s.Speed = r.int()
	s.Example = r.int()
	s.TraceBatch = r.int()
	m.own = r.set()
	if r.bool() {
		m.Full = m.own
	} else {
		m.Full = r.set()
	}
	m.Train, m.Test = r.set(), r.set()
	m.Classes = r.int()
	m.Lo, m.Hi = r.f64(), r.f64()
	if r.err != nil {
		return nil, r.err
	}
	if m.Full == nil || m.Train == nil || m.Test == nil {
		return nil, errors.New("hand-off: no data")
	}
	net, err := nn.New(s.Layers, s.Act, s.Loss())
	if err != nil {
		return nil, err
	}
	m.Net = net
	m.YTrain, m.YTest = m.targets(m.Train), m.targets(m.Test)
	if err := m.buildTrainer(0); err != nil {
		return nil, err
	}
	if err := m.LoadProgress(r.b); err != nil {
		return nil, err
	}
	return m, nil
}

// AppendProgress appends to b what training changes in the model.
func (m *Model) AppendProgress(b []byte) []byte {
	w := writer{b: b}
	w.int(m.Version)
	w.bool(m.Playing)
	w.int(m.S.Stop) // Play may clear the stop conditions
	w.f64(m.S.Target)
	for l := range m.Net.W {
		w.f64s(m.Net.W[l].Data)
		w.f64s(m.Net.B[l].Data)
	}
	w.b = m.Trainer.AppendState(w.b)
	w.f64(m.TrainM.Loss)
	w.f64(m.TrainM.Accuracy)
	w.f64(m.TestM.Loss)
	w.f64(m.TestM.Accuracy)
	w.int(len(m.Conf))
	for _, row := range m.Conf {
		w.ints(row)
	}
	w.str(m.ConfOf)
	w.int(m.Hist.Every)
	w.ints(m.Hist.Epoch)
	w.f64s(m.Hist.Train)
	w.f64s(m.Hist.Test)
	w.bool(m.Diverged != nil)
	if d := m.Diverged; d != nil {
		w.int(d.Epoch)
		w.int(d.Step)
		w.str(d.Op.Phase)
		w.int(d.Op.Layer)
		w.str(string(d.Op.Result.Sym))
		w.int(d.Op.Result.Layer)
	}
	w.int(len(m.good))
	for _, g := range m.good {
		w.f64s(g.Data)
	}
	return w.b
}

// LoadProgress applies an AppendProgress of a model with the same
// settings and data (the one AppendModel gave, trained on).
func (m *Model) LoadProgress(b []byte) error {
	r := reader{b: b}
	version, playing := r.int(), r.bool()
	stop, target := r.int(), r.f64()
	params := make([][]float64, 0, 2*len(m.Net.W))
	for l := range m.Net.W {
		params = append(params, r.f64s(), r.f64s())
		if len(params[2*l]) != len(m.Net.W[l].Data) || len(params[2*l+1]) != len(m.Net.B[l].Data) {
			return fmt.Errorf("hand-off: layer %d is not %s", l+1, m.Net.W[l].Shape())
		}
	}
	if r.err != nil {
		return r.err
	}
	rest, err := m.Trainer.SetState(r.b)
	if err != nil {
		return err
	}
	r.b = rest
	trainM := train.Metrics{Loss: r.f64(), Accuracy: r.f64()}
	testM := train.Metrics{Loss: r.f64(), Accuracy: r.f64()}
	var conf [][]int
	if n := r.count(1); n > 0 {
		conf = make([][]int, n)
		for i := range conf {
			conf[i] = r.ints()
		}
	}
	confOf := r.str()
	hist := History{Every: r.int(), Epoch: r.ints(), Train: r.f64s(), Test: r.f64s()}
	var div *train.DivergedError
	if r.bool() {
		div = &train.DivergedError{Epoch: r.int(), Step: r.int()}
		div.Op.Phase = r.str()
		div.Op.Layer = r.int()
		div.Op.Result = trace.Ref{Sym: trace.Sym(r.str()), Layer: r.int()}
	}
	var good [][]float64
	for range r.count(8) {
		good = append(good, r.f64s())
	}
	if r.err != nil {
		return r.err
	}
	if len(hist.Train) != len(hist.Epoch) || len(hist.Test) != len(hist.Epoch) {
		return errors.New("hand-off: loss curve of unequal lengths")
	}
	if len(good) != 0 && len(good) != len(params) {
		return errors.New("hand-off: last good parameters of another network")
	}
	for l := range m.Net.W {
		copy(m.Net.W[l].Data, params[2*l])
		copy(m.Net.B[l].Data, params[2*l+1])
	}
	m.good = m.good[:0]
	for i, g := range good {
		if len(g) != len(params[i]) {
			return errors.New("hand-off: last good parameters of another network")
		}
		src := m.Net.W[i/2]
		if i%2 == 1 {
			src = m.Net.B[i/2]
		}
		m.good = append(m.good, &mat.Dense{Rows: src.Rows, Cols: src.Cols, Data: g})
	}
	m.Version, m.Playing, m.S.Stop, m.S.Target = version, playing, stop, target
	m.TrainM, m.TestM, m.Conf, m.ConfOf = trainM, testM, conf, confOf
	m.Hist, m.Diverged = hist, div
	return nil
}

// writer appends the hand-off's values: little-endian 64-bit numbers,
// counted lists and strings.
type writer struct{ b []byte }

func (w *writer) u64(v uint64) { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *writer) int(v int)    { w.u64(uint64(v)) }
func (w *writer) f64(v float64) {
	w.u64(math.Float64bits(v))
}
func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}
func (w *writer) str(s string) { w.int(len(s)); w.b = append(w.b, s...) }
func (w *writer) ints(v []int) {
	w.int(len(v))
	for _, x := range v {
		w.int(x)
	}
}
func (w *writer) f64s(v []float64) {
	w.int(len(v))
	for _, x := range v {
		w.f64(x)
	}
}
func (w *writer) dense(d *mat.Dense) {
	w.int(d.Rows)
	w.int(d.Cols)
	w.f64s(d.Data)
}

// set writes a data set, or nil.
func (w *writer) set(s *data.Set) {
	w.bool(s != nil)
	if s == nil {
		return
	}
	w.dense(s.X)
	w.dense(s.Y)
	w.int(s.Classes)
	w.bool(s.Labels != nil)
	w.ints(s.Labels)
}

// reader reads what writer wrote; past the end, or on a count that cannot
// fit in what is left, it keeps the first error and returns zeros.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("hand-off: %s", what)
	}
	r.b = nil
}

func (r *reader) u64() uint64 {
	if len(r.b) < 8 {
		r.fail("too short")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}
func (r *reader) int() int     { return int(r.u64()) }
func (r *reader) f64() float64 { return math.Float64frombits(r.u64()) }
func (r *reader) bool() bool {
	if len(r.b) < 1 {
		r.fail("too short")
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

// count reads a length of items of at least size bytes each.
func (r *reader) count(size int) int {
	n := r.int()
	if n < 0 || n > len(r.b)/size {
		r.fail("bad length")
		return 0
	}
	return n
}
func (r *reader) str() string {
	n := r.count(1)
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
func (r *reader) ints() []int {
	v := make([]int, r.count(8))
	for i := range v {
		v[i] = r.int()
	}
	return v
}
func (r *reader) f64s() []float64 {
	v := make([]float64, r.count(8))
	for i := range v {
		v[i] = r.f64()
	}
	return v
}
func (r *reader) dense() *mat.Dense {
	rows, cols := r.int(), r.int()
	d := &mat.Dense{Rows: rows, Cols: cols, Data: r.f64s()}
	if rows < 0 || cols < 0 || rows*cols != len(d.Data) {
		r.fail("bad matrix")
		return mat.New(0, 0)
	}
	return d
}
func (r *reader) set() *data.Set {
	if !r.bool() {
		return nil
	}
	s := &data.Set{X: r.dense(), Y: r.dense(), Classes: r.int()}
	hasLabels := r.bool()
	labels := r.ints()
	if hasLabels {
		s.Labels = labels
	}
	if r.err == nil && (s.X.Cols != s.Y.Cols || (hasLabels && len(labels) != s.X.Cols)) {
		r.fail("bad data set")
	}
	return s
}
