package numpy

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// spec is one function of np: its positional parameters and keywords.
type spec struct {
	params []string
	kw     []string // keyword-only here: axis, keepdims
	ufunc  bool     // a NumPy ufunc: one more positional argument is its out
	run    func(args []*Array, kw map[string]*Array) (*Array, error)
}

// funcs is np's part this page evaluates (docs/numpy.md).
var funcs = map[string]spec{
	"exp":        ufunc(math.Exp),
	"log":        ufunc(math.Log),
	"tanh":       ufunc(math.Tanh),
	"arctan":     ufunc(math.Atan),
	"sqrt":       ufunc(math.Sqrt),
	"expm1":      ufunc(math.Expm1),
	"log1p":      ufunc(math.Log1p),
	"logaddexp":  {params: []string{"x1", "x2"}, ufunc: true, run: logaddexp},
	"abs":        {params: []string{"x"}, ufunc: true, run: absolute},
	"maximum":    {params: []string{"x1", "x2"}, ufunc: true, run: extremum(true)},
	"minimum":    {params: []string{"x1", "x2"}, ufunc: true, run: extremum(false)},
	"where":      {params: []string{"condition", "x", "y"}, run: where},
	"sum":        reduction("sum"),
	"mean":       reduction("mean"),
	"max":        reduction("max"),
	"min":        reduction("min"),
	"ones_like":  {params: []string{"a"}, run: filled(1)},
	"zeros_like": {params: []string{"a"}, run: filled(0)},
}

