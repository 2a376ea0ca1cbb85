// Package numpy evaluates the NumPy expressions a student writes for one
// operation of the step-through (W3.T @ dZ3 * (1 - A2**2)), on the trace's
// matrices, with NumPy's rules: arrays of at most two dimensions and
// scalars, broadcasting, the dtype bool of comparisons, and NumPy's own
// words when it refuses (docs/numpy.md). It is a small interpreter of a
// subset of Python; whatever it accepts, NumPy computes the same.
package numpy

import (
	"fmt"
	"strconv"
	"strings"
)

// kind is what a value is in Python: a NumPy array (of any dimension, a
// 0-d one for NumPy's scalars) or a plain Python number.
type kind uint8

const (
	ndarray kind = iota
	pyInt
	pyFloat
)

// Array is a value: its shape ([] for a scalar, [n], [r c]) and its
// numbers in row-major order.
type Array struct {
	Shape []int
	Data  []float64
	Bool  bool // dtype bool: the result of a comparison (numbers 0 and 1)
	kind  kind
}

// Matrix returns an r×c array holding data (row-major, not copied).
func Matrix(r, c int, data []float64) *Array {
	return &Array{Shape: []int{r, c}, Data: data}
}

// Int is a Python int, such as m.
func Int(v int) *Array { return &Array{Data: []float64{float64(v)}, kind: pyInt} }

// Float is a Python float, such as eta.
func Float(v float64) *Array { return &Array{Data: []float64{v}, kind: pyFloat} }

// Size is the number of elements.
func (a *Array) Size() int { return size(a.Shape) }

func size(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// Rows returns the numbers by row: [[…], …] for a matrix, [[…]] for a
// vector and [[x]] for a scalar.
func (a *Array) Rows() [][]float64 {
	if len(a.Shape) < 2 {
		return [][]float64{append([]float64(nil), a.Data...)}
	}
	out := make([][]float64, a.Shape[0])
	for i := range out {
		out[i] = append([]float64(nil), a.Data[i*a.Shape[1]:(i+1)*a.Shape[1]]...)
	}
	return out
}

// typeName is the name Python gives the value's type in its messages.
func (a *Array) typeName() string {
	switch a.kind {
	case pyInt:
		return "int"
	case pyFloat:
		return "float"
	}
	if len(a.Shape) == 0 {
		if a.Bool {
			return "numpy.bool_"
		}
		return "numpy.float64"
	}
	return "numpy.ndarray"
}

// shapeString writes a shape as Python writes a tuple: (4, 5), (4,), ().
func shapeString(s []int, sep string) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = strconv.Itoa(d)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, sep) + ")"
}

// broadcast returns the shape NumPy broadcasts shapes to, aligning them on
// the right, or NumPy's error.
func broadcast(shapes ...[]int) ([]int, error) {
	n := 0
	for _, s := range shapes {
		n = max(n, len(s))
	}
	out := make([]int, n)
	for i := range out {
		out[i] = 1
	}
	for _, s := range shapes {
		for k := 1; k <= len(s); k++ {
			d, o := s[len(s)-k], &out[n-k]
			switch {
			case d == *o || d == 1:
			case *o == 1:
				*o = d
			default:
				parts := make([]string, len(shapes))
				for i, s := range shapes {
					parts[i] = shapeString(s, ",")
				}
				return nil, &Error{Type: "ValueError", Msg: "operands could not be broadcast together with shapes " + strings.Join(parts, " ") + " "}
			}
		}
	}
	return out, nil
}

// at returns the element of a that broadcasts to index idx of shape out.
func (a *Array) at(out []int, idx []int) float64 {
	off, stride := 0, 1
	for k := 1; k <= len(a.Shape); k++ {
		d := a.Shape[len(a.Shape)-k]
		if d != 1 {
			off += idx[len(out)-k] * stride
		}
		stride *= d
	}
	return a.Data[off]
}

// each calls f for every index of shape, in row-major order.
func each(shape []int, f func(i int, idx []int)) {
	idx := make([]int, len(shape))
	n := size(shape)
	for i := 0; i < n; i++ {
		f(i, idx)
		for k := len(shape) - 1; k >= 0; k-- {
			if idx[k]++; idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
	}
}

// Error is an exception as Python prints its last line: "ValueError: …".
type Error struct {
	Type string
	Msg  string
}

func (e *Error) Error() string { return e.Type + ": " + e.Msg }

func errorf(typ, format string, args ...any) error {
	return &Error{Type: typ, Msg: fmt.Sprintf(format, args...)}
}
