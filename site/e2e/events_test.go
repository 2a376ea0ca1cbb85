package e2e

// Browser tests of the model's events (js/events.js, docs/frontend.md
// "Events"): the step-through and the sections follow a change of the
// stage as it happens, without polling.

import (
	"testing"
)

// TestStepThroughFollowsTheStageAtOnce changes the stage's architecture
// with nnstep.configure, over and over, and measures how long the
// step-through takes to show the new trace (its op list): by the next
// animation frame, every time. It polled every second before.
func TestStepThroughFollowsTheStageAtOnce(t *testing.T) {
	p := lessonPage(t, lessonURL)
	var r struct {
		Ms    []float64 `json:"ms"`
		Task  []float64 `json:"task"`
		Call  []float64 `json:"call"`
		Late  int       `json:"late"`
		Fired int       `json:"fired"`
	}
	p.evalJS(`(async () => {
		await nnstep.ready;
		const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
		const shown = () => document.querySelectorAll('#stepper .st-opselect option').length;
		let fired = 0;
		nnstep.events?.addEventListener('configured', () => fired++);
		for (let k = 0; k < 20 && shown() !== nnstep.trace().ops.length; k++) await frame();
		const ms = [], task = [], call = [];
		let late = 0;
		let before = nnstep.trace().ops.length;
		// Each depth differs from the one before, and so does the number of ops.
		const nets = [['2-3-3-3-1', 'tanh,relu,tanh,sigmoid'], ['2-3-1', 'tanh,sigmoid'], ['2-4-4-1', 'tanh,tanh,sigmoid'],
			['2-5-1', 'relu,sigmoid'], ['2-3-2-1', 'tanh,relu,sigmoid']];
		for (const [layers, act] of nets) {
			await frame();
			const t0 = performance.now();
			nnstep.configure({ layers, act });
			const want = nnstep.trace().ops.length;
			if (want === before) throw new Error(layers + ': as many ops as before');
			before = want;
			const t1 = performance.now();
			for (let k = 0; k < 5 && shown() !== want; k++) await null; // the end of the task
			if (shown() === want) task.push(performance.now() - t0);
			call.push(t1 - t0);
			await frame();
			if (shown() !== want) late++;
			for (let k = 0; k < 200 && shown() !== want; k++) await frame();
			ms.push(performance.now() - t0);
		}
		return { ms, task, call, late, fired };
	})()`, &r)
	t.Logf("nnstep.configure took %.0f ms; the step-through showed the new trace %.0f ms after the call (in the same task: %d of %d), %.0f ms after it with the next frame painted", r.Call, r.Task, len(r.Task), len(r.Ms), r.Ms)
	if r.Late > 0 {
		t.Errorf("%d of %d changes of the stage were not in the step-through by the next frame (%v ms)", r.Late, len(r.Ms), r.Ms)
	}
	if r.Fired < len(r.Ms) {
		t.Errorf("configured fired %d times for %d calls of nnstep.configure", r.Fired, len(r.Ms))
	}
	p.assertNoConsoleErrors()
}
