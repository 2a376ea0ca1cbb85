package e2e

import (
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// stageBox is where the canvas sits and how large its backing store is.
type stageBox struct {
	InStage      bool    `json:"inStage"`
	StageW       float64 `json:"stageW"`
	StageH       float64 `json:"stageH"`
	CSSW         float64 `json:"cssW"`
	CSSH         float64 `json:"cssH"`
	PixW         int     `json:"pixW"`
	PixH         int     `json:"pixH"`
	DPR          float64 `json:"dpr"`
	BodyCanvases int     `json:"bodyCanvases"`
}

const stageBoxJS = `(() => {
  const s = document.getElementById('stage');
  const c = s && s.querySelector('canvas');
  const r = c ? c.getBoundingClientRect() : {width: 0, height: 0};
  return {inStage: !!c, stageW: s.clientWidth, stageH: s.clientHeight, cssW: r.width, cssH: r.height,
    pixW: c ? c.width : 0, pixH: c ? c.height : 0, dpr: devicePixelRatio,
    bodyCanvases: document.querySelectorAll('body > canvas').length};
})()`

// checkStageSize asserts the canvas fills #stage and its backing store has
// the device pixels of that size.
func checkStageSize(t *testing.T, p *Page) stageBox {
	t.Helper()
	// The canvas follows its container one resize event later: wait for it.
	p.waitJS(`(() => { const s = document.getElementById('stage'), c = s.querySelector('canvas');
		return c && Math.abs(c.width - Math.round(s.clientWidth * devicePixelRatio)) <= 1 &&
		       Math.abs(c.height - Math.round(s.clientHeight * devicePixelRatio)) <= 1; })()`, time.Minute, "the canvas to match #stage")
	var b stageBox
	p.evalJS(stageBoxJS, &b)
	if !b.InStage || b.BodyCanvases != 0 {
		t.Fatalf("canvas not inside #stage: %+v", b)
	}
	if b.StageW < 100 || b.StageH < 100 {
		t.Fatalf("#stage is too small: %+v", b)
	}
	if math.Abs(b.CSSW-b.StageW) > 1 || math.Abs(b.CSSH-b.StageH) > 1 {
		t.Errorf("canvas is %.0f×%.0f CSS px, #stage %.0f×%.0f", b.CSSW, b.CSSH, b.StageW, b.StageH)
	}
	if want := int(math.Round(b.StageW * b.DPR)); abs(b.PixW-want) > 1 {
		t.Errorf("canvas backing width %d, want %d (%.0f CSS px at DPR %g)", b.PixW, want, b.StageW, b.DPR)
	}
	if want := int(math.Round(b.StageH * b.DPR)); abs(b.PixH-want) > 1 {
		t.Errorf("canvas backing height %d, want %d", b.PixH, want)
	}
	return b
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestStageLoadsWithoutErrors(t *testing.T) {
	p := newPage(t, "")
	p.waitFrames(3)
	b := checkStageSize(t, p)
	savePNG(t, "desktop-stage.png", p.screenshotStage())
	savePNG(t, "desktop-page.png", p.fullScreenshot())
	// Ebiten must not have taken over the page: the body keeps its layout
	// and the page scrolls.
	var bodyBG string
	p.evalJS(`getComputedStyle(document.body).backgroundColor`, &bodyBG)
	if bodyBG == "rgb(0, 0, 0)" {
		t.Errorf("body background is black (ebiten's inline style won)")
	}
	// The canvas is not focused at start: typing in the page works.
	var focused bool
	p.evalJS(`document.activeElement && document.activeElement.tagName === 'CANVAS'`, &focused)
	if focused {
		t.Error("the stage canvas took the focus at start")
	}
	if _, err := chromedp.Run(p.Ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('input[name=seed]').focus()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(p.Ctx, chromedp.SendKeys(chromedp.CSS(`input[name=seed]`), "7")); err != nil {
		t.Fatal(err)
	}
	var seedVal string
	p.evalJS(`document.querySelector('input[name=seed]').value`, &seedVal)
	if !strings.HasSuffix(seedVal, "7") {
		t.Errorf("typing in the seed field gave %q", seedVal)
	}
	t.Logf("stage %.0f×%.0f CSS px, canvas %d×%d", b.StageW, b.StageH, b.PixW, b.PixH)
	p.assertNoConsoleErrors()
}

func TestStageSizeAtDPR2AndOnResize(t *testing.T) {
	p := newPageWith(t, "lang=en", PageOptions{Width: 375, Height: 800, Scale: 2})
	p.waitFrames(2)
	b := checkStageSize(t, p)
	if b.DPR != 2 {
		t.Fatalf("devicePixelRatio %g, want 2", b.DPR)
	}
	savePNG(t, "phone-stage.png", p.screenshotStage())
	savePNG(t, "phone-page.png", p.fullScreenshot())
	// The container shrinks: the canvas follows.
	p.evalJS(`document.getElementById('stage').style.width = '300px'; true`, nil)
	p.waitFrames(2)
	b2 := checkStageSize(t, p)
	if b2.StageW >= b.StageW || b2.StageW > 300 {
		t.Fatalf("#stage is %.0f px wide after resizing from %.0f to 300", b2.StageW, b.StageW)
	}
	p.assertNoConsoleErrors()
}

// quadrantClass classifies the frontier's colour around plane point
// (x1, x2): +1 for blue (class 1), -1 for orange (class 0), 0 undecided.
func quadrantClass(img image.Image, geo geometry, x1, x2 float64, sx, sy float64) (int, string) {
	px := (geo.Plane.X + (x1-geo.Lo)/(geo.Hi-geo.Lo)*geo.Plane.W) * sx
	py := (geo.Plane.Y + (geo.Hi-x2)/(geo.Hi-geo.Lo)*geo.Plane.H) * sy
	half := geo.Plane.W * sx * 0.06
	blue, orange, other := 0, 0, 0
	for y := int(py - half); y <= int(py+half); y++ {
		for x := int(px - half); x <= int(px+half); x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			R, G, B := int(r>>8), int(g>>8), int(b>>8)
			switch {
			case B > R+40 && B > G: // blue family
				blue++
			case R > B+40 && G > B: // orange family
				orange++
			default:
				other++
			}
		}
	}
	desc := fmt.Sprintf("blue %d, orange %d, other %d around (%.0f, %.0f)", blue, orange, other, px, py)
	switch {
	case blue > 2*orange && blue > other/3:
		return 1, desc
	case orange > 2*blue && orange > other/3:
		return -1, desc
	}
	return 0, desc
}

// geometry is nnstepGo.geometry(): the regions of the canvas in CSS px.
type geometry struct {
	Plane struct{ X, Y, W, H float64 } `json:"plane"`
	Graph struct{ X, Y, W, H float64 } `json:"graph"`
	Lo    float64                      `json:"lo"`
	Hi    float64                      `json:"hi"`
}

// The xor scenario converges in about 100 epochs (wasm/lesson/model TestXorConverges).
const xorQuery = "dataset=xor&n=400&noise=0&seed=1&layers=2-4-1&act=tanh,sigmoid&lr=0.3&batch=10&play=1"

func TestXorFrontierQuadrants(t *testing.T) {
	p := newPage(t, xorQuery)
	p.waitJS(`nnstep.stats().testAccuracy >= 0.97`, 3*time.Minute, "test accuracy ≥ 0.97 on xor")
	p.evalJS(`nnstep.pause(); true`, nil)
	p.waitFrames(3) // the frontier of the paused network is on screen
	s := p.stats()
	t.Logf("epoch %d, test accuracy %.3f", s.Epoch, *s.TestAccuracy)
	var geo geometry
	p.evalJS(`nnstepGo.geometry()`, &geo)
	img := p.screenshotStage()
	savePNG(t, "xor-stage.png", img)
	var stageW, stageH float64
	p.evalJS(`document.getElementById('stage').clientWidth`, &stageW)
	p.evalJS(`document.getElementById('stage').clientHeight`, &stageH)
	sx := float64(img.Bounds().Dx()) / stageW
	sy := float64(img.Bounds().Dy()) / stageH
	// xor: class 1 (blue) where x1·x2 > 0, class 0 (orange) elsewhere.
	for _, q := range []struct {
		name   string
		x1, x2 float64
		want   int
	}{
		{"top right", 0.55, 0.55, 1}, {"top left", -0.55, 0.55, -1},
		{"bottom left", -0.55, -0.55, 1}, {"bottom right", 0.55, -0.55, -1},
	} {
		got, desc := quadrantClass(img, geo, q.x1, q.x2, sx, sy)
		if got != q.want {
			t.Errorf("%s quadrant: class %d, want %d (%s)", q.name, got, q.want, desc)
		}
	}
	p.assertNoConsoleErrors()
}

// setControl sets a form control of the stage as a user would (value, then
// input and change events).
func setControl(p *Page, name, value string) {
	p.t.Helper()
	p.evalJS(fmt.Sprintf(`(() => {
		const el = document.querySelector('#stage-panel [name=%q]');
		if (!el) throw new Error('no control %s');
		el.value = %q;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return true; })()`, name, name, value), nil)
}

func TestControlsChangeStateAndURL(t *testing.T) {
	p := newPage(t, "dataset=circles")
	for _, c := range []struct{ name, value, key, want string }{
		{"dataset", "moons", "dataset", "moons"},
		{"lr", "0.1", "lr", "0.1"},
		{"noise", "0.3", "noise", "0.3"},
		{"batch", "25", "batch", "25"},
		{"output", "regression", "output", "regression"},
	} {
		setControl(p, c.name, c.value)
		var got string
		p.evalJS(fmt.Sprintf(`String(nnstep.state()[%q])`, c.key), &got)
		if got != c.want {
			t.Errorf("after setting %s to %s, state().%s = %s", c.name, c.value, c.key, got)
		}
		if search := p.search(c.key + "=" + c.want); !strings.Contains(search, c.key+"="+c.want) {
			t.Errorf("after setting %s to %s, the URL is %s", c.name, c.value, search)
		}
	}
	// The architecture editor: add a hidden layer, then a unit to it.
	var before string
	p.evalJS(`nnstep.state().layers`, &before)
	p.evalJS(`document.querySelector('[data-action=add-layer]').click(); true`, nil)
	var after string
	p.evalJS(`nnstep.state().layers`, &after)
	if strings.Count(after, "-") != strings.Count(before, "-")+1 {
		t.Errorf("add layer: %s → %s", before, after)
	}
	if search := p.search("layers=" + after); !strings.Contains(search, "layers="+after) {
		t.Errorf("the URL %s does not hold layers=%s", search, after)
	}
	// Play from the button: the state and the URL say so.
	p.evalJS(`document.querySelector('[data-action=play]').click(); true`, nil)
	p.waitJS(`nnstep.stats().epoch > 0`, time.Minute, "training to start")
	if search := p.search("play=1"); !strings.Contains(search, "play=1") {
		t.Errorf("playing, but the URL is %s", search)
	}
	p.assertNoConsoleErrors()
}

func TestInvalidURLValuesFallBackWithNotices(t *testing.T) {
	p := newPage(t, "dataset=banana&lr=abc&layers=2-x-1&n=5&lang=en")
	var st struct {
		Dataset string  `json:"dataset"`
		LR      float64 `json:"lr"`
		Layers  string  `json:"layers"`
		N       float64 `json:"n"`
	}
	p.evalJS(`nnstep.state()`, &st)
	if st.Dataset != "circles" || st.LR != 0.03 || st.Layers != "2-4-4-1" || st.N != 200 {
		t.Errorf("state after invalid values: %+v", st)
	}
	var texts []string
	p.evalJS(`[...document.querySelectorAll('#notices .notice')].map(n => n.textContent)`, &texts)
	all := strings.Join(texts, "\n")
	for _, key := range []string{"dataset", "lr", "layers", "n"} {
		if !strings.Contains(all, "“"+key+"”") {
			t.Errorf("no notice names %q; notices:\n%s", key, all)
		}
	}
	p.waitFrames(2)
	p.assertNoConsoleErrors()
}

func TestCSVWithABadLineChangesNothing(t *testing.T) {
	p := newPage(t, "dataset=moons&n=100")
	var before string
	p.evalJS(`nnstepGo.exportCSV().csv`, &before)
	dir := t.TempDir()
	path := filepath.Join(dir, "points.csv")
	bad := "x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n-0.3,oops,1\n0.2,0.2,0\n"
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(p.Ctx, chromedp.SetUploadFiles(chromedp.CSS(`#stage-panel input[name=csv]`), []string{path})); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`!!document.querySelector('#notices [data-notice-id=csv]')`, time.Minute, "the CSV notice")
	var msg, line string
	p.evalJS(`document.querySelector('#notices [data-notice-id=csv]').textContent`, &msg)
	p.evalJS(`document.querySelector('#notices [data-notice-id=csv]').dataset.line`, &line)
	if line != "4" || !strings.Contains(msg, "4") || !strings.Contains(msg, "oops") {
		t.Errorf("notice %q (line %s), want it to name line 4 and its value", msg, line)
	}
	var after, dataset string
	p.evalJS(`nnstepGo.exportCSV().csv`, &after)
	p.evalJS(`nnstep.state().dataset`, &dataset)
	if after != before || dataset != "moons" {
		t.Errorf("a rejected CSV changed the data (dataset %s)", dataset)
	}
	// A good file is taken.
	good := "x1,x2,label\n0.1,0.2,0\n0.5,0.4,1\n-0.3,0.7,1\n0.2,-0.2,0\n0.9,0.1,2\n"
	if err := os.WriteFile(path, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(p.Ctx, chromedp.SetUploadFiles(chromedp.CSS(`#stage-panel input[name=csv]`), []string{path})); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`nnstep.state().dataset === 'own'`, time.Minute, "the good CSV")
	var st struct {
		Layers string `json:"layers"`
		Output string `json:"output"`
	}
	p.evalJS(`nnstep.state()`, &st)
	if !strings.HasSuffix(st.Layers, "-3") || st.Output != "multi" {
		t.Errorf("after a 3-class CSV: %+v", st)
	}
	p.assertNoConsoleErrors()
}

func TestDivergencePausesAndNamesTheOp(t *testing.T) {
	p := newPage(t, "dataset=plane&layers=2-8-8-1&act=relu,relu,identity&lr=100000&play=1")
	p.waitJS(`(() => { const s = nnstep.stats(); return s.diverged && !s.playing; })()`, 2*time.Minute, "divergence")
	s := p.stats()
	if s.Diverged.Op == "" || s.Diverged.Phase == "" {
		t.Fatalf("diverged without naming the op: %+v", s.Diverged)
	}
	p.waitJS(`!!document.querySelector('#notices [data-notice-id=diverged]')`, time.Minute, "the divergence notice")
	var msg string
	p.evalJS(`document.querySelector('#notices [data-notice-id=diverged]').textContent`, &msg)
	if !strings.Contains(msg, s.Diverged.Op) {
		t.Errorf("notice %q does not name the op %s", msg, s.Diverged.Op)
	}
	// Training stays paused, the numbers shown are finite, and no NaN is
	// drawn: the frontier has none of the non-finite grey.
	epoch := s.Epoch
	p.waitFrames(5)
	if s2 := p.stats(); s2.Epoch != epoch || s2.Playing {
		t.Errorf("training went on after the divergence: epoch %d → %d", epoch, s2.Epoch)
	}
	var text string
	p.evalJS(`document.getElementById('stage-panel').innerText`, &text)
	if strings.Contains(text, "NaN") || strings.Contains(text, "Infinity") {
		t.Errorf("the panel shows NaN or Infinity:\n%s", text)
	}
	if s.TrainLoss == nil || math.IsNaN(*s.TrainLoss) {
		t.Errorf("training loss after divergence: %v", s.TrainLoss)
	}
	var geo geometry
	p.evalJS(`nnstepGo.geometry()`, &geo)
	img := p.screenshotStage()
	savePNG(t, "diverged-stage.png", img)
	var stageW float64
	p.evalJS(`document.getElementById('stage').clientWidth`, &stageW)
	sc := float64(img.Bounds().Dx()) / stageW
	grey, total := 0, 0
	for y := int(geo.Plane.Y*sc) + 2; y < int((geo.Plane.Y+geo.Plane.H)*sc)-2; y += 3 {
		for x := int(geo.Plane.X*sc) + 2; x < int((geo.Plane.X+geo.Plane.W)*sc)-2; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			if abs(int(r>>8)-0x9c) < 4 && abs(int(g>>8)-0xa3) < 4 && abs(int(b>>8)-0xaf) < 4 {
				grey++
			}
			total++
		}
	}
	if grey > total/50 {
		t.Errorf("%d of %d frontier pixels have the non-finite colour", grey, total)
	}
	p.assertNoConsoleErrors()
}

