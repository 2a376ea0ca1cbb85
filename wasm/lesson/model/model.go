// Package model is the lesson module's model, without the browser: the
// settings and their schema (parsing and validating the URL's keys), the
// data (generated, CSV or clicked points), the network and its training
// paced by frames, the step-through's trace, and what the page and the
// stage read of it (state, stats, loss curve, frontier picture, scene). The
// command wasm/lesson binds it to JS (window.nnstepGo); natively it is
// tested with go test. See docs/frontend.md and docs/stage.md.
package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"nnstep/core/data"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/trace"
	"nnstep/core/train"
)

// maxHistory bounds the loss curve: past it, every other point is dropped
// and the curve's step between epochs doubles.
const maxHistory = 1200

// The time Update may spend training per frame: as many epochs as fit in
// half the measured frame interval, at least MinBudget (what a 60 Hz
// display leaves: 8 ms of its 16.7) and at most MaxBudget, below the 50 ms
// of a "long task", so input events never wait long. When frames are slow
// for another reason (software WebGL compositing in another process), the
// main thread would otherwise sit idle between them.
const (
	MinBudget = 8 * time.Millisecond
	MaxBudget = 40 * time.Millisecond
)

// Budget returns the training time for a frame given the average frame
// interval.
func Budget(interval time.Duration) time.Duration {
	return min(max(interval/2, MinBudget), MaxBudget)
}

// WorkerBudget returns the training time for a frame when training runs
// in a Worker (docs/frontend.md, "Training in a Worker"): half the frame
// interval, as on the main thread, but without MaxBudget's bound, since no
// input waits for that thread; at most MaxWorkerBudget. Half, not all: on
// a machine of 2 cores the Worker shares them with the page's main thread
// and the browser's compositor (software WebGL draws on the CPU).
func WorkerBudget(interval time.Duration) time.Duration {
	return min(max(interval/2, MinBudget), MaxWorkerBudget)
}

// MaxWorkerBudget bounds WorkerBudget.
const MaxWorkerBudget = 200 * time.Millisecond

// Model is the stage's state apart from drawing: settings, data, network,
// trainer, metrics and the loss curve. Its methods never call JS.
type Model struct {
	S Settings

	own         *data.Set // the student's points (dataset "own"), all of them
	Full        *data.Set
	Train, Test *data.Set
	YTrain      *mat.Dense // targets as the output layer sees them
	YTest       *mat.Dense
	Classes     int // 0 for regression data

	Net     *nn.Network
	Trainer *train.Trainer
	evTrain *train.Evaluator
	evTest  *train.Evaluator
	Lo, Hi  float64 // extent of the plane (both axes; x for line)

	Playing  bool
	Diverged *train.DivergedError
	TrainM   train.Metrics
	TestM    train.Metrics
	Conf     [][]int // confusion matrix of the test set (train set when there is none)
	ConfOf   string  // "test" or "train"

	Hist    History
	Version int // bumps whenever the parameters or the data change

	good []*mat.Dense // the parameters at the last evaluation with a finite loss
}

// History is the loss curve, sampled by epochs: a point at every epoch
// that is a multiple of Every (1 at first, doubled each time the curve
// reaches maxHistory points), however many epochs a frame runs.
type History struct {
	Epoch []int
	Train []float64
	Test  []float64
	Every int // epochs between points; 0 reads as 1
}

// due says whether epoch e has a point on the curve.
func (h *History) due(e int) bool { return e%max(h.Every, 1) == 0 }

// add puts the point of epoch e (replacing one at the same epoch, e.g.
// after a weight was edited), thinning the curve past maxHistory points.
func (h *History) add(e int, tr, te float64) {
	if n := len(h.Epoch); n > 0 && h.Epoch[n-1] == e {
		h.Train[n-1], h.Test[n-1] = tr, te
		return
	}
	h.Epoch = append(h.Epoch, e)
	h.Train = append(h.Train, tr)
	h.Test = append(h.Test, te)
	if len(h.Epoch) <= maxHistory {
		return
	}
	h.Every = 2 * max(h.Every, 1)
	k := 0
	for i, ep := range h.Epoch {
		if ep%h.Every == 0 {
			h.Epoch[k], h.Train[k], h.Test[k] = ep, h.Train[i], h.Test[i]
			k++
		}
	}
	h.Epoch, h.Train, h.Test = h.Epoch[:k], h.Train[:k], h.Test[:k]
}

