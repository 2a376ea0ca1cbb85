package model

import (
	"math"

	"nnstep/core/data"
	"nnstep/core/train"
)

// Field is one setting of the schema: its URL key, kind, range or
// choices, default and URL rule. The page asks for the schema once
// (nnstepGo.schema()) and derives from it its list of keys, the defaults
// and the limits of its controls (docs/stage.md, "Settings").
type Field struct {
	Key  string `json:"key"`
	Kind string `json:"kind"` // int, uint, float, choice, layers (n[0]-…-n[L]) or acts (σ[1],…,σ[L])
	// Min and Max bound an int, uint or float; MinOpen excludes Min. For
	// layers they bound the number of hidden layers, UnitsMax the units of
	// one hidden layer.
	Min      float64  `json:"min"`
	Max      float64  `json:"max"`
	MinOpen  bool     `json:"minOpen,omitempty"`
	UnitsMax int      `json:"unitsMax,omitempty"`
	Step     float64  `json:"step,omitempty"`    // the page's control moves by this much
	Choices  []string `json:"choices,omitempty"` // a choice's values, the activations of acts
	Default  string   `json:"default"`           // as written in the URL
	// URL is "always" (the key is always in the URL) or "changed" (only
	// when the value differs from Default).
	URL string `json:"url"`
}

// URL rules of Field.URL.
const (
	URLAlways  = "always"
	URLChanged = "changed"
)

// schema is the settings' declaration, in the URL's order; Schema fills
// in the defaults.
var schema = []Field{
	{Key: "dataset", Kind: "choice", Choices: DatasetNames(), URL: URLAlways},
	{Key: "n", Kind: "int", Min: MinN, Max: data.MaxN, Step: 10, URL: URLAlways},
	{Key: "noise", Kind: "float", Min: 0, Max: 1, Step: 0.05, URL: URLAlways},
	{Key: "seed", Kind: "uint", Min: 0, Max: math.MaxUint32, Step: 1, URL: URLAlways},
	{Key: "ratio", Kind: "float", Min: MinRatio, Max: 1, Step: 0.05, URL: URLChanged},
	{Key: "classes", Kind: "int", Min: data.MinClasses, Max: data.MaxClasses, Step: 1, URL: URLChanged},
	{Key: "layers", Kind: "layers", Min: 0, Max: MaxHidden, UnitsMax: MaxUnits, URL: URLAlways},
	{Key: "act", Kind: "acts", Choices: HiddenActs(), URL: URLAlways},
	{Key: "output", Kind: "choice", Choices: OutputNames(), URL: URLAlways},
	{Key: "lr", Kind: "float", Min: 0, MinOpen: true, Max: train.MaxLR, URL: URLAlways},
	{Key: "batch", Kind: "int", Min: 0, Max: data.MaxN, Step: 1, URL: URLAlways},
	{Key: "l2", Kind: "float", Min: 0, Max: train.MaxL2, URL: URLChanged},
	{Key: "stop", Kind: "int", Min: 0, Max: MaxStop, Step: 1, URL: URLChanged},
	{Key: "target", Kind: "float", Min: 0, Max: 1e6, URL: URLChanged},
	{Key: "speed", Kind: "int", Min: 0, Max: MaxSpeed, Step: 1, URL: URLChanged},
	{Key: "example", Kind: "int", Min: 0, Max: data.MaxN - 1, Step: 1, URL: URLChanged},
	{Key: "traceBatch", Kind: "int", Min: 1, Max: MaxTrace, Step: 1, URL: URLChanged},
}

// Schema returns the settings' fields in the URL's order, each with its
// default as written in the URL.
func Schema() []Field {
	def := Defaults().Map()
	out := make([]Field, len(schema))
	for i, f := range schema {
		f.Default = def[f.Key]
		out[i] = f
	}
	return out
}

// field returns the schema's field of key; it panics on a key not in the
// schema, a programming error.
func field(key string) Field {
	for _, f := range schema {
		if f.Key == key {
			return f
		}
	}
	panic("settings: no field " + key)
}
