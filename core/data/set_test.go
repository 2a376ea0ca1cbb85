package data

import (
	"math"
	"slices"
	"strings"
	"testing"

	"nnstep/core/mat"
)

// indexed returns n points whose x1 is their index, x2 its negative and
// label index mod k, so that the pieces of a split can be traced back.
func indexed(t *testing.T, n, k int) *Set {
	t.Helper()
	x1, x2, labels := make([]float64, n), make([]float64, n), make([]int, n)
	for i := range n {
		x1[i], x2[i], labels[i] = float64(i), -float64(i), i%k
	}
	set, err := FromPoints(x1, x2, labels)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// origin returns the indices of set's examples and checks that their
// coordinates, labels and targets still belong together.
func origin(t *testing.T, set *Set, k int) []int {
	t.Helper()
	idx := make([]int, set.N())
	for j := range idx {
		i := int(set.X.At(0, j))
		if set.X.At(1, j) != -float64(i) || set.Labels[j] != i%k || ClassOf(set.Y, j) != i%k {
			t.Fatalf("example %d (index %d) lost its partner values", j, i)
		}
		idx[j] = i
	}
	return idx
}

func TestSplit(t *testing.T) {
	cases := []struct {
		n        int
		fraction float64
		test     int
	}{
		{100, 0.2, 20},
		{100, 0, 0},
		{100, 0.9, 90},
		{100, 1, 90},   // clamped to 0.9
		{100, 7, 90},   // clamped
		{100, -0.5, 0}, // clamped to 0
		{100, math.NaN(), 0},
		{100, math.Inf(1), 90},
		{10, 0.25, 3}, // round(2.5) = 3
		{7, 0.3, 2},   // round(2.1)
		{2, 0.9, 1},   // round(1.8) = 2, but train keeps one
		{3, 0.5, 2},   // round(1.5) = 2
	}
	for _, c := range cases {
		for _, k := range []int{2, 3} {
			if c.n < k {
				continue
			}
			set := indexed(t, c.n, k)
			before := set.X.Clone()
			train, test := set.Split(c.fraction, 5)
			if test.N() != c.test || train.N() != c.n-c.test {
				t.Errorf("n %d, fraction %v: %d train, %d test; want %d test", c.n, c.fraction, train.N(), test.N(), c.test)
				continue
			}
			for _, part := range []*Set{train, test} {
				if part.Classes != k || part.X.Rows != 2 || part.Y.Rows != set.Y.Rows || part.Y.Cols != part.N() || len(part.Labels) != part.N() {
					t.Fatalf("n %d: part has Classes %d, X %s, Y %s, %d labels", c.n, part.Classes, part.X.Shape(), part.Y.Shape(), len(part.Labels))
				}
			}
			all := append(origin(t, train, k), origin(t, test, k)...)
			slices.Sort(all)
			for i, v := range all {
				if v != i {
					t.Fatalf("n %d, fraction %v: train ∪ test = %v, not a partition of 0..%d", c.n, c.fraction, all, c.n-1)
				}
			}
			if !sameBits(before.Data, set.X.Data) {
				t.Fatal("Split modified the set")
			}
		}
	}
}

func TestSplitSeeded(t *testing.T) {
	set := indexed(t, 200, 4)
	a1, b1 := set.Split(0.3, 11)
	a2, b2 := set.Split(0.3, 11)
	if !slices.Equal(origin(t, a1, 4), origin(t, a2, 4)) || !slices.Equal(origin(t, b1, 4), origin(t, b2, 4)) {
		t.Fatal("same seed, different split")
	}
	_, b3 := set.Split(0.3, 12)
	if slices.Equal(origin(t, b1, 4), origin(t, b3, 4)) {
		t.Fatal("seeds 11 and 12 give the same split")
	}
	if o := origin(t, b1, 4); slices.IsSorted(o) {
		t.Fatalf("test set %v is not shuffled", o)
	}
}

func TestSplitRegression(t *testing.T) {
	for _, name := range []string{"line", "bumps"} {
		set, _ := Generate(Spec{Name: name, N: 50, Seed: 1})
		train, test := set.Split(0.2, 3)
		if train.N() != 40 || test.N() != 10 || train.Labels != nil || test.Labels != nil || train.Classes != 0 {
			t.Fatalf("%s: split into %d and %d (labels %v, classes %d)", name, train.N(), test.N(), train.Labels, train.Classes)
		}
		for _, part := range []*Set{train, test} {
			if part.X.Rows != set.X.Rows || part.Y.Rows != 1 {
				t.Fatalf("%s: X %s, Y %s", name, part.X.Shape(), part.Y.Shape())
			}
			for j := range part.N() {
				x2 := 0.0
				if part.X.Rows == 2 {
					x2 = part.X.At(1, j)
				}
				if want, _ := Target(name, part.X.At(0, j), x2); part.Y.At(0, j) != want {
					t.Fatalf("%s: target separated from its input", name)
				}
			}
		}
	}
}

func TestSubset(t *testing.T) {
	set := indexed(t, 10, 3)
	sub := set.Subset([]int{4, 4, 0, 9})
	if got := origin(t, sub, 3); !slices.Equal(got, []int{4, 4, 0, 9}) {
		t.Fatalf("Subset picked %v", got)
	}
	if sub.Y.Rows != 3 || sub.Classes != 3 {
		t.Fatalf("Subset: Y %s, Classes %d", sub.Y.Shape(), sub.Classes)
	}
	sub.X.Set(0, 0, 99)
	sub.Labels[0] = 2
	if set.X.At(0, 4) != 4 || set.Labels[4] != 1 {
		t.Fatal("Subset shares storage with the set")
	}
	empty := set.Subset(nil)
	if empty.N() != 0 || empty.X.Rows != 2 || empty.Y.Rows != 3 || empty.Labels == nil || len(empty.Labels) != 0 {
		t.Fatalf("empty subset: X %s, Y %s, labels %v", empty.X.Shape(), empty.Y.Shape(), empty.Labels)
	}
	for _, bad := range []int{-1, 10} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Subset([%d]) did not panic", bad)
				}
			}()
			set.Subset([]int{bad})
		}()
	}
}

