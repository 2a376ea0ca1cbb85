package numpy

import "math"

// MaxElements bounds the size of any array an expression makes (say, by
// broadcasting a column against a row).
const MaxElements = 1 << 20

// Env holds the names an expression may use: X, Y, m, eta, W1, dZ2, …
type Env map[string]*Array

// Eval parses and evaluates src with the names of env, and the module np.
// The error is NumPy's or Python's, as their last line reads
// ("ValueError: operands could not be broadcast together with shapes
// (4,5) (3,5) ").
func Eval(src string, env Env) (*Array, error) {
	n, err := parse(src)
	if err != nil {
		return nil, err
	}
	v, err := (&evaluator{env}).eval(n)
	if err != nil {
		return nil, err
	}
	a, ok := v.(*Array)
	if !ok {
		return nil, errorf("TypeError", "%s is not an array: call it, or use one of its results", describe(v))
	}
	return a, nil
}

// module is np; function is np.f or a bound method a.f.
type (
	module   struct{}
	function struct {
		name string
		self *Array // for a method: the array it is called on
	}
)

func describe(v any) string {
	switch f := v.(type) {
	case module:
		return "the module np"
	case *function:
		if f.self != nil {
			return "the method ." + f.name
		}
		return "the function np." + f.name
	}
	return "the value"
}

type evaluator struct{ env Env }

func (e *evaluator) eval(n node) (any, error) {
	switch n := n.(type) {
	case *numLit:
		if n.isInt {
			return &Array{Data: []float64{n.v}, kind: pyInt}, nil
		}
		return Float(n.v), nil
	case *nameRef:
		switch n.name {
		case "np":
			return module{}, nil
		case "True", "False": // Python's bools are ints: True * 2 is 2
			return &Array{Data: []float64{b2f(n.name == "True")}, kind: pyInt}, nil
		}
		if a, ok := e.env[n.name]; ok {
			return a, nil
		}
		return nil, errorf("NameError", "name '%s' is not defined", n.name)
	case *unary:
		a, err := e.array(n.x)
		if err != nil {
			return nil, err
		}
		return negate(n.op, a)
	case *binary:
		a, err := e.array(n.x)
		if err != nil {
			return nil, err
		}
		b, err := e.array(n.y)
		if err != nil {
			return nil, err
		}
		if n.op == "@" {
			return matmul(a, b)
		}
		return arith(n.op, a, b)
	case *compare:
		return e.compare(n)
	case *attr:
		x, err := e.eval(n.x)
		if err != nil {
			return nil, err
		}
		return getattr(x, n.name)
	case *call:
		fn, err := e.eval(n.fn)
		if err != nil {
			return nil, err
		}
		f, ok := fn.(*function)
		if !ok {
			if a, isArr := fn.(*Array); isArr {
				return nil, errorf("TypeError", "'%s' object is not callable", a.typeName())
			}
			return nil, errorf("TypeError", "'module' object is not callable")
		}
		args := make([]*Array, len(n.args))
		for i, x := range n.args {
			if args[i], err = e.array(x); err != nil {
				return nil, err
			}
		}
		kw := map[string]*Array{}
		for _, k := range n.kwargs {
			if _, dup := kw[k.name]; dup {
				return nil, errorf("SyntaxError", "keyword argument repeated: %s", k.name)
			}
			if kw[k.name], err = e.array(k.v); err != nil {
				return nil, err
			}
		}
		return callFunc(f, args, kw)
	}
	panic("numpy: unknown node")
}

// array evaluates n to an array: np or a function there is an error.
func (e *evaluator) array(n node) (*Array, error) {
	v, err := e.eval(n)
	if err != nil {
		return nil, err
	}
	if a, ok := v.(*Array); ok {
		return a, nil
	}
	return nil, errorf("TypeError", "%s cannot be computed with: call it with its arguments", describe(v))
}

