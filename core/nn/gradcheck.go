package nn

import (
	"fmt"
	"math"

	"nnstep/core/mat"
)

// GradCheckResult compares the backward pass with finite differences.
type GradCheckResult struct {
	MaxRelErr float64 // largest relative error over all parameters
	Checked   int     // parameters compared
	AtKink    int     // parameters skipped: a nudge moved some Z across a kink at 0
	Worst     string  // the parameter where it occurs, e.g. "W[2][0][1]"
	Analytic  float64 // dW or db there, from Backward
	Numeric   float64 // the finite difference there
	// Entries lists every parameter in order (W[1], b[1], W[2], …; W row
	// by row), each with both derivatives.
	Entries []GradEntry
}

// GradEntry is one parameter of a gradient check.
type GradEntry struct {
	Param    string  // "W" or "b"
	Layer    int     // the lecture's l (1…L)
	Row, Col int     // Col is 0 for b
	Analytic float64 // dW or db, from Backward
	Numeric  float64 // the five-point finite difference
	RelErr   float64 // |a − n| / max(|a| + |n|, 1e-12); 0 when AtKink
	AtKink   bool    // skipped: a nudge moved some Z across a kink
}

// GradCheck computes every dW[l] and db[l] with Backward, then each again
// from the cost alone with the five-point central difference
//
//	∂C/∂θ ≈ [8(C(θ+h) − C(θ−h)) − (C(θ+2h) − C(θ−2h))] / 12h
//
// (error O(h⁴), so h = 1e-4 leaves rounding near 1e-12), and reports the
// largest relative error |a − n| / max(|a| + |n|, 1e-12). Finite
// differences are meaningless across a kink (ReLU's corner at 0), so a
// parameter whose nudges move some Z[l] of a kinked layer across 0 is
// skipped and counted in AtKink. The network is left as it was.
func GradCheck(n *Network, x, y *mat.Dense, h float64) GradCheckResult {
	p := NewPass(n)
	n.Forward(p, x)
	n.Backward(p, y)
	base := make([]*mat.Dense, n.L())
	for l := range base {
		base[l] = p.Z[l].Clone()
	}
	var res GradCheckResult
	crossed := false
	cost := func() float64 {
		n.Forward(p, x)
		for l, a := range n.Act {
			if !a.HasKink() {
				continue
			}
			for i, z := range p.Z[l].Data {
				if (z < 0) != (base[l].Data[i] < 0) {
					crossed = true
				}
			}
		}
		return n.Cost(p, y)
	}
	check := func(name string, params, grads *mat.Dense, l int) {
		g := grads.Clone() // the next Forward calls do not touch grads, but be explicit
		for i := range params.Data {
			old := params.Data[i]
			crossed = false
			at := func(d float64) float64 {
				params.Data[i] = old + d
				return cost()
			}
			num := (8*(at(h)-at(-h)) - (at(2*h) - at(-2*h))) / (12 * h)
			params.Data[i] = old
			r, c := i/params.Cols, i%params.Cols
			e := GradEntry{Param: name, Layer: l, Row: r, Col: c, Analytic: g.Data[i], Numeric: num, AtKink: crossed}
			if crossed {
				res.AtKink++
				res.Entries = append(res.Entries, e)
				continue
			}
			res.Checked++
			a := g.Data[i]
			rel := math.Abs(a-num) / math.Max(math.Abs(a)+math.Abs(num), 1e-12)
			e.RelErr = rel
			res.Entries = append(res.Entries, e)
			if rel > res.MaxRelErr || math.IsNaN(rel) {
				res.MaxRelErr, res.Analytic, res.Numeric = rel, a, num
				if name == "b" {
					res.Worst = fmt.Sprintf("b[%d][%d]", l, r)
				} else {
					res.Worst = fmt.Sprintf("W[%d][%d][%d]", l, r, c)
				}
			}
		}
	}
	for l := range n.W {
		check("W", n.W[l], p.DW[l], l+1)
		check("b", n.B[l], p.DB[l], l+1)
	}
	return res
}
