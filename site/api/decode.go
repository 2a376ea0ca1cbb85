package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

	"nnstep/core/nn"
	"nnstep/core/trace"
)

// decodeRequest reads body as a trace.Request. Only the fields of
// trace.Request are read, by their exact names; others are skipped. It
// returns an error naming the field for malformed JSON (see checkSyntax), a
// value of the wrong type (W[0][1][2]: want a number, got a string), a
// number that is not finite (1e999), a field given twice, and a unit count
// that is not a whole number. A unit count too large to be an int is
// reported as a *trace.LimitError; everything else about sizes and names is
// left to trace.Request.Build.
func decodeRequest(body []byte) (*trace.Request, error) {
	if len(bytes.Trim(body, " \t\r\n")) == 0 {
		return nil, errors.New("body: empty; send a JSON object with layers, activations, loss, W, b, X, Y and learning_rate")
	}
	if err := checkSyntax(body); err != nil {
		return nil, err
	}
	d := &decoder{dec: json.NewDecoder(bytes.NewReader(body))}
	d.dec.UseNumber()
	req := new(trace.Request)
	if err := d.request(req); err != nil {
		return nil, err
	}
	return req, nil
}

// decoder walks the tokens of a body known to be valid JSON.
type decoder struct {
	dec *json.Decoder
}

// request reads the top-level object into req.
func (d *decoder) request(req *trace.Request) error {
	if err := d.open("request", '{', "a JSON object"); err != nil {
		return err
	}
	seen := make(map[string]bool)
	for d.dec.More() {
		tok, err := d.token("request")
		if err != nil {
			return err
		}
		key, _ := tok.(string) // valid JSON: an object key is a string
		switch key {
		case "layers", "activations", "loss", "W", "b", "X", "Y", "learning_rate":
			if seen[key] {
				return fmt.Errorf("%s: given twice; give each field once", key)
			}
			seen[key] = true
		}
		switch key {
		case "layers":
			req.Layers, err = d.units(key)
		case "activations":
			req.Activations, err = d.names(key)
		case "loss":
			req.Loss, err = d.name(key)
		case "W":
			req.W, err = d.matrices(key)
		case "b":
			req.B, err = d.matrix(key)
		case "X":
			req.X, err = d.matrix(key)
		case "Y":
			req.Y, err = d.matrix(key)
		case "learning_rate":
			var eta float64
			eta, err = d.number(key, -1)
			req.LearningRate = &eta
		default: // e.g. the response fields of a replayed trace.Full
			var skip json.RawMessage
			if err = d.dec.Decode(&skip); err != nil {
				err = fmt.Errorf("%s: %v", quoteKey(key), err)
			}
		}
		if err != nil {
			return err
		}
	}
	_, err := d.token("request") // the closing brace
	return err
}

// token reads the next token; valid JSON makes an error unlikely, but one is
// still reported at path.
func (d *decoder) token(path string) (json.Token, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, fmt.Errorf("%s: malformed JSON: %v", path, err)
	}
	return tok, nil
}

// open reads the opening delimiter of the value at path, which must be
// delim; want describes it for the error.
func (d *decoder) open(path string, delim json.Delim, want string) error {
	tok, err := d.token(path)
	if err != nil {
		return err
	}
	if tok != delim {
		return wrongType(path, want, tok)
	}
	return nil
}

// array reads the array at path, calling elem with the index of each element
// (elem reads the element).
func (d *decoder) array(path string, elem func(i int) error) error {
	if err := d.open(path, '[', "an array"); err != nil {
		return err
	}
	for i := 0; d.dec.More(); i++ {
		if err := elem(i); err != nil {
			return err
		}
	}
	_, err := d.token(path) // the closing bracket
	return err
}

// matrices reads an array of matrices (W).
func (d *decoder) matrices(path string) ([][][]float64, error) {
	var out [][][]float64
	err := d.array(path, func(i int) error {
		m, err := d.matrix(index(path, i))
		out = append(out, m)
		return err
	})
	return out, err
}

// matrix reads an array of rows of numbers (b, X, Y, W[l]).
func (d *decoder) matrix(path string) ([][]float64, error) {
	out := [][]float64{}
	err := d.array(path, func(i int) error {
		row, err := d.vector(index(path, i))
		out = append(out, row)
		return err
	})
	return out, err
}

// vector reads an array of numbers.
func (d *decoder) vector(path string) ([]float64, error) {
	out := []float64{}
	err := d.array(path, func(j int) error {
		v, err := d.number(path, j)
		out = append(out, v)
		return err
	})
	return out, err
}

// number reads a finite number at path[i] (at path itself when i < 0).
func (d *decoder) number(path string, i int) (float64, error) {
	tok, err := d.token(path)
	if err != nil {
		return 0, err
	}
	n, ok := tok.(json.Number)
	if !ok {
		return 0, wrongType(index(path, i), "a number", tok)
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		// A valid JSON number fails only by overflowing float64.
		return 0, fmt.Errorf("%s: %s is too large; every number must be finite (at most about 1.8e308)",
			index(path, i), truncate(string(n), 40))
	}
	return v, nil
}

// units reads layers: an array of whole numbers.
func (d *decoder) units(path string) ([]int, error) {
	out := []int{}
	err := d.array(path, func(i int) error {
		v, err := d.number(path, i)
		if err != nil {
			return err
		}
		switch {
		case v != math.Trunc(v):
			return fmt.Errorf("%s: want a whole number of units, got %v", index(path, i), v)
		case v > math.MaxInt32:
			return &trace.LimitError{Msg: fmt.Sprintf("%s: at most %d units, got %v", index(path, i), nn.MaxUnits, v)}
		case v < math.MinInt32:
			return fmt.Errorf("%s: units must be between 1 and %d, got %v", index(path, i), nn.MaxUnits, v)
		}
		out = append(out, int(v))
		return nil
	})
	return out, err
}

// names reads activations: an array of strings.
func (d *decoder) names(path string) ([]string, error) {
	out := []string{}
	err := d.array(path, func(i int) error {
		s, err := d.name(index(path, i))
		out = append(out, s)
		return err
	})
	return out, err
}

// name reads a string at path.
func (d *decoder) name(path string) (string, error) {
	tok, err := d.token(path)
	if err != nil {
		return "", err
	}
	s, ok := tok.(string)
	if !ok {
		return "", wrongType(path, "a string", tok)
	}
	return s, nil
}

// index returns path[i], or path when i < 0.
func index(path string, i int) string {
	if i < 0 {
		return path
	}
	return path + "[" + strconv.Itoa(i) + "]"
}

// wrongType is the error of a value of the wrong JSON type at path.
func wrongType(path, want string, tok json.Token) error {
	return fmt.Errorf("%s: want %s, got %s", path, want, describe(tok))
}

// describe names the JSON type of the value that starts with tok.
func describe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string (" + strconv.Quote(truncate(t, 40)) + ")"
	case json.Number:
		return "a number (" + truncate(string(t), 40) + ")"
	case bool:
		return "a boolean (" + strconv.FormatBool(t) + ")"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", tok)
}

// quoteKey writes an unknown field's name for a message, quoted when it is
// not a plain identifier.
func quoteKey(key string) string {
	key = truncate(key, 40)
	for _, c := range key {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return strconv.Quote(key)
		}
	}
	if key == "" {
		return `""`
	}
	return key
}
