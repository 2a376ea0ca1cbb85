//go:build wasm

package mat

func mul(d, a, b []float64, m, kn, n int)   { gemm(d, m, n, kn, a, kn, 1, b, n, 1) }
func mulTA(d, a, b []float64, kn, m, n int) { gemm(d, m, n, kn, a, 1, m, b, n, 1) }
func mulTB(d, a, b []float64, m, kn, n int) { gemm(d, m, n, kn, a, kn, 1, b, 1, kn) }

// gemm sets d[i·n+j] = Σ_{k<kn} a[i·ais+k·aks]·b[k·bks+j·bjs] for i < m,
// j < n, as product.go says. The strides are non-negative, so the last index
// of each operand is its largest: checking it here, in Go, makes every
// access of the kernel, which checks nothing, in bounds.
func gemm(d []float64, m, n, kn int, a []float64, ais, aks int, b []float64, bks, bjs int) {
	if m == 0 || n == 0 {
		return
	}
	d = d[:m*n]
	if kn == 0 {
		clear(d)
		return
	}
	_ = a[(m-1)*ais+(kn-1)*aks]
	_ = b[(kn-1)*bks+(n-1)*bjs]
	gemmKernel(&d[0], m, n, kn, &a[0], ais, aks, &b[0], bks, bjs)
}

// gemmKernel is gemm on pointers, in product_wasm.s; m, n, kn > 0.
//
//go:noescape
func gemmKernel(d *float64, m, n, kn int, a *float64, ais, aks int, b *float64, bks, bjs int)
