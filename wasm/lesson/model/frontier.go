package model

import (
	"math"

	"nnstep/core/data"
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/train"
	"nnstep/wasm/palette"
)

// The picture of the model that the page draws with Canvas 2D where the
// stage cannot run (no WebGL 2, a lost context: js/stage-fallback.js,
// docs/stage.md "Without WebGL"): the frontier as an RGBA image in the
// stage's colours (wasm/palette), the points, and for 1-D data the
// network's curve. The stage module computes its own from its scenes;
// this one is computed only when the page asks for it.

// FrontierN is the side of the frontier's grid, and the number of samples
// of a 1-D curve.
const FrontierN = 64

// FrontierPoint is one example as the fallback draws it.
type FrontierPoint struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"` // x2, or the target for 1-D data
	Color string  `json:"color"`
	Test  bool    `json:"test,omitempty"`
}

// Frontier is the fallback's picture of the model at Version.
type Frontier struct {
	Version int             `json:"version"`
	Lo      float64         `json:"lo"` // extent of both axes (x only for 1-D data)
	Hi      float64         `json:"hi"`
	N       int             `json:"n"`               // side of Pixels; 0 for 1-D data
	Pixels  []byte          `json:"-"`               // RGBA, N×N, row 0 at the top (train.Grid)
	Curve   []*float64      `json:"curve,omitempty"` // 1-D data: the output at N xs from Lo to Hi, null where not finite
	Points  []FrontierPoint `json:"points"`
	Example int             `json:"example"` // the chosen training example, the first points
}

// Frontiers keeps what successive frontiers reuse: the grid (rebuilt when
// the architecture or the plane changes) and the pixels.
type Frontiers struct {
	grid *train.Grid
	net  *nn.Network
	f    Frontier
}

// Of returns the frontier of m. The result is reused by the next call.
func (fs *Frontiers) Of(m *Model) *Frontier {
	f := &fs.f
	f.Version, f.Lo, f.Hi, f.Example = m.Version, m.Lo, m.Hi, m.S.Example
	f.Points = f.Points[:0]
	f.Curve = nil
	if m.Net.Sizes[0] != 2 {
		f.N, f.Pixels = 0, nil
		fs.curve(m)
	} else {
		if fs.grid == nil || fs.net != m.Net || fs.grid.Lo != m.Lo || fs.grid.Hi != m.Hi {
			fs.grid, fs.net = train.NewGrid(m.Net, FrontierN, m.Lo, m.Hi), m.Net
		}
		out := fs.grid.Eval(m.Net)
		sh := palette.ShadingOf(m.Classes, m.Net.Sizes[m.Net.L()])
		f.N = FrontierN
		if len(f.Pixels) != 4*FrontierN*FrontierN {
			f.Pixels = make([]byte, 4*FrontierN*FrontierN)
		}
		palette.FillPixels(f.Pixels, FrontierN, func(j int) palette.RGB { return palette.OutputColor(out, j, sh) })
	}
	add := func(set *data.Set, test bool) {
		for j := 0; j < set.N(); j++ {
			y := set.Y.At(0, j) // 1-D data: the target
			if set.X.Rows > 1 {
				y = set.X.At(1, j)
			}
			f.Points = append(f.Points, FrontierPoint{X: set.X.At(0, j), Y: y, Color: palette.PointColor(set, j).Hex(), Test: test})
		}
	}
	add(m.Train, false)
	add(m.Test, true)
	return f
}

// curve evaluates the network at FrontierN xs from Lo to Hi (1-D data).
func (fs *Frontiers) curve(m *Model) {
	x := mat.New(1, FrontierN)
	for k := range FrontierN {
		x.Data[k] = m.Lo + (m.Hi-m.Lo)*float64(k)/float64(FrontierN-1)
	}
	p := nn.NewPass(m.Net)
	m.Net.Forward(p, x)
	ys := p.Output().Row(0)
	fs.f.Curve = make([]*float64, len(ys))
	for k, v := range ys {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			fs.f.Curve[k] = &v
		}
	}
}
