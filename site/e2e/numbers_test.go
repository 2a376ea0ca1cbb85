package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// Issue 18, finding 15: every number the stage shows follows the page's
// language (the panel's metrics, the canvas tooltip, the edge editor), and
// an entry is named W[1]₁,₁, never "W[1] (1,1)", which reads as the number
// 1,1 on a French page.
func TestStageNumbersFollowTheLanguage(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-3-1&act=tanh,sigmoid")
	p.waitFrames(2)
	p.waitJS(`/\d/.test(document.querySelector('[data-stat=trainLoss]').textContent)`, time.Minute, "the training cost shown")

	// tip hovers the middle of the first edge and returns the tooltip's text.
	tip := func() string {
		var s string
		p.evalJS(`(() => { const g = nnstepGo.geometry(), a = g.nodes[0][0], b = g.nodes[1][0];
			return nnstepGo.pointer('move', (a.x + b.x) / 2, (a.y + b.y) / 2).tip || ''; })()`, &s)
		return s
	}
	stat := func() string {
		var s string
		p.evalJS(`document.querySelector('[data-stat=trainLoss]').textContent`, &s)
		return s
	}
	fr := regexp.MustCompile(`^W\[1\]₁,₁ = −?\d+(,\d+)?$`)
	if s := tip(); !fr.MatchString(s) {
		t.Errorf("French tooltip of W[1]'s first entry %q, want it to match %s", s, fr)
	}
	if s := stat(); !strings.Contains(s, ",") || strings.Contains(s, ".") {
		t.Errorf("French training cost %q, want a decimal comma", s)
	}
	label := openEdgeEditor(p)
	if !strings.Contains(label, "W[1]₁,₁") || strings.Contains(label, "(1,1)") {
		t.Errorf("French edge editor label %q, want the entry named W[1]₁,₁", label)
	}
	var value string
	p.evalJS(`document.getElementById('weight-editor-input').value`, &value)
	if strings.Contains(value, ".") {
		t.Errorf("French edge editor value %q, want a decimal comma", value)
	}

	p.evalJS(`document.querySelector('.lang-toggle button[data-lang="en"]').click(); true`, nil)
	p.waitJS(`document.documentElement.lang === 'en'`, time.Minute, "the page in English")
	p.waitFrames(1)
	en := regexp.MustCompile(`^W\[1\]₁,₁ = −?\d+(\.\d+)?$`)
	if s := tip(); !en.MatchString(s) {
		t.Errorf("English tooltip %q, want it to match %s", s, en)
	}
	p.waitJS(`/^\d+\.\d+$/.test(document.querySelector('[data-stat=trainLoss]').textContent)`, 10*time.Second, "the English training cost with a decimal point")
}

// Issue 18, finding 15: an activation has one label per language, the
// same in the stage's panel as in the lesson's sections (Identité,
// Échelon in French).
func TestActivationLabelsAreTheSameEverywhere(t *testing.T) {
	p := newPage(t, "dataset=xor&layers=2-3-1&act=tanh,sigmoid")
	p.renderAllSections()
	check := func(lang string, want map[string]string) {
		t.Helper()
		for act, name := range want {
			var got struct{ Panel, Section string }
			p.evalJS(`({panel: document.querySelector('#stage-panel select[name=act1] option[value=`+act+`]').textContent,
				section: document.querySelector('#nr-act option[value=`+act+`]').textContent})`, &got)
			if got.Panel != name || got.Section != name {
				t.Errorf("%s: %s is %q in the panel and %q in section 1, want %q in both", lang, act, got.Panel, got.Section, name)
			}
		}
	}
	check("fr", map[string]string{"identity": "Identité", "step": "Échelon", "sigmoid": "Logistique (sigmoïde)"})
	p.evalJS(`document.querySelector('.lang-toggle button[data-lang="en"]').click(); true`, nil)
	p.waitJS(`document.documentElement.lang === 'en'`, time.Minute, "the page in English")
	check("en", map[string]string{"identity": "Identity", "step": "Binary step", "sigmoid": "Logistic (sigmoid)"})
}
