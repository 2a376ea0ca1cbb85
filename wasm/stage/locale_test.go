package main

import "testing"

func TestLocaleNum(t *testing.T) {
	fr, en := Locale{Decimal: ","}, Locale{Decimal: "."}
	for _, c := range []struct {
		l    Locale
		v    float64
		want string
	}{
		{fr, 0.72594, "0,7259"}, {en, 0.72594, "0.7259"}, {fr, -2.5, "−2,5"},
		{en, 3e-5, "3e−5"}, {fr, -1.25e-10, "−1,25e−10"}, {en, 1234567, "1.235e+6"},
		{en, 12, "12"}, {fr, 0, "0"},
	} {
		if got := c.l.num(c.v, 4); got != c.want {
			t.Errorf("num(%v) in %q = %q, want %q", c.v, c.l.Decimal, got, c.want)
		}
	}
	if got := entryName("W", 1, 2, 13); got != "W[1]₂,₁₃" {
		t.Errorf("entryName = %q", got)
	}
	if got := entryName("b", 2, 1, -1); got != "b[2]₁" {
		t.Errorf("entryName = %q", got)
	}
}