func TestStepToHighlightsAndCallsListeners(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-3-1&act=relu,sigmoid")
	var r struct {
		Calls []int  `json:"calls"`
		Op    string `json:"op"`
		N     int    `json:"n"`
		Step  int    `json:"step"`
		X     int    `json:"x"`
	}
	p.evalJS(`(() => {
		const calls = [];
		nnstep.onStep((i) => calls.push(i));
		const tr = nnstep.trace();
		const op = nnstep.stepTo(2);
		return {calls, op: op.result.name, n: tr.ops.length, step: nnstep.state().step, x: tr.X[0].length};
	})()`, &r)
	if len(r.Calls) != 1 || r.Calls[0] != 2 || r.Op == "" || r.Step != 2 || r.X != 4 {
		t.Errorf("stepTo(2): %+v", r)
	}
	// A single change is in the URL at once (a reload right after keeps it);
	// only the rest of a burst waits (js/main.js, writeURL).
	var search string
	p.evalJS(`location.search`, &search)
	if !strings.Contains(search, "step=2") {
		t.Errorf("URL %s lacks step=2", search)
	}
	p.waitFrames(2)
	p.assertNoConsoleErrors()
}

// canvasPoint converts canvas CSS coordinates to viewport coordinates.
func canvasPoint(p *Page, x, y float64) (float64, float64) {
	p.t.Helper()
	var r struct{ Left, Top float64 }
	p.evalJS(`(() => { const b = document.querySelector('#stage canvas').getBoundingClientRect(); return {Left: b.left, Top: b.top}; })()`, &r)
	return r.Left + x, r.Top + y
}

