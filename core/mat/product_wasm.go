//go:build wasm

package mat

func mul(d, a, b []float64, m, kn, n int)   { gemm(d, m, n, kn, a, kn, 1, b, n, 1) }
func mulTA(d, a, b []float64, kn, m, n int) { gemm(d, m, n, kn, a, 1, m, b, n, 1) }
func mulTB(d, a, b []float64, m, kn, n int) { gemm(d, m, n, kn, a, kn, 1, b, 1, kn) }

// gemm sets d[i·n+j] = Σ_{k<kn} a[i·ais+k·aks]·b[k·bks+j·bjs] for i < m,
// j < n, as product.go says. The kernel checks nothing, so gemm checks
// everything it relies on, without overflow, and panics otherwise: sizes and
// strides not negative, d at least m·n long, and the largest index of a and
// of b (their last element, strides being non-negative) within the slice.
func gemm(d []float64, m, n, kn int, a []float64, ais, aks int, b []float64, bks, bjs int) {
	if m < 0 || n < 0 || kn < 0 || ais < 0 || aks < 0 || bks < 0 || bjs < 0 {
		panic("mat: negative size or stride")
	}
	if m == 0 || n == 0 {
		return
	}
	if n > len(d)/m {
		panic("mat: destination shorter than its shape")
	}
	d = d[:m*n]
	if kn == 0 {
		clear(d)
		return
	}
	if !within(len(a), m-1, ais, kn-1, aks) || !within(len(b), kn-1, bks, n-1, bjs) {
		panic("mat: operand shorter than its shape")
	}
	gemmKernel(&d[0], m, n, kn, &a[0], ais, aks, &b[0], bks, bjs)
}

// within reports whether i·s + j·t < n, computed without overflow; all of
// i, s, j, t are non-negative.
func within(n, i, s, j, t int) bool {
	if n <= 0 || (s > 0 && i > (n-1)/s) {
		return false
	}
	r := n - 1 - i*s
	return t == 0 || j <= r/t
}

// gemmKernel is gemm on pointers, in product_wasm.s, once gemm has
// checked its arguments; m, n and kn are at least 1.
//
//go:noescape
func gemmKernel(d *float64, m, n, kn int, a *float64, ais, aks int, b *float64, bks, bjs int)
