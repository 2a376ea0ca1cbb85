package data

import (
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.json from this machine's output")

const goldenFile = "golden.json"

// goldenCase is one Spec with its first three points, written bit for bit
// (strconv 'g', -1), and an FNV-1a hash of the bits of all of X and Y.
type goldenCase struct {
	Spec   Spec          `json:"spec"`
	Points []goldenPoint `json:"points"`
	Hash   string        `json:"hash"`
}

type goldenPoint struct {
	X     []string `json:"x"`
	Y     []string `json:"y"`
	Label *int     `json:"label,omitempty"`
}

// goldenSpecs lists the cases; the first is the lecture's reference, moons
// with n=100, noise 0.1, seed 1.
func goldenSpecs() []Spec {
	out := []Spec{{Name: "moons", N: 100, Noise: 0.1, Seed: 1}}
	for _, name := range Names() {
		out = append(out, Spec{Name: name, N: 200, Noise: 0.2, Seed: 7})
	}
	return append(out,
		Spec{Name: "gauss", N: 1024, Noise: 1, Seed: 3, Classes: 5},  // rescaled
		Spec{Name: "spiral", N: 1024, Noise: 1, Seed: 3, Classes: 8}, // rescaled
		Spec{Name: "bumps", N: 1024, Noise: 1, Seed: 3},
	)
}

func bits(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func column(m []float64, rows, cols, j int) []string {
	out := make([]string, rows)
	for i := range out {
		out[i] = bits(m[i*cols+j])
	}
	return out
}

func goldenOf(t *testing.T, s Spec) goldenCase {
	t.Helper()
	set, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	c := goldenCase{Spec: s}
	for j := range min(3, set.N()) {
		p := goldenPoint{
			X: column(set.X.Data, set.X.Rows, set.X.Cols, j),
			Y: column(set.Y.Data, set.Y.Rows, set.Y.Cols, j),
		}
		if set.Labels != nil {
			p.Label = &set.Labels[j]
		}
		c.Points = append(c.Points, p)
	}
	h := fnv.New64a()
	for _, v := range append(append([]float64(nil), set.X.Data...), set.Y.Data...) {
		var b [8]byte
		u := math.Float64bits(v)
		for i := range b {
			b[i] = byte(u >> (8 * i))
		}
		h.Write(b[:])
	}
	c.Hash = fmt.Sprintf("%016x", h.Sum64())
	return c
}

// TestGolden pins the exact bits of a few datasets. Run natively with
// -update to rewrite testdata/golden.json; under GOOS=js GOARCH=wasm it
// checks that the browser computes the same numbers.
func TestGolden(t *testing.T) {
	var got []goldenCase
	for _, s := range goldenSpecs() {
		got = append(got, goldenOf(t, s))
	}
	path := filepath.Join("testdata", goldenFile)
	if *update {
		b, err := json.MarshalIndent(got, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
	}
	var want []goldenCase
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Fatalf("%s has %d cases, the test makes %d", path, len(want), len(got))
	}
	if s := want[0].Spec; s != (Spec{Name: "moons", N: 100, Noise: 0.1, Seed: 1}) || len(want[0].Points) != 3 {
		t.Fatalf("%s does not start with the first 3 points of moons n=100 noise 0.1 seed 1", path)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.Marshal(got[i])
			w, _ := json.Marshal(want[i])
			t.Errorf("case %d differs from %s:\n got %s\nwant %s", i, path, g, w)
		}
	}
}
