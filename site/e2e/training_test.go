package e2e

// Browser tests of issue 18, findings 10, 11 and 13: training at a pace a
// student can watch, the loss curve and the stop conditions by epochs,
// section 8's batch bars, own data.

import (
	"strings"
	"testing"
	"time"
)

// curve mirrors nnstep.history().
type curve struct {
	Epoch []int      `json:"epoch"`
	Train []*float64 `json:"train"`
}

// Finding 11: the default speed is one epoch per frame, so the frontier
// forms under the student's eyes; the speed control goes up to as fast as
// possible.
func TestTrainingSpeedControl(t *testing.T) {
	p := newPage(t, "lang=en&dataset=xor&layers=2-4-1&act=tanh,sigmoid&lr=0.3")
	var speed float64
	p.evalJS(`nnstep.state().speed ?? -1`, &speed)
	if speed != 1 {
		t.Errorf("default speed %v, want 1 epoch per frame", speed)
	}
	p.evalJS(`nnstep.play(); true`, nil)
	most := 0
	for range 20 {
		var n int
		p.evalJS(`nnstep.stats().epochsLastFrame`, &n)
		most = max(most, n)
		time.Sleep(50 * time.Millisecond)
	}
	if most != 1 {
		t.Errorf("at the default speed a frame ran up to %d epochs, want 1", most)
	}
	// The control's last step: as fast as possible.
	var ok bool
	p.evalJS(`(() => { const s = document.querySelector('input[name=speed]'); if (!s) return false;
		s.value = s.max; s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); return true; })()`, &ok)
	if !ok {
		t.Fatal("no speed control (input[name=speed])")
	}
	p.evalJS(`nnstep.state().speed`, &speed)
	if speed != 0 {
		t.Errorf("the speed control's last step gives speed %v, want 0 (as fast as possible)", speed)
	}
	if s := p.search("speed=0"); !strings.Contains(s, "speed=0") {
		t.Errorf("URL %q does not keep speed=0", s)
	}
	p.waitJS(`nnstep.stats().epochsLastFrame > 1`, time.Minute, "several epochs per frame at full speed")
	p.assertNoConsoleErrors()
}

// Finding 11: section 3's 1000-epoch preset, run as fast as possible,
// draws a curve with a point per epoch (it drew 3 points, one per frame).
func TestPresetLossCurveHasAPointPerEpoch(t *testing.T) {
	p := newPage(t, "speed=0")
	p.renderAllSections()
	p.evalJS(`document.getElementById('s-logistic').scrollIntoView(); true`, nil)
	p.waitJS(`!!document.querySelector('#s-logistic [data-preset=hidden]')`, time.Minute, "section 3's presets")
	p.evalJS(`document.querySelector('#s-logistic [data-preset=hidden]').click(); true`, nil)
	p.waitJS(`(() => { const s = nnstep.stats(); return !s.playing && s.epoch === 1000; })()`, 3*time.Minute, "the preset to stop at epoch 1000")
	var h curve
	p.evalJS(`nnstep.history()`, &h)
	t.Logf("1000-epoch preset: %d points on the loss curve", len(h.Epoch))
	if len(h.Epoch) != 1001 || h.Epoch[0] != 0 || h.Epoch[1000] != 1000 {
		t.Errorf("the loss curve of a 1000-epoch run has %d points, want 1001 (epochs 0…1000)", len(h.Epoch))
	}
}

// Finding 11: "stop at loss 0.1" stops at the first epoch whose training
// loss is at most 0.1 (it stopped at epoch 789 with loss 0.009).
func TestTargetLossStopsAtTheFirstEpoch(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-4-1&act=tanh,sigmoid&lr=0.3&target=0.1&speed=0&play=1")
	p.waitJS(`nnstep.stats().epoch > 0 && !nnstep.stats().playing`, 3*time.Minute, "training to stop at the target loss")
	var h curve
	p.evalJS(`nnstep.history()`, &h)
	n := len(h.Epoch)
	if n < 2 || h.Train[n-1] == nil || h.Train[n-2] == nil {
		t.Fatalf("loss curve of %d points", n)
	}
	last, before := *h.Train[n-1], *h.Train[n-2]
	t.Logf("stopped at epoch %d, loss %.4f; epoch %d: loss %.4f", h.Epoch[n-1], last, h.Epoch[n-2], before)
	if last > 0.1 || h.Epoch[n-2] != h.Epoch[n-1]-1 || before <= 0.1 {
		t.Errorf("stopped at epoch %d with loss %.4f, the curve's point before is epoch %d with loss %.4f: want the first epoch whose loss is ≤ 0.1",
			h.Epoch[n-1], last, h.Epoch[n-2], before)
	}
}

