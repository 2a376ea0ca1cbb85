package model

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/notebook"
	"nnstep/core/trace"
	"nnstep/wasm/scene"
)

// fakeClock advances by step on every reading, so Advance runs a fixed
// number of epochs per call whatever the machine's speed.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Unix(0, 0)
	return func() time.Time { t = t.Add(step); return t }
}

func configured(t *testing.T, kv map[string]string) *Model {
	t.Helper()
	m := NewModel()
	notices, err := m.Configure(kv)
	if err != nil {
		t.Fatal(err)
	}
	if len(notices) > 0 {
		t.Fatalf("unexpected notices %+v", notices)
	}
	return m
}

// xorURL is the browser test's scenario: it must converge well within the
// epochs a slow headless browser runs in a few seconds.
var xorURL = map[string]string{"dataset": "xor", "n": "400", "noise": "0", "layers": "2-4-1", "act": "tanh,sigmoid", "lr": "0.3", "batch": "10", "seed": "1"}

func TestXorConverges(t *testing.T) {
	m := configured(t, xorURL)
	m.Play()
	clock := fakeClock(time.Millisecond)
	for m.Trainer.Epoch < 150 && m.Playing {
		m.Advance(5*time.Millisecond, clock)
	}
	if m.Diverged != nil {
		t.Fatal(m.Diverged)
	}
	if m.TestM.Accuracy < 0.97 {
		t.Fatalf("after %d epochs test accuracy %.3f, want ≥ 0.97", m.Trainer.Epoch, m.TestM.Accuracy)
	}
	t.Logf("xor: epoch %d, train loss %.4f, test accuracy %.3f", m.Trainer.Epoch, m.TrainM.Loss, m.TestM.Accuracy)
	// The frontier's quadrants: class 1 where x1·x2 > 0.
	p := nn.NewPass(m.Net)
	for _, q := range []struct {
		x1, x2 float64
		want   int
	}{{0.6, 0.6, 1}, {-0.6, 0.6, 0}, {-0.6, -0.6, 1}, {0.6, -0.6, 0}} {
		x := mat.Col([]float64{q.x1, q.x2})
		m.Net.Forward(p, x)
		got := 0
		if p.Output().Data[0] >= 0.5 {
			got = 1
		}
		if got != q.want {
			t.Errorf("(%v, %v): class %d, want %d", q.x1, q.x2, got, q.want)
		}
	}
}

func TestAdvanceRunsManyEpochsPerCall(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "spiral", "n": "500", "layers": "2-8-8-1", "act": "tanh,tanh,sigmoid", "lr": "0.03", "batch": "10", "speed": "0"})
	m.Play()
	if n := m.Advance(8*time.Millisecond, fakeClock(time.Millisecond)); n != 8 {
		t.Fatalf("Advance ran %d epochs in an 8 ms budget at 1 ms per epoch, want 8", n)
	}
	m.S.Speed = 1
	if n := m.Advance(8*time.Millisecond, fakeClock(time.Millisecond)); n != 1 {
		t.Fatalf("at speed 1 Advance ran %d epochs, want 1", n)
	}
	if m.Train.N() != 250 {
		t.Fatalf("training points %d, want 250", m.Train.N())
	}
}

func TestStopConditions(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "xor", "stop": "7"})
	m.Play()
	for m.Playing {
		m.Advance(time.Hour, fakeClock(time.Millisecond))
	}
	if m.Trainer.Epoch != 7 {
		t.Fatalf("stopped at epoch %d, want 7", m.Trainer.Epoch)
	}
	if got := m.Stopped(); got != "epoch" {
		t.Fatalf("Stopped() = %q at the stop epoch, want epoch", got)
	}
	// Play after the stop continues without it; Reset then Play is a fresh
	// run that stops again.
	m.Play()
	m.Advance(time.Hour, fakeClock(time.Hour))
	if m.S.Stop != 0 || m.Trainer.Epoch <= 7 || m.Stopped() != "" {
		t.Fatalf("Play after the stop: stop %d, epoch %d, stopped %q", m.S.Stop, m.Trainer.Epoch, m.Stopped())
	}
	m = configured(t, map[string]string{"dataset": "xor", "layers": "2-4-1", "act": "tanh,sigmoid", "lr": "0.3", "target": "0.2"})
	m.Play()
	for i := 0; m.Playing && i < 10000; i++ {
		m.Advance(time.Hour, fakeClock(time.Hour))
	}
	if m.Playing || m.TrainM.Loss > 0.2 {
		t.Fatalf("target loss: playing %v, loss %v", m.Playing, m.TrainM.Loss)
	}
	if got := m.Stopped(); got != "loss" {
		t.Fatalf("Stopped() = %q at the target loss, want loss", got)
	}
	m.Play()
	if m.S.Target != 0 || !m.Playing {
		t.Fatalf("Play after the target loss: target %v, playing %v", m.S.Target, m.Playing)
	}
}

