package e2e

// Issue 16, "What must hold": a series of screenshots of the stage every
// 100 ms for 2 s while the model trains, to see the animation move.

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// animationQuery is the workload (spiral 2-8-8-1 tanh, lr 0.03,
// batch 10), trained as fast as possible (speed=0) as make bench measures
// it: the frontier redrawn every frame.
const animationQuery = "lang=en&dataset=spiral&n=500&noise=0.1&seed=1&layers=2-8-8-1&act=tanh,tanh,sigmoid&lr=0.03&batch=10&speed=0"

// shot is one screenshot of #stage with the epoch nnstep.stats() gave just
// before it and when it was taken.
type shot struct {
	img   image.Image
	epoch int
	at    time.Duration // since the first shot
}

// stageSeries takes n screenshots of #stage, one every interval (or as
// soon as the previous one is done when a capture takes longer), and saves
// them as name-00.png, name-01.png… with savePNG. Each is a capture of the
// viewport clipped to #stage's box, measured once: chromedp's element
// screenshot lays the page out beyond the viewport each time and takes
// seconds on a busy machine.
func stageSeries(p *Page, name string, n int, interval time.Duration) []shot {
	p.t.Helper()
	var clip page.Viewport
	p.evalJS(`(() => { const r = document.getElementById('stage').getBoundingClientRect();
		return {x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY), width: Math.round(r.width), height: Math.round(r.height), scale: 1}; })()`, &clip)
	capture := func() image.Image {
		res, err := chromedp.Call(p.Ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, Clip: &clip, FromSurface: new(true), OptimizeForSpeed: new(true)})
		if err != nil {
			p.t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(res.Data))
		if err != nil {
			p.t.Fatal(err)
		}
		return img
	}
	shots := make([]shot, 0, n)
	start := time.Now()
	for i := range n {
		if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		var epoch int
		p.evalJS(`nnstep.stats().epoch`, &epoch)
		at := time.Since(start)
		img := capture()
		savePNG(p.t, fmt.Sprintf("%s-%02d.png", name, i), img)
		shots = append(shots, shot{img: img, epoch: epoch, at: at})
	}
	return shots
}

// frontierChange is the share of the frontier's pixels (the plane of geo,
// sampled every 2 px, away from its border) whose colour differs between
// a and b by more than a rounding error.
func frontierChange(a, b image.Image, geo geometry, scale float64) float64 {
	changed, total := 0, 0
	for y := int(geo.Plane.Y*scale) + 3; y < int((geo.Plane.Y+geo.Plane.H)*scale)-3; y += 2 {
		for x := int(geo.Plane.X*scale) + 3; x < int((geo.Plane.X+geo.Plane.W)*scale)-3; x += 2 {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if abs(int(r1>>8)-int(r2>>8))+abs(int(g1>>8)-int(g2>>8))+abs(int(b1>>8)-int(b2>>8)) > 6 {
				changed++
			}
			total++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(changed) / float64(total)
}

// animationMoves says why the series does not show training drawn, or ""
// when it does: most consecutive pairs differ in the frontier's pixels
// (at least 0.5 % of them), the epoch grows between most pairs, and it is
// higher at the end.
func animationMoves(t *testing.T, shots []shot, geo geometry, scale float64) string {
	t.Helper()
	pairs := len(shots) - 1
	moved, grew := 0, 0
	for i := 1; i < len(shots); i++ {
		c := frontierChange(shots[i-1].img, shots[i].img, geo, scale)
		t.Logf("shot %2d at %4d ms: epoch %5d, %5.1f %% of the frontier changed since the previous shot",
			i, shots[i].at.Milliseconds(), shots[i].epoch, 100*c)
		if c >= 0.005 {
			moved++
		}
		if shots[i].epoch > shots[i-1].epoch {
			grew++
		}
	}
	switch {
	case 2*moved <= pairs:
		return fmt.Sprintf("the frontier changed between %d of %d consecutive screenshots, want most", moved, pairs)
	case 2*grew <= pairs:
		return fmt.Sprintf("the epoch grew between %d of %d consecutive screenshots, want most", grew, pairs)
	case shots[len(shots)-1].epoch <= shots[0].epoch:
		return fmt.Sprintf("epoch %d at the first screenshot and %d at the last", shots[0].epoch, shots[len(shots)-1].epoch)
	}
	return ""
}

// TestTrainingAnimationMoves takes 20 screenshots of #stage 100 ms apart
// while the spiral trains (play=1) and checks that the animation moves.
// The same check on the page with training off must find it still: the
// check can fail.
func TestTrainingAnimationMoves(t *testing.T) {
	series := func(query, name string) (string, int) {
		p := newPage(t, query)
		p.waitJS(`nnstep.stats().frames > 2`, time.Minute, "stage frames")
		var geo geometry
		p.evalJS(`nnstepGo.geometry()`, &geo)
		var stageW float64
		p.evalJS(`document.getElementById('stage').clientWidth`, &stageW)
		shots := stageSeries(p, name, 20, 100*time.Millisecond)
		scale := float64(shots[0].img.Bounds().Dx()) / stageW
		t.Logf("%s: 20 screenshots in %d ms", name, shots[len(shots)-1].at.Milliseconds())
		p.assertNoConsoleErrors()
		return animationMoves(t, shots, geo, scale), len(shots)
	}
	t.Log("training (play=1):")
	if why, n := series(animationQuery+"&play=1", "animation-play"); why != "" {
		t.Errorf("%d screenshots of the stage while training: %s", n, why)
	}
	t.Log("training off:")
	if why, n := series(animationQuery, "animation-still"); why == "" {
		t.Errorf("%d screenshots of the stage with training off pass the check: it cannot tell a still stage", n)
	}
}
