package data

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"nnstep/core/mat"
)

// maxNormal bounds |num.Rand.Normal()|: Box–Muller's radius is
// sqrt(-2·log u) with u ≥ 2⁻⁵³, at most sqrt(106·ln 2) ≈ 8.57.
const maxNormal = 8.6

// classesOf is the number of classes a valid spec must produce.
func classesOf(s Spec) int {
	switch {
	case IsRegression(s.Name):
		return 0
	case (s.Name == "gauss" || s.Name == "spiral") && s.Classes != 0:
		return s.Classes
	}
	return 2
}

// checkSet fails t unless set is a valid dataset for the valid spec s: the
// shapes, labels, targets, balance and ranges the package documents.
func checkSet(t *testing.T, s Spec, set *Set) {
	t.Helper()
	if set == nil || set.X == nil || set.Y == nil {
		t.Fatalf("%+v: nil set or matrix", s)
	}
	rows := 2
	if s.Name == "line" {
		rows = 1
	}
	checkDense(t, "X", set.X, rows, s.N)
	if set.N() != s.N {
		t.Fatalf("%+v: N() = %d", s, set.N())
	}
	if i := set.X.FirstNonFinite(); i >= 0 {
		t.Fatalf("%+v: X.Data[%d] = %v", s, i, set.X.Data[i])
	}
	for i, v := range set.X.Data {
		if v < -1 || v > 1 {
			t.Fatalf("%+v: X.Data[%d] = %v outside [-1, 1]", s, i, v)
		}
	}
	if i := set.Y.FirstNonFinite(); i >= 0 {
		t.Fatalf("%+v: Y.Data[%d] = %v", s, i, set.Y.Data[i])
	}
	k := classesOf(s)
	if set.Classes != k {
		t.Fatalf("%+v: Classes = %d, want %d", s, set.Classes, k)
	}
	if k == 0 {
		if set.Labels != nil || !set.IsRegression() {
			t.Fatalf("%+v: regression set has labels %v", s, set.Labels)
		}
		checkDense(t, "Y", set.Y, 1, s.N)
		for j := range s.N {
			x1, x2 := set.X.At(0, j), 0.0
			if rows == 2 {
				x2 = set.X.At(1, j)
			}
			want, ok := Target(s.Name, x1, x2)
			if !ok {
				t.Fatalf("Target(%q) not ok", s.Name)
			}
			if d := math.Abs(set.Y.At(0, j) - want); d > jitter*s.Noise*maxNormal+1e-12 {
				t.Fatalf("%+v: y[%d] = %v is %v from the target %v", s, j, set.Y.At(0, j), d, want)
			}
		}
		return
	}
	if set.IsRegression() || len(set.Labels) != s.N {
		t.Fatalf("%+v: %d labels, want %d", s, len(set.Labels), s.N)
	}
	yRows := k
	if k == 2 {
		yRows = 1
	}
	checkDense(t, "Y", set.Y, yRows, s.N)
	count := make([]int, k)
	for j, c := range set.Labels {
		if c < 0 || c >= k {
			t.Fatalf("%+v: label[%d] = %d", s, j, c)
		}
		count[c]++
		var sum float64
		for i := range yRows {
			v := set.Y.At(i, j)
			if v != 0 && v != 1 {
				t.Fatalf("%+v: Y[%d][%d] = %v, want 0 or 1", s, i, j, v)
			}
			sum += v
		}
		if k > 2 && sum != 1 {
			t.Fatalf("%+v: one-hot column %d sums to %v", s, j, sum)
		}
		if got := ClassOf(set.Y, j); got != c {
			t.Fatalf("%+v: column %d of Y says class %d, label is %d", s, j, got, c)
		}
	}
	for c, got := range count {
		want := s.N / k
		if c < s.N%k {
			want++
		}
		if got != want {
			t.Fatalf("%+v: class %d has %d points, want %d (counts %v)", s, c, got, want, count)
		}
	}
}

func checkDense(t *testing.T, name string, m *mat.Dense, r, c int) {
	t.Helper()
	if m.Rows != r || m.Cols != c || len(m.Data) != r*c {
		t.Fatalf("%s is %s with %d values, want %d×%d", name, m.Shape(), len(m.Data), r, c)
	}
}

