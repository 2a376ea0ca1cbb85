package robust

import (
	"errors"
	"math"
	"strings"
	"testing"

	"nnstep/core/data"
)

// Specs Generate refuses, each with a *data.FieldError naming its field,
// and never a panic.
func TestGenerateBadSpecs(t *testing.T) {
	cases := []struct {
		spec  data.Spec
		field string
	}{
		{data.Spec{Name: "spiral", N: -5, Noise: 0.1}, "n"},
		{data.Spec{Name: "spiral", N: 0, Noise: 0.1}, "n"},
		{data.Spec{Name: "spiral", N: data.MaxN + 1, Noise: 0.1}, "n"},
		{data.Spec{Name: "spiral", N: 1_000_000_000, Noise: 0.1}, "n"},
		{data.Spec{Name: "spiral", N: 100, Noise: math.NaN()}, "noise"},
		{data.Spec{Name: "spiral", N: 100, Noise: -0.1}, "noise"},
		{data.Spec{Name: "spiral", N: 100, Noise: 5}, "noise"},
		{data.Spec{Name: "spiral", N: 100, Noise: math.Inf(1)}, "noise"},
		{data.Spec{Name: "", N: 100}, "name"},
		{data.Spec{Name: "banana", N: 100}, "name"},
		{data.Spec{Name: "../../etc/passwd", N: 100}, "name"},
		{data.Spec{Name: "spiral", N: 100, Classes: 1}, "classes"},
		{data.Spec{Name: "spiral", N: 100, Classes: 100}, "classes"},
		{data.Spec{Name: "gauss", N: 100, Classes: -2}, "classes"},
		{data.Spec{Name: "moons", N: 100, Classes: 3}, "classes"},
	}
	for _, c := range cases {
		set, err := data.Generate(c.spec)
		var fe *data.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || set != nil {
			t.Errorf("%+v: got %v (%T), want a FieldError on %s", c.spec, err, err, c.field)
		}
	}
}

// The extremes Generate accepts give finite points in [-1, 1]² and labels
// that fit: one point, the most points, noise 0 and 1, the most classes.
func TestGenerateExtremes(t *testing.T) {
	for _, name := range data.Names() {
		for _, s := range []data.Spec{
			{Name: name, N: 1, Noise: 1, Seed: math.MaxUint64},
			{Name: name, N: data.MaxN, Noise: 1, Seed: 0},
			{Name: name, N: data.MaxN, Noise: 0, Seed: 7},
		} {
			if name == "gauss" || name == "spiral" {
				s.Classes = data.MaxClasses
			}
			set, err := data.Generate(s)
			if err != nil {
				t.Fatalf("%+v: %v", s, err)
			}
			for i, v := range set.X.Data {
				if math.IsNaN(v) || v < -1 || v > 1 {
					t.Fatalf("%+v: X value %d = %v", s, i, v)
				}
			}
			if i := set.Y.FirstNonFinite(); i >= 0 {
				t.Fatalf("%+v: Y value %d not finite", s, i)
			}
		}
	}
}

// Own points FromPoints refuses, each error naming the index at fault:
// a single class, NaN and infinite coordinates, no point, too many points,
// labels out of range, slices of different lengths.
func TestFromPointsBadInput(t *testing.T) {
	many := make([]float64, data.MaxN+1)
	manyLabels := make([]int, data.MaxN+1)
	for i := range manyLabels {
		manyLabels[i] = i % 2
	}
	cases := []struct {
		name   string
		x1, x2 []float64
		labels []int
		want   string
	}{
		{"single class", []float64{0, 1, 2}, []float64{0, 1, 2}, []int{1, 1, 1}, "class"},
		{"NaN x1", []float64{0, math.NaN()}, []float64{0, 1}, []int{0, 1}, "x1[1]"},
		{"+Inf x2", []float64{0, 1}, []float64{math.Inf(1), 1}, []int{0, 1}, "x2[0]"},
		{"-Inf x1", []float64{math.Inf(-1), 1}, []float64{0, 1}, []int{0, 1}, "x1[0]"},
		{"no point", nil, nil, nil, "n must be"},
		{"too many points", many, many, manyLabels, "n must be"},
		{"negative label", []float64{0, 1}, []float64{0, 1}, []int{0, -1}, "labels[1]"},
		{"label 8", []float64{0, 1}, []float64{0, 1}, []int{0, data.MaxClasses}, "labels[1]"},
		{"lengths differ", []float64{0, 1, 2}, []float64{0, 1}, []int{0, 1}, "same length"},
	}
	for _, c := range cases {
		set, err := data.FromPoints(c.x1, c.x2, c.labels)
		if err == nil || set != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error mentioning %q", c.name, err, c.want)
		}
	}
}

// Split takes any test fraction: NaN and negative mean no test set, more
// than data.MaxTestFraction is capped, and training keeps one example.
func TestSplitAbsurdFractions(t *testing.T) {
	set, err := data.Generate(data.Spec{Name: "moons", N: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		frac      float64
		wantTrain int
	}{{math.NaN(), 10}, {-1, 10}, {math.Inf(-1), 10}, {5, 1}, {math.Inf(1), 1}, {0.95, 1}} {
		tr, te := set.Split(c.frac, 1)
		if tr.N() != c.wantTrain || tr.N()+te.N() != 10 {
			t.Errorf("fraction %v: %d train + %d test, want %d train", c.frac, tr.N(), te.N(), c.wantTrain)
		}
	}
}
