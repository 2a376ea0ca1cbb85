package e2e

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// schemaField is a field of the settings' schema (docs/stage.md, "Settings").
type schemaField struct {
	Key      string   `json:"key"`
	Kind     string   `json:"kind"`
	Min      float64  `json:"min"`
	Max      float64  `json:"max"`
	UnitsMax int      `json:"unitsMax"`
	Step     float64  `json:"step"`
	Choices  []string `json:"choices"`
	Default  string   `json:"default"`
	URL      string   `json:"url"`
}

// TestSettingsControlsFollowTheSchema checks that the panel's controls,
// the step-through's m and the URL writer take their keys, limits and
// defaults from the settings' schema: a copy in JS that drifts fails here.
func TestSettingsControlsFollowTheSchema(t *testing.T) {
	p := newPage(t, "")
	var list []schemaField
	p.evalJS(`nnstepGo.schema()`, &list)
	sc := map[string]schemaField{}
	for _, f := range list {
		sc[f.Key] = f
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

	// Range inputs: min, max and step.
	for _, key := range []string{"n", "noise", "ratio"} {
		var got []string
		p.evalJS(fmt.Sprintf(`(() => { const e = document.querySelector('#stage-panel input[name=%s]'); return [e.min, e.max, e.step]; })()`, key), &got)
		f := sc[key]
		if want := []string{num(f.Min), num(f.Max), num(f.Step)}; !slices.Equal(got, want) {
			t.Errorf("%s: the control's min, max, step are %v, the schema's %v", key, got, want)
		}
	}
	// Selects: their options are the schema's choices (classes: its range).
	options := func(name string) []string {
		var v []string
		p.evalJS(fmt.Sprintf(`[...document.querySelectorAll('#stage-panel select[name=%s] option')].map(o => o.value)`, name), &v)
		return v
	}
	var classes []string
	for k := sc["classes"].Min; k <= sc["classes"].Max; k++ {
		classes = append(classes, num(k))
	}
	for _, c := range []struct {
		name string
		want []string
	}{{"dataset", sc["dataset"].Choices}, {"output", sc["output"].Choices}, {"outact", sc["act"].Choices}, {"classes", classes}} {
		if got := options(c.name); !slices.Equal(got, c.want) {
			t.Errorf("select %s offers %v, the schema %v", c.name, got, c.want)
		}
	}
	// The architecture editor stops adding layers and units at the schema's limits.
	p.evalJS(`(() => { const b = document.querySelector('[data-action=add-layer]'); for (let i = 0; i < 50 && !b.disabled; i++) b.click(); return true; })()`, nil)
	var layers string
	p.evalJS(`nnstep.state().layers`, &layers)
	if hidden := strings.Count(layers, "-") - 1; hidden != int(sc["layers"].Max) {
		t.Errorf("the editor stopped at %d hidden layers (%s), the schema allows %v", hidden, layers, sc["layers"].Max)
	}
	p.evalJS(`(() => { for (let i = 0; i < 50; i++) { const plus = [...document.querySelectorAll('.layers-editor button')].find(x => x.textContent === '+'); if (!plus || plus.disabled) break; plus.click(); } return true; })()`, nil)
	p.evalJS(`nnstep.state().layers`, &layers)
	if units, _ := strconv.Atoi(strings.Split(layers, "-")[1]); units != sc["layers"].UnitsMax {
		t.Errorf("the editor stopped at %d units in layer 1 (%s), the schema allows %d", units, layers, sc["layers"].UnitsMax)
	}
	// The step-through's m is kept in the schema's range of traceBatch.
	for _, c := range []struct {
		typed string
		want  float64
	}{{"999", sc["traceBatch"].Max}, {"0", sc["traceBatch"].Min}} {
		typeInto(p, `#st-batch`, c.typed)
		var m float64
		p.evalJS(`nnstep.state().traceBatch`, &m)
		if m != c.want {
			t.Errorf("after typing %s into m, traceBatch = %v; the schema's range is %v…%v", c.typed, m, sc["traceBatch"].Min, sc["traceBatch"].Max)
		}
	}
	// The URL: a key whose rule is "changed" is absent at its default,
	// one whose rule is "always" is present.
	setControl(p, "dataset", sc["dataset"].Default)
	typeInto(p, `#st-batch`, sc["traceBatch"].Default)
	// The URL is written a moment after a change (js/main.js).
	p.waitJS(`!location.search.includes('traceBatch=')`, 5*time.Second, "traceBatch to leave the URL at its default")
	var search string
	p.evalJS(`location.search`, &search)
	q := strings.TrimPrefix(search, "?")
	for _, f := range list {
		has := strings.Contains("&"+q, "&"+f.Key+"=")
		var state string
		p.evalJS(fmt.Sprintf(`String(nnstep.state()[%q])`, f.Key), &state)
		switch {
		case f.URL == "always" && !has:
			t.Errorf("%s is always in the URL, but not in %s", f.Key, search)
		case f.URL == "changed" && state == f.Default && has:
			t.Errorf("%s is at its default %s, yet in the URL %s", f.Key, f.Default, search)
		}
	}
	p.assertNoConsoleErrors()
}
