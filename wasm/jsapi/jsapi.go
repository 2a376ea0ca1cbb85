//go:build js && wasm

// Package jsapi exposes core's pure lesson computations (activation
// curves, softmax, single-neuron and gradient-descent demos, diagnostics)
// to the page's sections as functions on a JS object. It holds no state and
// knows nothing of the stage.
package jsapi

import (
	"fmt"
	"syscall/js"
)

// Register adds the lesson functions to obj (window.nnstepGo). A panic in
// one of them comes back as {error} instead of ending the Go program.
func Register(obj js.Value) {
	for name, f := range funcs {
		obj.Set(name, js.FuncOf(func(this js.Value, args []js.Value) (out any) {
			defer func() {
				if r := recover(); r != nil {
					out = map[string]any{"error": fmt.Sprintf("internal error in %s: %v", name, r)}
				}
			}()
			return f(this, args)
		}))
	}
}

// funcs maps each exposed name to its implementation; see the other files.
var funcs = map[string]func(this js.Value, args []js.Value) any{}
