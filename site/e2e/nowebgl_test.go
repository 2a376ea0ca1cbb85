package e2e

// The lesson without WebGL and with a lost WebGL context (docs/stage.md,
// "Without WebGL"): the lesson module never depends on the stage module.

import (
	"context"
	"errors"
	"testing"

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
			r := p.runEssentials(true)
			r.check(t, lang, true)
			savePNG(t, "nowebgl-"+lang+"-stage.png", p.screenshotStage())
			savePNG(t, "nowebgl-"+lang+"-page.png", p.fullScreenshot())
			p.assertNoConsoleErrors()
		})
	}
}