func TestDivergencePausesAndNamesTheOp(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "plane", "layers": "2-8-8-1", "act": "relu,relu,identity", "lr": "100000"})
	m.Play()
	for i := 0; i < 50 && m.Playing; i++ {
		m.Advance(time.Hour, fakeClock(time.Millisecond))
	}
	if m.Playing || m.Diverged == nil {
		t.Fatalf("playing %v, diverged %v", m.Playing, m.Diverged)
	}
	if m.Diverged.Op.Result.Sym == "" || m.Diverged.Op.Phase == "" {
		t.Fatalf("diverged without naming the op: %+v", m.Diverged)
	}
	for l := range m.Net.W {
		if m.Net.W[l].FirstNonFinite() >= 0 || m.Net.B[l].FirstNonFinite() >= 0 {
			t.Fatalf("non-finite parameters kept in layer %d", l+1)
		}
	}
	if math.IsNaN(m.TrainM.Loss) || math.IsInf(m.TrainM.Loss, 0) {
		t.Fatalf("after the divergence the loss shown is %v", m.TrainM.Loss)
	}
	t.Log(m.Diverged)
}

func TestLoadCSV(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "moons"})
	before := m.Full.X.Clone()
	err := m.LoadCSV("x1,x2,label\n0.1,0.2,0\n0.3,0.4,1\n0.5,oops,1\n")
	var ce *CSVError
	if !errors.As(err, &ce) || ce.Line != 4 || ce.Field != "x2" {
		t.Fatalf("error %v, want line 4 field x2", err)
	}
	if m.S.Dataset != "moons" || !mat.SameShape(before, m.Full.X) || before.Data[0] != m.Full.X.Data[0] {
		t.Fatal("a bad CSV changed the data")
	}
	for _, c := range []struct {
		text string
		line int
		code string
	}{
		{"0,0,0\n1,1\n", 2, "fields"},
		{"0,0,0\n1,1,9\n", 2, "label"},
		{"\n\n0,0,0\n1,1,0.5\n", 4, "label"},
		{"0,0,0\n1,1,0\n", 0, "classes"},
		{"x1,x2,label\n", 0, "empty"},
		{"0,0,0\n1e9,1,1\n", 2, "number"},
	} {
		_, err := ParseCSV(c.text)
		if !errors.As(err, &ce) || ce.Line != c.line || ce.Code != c.code {
			t.Errorf("%q: %v, want line %d code %s", c.text, err, c.line, c.code)
		}
		if !strings.Contains(err.Error(), "") {
			t.Error(err)
		}
	}
	if err := m.LoadCSV("x1;x2;label\n0.1;0.2;0\n0.3;0.4;1\n-0.5;0.5;2\n0.9,0.9,1\n"); err != nil {
		t.Fatal(err)
	}
	if m.S.Dataset != Own || m.Full.N() != 4 || m.Classes != 3 || m.S.Output != OutMulti || m.S.Layers[len(m.S.Layers)-1] != 3 {
		t.Fatalf("after a good CSV: %+v, %d points, %d classes", m.S, m.Full.N(), m.Classes)
	}
}