type graphGeometry struct {
	geometry
	Nodes [][]struct{ X, Y float64 } `json:"nodes"`
	R     float64                    `json:"r"`
}

func TestClickAnEdgeToTypeAWeight(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-3-1&act=tanh,sigmoid")
	p.waitFrames(2)
	var geo graphGeometry
	p.evalJS(`nnstepGo.geometry()`, &geo)
	a, b := geo.Nodes[0][0], geo.Nodes[1][0]
	x, y := canvasPoint(p, a.X+0.3*(b.X-a.X), a.Y+0.3*(b.Y-a.Y))
	if err := chromedp.Do(p.Ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`!document.querySelector('.weight-editor').hidden && document.activeElement.id === 'weight-editor-input'`, time.Minute, "the weight editor, focused")
	var label string
	p.evalJS(`document.querySelector('.weight-editor-label').textContent`, &label)
	var e struct{ Layer, Row, Col string }
	p.evalJS(`({...document.querySelector('.weight-editor').dataset})`, &e)
	var l, i, j int
	if _, err := fmt.Sscanf(e.Layer+" "+e.Row+" "+e.Col, "%d %d %d", &l, &i, &j); err != nil {
		t.Fatalf("editor of %q: entry %+v: %v", label, e, err)
	}
	// Type the new value as a student would: select all, type, Enter.
	p.evalJS(`document.getElementById('weight-editor-input').select(); true`, nil)
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("1.25\r")); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`document.querySelector('.weight-editor').hidden`, time.Minute, "the editor to close")
	var w float64
	p.evalJS(fmt.Sprintf(`nnstep.trace().W[%d][%d][%d]`, l-1, i-1, j-1), &w)
	if w != 1.25 {
		t.Errorf("after typing 1.25 into %s, the weight is %v", label, w)
	}
	p.assertNoConsoleErrors()
}

