package trace

import (
	"fmt"
	"testing"

	"nnstep/core/act"
	"nnstep/core/mat"
	"nnstep/core/nn"
)

// texProblem returns what is wrong with the TeX source s for KaTeX's
// parser, as far as this check sees: unbalanced braces, or a double
// superscript or subscript (x^{a}^{b}, which KaTeX rejects with "Double
// superscript"). "" when it sees nothing wrong. The browser test
// (site/e2e, TestLessonEveryFormulaRenders) typesets the same formulas
// with KaTeX itself; this check runs without a browser.
func texProblem(s string) string {
	depth := 0
	// last[d] is the script ('^' or '_') that ended last at depth d, with
	// nothing but spaces after it.
	last := map[int]byte{}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			delete(last, depth)
			i++ // a command or an escaped character
			for i+1 < len(s) && isLetterByte(s[i]) && isLetterByte(s[i+1]) {
				i++
			}
		case '{':
			delete(last, depth)
			depth++
		case '}':
			depth--
			if depth < 0 {
				return fmt.Sprintf("unbalanced } at byte %d", i)
			}
			delete(last, depth+1)
		case ' ':
		case '^', '_':
			if last[depth] == c {
				return fmt.Sprintf("double %c at byte %d", c, i)
			}
			// Skip the script's argument: a group, a command or a character.
			j := i + 1
			for j < len(s) && s[j] == ' ' {
				j++
			}
			switch {
			case j >= len(s):
				return fmt.Sprintf("%c with no argument at the end", c)
			case s[j] == '{':
				d := 0
				for ; j < len(s); j++ {
					if s[j] == '{' {
						d++
					} else if s[j] == '}' {
						if d--; d == 0 {
							break
						}
					}
				}
				if d != 0 {
					return fmt.Sprintf("unbalanced { after %c at byte %d", c, i)
				}
			case s[j] == '\\':
				j++
				for j+1 < len(s) && isLetterByte(s[j+1]) {
					j++
				}
			}
			i = j
			last[depth] = c
		default:
			delete(last, depth)
		}
	}
	if depth != 0 {
		return "unbalanced {"
	}
	return ""
}

func TestTexProblemCatches(t *testing.T) {
	for s, bad := range map[string]bool{
		`1 - A^{[2]}^2`:                       true,
		`\frac{1}{Z^{[1]}^2 + 1}`:             true,
		`x_{i}_{j}`:                           true,
		`{x`:                                  true,
		`x}`:                                  true,
		`1 - (A^{[2]})^2`:                     false,
		`A^{[2]}_k`:                           false,
		`\sigma'^{[1]}(Z^{[1]})`:              false,
		`\frac{1}{1 + e^{-Z^{[1]}}}`:          false,
		`W^{[2]T} \cdot dZ^{[2]}`:             false,
		`\sum_{i=1}^{m} dZ^{[1]}_{:,i}`:       false,
		`{A^{[2]}}^2`:                         false,
		`\begin{cases} 0 & x < 0 \end{cases}`: false,
	} {
		if got := texProblem(s) != ""; got != bad {
			t.Errorf("texProblem(%q) = %q, want a problem: %v", s, texProblem(s), bad)
		}
	}
}

// outputs are the three output layers of the page: binary (sigmoid, bce),
// multi-class (softmax, cce) and regression (any activation, mse).
var outputs = []struct {
	name, act, loss string
	units           int
}{
	{"binary", "sigmoid", "bce", 1},
	{"multi", act.Softmax, "cce", 3},
	{"regression", "", "mse", 1}, // "": the hidden activation again
}

// Every op's formula and chain rule, for every activation in the hidden
// layers and in a regression output, for each output type.
func TestEveryFormulaWellFormed(t *testing.T) {
	for _, h := range act.Names() {
		for _, o := range outputs {
			out := o.act
			if out == "" {
				out = h
			}
			layers := []int{2, 3, 2, o.units}
			net, err := nn.New(layers, []string{h, h, out}, o.loss)
			if err != nil {
				t.Fatal(err)
			}
			net.Init(1)
			x := mat.New(2, 2)
			copy(x.Data, []float64{0.5, -1, 0.25, 2})
			y := mat.New(o.units, 2)
			y.Set(0, 0, 1)
			y.Set(o.units-1, 1, 1)
			tr := Run(net, x, y, 0.1)
			for _, op := range tr.Ops {
				for _, s := range []string{op.LaTeX, op.Chain} {
					if p := texProblem(s); p != "" {
						t.Errorf("%s, %s output, op %d (%s): %s in %q", h, o.name, op.Index, op.Result, p, s)
					}
				}
			}
		}
	}
}

func TestSubstitute(t *testing.T) {
	for _, c := range [][4]string{
		{`1 - f(x)^2`, "f(x)", "A^{[1]}", `1 - (A^{[1]})^2`},
		{`f(x)(1 - f(x))`, "f(x)", "A^{[1]}", `A^{[1]}(1 - A^{[1]})`},
		{`\frac{1}{x^2 + 1}`, "x", "Z^{[2]}", `\frac{1}{(Z^{[2]})^2 + 1}`},
		{`\exp(x) + \max(x, 0) + e^{-x}`, "x", "Z", `\exp(Z) + \max(Z, 0) + e^{-Z}`},
	} {
		if got := substitute(c[0], c[1], c[2]); got != c[3] {
			t.Errorf("substitute(%q, %q, %q) = %q, want %q", c[0], c[1], c[2], got, c[3])
		}
	}
}
