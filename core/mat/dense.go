// Package mat is the small dense-matrix toolkit of the lecture's equations.
//
// A matrix is row-major. Following gonum's mat, operations are methods on the
// destination: d.Mul(a, b) stores a·b in d, reshaping d only when its backing
// array is too small. Reusing destinations makes training allocation-free.
// A destination must not share storage with an operand unless the method
// says it may (element-wise methods allow it).
//
// Every product that is added to something is converted with float64(),
// which the Go spec says rounds it: no compiler may fuse it into an FMA, so
// the sums are the same bits on every GOARCH.
package mat

import (
	"fmt"
	"strings"
)

// Dense is a Rows×Cols matrix stored row by row in Data.
type Dense struct {
	Rows, Cols int
	Data       []float64
}

// New returns a zero r×c matrix.
func New(r, c int) *Dense {
	return &Dense{Rows: r, Cols: c, Data: make([]float64, r*c)}
}

// FromRows copies rows (all of the same length) into a new matrix.
func FromRows(rows [][]float64) (*Dense, error) {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return nil, fmt.Errorf("matrix is empty")
	}
	m := New(len(rows), len(rows[0]))
	for i, row := range rows {
		if len(row) != m.Cols {
			return nil, fmt.Errorf("row %d has %d values, row 0 has %d", i, len(row), m.Cols)
		}
		copy(m.Data[i*m.Cols:], row)
	}
	return m, nil
}

// Col returns a new n×1 column vector holding v.
func Col(v []float64) *Dense {
	m := New(len(v), 1)
	copy(m.Data, v)
	return m
}

// At returns the element at row i, column j.
func (m *Dense) At(i, j int) float64 { return m.Data[i*m.Cols+j] }

// Set sets the element at row i, column j.
func (m *Dense) Set(i, j int, v float64) { m.Data[i*m.Cols+j] = v }

// Row returns row i as a slice sharing m's storage.
func (m *Dense) Row(i int) []float64 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// ToRows returns a copy of m as a slice of rows.
func (m *Dense) ToRows() [][]float64 {
	out := make([][]float64, m.Rows)
	for i := range out {
		out[i] = append([]float64(nil), m.Row(i)...)
	}
	return out
}

// Clone returns a deep copy of m.
func (m *Dense) Clone() *Dense {
	return &Dense{Rows: m.Rows, Cols: m.Cols, Data: append([]float64(nil), m.Data...)}
}

// Shape returns "r×c", the way the lesson prints shapes.
func (m *Dense) Shape() string { return fmt.Sprintf("%d×%d", m.Rows, m.Cols) }

// String formats m one row per line, for tests and debugging.
func (m *Dense) String() string {
	var b strings.Builder
	for i := 0; i < m.Rows; i++ {
		fmt.Fprintln(&b, m.Row(i))
	}
	return b.String()
}

// Reset makes m an r×c matrix, reusing its storage when it is large enough.
// The contents are unspecified afterwards.
func (m *Dense) Reset(r, c int) {
	if cap(m.Data) < r*c {
		m.Data = make([]float64, r*c)
	}
	m.Rows, m.Cols, m.Data = r, c, m.Data[:r*c]
}

// Zero sets every element to 0.
func (m *Dense) Zero() { clear(m.Data) }

// SameShape reports whether a and b have the same dimensions.
func SameShape(a, b *Dense) bool { return a.Rows == b.Rows && a.Cols == b.Cols }

func mustSame(op string, a, b *Dense) {
	if !SameShape(a, b) {
		panic(fmt.Sprintf("mat.%s: shapes %s and %s differ", op, a.Shape(), b.Shape()))
	}
}
