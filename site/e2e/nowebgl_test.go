package e2e

// The lesson without WebGL and with a lost WebGL context (docs/stage.md,
// "Without WebGL"): the lesson module never depends on the stage module.

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"testing"
	"time"

	"nnstep/site/headless"
)

// noWebGLBrowser starts a Chromium of its own without WebGL
// (--disable-3d-apis) for the test.
func noWebGLBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx, stop, err := headless.Start(context.Background(), headless.NoWebGL)
	if errors.Is(err, headless.ErrNoChromium) {
		t.Skip("no Chromium: browser test skipped (scripts/deps.sh installs it)")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return ctx
}

// TestNoWebGLLessonRuns: in Chromium without WebGL, in French and in
// English, nnstep.ready resolves, the step-through shows the trace's
// numbers, training advances the epoch, and #stage says that WebGL is
// missing over a Canvas 2D view of the frontier; nothing shows the raw
// message of an ended Go program.
func TestNoWebGLLessonRuns(t *testing.T) {
	b := noWebGLBrowser(t)
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			p := newPageWith(t, lessonURL+"&lang="+lang, PageOptions{Browser: b})
			r := p.runEssentials()
			if r.WebGL2 {
				t.Fatal("Chromium with --disable-3d-apis has WebGL 2")
			}
			r.check(t, lang)
			savePNG(t, "nowebgl-"+lang+"-stage.png", p.screenshotStage())
			savePNG(t, "nowebgl-"+lang+"-page.png", p.fullScreenshot())
			p.assertNoConsoleErrors()
		})
	}
	// On a phone the note and the view fit #stage, one under the other.
	for _, lang := range []string{"fr", "en"} {
		t.Run("phone-"+lang, func(t *testing.T) {
			p := newPageWith(t, lessonURL+"&lang="+lang, PageOptions{Browser: b, Width: 390, Height: 844, Scale: 2})
			p.waitJS(`!!document.querySelector('#stage [data-stage-fallback] canvas')?.width`, time.Minute, "the view without WebGL")
			var fit struct {
				NoteOverflow, PlaneW, PlaneH, StageH float64
				Below                                bool
			}
			p.evalJS(`(() => { const f = document.querySelector('#stage [data-stage-fallback]');
				const m = f.querySelector('.stage-fallback-msg').getBoundingClientRect(), c = f.querySelector('canvas').getBoundingClientRect();
				const n = f.querySelector('.stage-fallback-msg');
				return {NoteOverflow: n.scrollHeight - n.clientHeight, PlaneW: c.width, PlaneH: c.height,
					StageH: document.getElementById('stage').clientHeight, Below: c.top >= m.bottom - 1}; })()`, &fit)
			if fit.NoteOverflow > 1 || !fit.Below || min(fit.PlaneW, fit.PlaneH) < 200 {
				t.Errorf("390 px: %+v, want the note whole and the plane under it, at least 200 px", fit)
			}
			savePNG(t, "nowebgl-phone-"+lang+"-stage.png", p.screenshotStage())
		})
	}
}

// TestStageContextLostAndRestored loses the stage's WebGL context during
// training (WEBGL_lose_context) and restores it: the page does not reload,
// #stage shows the view without WebGL meanwhile, the model keeps training
// and keeps its epoch, and once the context is back a new stage draws.
func TestStageContextLostAndRestored(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-4-1&act=tanh,sigmoid&lr=0.3&seed=1&play=1")
	p.waitFrames(3)
	p.evalJS(`(() => { window.__sameDocument = true;
		window.__lose = document.querySelector('#stage > canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
		return !!window.__lose; })()`, nil)
	before := p.stats()
	p.evalJS(`(window.__lose.loseContext(), true)`, nil)
	p.waitJS(`!!document.querySelector('#stage [data-stage-fallback="lost"]')`, 20*time.Second, "the view shown while the context is lost")
	p.waitJS(fmt.Sprintf(`nnstep.stats().epoch > %d`, before.Epoch+20), time.Minute, "training to go on while the context is lost")
	lost := p.stats()
	var text string
	p.evalJS(`document.querySelector('#stage [data-stage-fallback]').innerText`, &text)
	if !strings.Contains(text, "carte graphique") {
		t.Errorf("the view while the context is lost says %q", text)
	}
	savePNG(t, "context-lost-stage.png", p.screenshotStage())

	p.evalJS(`(window.__lose.restoreContext(), true)`, nil)
	p.waitJS(`!document.querySelector('#stage [data-stage-fallback]') && !!document.querySelector('#stage > canvas')`, time.Minute, "a new stage after the context is restored")
	p.waitJS(fmt.Sprintf(`nnstep.stats().frames > %d + 3`, lost.Frames), time.Minute, "the new stage drawing")
	after := p.stats()
	if after.Epoch <= lost.Epoch || !after.Playing {
		t.Errorf("epochs: %d before the loss, %d while lost, %d after the restore (playing %v)", before.Epoch, lost.Epoch, after.Epoch, after.Playing)
	}
	var same bool
	var canvases int
	p.evalJS(`window.__sameDocument === true`, &same)
	p.evalJS(`document.querySelectorAll('#stage canvas, body > canvas').length`, &canvases)
	if !same {
		t.Error("the page reloaded")
	}
	if canvases != 1 {
		t.Errorf("%d canvases in #stage or left in <body>, want the new stage's only", canvases)
	}
	img := p.screenshotStage()
	savePNG(t, "context-restored-stage.png", img)
	if o, b := countHues(img); o < 500 || b < 500 {
		t.Errorf("after the restore the stage shows %d orange and %d blue pixels", o, b)
	}
	p.assertNoConsoleErrors()
}

// countHues counts the clearly orange and clearly blue pixels of img.
func countHues(img image.Image) (orange, blue int) {
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, _, cb, _ := img.At(x, y).RGBA()
			switch {
			case cr > cb+40*257:
				orange++
			case cb > cr+40*257:
				blue++
			}
		}
	}
	return
}
