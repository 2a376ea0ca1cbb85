package model

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"nnstep/core/act"
	"nnstep/core/data"
	"nnstep/core/nn"
)

// Settings is everything the stage is configured with: the URL keys of
// docs/stage.md, "Settings" that concern the stage, plus its own (ratio, classes, output,
// l2, stop, target, speed, example, traceBatch).
type Settings struct {
	Dataset    string   // a name of data.Names() or "own"
	N          int      // points generated (train + test)
	Noise      float64  // 0..1, data's unit
	Seed       uint64   // seed of the data, the split, the weights and the shuffling
	Ratio      float64  // share of the points used for training, 0.1..1
	Classes    int      // blobs of gauss, arms of spiral
	Layers     []int    // n[0] … n[L]
	Act        []string // σ[1] … σ[L]
	Output     string   // "regression", "binary" or "multi"
	LR         float64  // η
	Batch      int      // examples per step, 0 = full batch
	L2         float64  // λ
	Stop       int      // pause after this epoch; 0 = never
	Target     float64  // pause once the training loss is at most this; 0 = never
	Speed      int      // epochs per frame at most; 0 = as many as fit in the frame's budget
	Example    int      // the training example whose activations shade the graph
	TraceBatch int      // examples of the step-through batch
}

// Own is the dataset name of the student's own points (CSV or clicks).
const Own = "own"

// Output types and the loss each one fixes.
const (
	OutRegression = "regression" // mse, any output activation (identity by default)
	OutBinary     = "binary"     // sigmoid + bce
	OutMulti      = "multi"      // softmax + cce
)

// Limits of the playground's controls.
const (
	MinN       = 10
	MaxHidden  = nn.MaxLayers - 1 // hidden layers; weight layers ≤ nn.MaxLayers
	MaxUnits   = 16               // units of a hidden layer
	MinRatio   = 0.1
	MaxStop    = 10_000_000
	MaxTrace   = 64
	MaxSpeed   = 1000 // epochs per frame; the control's last step is 0, as fast as possible
	defaultAct = "tanh"
)

// Keys lists the keys Settings reads, in the URL's order (the schema's).
func Keys() []string {
	keys := make([]string, len(schema))
	for i, f := range schema {
		keys[i] = f.Key
	}
	return keys
}

// Defaults returns the settings of a fresh page.
func Defaults() Settings {
	return Settings{
		Dataset: "circles", N: 200, Noise: 0.1, Seed: 1, Ratio: 0.5, Classes: 2,
		Layers: []int{2, 4, 4, 1}, Act: []string{"tanh", "tanh", "sigmoid"}, Output: OutBinary,
		LR: 0.03, Batch: 10, TraceBatch: 4,
		// One epoch per frame: a student sees the frontier form (circles
		// are solved in about 500 epochs, 8 s at 60 frames per second).
		Speed: 1,
	}
}

// Notice is one setting that could not be used as given. Code says why,
// for the page to phrase it in the reader's language:
//
//	number    not a number (or not an integer)
//	range     outside Min..Max
//	choice    not one of Choices
//	adjusted  changed to fit the rest (e.g. the output layer's size); Value is what was asked
//	ownSeed   dataset=own with no own points yet (a link or a reload): Value
//	          points copied from the dataset Fallback stand in for them
type Notice struct {
	Key      string   `json:"key"`
	Value    string   `json:"value"`
	Fallback string   `json:"fallback"`
	Code     string   `json:"code"`
	Min      string   `json:"min,omitempty"`
	Max      string   `json:"max,omitempty"`
	Choices  []string `json:"choices,omitempty"`
}

// DatasetNames lists the datasets the stage offers, own data last.
func DatasetNames() []string { return append(data.Names(), Own) }

// OutputNames lists the output types.
func OutputNames() []string { return []string{OutRegression, OutBinary, OutMulti} }

// HiddenActs lists the activations a layer may use (softmax only as the
// multi-class output).
func HiddenActs() []string { return act.Names() }

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Map returns s as URL-style strings, the keys of Keys().
func (s Settings) Map() map[string]string {
	layers := make([]string, len(s.Layers))
	for i, n := range s.Layers {
		layers[i] = strconv.Itoa(n)
	}
	return map[string]string{
		"dataset": s.Dataset, "n": strconv.Itoa(s.N), "noise": fmtFloat(s.Noise),
		"seed": strconv.FormatUint(s.Seed, 10), "ratio": fmtFloat(s.Ratio),
		"classes": strconv.Itoa(s.Classes), "layers": strings.Join(layers, "-"),
		"act": strings.Join(s.Act, ","), "output": s.Output, "lr": fmtFloat(s.LR),
		"batch": strconv.Itoa(s.Batch), "l2": fmtFloat(s.L2), "stop": strconv.Itoa(s.Stop),
		"target": fmtFloat(s.Target), "speed": strconv.Itoa(s.Speed), "example": strconv.Itoa(s.Example),
		"traceBatch": strconv.Itoa(s.TraceBatch),
	}
}

