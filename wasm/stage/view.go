package main

import (
	"nnstep/core/mat"
	"nnstep/core/nn"
	"nnstep/core/train"
	"nnstep/wasm/palette"
	"nnstep/wasm/scene"
)

// GridN is the resolution of the frontier: the network is evaluated on a
// GridN×GridN grid of the plane every frame it changed, then the image is
// scaled up with linear filtering.
const GridN = 64

// View is the stage's copy of the lesson's model: the last scene the
// lesson module handed over (wasm/scene), and what drawing derives from
// it. The stage only reads it; the model lives in wasm/lesson.
type View struct {
	scene.Scene
	Grid *train.Grid // the frontier's grid; nil for 1-D input (line)

	pass *nn.Pass   // the chosen example's forward pass
	x    *mat.Dense // its input
}

// Ready reports whether a scene has arrived.
func (v *View) Ready() bool { return v.Net != nil }

// Apply reads an encoded scene (scene.Append) into the view. The grid and
// the example's pass are rebuilt only when the architecture or the plane
// changed, so a frame of training allocates nothing.
func (v *View) Apply(b []byte) error {
	net, lo, hi := v.Net, v.Lo, v.Hi
	if err := scene.Decode(b, &v.Scene); err != nil {
		return err
	}
	if v.Net != net || v.pass == nil {
		v.pass = nn.NewPass(v.Net)
		v.x = mat.New(v.Net.Sizes[0], 1)
		v.Grid = nil
	}
	if v.Net.Sizes[0] != 2 {
		v.Grid = nil
	} else if v.Grid == nil || v.Lo != lo || v.Hi != hi {
		v.Grid = train.NewGrid(v.Net, GridN, v.Lo, v.Hi)
	}
	return nil
}

// ExampleForward runs the chosen training example through the network and
// returns its index and pass (the neurons' shading and values).
func (v *View) ExampleForward() (int, *nn.Pass) {
	j := v.Example
	if j >= v.Train.N() {
		j = 0
	}
	for r := range v.x.Rows {
		v.x.Data[r] = v.Train.X.At(r, j)
	}
	v.Net.Forward(v.pass, v.x)
	return j, v.pass
}

// Shading returns how the network's output is coloured.
func (v *View) Shading() palette.Shading {
	return palette.ShadingOf(v.Classes, v.Net.Sizes[v.Net.L()])
}
