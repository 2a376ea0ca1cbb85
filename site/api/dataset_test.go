package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"nnstep/core/data"
)

// getDataset answers GET /api/dataset?query.
func getDataset(t *testing.T, query string) ([]byte, int, string) {
	t.Helper()
	rec := serve(t, http.MethodGet, DatasetPath+"?"+query, nil)
	if rec.Code != http.StatusOK {
		return rec.Body.Bytes(), rec.Code, errorOf(t, rec)
	}
	checkHeaders(t, rec, cacheable)
	return rec.Body.Bytes(), rec.Code, ""
}

func TestDatasetShapes(t *testing.T) {
	for _, name := range data.Names() {
		for _, k := range []int{2, 3} {
			if k == 3 && name != "gauss" && name != "spiral" {
				continue
			}
			const n = 37
			query := fmt.Sprintf("name=%s&n=%d&noise=0.2&seed=7&classes=%d", name, n, k)
			body, status, msg := getDataset(t, query)
			if status != http.StatusOK {
				t.Fatalf("%s: status %d: %s", query, status, msg)
			}
			var got map[string][][]float64
			if err := json.Unmarshal(body, &got); err != nil || len(got) != 2 {
				t.Fatalf("%s: body %.100s is not {X, Y}: %v", query, body, err)
			}
			wantX, wantY := 2, 1
			switch {
			case name == "line":
				wantX = 1
			case k > 2:
				wantY = k
			}
			checkShape(t, query+" X", got["X"], wantX, n)
			checkShape(t, query+" Y", got["Y"], wantY, n)

			// The very points of core/data.
			set, err := data.Generate(data.Spec{Name: name, N: n, Noise: 0.2, Seed: 7, Classes: k})
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(map[string][][]float64{"X": set.X.ToRows(), "Y": set.Y.ToRows()})
			if !bytes.Equal(body, want) {
				t.Errorf("%s: body differs from data.Generate", query)
			}
		}
	}
}

func checkShape(t *testing.T, what string, m [][]float64, rows, cols int) {
	t.Helper()
	if len(m) != rows {
		t.Fatalf("%s: %d rows, want %d", what, len(m), rows)
	}
	for i, r := range m {
		if len(r) != cols {
			t.Fatalf("%s: row %d has %d values, want %d", what, i, len(r), cols)
		}
	}
}

func TestDatasetDefaults(t *testing.T) {
	body, status, msg := getDataset(t, "")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, msg)
	}
	set, _ := data.Generate(data.Spec{Name: "circles", N: 200, Noise: 0.1, Seed: 1})
	want, _ := json.Marshal(map[string][][]float64{"X": set.X.ToRows(), "Y": set.Y.ToRows()})
	if !bytes.Equal(body, want) {
		t.Error("no parameters is not name=circles, n=200, noise=0.1, seed=1")
	}
	explicit, _, _ := getDataset(t, "seed=1&noise=0.1&n=200&name=circles&classes=2&")
	if !bytes.Equal(body, explicit) {
		t.Error("explicit defaults (in another order, with a trailing &) give other bytes")
	}
}

func TestDatasetDeterministic(t *testing.T) {
	for _, q := range []string{"name=spiral&classes=5&n=300&noise=0.3&seed=42", "name=bumps&n=50&noise=1&seed=18446744073709551615"} {
		a, _, _ := getDataset(t, q)
		b, _, _ := getDataset(t, q)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two answers differ", q)
		}
		c, _, _ := getDataset(t, strings.Replace(q, "seed=", "seed=1", 1))
		if bytes.Equal(a, c) {
			t.Errorf("%s: another seed gives the same points", q)
		}
	}
}

func TestDatasetHead(t *testing.T) {
	rec := serve(t, http.MethodHead, DatasetPath+"?name=circles", nil)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Fatalf("status %d, body %q", rec.Code, rec.Body)
	}
	if rec.Header().Get("Content-Length") != "" || rec.Header().Get("Cache-Control") != cacheable {
		t.Errorf("headers %v", rec.Header())
	}
}

func TestDatasetBadParams(t *testing.T) {
	cases := []struct{ query, want string }{
		{"name=banana", `name: must be one of`},
		{"name=", `name: must be one of`},
		{"name=Moons", `got "Moons"`},
		{"name=moons&name=xor", "name: given 2 times"},
		{"name=moons&n=abc", `n: want a whole number between 1 and 1024, got "abc"`},
		{"name=moons&n=", `n: want a whole number`},
		{"name=moons&n=1.5", `n: want a whole number`},
		{"name=moons&n=0", "n: must be between 1 and 1024, got 0"},
		{"name=moons&n=-3", "n: must be between 1 and 1024, got -3"},
		{"name=moons&n=1025", "n: must be between 1 and 1024, got 1025"},
		{"name=moons&n=99999999999999999999", "n: want a whole number"},
		{"name=moons&n=5&n=6", "n: given 2 times"},
		{"name=moons&noise=lots", `noise: want a number between 0 and 1, got "lots"`},
		{"name=moons&noise=-0.1", "noise: must be between 0 and 1, got -0.1"},
		{"name=moons&noise=1.5", "noise: must be between 0 and 1"},
		{"name=moons&noise=NaN", "noise: must be between 0 and 1, got NaN"},
		{"name=moons&noise=Inf", "noise: must be between 0 and 1, got +Inf"},
		{"name=moons&noise=1e999", "noise: want a number"},
		{"name=moons&seed=-1", `seed: want a whole number between 0 and 18446744073709551615, got "-1"`},
		{"name=moons&seed=x", "seed: want a whole number"},
		{"name=moons&seed=18446744073709551616", "seed: want a whole number"},
		{"name=moons&classes=3", "classes: must be 0 or 2 for moons, got 3"},
		{"name=gauss&classes=9", "classes: must be between 2 and 8 for gauss, got 9"},
		{"name=spiral&classes=1", "classes: must be between 2 and 8"},
		{"name=spiral&classes=two", `classes: want a whole number between 2 and 8, got "two"`},
		{"name=line&classes=3", "classes: must be 0 or 2 for line"},
		{"name=spiral&classes=0", "classes: must be between 2 and 8, got 0"},
		{"name=moons&classes=0", "classes: must be between 2 and 8, got 0"},
		{"name=gauss&classes=-1", "classes: must be between 2 and 8, got -1"},
		{"name=moons;n=5", `query: "name=moons;n=5" cannot be read (invalid semicolon separator in query)`},
		{"name=moons&n=%zz", `query: "name=moons&n=%zz" cannot be read`},
		{"name=moons&size=5", `"size": unknown parameter; the parameters are name, n, noise, seed, classes`},
		{"name=moons&N=5", `"N": unknown parameter`},
	}
	for _, c := range cases {
		_, status, msg := getDataset(t, c.query)
		if status != http.StatusBadRequest {
			t.Errorf("%q: status %d, want 400", c.query, status)
			continue
		}
		field := c.want[:strings.IndexAny(c.want+":", ": ")]
		if !strings.Contains(msg, c.want) || (strings.Contains(c.want, ":") && !strings.HasPrefix(msg, field+": ")) {
			t.Errorf("%q: message %q, want %q", c.query, msg, c.want)
		}
	}
}
