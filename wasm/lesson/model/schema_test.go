package model

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSchemaKeysAndDefaults checks that the schema names every key of
// Settings.Map once, in Keys' order, and that its defaults are accepted
// as they are, without a notice.
func TestSchemaKeysAndDefaults(t *testing.T) {
	sc := Schema()
	m := Defaults().Map()
	if len(sc) != len(m) {
		t.Fatalf("schema has %d fields, Settings.Map %d keys", len(sc), len(m))
	}
	kv := map[string]string{}
	for i, f := range sc {
		if f.Key != Keys()[i] {
			t.Errorf("field %d is %q, Keys() says %q", i, f.Key, Keys()[i])
		}
		if f.Default != m[f.Key] {
			t.Errorf("%s: default %q, Defaults() %q", f.Key, f.Default, m[f.Key])
		}
		if f.URL != URLAlways && f.URL != URLChanged {
			t.Errorf("%s: URL rule %q", f.Key, f.URL)
		}
		kv[f.Key] = f.Default
	}
	if _, notices := Apply(Defaults(), kv, 0); len(notices) != 0 {
		t.Fatalf("the schema's defaults give notices %+v", notices)
	}
}

// TestSchemaBoundsMatchApply checks that Apply accepts each number's Min
// and Max and refuses just beyond them: the page's controls, built from
// the schema, offer exactly what Apply takes.
func TestSchemaBoundsMatchApply(t *testing.T) {
	for _, f := range Schema() {
		var in, out []string
		switch f.Kind {
		case "int", "uint":
			in = []string{strconv.FormatFloat(f.Min, 'f', 0, 64), strconv.FormatFloat(f.Max, 'f', 0, 64)}
			out = []string{strconv.FormatFloat(f.Min-1, 'f', 0, 64), strconv.FormatFloat(f.Max+1, 'f', 0, 64)}
		case "float":
			lo := fmtFloat(f.Min)
			if f.MinOpen {
				out = append(out, lo)
			} else {
				in = append(in, lo)
				out = append(out, fmtFloat(f.Min-1e-9))
			}
			in = append(in, fmtFloat(f.Max))
			out = append(out, fmtFloat(f.Max*(1+1e-9)))
		case "layers":
			hidden := func(k int, units int) string {
				parts := []string{"2"}
				for range k {
					parts = append(parts, strconv.Itoa(units))
				}
				return strings.Join(append(parts, "1"), "-")
			}
			in = []string{hidden(int(f.Min), f.UnitsMax), hidden(int(f.Max), f.UnitsMax)}
			out = []string{hidden(int(f.Max)+1, 1), hidden(1, f.UnitsMax+1)}
		case "choice":
			in = f.Choices
			out = []string{"banana"}
		case "acts":
			continue // its count follows layers; TestApplyInvalidFallsBack covers names
		default:
			t.Fatalf("%s: kind %q", f.Key, f.Kind)
		}
		refused := func(v string) bool {
			// dataset=own needs no own points here (Apply falls back to a copy).
			_, notices := Apply(Defaults(), map[string]string{f.Key: v}, 2)
			return slices.ContainsFunc(notices, func(n Notice) bool { return n.Key == f.Key && n.Code != "adjusted" })
		}
		for _, v := range in {
			if refused(v) {
				t.Errorf("%s=%s refused, the schema allows it", f.Key, v)
			}
		}
		for _, v := range out {
			if !refused(v) {
				t.Errorf("%s=%s accepted, outside the schema", f.Key, v)
			}
		}
	}
}
