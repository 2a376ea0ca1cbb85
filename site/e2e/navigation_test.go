package e2e

// Browser tests of issue 18, findings 5, 6, 7, 9 and 12: finding one's way
// in the page (the stage while a section drives it, on a phone too; the
// menu and the language toggle from anywhere; deep links), notices that
// stay out of the way, and a language switch that loses nothing.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// rect is an element's bounding box in CSS pixels, from the viewport.
type rect struct {
	Top, Bottom, Left, Right, Height float64
	Found                            bool
}

// rectJS is a JS function returning the rect of element e.
const rectJS = `(e) => { if (!e) return {Found: false}; const r = e.getBoundingClientRect();
	return {Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right, Height: r.height, Found: r.width > 0 && r.height > 0}; }`

// rectOf returns the rect of the first match of sel.
func rectOf(p *Page, sel string) rect {
	p.t.Helper()
	var r rect
	p.evalJS(fmt.Sprintf(`(%s)(document.querySelector(%q))`, rectJS, sel), &r)
	return r
}

// barBottom is where the content starts under the page's sticky bar (the
// table of contents), 0 when it is not on screen.
func barBottom(p *Page) float64 {
	var b float64
	p.evalJS(`Math.max(0, document.getElementById('toc').getBoundingClientRect().bottom)`, &b)
	return b
}

// contentTop is where the content starts under the bar and, on a narrow
// screen, the stage docked below it.
func contentTop(p *Page) float64 {
	var b float64
	p.evalJS(`Math.max(0, document.getElementById('toc').getBoundingClientRect().bottom,
		document.documentElement.classList.contains('stage-docked') ? document.getElementById('stage').getBoundingClientRect().bottom : 0)`, &b)
	return b
}

// viewportHeight returns innerHeight.
func viewportHeight(p *Page) float64 {
	var h float64
	p.evalJS(`innerHeight`, &h)
	return h
}

// waitScrollStill waits until scrollY has not moved for 300 ms (a smooth
// scroll has ended, the layout has settled).
func waitScrollStill(p *Page) {
	p.t.Helper()
	p.evalJS(`new Promise((res) => { let y = scrollY, since = performance.now(), start = since;
		const f = () => { const now = performance.now();
			if (scrollY !== y) { y = scrollY; since = now; }
			if (now - since > 300 || now - start > 10000) res(true); else requestAnimationFrame(f); };
		requestAnimationFrame(f); })`, nil)
}

// scrollToSection scrolls the window so that section key's heading is at
// the top, as a student who scrolled there.
func scrollToSection(p *Page, key string) {
	p.t.Helper()
	p.evalJS(fmt.Sprintf(`(() => { const h = document.getElementById('h-%s');
		scrollTo(0, scrollY + h.getBoundingClientRect().top - 60); return true; })()`, key), nil)
	waitScrollStill(p)
}

// inView reports whether r lies within the viewport below the bar.
func inView(r rect, top, height float64) bool {
	return r.Found && r.Top >= top-1 && r.Bottom <= height+1
}

