package main

import (
	"fmt"
	"slices"
)

// Sample is a set of measurements of one figure.
type Sample []float64

// Median, Min and Max of the sample; NaN-free input is assumed.
func (s Sample) Median() float64 {
	if len(s) == 0 {
		return 0
	}
	c := slices.Clone(s)
	slices.Sort(c)
	n := len(c)
	if n%2 == 1 {
		return c[n/2]
	}
	return (c[n/2-1] + c[n/2]) / 2
}

func (s Sample) Min() float64 { return slices.Min(s) }
func (s Sample) Max() float64 { return slices.Max(s) }

// Scale returns the sample multiplied by k.
func (s Sample) Scale(k float64) Sample {
	out := make(Sample, len(s))
	for i, v := range s {
		out[i] = v * k
	}
	return out
}

// Inverse returns k/v for every v (a time per unit as a rate).
func (s Sample) Inverse(k float64) Sample {
	out := make(Sample, len(s))
	for i, v := range s {
		out[i] = k / v
	}
	return out
}

// Fmt writes "median (min – max, n runs)" with the given verb.
func (s Sample) Fmt(verb string) string {
	if len(s) == 0 {
		return "not measured"
	}
	if len(s) == 1 {
		return fmt.Sprintf(verb+" (1 run)", s[0])
	}
	return fmt.Sprintf(verb+" ("+verb+" – "+verb+", %d runs)", s.Median(), s.Min(), s.Max(), len(s))
}
