package data

import (
	"fmt"
	"math"

	"nnstep/core/mat"
	"nnstep/core/num"
)

// MaxTestFraction is the largest share of a set that Split puts in the test set.
const MaxTestFraction = 0.9

// Subset returns a new set of the examples of s listed in idx, in that
// order (an index may repeat). It panics if an index is out of range.
func (s *Set) Subset(idx []int) *Set {
	for _, i := range idx {
		if i < 0 || i >= s.N() {
			panic(fmt.Sprintf("data.Subset: index %d out of range [0, %d)", i, s.N()))
		}
	}
	out := &Set{X: new(mat.Dense), Y: new(mat.Dense), Classes: s.Classes}
	out.X.CopyCols(s.X, idx)
	out.Y.CopyCols(s.Y, idx)
	if s.Labels != nil {
		out.Labels = make([]int, len(idx))
		for j, i := range idx {
			out.Labels[j] = s.Labels[i]
		}
	}
	return out
}

// Split shuffles the examples of s with num.NewRand(seed) and puts
// round(testFraction·n) of them in test and the rest in train, both in
// shuffled order. testFraction is clamped to [0, MaxTestFraction] (NaN
// counts as 0), and train keeps at least one example when s has any. test
// may be empty (0 columns). A labelled set is split class by class
// (stratified): each class puts its share of the test examples in test,
// shares rounded by largest remainder, and a class keeps one example in
// train while another class can give one instead. s is not modified.
func (s *Set) Split(testFraction float64, seed uint64) (train, test *Set) {
	n := s.N()
	switch {
	case !(testFraction >= 0):
		testFraction = 0
	case testFraction > MaxTestFraction:
		testFraction = MaxTestFraction
	}
	nTest := int(math.Round(testFraction * float64(n)))
	nTest = max(0, min(nTest, n-1))
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	num.NewRand(seed).Shuffle(perm)
	if s.Labels == nil {
		return s.Subset(perm[nTest:]), s.Subset(perm[:nTest])
	}
	want := testShares(s.Labels, testFraction, nTest)
	var tr, te []int
	for _, i := range perm {
		if c := s.Labels[i]; want[c] > 0 {
			want[c]--
			te = append(te, i)
		} else {
			tr = append(tr, i)
		}
	}
	return s.Subset(tr), s.Subset(te)
}

// testShares returns how many examples of each class go to the test set:
// fraction·(class size) rounded down, then the remaining ones of nTest one
// by one to the classes of largest remainder (lowest class first on ties)
// that keep an example in train, then to any class with examples left.
func testShares(labels []int, fraction float64, nTest int) []int {
	size := make([]int, MaxClasses)
	for _, c := range labels {
		size[c]++
	}
	share := make([]int, MaxClasses)
	left := nTest
	for c, m := range size {
		share[c] = min(int(fraction*float64(m)), max(m-1, 0))
		left -= share[c]
	}
	for _, limit := range []int{1, 0} { // examples a class keeps in train
		for left > 0 {
			best, rem := -1, -1.0
			for c, m := range size {
				if share[c] >= m-limit {
					continue
				}
				if r := fraction*float64(m) - float64(share[c]); r > rem {
					best, rem = c, r
				}
			}
			if best < 0 {
				break
			}
			share[best]++
			left--
		}
	}
	return share
}

// Targets returns Y for class labels in 0..k-1, following the lecture: for
// k ≤ 2 a single row (1×n) holding the labels as 0 and 1, for k > 2 a k×n
// one-hot matrix. It panics if a label is out of range.
func Targets(labels []int, k int) *mat.Dense {
	if k <= 2 {
		y := mat.New(1, len(labels))
		for j, c := range labels {
			if c < 0 || c > 1 {
				panic(fmt.Sprintf("data.Targets: label %d out of range for 2 classes", c))
			}
			y.Data[j] = float64(c)
		}
		return y
	}
	y := mat.New(k, len(labels))
	for j, c := range labels {
		if c < 0 || c >= k {
			panic(fmt.Sprintf("data.Targets: label %d out of range for %d classes", c, k))
		}
		y.Set(c, j, 1)
	}
	return y
}

// ClassOf returns the class that column j of y stands for: for a single row,
// 1 when the value is at least 0.5 and 0 otherwise; for several rows, the
// row of the largest value (the first one on ties). It reads targets as
// well as network outputs (a sigmoid or softmax layer).
func ClassOf(y *mat.Dense, j int) int {
	if y.Rows == 1 {
		if y.At(0, j) >= 0.5 {
			return 1
		}
		return 0
	}
	best := 0
	for i := 1; i < y.Rows; i++ {
		if y.At(i, j) > y.At(best, j) {
			best = i
		}
	}
	return best
}

// LabelsOf returns ClassOf for every column of y.
func LabelsOf(y *mat.Dense) []int {
	out := make([]int, y.Cols)
	for j := range out {
		out[j] = ClassOf(y, j)
	}
	return out
}

// FromPoints builds a classification set from the user's own points (typed
// in, clicked or read from a CSV): example i is (x1[i], x2[i]) of class
// labels[i]. The number of classes k is the largest label plus one; classes
// in between may be missing, but at least two must be present. Y is a 0/1
// row for k = 2 and one-hot for k > 2. The coordinates are copied as they
// are (not rescaled into [-1, 1]). FromPoints returns an error, naming the
// offending index, for slices of different lengths, fewer than 1 or more
// than MaxN points, a non-finite coordinate, or a label outside
// 0..MaxClasses-1.
func FromPoints(x1, x2 []float64, labels []int) (*Set, error) {
	n := len(labels)
	if len(x1) != n || len(x2) != n {
		return nil, fmt.Errorf("x1, x2 and labels must have the same length, got %d, %d and %d", len(x1), len(x2), n)
	}
	if n < 1 || n > MaxN {
		return nil, fmt.Errorf("n must be between 1 and %d, got %d", MaxN, n)
	}
	x := mat.New(2, n)
	for i := range n {
		if !num.IsFinite(x1[i]) {
			return nil, fmt.Errorf("x1[%d] must be finite, got %v", i, x1[i])
		}
		if !num.IsFinite(x2[i]) {
			return nil, fmt.Errorf("x2[%d] must be finite, got %v", i, x2[i])
		}
		x.Set(0, i, x1[i])
		x.Set(1, i, x2[i])
	}
	var seen [MaxClasses]bool
	k, distinct := 0, 0
	for i, c := range labels {
		if c < 0 || c >= MaxClasses {
			return nil, fmt.Errorf("labels[%d] must be between 0 and %d, got %d", i, MaxClasses-1, c)
		}
		if !seen[c] {
			seen[c] = true
			distinct++
		}
		k = max(k, c+1)
	}
	if distinct < 2 {
		return nil, fmt.Errorf("labels must contain at least 2 classes, got only class %d", labels[0])
	}
	own := append([]int(nil), labels...)
	return &Set{X: x, Y: Targets(own, k), Classes: k, Labels: own}, nil
}