// Finding 5: on a phone, a section that drives the stage (section 3's
// presets, the step-through's highlights) shows the stage without
// scrolling, without hiding the control the student used; the text no
// longer says the stage is in "the panel beside" where it is not.
func TestPhoneSeesTheStageWhileASectionDrivesIt(t *testing.T) {
	for _, c := range []struct {
		w, h int64
		lang string
	}{{390, 844, "fr"}, {390, 844, "en"}, {1280, 800, "fr"}} {
		p := newPageWith(t, "lang="+c.lang, PageOptions{Width: c.w, Height: c.h})
		p.renderAllSections()
		name := fmt.Sprintf("%dpx-%s", c.w, c.lang)

		scrollToSection(p, "logistic")
		preset := `#s-logistic [data-preset=linear]`
		p.evalJS(fmt.Sprintf(`(() => { document.querySelector(%q).scrollIntoView({block: 'center'}); document.querySelector(%q).click(); return true; })()`, preset, preset), nil)
		p.waitJS(`nnstep.stats().epoch > 0`, time.Minute, "the preset to train")
		p.waitFrames(3)
		waitScrollStill(p)
		vh := viewportHeight(p)
		stage := rectOf(p, "#stage")
		button := rectOf(p, preset)
		if !inView(stage, 0, vh) || stage.Height < 150 {
			t.Errorf("%s: a section-3 preset runs, but the stage is at %+v (viewport height %v)", name, stage, vh)
		}
		if !inView(button, 0, vh) || overlaps(p, preset, "#stage") {
			t.Errorf("%s: the preset button %+v is hidden or under the stage %+v", name, button, stage)
		}
		savePNG(t, "nav-phone-preset-"+name+".png", p.fullScreenshot())

		// The visible notes about where the stage is tell the truth.
		var notes []string
		p.evalJS(`[...document.querySelectorAll('#lesson .stage-note')].filter(e => e.offsetParent !== null).map(e => e.textContent)`, &notes)
		var text string
		p.evalJS(`document.getElementById('s-logistic').innerText`, &text)
		beside := map[string]string{"fr": "à côté", "en": "alongside"}[c.lang]
		if c.w < 980 && strings.Contains(text, beside) {
			t.Errorf("%s: section 3 says the stage is %q on a phone: %q", name, beside, notes)
		}
		if c.w >= 980 && (len(notes) == 0 || !strings.Contains(strings.Join(notes, " "), beside)) {
			t.Errorf("%s: section 3's note on a wide screen: %q, want it to say %q", name, notes, beside)
		}

		// The step-through: the op highlighted is on the stage in view.
		scrollToSection(p, "backward")
		p.evalJS(`(() => { const b = [...document.querySelectorAll('#s-backward .stepper-away button')].find(b => b.offsetParent !== null); if (b) b.click(); return true; })()`, nil)
		p.waitJS(`!!document.querySelector('#s-backward #stepper [data-op-index]')`, time.Minute, "the step-through in section 7")
		p.evalJS(`document.getElementById('stepper').scrollIntoView({block: 'start'}); document.querySelector('#stepper .st-next').click(); true`, nil)
		waitScrollStill(p)
		stage = rectOf(p, "#stage")
		next := rectOf(p, "#stepper .st-next")
		if !inView(stage, 0, vh) || stage.Height < 150 {
			t.Errorf("%s: the step-through highlights an op, but the stage is at %+v", name, stage)
		}
		if !inView(next, 0, vh) || overlaps(p, "#stepper .st-next", "#stage") {
			t.Errorf("%s: the step-through's Next button %+v is hidden or under the stage %+v", name, next, stage)
		}
		savePNG(t, "nav-phone-step-"+name+".png", p.fullScreenshot())

		// Section 1 does not drive the stage: nothing is docked over it.
		scrollToSection(p, "activations")
		stage = rectOf(p, "#stage")
		if c.w < 980 && stage.Bottom > 0 && stage.Top < vh {
			t.Errorf("%s: reading section 2, the stage is still on screen at %+v", name, stage)
		}
		p.assertNoConsoleErrors()
	}
}

// overlaps reports whether the element sel is covered by the element
// cover: the point at its centre belongs to cover.
func overlaps(p *Page, sel, cover string) bool {
	var covered bool
	p.evalJS(fmt.Sprintf(`(() => { const e = document.querySelector(%q); const r = e.getBoundingClientRect();
		const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return !!at && !!at.closest(%q); })()`, sel, cover), &covered)
	return covered
}

