// Package palette holds the colours of the stage (wasm/stage) and of the
// view the page draws without WebGL (wasm/lesson's frontier, js/stage-
// fallback.js): one palette, so that both show the same picture
// (docs/stage.md, "Drawing" and "Without WebGL").
package palette

import (
	"math"

	"nnstep/core/data"
	"nnstep/core/mat"
)

// RGB is an opaque colour.
type RGB struct{ R, G, B uint8 }

// The palette is colour-blind safe: orange and blue for the two classes
// and for signs (as TF Playground), then Okabe–Ito's colours for more
// classes.
var (
	Background     = RGB{0xff, 0xff, 0xff}
	PlaneBG        = RGB{0xf3, 0xf4, 0xf6} // an undecided output
	Ink            = RGB{0x1f, 0x29, 0x37}
	Muted          = RGB{0x6b, 0x72, 0x80}
	Faint          = RGB{0xd1, 0xd5, 0xdb}
	Orange         = RGB{0xe6, 0x7e, 0x00} // class 0, negative
	Blue           = RGB{0x00, 0x6f, 0xb8} // class 1, positive
	HighlightColor = RGB{0xf5, 0xc2, 0x00}
	NonFinite      = RGB{0x9c, 0xa3, 0xaf}

	ClassColors = []RGB{
		Orange, Blue,
		{0x00, 0x9e, 0x73}, // bluish green
		{0xcc, 0x79, 0xa7}, // reddish purple
		{0x56, 0xb4, 0xe9}, // sky blue
		{0xd5, 0x5e, 0x00}, // vermillion
		{0xe0, 0xc8, 0x00}, // yellow (darkened to show on white)
		{0x55, 0x55, 0x55}, // grey
	}
)

// Mix returns a + t·(b − a), t in [0, 1].
func Mix(a, b RGB, t float64) RGB {
	t = math.Max(0, math.Min(1, t))
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return RGB{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B)}
}

// ClassColor returns the colour of class c.
func ClassColor(c int) RGB {
	return ClassColors[((c%len(ClassColors))+len(ClassColors))%len(ClassColors)]
}

// shadeMax is how far towards the full class colour the most confident
// output goes: points drawn on top stay visible.
const shadeMax = 0.78

// Diverging maps t in [-1, 1] to orange (negative), a neutral grey (0) and
// blue (positive).
func Diverging(t float64) RGB {
	if math.IsNaN(t) {
		return NonFinite
	}
	t = math.Max(-1, math.Min(1, t))
	if t < 0 {
		return Mix(PlaneBG, Orange, -t*shadeMax)
	}
	return Mix(PlaneBG, Blue, t*shadeMax)
}

// Shading says how the output of a network is coloured.
type Shading int

const (
	ShadeProb  Shading = iota // one unit read as P(class 1): binary, or regression on two classes
	ShadeMulti                // k units, argmax class and its confidence
	ShadeValue                // one real value (regression data), centred on 0
)

// OutputColor colours column j of out.
func OutputColor(out *mat.Dense, j int, sh Shading) RGB {
	switch sh {
	case ShadeMulti:
		k := out.Rows
		best, bv, sum := 0, math.Inf(-1), 0.0
		for i := range k {
			v := out.Data[i*out.Cols+j]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return NonFinite
			}
			sum += v
			if v > bv {
				best, bv = i, v
			}
		}
		conf := 0.0
		if k > 1 && sum > 0 {
			conf = (bv/sum - 1/float64(k)) / (1 - 1/float64(k))
		}
		return Mix(PlaneBG, ClassColor(best), math.Pow(conf, 0.7)*shadeMax)
	case ShadeValue:
		v := out.Data[j]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return NonFinite
		}
		return Diverging(v)
	}
	v := out.Data[j]
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NonFinite
	}
	p := math.Max(0, math.Min(1, v))
	if p < 0.5 {
		return Mix(PlaneBG, Orange, math.Pow(1-2*p, 0.7)*shadeMax)
	}
	return Mix(PlaneBG, Blue, math.Pow(2*p-1, 0.7)*shadeMax)
}

// ActRange returns the centre and half-range used to colour an activation:
// (0.5, 0.5) for functions with values in [0, 1], (0, 1) for [-1, 1], and
// (0, max |a| over values) for unbounded ones.
func ActRange(name string, values []float64) (c, r float64) {
	switch name {
	case "sigmoid", "step", "softmax":
		return 0.5, 0.5
	case "tanh":
		return 0, 1
	case "arctan":
		return 0, math.Pi / 2
	}
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			r = math.Max(r, math.Abs(v))
		}
	}
	if r < 1e-9 {
		r = 1
	}
	return 0, r
}

// FillPixels writes the RGBA pixels of an n×n grid (row r of the grid is
// image row r) into dst (4·n² bytes) with color(j) for grid point j.
func FillPixels(dst []byte, n int, color func(j int) RGB) {
	for j := range n * n {
		c := color(j)
		dst[4*j], dst[4*j+1], dst[4*j+2], dst[4*j+3] = c.R, c.G, c.B, 0xff
	}
}

// ShadingOf returns how the output of a network with outputs units is
// coloured for data of classes classes (0: regression data).
func ShadingOf(classes, outputs int) Shading {
	switch {
	case classes == 0:
		return ShadeValue
	case outputs > 1:
		return ShadeMulti
	}
	return ShadeProb
}

// PointColor is the colour of example j: its class, or for regression its
// target on the diverging scale.
func PointColor(set *data.Set, j int) RGB {
	if set.Classes == 0 {
		v := set.Y.At(0, j)
		if v < 0 {
			return Mix(Background, Orange, 0.35+0.65*math.Min(1, -v))
		}
		return Mix(Background, Blue, 0.35+0.65*math.Min(1, v))
	}
	return ClassColor(set.Labels[j])
}

// Hex is c as #rrggbb.
func (c RGB) Hex() string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for k, v := range []uint8{c.R, c.G, c.B} {
		b[1+2*k], b[2+2*k] = digits[v>>4], digits[v&15]
	}
	return string(b)
}
