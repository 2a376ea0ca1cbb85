package model

import (
	"maps"
	"net/url"
	"testing"

	"nnstep/core/nn"
)

// FuzzApply feeds arbitrary URL queries to the settings decoder: it never
// panics, the settings it returns always build a network, and writing them
// back to a query and decoding that again gives the same settings with no
// notice (a shared link reproduces the scenario).
func FuzzApply(f *testing.F) {
	for _, q := range []string{
		"", "dataset=xor&layers=2-4-1&act=tanh,sigmoid&play=1",
		"lr=abc&layers=2-0-1&n=-5&batch=0", "layers=2-8-8-8-8-8-8-8-8-8-1&act=relu",
		"dataset=spiral&classes=3&output=multiclass", "noise=NaN&seed=-1&ratio=2",
		"dataset=line&output=regression&lr=1e9", "act=softmax,softmax&layers=2-3-3",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		v, err := url.ParseQuery(q)
		if err != nil {
			return
		}
		kv := map[string]string{}
		for k, vs := range v {
			kv[k] = vs[len(vs)-1]
		}
		s, _ := Apply(Defaults(), kv, 0)
		if _, err := nn.New(s.Layers, s.Act, s.Loss()); err != nil {
			t.Fatalf("query %q gave settings that build no network: %v", q, err)
		}
		again, notes := Apply(Defaults(), s.Map(), 0)
		if len(notes) != 0 {
			t.Fatalf("query %q: its own state %v re-reads with notices %+v", q, s.Map(), notes)
		}
		if !maps.Equal(again.Map(), s.Map()) {
			t.Fatalf("query %q: state %v re-reads as %v", q, s.Map(), again.Map())
		}
	})
}

// FuzzParseCSV feeds arbitrary text to the own-data CSV reader: it never
// panics, and whatever it accepts is a valid set of finite points with at
// least two classes.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"x1,x2,label\n0.1,0.2,0\n-0.3,0.4,1\n", "1;2;0\n3;4;1", "a,b,c\n1,2", "",
		"0.1,0.2,0\n0.3,NaN,1\n", "1e999,0,0\n0,0,1\n", "\ufeffx1,x2,label\r\n0,0,0\r\n1,1,2\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		set, err := ParseCSV(text)
		if err != nil {
			return
		}
		if set.X.Cols == 0 || set.X.Cols != set.Y.Cols || set.Classes < 2 {
			t.Fatalf("accepted %q as %d points, %d classes", text, set.X.Cols, set.Classes)
		}
		if i := set.X.FirstNonFinite(); i >= 0 {
			t.Fatalf("accepted %q with a non-finite coordinate", text)
		}
	})
}
