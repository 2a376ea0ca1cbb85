package data

import (
	"math"
	"testing"
)

// noiseFree generates name without noise for several seeds and sizes.
func noiseFree(t *testing.T, name string, classes int, f func(seed uint64, set *Set)) {
	t.Helper()
	for seed := uint64(0); seed < 20; seed++ {
		for _, n := range []int{1, 2, 7, 100, 1024} {
			set, err := Generate(Spec{Name: name, N: n, Seed: seed, Classes: classes})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range set.X.Data {
				if math.Abs(v) > 0.9 {
					t.Fatalf("%s seed %d: noise-free coordinate %v outside [-0.9, 0.9]", name, seed, v)
				}
			}
			f(seed, set)
		}
	}
}

func TestXorQuadrants(t *testing.T) {
	noiseFree(t, "xor", 0, func(seed uint64, set *Set) {
		for j, c := range set.Labels {
			x1, x2 := set.X.At(0, j), set.X.At(1, j)
			want := 0
			if x1*x2 > 0 { // same sign: first or third quadrant
				want = 1
			}
			if c != want {
				t.Fatalf("seed %d: (%v, %v) has label %d, want %d", seed, x1, x2, c, want)
			}
			if math.Abs(x1) < 0.05 || math.Abs(x2) < 0.05 {
				t.Fatalf("seed %d: (%v, %v) within the 0.05 margin of an axis", seed, x1, x2)
			}
		}
	})
	// All four quadrants are used.
	set, _ := Generate(Spec{Name: "xor", N: 200, Seed: 1})
	var quad [4]int
	for j := range set.N() {
		q := 0
		if set.X.At(0, j) < 0 {
			q++
		}
		if set.X.At(1, j) < 0 {
			q += 2
		}
		quad[q]++
	}
	for q, c := range quad {
		if c < 30 {
			t.Errorf("quadrant counts %v: quadrant %d nearly empty", quad, q)
		}
	}
}

func TestCirclesRadii(t *testing.T) {
	noiseFree(t, "circles", 0, func(seed uint64, set *Set) {
		for j, c := range set.Labels {
			r := math.Hypot(set.X.At(0, j), set.X.At(1, j))
			if c == 1 && r > 0.4+1e-12 || c == 0 && (r < 0.6-1e-12 || r > 0.9+1e-12) {
				t.Fatalf("seed %d: class %d at radius %v", seed, c, r)
			}
		}
	})
}

// TestLinearSeparable checks, for noise 0, that a line through the origin
// separates the classes: some normal w has w·x > 0 exactly for class 1. The
// candidate normals are those perpendicular to a point, turned slightly
// either way, which covers every combinatorially distinct line.
func TestLinearSeparable(t *testing.T) {
	for seed := uint64(0); seed < 10; seed++ {
		for _, n := range []int{2, 50, 400} {
			set, _ := Generate(Spec{Name: "linear", N: n, Seed: seed})
			if !separable(set) {
				t.Fatalf("seed %d, n %d: no line through the origin separates the classes", seed, n)
			}
		}
	}
	// And with heavy noise they are not.
	set, _ := Generate(Spec{Name: "linear", N: 400, Seed: 1, Noise: 1})
	if separable(set) {
		t.Error("linear with noise 1 is still separable: noise has no effect")
	}
}

func separable(set *Set) bool {
	for j := range set.N() {
		a := math.Atan2(set.X.At(1, j), set.X.At(0, j)) + math.Pi/2
		for _, d := range []float64{-1e-7, 1e-7, math.Pi - 1e-7, math.Pi + 1e-7} {
			w1, w2 := math.Cos(a+d), math.Sin(a+d)
			ok := true
			for i, c := range set.Labels {
				if (w1*set.X.At(0, i)+w2*set.X.At(1, i) > 0) != (c == 1) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func TestMoonsArcs(t *testing.T) {
	noiseFree(t, "moons", 0, func(seed uint64, set *Set) {
		for j, c := range set.Labels {
			// Undo the centring and scaling, then check the half-circles.
			a, b := set.X.At(0, j)/0.6+0.5, set.X.At(1, j)/0.6+0.25
			cx, cy, side := 0.0, 0.0, 1.0 // class 0: upper half-circle about (0, 0)
			if c == 1 {
				cx, cy, side = 1, 0.5, -1 // class 1: lower half-circle about (1, 0.5)
			}
			r := math.Hypot(a-cx, b-cy)
			if math.Abs(r-1) > 1e-9 || side*(b-cy) < -1e-9 {
				t.Fatalf("seed %d: class %d at (%v, %v), radius %v from its centre", seed, c, a, b, r)
			}
		}
	})
}

func TestGaussBlobs(t *testing.T) {
	for _, k := range []int{2, 3, 8} {
		set, _ := Generate(Spec{Name: "gauss", N: 800, Seed: 2, Classes: k})
		sum := make([][2]float64, k)
		count := make([]int, k)
		for j, c := range set.Labels {
			sum[c][0] += set.X.At(0, j)
			sum[c][1] += set.X.At(1, j)
			count[c]++
		}
		for c := range k {
			phi := math.Pi/4 + 2*math.Pi*float64(c)/float64(k)
			mx, my := sum[c][0]/float64(count[c]), sum[c][1]/float64(count[c])
			if math.Hypot(mx-0.5*math.Cos(phi), my-0.5*math.Sin(phi)) > 0.05 {
				t.Errorf("k %d: blob %d has mean (%v, %v), want centre at angle %v", k, c, mx, my, phi)
			}
		}
	}
}

func TestSpiralArms(t *testing.T) {
	for _, k := range []int{2, 5} {
		noiseFree(t, "spiral", k, func(seed uint64, set *Set) {
			for j, c := range set.Labels {
				x1, x2 := set.X.At(0, j), set.X.At(1, j)
				s := math.Hypot(x1, x2) / 0.9
				if s < 1e-6 {
					continue
				}
				t0 := 3.5*math.Pi*s + 2*math.Pi*float64(c)/float64(k)
				if math.Hypot(x1-0.9*s*math.Sin(t0), x2-0.9*s*math.Cos(t0)) > 1e-9 {
					t.Fatalf("seed %d: (%v, %v) is not on arm %d of %d", seed, x1, x2, c, k)
				}
			}
		})
	}
}
