package api

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"testing"

	"nnstep/core/trace"
)

// runDirect computes what the handler should answer for body, calling core
// directly.
func runDirect(t *testing.T, body []byte) []byte {
	t.Helper()
	var req trace.Request
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatal(err)
	}
	net, x, y, eta, err := req.Build()
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(trace.Run(net, x, y, eta))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTraceExample(t *testing.T) {
	body := exampleBody(t)
	rec := postTrace(t, body)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	checkHeaders(t, rec, noStore)
	var got struct {
		Cost float64
		Ops  []struct {
			Index  int
			Phase  string
			Result struct{ Name string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Cost-0.707) > 0.001 {
		t.Errorf("cost = %v, want about 0.707", got.Cost)
	}
	if len(got.Ops) != 19 {
		t.Fatalf("%d ops, want 19", len(got.Ops))
	}
	if got.Ops[0].Result.Name != "Z[1]" || got.Ops[0].Phase != trace.Forward {
		t.Errorf("first op %+v, want forward Z[1]", got.Ops[0])
	}
	for i, op := range got.Ops {
		if op.Index != i {
			t.Errorf("op %d has index %d", i, op.Index)
		}
	}
	if want := runDirect(t, body); !bytes.Equal(rec.Body.Bytes(), want) {
		t.Errorf("response differs from json.Marshal(trace.Run(...)):\n got %.200s\nwant %.200s", rec.Body, want)
	}
}

// TestTraceReplaysFull posts the object nnstep.trace() returns (request and
// response fields together) and gets the same trace back.
func TestTraceReplaysFull(t *testing.T) {
	first := postTrace(t, exampleBody(t))
	var full map[string]json.RawMessage
	if err := json.Unmarshal(exampleBody(t), &full); err != nil {
		t.Fatal(err)
	}
	var resp map[string]json.RawMessage
	if err := json.Unmarshal(first.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	for k, v := range resp {
		full[k] = v
	}
	full["first_non_finite"] = json.RawMessage(`null`)
	body, _ := json.MarshalIndent(full, "", "  ")
	again := postTrace(t, body)
	if again.Code != http.StatusOK || !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
		t.Fatalf("replay: status %d, body %.300s", again.Code, again.Body)
	}
}

// TestTraceMediaType: only a JSON body is traced; the media types a page
// may send cross-site without a CORS preflight get 415.
func TestTraceMediaType(t *testing.T) {
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"} {
		if rec := serveWith(t, http.MethodPost, TracePath, bytes.NewReader(exampleBody(t)), ct); rec.Code != http.StatusOK {
			t.Errorf("Content-Type %q: status %d, want 200", ct, rec.Code)
		}
	}
	cases := []struct{ ct, want string }{
		{"", "Content-Type: send the body as application/json; the request has no Content-Type"},
		{"text/plain", `Content-Type: send the body as application/json, not "text/plain"`},
		{"text/plain; charset=utf-8", `not "text/plain"`},
		{"application/x-www-form-urlencoded", `not "application/x-www-form-urlencoded"`},
		{"multipart/form-data; boundary=x", `not "multipart/form-data"`},
		{"application/json; charset=latin1", `in UTF-8, not charset "latin1"`},
		{"nonsense", `not "nonsense"`},
		{"application/", `"application/" is not a media type`},
	}
	for _, c := range cases {
		rec := serveWith(t, http.MethodPost, TracePath, bytes.NewReader(exampleBody(t)), c.ct)
		if rec.Code != http.StatusUnsupportedMediaType {
			t.Errorf("Content-Type %q: status %d, want 415", c.ct, rec.Code)
			continue
		}
		if msg := errorOf(t, rec); !strings.Contains(msg, c.want) {
			t.Errorf("Content-Type %q: message %q, want %q", c.ct, msg, c.want)
		}
	}
}

func TestTraceBadRequests(t *testing.T) {
	ex := string(exampleBody(t))
	set := func(key string, v any) []byte {
		return exampleWith(t, func(m map[string]any) { m[key] = v })
	}
	replace := func(old, new string) []byte {
		if !strings.Contains(ex, old) {
			t.Fatalf("example has no %q", old)
		}
		return []byte(strings.Replace(ex, old, new, 1))
	}
	// A valid deep network: 9 weight layers of 2 units.
	deep := func(layers int) []byte {
		return exampleWith(t, func(m map[string]any) {
			sizes, acts := []int{2}, []string{}
			var W [][][]float64
			var b [][]float64
			for range layers {
				sizes = append(sizes, 2)
				acts = append(acts, "tanh")
				W = append(W, filled(2, 2, 0.1))
				b = append(b, []float64{0, 0})
			}
			sizes[layers], acts[layers-1] = 1, "sigmoid"
			W[layers-1], b[layers-1] = filled(1, 2, 0.1), []float64{0}
			m["layers"], m["activations"], m["W"], m["b"] = sizes, acts, W, b
		})
	}
	wide := exampleWith(t, func(m map[string]any) {
		m["layers"] = []int{2, 65, 1}
		m["W"] = [][][]float64{filled(65, 2, 0.1), filled(1, 65, 0.1)}
		m["b"] = [][]float64{make([]float64, 65), {0}}
	})
	many := exampleWith(t, func(m map[string]any) {
		m["X"], m["Y"] = filled(2, 1025, 0.5), filled(1, 1025, 1)
	})
	huge := append([]byte(`{"padding": "`), bytes.Repeat([]byte("a"), 2<<20)...)
	huge = append(huge, `"}`...)

	cases := []struct {
		name   string
		body   []byte
		status int
		want   []string // substrings of the message; the first names the field
	}{
		{"broken JSON", []byte(`{"layers": [2, 3, 1], "activations" ["relu", "sigmoid"]}`), 400, []string{"activations: malformed JSON", "line 1, column 37"}},
		{"truncated JSON", []byte(ex[:strings.Index(ex, "[0.7")+8]), 400, []string{"W[1][0][1]", "truncated"}},
		{"empty body", nil, 400, []string{"body: empty"}},
		{"whitespace body", []byte(" \n\t "), 400, []string{"body: empty"}},
		{"not an object", []byte(`[1, 2]`), 400, []string{"request: want a JSON object, got an array"}},
		{"trailing garbage", append(exampleBody(t), "x"...), 400, []string{"body: trailing data", "line 11, column 1"}},
		{"second object", append(exampleBody(t), "{}"...), 400, []string{"body: trailing data"}},
		{"string in a matrix", replace("0.4, 0.3", `0.4, "0.3"`), 400, []string{`W[0][1][1]: want a number, got a string ("0.3")`}},
		{"null in X", replace("2.0, 0.0", "2.0, null"), 400, []string{"X[0][3]: want a number, got null"}},
		{"matrix where a number goes", replace("[0.05]", "[[0.05]]"), 400, []string{"b[1][0]: want a number, got an array"}},
		{"W wrong row count", set("W", []any{filled(2, 2, 0.1), filled(1, 3, 0.1)}), 400, []string{"W[0]: need 3 rows"}},
		{"W wrong column count", set("W", []any{filled(3, 2, 0.1), filled(1, 2, 0.1)}), 400, []string{"W[1][0]: need 3 values"}},
		{"W wrong number of matrices", set("W", []any{filled(3, 2, 0.1)}), 400, []string{"W: need 2 matrices"}},
		{"W missing", exampleWith(t, func(m map[string]any) { delete(m, "W") }), 400, []string{"W: need 2 matrices", "got 0"}},
		{"b wrong length", set("b", [][]float64{{0, 0}, {0}}), 400, []string{"b[0]: need 3 values"}},
		{"X rows not layers[0]", set("X", filled(3, 4, 0)), 400, []string{"X: need 2 rows (layers[0])"}},
		{"ragged X", set("X", [][]float64{{1, 2, 3, 4}, {1, 2, 3}}), 400, []string{"X[1]: has 3 values"}},
		{"Y columns not X columns", set("Y", [][]float64{{1, 0, 1}}), 400, []string{"Y: has 3 examples"}},
		{"unknown activation", set("activations", []string{"relux", "sigmoid"}), 400, []string{"activations[0]", "relux"}},
		{"activation not a string", set("activations", []any{1, "sigmoid"}), 400, []string{"activations[0]: want a string, got a number (1)"}},
		{"unknown loss", set("loss", "hinge"), 400, []string{"loss", "hinge"}},
		{"missing loss", exampleWith(t, func(m map[string]any) { delete(m, "loss") }), 400, []string{"loss: missing"}},
		{"softmax in a hidden layer", exampleWith(t, func(m map[string]any) {
			m["activations"], m["loss"] = []string{"softmax", "softmax"}, "cce"
		}), 400, []string{"activations[0]", "softmax"}},
		{"bce without sigmoid", set("activations", []string{"relu", "tanh"}), 400, []string{"loss", "sigmoid"}},
		{"cce without softmax", set("loss", "cce"), 400, []string{"loss", "softmax"}},
		{"NaN literal", replace("0.1, -0.2", "NaN, -0.2"), 400, []string{"W[0][0][0]", `"NaN" is not a JSON number`, "line 5"}},
		{"Infinity literal", replace("[1, 0, 1, 0]", "[1, 0, -Infinity, 0]"), 400, []string{"Y[0][2]", `"-Infinity"`}},
		{"1e999", replace("0.1, -0.2", "1e999, -0.2"), 400, []string{"W[0][0][0]: 1e999 is too large", "finite"}},
		{"-1e999 in X", replace("0.5, -1.0", "0.5, -1e999"), 400, []string{"X[0][1]: -1e999 is too large"}},
		{"9 weight layers", deep(9), 413, []string{"layers: at most 8 weight layers, got 9"}},
		{"8 weight layers are fine", deep(8), 200, nil},
		{"65 units", wide, 413, []string{"layers[1]: at most 64 units, got 65"}},
		{"1e20 units", set("layers", []float64{2, 1e20, 1}), 413, []string{"layers[1]: at most 64 units"}},
		{"1025 examples", many, 413, []string{"X: at most 1024 examples, got 1025"}},
		{"layers empty", set("layers", []int{}), 400, []string{"layers: missing or empty"}},
		{"X empty rows", set("X", [][]float64{{}, {}}), 400, []string{"X[0]: no examples"}},
		{"X [[]]", set("X", [][]float64{{}}), 400, []string{"X: need 2 rows"}},
		{"zero units", set("layers", []int{2, 0, 1}), 400, []string{"layers[1]: units must be between 1 and 64, got 0"}},
		{"fractional units", set("layers", []float64{2, 2.5, 1}), 400, []string{"layers[1]: want a whole number of units, got 2.5"}},
		{"missing learning_rate", exampleWith(t, func(m map[string]any) { delete(m, "learning_rate") }), 400, []string{"learning_rate: missing"}},
		{"null learning_rate", set("learning_rate", nil), 400, []string{"learning_rate: want a number, got null"}},
		{"negative learning_rate", set("learning_rate", -0.1), 400, []string{"learning_rate: must be a finite number ≥ 0", "-0.1"}},
		{"string learning_rate", set("learning_rate", "0.1"), 400, []string{`learning_rate: want a number, got a string ("0.1")`}},
		{"field given twice", []byte(strings.Replace(ex, `"loss": "bce",`, `"loss": "bce", "loss": "mse",`, 1)), 400, []string{"loss: given twice"}},
		{"bce target above 1", set("Y", [][]float64{{1, 2, 1, 0}}), 400, []string{"Y[0][1]: bce needs targets between 0 and 1"}},
		{"bce target below 0", set("Y", [][]float64{{1, 0, -0.5, 0}}), 400, []string{"Y[0][2]"}},
		{"2 MiB body", huge, 413, []string{"body: larger than 1048576 bytes"}},
		{"broken unknown field", []byte(`{"ops": [{"value": [[1, 2}]]}`), 400, []string{"ops[0].value[0][2]: malformed JSON"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := postTrace(t, c.body)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, c.status, rec.Body)
			}
			if c.status == http.StatusOK {
				return
			}
			msg := errorOf(t, rec)
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if !strings.HasPrefix(msg, strings.FieldsFunc(c.want[0], func(r rune) bool { return r == ':' || r == ',' })[0]) {
				t.Errorf("message %q does not start with the field %q", msg, c.want[0])
			}
		})
	}
	if len(cases) < 25 {
		t.Fatalf("only %d cases", len(cases))
	}
}

// TestTraceLongNameCut checks that an error quoting a huge user string stays
// short.
func TestTraceLongNameCut(t *testing.T) {
	long := strings.Repeat("é", 100000)
	rec := postTrace(t, exampleWith(t, func(m map[string]any) { m["loss"] = long }))
	msg := errorOf(t, rec)
	if rec.Code != http.StatusBadRequest || !strings.HasPrefix(msg, "loss") || len(msg) > maxErrorBytes {
		t.Fatalf("status %d, %d-byte message %.80q", rec.Code, len(msg), msg)
	}
	if !strings.HasSuffix(msg, "…") {
		t.Errorf("cut message does not end with …: %q", msg[len(msg)-20:])
	}
}

// TestTraceEveryActivation posts the valid fuzz seeds, which cover every
// hidden activation and every output activation and loss pair.
func TestTraceEveryActivation(t *testing.T) {
	for _, body := range validSeeds() {
		rec := postTrace(t, body)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", body, rec.Code, rec.Body)
		}
		if !bytes.Equal(rec.Body.Bytes(), runDirect(t, body)) {
			t.Errorf("%s: response differs from trace.Run", body)
		}
	}
}
