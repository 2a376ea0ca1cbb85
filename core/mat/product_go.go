//go:build !wasm

package mat

func mul(d, a, b []float64, m, kn, n int) {
	clear(d)
	for i := range m {
		drow, arow := d[i*n:(i+1)*n], a[i*kn:(i+1)*kn]
		k := 0
		for ; k+4 <= kn; k += 4 {
			axpy4(drow, arow[k], arow[k+1], arow[k+2], arow[k+3], b[k*n:(k+4)*n])
		}
		for ; k < kn; k++ {
			axpy(drow, arow[k], b[k*n:(k+1)*n])
		}
	}
}

func mulTA(d, a, b []float64, kn, m, n int) {
	clear(d)
	k := 0
	for ; k+4 <= kn; k += 4 {
		a0, a1, a2, a3 := a[k*m:(k+1)*m], a[(k+1)*m:(k+2)*m], a[(k+2)*m:(k+3)*m], a[(k+3)*m:(k+4)*m]
		x := b[k*n : (k+4)*n]
		for i := range m {
			axpy4(d[i*n:(i+1)*n], a0[i], a1[i], a2[i], a3[i], x)
		}
	}
	for ; k < kn; k++ {
		brow := b[k*n : (k+1)*n]
		for i, aki := range a[k*m : (k+1)*m] {
			axpy(d[i*n:(i+1)*n], aki, brow)
		}
	}
}

func mulTB(d, a, b []float64, m, kn, n int) {
	for i := range m {
		arow, drow := a[i*kn:(i+1)*kn], d[i*n:(i+1)*n]
		for j := range drow {
			x, y := arow, b[j*kn:(j+1)*kn]
			var s float64
			for len(x) >= 4 && len(y) >= 4 {
				s += float64(x[0] * y[0])
				s += float64(x[1] * y[1])
				s += float64(x[2] * y[2])
				s += float64(x[3] * y[3])
				x, y = x[4:], y[4:]
			}
			y = y[:len(x)]
			for k, v := range x {
				s += float64(v * y[k])
			}
			drow[j] = s
		}
	}
}

// axpy sets d += a·x element by element (len(x) ≥ len(d)). Small enough
// for the compiler to inline.
func axpy(d []float64, a float64, x []float64) {
	x = x[:len(d)]
	for j, v := range x {
		d[j] += float64(a * v)
	}
}

// axpy4 sets d += a0·x0 + a1·x1 + a2·x2 + a3·x3, where x holds the rows
// x0…x3 of len(d) one after the other: the four products are added to d[j]
// one after the other (the bits of four axpy), with one load and one store.
func axpy4(d []float64, a0, a1, a2, a3 float64, x []float64) {
	n := len(d)
	x0, x1, x2, x3 := x[:n], x[n:2*n], x[2*n:3*n], x[3*n:4*n]
	for j, s := range d {
		s += float64(a0 * x0[j])
		s += float64(a1 * x1[j])
		s += float64(a2 * x2[j])
		s += float64(a3 * x3[j])
		d[j] = s
	}
}
