package numpy

import (
	"strconv"
	"strings"
	"unicode"
)

// Limits of an expression: its length and how deep it nests, so that any
// input costs little to parse.
const (
	MaxLength = 1000
	MaxDepth  = 64
)

// node is a parsed expression.
type node interface{}

type (
	numLit struct {
		v     float64
		isInt bool
	}
	nameRef struct{ name string }
	unary   struct {
		op string
		x  node
	}
	binary struct {
		op   string
		x, y node
	}
	compare struct { // a < b <= c: Python's chained comparison
		ops   []string
		terms []node
	}
	attr struct {
		x    node
		name string
	}
	call struct {
		fn     node
		args   []node
		kwargs []kwarg
	}
	kwarg struct {
		name string
		v    node
	}
)

type token struct {
	kind string // "num", "name", "op", "end"
	text string
	pos  int
}

func lex(src string) ([]token, error) {
	var out []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' || src[j] == '_') {
				j++
			}
			if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
				k := j + 1
				if k < len(src) && (src[k] == '+' || src[k] == '-') {
					k++
				}
				if k < len(src) && src[k] >= '0' && src[k] <= '9' {
					for j = k; j < len(src) && src[j] >= '0' && src[j] <= '9'; j++ {
					}
				}
			}
			if j < len(src) && (isNameByte(src[j])) {
				return nil, syntaxError(src, j, "invalid decimal literal")
			}
			out = append(out, token{"num", src[i:j], i})
			i = j
		case isNameByte(c) && !(c >= '0' && c <= '9'):
			j := i
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			out = append(out, token{"name", src[i:j], i})
			i = j
		default:
			op := ""
			for _, o := range []string{"**", "<=", ">=", "==", "!=", "+", "-", "*", "/", "@", "(", ")", ",", ".", "<", ">", "=", "[", "]"} {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				r := []rune(src[i:])[0]
				if unicode.IsPrint(r) {
					return nil, syntaxError(src, i, "invalid character '"+string(r)+"'")
				}
				return nil, syntaxError(src, i, "invalid non-printable character")
			}
			out = append(out, token{"op", op, i})
			i += len(op)
		}
	}
	return append(out, token{"end", "", len(src)}), nil
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func syntaxError(src string, pos int, msg string) error {
	return errorf("SyntaxError", "%s (at character %d)", msg, pos+1)
}

type parser struct {
	src   string
	toks  []token
	i     int
	depth int
}

// parse reads a whole expression.
func parse(src string) (node, error) {
	if len(src) > MaxLength {
		return nil, errorf("SyntaxError", "the expression is longer than %d characters", MaxLength)
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	if p.peek().kind == "end" {
		return nil, errorf("SyntaxError", "invalid syntax: the expression is empty")
	}
	n, err := p.comparison()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != "end" {
		return nil, p.unexpected(t)
	}
	return n, nil
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) isOp(ops ...string) bool {
	t := p.peek()
	if t.kind != "op" {
		return false
	}
	for _, o := range ops {
		if t.text == o {
			return true
		}
	}
	return false
}

func (p *parser) unexpected(t token) error {
	switch {
	case t.kind == "end":
		return syntaxError(p.src, t.pos, "invalid syntax: the expression ends too early")
	case t.text == "[" || t.text == "]":
		return syntaxError(p.src, t.pos, "indexing (a[…]) is not part of what this page evaluates")
	case t.text == "=":
		return syntaxError(p.src, t.pos, "invalid syntax: write an expression, not an assignment")
	}
	return syntaxError(p.src, t.pos, "invalid syntax near '"+t.text+"'")
}

func (p *parser) enter() error {
	if p.depth++; p.depth > MaxDepth {
		return errorf("SyntaxError", "the expression nests deeper than %d levels", MaxDepth)
	}
	return nil
}

func (p *parser) comparison() (node, error) {
	x, err := p.sum()
	if err != nil {
		return nil, err
	}
	c := &compare{terms: []node{x}}
	for p.isOp("<", "<=", ">", ">=", "==", "!=") {
		c.ops = append(c.ops, p.next().text)
		y, err := p.sum()
		if err != nil {
			return nil, err
		}
		c.terms = append(c.terms, y)
	}
	if len(c.ops) == 0 {
		return x, nil
	}
	return c, nil
}

func (p *parser) sum() (node, error) {
	x, err := p.term()
	for err == nil && p.isOp("+", "-") {
		op := p.next().text
		var y node
		if y, err = p.term(); err == nil {
			x = &binary{op, x, y}
		}
	}
	return x, err
}

func (p *parser) term() (node, error) {
	x, err := p.factor()
	for err == nil && p.isOp("*", "/", "@") {
		op := p.next().text
		var y node
		if y, err = p.factor(); err == nil {
			x = &binary{op, x, y}
		}
	}
	return x, err
}

func (p *parser) factor() (node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if p.isOp("-", "+") {
		op := p.next().text
		x, err := p.factor()
		if err != nil {
			return nil, err
		}
		return &unary{op, x}, nil
	}
	return p.power()
}

// power: a ** b binds tighter than a unary minus on its left and takes a
// signed factor on its right (-x**2 is -(x**2); 2**-1 is 0.5).
func (p *parser) power() (node, error) {
	x, err := p.primary()
	if err != nil || !p.isOp("**") {
		return x, err
	}
	p.next()
	y, err := p.factor()
	if err != nil {
		return nil, err
	}
	return &binary{"**", x, y}, nil
}

func (p *parser) primary() (node, error) {
	x, err := p.atom()
	for err == nil {
		switch {
		case p.isOp("."):
			p.next()
			t := p.next()
			if t.kind != "name" {
				return nil, p.unexpected(t)
			}
			x = &attr{x, t.text}
		case p.isOp("("):
			p.next()
			x, err = p.callArgs(x)
		case p.isOp("["):
			return nil, p.unexpected(p.peek())
		default:
			return x, nil
		}
	}
	return nil, err
}

func (p *parser) callArgs(fn node) (node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	c := &call{fn: fn}
	for !p.isOp(")") {
		if t := p.peek(); t.kind == "name" && p.toks[p.i+1].text == "=" {
			p.i += 2
			v, err := p.comparison()
			if err != nil {
				return nil, err
			}
			c.kwargs = append(c.kwargs, kwarg{t.text, v})
		} else {
			if len(c.kwargs) > 0 {
				return nil, syntaxError(p.src, t.pos, "positional argument follows keyword argument")
			}
			v, err := p.comparison()
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, v)
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if !p.isOp(")") {
		return nil, p.unexpected(p.peek())
	}
	p.next()
	return c, nil
}

func (p *parser) atom() (node, error) {
	t := p.next()
	switch {
	case t.kind == "num":
		s := strings.ReplaceAll(t.text, "_", "")
		if !strings.ContainsAny(s, ".eE") {
			v, err := strconv.ParseInt(s, 10, 64)
			if err == nil && (len(s) == 1 || s[0] != '0') {
				return &numLit{float64(v), true}, nil
			}
			if err == nil {
				return nil, syntaxError(p.src, t.pos, "leading zeros in decimal integer literals are not permitted")
			}
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, syntaxError(p.src, t.pos, "invalid decimal literal")
		}
		return &numLit{v, false}, nil
	case t.kind == "name":
		return &nameRef{t.text}, nil
	case t.kind == "op" && t.text == "(":
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		x, err := p.comparison()
		if err != nil {
			return nil, err
		}
		if !p.isOp(")") {
			return nil, p.unexpected(p.peek())
		}
		p.next()
		return x, nil
	}
	return nil, p.unexpected(t)
}