// Finding 6: the table of contents and the language toggle stay within
// reach anywhere in the page, at 1280 and 390 px, covering neither the
// stage nor a heading reached through them; they work from the keyboard.
func TestMenuAndLanguageStayReachable(t *testing.T) {
	for _, c := range []struct{ w, h int64 }{{1280, 800}, {390, 844}} {
		p := newPageWith(t, "", PageOptions{Width: c.w, Height: c.h})
		p.renderAllSections()
		name := fmt.Sprintf("%dpx", c.w)
		scrollToSection(p, "pathologies")
		vh := viewportHeight(p)
		toggle := `.lang-toggle button[data-lang=en]`
		if r := rectOf(p, toggle); !inView(r, 0, vh) {
			t.Errorf("%s: at section 10, the language toggle is at %+v", name, r)
		} else if !overlaps(p, toggle, ".lang-toggle") {
			t.Errorf("%s: at section 10, the language toggle is covered", name)
		}
		if r := rectOf(p, "#toc"); !inView(r, 0, vh) {
			t.Errorf("%s: at section 10, the table of contents is at %+v", name, r)
		}
		savePNG(t, "nav-menu-"+name+".png", p.fullScreenshot())

		// From the keyboard: Tab into the menu, to section 6's link, Enter.
		p.evalJS(`document.activeElement && document.activeElement.blur(); document.querySelector('#toc a[data-toc=cost]').focus(); true`, nil)
		if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		waitScrollStill(p)
		bar := contentTop(p)
		h := rectOf(p, "#h-cost")
		if !h.Found || h.Top < bar-1 || h.Top > bar+60 {
			t.Errorf("%s: Enter on the menu's link to section 6 puts its heading at %+v, the bar ends at %v", name, h, bar)
		}
		var focusable bool
		p.evalJS(`(() => { const b = document.querySelector('.lang-toggle button[data-lang=en]'); b.focus(); return document.activeElement === b; })()`, &focusable)
		if !focusable {
			t.Errorf("%s: the language toggle cannot take the focus", name)
		}
		if err := chromedp.Do(p.Ctx, chromedp.KeyEvent(" ")); err != nil {
			t.Fatal(err)
		}
		p.waitJS(`document.documentElement.lang === 'en'`, 10*time.Second, "English after Space on the toggle")

		// The bar never covers the stage (at 1280 px, the stage is in view).
		if c.w >= 980 {
			if s := rectOf(p, "#stage"); s.Top < barBottom(p)-1 {
				t.Errorf("%s: the stage's top %v is under the bar (ends at %v)", name, s.Top, barBottom(p))
			}
		}
		p.assertNoConsoleErrors()
	}
}

// Finding 7: a deep link to a step, and "Bring it here", land on the op
// asked for, fully in view below the page's bar.
func TestDeepLinksLandOnTheOp(t *testing.T) {
	for _, c := range []struct{ w, h int64 }{{1280, 800}, {390, 844}} {
		name := fmt.Sprintf("%dpx", c.w)
		p := newPageWith(t, "lang=en&section=backward&step=12", PageOptions{Width: c.w, Height: c.h})
		p.waitJS(`!!document.querySelector('#s-backward #stepper [data-op-index="12"]')`, time.Minute, "op 12 in section 7")
		p.waitFrames(5)
		waitScrollStill(p)
		checkOpInView(p, name+", ?section=backward&step=12")
		savePNG(t, "nav-deeplink-"+name+".png", p.fullScreenshot())

		// A section alone lands on its heading.
		p = newPageWith(t, "section=descent", PageOptions{Width: c.w, Height: c.h})
		p.waitFrames(5)
		waitScrollStill(p)
		bar := contentTop(p)
		if h := rectOf(p, "#h-descent"); !h.Found || h.Top < bar-1 || h.Top > bar+60 {
			t.Errorf("%s, ?section=descent: the heading is at %+v, the bar ends at %v", name, h, bar)
		}

		// Section 6's "Bring it here": the step-through is in section 5.
		p = newPageWith(t, "", PageOptions{Width: c.w, Height: c.h})
		p.renderAllSections()
		scrollToSection(p, "cost")
		p.evalJS(`document.querySelector('#s-cost .stepper-away button').click(); true`, nil)
		p.waitJS(`!!document.querySelector('#s-cost #stepper [data-op-index]')`, time.Minute, "the step-through in section 6")
		waitScrollStill(p)
		checkOpInView(p, name+", Bring it here in section 6")
		p.assertNoConsoleErrors()
	}
}