func TestHoverANeuronShowsItsOutput(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-3-1&act=tanh,sigmoid&seed=3")
	p.waitFrames(2)
	var geo graphGeometry
	p.evalJS(`nnstepGo.geometry()`, &geo)
	plane := func() image.Image {
		img := p.screenshotStage()
		return img
	}
	before := plane()
	n := geo.Nodes[1][1]
	x, y := canvasPoint(p, n.X, n.Y)
	if err := chromedp.Do(p.Ctx, chromedp.MouseEvent("mouseMoved", x, y)); err != nil {
		t.Fatal(err)
	}
	p.waitFrames(3)
	after := plane()
	savePNG(t, "hover-neuron.png", after)
	// The frontier region changed: it now shows A[1] unit 2, not the output.
	var stageW float64
	p.evalJS(`document.getElementById('stage').clientWidth`, &stageW)
	sc := float64(before.Bounds().Dx()) / stageW
	diff, total := 0, 0
	for yy := int(geo.Plane.Y*sc) + 4; yy < int((geo.Plane.Y+geo.Plane.H)*sc)-4; yy += 4 {
		for xx := int(geo.Plane.X*sc) + 4; xx < int((geo.Plane.X+geo.Plane.W)*sc)-4; xx += 4 {
			r1, g1, b1, _ := before.At(xx, yy).RGBA()
			r2, g2, b2, _ := after.At(xx, yy).RGBA()
			if abs(int(r1>>8)-int(r2>>8))+abs(int(g1>>8)-int(g2>>8))+abs(int(b1>>8)-int(b2>>8)) > 30 {
				diff++
			}
			total++
		}
	}
	if diff < total/10 {
		t.Errorf("hovering a neuron changed %d of %d frontier pixels", diff, total)
	}
	p.assertNoConsoleErrors()
}

