// Package num holds the elementary functions the rest of core computes with.
//
// Go's math.Exp and math.Log use assembly on amd64 (with FMA where the CPU has
// it) and portable Go on GOOS=js GOARCH=wasm, so the two can disagree in the
// last bit. nnstep promises the same numbers natively and in the browser, so
// core calls these portable versions instead. They follow the classic fdlibm
// method (argument reduction, then a minimax polynomial) and stay within two
// ulps of math.Exp and math.Log (whose amd64 assembly is itself not exact).
package num

import "math"

const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	log2e = 1.44269504088896338700e+00

	expOverflow  = 7.09782712893383973096e+02
	expUnderflow = -7.45133219101941108420e+02
	expNearZero  = 1.0 / (1 << 28)
)

// Exp returns e**x, the same bits on every GOARCH.
func Exp(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return 0
	case x > expOverflow:
		return math.Inf(1)
	case x < expUnderflow:
		return 0
	case -expNearZero < x && x < expNearZero:
		return 1 + x
	}
	hi, lo, k := reduce(x)
	return expmulti(hi, lo, k)
}

// reduce writes x = k·ln2 + r with |r| ≤ ln2/2, r = hi − lo (Cody & Waite:
// ln2 in two parts, so hi is exact). Small enough to be inlined.
func reduce(x float64) (hi, lo float64, k int) {
	if x < 0 {
		k = int(float64(log2e*x) - 0.5)
	} else {
		k = int(float64(log2e*x) + 0.5)
	}
	return x - float64(float64(k)*ln2Hi), float64(k) * ln2Lo, k
}

// expmulti returns e**r × 2**k where r = hi - lo and |r| ≤ ln2/2.
func expmulti(hi, lo float64, k int) float64 {
	y := expr(hi, lo)
	if -1022 <= k && k <= 1023 {
		return y * pow2(k)
	}
	return math.Ldexp(y, k)
}

// expr returns e**r where r = hi - lo and |r| ≤ ln2/2: fdlibm's minimax
// polynomial. Small enough to be inlined (Tanh calls it in its hot path).
func expr(hi, lo float64) float64 {
	const (
		p1 = 1.66666666666666657415e-01
		p2 = -2.77777777770155933842e-03
		p3 = 6.61375632143793436117e-05
		p4 = -1.65339022054652515390e-06
		p5 = 4.13813679705723846039e-08
	)
	// float64(…) rounds each product, so no GOARCH fuses it into an FMA.
	r := hi - lo
	t := float64(r * r)
	c := r - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	return 1 - ((lo - float64(r*c)/(2-c)) - hi)
}

// pow2 returns 2**k for -1022 ≤ k ≤ 1023, built from its bits: exact, and
// much cheaper than Ldexp.
func pow2(k int) float64 { return math.Float64frombits(uint64(k+1023) << 52) }

// Log returns the natural logarithm of x, the same bits on every GOARCH.
func Log(x float64) float64 {
	const (
		l1 = 6.666666666666735130e-01
		l2 = 3.999999999940941908e-01
		l3 = 2.857142874366239149e-01
		l4 = 2.222219843214978396e-01
		l5 = 1.818357216161805012e-01
		l6 = 1.531383769920937332e-01
		l7 = 1.479819860511658591e-01
	)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	// Reduce x = 2**k × (1+f) with √2/2 < 1+f < √2.
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7))))))
	t2 := s4 * (l2 + float64(s4*(l4+float64(s4*l6))))
	r := t1 + t2
	hfsq := 0.5 * f * f
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}

// Tanh returns the hyperbolic tangent of x, the same bits on every GOARCH.
// It is Cody & Waite's method, as in Cephes and Go's portable math.Tanh, with
// this package's Exp and every product rounded explicitly (no FMA):
//
//	|x| < 0.625:  tanh(x) = x + x³·P(x²)/Q(x²)
//	otherwise:    tanh(x) = 1 − 2/(e^{2|x|} + 1), with the sign of x
//
// It stays within about 2 ulps of math.Tanh (TestTanhAccuracy).
func Tanh(x float64) float64 {
	v := [1]float64{x}
	TanhTo(v[:], v[:])
	return v[0]
}

// TanhTo sets dst[i] = Tanh(src[i]) for every i of src; dst may be src. The
// loop holds the whole computation, with no call per element; act.Layer
// uses it for a tanh layer.
func TanhTo(dst, src []float64) {
	const (
		p0 = -9.64399179425052238628e-1
		p1 = -9.92877231001918586564e1
		p2 = -1.61468768441708447952e3
		q0 = 1.12811678491632931402e2
		q1 = 2.23548839060100448583e3
		q2 = 4.84406305325125486048e3
	)
	dst = dst[:len(src)]
	for i, x := range src {
		ax := math.Abs(x)
		switch {
		case !(ax <= 22): // NaN, or tanh is ±1 to double precision
			if x != x {
				dst[i] = x
			} else {
				dst[i] = math.Copysign(1, x)
			}
		case ax >= 0.625:
			// e^{2|x|} as Exp computes it for 1.25 ≤ 2|x| ≤ 44 (no special
			// case, 2^k normal), with its steps inlined.
			hi, lo, k := reduce(2 * ax)
			e := expr(hi, lo) * pow2(k)
			dst[i] = math.Copysign(1-2/(e+1), x)
		case x == 0:
			dst[i] = x // keeps −0
		default:
			s := float64(x * x)
			p := float64(float64(float64(p0*s)+p1)*s) + p2
			q := float64(float64(float64(float64(s+q0)*s)+q1)*s) + q2
			dst[i] = x + float64(float64(float64(x*s)*p)/q)
		}
	}
}

// Sigmoid returns 1/(1+e^-x) without overflow for any x.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + Exp(-x))
	}
	e := Exp(x)
	return e / (1 + e)
}

// Softplus returns log(1+e^x) without overflow: max(x,0) + log1p(e^-|x|).
func Softplus(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(Exp(-math.Abs(x)))
}

// IsFinite reports whether x is neither NaN nor an infinity.
func IsFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