func getattr(x any, name string) (any, error) {
	switch x := x.(type) {
	case module:
		if _, ok := funcs[name]; ok {
			return &function{name: name}, nil
		}
		return nil, errorf("AttributeError", "module 'numpy' has no attribute '%s'", name)
	case *Array:
		if x.kind != ndarray {
			return nil, errorf("AttributeError", "'%s' object has no attribute '%s'", x.typeName(), name)
		}
		if name == "T" {
			return transpose(x), nil
		}
		if methods[name] {
			return &function{name: name, self: x}, nil
		}
		if name == "shape" {
			return nil, errorf("TypeError", "a.shape is a tuple: this page evaluates arrays only")
		}
		return nil, errorf("AttributeError", "'%s' object has no attribute '%s'", x.typeName(), name)
	}
	return nil, errorf("AttributeError", "%s has no attribute '%s'", describe(x), name)
}

func transpose(a *Array) *Array {
	if len(a.Shape) < 2 {
		return a
	}
	r, c := a.Shape[0], a.Shape[1]
	out := &Array{Shape: []int{c, r}, Data: make([]float64, len(a.Data)), Bool: a.Bool}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			out.Data[j*r+i] = a.Data[i*c+j]
		}
	}
	return out
}

// resultKind is the kind of an operation's result: a Python number only
// when every operand is one, a float when one of them is.
func resultKind(as ...*Array) kind {
	k := pyInt
	for _, a := range as {
		switch a.kind {
		case ndarray:
			return ndarray
		case pyFloat:
			k = pyFloat
		}
	}
	return k
}

