package trace

import (
	"math"
	"strconv"

	"nnstep/core/mat"
)

// Matrix is a matrix as JSON arrays of rows. JSON has no NaN or Infinity, so
// a non-finite element is written as null (Trace.FirstNonFinite says where
// the first one appeared).
type Matrix [][]float64

// Vector is a flat array of numbers (a bias-like column), null where not finite.
type Vector []float64

// Scalar is one number, null when not finite.
type Scalar float64

func rows(m *mat.Dense) Matrix { return Matrix(m.ToRows()) }

func flat(m *mat.Dense) Vector { return append(Vector(nil), m.Data...) }

func appendNum(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, "null"...)
	}
	if x == 0 { // −0 (say ReLU's gradient times a negative number) reads as 0
		return append(b, '0')
	}
	// The shortest representation that reads back to the same bits, as
	// encoding/json writes floats.
	abs := math.Abs(x)
	f := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		f = 'e'
	}
	return strconv.AppendFloat(b, x, f, -1, 64)
}

func appendVec(b []byte, v []float64) []byte {
	b = append(b, '[')
	for i, x := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNum(b, x)
	}
	return append(b, ']')
}

// MarshalJSON writes the rows, null for non-finite elements.
func (m Matrix) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, r := range m {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendVec(b, r)
	}
	return append(b, ']'), nil
}

// MarshalJSON writes the numbers, null for non-finite ones.
func (v Vector) MarshalJSON() ([]byte, error) { return appendVec(nil, v), nil }

// MarshalJSON writes the number, or null when it is not finite.
func (s Scalar) MarshalJSON() ([]byte, error) { return appendNum(nil, float64(s)), nil }
