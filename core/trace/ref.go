package trace

// Format is the version of the trace's JSON (docs/api.md, "Trace format"):
// 2 names an op's result and operands as references (Ref) and leaves out
// the value of a result that a field of the trace already holds.
const Format = 2

// Sym is the symbol of a matrix in the lecture's notation, without its
// layer: "Z", "dW", "W_next", "sigma_prime" for σ'(Z[l])...
type Sym string

// The symbols of the trace. W, b and Y are the request's; the others are
// computed by the trace.
const (
	SymW          Sym = "W"
	SymB          Sym = "b"
	SymY          Sym = "Y"
	SymZ          Sym = "Z"
	SymA          Sym = "A"
	SymCi         Sym = "C_i"
	SymC          Sym = "C"
	SymDA         Sym = "dA"
	SymSigmaPrime Sym = "sigma_prime"
	SymDZ         Sym = "dZ"
	SymDW         Sym = "dW"
	SymDB         Sym = "db"
	SymWNext      Sym = "W_next"
	SymBNext      Sym = "b_next"
)

// symbol is what a Sym means: how it is written, and which field of the
// request or the trace holds it, if any.
type symbol struct {
	layered bool   // written with a layer, Z[1]; else alone, Y
	name    string // the display name, %d standing for the layer
	tex     string // the same in TeX
	field   string // the JSON field holding the matrix of every layer (or the matrix), "" when only the op's value does
	first   int    // the layer of the field's element 0: 1, or 0 for A (A[0] = X)
}

// symbols declares every Sym once; Ref's name, TeX and field derive from it.
var symbols = map[Sym]symbol{
	SymW:          {true, "W[%d]", `W^{[%d]}`, "W", 1},
	SymB:          {true, "b[%d]", `b^{[%d]}`, "b", 1},
	SymY:          {false, "Y", `Y`, "Y", 0},
	SymZ:          {true, "Z[%d]", `Z^{[%d]}`, "Z", 1},
	SymA:          {true, "A[%d]", `A^{[%d]}`, "A", 0},
	SymCi:         {false, "C_i", `C_i`, "", 0},
	SymC:          {false, "C", `C`, "", 0},
	SymDA:         {true, "dA[%d]", `dA^{[%d]}`, "", 0},
	SymSigmaPrime: {true, "σ'(Z[%d])", `\sigma'^{[%d]}(Z^{[%d]})`, "", 0},
	SymDZ:         {true, "dZ[%d]", `dZ^{[%d]}`, "dZ", 1},
	SymDW:         {true, "dW[%d]", `dW^{[%d]}`, "dW", 1},
	SymDB:         {true, "db[%d]", `db^{[%d]}`, "db", 1},
	SymWNext:      {true, "W_next[%d]", `W^{[%d]}_{\text{new}}`, "W_next", 1},
	SymBNext:      {true, "b_next[%d]", `b^{[%d]}_{\text{new}}`, "b_next", 1},
}

// Ref names one matrix of the trace: a symbol and, for the layered ones,
// the lecture's layer l (0 only for A[0] = X). In JSON it also carries the
// name and TeX derived from them and, for a matrix a field holds, that
// field and the index in it (docs/api.md, "Trace format").
type Ref struct {
	Sym   Sym `json:"sym"`
	Layer int `json:"layer"` // absent in JSON, and 0, for Y, C_i and C
}

// ref returns the Ref of s at layer l (l is dropped for a symbol written
// without a layer).
func ref(s Sym, l int) Ref {
	if !symbols[s].layered {
		l = 0
	}
	return Ref{s, l}
}

func (r Ref) sym() symbol {
	s, ok := symbols[r.Sym]
	if !ok { // not one of the trace's (say, decoded from a client): shown as it is
		return symbol{name: string(r.Sym), tex: string(r.Sym)}
	}
	return s
}

// String is the display name: "Z[1]", "σ'(Z[2])", "W_next[1]", "Y". The
// page shows it and names tables with it (table[data-matrix="W[1]"]).
func (r Ref) String() string {
	s := r.sym()
	if !s.layered {
		return s.name
	}
	return tex(s.name, r.Layer)
}

// TeX is the name in the lecture's notation: Z^{[1]}, W^{[1]}_{\text{new}}.
func (r Ref) TeX() string {
	s := r.sym()
	if !s.layered {
		return s.tex
	}
	return tex(s.tex, r.Layer)
}

// Field returns the JSON field of the request or the trace that holds the
// matrix and its index there (-1 when the field is the matrix itself, Y),
// or "" when no field does: then only an op's value holds it.
func (r Ref) Field() (string, int) {
	s := r.sym()
	switch {
	case s.field == "":
		return "", -1
	case !s.layered:
		return s.field, -1
	}
	return s.field, r.Layer - s.first
}

// appendJSON writes the reference as docs/api.md describes it:
// {"sym", "layer", "name", "tex", "field", "at"}, layer and at only when
// they apply, field and at only for a matrix a field holds.
func (r Ref) appendJSON(b []byte) []byte {
	b = append(b, `{"sym":`...)
	b = appendString(b, string(r.Sym))
	if r.sym().layered {
		b = append(b, `,"layer":`...)
		b = appendInt(b, r.Layer)
	}
	b = append(b, `,"name":`...)
	b = appendString(b, r.String())
	b = append(b, `,"tex":`...)
	b = appendString(b, r.TeX())
	if f, at := r.Field(); f != "" {
		b = append(b, `,"field":`...)
		b = appendString(b, f)
		if at >= 0 {
			b = append(b, `,"at":`...)
			b = appendInt(b, at)
		}
	}
	return append(b, '}')
}

// MarshalJSON writes the reference as appendJSON does.
func (r Ref) MarshalJSON() ([]byte, error) { return r.appendJSON(nil), nil }
