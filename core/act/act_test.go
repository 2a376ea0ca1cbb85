package act

import (
	"math"
	"testing"
)

func TestDerivativesMatchTheTableAtZero(t *testing.T) {
	want := map[string]float64{
		"identity": 1, "step": 0, "sigmoid": 0.25, "tanh": 1, "arctan": 1,
		"relu": 1, "leaky_relu": 1, "prelu": 1, "elu": 1, "softplus": 0.5,
	}
	for _, name := range Names() {
		f, err := Get(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.D(0, f.F(0)); got != want[name] {
			t.Errorf("%s'(0) = %v, want %v", name, got, want[name])
		}
	}
}

func TestDerivativesMatchFiniteDifferences(t *testing.T) {
	for _, name := range Names() {
		f, _ := Get(name)
		for _, x := range []float64{-3, -1.2, -0.3, 0.4, 1.1, 2.5} {
			h := 1e-6
			num := (f.F(x+h) - f.F(x-h)) / (2 * h)
			if got := f.D(x, f.F(x)); math.Abs(got-num) > 1e-7 {
				t.Errorf("%s'(%v) = %v, finite difference %v", name, x, got, num)
			}
		}
	}
}

func TestParametricAlphas(t *testing.T) {
	checks := []struct {
		name    string
		x, f, d float64
	}{
		{"leaky_relu", -2, -0.02, 0.01},
		{"prelu", -2, -0.5, 0.25},
		{"elu", -1, math.Expm1(-1), math.Expm1(-1) + 1}, // f'(x) = f(x) + α
		{"relu", -2, 0, 0},
		{"step", -2, 0, 0},
		{"step", 2, 1, 0},
	}
	for _, c := range checks {
		f, _ := Get(c.name)
		if got := f.F(c.x); math.Abs(got-c.f) > 1e-15 {
			t.Errorf("%s(%v) = %v, want %v", c.name, c.x, got, c.f)
		}
		if got := f.D(c.x, f.F(c.x)); math.Abs(got-c.d) > 1e-15 {
			t.Errorf("%s'(%v) = %v, want %v", c.name, c.x, got, c.d)
		}
	}
	p, _ := Get("prelu")
	if got := p.WithAlpha(0.5).F(-2); got != -1 {
		t.Errorf("prelu with α=0.5 at −2 = %v", got)
	}
	e, _ := Get("elu")
	if got := e.WithAlpha(2).D(-1, e.WithAlpha(2).F(-1)); math.Abs(got-(2*math.Expm1(-1)+2)) > 1e-15 {
		t.Errorf("elu' with α=2 at −1 = %v", got)
	}
}

func TestSoftmaxStableVersusNaive(t *testing.T) {
	z := []float64{4000, 5000, 6000}
	s := SoftmaxStable(z)
	if s[0] != 0 || s[1] != 0 || s[2] != 1 {
		t.Errorf("stable softmax = %v, want [0 0 1]", s)
	}
	for _, v := range SoftmaxNaive(z) {
		if !math.IsNaN(v) {
			t.Errorf("naive softmax of %v = %v, the slide shows NaN", z, SoftmaxNaive(z))
			break
		}
	}
	small := SoftmaxStable([]float64{4, 5, 6})
	want := []float64{0.09003057, 0.24472847, 0.66524096} // the slide's output
	for i := range want {
		if math.Abs(small[i]-want[i]) > 1e-8 {
			t.Errorf("softmax([4 5 6]) = %v, want %v", small, want)
		}
	}
	for i, row := range SoftmaxJacobian(small) {
		var sum float64
		for _, v := range row {
			sum += v
		}
		if math.Abs(sum) > 1e-15 {
			t.Errorf("Jacobian row %d sums to %v, not 0", i, sum)
		}
	}
}

func TestUnknownNames(t *testing.T) {
	if _, err := Get("swish"); err == nil {
		t.Error("swish accepted")
	}
	if _, err := ForLayer("softmax"); err != nil {
		t.Error(err)
	}
	if !Valid("softmax") || Valid("") {
		t.Error("Valid is wrong")
	}
}

// MaxD and Saturates are declared beside each function; both must agree
// with its derivative D, for the defaults and for other values of α.
func TestMaxDAndSaturatesFollowTheDerivative(t *testing.T) {
	for _, name := range Names() {
		base, _ := Get(name)
		for _, f := range []*Func{base, base.WithAlpha(0.3), base.WithAlpha(2)} {
			sup := 0.0
			for i := -40000; i <= 40000; i++ {
				x := float64(i) / 1000
				sup = math.Max(sup, math.Abs(f.D(x, f.F(x))))
			}
			if math.Abs(sup-f.MaxD) > 1e-3*math.Max(1, f.MaxD) {
				t.Errorf("%s (α = %v): MaxD = %v, but sup |f'| = %v", name, f.Alpha, f.MaxD, sup)
			}
			// A plateau: on some side f' keeps shrinking towards 0 without
			// reaching it, and falls under the threshold.
			plateau := false
			for _, s := range []float64{-1, 1} {
				d8, d16 := math.Abs(f.D(8*s, f.F(8*s))), math.Abs(f.D(16*s, f.F(16*s)))
				if d16 > 0 && d16 < d8 && d16 < SaturationThreshold*f.MaxD {
					plateau = true
				}
			}
			if plateau != f.Saturates {
				t.Errorf("%s (α = %v): Saturates = %v, but its derivative says %v", name, f.Alpha, f.Saturates, plateau)
			}
		}
	}
}

func TestSaturatedUsesTheThreshold(t *testing.T) {
	s, _ := Get("sigmoid")
	// σ'(x) = 0.05·0.25 where σ(x)(1−σ(x)) = 0.0125: x ≈ ±4.37.
	if !s.Saturated(s.D(4.5, s.F(4.5))) || s.Saturated(s.D(4.2, s.F(4.2))) {
		t.Errorf("sigmoid: saturated at 4.5 but not at 4.2 with threshold %v", SaturationThreshold)
	}
	r, _ := Get("relu")
	if r.Saturated(0) {
		t.Error("ReLU's zero gradient is not a plateau")
	}
	e, _ := Get("elu")
	if !e.Saturated(e.D(-4, e.F(-4))) || e.Saturated(e.D(4, e.F(4))) {
		t.Error("ELU saturates for x → −∞ only")
	}
}

// Func.Kink is what the numbers say: f jumps at 0, or its one-sided slopes
// there differ.
func TestKinkMatchesTheFunction(t *testing.T) {
	const h = 1e-6
	for _, name := range Names() {
		f, _ := Get(name)
		left := (f.F(0) - f.F(-h)) / h
		right := (f.F(h) - f.F(0)) / h
		kink := math.Abs(f.F(h)-f.F(-h)) > 1e-3 || math.Abs(right-left) > 1e-3
		if kink != f.Kink {
			t.Errorf("%s: Kink = %v, the slopes at 0 are %v and %v", name, f.Kink, left, right)
		}
	}
}

// A function with α has a slider that holds its default, and WithAlpha
// changes f; the others have neither.
func TestAlphaRange(t *testing.T) {
	for _, name := range Names() {
		f, _ := Get(name)
		r := f.AlphaRange
		if !f.HasAlpha() {
			if r != [3]float64{} || f.Alpha != 0 {
				t.Errorf("%s: no α, yet range %v, α %v", name, r, f.Alpha)
			}
			continue
		}
		if !(r[0] <= f.Alpha && f.Alpha <= r[1] && r[2] > 0) {
			t.Errorf("%s: default α %v outside its range %v", name, f.Alpha, r)
		}
		if g := f.WithAlpha(r[1]); g.F(-1) == f.F(-1) {
			t.Errorf("%s: WithAlpha(%v) leaves f(−1) = %v", name, r[1], f.F(-1))
		}
	}
}
