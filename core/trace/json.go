package trace

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

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

// appendInt writes an integer.
func appendInt(b []byte, i int) []byte { return strconv.AppendInt(b, int64(i), 10) }

// appendString writes s as a JSON string, escaped as encoding/json does
// (<, > and & too, and U+2028, U+2029).
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', byte(c))
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029':
			b = append(b, '\\', 'u', hex[c>>12&0xf], hex[c>>8&0xf], hex[c>>4&0xf], hex[c&0xf])
		case c == utf8.RuneError:
			b = append(b, `\ufffd`...)
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return append(b, '"')
}

// encoder writes JSON to w through a buffer that it empties whenever it
// holds bufSize bytes, so that a trace's JSON is never whole in memory.
// The first error of w stops the writing; err keeps it. With no w, it
// only appends to b.
type encoder struct {
	w   io.Writer
	b   []byte
	err error
}

const bufSize = 32 << 10

// newEncoder starts with a small buffer, which grows up to bufSize and a
// row: a small trace costs little.
func newEncoder(w io.Writer) *encoder { return &encoder{w: w, b: make([]byte, 0, 4<<10)} }

func (e *encoder) flush() {
	if e.err == nil && len(e.b) > 0 {
		_, e.err = e.w.Write(e.b)
	}
	e.b = e.b[:0]
}

func (e *encoder) spill() {
	if e.w != nil && len(e.b) >= bufSize {
		e.flush()
	}
}

func (e *encoder) raw(s string) { e.b = append(e.b, s...) }

func (e *encoder) matrix(m Matrix) {
	e.b = append(e.b, '[')
	for i, r := range m {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendVec(e.b, r)
		e.spill()
	}
	e.b = append(e.b, ']')
}

func (e *encoder) matrices(ms []Matrix) {
	e.b = append(e.b, '[')
	for i, m := range ms {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.matrix(m)
	}
	e.b = append(e.b, ']')
}

func (e *encoder) vectors(vs []Vector) {
	e.b = append(e.b, '[')
	for i, v := range vs {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendVec(e.b, v)
		e.spill()
	}
	e.b = append(e.b, ']')
}

// op writes one op (docs/api.md, "Trace format"): value only when no field
// of the trace holds the result.
func (e *encoder) op(op *Op) {
	e.raw(`{"index":`)
	e.b = appendInt(e.b, op.Index)
	e.raw(`,"phase":`)
	e.b = appendString(e.b, op.Phase)
	e.raw(`,"layer":`)
	e.b = appendInt(e.b, op.Layer)
	e.raw(`,"result":`)
	e.b = op.Result.appendJSON(e.b)
	e.raw(`,"operands":[`)
	for i, r := range op.Operands {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = r.appendJSON(e.b)
	}
	e.raw(`],"latex":`)
	e.b = appendString(e.b, op.LaTeX)
	if op.Chain != "" {
		e.raw(`,"chain":`)
		e.b = appendString(e.b, op.Chain)
	}
	if f, _ := op.Result.Field(); f == "" {
		e.raw(`,"value":`)
		e.matrix(op.Value)
	}
	e.b = append(e.b, '}')
	e.spill()
}

// fields writes the trace's fields, without the braces around them.
func (e *encoder) fields(t *Trace) {
	e.raw(`"format":`)
	e.b = appendInt(e.b, t.Format)
	e.raw(`,"Z":`)
	e.matrices(t.Z)
	e.raw(`,"A":`)
	e.matrices(t.A)
	e.raw(`,"cost":`)
	e.b = appendNum(e.b, float64(t.Cost))
	e.raw(`,"dZ":`)
	e.matrices(t.DZ)
	e.raw(`,"dW":`)
	e.matrices(t.DW)
	e.raw(`,"db":`)
	e.vectors(t.DB)
	e.raw(`,"W_next":`)
	e.matrices(t.WNext)
	e.raw(`,"b_next":`)
	e.vectors(t.BNext)
	e.raw(`,"ops":[`)
	for i := range t.Ops {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.op(&t.Ops[i])
	}
	e.b = append(e.b, ']')
	if t.FirstNonFinite != nil {
		e.raw(`,"first_non_finite":`)
		e.b = appendInt(e.b, *t.FirstNonFinite)
	}
}

// WriteJSON writes the trace's JSON (docs/api.md, "Trace format") to w
// as it goes, through a buffer of about 32 kB: the answer of POST
// /api/trace, whatever its size, is never whole in memory.
func (t *Trace) WriteJSON(w io.Writer) error {
	e := newEncoder(w)
	e.raw("{")
	e.fields(t)
	e.raw("}")
	e.flush()
	return e.err
}

// AppendJSON appends the trace's JSON to b, as WriteJSON writes it.
func (t *Trace) AppendJSON(b []byte) []byte {
	e := &encoder{b: append(b, '{')}
	e.fields(t)
	return append(e.b, '}')
}

// MarshalJSON is AppendJSON, for encoding/json.
func (t *Trace) MarshalJSON() ([]byte, error) { return t.AppendJSON(nil), nil }

// AppendJSON appends the request's fields and then the trace's as one
// JSON object (the object nnstep.trace() returns).
func (f Full) AppendJSON(b []byte) ([]byte, error) {
	req, err := json.Marshal(f.Request)
	if err != nil {
		return b, err
	}
	e := &encoder{b: append(b, req[:len(req)-1]...)} // without its closing brace
	e.raw(",")
	e.fields(f.Trace)
	return append(e.b, '}'), nil
}

// MarshalJSON is AppendJSON, for encoding/json (without it, the embedded
// *Trace's MarshalJSON would write the trace alone).
func (f Full) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil) }
