package model

import (
	"testing"
	"time"

	"nnstep/wasm/palette"
)

// TestFrontierOfTrainedXor: the fallback's picture of a trained xor
// network is blue (class 1) where x1·x2 > 0 and orange elsewhere, in the
// stage's palette, with every point once and the model's version.
func TestFrontierOfTrainedXor(t *testing.T) {
	m := configured(t, xorURL)
	m.Play()
	clock := fakeClock(time.Millisecond)
	for m.Trainer.Epoch < 150 && m.Playing {
		m.Advance(5*time.Millisecond, clock)
	}
	var fs Frontiers
	f := fs.Of(m)
	if f.N != FrontierN || len(f.Pixels) != 4*FrontierN*FrontierN || f.Curve != nil {
		t.Fatalf("n %d, %d pixel bytes, curve %v", f.N, len(f.Pixels), f.Curve)
	}
	if f.Version != m.Version || f.Lo != m.Lo || f.Hi != m.Hi {
		t.Errorf("version %d lo %v hi %v, model %d %v %v", f.Version, f.Lo, f.Hi, m.Version, m.Lo, m.Hi)
	}
	if want := m.Train.N() + m.Test.N(); len(f.Points) != want {
		t.Errorf("%d points, want %d", len(f.Points), want)
	}
	// Row 0 is the top of the plane (x2 = Hi), column 0 its left (x1 = Lo).
	pixel := func(x1, x2 float64) palette.RGB {
		c := int((x1 - f.Lo) / (f.Hi - f.Lo) * float64(f.N))
		r := int((f.Hi - x2) / (f.Hi - f.Lo) * float64(f.N))
		p := f.Pixels[4*(r*f.N+c):]
		return palette.RGB{R: p[0], G: p[1], B: p[2]}
	}
	for _, q := range []struct{ x1, x2 float64 }{{0.6, 0.6}, {-0.6, 0.6}, {-0.6, -0.6}, {0.6, -0.6}} {
		c := pixel(q.x1, q.x2)
		blue := c.B > c.R
		if want := q.x1*q.x2 > 0; blue != want {
			t.Errorf("(%v, %v) is %s, want blue %v", q.x1, q.x2, c.Hex(), want)
		}
	}
	for i, p := range f.Points[:m.Train.N()] {
		if want := palette.ClassColor(m.Train.Labels[i]).Hex(); p.Color != want || p.Test {
			t.Fatalf("point %d: %+v, want colour %s, a training point", i, p, want)
		}
	}

	// Training changes the picture's version; the same call reuses its pixels.
	before := &f.Pixels[0]
	m.StepEpoch()
	if g := fs.Of(m); g.Version == 0 || g.Version != m.Version || &g.Pixels[0] != before {
		t.Errorf("after an epoch: version %d (model %d), pixels reused %v", g.Version, m.Version, &g.Pixels[0] == before)
	}
}

// TestFrontierOfLine: 1-D data gives the network's curve, no image.
func TestFrontierOfLine(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "line"})
	var fs Frontiers
	f := fs.Of(m)
	if f.N != 0 || f.Pixels != nil || len(f.Curve) != FrontierN {
		t.Fatalf("line: n %d, %d pixel bytes, %d curve samples", f.N, len(f.Pixels), len(f.Curve))
	}
	for k, v := range f.Curve {
		if v == nil {
			t.Fatalf("curve sample %d is not finite", k)
		}
	}
	if len(f.Points) != m.Train.N()+m.Test.N() || f.Points[0].Y != m.Train.Y.At(0, 0) {
		t.Errorf("points: %d, first %+v", len(f.Points), f.Points[0])
	}
}

func TestHex(t *testing.T) {
	if got := palette.Orange.Hex(); got != "#e69f00" {
		t.Errorf("orange is %s", got)
	}
}
