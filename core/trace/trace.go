// Package trace records one iteration of gradient descent as the ordered
// list of operations the lesson steps through: the forward pass, the cost,
// the backward pass and the update, each with its formula in the lecture's
// notation and the value it produced. It calls the very functions of
// package nn that training uses, so its numbers are training's numbers.
package trace

import (
	"fmt"
	"strconv"
	"strings"

	"nnstep/core/act"
	"nnstep/core/mat"
	"nnstep/core/nn"
)

// Phases of an operation.
const (
	Forward  = "forward"
	Cost     = "cost"
	Backward = "backward"
	Update   = "update"
)

// Op is one operation of the step-through.
// Its JSON is written by WriteJSON (json.go); the tags serve decoding.
type Op struct {
	Index    int    `json:"index"`
	Phase    string `json:"phase"`
	Layer    int    `json:"layer"`  // the lecture's l (1…L)
	Result   Ref    `json:"result"` // e.g. Z[1], dW[2], W_next[1]
	Operands []Ref  `json:"operands"`
	LaTeX    string `json:"latex"`           // the operation in the lecture's notation
	Chain    string `json:"chain,omitempty"` // backward: the chain rule it applies
	// NumPy computes the result in NumPy from the names of the ops before
	// it (NumPyEnvBefore): the notebook's code and the answer a student's
	// expression is checked against. Not part of the JSON.
	NumPy string `json:"-"`
	// Value is the result when no field of the trace holds it (Result.Field
	// is ""): dA, σ', C_i and C. Otherwise nil: the field has it.
	Value Matrix `json:"value,omitempty"`
}

// Trace is the response of POST /api/trace (docs/api.md, "Trace format").
// Z, dZ, dW hold layers 1…L; A holds A[0] = X … A[L]; db, W_next and
// b_next likewise. Its JSON is written by WriteJSON; the tags serve decoding.
type Trace struct {
	Format int      `json:"format"` // Format
	Z      []Matrix `json:"Z"`
	A      []Matrix `json:"A"`
	Cost   Scalar   `json:"cost"`
	DZ     []Matrix `json:"dZ"`
	DW     []Matrix `json:"dW"`
	DB     []Vector `json:"db"`
	WNext  []Matrix `json:"W_next"`
	BNext  []Vector `json:"b_next"`
	Ops    []Op     `json:"ops"`
	// FirstNonFinite is the index of the first op whose value holds a NaN or
	// an infinity (written as null in JSON), or nil when all are finite.
	FirstNonFinite *int `json:"first_non_finite,omitempty"`
}

// Full is the object nnstep.trace() returns and Export offers: the request
// and its trace together. Posting it to /api/trace replays it, since the
// decoder ignores the response fields.
type Full struct {
	Request
	*Trace
}

// tex fills every %d of format with the layer number l.
func tex(format string, l int) string {
	return strings.ReplaceAll(format, "%d", strconv.Itoa(l))
}

// Run performs one forward pass, cost, backward pass and update of net on
// the batch (x, y) with learning rate eta, recording every operation. net is
// not modified: the updated parameters are in W_next and b_next. The passes
// are training's own (nn.Forward, nn.Backward, nn.Update), told to a
// recorder that turns each matrix into an op.
func Run(net *nn.Network, x, y *mat.Dense, eta float64) *Trace {
	net = net.Clone()
	L := net.L()
	p := nn.NewPass(net)
	r := &recorder{t: &Trace{Format: Format}, net: net, p: p, y: y, eta: eta}
	p.Rec = r

	net.Forward(p, x)

	// Cost: per example, then averaged.
	costs := net.PerExampleCost(p, y)
	ci := mat.New(1, len(costs))
	copy(ci.Data, costs)
	r.add(Cost, L, ref(SymCi, 0), []Ref{ref("A", L), ref(SymY, 0)}, `C_i = `+indexTeX(net.Loss.TeX, L), "",
		lossNumPy(net.Loss.NumPyCi, L), ci)
	c := net.Cost(p, y)
	r.add(Cost, L, ref(SymC, 0), []Ref{ref(SymCi, 0)}, `C = \frac{1}{m} \sum_{i=1}^{m} C_i`, "",
		py("np.mean(", ref(SymCi, 0), ")"), mat.Col([]float64{c}))

	net.Backward(p, y)
	net.Update(p, eta)

	t := r.t
	t.Cost = Scalar(c)
	for l := 0; l <= L; l++ {
		t.A = append(t.A, rows(p.A[l]))
	}
	for l := 0; l < L; l++ {
		t.Z = append(t.Z, rows(p.Z[l]))
		t.DZ = append(t.DZ, rows(p.DZ[l]))
		t.DW = append(t.DW, rows(p.DW[l]))
		t.DB = append(t.DB, flat(p.DB[l]))
		t.WNext = append(t.WNext, rows(net.W[l]))
		t.BNext = append(t.BNext, flat(net.B[l]))
	}
	return t
}

// recorder turns the matrices the passes compute (nn.Recorder) into the
// trace's ops, each with its operands, its formula and its chain rule.
type recorder struct {
	t   *Trace
	net *nn.Network
	p   *nn.Pass
	y   *mat.Dense
	eta float64
}