// A second CSV with another number of classes rebuilds the output layer
// for its classes: the settings, the network and its targets agree.
func TestSecondCSVRebuildsTheOutputLayer(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "moons"})
	two := "x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n-0.3,0.7,1\n0.2,-0.2,0\n"
	three := "x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n-0.3,0.7,1\n0.2,-0.2,0\n0.9,0.1,2\n-0.9,0.1,2\n"
	for _, c := range []struct {
		text    string
		classes int
		output  string
		outAct  string
	}{{two, 2, OutBinary, "sigmoid"}, {three, 3, OutMulti, "softmax"}, {two, 2, OutBinary, "sigmoid"}} {
		if err := m.LoadCSV(c.text); err != nil {
			t.Fatalf("%d classes: %v", c.classes, err)
		}
		units := 1
		if c.classes > 2 {
			units = c.classes
		}
		L := m.Net.L()
		if m.Classes != c.classes || m.S.Output != c.output || m.S.Act[len(m.S.Act)-1] != c.outAct ||
			m.S.Layers[len(m.S.Layers)-1] != units || m.Net.Sizes[L] != units || m.YTrain.Rows != units {
			t.Fatalf("after a %d-class CSV: classes %d, output %s, act %v, layers %v, network %v, targets %d rows",
				c.classes, m.Classes, m.S.Output, m.S.Act, m.S.Layers, m.Net.Sizes, m.YTrain.Rows)
		}
		if m.Trainer.Epoch != 0 || math.IsNaN(m.TrainM.Loss) {
			t.Fatalf("after a %d-class CSV: epoch %d, loss %v", c.classes, m.Trainer.Epoch, m.TrainM.Loss)
		}
		m.StepEpoch()
	}
}

func TestAddPoint(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "xor", "n": "40"})
	if err := m.AddPoint(0.5, 0.5, 1); err != nil {
		t.Fatal(err)
	}
	if m.S.Dataset != Own || m.Full.N() != 41 {
		t.Fatalf("dataset %s with %d points", m.S.Dataset, m.Full.N())
	}
	tr := m.Train.N()
	w := m.Net.W[0].At(0, 0)
	if err := m.AddPoint(-0.5, 0.5, 0); err != nil {
		t.Fatal(err)
	}
	if m.Train.N() != tr+1 || m.Net.W[0].At(0, 0) != w {
		t.Fatalf("adding a point: train %d → %d, weight %v → %v", tr, m.Train.N(), w, m.Net.W[0].At(0, 0))
	}
	if err := m.AddPoint(0, 0, 2); err != nil {
		t.Fatal(err)
	}
	if m.Classes != 3 || m.Net.Sizes[m.Net.L()] != 3 {
		t.Fatalf("third class: %d classes, %v", m.Classes, m.Net.Sizes)
	}
}

func TestTraceIsTheStepThrough(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "xor", "layers": "2-3-1", "act": "relu,sigmoid"})
	full := m.Trace()
	if len(full.Request.X[0]) != 4 || full.Loss != "bce" || len(full.Ops) == 0 {
		t.Fatalf("trace: %d examples, loss %s, %d ops", len(full.Request.X[0]), full.Loss, len(full.Ops))
	}
	m.NextIteration()
	for l := range m.Net.W {
		for i, row := range full.WNext[l] {
			for j, v := range row {
				if got := m.Net.W[l].At(i, j); got != v {
					t.Fatalf("after NextIteration W[%d][%d][%d] = %v, trace said %v", l+1, i, j, got, v)
				}
			}
		}
	}
}

func TestSetWeight(t *testing.T) {
	m := NewModel()
	if err := m.SetWeight(1, 0, 1, 2.5); err != nil || m.Net.W[0].At(0, 1) != 2.5 {
		t.Fatal(err)
	}
	if err := m.SetWeight(2, 1, -1, -0.5); err != nil || m.Net.B[1].At(1, 0) != -0.5 {
		t.Fatal(err)
	}
	if m.SetWeight(9, 0, 0, 1) == nil || m.SetWeight(1, 0, 5, 1) == nil {
		t.Fatal("out-of-range weights accepted")
	}
}

func TestBudget(t *testing.T) {
	for _, c := range []struct{ interval, want time.Duration }{
		{time.Second / 60, time.Second / 120},          // 60 Hz: 8.3 ms
		{time.Second / 144, MinBudget},                 // faster displays: still 8 ms
		{50 * time.Millisecond, 25 * time.Millisecond}, // slow frames: half of them
		{400 * time.Millisecond, MaxBudget},            // never a long task
	} {
		if got := Budget(c.interval); got != c.want {
			t.Errorf("Budget(%v) = %v, want %v", c.interval, got, c.want)
		}
	}
}

