//go:build js && wasm

package jsapi

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"syscall/js"

	"nnstep/core/trace"
)

func init() {
	funcs["activations"] = func(_ js.Value, _ []js.Value) any { return toJS(Activations()) }
	// activation(name, alpha, xs) → {f, d, name, alpha, tex, dtex, saturates}
	funcs["activation"] = func(_ js.Value, args []js.Value) any {
		name, alpha, xs := str(arg(args, 0)), num(arg(args, 1)), floats(arg(args, 2))
		return result(ActivationCurve(name, alpha, xs))
	}
	// softmax(z) → {naive, stable, jacobian, sum}
	funcs["softmax"] = func(_ js.Value, args []js.Value) any {
		return result(Softmax(floats(arg(args, 0))))
	}
	// neuron(x, w, b, act, grid) → {z, a, plane}
	funcs["neuron"] = func(_ js.Value, args []js.Value) any {
		grid := 0
		if g := arg(args, 4); g.Type() == js.TypeNumber {
			grid = g.Int()
		}
		return result(Neuron(floats(arg(args, 0)), floats(arg(args, 1)), num(arg(args, 2)), str(arg(args, 3)), grid))
	}
	// gradientDescent1D({eta, iters, n, noise, seed, w0, b0}) → {x, y, true, cost, w, b, diverged}
	funcs["gradientDescent1D"] = func(_ js.Value, args []js.Value) any {
		var q struct {
			Eta   float64 `json:"eta"`
			Iters int     `json:"iters"`
			N     int     `json:"n"`
			Noise float64 `json:"noise"`
			Seed  uint64  `json:"seed"`
			W0    float64 `json:"w0"`
			B0    float64 `json:"b0"`
		}
		if err := decode(arg(args, 0), &q); err != nil {
			return errJS(err)
		}
		return result(GradientDescent1D(q.Eta, q.Iters, q.N, q.Noise, q.Seed, q.W0, q.B0))
	}
	// gradcheck(request) → GradCheckInfo; request: the fields layers,
	// activations, loss, W, b, X, Y (learning_rate optional) of nnstep.trace().
	funcs["gradcheck"] = func(_ js.Value, args []js.Value) any {
		var q trace.Request
		if err := decode(arg(args, 0), &q); err != nil {
			return errJS(err)
		}
		return result(GradCheck(q))
	}
	// diagnose(DiagRequest) → DiagResult
	funcs["diagnose"] = func(_ js.Value, args []js.Value) any {
		var q DiagRequest
		if err := decode(arg(args, 0), &q); err != nil {
			return errJS(err)
		}
		return result(Diagnose(q))
	}
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func str(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// num reads a number; anything else is NaN.
func num(v js.Value) float64 {
	if v.Type() != js.TypeNumber {
		return math.NaN()
	}
	return v.Float()
}

// floats reads an array of numbers (NaN for non-numbers).
func floats(v js.Value) []float64 {
	if v.Type() != js.TypeObject || !v.InstanceOf(js.Global().Get("Array")) {
		return nil
	}
	out := make([]float64, v.Length())
	for i := range out {
		out[i] = num(v.Index(i))
	}
	return out
}

// decode reads a plain JS object through JSON.
func decode(v js.Value, dst any) error {
	if v.Type() != js.TypeObject {
		return fmt.Errorf("expected an object, got %s", v.Type())
	}
	s := js.Global().Get("JSON").Call("stringify", v).String()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

func errJS(err error) any { return map[string]any{"error": err.Error()} }

func result[T any](v T, err error) any {
	if err != nil {
		return errJS(err)
	}
	return toJS(v)
}

// toJS converts Go values (structs with json tags, slices, maps, numbers,
// strings, pointers) to JS values. Unlike JSON it keeps NaN and ±Infinity,
// which the lesson shows on purpose (the naive softmax).
func toJS(v any) any { return conv(reflect.ValueOf(v)) }

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
