package model

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// handedOver trains m for frames frames of at most speed epochs, the way
// the page does with the Worker: the Worker loads the whole model, trains,
// and the page's model takes back the progress after every frame.
func handedOver(t *testing.T, m *Model, frames int) {
	t.Helper()
	w, err := LoadModel(m.AppendModel(nil))
	if err != nil {
		t.Fatal(err)
	}
	for range frames {
		w.Advance(time.Hour, fakeClock(time.Millisecond))
		if err := m.LoadProgress(w.AppendProgress(nil)); err != nil {
			t.Fatal(err)
		}
	}
}

// Training gives the same bytes whether it ran in one model or went back
// and forth between two (the page's and the Worker's): parameters, the
// trainer's order and generator, metrics, curve and version.
func TestHandOffTrainsBitIdentically(t *testing.T) {
	cases := map[string]map[string]string{
		"spiral":   {"dataset": "spiral", "n": "500", "layers": "2-8-8-1", "act": "tanh,tanh,sigmoid", "lr": "0.03", "batch": "10", "speed": "7"},
		"multi":    {"dataset": "gauss", "classes": "3", "layers": "2-5-3", "act": "relu,softmax", "lr": "0.1", "batch": "1", "speed": "3", "l2": "0.01"},
		"line":     {"dataset": "line", "layers": "1-6-1", "act": "tanh,identity", "lr": "0.05", "batch": "0", "speed": "2"},
		"diverges": {"dataset": "bumps", "layers": "2-8-1", "act": "relu,identity", "lr": "10", "speed": "5"},
	}
	for name, kv := range cases {
		t.Run(name, func(t *testing.T) {
			one, two := configured(t, kv), configured(t, kv)
			one.Play()
			two.Play()
			for range 30 {
				one.Advance(time.Hour, fakeClock(time.Millisecond))
			}
			for range 5 {
				two.Advance(time.Hour, fakeClock(time.Millisecond))
			}
			handedOver(t, two, 20)
			for range 5 {
				two.Advance(time.Hour, fakeClock(time.Millisecond))
			}
			a, b := one.AppendModel(nil), two.AppendModel(nil)
			if !bytes.Equal(a, b) {
				t.Fatalf("after 30 frames, epoch %d, loss %v in one model; epoch %d, loss %v handed over", one.Trainer.Epoch, one.TrainM.Loss, two.Trainer.Epoch, two.TrainM.Loss)
			}
			if a, b := statsText(one), statsText(two); a != b {
				t.Fatalf("stats differ:\n%s\n%s", a, b)
			}
			if name == "diverges" && one.Diverged == nil {
				t.Fatal("lr 1e6 did not diverge: the case tests nothing")
			}
		})
	}
}

// A loaded model is the model: the same settings and data, and its own
// hand-off is the same bytes, own points included.
func TestHandOffKeepsOwnPoints(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "xor", "stop": "40", "target": "0.001", "example": "3"})
	for i := range 5 {
		if err := m.AddPoint(0.1*float64(i), -0.2, i%2); err != nil {
			t.Fatal(err)
		}
	}
	b := m.AppendModel(nil)
	w, err := LoadModel(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w.S, m.S) {
		t.Fatalf("settings %+v, want %+v", w.S, m.S)
	}
	if !bytes.Equal(w.AppendModel(nil), b) {
		t.Fatal("the loaded model hands off other bytes")
	}
	if w.Full != w.own || w.Train.N() != m.Train.N() {
		t.Fatalf("own points: %d training points, want %d", w.Train.N(), m.Train.N())
	}
	if _, err := LoadModel(b[:len(b)-3]); err == nil {
		t.Fatal("a cut hand-off loaded")
	}
}

// statsText prints the stats, a divergence included (NaN equals NaN there).
func statsText(m *Model) string {
	s := StatsOf(m, 0)
	d := s.Diverged
	s.Diverged = nil
	if d != nil {
		return fmt.Sprintf("%+v %+v", s, *d)
	}
	return fmt.Sprintf("%+v", s)
}
