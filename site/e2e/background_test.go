package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The workload: spiral 2-8-8-1 tanh, lr 0.03, batch 10, 250
// training points, as fast as possible.
const workerWorkload = "lang=en&dataset=spiral&n=500&layers=2-8-8-1&act=tanh,tanh,sigmoid&lr=0.03&batch=10&speed=0"

// noWorker makes a page where no Worker can start (js/trainer.js falls
// back to training on the main thread).
const noWorker = "window.Worker = undefined;"

// Training in the Worker gives the same numbers as training on the main
// thread, bit for bit, across a pause and a restart (the model goes back
// to the page and out again): the loss curve, the losses and the trace of
// the network at the stop epoch.
func TestBackgroundTrainingMatchesTheMainThread(t *testing.T) {
	q := workerWorkload + "&stop=300"
	inWorker := newPage(t, q)
	inWorker.waitJS(`nnstep.stats().trainer === 'worker'`, time.Minute, "the training Worker")
	onPage := newPageWith(t, q, PageOptions{Init: noWorker})
	var where string
	onPage.evalJS(`nnstep.stats().trainer`, &where)
	if where != "page" {
		t.Fatalf("without Worker, stats().trainer = %q, want page", where)
	}
	onPage.evalJS(`nnstep.play(), true`, nil)
	inWorker.evalJS(`nnstep.play(), true`, nil)
	inWorker.waitJS(`nnstep.stats().epoch >= 100`, time.Minute, "100 epochs")
	// Pause and play again: the model comes back to the page and goes out
	// to the Worker. The Worker trains many epochs per frame and may reach
	// the stop epoch first; Play after a stop goes on without one, so it
	// plays again only if the pause came before the stop.
	var paused int
	inWorker.evalJS(`nnstep.pause(), nnstep.stats().epoch`, &paused)
	if paused < 300 {
		inWorker.evalJS(`nnstep.play(), true`, nil)
	} else {
		t.Logf("the Worker reached the stop epoch before the pause")
	}
	const done = `!nnstep.stats().playing && nnstep.stats().epoch === 300`
	inWorker.waitJS(done, 3*time.Minute, "the stop epoch in the Worker")
	onPage.waitJS(done, 3*time.Minute, "the stop epoch on the main thread")
	const numbers = `JSON.stringify({h: nnstep.history(), s: [nnstep.stats().trainLoss, nnstep.stats().testLoss, nnstep.stats().testAccuracy], tr: nnstep.trace()})`
	var a, b string
	inWorker.evalJS(numbers, &a)
	onPage.evalJS(numbers, &b)
	if a != b {
		n := min(len(a), len(b), 400)
		t.Fatalf("the Worker's numbers differ from the main thread's:\n%s\n%s", a[:n], b[:n])
	}
	inWorker.evalJS(`nnstep.stats().trainer`, &where)
	if where != "worker" {
		t.Errorf("stats().trainer = %q after training, want worker", where)
	}
	inWorker.assertNoConsoleErrors()
	onPage.assertNoConsoleErrors()
}

// While the Worker trains as fast as it can, the stage draws, a hover
// answers (the cursor over an edge), a click opens the weight editor, and
// Pause stops training at once: no later frame of the Worker lands.
func TestStageAnswersWhileTraining(t *testing.T) {
	p := newPage(t, workerWorkload)
	p.waitJS(`nnstep.stats().trainer === 'worker'`, time.Minute, "the training Worker")
	p.waitFrames(2)
	p.evalJS(`nnstep.play(), true`, nil)
	p.waitJS(`nnstep.stats().epoch >= 50`, time.Minute, "50 epochs")
	e0 := p.stats().Epoch
	p.waitFrames(10)
	if s := p.stats(); !s.Playing || s.Epoch <= e0 {
		t.Fatalf("after 10 frames: playing %v, epoch %d (was %d)", s.Playing, s.Epoch, e0)
	}
	var geo graphGeometry
	p.evalJS(`nnstepGo.geometry()`, &geo)
	a, b := geo.Nodes[0][0], geo.Nodes[1][0]
	x, y := canvasPoint(p, a.X+0.3*(b.X-a.X), a.Y+0.3*(b.Y-a.Y))
	if err := chromedp.Do(p.Ctx, chromedp.MouseEvent("mouseMoved", x, y)); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`document.querySelector('#stage canvas').style.cursor === 'pointer'`, time.Minute, "the pointer cursor over an edge")
	if err := chromedp.Do(p.Ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`!document.querySelector('.weight-editor').hidden`, time.Minute, "the weight editor")
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("\x1b")); err != nil { // Escape
		t.Fatal(err)
	}
	var paused struct {
		Playing bool
		Epoch   int
	}
	p.evalJS(`(() => { nnstep.pause(); const s = nnstep.stats(); return {Playing: s.playing, Epoch: s.epoch}; })()`, &paused)
	if paused.Playing {
		t.Fatal("still playing after pause()")
	}
	p.waitFrames(10)
	if s := p.stats(); s.Playing || s.Epoch != paused.Epoch {
		t.Errorf("10 frames after pause() at epoch %d: playing %v, epoch %d", paused.Epoch, s.Playing, s.Epoch)
	}
	p.assertNoConsoleErrors()
}

// Where no Worker starts, the page trains on its main thread as before.
func TestTrainingFallsBackToTheMainThread(t *testing.T) {
	p := newPageWith(t, workerWorkload, PageOptions{Init: noWorker})
	p.evalJS(`nnstep.play(), true`, nil)
	p.waitJS(`nnstep.stats().epoch >= 20`, time.Minute, "20 epochs on the main thread")
	var where string
	p.evalJS(`nnstep.stats().trainer`, &where)
	if where != "page" {
		t.Errorf("stats().trainer = %q, want page", where)
	}
	p.waitFrames(3)
	p.assertNoConsoleErrors()
}

// In the course iframe's sandbox (docs/delivery.md: allow-scripts
// allow-same-origin) the Worker starts and trains as on the site. The
// frame is made here on the site's own origin, so that the test can read
// its window.nnstep.
func TestBackgroundTrainingInTheSandboxedIframe(t *testing.T) {
	p := newPage(t, "lang=en")
	p.evalJS(`(() => { const f = document.createElement('iframe'); f.id = 'e2e-embed';
		f.setAttribute('sandbox', 'allow-scripts allow-same-origin');
		f.style.cssText = 'width: 900px; height: 700px; position: fixed; top: 0; left: 0; z-index: 9';
		f.src = '/?embed=1&section=descent&lang=en&dataset=xor&layers=2-4-1&act=tanh,sigmoid&speed=0';
		document.body.append(f); return true; })()`, nil)
	const inFrame = `document.getElementById('e2e-embed').contentWindow`
	p.waitJS(`(() => { const w = `+inFrame+`; return !!(w.nnstep && w.nnstep.go) && w.nnstep.stats().trainer === 'worker'; })()`, 2*time.Minute, "the training Worker in the iframe")
	p.evalJS(inFrame+`.nnstep.play(), true`, nil)
	p.waitJS(inFrame+`.nnstep.stats().epoch >= 50`, time.Minute, "50 epochs in the iframe")
	var where string
	p.evalJS(inFrame+`.nnstep.stats().trainer`, &where)
	if where != "worker" {
		t.Errorf("stats().trainer = %q in the iframe, want worker", where)
	}
	p.assertNoConsoleErrors()
}