func negate(op string, a *Array) (*Array, error) {
	if op == "+" {
		if a.Bool {
			return nil, errorf("TypeError", "ufunc 'positive' did not contain a loop with signature matching types (dtype('bool'),) -> None")
		}
		return a, nil
	}
	if a.Bool {
		return nil, errorf("TypeError", "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
	}
	out := &Array{Shape: a.Shape, Data: make([]float64, len(a.Data)), kind: a.kind}
	for i, v := range a.Data {
		out.Data[i] = -v
	}
	return out, nil
}

// elementwise applies f over the broadcast of as.
func elementwise(as []*Array, f func(x []float64) float64) (*Array, error) {
	shapes := make([][]int, len(as))
	for i, a := range as {
		shapes[i] = a.Shape
	}
	shape, err := broadcast(shapes...)
	if err != nil {
		return nil, err
	}
	if size(shape) > MaxElements {
		return nil, errorf("MemoryError", "the result would hold %d numbers, more than this page computes (%d)", size(shape), MaxElements)
	}
	out := &Array{Shape: shape, Data: make([]float64, size(shape)), kind: resultKind(as...)}
	x := make([]float64, len(as))
	each(shape, func(i int, idx []int) {
		for k, a := range as {
			x[k] = a.at(shape, idx)
		}
		out.Data[i] = f(x)
	})
	return out, nil
}

func arith(op string, a, b *Array) (*Array, error) {
	bothBool := a.Bool && b.Bool
	var f func(x []float64) float64
	switch op {
	case "+":
		f = func(x []float64) float64 { return x[0] + x[1] }
		if bothBool { // logical or
			f = func(x []float64) float64 { return b2f(x[0] != 0 || x[1] != 0) }
		}
	case "-":
		if bothBool {
			return nil, errorf("TypeError", "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
		}
		f = func(x []float64) float64 { return x[0] - x[1] }
	case "*":
		f = func(x []float64) float64 { return x[0] * x[1] }
	case "/":
		if a.kind != ndarray && b.kind != ndarray && b.Data[0] == 0 {
			return nil, errorf("ZeroDivisionError", "division by zero")
		}
		f = func(x []float64) float64 { return x[0] / x[1] }
	case "**":
		if a.kind == pyInt && b.kind == pyInt && b.Data[0] < 0 && a.Data[0] == 0 {
			return nil, errorf("ZeroDivisionError", "0.0 cannot be raised to a negative power")
		}
		// NumPy raises a bool array to an int power in integers: no negative powers.
		if a.kind == ndarray && b.kind == pyInt && a.Bool && b.Data[0] < 0 {
			return nil, errorf("ValueError", "Integers to negative integer powers are not allowed.")
		}
		f = func(x []float64) float64 { return pow(x[0], x[1]) }
	}
	out, err := elementwise([]*Array{a, b}, f)
	if err != nil {
		return nil, err
	}
	out.Bool = bothBool && (op == "+" || op == "*")
	if op == "/" && out.kind == pyInt {
		out.kind = pyFloat
	}
	if op == "**" && out.kind == pyInt && b.Data[0] < 0 {
		out.kind = pyFloat
	}
	return out, nil
}

// pow is x**y as NumPy computes it for float64 (C's pow: a negative base to
// a fractional power is NaN).
func pow(x, y float64) float64 {
	if y == 2 {
		return x * x
	}
	return math.Pow(x, y)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (e *evaluator) compare(c *compare) (any, error) {
	terms := make([]*Array, len(c.terms))
	for i, t := range c.terms {
		var err error
		if terms[i], err = e.array(t); err != nil {
			return nil, err
		}
	}
	var result *Array
	for i, op := range c.ops {
		r, err := elementwise([]*Array{terms[i], terms[i+1]}, func(x []float64) float64 {
			switch op {
			case "<":
				return b2f(x[0] < x[1])
			case "<=":
				return b2f(x[0] <= x[1])
			case ">":
				return b2f(x[0] > x[1])
			case ">=":
				return b2f(x[0] >= x[1])
			case "==":
				return b2f(x[0] == x[1])
			}
			return b2f(x[0] != x[1])
		})
		if err != nil {
			return nil, err
		}
		r.Bool = true
		if r.kind != ndarray { // Python compares two numbers: a bool
			r.kind = ndarray
		}
		if i < len(c.ops)-1 || result != nil {
			// a < b < c is (a < b) and (b < c): Python asks for the truth
			// of each link.
			if len(r.Data) != 1 {
				return nil, errorf("ValueError", "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
			}
			if r.Data[0] == 0 {
				return r, nil
			}
		}
		result = r
	}
	return result, nil
}

// matmul is a @ b with NumPy's rules for one and two dimensions.
func matmul(a, b *Array) (*Array, error) {
	const sig = "(n?,k),(k,m?)->(n?,m?)"
	if a.kind != ndarray && b.kind != ndarray {
		return nil, errorf("TypeError", "unsupported operand type(s) for @: '%s' and '%s'", a.typeName(), b.typeName())
	}
	for i, x := range []*Array{a, b} {
		if len(x.Shape) == 0 {
			return nil, errorf("ValueError", "matmul: Input operand %d does not have enough dimensions (has 0, gufunc core with signature %s requires 1)", i, sig)
		}
	}
	as, bs := a.Shape, b.Shape
	if len(as) == 1 {
		as = []int{1, as[0]}
	}
	if len(bs) == 1 {
		bs = []int{bs[0], 1}
	}
	n, k, k2, m := as[0], as[1], bs[0], bs[1]
	if k != k2 {
		return nil, errorf("ValueError", "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature %s (size %d is different from %d)", sig, k2, k)
	}
	if n*m > MaxElements {
		return nil, errorf("MemoryError", "the result would hold %d numbers, more than this page computes (%d)", n*m, MaxElements)
	}
	out := make([]float64, n*m)
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			var s float64
			for t := 0; t < k; t++ {
				s += a.Data[i*k+t] * b.Data[t*m+j]
			}
			out[i*m+j] = s
		}
	}
	var shape []int
	switch {
	case len(a.Shape) == 1 && len(b.Shape) == 1:
		shape = []int{}
	case len(a.Shape) == 1:
		shape = []int{m}
	case len(b.Shape) == 1:
		shape = []int{n}
	default:
		shape = []int{n, m}
	}
	return &Array{Shape: shape, Data: out}, nil
}

// The methods of an array this page knows: the reductions, a.sum(axis=1).
var methods = map[string]bool{"sum": true, "mean": true, "max": true, "min": true}
