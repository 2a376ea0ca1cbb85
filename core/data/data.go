// Package data makes the lesson's seeded 2-D datasets: six classification
// problems (linear, moons, circles, xor, gauss, spiral) and three regression
// problems (line, plane, bumps).
//
// The matrices follow the lecture's conventions. X holds one row per feature
// and one column per example: 2×n, or 1×n for line. Y holds one row per output
// unit: a single 0/1 row (1×n) for two classes, k one-hot rows (k×n) for
// k > 2 classes, and a single real-valued row (1×n) for regression.
//
// # Range
//
// Every input lies in [-1, 1]. The noise-free classification shapes fit in
// [-0.9, 0.9]², which leaves a margin for noise; when noise pushes a
// coordinate beyond ±1 the whole set is divided by its largest |coordinate|
// (the same factor for both axes, about the origin), so the shape and the
// labels are kept and the extreme point lands on ±1. Regression inputs are
// uniform in [-1, 1) and never rescaled.
//
// # Noise
//
// Noise (0 to 1) scales gaussian noise of standard deviation 0.3·Noise: each
// point of linear, moons, circles, xor and spiral is moved by 0.3·Noise·N(0, 1)
// along each axis after its label is fixed, the gauss blobs have standard
// deviation 0.1 + 0.3·Noise, and regression targets get 0.3·Noise·N(0, 1)
// added (the inputs stay exact). The random draws do not depend on Noise, so
// for a given seed moving the Noise slider moves each point along the same
// random direction and keeps every label.
//
// # Datasets
//
//	linear   a line through the origin at a seeded angle θ splits the square
//	         [-0.9, 0.9]²; points are uniform in it, class 1 on the side the
//	         normal (cos θ, sin θ) points to, class 0 on the other.
//	moons    scikit-learn's make_moons: class 0 on the upper half-circle
//	         (cos t, sin t), class 1 on (1 − cos t, 0.5 − sin t), t uniform in
//	         [0, π], then centred and scaled by 0.6, so x1 ∈ [-0.9, 0.9] and
//	         x2 ∈ [-0.45, 0.45]. Noise 0.1 here is 0.05 in make_moons' units.
//	circles  class 1 uniform in the inner disc r ≤ 0.4, class 0 uniform in
//	         the outer ring 0.6 ≤ r ≤ 0.9.
//	xor      |x1| and |x2| uniform in [0.05, 0.9) (a margin along the axes);
//	         class 1 when x1 and x2 have the same sign (first and third
//	         quadrants, x1·x2 > 0), class 0 otherwise (second and fourth).
//	gauss    k blobs (Classes, default 2); blob c is centred at radius 0.5,
//	         angle π/4 + 2πc/k (for k = 2: class 0 upper right, class 1 lower
//	         left), standard deviation 0.1 + 0.3·Noise.
//	spiral   k arms (Classes, default 2) as in TensorFlow Playground: s uniform
//	         in [0, 1), radius 0.9·s, angle t = 3.5π·s + 2πc/k, point
//	         (r·sin t, r·cos t): 1.75 turns per arm.
//	line     x uniform in [-1, 1), y = 0.7·x + 0.2 + noise (the
//	         gradient-descent notebook: one linear neuron on noisy 1-D data).
//	plane    x uniform in [-1, 1)², y = 0.6·x1 − 0.4·x2 + 0.1 + noise.
//	bumps    x uniform in [-1, 1)², y = a hill at (−0.4, 0.3) minus a pit at
//	         (0.4, −0.3), gaussians of height 1 and width 0.35, + noise.
//
// Target gives the noise-free regression functions.
//
// # Reproducibility
//
// All randomness comes from num.NewRand(Seed) and exponentials from num.Exp,
// and every product that is added to something is rounded explicitly (so no
// compiler fuses it into an FMA): a Spec gives the same bits natively on amd64
// and in the browser (GOOS=js GOARCH=wasm); testdata/golden.json pins them.
// (On arm64 and other GOARCHes that fuse, math.Sin, math.Cos and num itself
// may still differ in the last bit.)
package data

import (
	"fmt"
	"math"
	"strings"

	"nnstep/core/mat"
	"nnstep/core/num"
)

// Limits of a Spec.
const (
	MaxN       = 1024 // most points Generate makes (and FromPoints accepts)
	MinClasses = 2    // fewest classes of gauss and spiral
	MaxClasses = 8    // most classes of gauss, spiral and FromPoints
)

// jitter is the standard deviation of the noise at Noise = 1.
const jitter = 0.3

// Spec says which dataset to make.
type Spec struct {
	Name    string  // one of Names()
	N       int     // number of points, 1..MaxN
	Noise   float64 // 0..1; see the package documentation
	Seed    uint64  // seed of num.NewRand
	Classes int     // blobs of gauss, arms of spiral: 2..MaxClasses, 0 means 2; must be 0 or 2 elsewhere
}