// add appends one op; its value is kept only when no field of the trace
// holds the matrix (docs/api.md, "Trace format").
func (r *recorder) add(phase string, layer int, result Ref, operands []Ref, latex, chain, numpy string, v *mat.Dense) {
	t := r.t
	op := Op{Index: len(t.Ops), Phase: phase, Layer: layer, Result: result,
		Operands: operands, LaTeX: latex, Chain: chain, NumPy: numpy}
	if f, _ := result.Field(); f == "" {
		op.Value = rows(v)
	}
	t.Ops = append(t.Ops, op)
	if t.FirstNonFinite == nil && v.FirstNonFinite() >= 0 {
		i := len(t.Ops) - 1
		t.FirstNonFinite = &i
	}
}

// Record implements nn.Recorder.
func (r *recorder) Record(q nn.Quantity, l int, v *mat.Dense) {
	name := ref
	switch q {
	case nn.QZ:
		r.add(Forward, l, name("Z", l), []Ref{name("W", l), name("A", l-1), name("b", l)},
			fmt.Sprintf(`Z^{[%d]} = W^{[%d]} \cdot A^{[%d]} + b^{[%d]}`, l, l, l-1, l), "",
			py(name("W", l), " @ ", name("A", l-1), " + ", name("b", l)), v)
	case nn.QA:
		r.add(Forward, l, name("A", l), []Ref{name("Z", l)},
			fmt.Sprintf(`A^{[%d]} = %s^{[%d]}(Z^{[%d]})`, l, r.net.Act[l-1].TeXName(), l, l), "",
			actNumPy(r.net.Act[l-1], l, false), v)
	case nn.QDZ:
		if l == r.net.L() {
			r.outputDZ(l, v)
			return
		}
		k := l
		r.add(Backward, k, name("dZ", k), []Ref{name("dA", k), primeName(k)},
			tex(`dZ^{[%d]} = dA^{[%d]} * \sigma'^{[%d]}(Z^{[%d]})`, k),
			fmt.Sprintf(`\frac{\partial C_i}{\partial Z^{[%d]}} = \frac{\partial C_i}{\partial Z^{[%d]}} \cdot \frac{\partial Z^{[%d]}}{\partial A^{[%d]}} \cdot \frac{\partial A^{[%d]}}{\partial Z^{[%d]}}`, k, k+1, k+1, k, k, k),
			py(name("dA", k), " * ", primeName(k)), v)
	case nn.QDW:
		r.add(Backward, l, name("dW", l), []Ref{name("dZ", l), name("A", l-1)},
			fmt.Sprintf(`dW^{[%d]} = \frac{1}{m} \, dZ^{[%d]} \cdot A^{[%d]T}`, l, l, l-1),
			tex(`\frac{\partial C}{\partial W^{[%d]}} = \frac{1}{m} \sum_{i=1}^{m} \frac{\partial C_i}{\partial Z^{[%d]}} \cdot \frac{\partial Z^{[%d]}}{\partial W^{[%d]}}`, l),
			py(name("dZ", l), " @ ", name("A", l-1), ".T / m"), v)
	case nn.QDB:
		r.add(Backward, l, name("db", l), []Ref{name("dZ", l)},
			fmt.Sprintf(`db^{[%d]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[%d]}_{:,i}`, l, l),
			tex(`\frac{\partial C}{\partial b^{[%d]}} = \frac{1}{m} \sum_{i=1}^{m} \frac{\partial C_i}{\partial Z^{[%d]}} \cdot \frac{\partial Z^{[%d]}}{\partial b^{[%d]}}`, l),
			py("np.sum(", name("dZ", l), ", axis=1, keepdims=True) / m"), v)
	case nn.QDA:
		k := l
		r.add(Backward, k, name("dA", k), []Ref{name("W", k+1), name("dZ", k+1)},
			fmt.Sprintf(`dA^{[%d]} = W^{[%d]T} \cdot dZ^{[%d]}`, k, k+1, k+1),
			fmt.Sprintf(`\frac{\partial C_i}{\partial A^{[%d]}} = \frac{\partial Z^{[%d]}}{\partial A^{[%d]}}^T \cdot \frac{\partial C_i}{\partial Z^{[%d]}}`, k, k+1, k, k+1),
			py(name("W", k+1), ".T @ ", name("dZ", k+1)), v)
	case nn.QPrime:
		r.add(Backward, l, primeName(l), []Ref{name("Z", l)}, primeTeX(r.net.Act[l-1], l), "",
			actNumPy(r.net.Act[l-1], l, true), v)
	case nn.QW:
		r.add(Update, l, name("W_next", l), []Ref{name("W", l), name("dW", l)},
			fmt.Sprintf(`W^{[%d]} \leftarrow W^{[%d]} - \eta \, dW^{[%d]} \quad (\eta = %g)`, l, l, l, r.eta), "",
			py(name("W", l), " - eta * ", name("dW", l)), v)
	case nn.QB:
		r.add(Update, l, name("b_next", l), []Ref{name("b", l), name("db", l)},
			fmt.Sprintf(`b^{[%d]} \leftarrow b^{[%d]} - \eta \, db^{[%d]} \quad (\eta = %g)`, l, l, l, r.eta), "",
			py(name("b", l), " - eta * ", name("db", l)), v)
	}
}

