package mat

import (
	"math"
	"math/rand/v2"
	"testing"
)

// naiveProduct is the contract of product.go written as plainly as
// possible: at(i, k)·bt(k, j) summed over ascending k from +0.
func naiveProduct(m, n, kn int, at, bt func(i, j int) float64) *Dense {
	d := New(m, n)
	for i := range m {
		for j := range n {
			s := 0.0
			for k := range kn {
				s += float64(at(i, k) * bt(k, j))
			}
			d.Data[i*n+j] = s
		}
	}
	return d
}

// sameBits reports whether x and y are the same float64 (any NaN equals any
// NaN: IEEE 754 leaves NaN payloads to the machine).
func sameBits(x, y float64) bool {
	return math.Float64bits(x) == math.Float64bits(y) || (x != x && y != y)
}

func randMatrix(r *rand.Rand, rows, cols int, special bool) *Dense {
	d := New(rows, cols)
	for i := range d.Data {
		d.Data[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(7)-3))
		if special {
			switch r.IntN(12) {
			case 0:
				d.Data[i] = 0
			case 1:
				d.Data[i] = math.Copysign(0, -1)
			case 2:
				d.Data[i] = math.Inf(1 - 2*r.IntN(2))
			case 3:
				d.Data[i] = math.NaN()
			}
		}
	}
	return d
}

// TestProductsBits checks Mul, MulTA and MulTB, on every target, against
// the plain triple loop bit for bit: all shapes up to 9 (the kernels block
// by four) and a few larger ones, with and without zeros, signed zeros,
// infinities and NaNs.
func TestProductsBits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var d Dense
	sizes := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 33}
	for _, special := range []bool{false, true} {
		for _, m := range sizes {
			for _, kn := range sizes {
				for _, n := range sizes {
					a, b := randMatrix(r, m, kn, special), randMatrix(r, kn, n, special)
					d.Mul(a, b)
					want := naiveProduct(m, n, kn, a.At, b.At)
					checkBits(t, "Mul", m, kn, n, &d, want)

					at := randMatrix(r, kn, m, special)
					d.MulTA(at, b)
					want = naiveProduct(m, n, kn, func(i, k int) float64 { return at.At(k, i) }, b.At)
					checkBits(t, "MulTA", m, kn, n, &d, want)

					bt := randMatrix(r, n, kn, special)
					d.MulTB(a, bt)
					want = naiveProduct(m, n, kn, a.At, func(k, j int) float64 { return bt.At(j, k) })
					checkBits(t, "MulTB", m, kn, n, &d, want)
				}
			}
		}
	}
}

func checkBits(t *testing.T, op string, m, kn, n int, got, want *Dense) {
	t.Helper()
	if !SameShape(got, want) {
		t.Fatalf("%s %d×%d·%d×%d: shape %s, want %s", op, m, kn, kn, n, got.Shape(), want.Shape())
	}
	for i := range want.Data {
		if !sameBits(got.Data[i], want.Data[i]) {
			t.Fatalf("%s %d×%d·%d×%d: element %d is %v (%016x), want %v (%016x)", op, m, kn, kn, n, i,
				got.Data[i], math.Float64bits(got.Data[i]), want.Data[i], math.Float64bits(want.Data[i]))
		}
	}
}

// BenchmarkProducts times the three products on the shapes of the hidden
// layer of the benchmark network (8 units, batch 10).
func BenchmarkProducts(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	w, a, dz := randMatrix(r, 8, 8, false), randMatrix(r, 8, 10, false), randMatrix(r, 8, 10, false)
	var d Dense
	b.Run("Mul", func(b *testing.B) {
		for b.Loop() {
			d.Mul(w, a)
		}
	})
	b.Run("MulTA", func(b *testing.B) {
		for b.Loop() {
			d.MulTA(w, dz)
		}
	})
	b.Run("MulTB", func(b *testing.B) {
		for b.Loop() {
			d.MulTB(dz, a)
		}
	})
}

// TestProductsMalformed checks that a product of matrices whose fields
// disagree with their data panics (natively and in wasm, where the kernel
// would otherwise read or write outside them) instead of computing.
func TestProductsMalformed(t *testing.T) {
	one := func(r, c int) *Dense { return &Dense{Rows: r, Cols: c, Data: []float64{1}} }
	huge := 6148914691236517206 // 3·huge wraps to 2
	cases := []struct {
		name string
		f    func()
	}{
		{"negative", func() { new(Dense).Mul(one(-1, -1), one(-1, -1)) }},
		{"short", func() { new(Dense).Mul(one(2, 2), one(2, 2)) }},
		{"overflow", func() { new(Dense).MulTB(New(3, 3), &Dense{Rows: huge, Cols: 3, Data: []float64{1, 2}}) }},
		{"short TA", func() { new(Dense).MulTA(one(3, 1), New(3, 2)) }},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", c.name)
				}
			}()
			c.f()
		}()
	}
}
