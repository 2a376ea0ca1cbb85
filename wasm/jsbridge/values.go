//go:build js && wasm

package jsbridge

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"syscall/js"
)

// The bridge's one rule for numbers that are not finite: a Go value handed
// to JS as a value (Value, Result) keeps NaN and ±Infinity, which JS numbers
// have and the lesson shows on purpose (the naive softmax overflowing); a
// JSON document (JSON, Parse: the trace, the exports) follows its JSON
// contract, where a number that is not finite is written null
// (docs/api.md, "Trace format") or refused.

// Arg returns args[i], undefined when it is missing.
func Arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// Floats reads an array of numbers; an entry that is not a number (a
// numeric string counts) is NaN. Anything but an array gives nil.
func Floats(v js.Value) []float64 {
	if !js.Global().Get("Array").Call("isArray", v).Bool() {
		return nil
	}
	out := make([]float64, v.Length())
	for i := range out {
		out[i] = Float([]js.Value{v.Index(i)}, 0)
	}
	return out
}

// Decode reads a plain JS object into dst through JSON; a field dst does
// not have is an error.
func Decode(v js.Value, dst any) error {
	if v.Type() != js.TypeObject {
		return fmt.Errorf("expected an object, got %s", v.Type())
	}
	s := js.Global().Get("JSON").Call("stringify", v).String()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

// Result is Value(v), or {error} when err is not nil.
func Result[T any](v T, err error) js.Value {
	if err != nil {
		return Err(err)
	}
	return Value(v)
}

// Value converts a Go value (structs with json tags, slices, maps,
// numbers, strings, pointers) to a JS value, keeping NaN and ±Infinity.
func Value(v any) js.Value { return js.ValueOf(conv(reflect.ValueOf(v))) }

func conv(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return conv(v.Elem())
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.String:
		return v.String()
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return []any{}
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = conv(v.Index(i))
		}
		return out
	case reflect.Map:
		out := map[string]any{}
		for _, k := range v.MapKeys() {
			out[fmt.Sprint(k.Interface())] = conv(v.MapIndex(k))
		}
		return out
	case reflect.Struct:
		out := map[string]any{}
		addFields(out, v)
		return out
	}
	return nil
}

func addFields(out map[string]any, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			addFields(out, v.Field(i))
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitempty") && fv.IsZero() {
			continue
		}
		out[name] = conv(fv)
	}
}
