package mat

import (
	"math"
	"testing"
)

func m(rows ...[]float64) *Dense {
	d, err := FromRows(rows)
	if err != nil {
		panic(err)
	}
	return d
}

func eq(t *testing.T, name string, got, want *Dense) {
	t.Helper()
	if !SameShape(got, want) {
		t.Fatalf("%s: shape %s, want %s", name, got.Shape(), want.Shape())
	}
	for i := range got.Data {
		if math.Abs(got.Data[i]-want.Data[i]) > 1e-12 {
			t.Fatalf("%s =\n%vwant\n%v", name, got, want)
		}
	}
}

func TestProducts(t *testing.T) {
	a := m([]float64{1, 2, 3}, []float64{4, 5, 6})             // 2×3
	b := m([]float64{1, 0}, []float64{0, 1}, []float64{2, -1}) // 3×2
	var d Dense
	d.Mul(a, b)
	eq(t, "a·b", &d, m([]float64{7, -1}, []float64{16, -1}))
	var at Dense
	at.T(a)
	eq(t, "aᵀ", &at, m([]float64{1, 4}, []float64{2, 5}, []float64{3, 6}))
	var want, got Dense
	want.Mul(&at, m([]float64{1, 1}, []float64{0, 2}))
	got.MulTA(a, m([]float64{1, 1}, []float64{0, 2}))
	eq(t, "aᵀ·c", &got, &want)
	var bt Dense
	bt.T(b)
	want.Mul(a, &at)
	got.MulTB(a, a)
	eq(t, "a·aᵀ", &got, &want)
}

func TestBroadcastAndReductions(t *testing.T) {
	a := m([]float64{1, 2, 3}, []float64{4, 5, 6})
	var d Dense
	d.AddCol(a, Col([]float64{10, -1}))
	eq(t, "a+b", &d, m([]float64{11, 12, 13}, []float64{3, 4, 5}))
	d.SumCols(a)
	eq(t, "Σ", &d, Col([]float64{6, 15}))
	d.MulElem(a, a)
	eq(t, "a∗a", &d, m([]float64{1, 4, 9}, []float64{16, 25, 36}))
	d.AddScaled(a, -0.5, a)
	eq(t, "a−½a", &d, m([]float64{0.5, 1, 1.5}, []float64{2, 2.5, 3}))
	d.CopyCols(a, []int{2, 0})
	eq(t, "cols", &d, m([]float64{3, 1}, []float64{6, 4}))
	if got := a.SumSq(); got != 91 {
		t.Errorf("SumSq = %v", got)
	}
}

func TestFirstNonFinite(t *testing.T) {
	a := m([]float64{1, math.Inf(1)}, []float64{math.NaN(), 0})
	if i := a.FirstNonFinite(); i != 1 {
		t.Errorf("FirstNonFinite = %d, want 1", i)
	}
	if i := New(2, 2).FirstNonFinite(); i != -1 {
		t.Errorf("FirstNonFinite of zeros = %d", i)
	}
}

func TestFromRowsRagged(t *testing.T) {
	if _, err := FromRows([][]float64{{1, 2}, {3}}); err == nil {
		t.Error("ragged rows accepted")
	}
	if _, err := FromRows(nil); err == nil {
		t.Error("empty accepted")
	}
}

func TestReuseDoesNotAllocate(t *testing.T) {
	a, b := New(8, 10), New(10, 12)
	var d Dense
	d.Mul(a, b)
	if n := testing.AllocsPerRun(100, func() { d.Mul(a, b); d.MulTB(a, a); d.MulTB(a, a) }); n != 0 {
		t.Errorf("reused destination allocated %v times", n)
	}
}
