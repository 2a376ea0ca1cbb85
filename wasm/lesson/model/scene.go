package model

import (
	"nnstep/core/data"
	"nnstep/wasm/scene"
)

// Scenes hands the model over to the stage module (wasm/scene), which
// draws it in its own Go instance. It numbers the points it has seen so
// that they travel again only when they changed.
type Scenes struct {
	train, test *data.Set
	lo, hi      float64
	data        int
}

// Next appends to dst the scene of m for a stage that holds the scene of
// (version, data), or returns ok = false when that is already m's.
func (s *Scenes) Next(m *Model, version, data int, dst []byte) (out []byte, ok bool) {
	if m.Train != s.train || m.Test != s.test || m.Lo != s.lo || m.Hi != s.hi {
		s.train, s.test, s.lo, s.hi = m.Train, m.Test, m.Lo, m.Hi
		s.data++
	}
	if version == m.Version && data == s.data {
		return dst, false
	}
	sc := scene.Scene{Version: m.Version, Data: s.data, Net: m.Net, Train: m.Train, Test: m.Test,
		Lo: m.Lo, Hi: m.Hi, Example: m.S.Example, Classes: m.Classes}
	return scene.Append(dst, &sc, data), true
}
