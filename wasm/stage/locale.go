package main

import (
	"math"
	"strconv"
	"strings"
)

// Locale is what the stage needs to write in the page's language: the
// decimal separator and each activation's label. The page sets it through
// the bridge (setLocale, docs/stage.md) from its own declarations
// (js/number.js DECIMAL, the act.name.* strings of js/i18n.js), so
// the stage declares neither.
type Locale struct {
	Decimal string            `json:"decimal"`
	Acts    map[string]string `json:"acts"`
}

// act is the label of the activation name, or the name itself before the
// page has said.
func (l Locale) act(name string) string {
	if s := l.Acts[name]; s != "" {
		return s
	}
	return name
}

// num writes v for reading, with the same rule as the page's formatReading
// (js/number.js): digits significant digits, an exponent below 1e-4 or
// from 1e6 on, a Unicode minus and the locale's decimal separator. It is
// the stage's one number writer.
func (l Locale) num(v float64, digits int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+∞"
	case math.IsInf(v, -1):
		return "−∞"
	case v == 0:
		return "0"
	}
	var s string
	if a := math.Abs(v); a >= 1e6 || a < 1e-4 {
		s = strconv.FormatFloat(v, 'e', digits-1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		n, _ := strconv.Atoi(exp)
		sign := "+" // as JavaScript's toExponential writes it
		if n < 0 {
			sign = ""
		}
		s = mant + "e" + sign + strconv.Itoa(n)
	} else {
		p, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', digits, 64), 64)
		s = strconv.FormatFloat(p, 'f', -1, 64)
	}
	s = strings.ReplaceAll(s, "-", "−")
	if l.Decimal == "," {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// entryName names an entry of a layer's matrix as the page does
// (js/number.js entryName): W[1]₂,₃ for row 2, column 3, b[1]₂; indices
// from 1. j < 0 names an entry of a vector.
func entryName(matrix string, layer, i, j int) string {
	s := matrix + "[" + strconv.Itoa(layer) + "]" + subscript(i)
	if j >= 0 {
		s += "," + subscript(j)
	}
	return s
}

func subscript(n int) string {
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteRune('₀' + (d - '0'))
	}
	return b.String()
}
