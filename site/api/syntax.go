package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLocateDepth bounds how deep locate follows nested values. A request
// nests at most five levels (ops[i].value[r][c] in a replayed trace), so a
// path is only cut short in JSON that is nothing like a request.
const maxLocateDepth = 10

// checkSyntax returns nil when body is one valid JSON value with nothing but
// whitespace after it. Otherwise its error names the field where the JSON
// breaks (as a path such as W[0][1][2]), the line and column, and what is
// wrong, with plain words for the common cases: a truncated body, trailing
// data after the object, and NaN or Infinity, which JSON cannot carry.
func checkSyntax(body []byte) error {
	if json.Valid(body) {
		return nil
	}
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(body, &raw); !errors.As(err, &se) {
		// json.Valid and json.Unmarshal disagree: cannot happen.
		return fmt.Errorf("body: malformed JSON: %v", err)
	}
	path, complete := locate(body)
	if path == "" {
		path = "body"
	}
	// se.Offset counts the bytes read, the offending one included; at the
	// end of the input it is the length of the body.
	truncated := se.Offset >= int64(len(body)) && strings.Contains(se.Error(), "unexpected end")
	pos := len(body)
	if !truncated && se.Offset > 0 {
		pos = int(min(se.Offset-1, int64(len(body))))
	}
	where := position(body, pos)
	switch {
	case complete:
		return fmt.Errorf("body: trailing data after the JSON value at %s; send exactly one JSON object", where)
	case truncated:
		return fmt.Errorf("%s: malformed JSON: the body ends in the middle of the value, at %s; is it truncated?", path, where)
	}
	if word := wordAt(body, pos); isNonFinite(word) {
		return fmt.Errorf("%s: malformed JSON at %s: %s is not a JSON number; every number must be finite",
			path, where, strconv.Quote(truncate(word, 20)))
	}
	return fmt.Errorf("%s: malformed JSON at %s: %s", path, where, strings.TrimPrefix(se.Error(), "json: "))
}

// position describes byte offset pos of body as a line and a column (both
// from 1, the column in characters) and the byte offset.
func position(body []byte, pos int) string {
	line := 1 + bytes.Count(body[:pos], []byte{'\n'})
	start := bytes.LastIndexByte(body[:pos], '\n') + 1
	col := 1 + utf8.RuneCount(body[start:pos])
	return fmt.Sprintf("line %d, column %d (byte %d)", line, col, pos)
}

// wordAt returns the run of letters, digits, signs and dots around pos, the
// literal the JSON scanner stumbled on.
func wordAt(body []byte, pos int) string {
	in := func(c byte) bool {
		return c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	start, end := pos, pos
	for start > 0 && in(body[start-1]) {
		start--
	}
	for end < len(body) && in(body[end]) {
		end++
	}
	return string(body[start:end])
}

// isNonFinite reports whether word spells NaN or an infinity, as
// JavaScript, Python and Go would print them.
func isNonFinite(word string) bool {
	w := strings.ToLower(strings.TrimLeft(word, "+-"))
	return w == "nan" || w == "inf" || w == "infinity"
}

// frame is one open array or object while locate walks the tokens.
type frame struct {
	object  bool
	key     string // object: the key of the current value
	wantKey bool   // object: the next token is a key or the closing brace
	count   int    // array: elements started so far
}

// locate walks the tokens of body up to the first syntax error and returns
// the path of the value being read there (e.g. W[0][1][2]), and whether a
// complete top-level value was read before it (the error is then trailing
// data).
func locate(body []byte) (path string, complete bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var stack []frame
	for len(stack) <= maxLocateDepth {
		tok, err := dec.Token()
		if err != nil {
			return render(stack), false
		}
		if _, delim := tok.(json.Delim); !delim && dec.InputOffset() == int64(len(body)) && len(stack) > 0 {
			// A number cut by the end of the body reads as complete, but
			// the value being read is still this one (or this key's).
			if top := &stack[len(stack)-1]; top.object && top.wantKey {
				top.key, _ = tok.(string)
				top.wantKey = false
			}
			return render(stack), false
		}
		top := len(stack) - 1
		if top >= 0 && stack[top].object && stack[top].wantKey {
			if key, ok := tok.(string); ok {
				stack[top].key, stack[top].wantKey = key, false
				continue
			}
		}
		if top >= 0 && !stack[top].object && tok != json.Delim(']') {
			stack[top].count++
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, wantKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		// A value has ended: the parent object wants its next key.
		if len(stack) == 0 {
			return "", true
		}
		if p := &stack[len(stack)-1]; p.object {
			p.wantKey = true
		}
	}
	return render(stack) + "…", false
}

// render writes the path of the open values: the top-level key plainly,
// deeper keys after a dot, array indices in brackets. The innermost array
// is named by the element being read (one past the last complete one) and
// an innermost object waiting for a key by itself.
func render(stack []frame) string {
	var b strings.Builder
	for i, f := range stack {
		last := i == len(stack)-1
		switch {
		case f.object && f.wantKey && last:
		case f.object:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(quoteKey(f.key))
		case last:
			b.WriteString(index("", f.count))
		default:
			b.WriteString(index("", f.count-1))
		}
	}
	return b.String()
}