func (h *History) reset() { *h = History{} }

// NewModel returns a model built from the defaults.
func NewModel() *Model {
	m := &Model{}
	if _, err := m.Configure(map[string]string{}); err != nil {
		panic(err) // the defaults are valid
	}
	return m
}

// Configure applies URL-style settings (keys of Keys(); absent keys keep
// their value) and rebuilds what they change: the data, the network (its
// weights re-initialised) or only the trainer (learning rate, batch, L2 keep
// the weights and the loss curve). It returns the notices of values that
// fell back to defaults.
func (m *Model) Configure(kv map[string]string) ([]Notice, error) {
	cur := m.S
	first := m.Net == nil
	if first {
		cur = Defaults()
	}
	ownClasses := 0
	if m.own != nil {
		ownClasses = m.own.Classes
	} else if m.Full != nil && m.Full.Classes > 0 {
		ownClasses = m.Full.Classes
	}
	s, notices := Apply(cur, kv, ownClasses)
	if s.Dataset == Own && m.own == nil {
		// Own points are not in a link: say where these come from.
		from := "xor"
		if m.Full != nil && m.Full.Classes > 0 && m.Full.X.Rows == 2 {
			from = cur.Dataset
		}
		m.own = m.ownSeed()
		s, notices = Apply(cur, kv, m.own.Classes)
		notices = append(notices, Notice{Key: "dataset", Value: strconv.Itoa(m.own.N()), Fallback: from, Code: "ownSeed"})
	}
	dataChanged := first || s.Dataset != cur.Dataset || s.N != cur.N || s.Noise != cur.Noise ||
		s.Seed != cur.Seed || s.Ratio != cur.Ratio || (s.Classes != cur.Classes && (s.Dataset == "gauss" || s.Dataset == "spiral"))
	netChanged := dataChanged || !slices.Equal(s.Layers, cur.Layers) || !slices.Equal(s.Act, cur.Act) || s.Output != cur.Output
	trainerChanged := netChanged || s.LR != cur.LR || s.Batch != cur.Batch || s.L2 != cur.L2
	m.S = s
	if dataChanged {
		if err := m.buildData(); err != nil {
			return notices, err
		}
	}
	if netChanged {
		if err := m.buildNet(); err != nil {
			return notices, err
		}
	} else if trainerChanged {
		if err := m.buildTrainer(m.Trainer.Epoch); err != nil {
			return notices, err
		}
	}
	if m.S.Example >= m.Train.N() {
		m.S.Example = 0
	}
	m.Version++
	return notices, nil
}

// ownSeed is where own data starts: a copy of the current classification
// points (all of them), or the default xor set.
func (m *Model) ownSeed() *data.Set {
	if m.Full != nil && m.Full.Classes > 0 && m.Full.X.Rows == 2 {
		return m.Full.Subset(seq(m.Full.N()))
	}
	set, err := data.Generate(data.Spec{Name: "xor", N: Defaults().N, Noise: Defaults().Noise, Seed: 1})
	if err != nil {
		panic(err)
	}
	return set
}

