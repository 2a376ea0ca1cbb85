package mat

import "fmt"

// The three products below check shapes and leave the arithmetic to the
// kernels mul, mulTA and mulTB (product.go).

// mustHold panics unless each matrix has no negative dimension and holds
// Rows×Cols elements (a Dense whose fields were set by hand inconsistently):
// the product kernels index Data by the shape.
func mustHold(op string, ms ...*Dense) {
	for _, a := range ms {
		if a.Rows < 0 || a.Cols < 0 || (a.Rows > 0 && a.Cols > len(a.Data)/a.Rows) {
			panic(fmt.Sprintf("mat.%s: a %s matrix with %d elements", op, a.Shape(), len(a.Data)))
		}
	}
}

// Mul sets d = a·b. d must not share storage with a or b.
func (d *Dense) Mul(a, b *Dense) {
	mustHold("Mul", a, b)
	if a.Cols != b.Rows {
		panic(fmt.Sprintf("mat.Mul: %s · %s", a.Shape(), b.Shape()))
	}
	d.Reset(a.Rows, b.Cols)
	mul(d.Data, a.Data, b.Data, a.Rows, a.Cols, b.Cols)
}

// MulTA sets d = aᵀ·b without forming aᵀ. d must not share storage with a or b.
func (d *Dense) MulTA(a, b *Dense) {
	mustHold("MulTA", a, b)
	if a.Rows != b.Rows {
		panic(fmt.Sprintf("mat.MulTA: %sᵀ · %s", a.Shape(), b.Shape()))
	}
	d.Reset(a.Cols, b.Cols)
	mulTA(d.Data, a.Data, b.Data, a.Rows, a.Cols, b.Cols)
}

// MulTB sets d = a·bᵀ without forming bᵀ. d must not share storage with a or b.
func (d *Dense) MulTB(a, b *Dense) {
	mustHold("MulTB", a, b)
	if a.Cols != b.Cols {
		panic(fmt.Sprintf("mat.MulTB: %s · %sᵀ", a.Shape(), b.Shape()))
	}
	d.Reset(a.Rows, b.Rows)
	mulTB(d.Data, a.Data, b.Data, a.Rows, a.Cols, b.Rows)
}

// T sets d = aᵀ. d must not share storage with a.
func (d *Dense) T(a *Dense) {
	d.Reset(a.Cols, a.Rows)
	for i := 0; i < a.Rows; i++ {
		for j, v := range a.Row(i) {
			d.Data[j*d.Cols+i] = v
		}
	}
}

// AddCol sets d = a + v, adding the column vector v (a.Rows×1) to every
// column of a: the broadcast of the bias in Z = W·A + b. d may be a.
func (d *Dense) AddCol(a, v *Dense) {
	if v.Cols != 1 || v.Rows != a.Rows {
		panic(fmt.Sprintf("mat.AddCol: %s + %s", a.Shape(), v.Shape()))
	}
	d.Reset(a.Rows, a.Cols)
	for i := 0; i < a.Rows; i++ {
		bi := v.Data[i]
		drow, arow := d.Row(i), a.Row(i)
		drow = drow[:len(arow)]
		for j, x := range arow {
			drow[j] = x + bi
		}
	}
}

// SumCols sets d (a.Rows×1) to the sum of a's columns: Σ over examples.
// d must not share storage with a.
func (d *Dense) SumCols(a *Dense) {
	d.Reset(a.Rows, 1)
	for i := 0; i < a.Rows; i++ {
		var s float64
		for _, x := range a.Row(i) {
			s += x
		}
		d.Data[i] = s
	}
}

// MulElem sets d = a ∗ b, the element-wise (Hadamard) product. d may be a or b.
func (d *Dense) MulElem(a, b *Dense) {
	mustSame("MulElem", a, b)
	d.Reset(a.Rows, a.Cols)
	as := a.Data
	bs, ds := b.Data[:len(as)], d.Data[:len(as)]
	for i, x := range as {
		ds[i] = x * bs[i]
	}
}

// Sub sets d = a − b. d may be a or b.
func (d *Dense) Sub(a, b *Dense) {
	mustSame("Sub", a, b)
	d.Reset(a.Rows, a.Cols)
	as := a.Data
	bs, ds := b.Data[:len(as)], d.Data[:len(as)]
	for i, x := range as {
		ds[i] = x - bs[i]
	}
}

// Add sets d = a + b. d may be a or b.
func (d *Dense) Add(a, b *Dense) {
	mustSame("Add", a, b)
	d.Reset(a.Rows, a.Cols)
	as := a.Data
	bs, ds := b.Data[:len(as)], d.Data[:len(as)]
	for i, x := range as {
		ds[i] = x + bs[i]
	}
}

// Scale sets d = s·a. d may be a.
func (d *Dense) Scale(s float64, a *Dense) {
	d.Reset(a.Rows, a.Cols)
	as := a.Data
	ds := d.Data[:len(as)]
	for i, x := range as {
		ds[i] = s * x
	}
}

// AddScaled sets d = a + s·b, the shape of the update W − η·dW. d may be a or b.
func (d *Dense) AddScaled(a *Dense, s float64, b *Dense) {
	mustSame("AddScaled", a, b)
	d.Reset(a.Rows, a.Cols)
	as := a.Data
	bs, ds := b.Data[:len(as)], d.Data[:len(as)]
	for i, x := range as {
		ds[i] = x + float64(s*bs[i])
	}
}

// Apply sets d = f(a) element by element. d may be a.
func (d *Dense) Apply(f func(float64) float64, a *Dense) {
	d.Reset(a.Rows, a.Cols)
	for i, x := range a.Data {
		d.Data[i] = f(x)
	}
}

// Copy sets d = a.
func (d *Dense) Copy(a *Dense) {
	d.Reset(a.Rows, a.Cols)
	copy(d.Data, a.Data)
}

// CopyCols sets d to the columns of a listed in idx, in that order: the
// gathering of a mini-batch. d must not share storage with a.
func (d *Dense) CopyCols(a *Dense, idx []int) {
	d.Reset(a.Rows, len(idx))
	for i := 0; i < a.Rows; i++ {
		arow, drow := a.Row(i), d.Row(i)
		for j, k := range idx {
			drow[j] = arow[k]
		}
	}
}

// SumSq returns the sum of the squares of a's elements.
func (a *Dense) SumSq() float64 {
	var s float64
	for _, x := range a.Data {
		s += float64(x * x)
	}
	return s
}

// FirstNonFinite returns the index in Data of the first NaN or infinite
// element, or -1 when every element is finite.
func (a *Dense) FirstNonFinite() int {
	for i, x := range a.Data {
		if x-x != 0 { // NaN−NaN and Inf−Inf are NaN
			return i
		}
	}
	return -1
}
