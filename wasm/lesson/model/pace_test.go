package model

import (
	"testing"
	"time"
)

// Issue 18, finding 11: the speed caps the epochs of a frame, the loss
// curve has a point per epoch (not per frame) and the stop conditions are
// checked after every epoch, however many epochs a frame runs.

func TestSpeedCapsEpochsPerFrame(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "spiral", "n": "500", "layers": "2-8-8-1", "act": "tanh,tanh,sigmoid", "lr": "0.03", "batch": "10", "speed": "0"})
	m.Play()
	if n := m.Advance(8*time.Millisecond, fakeClock(time.Millisecond)); n != 8 {
		t.Fatalf("speed 0 (as fast as possible) ran %d epochs in an 8 ms budget at 1 ms per epoch, want 8", n)
	}
	for _, speed := range []string{"1", "3"} {
		if _, err := m.Configure(map[string]string{"speed": speed}); err != nil {
			t.Fatal(err)
		}
		if n := m.Advance(100*time.Millisecond, fakeClock(time.Millisecond)); fmtFloat(float64(n)) != speed {
			t.Fatalf("speed %s ran %d epochs in a frame, want %s", speed, n, speed)
		}
	}
	if d := Defaults().Speed; d < 1 || d > MaxSpeed {
		t.Fatalf("default speed %d: want a finite number of epochs per frame", d)
	}
}

// A 1000-epoch run in a few long frames still draws one point per epoch.
func TestLossCurveHasAPointPerEpoch(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "xor", "layers": "2-4-1", "act": "tanh,sigmoid", "lr": "0.3", "stop": "1000", "speed": "0"})
	m.Play()
	frames := 0
	for ; m.Playing && frames < 1000; frames++ {
		m.Advance(10*time.Second, fakeClock(time.Millisecond))
	}
	h := HistoryOf(m)
	if m.Trainer.Epoch != 1000 || len(h.Epoch) != 1001 {
		t.Fatalf("after %d frames: epoch %d and %d points, want epoch 1000 and 1001 points (epochs 0…1000)", frames, m.Trainer.Epoch, len(h.Epoch))
	}
	for i, e := range h.Epoch {
		if e != i {
			t.Fatalf("point %d is at epoch %d", i, e)
		}
	}
	// Past maxHistory points the curve keeps every other epoch, evenly.
	if _, err := m.Configure(map[string]string{"stop": "5000"}); err != nil {
		t.Fatal(err)
	}
	m.Play()
	for m.Playing {
		m.Advance(10*time.Second, fakeClock(time.Millisecond))
	}
	h = HistoryOf(m)
	if n := len(h.Epoch); n < maxHistory/2 || n > maxHistory+1 || h.Epoch[n-1] != 5000 {
		t.Fatalf("5000 epochs: %d points ending at %d, want %d…%d ending at 5000", n, h.Epoch[n-1], maxHistory/2, maxHistory+1)
	}
	step := h.Epoch[1] - h.Epoch[0]
	for i := 1; i < len(h.Epoch); i++ {
		if h.Epoch[i]-h.Epoch[i-1] != step {
			t.Fatalf("uneven curve: points at epochs %d and %d (step %d)", h.Epoch[i-1], h.Epoch[i], step)
		}
	}
}

// A target loss stops at the first epoch whose training loss reaches it,
// even when a frame runs hundreds of epochs.
func TestTargetLossStopsAtTheFirstEpoch(t *testing.T) {
	kv := map[string]string{"dataset": "xor", "layers": "2-4-1", "act": "tanh,sigmoid", "lr": "0.3", "target": "0.1", "speed": "0"}
	m := configured(t, kv)
	m.Play()
	for i := 0; m.Playing && i < 1000; i++ {
		m.Advance(10*time.Second, fakeClock(time.Millisecond))
	}
	stop := m.Trainer.Epoch
	if m.Playing || m.TrainM.Loss > 0.1 {
		t.Fatalf("playing %v at epoch %d, loss %v", m.Playing, stop, m.TrainM.Loss)
	}
	// The same run, one epoch at a time: the epoch before the stop was
	// still above the target.
	ref := configured(t, kv)
	for ref.Trainer.Epoch < stop-1 {
		ref.StepEpoch()
	}
	if ref.TrainM.Loss <= 0.1 {
		t.Fatalf("stopped at epoch %d (loss %.4f) but epoch %d already had loss %.4f ≤ 0.1", stop, m.TrainM.Loss, stop-1, ref.TrainM.Loss)
	}
	t.Logf("stopped at epoch %d with loss %.4f (epoch %d: %.4f)", stop, m.TrainM.Loss, stop-1, ref.TrainM.Loss)
}