// checkOpInView checks that the step-through's bar and current op are in
// view below the page's bar: the whole op when it fits, else its head.
func checkOpInView(p *Page, what string) {
	p.t.Helper()
	bar := contentTop(p)
	vh := viewportHeight(p)
	panel := rectOf(p, "#stepper")
	nav := rectOf(p, "#stepper .st-nav")
	op := rectOf(p, "#stepper [data-op-index]")
	head := rectOf(p, "#stepper .st-op-head")
	if !inView(nav, bar, vh) {
		p.t.Errorf("%s: the step-through's buttons are at %+v (bar ends at %v, viewport %v)", what, nav, bar, vh)
	}
	// The op fits when the panel, at the top below the bar, shows it whole.
	if op.Bottom-panel.Top <= vh-bar {
		if !inView(op, bar, vh) {
			p.t.Errorf("%s: the op (it fits) is at %+v (bar ends at %v, viewport %v)", what, op, bar, vh)
		}
	} else if !inView(head, bar, vh) {
		p.t.Errorf("%s: the op's head is at %+v (bar ends at %v, viewport %v)", what, head, bar, vh)
	}
}

// Finding 9: notices never hide what they talk about, collapse instead of
// stacking, and follow the page's language.
func TestNoticesStayOutOfTheWay(t *testing.T) {
	p := newPage(t, "")
	p.renderAllSections()

	// A preset that stops: the "training stopped" notice leaves section
	// 3's readout and the stage visible.
	scrollToSection(p, "logistic")
	p.evalJS(`(() => { const s = document.querySelector('#s-logistic .stage-stats'); scrollTo(0, scrollY + s.getBoundingClientRect().bottom - innerHeight + 40); return true; })()`, nil)
	waitScrollStill(p)
	p.evalJS(`document.querySelector('#s-logistic [data-preset=linear]').click(); true`, nil)
	p.waitJS(`!nnstep.stats().playing && nnstep.stats().epoch === 1000`, 3*time.Minute, "the preset to stop at epoch 1000")
	p.waitJS(`!!document.querySelector('#notices [data-notice-id=stopped]')`, 10*time.Second, "the stopped notice")
	waitScrollStill(p)
	for _, sel := range []string{"#s-logistic .stage-stats", "#s-logistic .frontier-line", "#stage"} {
		if noticeCovers(p, sel) {
			t.Errorf("the stopped notice covers %s", sel)
		}
	}
	savePNG(t, "nav-notice-stopped.png", p.fullScreenshot())

	// Four refused values: the notices collapse to one card's height.
	for _, f := range []string{"lr", "seed", "batch", "stop"} {
		typeInto(p, `#stage-panel [name=`+f+`]`, "abc")
	}
	var n int
	p.evalJS(`document.querySelectorAll('#notices [data-notice-id^=number-]').length`, &n)
	if n != 4 {
		t.Errorf("%d number notices after four refused values, want 4 (shown or collapsed)", n)
	}
	var height float64
	p.evalJS(`document.getElementById('notices').getBoundingClientRect().height`, &height)
	if height > 110 {
		t.Errorf("four refused values stack %v px of notices, want them collapsed (≤ 110 px)", height)
	}
	savePNG(t, "nav-notice-collapsed.png", p.fullScreenshot())

	// A refused weight: French, then English after the switch, as every
	// notice shown.
	p.evalJS(`document.getElementById('stage-panel').scrollTop = 0; true`, nil)
	openEdgeEditor(p)
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("1e9\r")); err != nil {
		t.Fatal(err)
	}
	p.waitJS(`!!document.querySelector('#notices [data-notice-id=weight]')`, time.Minute, "the weight notice")
	var w string
	p.evalJS(`document.querySelector('#notices [data-notice-id=weight] p').textContent`, &w)
	if !strings.HasPrefix(w, "Valeur refusée") || !strings.Contains(w, "un poids") {
		t.Errorf("the French weight notice: %q", w)
	}
	p.evalJS(`document.querySelector('.lang-toggle button[data-lang="en"]').click(); true`, nil)
	p.evalJS(`document.querySelector('#notices [data-notice-id=weight] p').textContent`, &w)
	if !strings.HasPrefix(w, "Value rejected") || !strings.Contains(w, "weight") || strings.Contains(w, "poids") {
		t.Errorf("after switching to English, the weight notice reads %q", w)
	}
	var texts []string
	p.evalJS(`[...document.querySelectorAll('#notices [data-notice-id^=number-] p')].map(p => p.textContent)`, &texts)
	for _, s := range texts {
		if strings.Contains(s, "n’est pas") || strings.Contains(s, "valeur") {
			t.Errorf("after switching to English, a notice is still French: %q", s)
		}
	}
	p.assertNoConsoleErrors()
}