// specs returns valid specs covering every name and class count for n.
func specs(n int) []Spec {
	var out []Spec
	for _, name := range Names() {
		for _, noise := range []float64{0, 0.1, 1} {
			classes := []int{0, 2}
			if name == "gauss" || name == "spiral" {
				classes = []int{0, 2, 3, 5, 8}
			}
			for _, k := range classes {
				out = append(out, Spec{Name: name, N: n, Noise: noise, Seed: uint64(n)*31 + uint64(k), Classes: k})
			}
		}
	}
	return out
}

func TestGenerateAll(t *testing.T) {
	for _, n := range []int{1, 2, 7, 1024} {
		for _, s := range specs(n) {
			set, err := Generate(s)
			if err != nil {
				t.Fatalf("Generate(%+v): %v", s, err)
			}
			checkSet(t, s, set)
		}
	}
}

func TestNames(t *testing.T) {
	want := []string{"linear", "moons", "circles", "xor", "gauss", "spiral", "line", "plane", "bumps"}
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	Names()[0] = "changed"
	if Names()[0] != "linear" {
		t.Fatal("Names returns shared storage")
	}
	for _, name := range want {
		if got, wantReg := IsRegression(name), slices.Contains([]string{"line", "plane", "bumps"}, name); got != wantReg {
			t.Errorf("IsRegression(%q) = %v", name, got)
		}
	}
	if IsRegression("nope") || IsRegression("") {
		t.Error("IsRegression is true for an unknown name")
	}
	if _, ok := Target("moons", 0, 0); ok {
		t.Error("Target is ok for a classification dataset")
	}
}

func TestSameSpecSameBits(t *testing.T) {
	for _, s := range specs(97) {
		a, err := Generate(s)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Generate(s)
		if !sameBits(a.X.Data, b.X.Data) || !sameBits(a.Y.Data, b.Y.Data) || !slices.Equal(a.Labels, b.Labels) {
			t.Fatalf("%+v: two calls differ", s)
		}
	}
}

func TestSeedsDiffer(t *testing.T) {
	for _, s := range specs(50) {
		a, _ := Generate(s)
		s.Seed++
		b, _ := Generate(s)
		if sameBits(a.X.Data, b.X.Data) {
			t.Errorf("%+v: seeds %d and %d give the same points", s, s.Seed-1, s.Seed)
		}
	}
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func TestSpecErrors(t *testing.T) {
	ok := Spec{Name: "moons", N: 100, Noise: 0.1, Seed: 1}
	cases := []struct {
		edit  func(*Spec)
		field string
		text  string // part of the message
	}{
		{func(s *Spec) { s.Name = "banana" }, "name", `got "banana"`},
		{func(s *Spec) { s.Name = "" }, "name", `got ""`},
		{func(s *Spec) { s.Name = "Moons" }, "name", `got "Moons"`},
		{func(s *Spec) { s.N = 0 }, "n", "n must be between 1 and 1024, got 0"},
		{func(s *Spec) { s.N = -5 }, "n", "got -5"},
		{func(s *Spec) { s.N = 1025 }, "n", "got 1025"},
		{func(s *Spec) { s.N = math.MaxInt }, "n", "got 9223372036854775807"},
		{func(s *Spec) { s.Noise = math.NaN() }, "noise", "got NaN"},
		{func(s *Spec) { s.Noise = -0.01 }, "noise", "got -0.01"},
		{func(s *Spec) { s.Noise = 1.0000001 }, "noise", "got 1.0000001"},
		{func(s *Spec) { s.Noise = math.Inf(1) }, "noise", "got +Inf"},
		{func(s *Spec) { s.Classes = 3 }, "classes", "must be 0 or 2 for moons, got 3"},
		{func(s *Spec) { s.Classes = 1 }, "classes", "got 1"},
		{func(s *Spec) { s.Name, s.Classes = "line", 3 }, "classes", "for line, got 3"},
		{func(s *Spec) { s.Name, s.Classes = "gauss", 1 }, "classes", "between 2 and 8 for gauss, got 1"},
		{func(s *Spec) { s.Name, s.Classes = "gauss", 9 }, "classes", "got 9"},
		{func(s *Spec) { s.Name, s.Classes = "spiral", -1 }, "classes", "got -1"},
		{func(s *Spec) { s.Name, s.Classes = "spiral", 9 }, "classes", "for spiral, got 9"},
		// the first bad field is reported
		{func(s *Spec) { s.N, s.Noise, s.Classes = 0, 2, 7 }, "n", "got 0"},
		{func(s *Spec) { s.Noise, s.Classes = math.NaN(), 7 }, "noise", "got NaN"},
	}
	for _, c := range cases {
		s := ok
		c.edit(&s)
		set, err := Generate(s)
		if err == nil || set != nil {
			t.Errorf("Generate(%+v): error %v, set returned %v; want an error", s, err, set != nil)
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("Generate(%+v) error %q is not about field %q", s, err, c.field)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, c.field+" ") || !strings.Contains(msg, c.text) {
			t.Errorf("Generate(%+v) error %q: want prefix %q and %q", s, msg, c.field+" ", c.text)
		}
		if err2 := s.Validate(); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("Validate(%+v) = %v, Generate said %v", s, err2, err)
		}
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("Validate(%+v) = %v", ok, err)
	}
}