// outputDZ records the start of the backward pass, dZ[L] (dz), as the
// lecture derives it: first ∂C/∂A[L] (which training skips: the loss's
// DA, computed here for the page only), then, unless the loss gives
// dZ[L] = A[L] − Y at once, σ'(Z[L]) (which Loss.OutputDZ left in the
// pass) or the softmax's Jacobian.
func (r *recorder) outputDZ(L int, dz *mat.Dense) {
	name := ref
	net, p := r.net, r.p
	yl := name("A", L)
	dAL := new(mat.Dense)
	net.Loss.DA(dAL, p.Z[L-1], p.A[L], r.y)
	r.add(Backward, L, name("dA", L), []Ref{yl, name(SymY, 0)},
		fmt.Sprintf(`dA^{[%d]} = \frac{\partial C_i}{\partial A^{[%d]}} = `, L, L)+indexTeX(net.Loss.DATeX, L),
		fmt.Sprintf(`\frac{\partial C_i}{\partial A^{[%d]}}`, L),
		lossNumPy(net.Loss.NumPyDA, L), dAL)
	// dA and dZ are per example: column i is ∂C_i/∂A, ∂C_i/∂Z; the 1/m of
	// the mean C appears in dW and db only.
	dzChain := tex(`\frac{\partial C_i}{\partial Z^{[%d]}} = \frac{\partial C_i}{\partial A^{[%d]}} \cdot \frac{\partial A^{[%d]}}{\partial Z^{[%d]}}`, L)
	out := net.Act[L-1]
	switch {
	case net.Loss.AMinusY:
		r.add(Backward, L, name("dZ", L), []Ref{yl, name(SymY, 0)},
			fmt.Sprintf(`dZ^{[%d]} = A^{[%d]} - Y`, L, L), dzChain,
			py(yl, " - ", name(SymY, 0)), dz)
	case out.IsSoftmax():
		r.add(Backward, L, name("dZ", L), []Ref{yl, name("dA", L)},
			tex(`dZ^{[%d]} = A^{[%d]} * \left(dA^{[%d]} - \textstyle\sum_k A^{[%d]}_k \, dA^{[%d]}_k\right)`, L), dzChain,
			py(yl, " * (", name("dA", L), " - np.sum(", yl, " * ", name("dA", L), ", axis=0, keepdims=True))"), dz)
	default:
		r.add(Backward, L, primeName(L), []Ref{name("Z", L)}, primeTeX(out, L), "",
			actNumPy(out, L, true), p.SP[L-1])
		r.add(Backward, L, name("dZ", L), []Ref{name("dA", L), primeName(L)},
			tex(`dZ^{[%d]} = dA^{[%d]} * \sigma'^{[%d]}(Z^{[%d]})`, L), dzChain,
			py(name("dA", L), " * ", primeName(L)), dz)
	}
}

func primeName(l int) Ref { return ref(SymSigmaPrime, l) }

// primeTeX writes the activation's derivative from the lecture's table in
// matrix form: f(x) becomes A[l] and x becomes Z[l]. Where the table raises
// f(x) or x to a power, the replacement is put in parentheses, since A^{[l]}
// already carries a superscript (A^{[l]}^2 is a TeX error).
func primeTeX(a act.Layer, l int) string {
	d := substitute(a.Func.DTeX, "f(x)", tex("A^{[%d]}", l))
	d = substitute(d, "x", tex("Z^{[%d]}", l))
	if a.Func.Alpha != 0 {
		d += fmt.Sprintf(`\quad (\alpha = %g)`, a.Func.Alpha)
	}
	return tex(`\sigma'^{[%d]}(Z^{[%d]}) = `, l) + d
}

// substitute replaces every old in s by repl, in parentheses when a power
// follows. A one-letter old is replaced only where it stands alone, not
// inside a command or a word (\exp, \max).
func substitute(s, old, repl string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			break
		}
		before, after := s[:i], s[i+len(old):]
		b.WriteString(before)
		s = after
		if len(old) == 1 && (endsWithLetter(before) || startsWithLetter(after)) {
			b.WriteString(old)
			continue
		}
		if strings.HasPrefix(strings.TrimLeft(after, " "), "^") {
			b.WriteString("(" + repl + ")")
		} else {
			b.WriteString(repl)
		}
	}
	b.WriteString(s)
	return b.String()
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func endsWithLetter(s string) bool {
	return s != "" && (isLetterByte(s[len(s)-1]) || s[len(s)-1] == '\\')
}
func startsWithLetter(s string) bool { return s != "" && isLetterByte(s[0]) }

// indexTeX writes the output layer's number into a loss formula's A^{[L]}.
func indexTeX(s string, L int) string {
	return strings.ReplaceAll(s, "{[L]}", "{["+strconv.Itoa(L)+"]}")
}
