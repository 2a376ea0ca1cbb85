package mat

// The matrix products' kernels, one set per target, with one contract so
// that the browser and a native build compute the same bits:
//
//	d[i][j] = (…((0 + a(i,0)·b(0,j)) + a(i,1)·b(1,j)) + …) + a(i,kn−1)·b(kn−1,j)
//
// that is, every element is a sum started from +0 and taken in ascending k,
// every product rounded to float64 before it is added (no FMA), and no term
// skipped (0·Inf is NaN, as IEEE 754 says). How the loops are ordered,
// blocked or unrolled around that is each kernel's own business.
//
//	mul(d, a, b, m, kn, n)    d (m×n) = a (m×kn) · b (kn×n)
//	mulTA(d, a, b, kn, m, n)  d (m×n) = aᵀ · b, a (kn×m), b (kn×n)
//	mulTB(d, a, b, m, kn, n)  d (m×n) = a (m×kn) · bᵀ, b (n×kn)
//
// All are row-major; d has exactly m·n elements and shares no storage with
// a or b.
//
// product_go.go holds the kernels in Go, used natively. product_wasm.go and
// product_wasm.s hold one strided kernel in WebAssembly, used in the
// browser: Go's wasm code sends every loop turn through a br_table
// dispatch, which made these loops 3.5–4× slower than native; the
// hand-written loops are structured WebAssembly that V8 compiles like C.
// TestProductsBits checks both against the plain triple loop, bit for bit.