// TestNoiseMovesAlongFixedDirections checks that Noise only scales the
// jitter: labels and the noise-free shape do not depend on it.
func TestNoiseMovesAlongFixedDirections(t *testing.T) {
	for _, name := range Names() {
		s := Spec{Name: name, N: 300, Seed: 9}
		var sets [3]*Set
		for i, noise := range []float64{0, 0.01, 0.02} {
			s.Noise = noise
			sets[i], _ = Generate(s)
		}
		for i := 1; i < 3; i++ {
			if !slices.Equal(sets[i].Labels, sets[0].Labels) {
				t.Fatalf("%s: labels change with noise", name)
			}
		}
		a, b, c := sets[0], sets[1], sets[2]
		if IsRegression(name) {
			a, b, c = yAsX(a), yAsX(b), yAsX(c)
		}
		for i := range a.X.Data {
			d1, d2 := b.X.Data[i]-a.X.Data[i], c.X.Data[i]-a.X.Data[i]
			if math.Abs(2*d1-d2) > 1e-12 {
				t.Fatalf("%s: value %d moves by %v at noise 0.01 and %v at 0.02", name, i, d1, d2)
			}
		}
	}
}

func yAsX(s *Set) *Set { return &Set{X: s.Y} }

// TestRescale checks that heavy noise is absorbed by scaling the whole set
// down to [-1, 1], which keeps the largest coordinate at exactly ±1.
func TestRescale(t *testing.T) {
	for _, name := range []string{"linear", "moons", "circles", "xor", "gauss", "spiral"} {
		set, err := Generate(Spec{Name: name, N: 1024, Noise: 1, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		var m float64
		for _, v := range set.X.Data {
			m = math.Max(m, math.Abs(v))
		}
		if m != 1 {
			t.Errorf("%s at noise 1: largest |coordinate| = %v, want exactly 1", name, m)
		}
	}
}

func TestTargetFormulas(t *testing.T) {
	for _, p := range [][2]float64{{0, 0}, {1, -1}, {-0.4, 0.3}, {0.4, -0.3}, {-1, 1}, {0.25, 0.5}} {
		x1, x2 := p[0], p[1]
		b := func(c1, c2 float64) float64 {
			return math.Exp(-((x1-c1)*(x1-c1) + (x2-c2)*(x2-c2)) / (2 * 0.35 * 0.35))
		}
		for name, want := range map[string]float64{
			"line":  0.7*x1 + 0.2,
			"plane": 0.6*x1 - 0.4*x2 + 0.1,
			"bumps": b(-0.4, 0.3) - b(0.4, -0.3),
		} {
			got, _ := Target(name, x1, x2)
			if math.Abs(got-want) > 1e-12 {
				t.Errorf("Target(%s, %v, %v) = %v, want %v", name, x1, x2, got, want)
			}
		}
	}
	if y, _ := Target("line", 1, 0); math.Abs(y-(LineSlope+LineIntercept)) > 1e-15 {
		t.Errorf("line(1) = %v", y)
	}
}

func TestRegressionAtNoiseZero(t *testing.T) {
	for _, name := range []string{"line", "plane", "bumps"} {
		set, _ := Generate(Spec{Name: name, N: 500, Seed: 4})
		for j := range set.N() {
			x1, x2 := set.X.At(0, j), 0.0
			if set.X.Rows == 2 {
				x2 = set.X.At(1, j)
			}
			if x1 < -1 || x1 >= 1 || x2 < -1 || x2 >= 1 {
				t.Fatalf("%s: input (%v, %v) outside [-1, 1)", name, x1, x2)
			}
			if want, _ := Target(name, x1, x2); set.Y.At(0, j) != want {
				t.Fatalf("%s: y[%d] = %v, want %v", name, j, set.Y.At(0, j), want)
			}
		}
	}
}
