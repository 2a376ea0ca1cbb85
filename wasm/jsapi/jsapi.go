//go:build js && wasm

// Package jsapi exposes core's pure lesson computations (activation
// curves, softmax, single-neuron and gradient-descent demos, diagnostics)
// to the page's sections as functions on a JS object. It holds no state and
// knows nothing of the stage.
package jsapi

import "syscall/js"

// Register adds the lesson functions to obj (window.nnstepGo).
func Register(obj js.Value) {
	for name, f := range funcs {
		obj.Set(name, js.FuncOf(f))
	}
}

// funcs maps each exposed name to its implementation; see the other files.
var funcs = map[string]func(this js.Value, args []js.Value) any{}
