package num

import (
	"math"
	"math/rand/v2"
	"testing"
)

func ulps(a, b float64) uint64 {
	if a == b {
		return 0
	}
	ia, ib := math.Float64bits(a), math.Float64bits(b)
	if ia > ib {
		return ia - ib
	}
	return ib - ia
}

func TestExpLogMatchMath(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		x := (r.Float64()*2 - 1) * 700 // math.Exp's amd64 assembly overflows early, near 709.4
		if d := ulps(Exp(x), math.Exp(x)); d > 2 {
			t.Fatalf("Exp(%v) = %v, math.Exp = %v (%d ulps)", x, Exp(x), math.Exp(x), d)
		}
		y := math.Exp((r.Float64()*2 - 1) * 700)
		if d := ulps(Log(y), math.Log(y)); d > 2 {
			t.Fatalf("Log(%v) = %v, math.Log = %v (%d ulps)", y, Log(y), math.Log(y), d)
		}
	}
}

func TestSpecialValues(t *testing.T) {
	cases := []struct {
		name string
		got  float64
		want float64
	}{
		{"Exp(0)", Exp(0), 1},
		{"Exp(1000)", Exp(1000), math.Inf(1)},
		{"Exp(-1000)", Exp(-1000), 0},
		{"Log(1)", Log(1), 0},
		{"Log(0)", Log(0), math.Inf(-1)},
		{"Tanh(30)", Tanh(30), 1},
		{"Tanh(-30)", Tanh(-30), -1},
		{"Sigmoid(0)", Sigmoid(0), 0.5},
		{"Sigmoid(-800)", Sigmoid(-800), 0},
		{"Sigmoid(800)", Sigmoid(800), 1},
		{"Softplus(800)", Softplus(800), 800},
		{"Softplus(-800)", Softplus(-800), 0},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !math.IsNaN(Log(-1)) {
		t.Error("Log(-1) should be NaN")
	}
}

func TestTanhAbsolute(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 100000; i++ {
		x := (r.Float64()*2 - 1) * 25
		if d := math.Abs(Tanh(x) - math.Tanh(x)); d > 4e-16*math.Max(1, math.Abs(math.Tanh(x))) {
			t.Fatalf("Tanh(%v) = %v, math.Tanh = %v", x, Tanh(x), math.Tanh(x))
		}
	}
	if Tanh(1e-10) != 1e-10 {
		t.Errorf("Tanh(1e-10) = %v, lost relative precision", Tanh(1e-10))
	}
}

// TestTanhAccuracy compares Tanh with math.Tanh over the range the network
// sees and beyond: within 1e-15 relative error everywhere.
func TestTanhAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	worst := 0.0
	for i := 0; i < 400000; i++ {
		var x float64
		switch i % 4 {
		case 0:
			x = (r.Float64()*2 - 1) * 0.7 // the rational branch and its edge
		case 1:
			x = (r.Float64()*2 - 1) * 5
		case 2:
			x = (r.Float64()*2 - 1) * 30
		default:
			x = math.Ldexp(r.Float64()*2-1, -r.IntN(60)) // tiny
		}
		got, want := Tanh(x), math.Tanh(x)
		if want == 0 {
			if got != 0 {
				t.Fatalf("Tanh(%v) = %v, want 0", x, got)
			}
			continue
		}
		rel := math.Abs(got-want) / math.Abs(want)
		worst = max(worst, rel)
		if rel > 1e-15 {
			t.Fatalf("Tanh(%v) = %v, math.Tanh = %v (relative error %g)", x, got, want, rel)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 0.625, -0.625, 22, -22, 23, math.Inf(1), math.Inf(-1)} {
		if got, want := Tanh(x), math.Tanh(x); got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("Tanh(%v) = %v, want %v", x, got, want)
		}
	}
	if !math.IsNaN(Tanh(math.NaN())) {
		t.Error("Tanh(NaN) is not NaN")
	}
	t.Logf("worst relative error %g", worst)
}

// TestTanhInlinedExp checks that Tanh's written-out e^{2|x|} gives the same
// bits as 1 − 2/(Exp(2|x|)+1), the form the goldens were made with.
func TestTanhInlinedExp(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 200000; i++ {
		x := (r.Float64()*2 - 1) * 23
		if math.Abs(x) < 0.625 || math.Abs(x) > 22 {
			continue
		}
		want := math.Copysign(1-2/(Exp(2*math.Abs(x))+1), x)
		if got := Tanh(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("Tanh(%v) = %v, via Exp %v", x, got, want)
		}
	}
}