func TestFromPoints(t *testing.T) {
	x1 := []float64{0.1, -0.2, 5, 0}
	x2 := []float64{0, 0.5, -3, 1e300}
	two, err := FromPoints(x1, x2, []int{0, 1, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	if two.Classes != 2 || two.Y.Rows != 1 || !slices.Equal(two.Y.Data, []float64{0, 1, 1, 0}) {
		t.Fatalf("binary: Classes %d, Y %v", two.Classes, two.Y)
	}
	if !slices.Equal(two.X.Row(0), x1) || !slices.Equal(two.X.Row(1), x2) {
		t.Fatalf("X = %v, want the points as given", two.X)
	}
	labels := []int{3, 0, 3, 0}
	gap, err := FromPoints(x1, x2, labels)
	if err != nil {
		t.Fatal(err)
	}
	want := &mat.Dense{Rows: 4, Cols: 4, Data: []float64{
		0, 1, 0, 1,
		0, 0, 0, 0,
		0, 0, 0, 0,
		1, 0, 1, 0,
	}}
	if gap.Classes != 4 || !mat.SameShape(gap.Y, want) || !slices.Equal(gap.Y.Data, want.Data) {
		t.Fatalf("labels with a gap: Classes %d, Y\n%v", gap.Classes, gap.Y)
	}
	labels[0], x1[0] = 1, 42
	if gap.Labels[0] != 3 || gap.X.At(0, 0) != 0.1 {
		t.Fatal("FromPoints keeps the caller's slices")
	}
	eight, err := FromPoints([]float64{0, 1}, []float64{0, 1}, []int{7, 0})
	if err != nil || eight.Classes != 8 || eight.Y.Rows != 8 {
		t.Fatalf("labels 7 and 0: %v, %v", eight, err)
	}
}

func TestFromPointsErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	many := make([]float64, MaxN+1)
	manyLabels := make([]int, MaxN+1)
	manyLabels[0] = 1
	cases := []struct {
		x1, x2 []float64
		labels []int
		text   string
	}{
		{[]float64{0}, []float64{0, 1}, []int{0, 1}, "same length"},
		{[]float64{0, 1}, []float64{0, 1}, []int{0}, "same length"},
		{nil, nil, nil, "n must be between 1 and 1024, got 0"},
		{many, many, manyLabels, "got 1025"},
		{[]float64{0, 1, nan}, []float64{0, 0, 0}, []int{0, 1, 0}, "x1[2] must be finite, got NaN"},
		{[]float64{0, 1}, []float64{inf, 0}, []int{0, 1}, "x2[0] must be finite, got +Inf"},
		{[]float64{0, 1}, []float64{0, -inf}, []int{0, 1}, "x2[1]"},
		{[]float64{0, 1}, []float64{0, 0}, []int{0, -1}, "labels[1] must be between 0 and 7, got -1"},
		{[]float64{0, 1}, []float64{0, 0}, []int{8, 0}, "labels[0] must be between 0 and 7, got 8"},
		{[]float64{0, 1}, []float64{0, 0}, []int{1, 1}, "at least 2 classes, got only class 1"},
		{[]float64{0}, []float64{0}, []int{0}, "at least 2 classes"},
	}
	for _, c := range cases {
		set, err := FromPoints(c.x1, c.x2, c.labels)
		if err == nil || set != nil {
			t.Errorf("FromPoints(%v, %v, %v): error %v, set returned %v; want an error", c.x1, c.x2, c.labels, err, set != nil)
			continue
		}
		if !strings.Contains(err.Error(), c.text) {
			t.Errorf("FromPoints(%v, %v, %v): error %q, want %q", c.x1, c.x2, c.labels, err, c.text)
		}
	}
}

func TestTargetsAndClassOf(t *testing.T) {
	y := Targets([]int{1, 0, 1}, 2)
	if y.Rows != 1 || !slices.Equal(y.Data, []float64{1, 0, 1}) {
		t.Fatalf("Targets k=2: %v", y)
	}
	y = Targets([]int{2, 0, 1}, 3)
	if y.Rows != 3 || !slices.Equal(y.Data, []float64{0, 1, 0, 0, 0, 1, 1, 0, 0}) {
		t.Fatalf("Targets k=3: %v", y)
	}
	if got := LabelsOf(y); !slices.Equal(got, []int{2, 0, 1}) {
		t.Fatalf("LabelsOf(one-hot) = %v", got)
	}
	out := &mat.Dense{Rows: 1, Cols: 4, Data: []float64{0.49, 0.5, 0.99, 0}}
	if got := LabelsOf(out); !slices.Equal(got, []int{0, 1, 1, 0}) {
		t.Fatalf("LabelsOf(sigmoid outputs) = %v", got)
	}
	soft := &mat.Dense{Rows: 3, Cols: 2, Data: []float64{0.2, 0.4, 0.5, 0.4, 0.3, 0.2}}
	if got := LabelsOf(soft); !slices.Equal(got, []int{1, 0}) {
		t.Fatalf("LabelsOf(softmax outputs) = %v, want [1 0] (first on ties)", got)
	}
	for _, bad := range []struct {
		labels []int
		k      int
	}{{[]int{2}, 2}, {[]int{-1}, 3}, {[]int{3}, 3}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Targets(%v, %d) did not panic", bad.labels, bad.k)
				}
			}()
			Targets(bad.labels, bad.k)
		}()
	}
}

