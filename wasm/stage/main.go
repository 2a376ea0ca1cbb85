//go:build js

// Command stage is the stage module of the page: an ebiten game drawing
// the network graph and the decision frontier in one canvas placed inside
// the page's #stage. It reads the model from the lesson module
// (wasm/lesson) as scenes (wasm/scene) through nnstepGo.scene, once per
// frame, and registers window.nnstepStage (bridge.go). The page starts it
// after nnstep.ready, so the lesson is interactive before the stage's
// larger module has started. See docs/frontend.md.
package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

func mark(name string) { js.Global().Get("performance").Call("mark", name) }

func main() {
	mark("stage-main")
	lesson := js.Global().Get("nnstepGo")
	if lesson.Type() != js.TypeObject || lesson.Get("scene").Type() != js.TypeFunction {
		js.Global().Get("console").Call("error", "nnstep stage: no lesson module (window.nnstepGo.scene)")
		return
	}
	g := NewGame(sceneSource(lesson.Get("scene")))
	obj := js.Global().Get("Object").New()
	registerBridge(obj, g)

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
	if ready := js.Global().Get("nnstepStageReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(obj)
	} else {
		js.Global().Set("nnstepStage", obj)
	}

	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetVsyncEnabled(true)
	// The screen keeps its picture between frames: a frame where nothing
	// changed is not drawn (Game.Draw), and after a few such frames ebiten
	// stops presenting to the canvas, so an idle page costs the browser
	// nothing to composite (docs/stage.md, "Drawing").
	ebiten.SetScreenClearedEveryFrame(false)
	mark("stage-run") // docs/frontend.md, "The stage's start"
	// An error here (no WebGL 2 context) ends the module: the page shows
	// its view without WebGL instead (js/main.js, docs/stage.md).
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		js.Global().Get("console").Call("warn", "nnstep stage: "+err.Error())
	}
}

// sceneSource reads scenes from the lesson module's scene function.
func sceneSource(scene js.Value) func(version, data int, dst []byte) ([]byte, bool) {
	return func(version, data int, dst []byte) ([]byte, bool) {
		arr := scene.Invoke(version, data)
		if arr.Type() != js.TypeObject || arr.Get("byteLength").Type() != js.TypeNumber {
			return dst, false
		}
		n := arr.Get("byteLength").Int()
		dst = append(dst[:0], make([]byte, n)...)
		js.CopyBytesToGo(dst, arr)
		return dst, true
	}
}