func callFunc(f *function, args []*Array, kw map[string]*Array) (*Array, error) {
	s := funcs[f.name]
	name, params := f.name, s.params
	if f.self != nil { // a.sum(axis=1): the array is the first argument
		args = append([]*Array{f.self}, args...)
	}
	if s.ufunc {
		n := len(params)
		if _, out := kw["out"]; out || len(args) == n+1 {
			return nil, errorf("TypeError", "%s(): the out argument (an array to write into) is not part of what this page evaluates", name)
		}
		if len(args) != n || len(kw) > 0 {
			for k := range kw {
				return nil, errorf("TypeError", "%s() got an unexpected keyword argument '%s'", name, k)
			}
			return nil, errorf("TypeError", "%s() takes from %d to %d positional arguments but %d were given", name, n, n+1, len(args))
		}
		return s.run(args, kw)
	}
	// A keyword may also name a positional parameter (np.sum(a=X)).
	for i, p := range params {
		if v, ok := kw[p]; ok {
			if i < len(args) {
				return nil, errorf("TypeError", "%s() got multiple values for argument '%s'", name, p)
			}
			args = append(args, v)
			delete(kw, p)
		}
	}
	for k := range kw {
		if !slices.Contains(s.kw, k) {
			return nil, errorf("TypeError", "%s() got an unexpected keyword argument '%s'", name, k)
		}
	}
	if name == "where" && len(args) != 3 {
		if len(args) == 1 {
			return nil, errorf("TypeError", "where(condition) alone gives the indices of the nonzero entries, a tuple: this page evaluates arrays only")
		}
		if len(args) == 2 {
			return nil, errorf("ValueError", "either both or neither of x and y should be given")
		}
	}
	switch {
	case len(args) < len(params):
		return nil, errorf("TypeError", "%s() missing 1 required positional argument: '%s'", name, params[len(args)])
	case len(args) > len(params) && s.kw == nil:
		return nil, errorf("TypeError", "%s() takes %d positional argument%s but %d were given", name, len(params), plural(len(params)), len(args))
	case len(args) > len(params)+1:
		return nil, errorf("TypeError", "%s(): write the arguments after the axis by name (keepdims=True)", name)
	}
	if len(args) == len(params)+1 { // np.sum(a, 1): the axis by position
		if _, ok := kw["axis"]; ok {
			return nil, errorf("TypeError", "%s() got multiple values for argument 'axis'", name)
		}
		kw["axis"] = args[len(params)]
		args = args[:len(params)]
	}
	return s.run(args, kw)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// ufunc is an element-wise function of one argument; its result is a
// float array, or a NumPy scalar for a number.
func ufunc(f func(float64) float64) spec {
	return spec{params: []string{"x"}, ufunc: true, run: func(args []*Array, _ map[string]*Array) (*Array, error) {
		a := args[0]
		if a.Bool {
			// NumPy computes these of a bool array in float16, which
			// this page does not: refused rather than computed otherwise.
			return nil, errorf("NotImplementedError", "of a boolean array (a comparison), NumPy computes this in float16, with 3 significant digits; convert it first: (Z1 > 0) * 1.0")
		}
		out := &Array{Shape: a.Shape, Data: make([]float64, len(a.Data))}
		for i, v := range a.Data {
			out.Data[i] = f(v)
		}
		return out, nil
	}}
}

func absolute(args []*Array, _ map[string]*Array) (*Array, error) {
	a := args[0]
	out := &Array{Shape: a.Shape, Data: make([]float64, len(a.Data)), Bool: a.Bool}
	for i, v := range a.Data {
		out.Data[i] = math.Abs(v)
	}
	return out, nil
}

// extremum is np.maximum or np.minimum: element-wise, NaN wins.
func extremum(isMax bool) func(args []*Array, _ map[string]*Array) (*Array, error) {
	return func(args []*Array, _ map[string]*Array) (*Array, error) {
		out, err := elementwise(args, func(x []float64) float64 {
			if isMax {
				return math.Max(x[0], x[1])
			}
			return math.Min(x[0], x[1])
		})
		if err != nil {
			return nil, err
		}
		out.kind = ndarray
		out.Bool = args[0].Bool && args[1].Bool
		return out, nil
	}
}

// logaddexp is np.logaddexp, log(e^x1 + e^x2), computed as NumPy does so
// that it neither overflows nor loses the smaller term (the softplus of
// the activation table and the cost's logits form use it).
func logaddexp(args []*Array, _ map[string]*Array) (*Array, error) {
	for _, a := range args {
		if a.Bool {
			return nil, errorf("NotImplementedError", "of a boolean array (a comparison), NumPy computes this in float16, with 3 significant digits; convert it first: (Z1 > 0) * 1.0")
		}
	}
	out, err := elementwise(args, func(x []float64) float64 {
		a, b := x[0], x[1]
		if a == b { // also +inf, +inf
			return a + math.Ln2
		}
		switch d := a - b; {
		case d > 0:
			return a + math.Log1p(math.Exp(-d))
		case d <= 0:
			return b + math.Log1p(math.Exp(d))
		default:
			return d // NaN
		}
	})
	if err != nil {
		return nil, err
	}
	out.kind = ndarray
	return out, nil
}

func where(args []*Array, _ map[string]*Array) (*Array, error) {
	out, err := elementwise(args, func(x []float64) float64 {
		if x[0] != 0 {
			return x[1]
		}
		return x[2]
	})
	if err != nil {
		return nil, err
	}
	out.kind = ndarray
	out.Bool = args[1].Bool && args[2].Bool
	return out, nil
}

func filled(v float64) func(args []*Array, _ map[string]*Array) (*Array, error) {
	return func(args []*Array, _ map[string]*Array) (*Array, error) {
		a := args[0]
		out := &Array{Shape: a.Shape, Data: make([]float64, len(a.Data)), Bool: a.Bool}
		for i := range out.Data {
			out.Data[i] = v
		}
		return out, nil
	}
}

// reduction is np.sum, np.mean, np.max or np.min, with axis (None, an
// axis or a negative one) and keepdims.
func reduction(name string) spec {
	return spec{params: []string{"a"}, kw: []string{"axis", "keepdims"}, run: func(args []*Array, kw map[string]*Array) (*Array, error) {
		a := args[0]
		nd := len(a.Shape)
		keep := false
		if k, ok := kw["keepdims"]; ok {
			if len(k.Shape) != 0 {
				return nil, errorf("ValueError", "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
			}
			keep = k.Data[0] != 0
		}
		axes := make([]bool, nd) // the axes reduced
		if ax, ok := kw["axis"]; ok {
			if ax.kind != pyInt {
				return nil, errorf("TypeError", "'%s' object cannot be interpreted as an integer", ax.typeName())
			}
			k := int(ax.Data[0])
			if nd == 0 && (k == 0 || k == -1) && name != "mean" { // np.sum and co. let a scalar be reduced along its "axis 0"; np.mean does not
				return &Array{Shape: []int{}, Data: []float64{a.Data[0]}, Bool: a.Bool && name != "sum" && name != "mean"}, nil
			}
			if k < -nd || k >= nd {
				return nil, errorf("numpy.AxisError", "axis %d is out of bounds for array of dimension %d", k, nd)
			}
			if k < 0 {
				k += nd
			}
			axes[k] = true
		} else {
			for i := range axes {
				axes[i] = true
			}
		}
		if (name == "max" || name == "min") && a.Size() == 0 {
			return nil, errorf("ValueError", "zero-size array to reduction operation %s which has no identity", map[string]string{"max": "maximum", "min": "minimum"}[name])
		}
		var shape []int
		for i, d := range a.Shape {
			switch {
			case !axes[i]:
				shape = append(shape, d)
			case keep:
				shape = append(shape, 1)
			}
		}
		if shape == nil {
			shape = []int{}
		}
		// The result's index of each element of a: its index with the
		// reduced axes set to 0.
		out := &Array{Shape: shape, Data: make([]float64, size(shape))}
		count := make([]int, len(out.Data))
		first := make([]bool, len(out.Data))
		each(a.Shape, func(i int, idx []int) {
			o, stride := 0, 1
			for k := nd - 1; k >= 0; k-- {
				if !axes[k] {
					o += idx[k] * stride
					stride *= a.Shape[k]
				}
			}
			v := a.Data[i]
			switch {
			case !first[o]:
				out.Data[o], first[o] = v, true
			case name == "max":
				out.Data[o] = math.Max(out.Data[o], v)
			case name == "min":
				out.Data[o] = math.Min(out.Data[o], v)
			default:
				out.Data[o] += v
			}
			count[o]++
		})
		if name == "mean" {
			for i := range out.Data {
				out.Data[i] /= float64(count[i])
			}
		}
		out.Bool = a.Bool && (name == "max" || name == "min")
		return out, nil
	}}
}

// String writes a like NumPy's repr, for messages and tests.
func (a *Array) String() string {
	if len(a.Shape) == 0 {
		return fmt.Sprint(a.Data[0])
	}
	var b strings.Builder
	b.WriteString("array(")
	fmt.Fprint(&b, a.Rows())
	b.WriteString(")")
	return b.String()
}
