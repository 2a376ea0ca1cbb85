//go:build js

// Command lesson is the lesson module of the page: the JS bridge
// window.nnstepGo around the model (package model: settings, data,
// network, training, step-through), plus the lesson's computations from
// package jsapi. It draws nothing and carries no graphics library, so it is small
// and starts fast: nnstep.ready waits for it only. The stage module
// (wasm/stage) draws the model, which it reads through nnstepGo.scene.
// See docs/frontend.md.
package main

import (
	"syscall/js"

	"nnstep/wasm/jsapi"
	"nnstep/wasm/lesson/model"
)

func mark(name string) { js.Global().Get("performance").Call("mark", name) }

func main() {
	mark("go-main")
	e := NewEngine(model.NewModel())
	mark("go-model")
	obj := js.Global().Get("Object").New()
	registerBridge(obj, e)
	jsapi.Register(obj)
	if ready := js.Global().Get("nnstepGoReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(obj)
	} else {
		js.Global().Set("nnstepGo", obj)
	}
	select {} // the bridge's functions run on calls from JS
}
