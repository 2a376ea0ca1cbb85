package trace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// TestRefNotation: the display name and the TeX of every kind of
// reference, as the lecture writes them (and as format 1 named results).
func TestRefNotation(t *testing.T) {
	cases := []struct {
		r         Ref
		name, tex string
	}{
		{Ref{SymW, 3}, "W[3]", `W^{[3]}`},
		{Ref{SymB, 1}, "b[1]", `b^{[1]}`},
		{Ref{SymY, 0}, "Y", `Y`},
		{Ref{SymZ, 1}, "Z[1]", `Z^{[1]}`},
		{Ref{SymA, 0}, "A[0]", `A^{[0]}`},
		{Ref{SymCi, 0}, "C_i", `C_i`},
		{Ref{SymC, 0}, "C", `C`},
		{Ref{SymDA, 2}, "dA[2]", `dA^{[2]}`},
		{Ref{SymSigmaPrime, 2}, "σ'(Z[2])", `\sigma'^{[2]}(Z^{[2]})`},
		{Ref{SymDZ, 2}, "dZ[2]", `dZ^{[2]}`},
		{Ref{SymDW, 2}, "dW[2]", `dW^{[2]}`},
		{Ref{SymDB, 1}, "db[1]", `db^{[1]}`},
		{Ref{SymWNext, 1}, "W_next[1]", `W^{[1]}_{\text{new}}`},
		{Ref{SymBNext, 4}, "b_next[4]", `b^{[4]}_{\text{new}}`},
	}
	seen := map[Sym]bool{}
	for _, c := range cases {
		seen[c.r.Sym] = true
		if got := c.r.String(); got != c.name {
			t.Errorf("%v: name %q, want %q", c.r, got, c.name)
		}
		if got := c.r.TeX(); got != c.tex {
			t.Errorf("%v: TeX %q, want %q", c.r, got, c.tex)
		}
	}
	for s := range symbols {
		if !seen[s] {
			t.Errorf("symbol %q has no case", s)
		}
	}
}

// shapeOf is the shape a reference must resolve to on a network of the
// given sizes and a batch of m examples (the lecture's dimensions).
func shapeOf(r Ref, sizes []int, m int) [2]int {
	n, l, L := sizes, r.Layer, len(sizes)-1
	switch r.Sym {
	case SymW, SymDW, SymWNext:
		return [2]int{n[l], n[l-1]}
	case SymB, SymDB, SymBNext:
		return [2]int{n[l], 1}
	case SymY:
		return [2]int{n[L], m}
	case SymCi:
		return [2]int{1, m}
	case SymC:
		return [2]int{1, 1}
	}
	return [2]int{n[l], m} // Z, A, dA, σ', dZ
}

// resolve finds the matrix r names before op i in the JSON of a Full, as
// docs/api.md tells a client to: the value of the latest earlier op with
// that result, else the field and index the reference names (a vector
// read as a column).
func resolve(t *testing.T, full map[string]any, i int, r map[string]any) [][]any {
	t.Helper()
	ops := full["ops"].([]any)
	for j := i - 1; j >= 0; j-- {
		op := ops[j].(map[string]any)
		if op["result"].(map[string]any)["name"] == r["name"] {
			return value(t, full, op)
		}
	}
	return field(t, full, r)
}

// value is an op's result: its value, or the field its result names.
func value(t *testing.T, full map[string]any, op map[string]any) [][]any {
	t.Helper()
	if v, ok := op["value"]; ok {
		return rowsOf(v)
	}
	return field(t, full, op["result"].(map[string]any))
}

func field(t *testing.T, full map[string]any, r map[string]any) [][]any {
	t.Helper()
	f, ok := r["field"].(string)
	if !ok {
		t.Fatalf("%v: no field and no earlier op", r["name"])
	}
	v := full[f]
	if at, ok := r["at"]; ok {
		v = v.([]any)[int(at.(float64))]
	}
	return rowsOf(v)
}

// rowsOf reads a matrix as rows, a vector as a column.
func rowsOf(v any) [][]any {
	var out [][]any
	for _, e := range v.([]any) {
		if row, ok := e.([]any); ok {
			out = append(out, row)
		} else {
			out = append(out, []any{e})
		}
	}
	return out
}

func fullJSON(t *testing.T, c *Request) (*Trace, []byte, map[string]any) {
	t.Helper()
	net, x, y, eta, err := c.Build()
	if err != nil {
		t.Fatal(err)
	}
	tr := Run(net, x, y, eta)
	b, err := json.Marshal(Full{Request: *c, Trace: tr})
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return tr, b, v
}

// TestOpsResolve: in the JSON of every case, each op's result and
// operands resolve to a matrix of the lecture's shape; a result that a
// field holds has no value and one that none holds has its value, and
// the reference carries the name and TeX Ref derives.
func TestOpsResolve(t *testing.T) {
	for _, c := range append([]*Request{load(t, "testdata/example.json")}, cases()...) {
		tr, _, full := fullJSON(t, c)
		if full["format"] != float64(Format) {
			t.Errorf("format %v, want %d", full["format"], Format)
		}
		m := len(c.X[0])
		for i, o := range full["ops"].([]any) {
			op := o.(map[string]any)
			res := op["result"].(map[string]any)
			want := tr.Ops[i].Result
			where := fmt.Sprintf("%v op %d (%s)", c.Activations, i, want)
			if res["name"] != want.String() || res["tex"] != want.TeX() || res["sym"] != string(want.Sym) {
				t.Errorf("%s: result %v", where, res)
			}
			_, hasValue := op["value"]
			_, hasField := res["field"]
			if hasValue == hasField {
				t.Errorf("%s: value given %v, field given %v; want exactly one", where, hasValue, hasField)
			}
			check := func(what string, r Ref, v [][]any) {
				s := shapeOf(r, c.Layers, m)
				if len(v) != s[0] || len(v[0]) != s[1] {
					t.Errorf("%s: %s %s resolves to %d×%d, want %d×%d", where, what, r, len(v), len(v[0]), s[0], s[1])
				}
			}
			check("result", want, value(t, full, op))
			for k, r := range op["operands"].([]any) {
				check("operand", tr.Ops[i].Operands[k], resolve(t, full, i, r.(map[string]any)))
			}
		}
	}
}

// TestFormatRoundTrips: the JSON of a Full decodes into a Full that
// encodes to the same bytes.
func TestFormatRoundTrips(t *testing.T) {
	for _, c := range append([]*Request{load(t, "testdata/example.json")}, cases()...) {
		_, b, _ := fullJSON(t, c)
		var back Full
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		again, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, b) {
			t.Errorf("%v: the JSON does not round-trip:\n got %.300s\nwant %.300s", c.Activations, again, b)
		}
	}
}