// noticeCovers reports whether a notice on screen overlaps the element sel.
func noticeCovers(p *Page, sel string) bool {
	p.t.Helper()
	var covered bool
	p.evalJS(fmt.Sprintf(`(() => { const t = document.querySelector(%q).getBoundingClientRect();
		return [...document.querySelectorAll('#notices .notice')].some((n) => { const r = n.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top; }); })()`, sel), &covered)
	return covered
}

// Finding 12: switching the language keeps a typed exercise answer, the
// section and the step in the URL, and translates the stage's labels.
func TestLanguageSwitchKeepsTheAnswer(t *testing.T) {
	p := newPage(t, "section=backward&step=12")
	p.waitJS(`!!document.querySelector('#stepper [data-op-index="12"]')`, time.Minute, "op 12")
	p.waitFrames(3)
	waitScrollStill(p)
	p.evalJS(`document.getElementById('st-exercise').click(); true`, nil)
	p.waitJS(`!!document.querySelector('#stepper .ex-in')`, 10*time.Second, "the exercise's fields")
	p.evalJS(`(() => { const e = document.querySelector('#stepper .ex-in'); e.focus(); return true; })()`, nil)
	if err := chromedp.Do(p.Ctx, chromedp.KeyEvent("0,25")); err != nil {
		t.Fatal(err)
	}
	p.evalJS(`document.querySelector('.lang-toggle button[data-lang="en"]').click(); true`, nil)
	waitScrollStill(p)
	var v struct {
		Answer, Search, Panel, Stage, Reading string
	}
	p.evalJS(`(() => ({Answer: (document.querySelector('#stepper .ex-in') || {}).value,
		Panel: document.getElementById('stage-panel').getAttribute('aria-label'),
		Stage: document.getElementById('stage').getAttribute('aria-label'),
		Reading: document.documentElement.dataset.reading}))()`, &v)
	v.Search = p.search("section=backward")
	if v.Answer != "0,25" {
		t.Errorf("after switching to English, the typed answer is %q, want 0,25", v.Answer)
	}
	if !strings.Contains(v.Search, "section=backward") || !strings.Contains(v.Search, "step=12") || !strings.Contains(v.Search, "lang=en") {
		t.Errorf("after switching to English, the URL is %s (reading %s)", v.Search, v.Reading)
	}
	var want struct{ Panel, Stage string }
	p.evalJS(`import('./js/i18n.js').then((m) => ({Panel: m.t('stage.panel'), Stage: m.t('stage.aria')}))`, &want)
	if want.Panel == "" || v.Panel != want.Panel || v.Stage != want.Stage {
		t.Errorf("after switching to English, the stage's labels are %q and %q, want %q and %q", v.Panel, v.Stage, want.Panel, want.Stage)
	}
	p.assertNoConsoleErrors()
}
