package trace

import (
	"strconv"
	"strings"

	"nnstep/core/act"
)

// PyName is the name of the matrix in NumPy, the name a student's
// expression and the notebook use: the symbol followed by the layer for the
// layered ones (Z1, A0, dZ2, sigma_prime2, W_next1), the symbol alone
// otherwise (Y, C_i, C). It is NumPyEnv's name for the matrices it holds.
func (r Ref) PyName() string {
	if !r.sym().layered {
		return string(r.Sym)
	}
	return string(r.Sym) + strconv.Itoa(r.Layer)
}

// py joins NumPy text and the names of refs: each Ref of parts is written
// as its PyName, each string as it is.
func py(parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		switch p := p.(type) {
		case Ref:
			b.WriteString(p.PyName())
		case string:
			b.WriteString(p)
		}
	}
	return b.String()
}

// fill writes the arrays of a NumPy template of the activation or loss
// tables (the identifiers z, a, y and the number alpha) as the op's names:
// each identifier of the template that is a key of names becomes its value.
// Attributes and keywords (np.exp, axis=) are left alone.
func fill(template string, names map[string]string) string {
	var b strings.Builder
	isStart := func(c byte) bool { return c == '_' || isLetterByte(c) }
	isPart := func(c byte) bool { return isStart(c) || c >= '0' && c <= '9' }
	for i := 0; i < len(template); {
		c := template[i]
		if !isStart(c) || i > 0 && (isPart(template[i-1]) || template[i-1] == '.') {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(template) && isPart(template[j]) {
			j++
		}
		id := template[i:j]
		if v, ok := names[id]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(id)
		}
		i = j
	}
	return b.String()
}

// pyNumber writes v as a Python literal, in parentheses when negative so
// that a power or a product around it keeps its meaning.
func pyNumber(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if v < 0 {
		return "(" + s + ")"
	}
	return s
}

// actNumPy returns σ[l](Z[l]) (prime false) or σ'[l](Z[l]) (prime true) of
// layer l in NumPy, from the activation table's NumPyF and NumPyD.
func actNumPy(a act.Layer, l int, prime bool) string {
	names := map[string]string{"z": ref(SymZ, l).PyName(), "a": ref(SymA, l).PyName()}
	if a.IsSoftmax() {
		return fill(act.SoftmaxNumPy, names)
	}
	names["alpha"] = pyNumber(a.Func.Alpha)
	if prime {
		return fill(a.Func.NumPyD, names)
	}
	return fill(a.Func.NumPyF, names)
}

// lossNumPy fills a loss template (NumPyCi, NumPyDA) for output layer L.
func lossNumPy(template string, L int) string {
	return fill(template, map[string]string{"z": ref(SymZ, L).PyName(), "a": ref(SymA, L).PyName(), "y": ref(SymY, 0).PyName()})
}
