//go:build js

// Command lesson is nnstep's browser module: an ebiten game drawing the
// network graph and the decision frontier in one canvas placed inside the
// page's #stage, training in time-budgeted chunks inside Update, and the JS
// bridge window.nnstepGo (stage functions here, lesson computations from
// package jsapi). See docs/frontend.md and shared/design.md §4.1.
package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"nnstep/wasm/jsapi"
)

func mark(name string) { js.Global().Get("performance").Call("mark", name) }

func main() {
	mark("go-main")
	g := NewGame(NewModel())
	mark("go-model")
	obj := js.Global().Get("Object").New()
	registerBridge(obj, g)
	jsapi.Register(obj)
	js.Global().Set("nnstepGo", obj)

	// Ebiten appended its canvas to <body> at init: move it into #stage
	// (the page makes body.clientWidth/Height report #stage's size and
	// fires resize when #stage changes, see js/main.js).
	doc := js.Global().Get("document")
	if stage := doc.Call("getElementById", "stage"); stage.Truthy() {
		if c := doc.Call("querySelector", "body > canvas"); c.Truthy() {
			c.Call("setAttribute", "aria-label", "nnstep stage")
			stage.Call("appendChild", c)
		}
	}
	if ready := js.Global().Get("nnstepGoReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(obj)
	}

	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetVsyncEnabled(true)
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		js.Global().Get("console").Call("error", "nnstep stage: "+err.Error())
	}
}
