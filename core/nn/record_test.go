package nn

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"nnstep/core/mat"
	"nnstep/core/num"
)

// recording records what a pass tells its Recorder, and checks each matrix is
// the pass's own at that moment (a copy of it is compared at the end).
type recording struct {
	order []string
	kept  map[string]*mat.Dense
}

func (l *recording) Record(q Quantity, layer int, v *mat.Dense) {
	name := fmt.Sprintf("%s[%d]", [...]string{"Z", "A", "dZ", "dW", "db", "dA", "σ'", "W", "b"}[q], layer)
	l.order = append(l.order, name)
	c := new(mat.Dense)
	c.Copy(v)
	l.kept[name] = c
}

// A recorded pass tells every matrix once, in the lecture's order (slides
// 29–38), each as it is when computed; the numbers are training's.
func TestRecorderSeesThePassInTheLecturesOrder(t *testing.T) {
	net, _ := New([]int{2, 3, 3, 1}, []string{"tanh", "relu", "sigmoid"}, "bce")
	net.Init(3)
	x, y := randomProblem(num.NewRand(4), net.Sizes, "bce", 5)
	rec := &recording{kept: map[string]*mat.Dense{}}
	p := NewPass(net)
	p.Rec = rec
	net.Forward(p, x)
	net.Backward(p, y)
	net.Update(p, 0.5)
	want := "Z[1] A[1] Z[2] A[2] Z[3] A[3] " +
		"dZ[3] dW[3] db[3] dA[2] σ'[2] dZ[2] dW[2] db[2] dA[1] σ'[1] dZ[1] dW[1] db[1] " +
		"W[3] b[3] W[2] b[2] W[1] b[1]"
	if got := strings.Join(rec.order, " "); got != want {
		t.Fatalf("recorded\n  %s\nwant\n  %s", got, want)
	}
	// The same step without a recorder gives the same bits.
	plain, _ := New([]int{2, 3, 3, 1}, []string{"tanh", "relu", "sigmoid"}, "bce")
	plain.Init(3)
	q := NewPass(plain)
	plain.Forward(q, x)
	plain.Backward(q, y)
	plain.Update(q, 0.5)
	for l := 1; l <= 3; l++ {
		for name, m := range map[string]*mat.Dense{
			fmt.Sprintf("Z[%d]", l): q.Z[l-1], fmt.Sprintf("A[%d]", l): q.A[l],
			fmt.Sprintf("dZ[%d]", l): q.DZ[l-1], fmt.Sprintf("dW[%d]", l): q.DW[l-1],
			fmt.Sprintf("W[%d]", l): plain.W[l-1], fmt.Sprintf("b[%d]", l): plain.B[l-1],
		} {
			for i, v := range m.Data {
				if math.Float64bits(v) != math.Float64bits(rec.kept[name].Data[i]) {
					t.Fatalf("%s[%d]: recorded %v, training %v", name, i, rec.kept[name].Data[i], v)
				}
			}
		}
	}
}
