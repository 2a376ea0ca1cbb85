package act

import (
	"math"

	"nnstep/core/mat"
	"nnstep/core/num"
)

// SoftmaxStable returns the softmax of z in the lecture's stable form,
// a_i = e^(z_i − max z) / Σ_k e^(z_k − max z): [4000, 5000, 6000] gives [0, 0, 1].
func SoftmaxStable(z []float64) []float64 {
	a := make([]float64, len(z))
	softmaxInto(a, z)
	return a
}

// SoftmaxNaive returns a_i = e^(z_i) / Σ_k e^(z_k) computed literally, as the
// slide's first attempt: e^4000 overflows to +Inf and Inf/Inf gives NaN. The
// lesson calls it to show why the stable form exists; nothing trains with it.
func SoftmaxNaive(z []float64) []float64 {
	a := make([]float64, len(z))
	var s float64
	for i, x := range z {
		a[i] = num.Exp(x)
		s += a[i]
	}
	for i := range a {
		a[i] /= s
	}
	return a
}

// SoftmaxJacobian returns ∂a_i/∂z_j = a_i(1 − a_i) if i = j, −a_i·a_j otherwise,
// for a = softmax(z) (slide 44).
func SoftmaxJacobian(a []float64) [][]float64 {
	j := make([][]float64, len(a))
	for r := range a {
		j[r] = make([]float64, len(a))
		for c := range a {
			if r == c {
				j[r][c] = a[r] * (1 - a[r])
			} else {
				j[r][c] = -a[r] * a[c]
			}
		}
	}
	return j
}

func softmaxInto(a, z []float64) {
	m := math.Inf(-1)
	for _, x := range z {
		m = math.Max(m, x)
	}
	var s float64
	for i, x := range z {
		a[i] = num.Exp(x - m)
		s += a[i]
	}
	for i := range a {
		a[i] /= s
	}
}

// SoftmaxCols sets d to the stable softmax of every column of z (one column
// per example). d may be z. col is scratch of at least z.Rows values (nil
// allocates), so the training loop can call it without allocating.
func SoftmaxCols(d, z *mat.Dense, col []float64) {
	d.Reset(z.Rows, z.Cols)
	if cap(col) < 2*z.Rows {
		col = make([]float64, 2*z.Rows)
	}
	in, out := col[:z.Rows], col[z.Rows:2*z.Rows]
	for j := 0; j < z.Cols; j++ {
		for i := range in {
			in[i] = z.Data[i*z.Cols+j]
		}
		softmaxInto(out, in)
		for i, v := range out {
			d.Data[i*d.Cols+j] = v
		}
	}
}

// SoftmaxJVP sets d = J·g for every column, where J is the softmax Jacobian at
// that column of a: d_i = a_i (g_i − Σ_j a_j g_j). J is symmetric, so this is
// also Jᵀ·g, the backward step through softmax. d may be g.
func SoftmaxJVP(d, a, g *mat.Dense) {
	d.Reset(a.Rows, a.Cols)
	for j := 0; j < a.Cols; j++ {
		var dot float64
		for i := 0; i < a.Rows; i++ {
			dot += a.Data[i*a.Cols+j] * g.Data[i*a.Cols+j]
		}
		for i := 0; i < a.Rows; i++ {
			k := i*a.Cols + j
			d.Data[k] = a.Data[k] * (g.Data[k] - dot)
		}
	}
}