// Finding 11: the regression loss curve is drawn on a log scale.
func TestRegressionLossCurveIsLog(t *testing.T) {
	p := newPage(t, "dataset=plane&layers=2-8-1&act=tanh,identity&output=regression&speed=0&stop=3&play=1")
	p.waitJS(`nnstep.stats().epoch === 3 && !nnstep.stats().playing`, 3*time.Minute, "3 epochs")
	p.waitJS(`document.querySelector('canvas.loss-curve').dataset.scale !== undefined`, time.Minute, "the curve drawn")
	var scale string
	p.evalJS(`document.querySelector('canvas.loss-curve').dataset.scale`, &scale)
	if scale != "log" {
		t.Errorf("regression loss curve on a %q scale, want log", scale)
	}
}

// Finding 10: the step-through's batch-cost bars are as long as their
// cost (they all had the same length while the cost fell from 0.7213 to
// 0.5370: their widths were capped by the same max-width).
func TestBatchCostBarsFollowTheCost(t *testing.T) {
	p := lessonPage(t, lessonURL)
	p.evalJS(`(() => { const T = nnstep.trace(); nnstep.stepTo(T.ops.length - 1);
		document.querySelector('#stepper .st-nextiter10').click();
		document.querySelector('#stepper .st-nextiter10').click(); return true; })()`, nil)
	var bars []struct {
		Cost  float64 `json:"cost"`
		Width float64 `json:"width"`
	}
	p.evalJS(`[...document.querySelectorAll('#stepper .st-costs li')].map((li, k) => ({
		cost: Number(li.querySelector('.bar').dataset.cost), width: li.querySelector('.bar').getBoundingClientRect().width }))`, &bars)
	if len(bars) != 3 {
		t.Fatalf("%d bars, want 3", len(bars))
	}
	t.Logf("bars: %+v", bars)
	for k := 1; k < len(bars); k++ {
		want := bars[0].Width * bars[k].Cost / bars[0].Cost
		if !(bars[k].Cost < bars[0].Cost) || bars[k].Width > want+1 || bars[k].Width < want-1 {
			t.Errorf("bar %d: cost %.4f, %.1f px; the first: cost %.4f, %.1f px; want %.1f px (proportional)", k, bars[k].Cost, bars[k].Width, bars[0].Cost, bars[0].Width, want)
		}
	}
}

// Finding 13: own data says what happens. A link with dataset=own shows
// a notice that generated points stand in; the first clicked point goes
// to the training set; an 8-point CSV (4 of each class, listed class by
// class) is split 2 + 2 in each set (with seed 18 the test set was all
// class 0).
func TestOwnDataSaysWhatHappens(t *testing.T) {
	p := newPage(t, "lang=en&dataset=own")
	if texts := noticeTexts(p); !strings.Contains(texts, "200 points") || !strings.Contains(texts, "not stored in the link") {
		t.Errorf("dataset=own from a link: notices %q, want one saying 200 generated points stand in", texts)
	}

	p = newPage(t, "lang=en&dataset=xor&seed=18")
	before := p.stats()
	p.evalJS(`nnstep.addPoint(0.25, -0.75, 1).ok === true`, nil)
	after := p.stats()
	if after.TrainSize != before.TrainSize+1 || after.TestSize != before.TestSize {
		t.Errorf("the first clicked point: %d + %d points became %d + %d; want it in the training set", before.TrainSize, before.TestSize, after.TrainSize, after.TestSize)
	}
	if texts := noticeTexts(p); !strings.Contains(texts, "training set") {
		t.Errorf("after the first click, notices %q; want one saying the point joined the training set", texts)
	}

	csv := "x1,x2,label\n-1,-1,0\n-1,-0.5,0\n-0.5,-1,0\n-0.5,-0.5,0\n1,1,1\n1,0.5,1\n0.5,1,1\n0.5,0.5,1\n"
	p.evalJS(`nnstep.loadCSV(`+"`"+csv+"`"+`).ok === true`, nil)
	var conf struct {
		Of   string  `json:"confusionOf"`
		Rows [][]int `json:"confusion"`
	}
	p.evalJS(`nnstep.stats()`, &conf)
	if conf.Of != "test" || len(conf.Rows) != 2 || conf.Rows[0][0]+conf.Rows[0][1] != 2 || conf.Rows[1][0]+conf.Rows[1][1] != 2 {
		t.Errorf("8-point CSV: test confusion %v (%s); want 2 points of each class in the test set", conf.Rows, conf.Of)
	}
	if texts := noticeTexts(p); !strings.Contains(texts, "4 for training, 4 for testing") {
		t.Errorf("after the CSV, notices %q; want the split said", texts)
	}
	p.assertNoConsoleErrors()
}