func TestSplitOne(t *testing.T) {
	for _, name := range Names() {
		set, _ := Generate(Spec{Name: name, N: 1, Seed: 1})
		train, test := set.Split(0.9, 1)
		if train.N() != 1 || test.N() != 0 || test.X.Rows != set.X.Rows || test.Y.Rows != set.Y.Rows {
			t.Fatalf("%s n=1: train %s, test %s", name, train.X.Shape(), test.X.Shape())
		}
	}
}

// Issue 18, finding 13: a labelled set is split class by class, each class
// in the ratio of the whole (an 8-point CSV of 4 + 4 points was split into
// train = all class 0, test = all class 1). Every seed is tried.
func TestSplitStratified(t *testing.T) {
	labels := []int{0, 0, 0, 0, 1, 1, 1, 1}
	x := make([]float64, len(labels))
	for i := range x {
		x[i] = float64(i)
	}
	set, err := FromPoints(x, x, labels)
	if err != nil {
		t.Fatal(err)
	}
	count := func(s *Set) [2]int {
		var c [2]int
		for _, l := range s.Labels {
			c[l]++
		}
		return c
	}
	for seed := uint64(0); seed < 200; seed++ {
		train, test := set.Split(0.5, seed)
		if c, d := count(train), count(test); c != [2]int{2, 2} || d != [2]int{2, 2} {
			t.Fatalf("seed %d: train has %v points of classes 0 and 1, test %v; want 2 and 2 in each", seed, c, d)
		}
	}
	// Unequal classes: each keeps its share, and a class of one point
	// stays in training.
	set, err = FromPoints(make([]float64, 11), make([]float64, 11), []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	if err != nil {
		t.Fatal(err)
	}
	for seed := uint64(0); seed < 50; seed++ {
		train, test := set.Split(0.3, seed)
		if c, d := count(train), count(test); c != [2]int{7, 1} || d != [2]int{3, 0} {
			t.Fatalf("seed %d: train %v, test %v; want [7 1] and [3 0]", seed, c, d)
		}
	}
}