// An activation the output cannot take is replaced, and the notice names
// the replacement by its label in the page's language, not by its URL token.
func TestAdjustedActivationNoticeSpeaksThePageLanguage(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		p := newPage(t, "act=relu&lang="+lang)
		p.waitJS(`!!document.querySelector('#notices [data-notice-id=url-act]')`, 30*time.Second, "the act notice")
		var got, label string
		p.evalJS(`document.querySelector('#notices [data-notice-id=url-act]').textContent`, &got)
		p.evalJS(`import('./js/i18n.js').then((m) => m.t('act.name.sigmoid'))`, &label)
		if label == "" || label == "act.name.sigmoid" || !strings.Contains(got, label) {
			t.Errorf("%s: notice %q does not name the output's activation by its label %q", lang, got, label)
		}
		if lang == "fr" && wholeWord(got, "sigmoid") >= 0 {
			t.Errorf("fr: notice %q uses the URL token sigmoid", got)
		}
	}
}

// glDrawsJS counts the WebGL draw calls of the page (window.glDraws), run
// before the page's own scripts.
const glDrawsJS = `window.glDraws = 0;
for (const name of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced']) {
  const f = WebGL2RenderingContext.prototype[name];
  WebGL2RenderingContext.prototype[name] = function (...args) { window.glDraws++; return f.apply(this, args); };
}`