// The stage's copy follows the model: parameters after training, points
// after a change of data, nothing when nothing changed.
func TestScenes(t *testing.T) {
	m := configured(t, xorURL)
	var out Scenes
	var got scene.Scene
	next := func() bool {
		t.Helper()
		v, d := -1, -1
		if got.Net != nil {
			v, d = got.Version, got.Data
		}
		b, ok := out.Next(m, v, d, nil)
		if ok {
			if err := scene.Decode(b, &got); err != nil {
				t.Fatal(err)
			}
		}
		return ok
	}
	same := func() {
		t.Helper()
		if got.Version != m.Version || got.Train.N() != m.Train.N() || got.Example != m.S.Example {
			t.Fatalf("stage at version %d with %d points, model at %d with %d", got.Version, got.Train.N(), m.Version, m.Train.N())
		}
		for l := range m.Net.W {
			if !slices.Equal(got.Net.W[l].Data, m.Net.W[l].Data) || !slices.Equal(got.Net.B[l].Data, m.Net.B[l].Data) {
				t.Fatalf("layer %d: parameters differ", l+1)
			}
		}
	}
	if !next() {
		t.Fatal("first scene not sent")
	}
	same()
	if next() {
		t.Fatal("a scene sent with nothing changed")
	}
	m.Play()
	m.Advance(5*time.Millisecond, fakeClock(time.Millisecond))
	data := got.Data
	if !next() || got.Data != data {
		t.Fatal("training: want the parameters only")
	}
	same()
	if err := m.AddPoint(0.5, -0.25, 1); err != nil {
		t.Fatal(err)
	}
	if !next() || got.Data == data {
		t.Fatal("a new point: want the points again")
	}
	same()
	if _, err := m.Configure(map[string]string{"layers": "2-3-3-1", "act": "relu,relu,sigmoid", "example": "3"}); err != nil {
		t.Fatal(err)
	}
	if !next() {
		t.Fatal("new architecture not sent")
	}
	same()
}

// The student's NumPy for dZ[L] and dW[L] gives the step-through's own
// numbers; a shape slip gives NumPy's error.
func TestNumPyOnTheCurrentIteration(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "moons", "layers": "2-4-1", "act": "tanh,sigmoid", "seed": "3"})
	f := m.Trace()
	got, err := m.NumPy("dZ2 @ A1.T / m")
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got.Data {
		want := f.DW[1][0][i]
		if math.Abs(v-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("dW2[0][%d] = %v, the trace has %v", i, v, want)
		}
	}
	if _, err := m.NumPy("dZ2 @ A0 / m"); err == nil || !strings.HasPrefix(err.Error(), "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0") {
		t.Errorf("dZ2 @ A0: %v", err)
	}
}

// Every op of the current iteration accepts its own NumPy; a missing
// transpose is refused with its hint; an op out of range is an error; the
// notebook of the current iteration holds one TODO per op.
func TestCheckNumPyAndNotebookOnTheCurrentIteration(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "moons", "layers": "2-4-3-1", "act": "tanh,relu,sigmoid", "seed": "3"})
	f := m.Trace()
	for i, op := range f.Ops {
		c, err := m.CheckNumPy(i, op.NumPy)
		if err != nil || !c.OK {
			t.Errorf("op %d %s: %+v %v", i, op.NumPy, c, err)
		}
	}
	last := len(f.Ops) - 1
	for i, op := range f.Ops {
		if op.Result.String() == "dW[3]" {
			c, _ := m.CheckNumPy(i, "dZ3 @ A2 / m")
			if c.OK || c.Hint != trace.HintTranspose || c.Name != "A2" {
				t.Errorf("dZ3 @ A2 / m: %+v", c)
			}
		}
	}
	if _, err := m.CheckNumPy(last+1, "X"); err == nil || !strings.Contains(err.Error(), "op: ") {
		t.Errorf("op out of range: %v", err)
	}
	b, err := m.Notebook("exercise", notebook.Words{TODO: "compute {name}"})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "# TODO: compute "); n != len(f.Ops) {
		t.Errorf("%d TODOs, %d ops", n, len(f.Ops))
	}
}
