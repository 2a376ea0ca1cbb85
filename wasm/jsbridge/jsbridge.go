//go:build js && wasm

// Package jsbridge holds what both Go modules of the page need to expose
// functions to JS (docs/frontend.md, "The bridge"): plain JS values in and
// out through JSON, arguments read the way a URL would carry them, and
// errors returned as {error: "..."} instead of thrown or ending the
// program.
package jsbridge

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"syscall/js"
)

var jsonParse = js.Global().Get("JSON").Get("parse")

// JSON converts v to a JS value through JSON.
func JSON(v any) js.Value { return jsonParse.Invoke(marshal(v)) }

// Parse converts JSON text to a JS value.
func Parse(b []byte) js.Value { return jsonParse.Invoke(string(b)) }

// marshal returns v as JSON, or {error} if it cannot be.
func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return string(b)
}

// Err is {error: err's message}.
func Err(err error) js.Value { return JSON(map[string]string{"error": err.Error()}) }

// Func wraps f as a JS function: a panic becomes {error} and the Go
// program goes on.
func Func(f func(args []js.Value) js.Value) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = Err(fmt.Errorf("internal error: %v", r))
			}
		}()
		return f(args)
	})
}

// String converts a JS value to the string a URL would carry: numbers in
// Go's shortest form, booleans as 1 and 0, arrays joined by commas.
func String(v js.Value) string {
	switch v.Type() {
	case js.TypeNumber:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case js.TypeBoolean:
		if v.Bool() {
			return "1"
		}
		return "0"
	case js.TypeString:
		return v.String()
	case js.TypeUndefined, js.TypeNull:
		return ""
	}
	if js.Global().Get("Array").Call("isArray", v).Bool() {
		parts := make([]string, v.Length())
		for i := range parts {
			parts[i] = String(v.Index(i))
		}
		return strings.Join(parts, ",")
	}
	return v.Call("toString").String()
}

// Float returns args[i] as a number (a numeric string counts), NaN if it
// is missing or not a number.
func Float(args []js.Value, i int) float64 {
	if i >= len(args) {
		return math.NaN()
	}
	v := args[i]
	if v.Type() == js.TypeString {
		f, err := strconv.ParseFloat(v.String(), 64)
		if err != nil {
			return math.NaN()
		}
		return f
	}
	if v.Type() != js.TypeNumber {
		return math.NaN()
	}
	return v.Float()
}

// Int returns args[i] as an integer, math.MinInt32 if it is not one.
func Int(args []js.Value, i int) int {
	f := Float(args, i)
	if math.IsNaN(f) || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return math.MinInt32
	}
	return int(f)
}