// An idle stage draws nothing: with the model paused and no pointer on
// it, a second of animation frames makes no WebGL draw call, while the
// stage keeps answering (stats().frames goes on). A hover, a highlight
// and a resize each draw again (docs/stage.md, "Drawing").
func TestIdleStageDrawsNothing(t *testing.T) {
	p := newPageWith(t, "dataset=xor&layers=2-3-1&act=tanh,sigmoid&seed=3&lang=en", PageOptions{Init: glDrawsJS})
	p.waitFrames(5)
	type count struct {
		Draws   int `json:"draws"`
		Frames  int `json:"frames"`
		Redrawn int `json:"redrawn"`
	}
	// idle waits for half a second of animation frames and then counts the
	// draw calls over the next second.
	idle := func(what string) count {
		t.Helper()
		var c count
		p.evalJS(`new Promise((res) => {
		  const t0 = performance.now();
		  let a = null;
		  const tick = () => {
		    const now = performance.now();
		    const s = nnstep.stats();
		    if (!a && now - t0 > 500) a = {draws: glDraws, frames: s.frames, redrawn: s.redrawn};
		    if (a && now - t0 > 1500) res({draws: glDraws - a.draws, frames: s.frames - a.frames, redrawn: s.redrawn - a.redrawn});
		    else requestAnimationFrame(tick);
		  };
		  requestAnimationFrame(tick);
		})`, &c)
		if c.Frames < 3 {
			t.Fatalf("%s: the stage showed %d frames in a second", what, c.Frames)
		}
		if c.Draws != 0 || c.Redrawn != 0 {
			t.Errorf("%s: an idle stage made %d WebGL draw calls and redrew %d of %d frames in a second", what, c.Draws, c.Redrawn, c.Frames)
		}
		return c
	}
	drawsAfter := func(what, js string) {
		t.Helper()
		var d0, d1 int
		p.evalJS(`glDraws`, &d0)
		p.evalJS(js, nil)
		p.waitFrames(3)
		p.evalJS(`glDraws`, &d1)
		if d1 == d0 {
			t.Errorf("%s: the stage did not draw again", what)
		}
		idle("after " + what)
	}
	idle("paused, no pointer")

	var geo graphGeometry
	p.evalJS(`nnstepGo.geometry()`, &geo)
	n := geo.Nodes[1][1]
	x, y := canvasPoint(p, n.X, n.Y)
	var d0, d1 int
	p.evalJS(`glDraws`, &d0)
	if err := chromedp.Do(p.Ctx, chromedp.MouseEvent("mouseMoved", x, y)); err != nil {
		t.Fatal(err)
	}
	p.waitFrames(3)
	p.evalJS(`glDraws`, &d1)
	if d1 == d0 {
		t.Errorf("hovering a neuron: the stage did not draw again")
	}
	idle("hovering a neuron")
	drawsAfter("a highlight", `nnstep.highlight({neurons: [[1, 0]]}); true`)
	drawsAfter("a resize", `document.getElementById('stage').style.width = '600px'; true`)
	drawsAfter("an epoch", `nnstep.stepEpoch(); true`)
	p.assertNoConsoleErrors()
}