// Set is a dataset in the lecture's layout.
type Set struct {
	X       *mat.Dense // features in rows, examples in columns: 2×n (1×n for line)
	Y       *mat.Dense // targets: 1×n (0/1 or real) or, for k > 2 classes, k×n one-hot
	Classes int        // 0 for regression, else the number of classes (2 for binary)
	Labels  []int      // class index of each example; nil for regression
}

// N returns the number of examples.
func (s *Set) N() int { return s.X.Cols }

// IsRegression reports whether s has real-valued targets.
func (s *Set) IsRegression() bool { return s.Classes == 0 }

// FieldError is the error of an invalid Spec. Its message starts with the
// name of the offending field (name, n, noise or classes), so that a page can
// point at the control to fix.
type FieldError struct {
	Field string // "name", "n", "noise" or "classes"
	Msg   string // what is wrong, e.g. "must be between 1 and 1024, got 0"
}

func (e *FieldError) Error() string { return e.Field + " " + e.Msg }

// dataset is one entry of the catalogue.
type dataset struct {
	name       string
	regression bool
	multi      bool // takes Spec.Classes (gauss, spiral)

	// classify sets column j of x (2×n) to a point of class labels[j].
	classify func(g *num.Rand, x *mat.Dense, labels []int, k int, noise float64)
	// target is the noise-free regression function (x2 unused when inputs is 1).
	target func(x1, x2 float64) float64
	inputs int // rows of X for regression
}

var catalogue = []dataset{
	{name: "linear", classify: linear},
	{name: "moons", classify: moons},
	{name: "circles", classify: circles},
	{name: "xor", classify: xor},
	{name: "gauss", classify: gauss, multi: true},
	{name: "spiral", classify: spiral, multi: true},
	{name: "line", regression: true, target: line, inputs: 1},
	{name: "plane", regression: true, target: plane, inputs: 2},
	{name: "bumps", regression: true, target: bumps, inputs: 2},
}

func lookup(name string) *dataset {
	for i := range catalogue {
		if catalogue[i].name == name {
			return &catalogue[i]
		}
	}
	return nil
}

// Names returns the names of all datasets, classification first, in a stable
// order.
func Names() []string {
	out := make([]string, len(catalogue))
	for i, d := range catalogue {
		out[i] = d.name
	}
	return out
}

// IsRegression reports whether name is a regression dataset (line, plane,
// bumps). It is false for unknown names.
func IsRegression(name string) bool {
	d := lookup(name)
	return d != nil && d.regression
}

// Validate reports the first invalid field of s (in the order name, n,
// noise, classes) as a *FieldError, or nil.
func (s Spec) Validate() error {
	_, _, err := s.check()
	return err
}

// check validates s and returns its dataset and number of classes.
func (s Spec) check() (*dataset, int, error) {
	d := lookup(s.Name)
	if d == nil {
		return nil, 0, &FieldError{"name", fmt.Sprintf("must be one of %s, got %q", strings.Join(Names(), ", "), s.Name)}
	}
	if s.N < 1 || s.N > MaxN {
		return nil, 0, &FieldError{"n", fmt.Sprintf("must be between 1 and %d, got %d", MaxN, s.N)}
	}
	if !(s.Noise >= 0 && s.Noise <= 1) { // also rejects NaN
		return nil, 0, &FieldError{"noise", fmt.Sprintf("must be between 0 and 1, got %v", s.Noise)}
	}
	k := s.Classes
	switch {
	case d.multi:
		if k == 0 {
			k = 2
		}
		if k < MinClasses || k > MaxClasses {
			return nil, 0, &FieldError{"classes", fmt.Sprintf("must be between %d and %d for %s, got %d", MinClasses, MaxClasses, s.Name, s.Classes)}
		}
	case k != 0 && k != 2:
		return nil, 0, &FieldError{"classes", fmt.Sprintf("must be 0 or 2 for %s, got %d", s.Name, s.Classes)}
	case d.regression:
		k = 0
	default:
		k = 2
	}
	return d, k, nil
}

// Generate makes the dataset s describes. Classes are balanced: with n
// points and k classes each class has n/k points and the first n%k classes
// one more, in a seeded random order. Generate returns a *FieldError when s
// is invalid and never panics.
func Generate(s Spec) (*Set, error) {
	d, k, err := s.check()
	if err != nil {
		return nil, err
	}
	g := num.NewRand(s.Seed)
	if d.regression {
		x, y := regress(g, d, s.N, s.Noise)
		return &Set{X: x, Y: y}, nil
	}
	labels := make([]int, s.N)
	for i := range labels {
		labels[i] = i % k
	}
	g.Shuffle(labels)
	x := mat.New(2, s.N)
	d.classify(g, x, labels, k, s.Noise)
	fit(x)
	return &Set{X: x, Y: Targets(labels, k), Classes: k, Labels: labels}, nil
}

// fit scales x down about the origin when some coordinate lies beyond ±1.
// Dividing by the largest magnitude keeps every quotient within [-1, 1].
func fit(x *mat.Dense) {
	var m float64
	for _, v := range x.Data {
		m = math.Max(m, math.Abs(v))
	}
	if m <= 1 {
		return
	}
	for i, v := range x.Data {
		x.Data[i] = v / m
	}
}