// parser applies URL-style values to settings and collects notices.
type parser struct {
	kv      map[string]string
	def     map[string]string
	notices []Notice
}

func (p *parser) get(key string) (string, bool) {
	v, ok := p.kv[key]
	return strings.TrimSpace(v), ok
}

func (p *parser) note(key, value, code string, f func(*Notice)) {
	n := Notice{Key: key, Value: value, Fallback: p.def[key], Code: code}
	if f != nil {
		f(&n)
	}
	p.notices = append(p.notices, n)
}

// int reads key into dst, within the schema's range.
func (p *parser) int(key string, dst *int, def int) {
	f := field(key)
	lo, hi := int(f.Min), int(f.Max)
	v, ok := p.get(key)
	if !ok {
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		// Accept "12.0" from a number input, but not 12.5.
		f, ferr := strconv.ParseFloat(v, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1e15 {
			p.note(key, v, "number", nil)
			*dst = def
			return
		}
		n = int(f)
	}
	if n < lo || n > hi {
		p.note(key, v, "range", func(x *Notice) { x.Min, x.Max = strconv.Itoa(lo), strconv.Itoa(hi) })
		*dst = def
		return
	}
	*dst = n
}

// float reads key into dst, within the schema's range (Min excluded
// when MinOpen).
func (p *parser) float(key string, dst *float64, def float64) {
	fd := field(key)
	lo, hi, loOpen := fd.Min, fd.Max, fd.MinOpen
	v, ok := p.get(key)
	if !ok {
		return
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		p.note(key, v, "number", nil)
		*dst = def
		return
	}
	if f < lo || f > hi || (loOpen && f == lo) {
		p.note(key, v, "range", func(x *Notice) {
			x.Min, x.Max = fmtFloat(lo), fmtFloat(hi)
			if loOpen {
				x.Min = ">" + x.Min
			}
		})
		*dst = def
		return
	}
	*dst = f
}

// choice reads key into dst, one of the schema's choices.
func (p *parser) choice(key string, dst *string, def string) {
	choices := field(key).Choices
	v, ok := p.get(key)
	if !ok {
		return
	}
	if !slices.Contains(choices, v) {
		p.note(key, v, "choice", func(x *Notice) { x.Choices = choices })
		*dst = def
		return
	}
	*dst = v
}

// Apply returns cur with the values of kv applied (keys absent from kv keep
// their value in cur), made consistent, and the notices of every value that
// could not be used as given: an invalid value falls back to its default.
// classesOwn is the number of classes of the student's own points (0 if
// none), used when the dataset is "own".
func Apply(cur Settings, kv map[string]string, classesOwn int) (Settings, []Notice) {
	d := Defaults()
	p := &parser{kv: kv, def: d.Map()}
	s := cur
	s.Layers = slices.Clone(cur.Layers)
	s.Act = slices.Clone(cur.Act)

	p.choice("dataset", &s.Dataset, d.Dataset)
	if s.Dataset == Own && classesOwn == 0 {
		// Own data starts as a copy of a generated set; with none yet, the
		// model makes one (see Model.configure).
		classesOwn = 2
	}
	p.int("n", &s.N, d.N)
	p.float("noise", &s.Noise, d.Noise)
	if v, ok := p.get("seed"); ok {
		f := field("seed")
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil || float64(n) < f.Min || float64(n) > f.Max {
			p.note("seed", v, "range", func(x *Notice) {
				x.Min, x.Max = strconv.FormatUint(uint64(f.Min), 10), strconv.FormatUint(uint64(f.Max), 10)
			})
			s.Seed = d.Seed
		} else {
			s.Seed = n
		}
	}
	p.float("ratio", &s.Ratio, d.Ratio)
	p.int("classes", &s.Classes, d.Classes)
	p.choice("output", &s.Output, "")
	p.float("lr", &s.LR, d.LR)
	p.int("batch", &s.Batch, d.Batch)
	p.float("l2", &s.L2, d.L2)
	p.int("stop", &s.Stop, d.Stop)
	p.float("target", &s.Target, d.Target)
	p.int("speed", &s.Speed, d.Speed)
	p.int("example", &s.Example, d.Example)
	p.int("traceBatch", &s.TraceBatch, d.TraceBatch)

	// The data decide the input size, the classes and the possible outputs.
	inputs, classes := 2, 2
	switch {
	case s.Dataset == Own:
		classes = classesOwn
	case data.IsRegression(s.Dataset):
		classes = 0
		if s.Dataset == "line" {
			inputs = 1
		}
	case s.Dataset == "gauss" || s.Dataset == "spiral":
		classes = s.Classes
	}
	if _, asked := kv["output"]; !asked || s.Output == "" {
		if _, changedData := kv["dataset"]; changedData || s.Output == "" || (classes > 2 && s.Output == OutBinary) {
			s.Output = defaultOutput(classes)
		}
	}
	switch {
	case classes == 0 && s.Output != OutRegression:
		p.note("output", s.Output, "adjusted", nil)
		s.Output = OutRegression
	case classes > 2 && s.Output == OutBinary:
		p.note("output", s.Output, "adjusted", nil)
		s.Output = OutMulti
	}
	outputs := outputUnits(classes, s.Output)

	p.layers(&s, inputs, outputs)
	p.acts(&s, cur.Output)
	return s, p.notices
}

func defaultOutput(classes int) string {
	switch {
	case classes == 0:
		return OutRegression
	case classes > 2:
		return OutMulti
	}
	return OutBinary
}

// outputUnits is n[L]: one unit for regression data and binary outputs,
// one per class otherwise.
func outputUnits(classes int, output string) int {
	switch {
	case classes == 0:
		return 1
	case output == OutBinary:
		return 1
	case classes == 2 && output == OutRegression:
		return 1
	}
	return classes
}

// layers parses the architecture and fits its ends to the data.
func (p *parser) layers(s *Settings, inputs, outputs int) {
	if v, ok := p.get("layers"); ok {
		parts := strings.Split(v, "-")
		var sizes []int
		f := field("layers")
		bad := len(parts) < 2 || len(parts)-2 > int(f.Max)
		for i, part := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(part))
			if err != nil || n < 1 || (i > 0 && i < len(parts)-1 && n > f.UnitsMax) || n > nn.MaxUnits {
				bad = true
				break
			}
			sizes = append(sizes, n)
		}
		if bad {
			p.note("layers", v, "layers", func(x *Notice) {
				x.Min, x.Max = fmtFloat(f.Min), fmtFloat(f.Max)
				x.Fallback = p.def["layers"]
			})
			sizes = slices.Clone(Defaults().Layers)
		}
		s.Layers = sizes
	}
	if len(s.Layers) < 2 {
		s.Layers = slices.Clone(Defaults().Layers)
	}
	L := len(s.Layers) - 1
	if s.Layers[0] != inputs || s.Layers[L] != outputs {
		if v, ok := p.get("layers"); ok {
			n := Notice{Key: "layers", Value: v, Code: "adjusted"}
			s.Layers[0], s.Layers[L] = inputs, outputs
			n.Fallback = joinInts(s.Layers)
			p.notices = append(p.notices, n)
		}
		s.Layers[0], s.Layers[L] = inputs, outputs
	}
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, "-")
}

