package e2e

import (
	"fmt"
	"image"
	"testing"
	"time"
)

// One orange everywhere (docs/frontend.md, "Palette"): the page's
// stylesheets, the stage's legend, the frontier the lesson module colours
// and the points the stage draws with WebGL all use css/palette.css's
// class colours, which wasm/palette generates.
func TestOneOrange(t *testing.T) {
	p := newPage(t, xorQuery)
	p.waitJS(`nnstep.stats().frames > 2`, time.Minute, "the stage draws")
	p.evalJS(`nnstep.pause(); true`, nil)
	var c struct {
		Orange, Blue, Class0, Class1, Accent, Swatch, ForwardPhase string
		Frontier                                                   []string
	}
	p.evalJS(`(() => {
	  const css = (e, n) => getComputedStyle(e).getPropertyValue(n).trim();
	  const root = document.documentElement;
	  const ph = document.createElement('span');
	  ph.style.color = 'var(--ph-forward)';
	  document.body.append(ph);
	  const rgb = (s) => { const d = document.createElement('span'); d.style.color = s; document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; };
	  const out = {
	    orange: css(root, '--orange'), blue: css(root, '--blue'),
	    class0: css(root, '--class-0'), class1: css(root, '--class-1'),
	    accent: rgb(css(root, '--accent')), forwardPhase: getComputedStyle(ph).color,
	    swatch: css(document.querySelector('.stage-legend .stg-swatch-disc'), '--c'),
	    frontier: [...new Set(nnstepGo.frontier().points.map((q) => q.color))].sort(),
	  };
	  ph.remove();
	  return out;
	})()`, &c)
	t.Logf("palette: %+v", c)
	if c.Orange == "" || c.Orange != c.Class0 || c.Blue != c.Class1 {
		t.Fatalf("--orange %q, --class-0 %q, --blue %q, --class-1 %q", c.Orange, c.Class0, c.Blue, c.Class1)
	}
	if c.Swatch != c.Orange {
		t.Errorf("the legend's class 0 is %q, --orange is %q", c.Swatch, c.Orange)
	}
	if c.Accent != c.ForwardPhase {
		t.Errorf("--accent is %s, the forward phase %s: both are --blue", c.Accent, c.ForwardPhase)
	}
	if len(c.Frontier) != 2 || c.Frontier[0] != c.Blue || c.Frontier[1] != c.Orange {
		t.Errorf("the frontier's points are %v, want %s and %s", c.Frontier, c.Blue, c.Orange)
	}
	// The stage draws the points in the class colours: their centres are
	// the palette's colours to the pixel.
	img := p.screenshotStage()
	savePNG(t, "palette-stage.png", img)
	for _, want := range []string{c.Orange, c.Blue} {
		if n := countColor(img, want); n < 20 {
			t.Errorf("the stage has %d pixels of %s", n, want)
		}
	}
	p.assertNoConsoleErrors()
}

// countColor counts the pixels of img within 2 of the colour #rrggbb in
// each channel.
func countColor(img image.Image, hex string) int {
	var R, G, B int
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &R, &G, &B); err != nil {
		return 0
	}
	near := func(a uint32, b int) bool { d := int(a>>8) - b; return d >= -2 && d <= 2 }
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if near(r, R) && near(g, G) && near(b, B) {
				n++
			}
		}
	}
	return n
}