func seq(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// buildData makes the points and splits them.
func (m *Model) buildData() error {
	s := m.S
	if s.Dataset == Own {
		m.Full = m.own
	} else {
		spec := data.Spec{Name: s.Dataset, N: s.N, Noise: s.Noise, Seed: s.Seed}
		if s.Dataset == "gauss" || s.Dataset == "spiral" {
			spec.Classes = s.Classes
		}
		set, err := data.Generate(spec)
		if err != nil {
			return err
		}
		m.Full = set
	}
	m.Train, m.Test = m.Full.Split(1-s.Ratio, s.Seed)
	m.Classes = m.Full.Classes
	m.setExtent()
	return nil
}

// setExtent fits the plane to the data: [-1.1, 1.1] for generated sets,
// wider when own points lie further out.
func (m *Model) setExtent() {
	ext := 1.1
	if m.S.Dataset == Own {
		for _, v := range m.Full.X.Data {
			ext = math.Max(ext, math.Abs(v)*1.08)
		}
	}
	m.Lo, m.Hi = -ext, ext
}

// targets returns Y as the output layer sees it: one 0/1 row for a binary
// (or single-unit) output, one-hot rows otherwise.
func (m *Model) targets(set *data.Set) *mat.Dense {
	if set.Classes == 0 {
		return set.Y
	}
	k := outputUnits(m.Classes, m.S.Output)
	y := mat.New(k, set.N())
	for j, c := range set.Labels {
		if k == 1 {
			if c == 1 {
				y.Data[j] = 1
			}
			continue
		}
		y.Set(c, j, 1)
	}
	return y
}

// buildNet makes a fresh network, initialised from the seed, and its trainer.
func (m *Model) buildNet() error {
	net, err := nn.New(m.S.Layers, m.S.Act, m.S.Loss())
	if err != nil {
		return err
	}
	net.Init(m.S.Seed)
	m.Net = net
	m.YTrain, m.YTest = m.targets(m.Train), m.targets(m.Test)
	m.Hist.reset()
	m.Diverged = nil
	return m.buildTrainer(0)
}

// buildTrainer makes the trainer and evaluators for the current network and
// data, keeping the weights; epoch is the count to continue from.
func (m *Model) buildTrainer(epoch int) error {
	tr, err := train.New(m.Net, m.Train.X, m.YTrain, train.Config{LR: m.S.LR, Batch: m.S.Batch, L2: m.S.L2, Seed: m.S.Seed})
	if err != nil {
		return err
	}
	tr.Epoch = epoch
	m.Trainer = tr
	m.evTrain = train.NewEvaluator(m.Net, m.Train.X, m.YTrain)
	m.evTest = nil
	if m.Test.N() > 0 {
		m.evTest = train.NewEvaluator(m.Net, m.Test.X, m.YTest)
	}
	m.Diverged = nil
	m.Evaluate()
	return nil
}

// Evaluate measures the network on both sets and adds a point to the curve.
func (m *Model) Evaluate() {
	k := m.Classes
	m.TrainM = m.evTrain.Eval(m.Net, k)
	m.TestM = train.Metrics{Loss: math.NaN(), Accuracy: math.NaN()}
	ev := m.evTrain
	m.ConfOf = "train"
	if m.evTest != nil {
		m.TestM = m.evTest.Eval(m.Net, k)
		ev = m.evTest
		m.ConfOf = "test"
	}
	m.Conf = nil
	if k > 0 {
		m.Conf = ev.Confusion(k)
	}
	if m.Hist.due(m.Trainer.Epoch) {
		m.Hist.add(m.Trainer.Epoch, m.TrainM.Loss, m.TestM.Loss)
	}
	m.Version++
	if !math.IsNaN(m.TrainM.Loss) && !math.IsInf(m.TrainM.Loss, 0) {
		m.snapshot()
	}
}

// snapshot keeps the current parameters as the last good ones.
func (m *Model) snapshot() {
	if len(m.good) != 2*m.Net.L() || !mat.SameShape(m.good[0], m.Net.W[0]) {
		m.good = nil
		for l := range m.Net.W {
			m.good = append(m.good, m.Net.W[l].Clone(), m.Net.B[l].Clone())
		}
		return
	}
	for l := range m.Net.W {
		m.good[2*l].Copy(m.Net.W[l])
		m.good[2*l+1].Copy(m.Net.B[l])
	}
}

// restoreGood goes back to the parameters of the last evaluation whose
// loss was finite: after a divergence the trainer keeps the parameters of
// the step before, which may already be huge enough to overflow.
func (m *Model) restoreGood() {
	if len(m.good) != 2*m.Net.L() {
		return
	}
	for l := range m.Net.W {
		m.Net.W[l].Copy(m.good[2*l])
		m.Net.B[l].Copy(m.good[2*l+1])
	}
}

// Reset re-initialises the weights and clears the curve and epoch count.
func (m *Model) Reset() error {
	m.Playing = false
	return m.buildNet()
}

// StepEpoch runs one epoch and evaluates.
func (m *Model) StepEpoch() {
	m.Diverged = nil
	m.epoch()
	m.Evaluate()
}

// epoch runs one epoch, pausing on divergence; it reports success.
func (m *Model) epoch() bool {
	if err := m.Trainer.RunEpoch(); err != nil {
		m.Playing = false
		var d *train.DivergedError
		if errors.As(err, &d) {
			m.Diverged = d
		} else {
			m.Diverged = &train.DivergedError{Epoch: m.Trainer.Epoch}
			m.Diverged.Op.Result = trace.Ref{Sym: trace.Sym(err.Error())} // shown as it is
		}
		m.restoreGood()
		return false
	}
	return true
}

// Play starts training (from a diverged state too: the student may have
// lowered the learning rate meanwhile). After a stop condition was met,
// it continues without that condition (the page's Play button says so
// beforehand, from Stopped); a fresh run is Reset, then Play.
func (m *Model) Play() {
	m.Diverged = nil
	switch m.Stopped() {
	case "epoch":
		m.S.Stop = 0
	case "loss":
		m.S.Target = 0
	}
	m.Playing = true
}

// Pause stops training.
func (m *Model) Pause() { m.Playing = false }

func (m *Model) stopReached() bool {
	return m.S.Stop > 0 && m.Trainer.Epoch >= m.S.Stop
}

func (m *Model) targetReached() bool {
	return m.S.Target > 0 && m.TrainM.Loss <= m.S.Target
}

// Stopped says which stop condition the paused model has met: "epoch"
// (the stop epoch), "loss" (the target loss) or "" (none, or playing).
func (m *Model) Stopped() string {
	switch {
	case m.Playing:
		return ""
	case m.stopReached():
		return "epoch"
	case m.targetReached():
		return "loss"
	}
	return ""
}

// Advance trains while playing: as many epochs as fit in budget, at most
// S.Speed (when not 0), then evaluates once. After every epoch it adds the
// loss curve's point when the epoch is due one and checks both stop
// conditions, so a run stops at the first epoch that meets one. It
// returns the epochs run. now is the clock (time.Now; tests pass a fake
// one).
func (m *Model) Advance(budget time.Duration, now func() time.Time) int {
	if !m.Playing {
		return 0
	}
	start := now()
	n := 0
	for !m.stopReached() {
		if !m.epoch() {
			break
		}
		n++
		if m.afterEpoch() || (m.S.Speed > 0 && n >= m.S.Speed) || now().Sub(start) >= budget {
			break
		}
	}
	m.Evaluate()
	if m.targetReached() || m.stopReached() {
		m.Playing = false
	}
	return n
}

// afterEpoch measures the losses the epoch needs: both for a point of the
// curve, the training one for a target loss. It reports whether the
// target loss is reached.
func (m *Model) afterEpoch() bool {
	due := m.Hist.due(m.Trainer.Epoch)
	if !due && m.S.Target <= 0 {
		return false
	}
	tr := m.evTrain.Eval(m.Net, m.Classes).Loss
	if due {
		te := math.NaN()
		if m.evTest != nil {
			te = m.evTest.Eval(m.Net, m.Classes).Loss
		}
		m.Hist.add(m.Trainer.Epoch, tr, te)
	}
	return m.S.Target > 0 && tr <= m.S.Target
}

// CodeError is an error of the model the page phrases in its own
// language from Code and Value (js/stage.js, stage.err.<code>); Error is
// the English message for logs and tests.
//
//	weight    a weight that is not finite or over 1e6 in magnitude (Value)
//	oneInput  points added to a dataset with one input
//	toomany   more points than data.MaxN (Value)
type CodeError struct {
	Code  string
	Value string
	Msg   string
}

func (e *CodeError) Error() string { return e.Msg }

// SetWeight sets W[l][i][j] (the lecture's l, 1…L) or, with j = -1, b[l][i].
func (m *Model) SetWeight(l, i, j int, v float64) error {
	if l < 1 || l > m.Net.L() {
		return fmt.Errorf("layer %d: must be between 1 and %d", l, m.Net.L())
	}
	w, b := m.Net.W[l-1], m.Net.B[l-1]
	if i < 0 || i >= w.Rows || j < -1 || j >= w.Cols {
		return fmt.Errorf("W[%d] is %s: no element (%d, %d)", l, w.Shape(), i, j)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
		return &CodeError{Code: "weight", Value: fmtFloat(v), Msg: fmt.Sprintf("weight %v: must be a finite number of at most 1e6 in magnitude", v)}
	}
	if j == -1 {
		b.Set(i, 0, v)
	} else {
		w.Set(i, j, v)
	}
	m.Diverged = nil
	m.Evaluate()
	return nil
}

// AddPoint adds a training point of class c to the student's own data,
// switching to it (the current points are kept). The weights are kept.
func (m *Model) AddPoint(x1, x2 float64, c int) error {
	if m.S.Layers[0] != 2 {
		return &CodeError{Code: "oneInput", Msg: "the plane of this dataset has one input; choose a 2-D dataset"}
	}
	if c < 0 || c >= data.MaxClasses {
		return fmt.Errorf("class %d: must be between 0 and %d", c, data.MaxClasses-1)
	}
	if math.IsNaN(x1) || math.IsNaN(x2) || math.IsInf(x1, 0) || math.IsInf(x2, 0) {
		return fmt.Errorf("point (%v, %v): coordinates must be finite", x1, x2)
	}
	if m.S.Dataset != Own {
		m.own = m.ownSeed()
	}
	n := m.own.N()
	if n >= data.MaxN {
		return &CodeError{Code: "toomany", Value: strconv.Itoa(data.MaxN), Msg: fmt.Sprintf("at most %d points", data.MaxN)}
	}
	x1s, x2s, labels := pointsOf(m.own)
	set, err := data.FromPoints(append(x1s, x1), append(x2s, x2), append(labels, c))
	if err != nil {
		return err
	}
	return m.useOwn(set, false)
}

// pointsOf returns the coordinates and labels of a classification set.
func pointsOf(s *data.Set) (x1, x2 []float64, labels []int) {
	n := s.N()
	x1 = append([]float64(nil), s.X.Row(0)...)
	x2 = append([]float64(nil), s.X.Row(1)...)
	labels = append([]int(nil), s.Labels...)
	return x1[:n:n], x2[:n:n], labels[:n:n]
}

// useOwn switches to the given own points. resplit splits them anew with
// the ratio (a CSV); otherwise the new last point joins the training set
// and the weights are kept when the output layer still fits.
func (m *Model) useOwn(set *data.Set, resplit bool) error {
	prev := m.S
	prevTrain, prevTest := m.Train, m.Test
	if resplit || prev.Dataset != Own {
		return m.loadOwn(set, !resplit)
	}
	m.own = set
	// One more training point: keep the split and the weights.
	last := set.N() - 1
	m.Full = set
	m.Train = appendPoint(prevTrain, set, last)
	m.Test = prevTest
	m.setExtent()
	classesBefore := m.Classes
	m.Classes = set.Classes
	s, _ := Apply(m.S, map[string]string{}, set.Classes)
	m.S = s
	if set.Classes != classesBefore || !slices.Equal(s.Layers, prev.Layers) {
		return m.buildNet()
	}
	m.YTrain, m.YTest = m.targets(m.Train), m.targets(m.Test)
	return m.buildTrainer(m.Trainer.Epoch)
}

// loadOwn makes set the data, split anew, with a fresh network whose
// output layer fits its classes (as choosing a dataset does: the output
// type follows the data). clicked says that set's last point was just
// clicked: the others are split and it goes to the training set. On an
// error nothing has changed.
func (m *Model) loadOwn(set *data.Set, clicked bool) error {
	saved := *m
	m.own = set
	m.S, _ = Apply(m.S, map[string]string{"dataset": Own}, set.Classes)
	err := m.buildData()
	if err == nil && clicked {
		last := set.N() - 1
		m.Train, m.Test = set.Subset(seq(last)).Split(1-m.S.Ratio, m.S.Seed)
		m.Train = appendPoint(m.Train, set, last)
	}
	if err == nil {
		err = m.buildNet()
	}
	if err != nil {
		*m = saved
		return err
	}
	if m.S.Example >= m.Train.N() {
		m.S.Example = 0
	}
	m.Version++
	return nil
}

// appendPoint returns train plus column j of set.
func appendPoint(tr, set *data.Set, j int) *data.Set {
	n := tr.N()
	x := mat.New(2, n+1)
	for i := 0; i < n; i++ {
		x.Set(0, i, tr.X.At(0, i))
		x.Set(1, i, tr.X.At(1, i))
	}
	x.Set(0, n, set.X.At(0, j))
	x.Set(1, n, set.X.At(1, j))
	labels := append(append([]int(nil), tr.Labels...), set.Labels[j])
	k := set.Classes
	return &data.Set{X: x, Y: data.Targets(labels, k), Classes: k, Labels: labels}
}

// LoadCSV replaces the data by the points of a CSV text (x1,x2,label per
// line; an optional header line). On any error nothing changes and the
// error names the line.
func (m *Model) LoadCSV(text string) error {
	set, err := ParseCSV(text)
	if err != nil {
		return err
	}
	return m.useOwn(set, true)
}
