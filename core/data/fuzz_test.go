package data

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"testing"
)

// invalidField says, independently of Generate, which field of s is the
// first invalid one, or "" when s is valid.
func invalidField(s Spec) string {
	switch {
	case !slices.Contains([]string{"linear", "moons", "circles", "xor", "gauss", "spiral", "line", "plane", "bumps"}, s.Name):
		return "name"
	case s.N < 1 || s.N > 1024:
		return "n"
	case math.IsNaN(s.Noise) || s.Noise < 0 || s.Noise > 1:
		return "noise"
	case s.Name == "gauss" || s.Name == "spiral":
		if s.Classes != 0 && (s.Classes < 2 || s.Classes > 8) {
			return "classes"
		}
	case s.Classes != 0 && s.Classes != 2:
		return "classes"
	}
	return ""
}

// FuzzGenerate checks that Generate never panics and returns either a
// *FieldError naming the first bad field or a valid set, and that Split
// partitions that set.
func FuzzGenerate(f *testing.F) {
	for _, s := range specs(13) {
		f.Add(s.Name, s.N, s.Noise, s.Seed, s.Classes, 0.2)
	}
	f.Add("moons", 0, 0.1, uint64(1), 0, 0.5)
	f.Add("moons", 1025, 0.1, uint64(1), 0, 0.5)
	f.Add("gauss", 1024, math.NaN(), uint64(1), 9, math.NaN())
	f.Add("spiral", 1024, 1.0, uint64(math.MaxUint64), 8, 2.0)
	f.Add("", -1, math.Inf(-1), uint64(0), -1, -1.0)
	f.Fuzz(func(t *testing.T, name string, n int, noise float64, seed uint64, classes int, fraction float64) {
		s := Spec{Name: name, N: n, Noise: noise, Seed: seed, Classes: classes}
		set, err := Generate(s)
		want := invalidField(s)
		if want != "" {
			var fe *FieldError
			if set != nil || !errors.As(err, &fe) || fe.Field != want {
				t.Fatalf("Generate(%+v) = %v, %v; want a %q error", s, set, err, want)
			}
			return
		}
		if err != nil {
			t.Fatalf("Generate(%+v): %v", s, err)
		}
		checkSet(t, s, set)
		train, test := set.Split(fraction, seed)
		if train.N()+test.N() != n || train.N() < 1 {
			t.Fatalf("Split(%v) of %d: %d + %d", fraction, n, train.N(), test.N())
		}
		if f := float64(test.N()) / float64(n); f > MaxTestFraction+0.5/float64(n)+1e-12 {
			t.Fatalf("Split(%v) of %d put %d in test", fraction, n, test.N())
		}
		seen := map[[2]uint64]int{}
		for _, part := range []*Set{set, train, test} {
			for j := range part.N() {
				var key [2]uint64
				for i := range part.X.Rows {
					key[i] = math.Float64bits(part.X.At(i, j))
				}
				if part == set {
					seen[key]++
				} else {
					seen[key]--
				}
			}
		}
		for key, c := range seen {
			if c != 0 {
				t.Fatalf("Split(%v): point %v appears %d times more in the set than in train ∪ test", fraction, key, c)
			}
		}
	})
}

// FuzzFromPoints checks that FromPoints never panics and returns either an
// error or a consistent set. The points come from bytes (8 for x1, 8 for
// x2, 1 for the label, all arbitrary), read n times round the input, so that
// a set of more than MaxN points, or lists of different lengths (short > 0
// drops the last labels), need only a few bytes. Reading the input once, as
// this target did at first, made the fuzzer keep inputs of more than 1,024
// points (17 kB) for the coverage of the n > MaxN error, and minimising
// one tries on the order of len² shorter inputs: the worker reported no
// progress until its -fuzzminimizetime ran out, and a short run ended with
// "context deadline exceeded".
func FuzzFromPoints(f *testing.F) {
	point := func(x1, x2 float64, label int8) []byte {
		b := binary.LittleEndian.AppendUint64(nil, math.Float64bits(x1))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x2))
		return append(b, byte(label))
	}
	two := append(point(0.1, 0.2, 0), point(-0.3, 0.4, 1)...)
	f.Add(two, uint16(2), uint8(0))
	f.Add(append(point(0.1, 0.2, 7), point(-0.3, 0.4, 1)...), uint16(2), uint8(0))
	f.Add(append(point(math.NaN(), 0.2, 0), point(-0.3, 0.4, 1)...), uint16(2), uint8(0))
	f.Add(append(point(0.1, 0.2, -1), point(-0.3, 0.4, 1)...), uint16(2), uint8(0))
	f.Add(point(0.1, 0.2, 0), uint16(1), uint8(0))
	f.Add(two, uint16(MaxN), uint8(0))
	f.Add(two, uint16(MaxN+1), uint8(0))
	f.Add(two, uint16(3), uint8(1))
	f.Add([]byte{}, uint16(0), uint8(0))
	f.Fuzz(func(t *testing.T, b []byte, n uint16, short uint8) {
		var x1, x2 []float64
		var labels []int
		if len(b) >= 17 {
			whole := len(b) / 17 * 17
			for i := range int(n) {
				p := b[i*17%whole:]
				x1 = append(x1, math.Float64frombits(binary.LittleEndian.Uint64(p)))
				x2 = append(x2, math.Float64frombits(binary.LittleEndian.Uint64(p[8:])))
				labels = append(labels, int(int8(p[16])))
			}
		}
		labels = labels[:max(0, len(labels)-int(short))]
		set, err := FromPoints(x1, x2, labels)
		if m := len(x1); (len(labels) != m || m < 1 || m > MaxN) && err == nil {
			t.Fatalf("accepted %d points with %d labels", m, len(labels))
		}
		if err != nil {
			if set != nil {
				t.Fatal("a set and an error")
			}
			return
		}
		k := slices.Max(labels) + 1
		if set.Classes != k || k > MaxClasses || slices.Min(labels) < 0 || !slices.Equal(set.Labels, labels) {
			t.Fatalf("labels %v gave Classes %d, Labels %v", labels, set.Classes, set.Labels)
		}
		if c := slices.Compact(slices.Sorted(slices.Values(labels))); len(c) < 2 {
			t.Fatalf("accepted a single class %v", c)
		}
		if set.X.FirstNonFinite() >= 0 || !slices.Equal(set.X.Row(0), x1) || !slices.Equal(set.X.Row(1), x2) {
			t.Fatalf("X = %v from %v, %v", set.X, x1, x2)
		}
		if !slices.Equal(LabelsOf(set.Y), labels) || (k == 2) != (set.Y.Rows == 1) || (k > 2 && set.Y.Rows != k) {
			t.Fatalf("Y %s does not encode %v", set.Y.Shape(), labels)
		}
	})
}
