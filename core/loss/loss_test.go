package loss

import (
	"math"
	"testing"

	"nnstep/core/act"
	"nnstep/core/mat"
	"nnstep/core/num"
)

func col(v ...float64) *mat.Dense { return mat.Col(v) }

func row(v ...float64) *mat.Dense {
	m := mat.New(1, len(v))
	copy(m.Data, v)
	return m
}

func TestBCEMatchesTheSlideAndStaysFinite(t *testing.T) {
	l, _ := Get("bce")
	z := row(0.3, -2, 800, -800)
	a := mat.New(1, 4)
	a.Apply(num.Sigmoid, z)
	y := row(1, 0, 0, 0)
	c := make([]float64, 4)
	l.PerExample(c, z, a, y)
	if want := -math.Log(a.Data[0]); math.Abs(c[0]-want) > 1e-15 {
		t.Errorf("cost of example 0 = %v, −log a = %v", c[0], want)
	}
	if want := -math.Log(1 - a.Data[1]); math.Abs(c[1]-want) > 1e-15 {
		t.Errorf("cost of example 1 = %v, −log(1−a) = %v", c[1], want)
	}
	if c[2] != 800 || c[3] != 0 {
		t.Errorf("saturated costs = %v, %v; want 800 (finite) and 0", c[2], c[3])
	}
	d := new(mat.Dense)
	l.DA(d, z, a, y)
	if want := -1 / a.Data[0]; math.Abs(d.Data[0]-want) > 1e-12 {
		t.Errorf("∂C/∂A = %v, want −y/a = %v", d.Data[0], want)
	}
	if d.Data[2] != math.MaxFloat64 {
		t.Errorf("∂C/∂A of a saturated wrong output = %v, want the largest finite number", d.Data[2])
	}
}

func TestCCEFromLogits(t *testing.T) {
	l, _ := Get("cce")
	z, _ := mat.FromRows([][]float64{{1000}, {0}, {-1000}})
	a := new(mat.Dense)
	act.SoftmaxCols(a, z, nil)
	y := col(0, 0, 1)
	got := l.Cost(z, a, y, nil)
	if got != 2000 {
		t.Errorf("cce = %v, want 2000 (finite, from the logits)", got)
	}
}

func TestMSEAndFits(t *testing.T) {
	l, _ := Get("mse")
	a := row(1, 3)
	if got := l.Cost(a, a, row(0, 0), nil); got != 2.5 {
		t.Errorf("mse = %v, want (1+9)/(2·2) = 2.5", got)
	}
	if err := l.Fits("tanh"); err != nil {
		t.Error(err)
	}
	b, _ := Get("bce")
	if b.Fits("softmax") == nil {
		t.Error("bce accepted a softmax output")
	}
	if _, err := Get("hinge"); err == nil {
		t.Error("unknown loss accepted")
	}
}