// acts parses the activations, one per weight layer, and fixes the output
// one by the output type: sigmoid for binary, softmax for multi; for
// regression, the one given, else identity when the output has just
// become regression (a regression dataset chosen), else the one kept.
func (p *parser) acts(s *Settings, prevOutput string) {
	L := len(s.Layers) - 1
	v, asked := p.get("act")
	if asked {
		names := strings.Split(v, ",")
		for i := range names {
			names[i] = strings.TrimSpace(names[i])
		}
		var badName string
		for i, n := range names {
			if !slices.Contains(field("act").Choices, n) && !(n == act.Softmax && i == len(names)-1) {
				badName = n
				names[i] = defaultAct
			}
		}
		if badName != "" {
			p.note("act", badName, "choice", func(x *Notice) { x.Choices = field("act").Choices; x.Fallback = defaultAct })
		}
		if len(names) != L {
			p.note("act", v, "count", func(x *Notice) { x.Min = strconv.Itoa(L); x.Max = strconv.Itoa(L) })
		}
		s.Act = names
	}
	// Fit the length: keep the hidden activations given, pad with the last
	// hidden one (or tanh), keep the output one last.
	out := ""
	if len(s.Act) > 0 {
		out = s.Act[len(s.Act)-1]
	}
	hidden := []string{}
	if len(s.Act) > 1 {
		hidden = slices.Clone(s.Act[:len(s.Act)-1])
	}
	for len(hidden) < L-1 {
		pad := defaultAct
		if len(hidden) > 0 {
			pad = hidden[len(hidden)-1]
		}
		hidden = append(hidden, pad)
	}
	hidden = hidden[:L-1]
	for i, h := range hidden {
		if h == act.Softmax || !act.Valid(h) {
			hidden[i] = defaultAct
		}
	}
	want := out
	switch s.Output {
	case OutBinary:
		want = "sigmoid"
	case OutMulti:
		want = act.Softmax
	default:
		if want == act.Softmax || !act.Valid(want) || want == "" || (!asked && prevOutput != OutRegression) {
			want = "identity"
		}
	}
	if want != out && asked && out != "" {
		p.note("act", out, "adjusted", func(x *Notice) { x.Fallback = want })
	}
	s.Act = append(hidden, want)
}

// Loss returns the loss the output type fixes.
func (s Settings) Loss() string {
	switch s.Output {
	case OutBinary:
		return "bce"
	case OutMulti:
		return "cce"
	}
	return "mse"
}
