//go:build js && wasm

// Package jsapi exposes core's pure lesson computations (activation
// curves, softmax, single-neuron and gradient-descent demos, diagnostics)
// to the page's sections as functions on a JS object. It holds no state and
// knows nothing of the stage.
package jsapi

import (
	"syscall/js"

	"nnstep/wasm/jsbridge"
)

// Register adds the lesson functions to obj (window.nnstepGo). A panic in
// one of them comes back as {error} instead of ending the Go program
// (jsbridge.Func).
func Register(obj js.Value) {
	for name, f := range funcs {
		obj.Set(name, jsbridge.Func(f))
	}
}

// funcs maps each exposed name to its implementation; see the other files.
var funcs = map[string]func(args []js.Value) js.Value{}
