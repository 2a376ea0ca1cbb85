package model

import (
	"slices"
	"testing"
)

func TestApplyValid(t *testing.T) {
	s, notices := Apply(Defaults(), map[string]string{"dataset": "gauss", "classes": "3", "layers": "2-5-3", "act": "relu,softmax", "lr": "0.1", "batch": "0", "l2": "0.001", "n": "300", "noise": "0.2", "seed": "7", "ratio": "0.8"}, 0)
	if len(notices) != 0 {
		t.Fatalf("notices %+v", notices)
	}
	if s.Output != OutMulti || s.Loss() != "cce" || !slices.Equal(s.Layers, []int{2, 5, 3}) || !slices.Equal(s.Act, []string{"relu", "softmax"}) ||
		s.LR != 0.1 || s.Batch != 0 || s.L2 != 0.001 || s.N != 300 || s.Noise != 0.2 || s.Seed != 7 || s.Ratio != 0.8 {
		t.Fatalf("settings %+v", s)
	}
	m := s.Map()
	back, notices := Apply(Defaults(), m, 0)
	if len(notices) != 0 || !slices.Equal(back.Layers, s.Layers) || back.LR != s.LR || back.Output != s.Output {
		t.Fatalf("round trip %+v → %+v (%+v)", s, back, notices)
	}
}

func TestApplyInvalidFallsBack(t *testing.T) {
	d := Defaults()
	for _, c := range []struct {
		kv   map[string]string
		key  string
		code string
		ok   func(Settings) bool
	}{
		{map[string]string{"dataset": "banana"}, "dataset", "choice", func(s Settings) bool { return s.Dataset == d.Dataset }},
		{map[string]string{"n": "5"}, "n", "range", func(s Settings) bool { return s.N == d.N }},
		{map[string]string{"n": "abc"}, "n", "number", func(s Settings) bool { return s.N == d.N }},
		{map[string]string{"noise": "2"}, "noise", "range", func(s Settings) bool { return s.Noise == d.Noise }},
		{map[string]string{"lr": "0"}, "lr", "range", func(s Settings) bool { return s.LR == d.LR }},
		{map[string]string{"lr": "NaN"}, "lr", "number", func(s Settings) bool { return s.LR == d.LR }},
		{map[string]string{"seed": "-1"}, "seed", "range", func(s Settings) bool { return s.Seed == d.Seed }},
		{map[string]string{"layers": "2-x-1"}, "layers", "layers", func(s Settings) bool { return slices.Equal(s.Layers, d.Layers) }},
		{map[string]string{"layers": "2-17-1"}, "layers", "layers", func(s Settings) bool { return slices.Equal(s.Layers, d.Layers) }},
		{map[string]string{"layers": "2-1-1-1-1-1-1-1-1-1"}, "layers", "layers", func(s Settings) bool { return slices.Equal(s.Layers, d.Layers) }},
		{map[string]string{"layers": "3-4-2"}, "layers", "adjusted", func(s Settings) bool { return slices.Equal(s.Layers, []int{2, 4, 1}) }},
		{map[string]string{"act": "relu,wat,sigmoid"}, "act", "choice", func(s Settings) bool { return slices.Equal(s.Act, []string{"relu", "tanh", "sigmoid"}) }},
		{map[string]string{"act": "relu,relu,relu"}, "act", "adjusted", func(s Settings) bool { return slices.Equal(s.Act, []string{"relu", "relu", "sigmoid"}) }},
		{map[string]string{"act": "relu"}, "act", "count", func(s Settings) bool { return len(s.Act) == 3 && s.Act[2] == "sigmoid" }},
		{map[string]string{"dataset": "plane", "output": "binary"}, "output", "adjusted", func(s Settings) bool { return s.Output == OutRegression && s.Loss() == "mse" }},
		{map[string]string{"output": "tree"}, "output", "choice", func(s Settings) bool { return s.Output == OutBinary }},
		{map[string]string{"speed": "fast"}, "speed", "number", func(s Settings) bool { return s.Speed == d.Speed }},
		{map[string]string{"speed": "1001"}, "speed", "range", func(s Settings) bool { return s.Speed == d.Speed }},
	} {
		s, notices := Apply(d, c.kv, 0)
		i := slices.IndexFunc(notices, func(n Notice) bool { return n.Key == c.key && n.Code == c.code })
		if i < 0 {
			t.Errorf("%v: notices %+v, want %s/%s", c.kv, notices, c.key, c.code)
		}
		if !c.ok(s) {
			t.Errorf("%v: settings %+v", c.kv, s)
		}
		if len(s.Act) != len(s.Layers)-1 {
			t.Errorf("%v: %d activations for %v", c.kv, len(s.Act), s.Layers)
		}
	}
}

func TestApplyFitsTheData(t *testing.T) {
	// A regression dataset selects the regression output: identity and mse
	// (section 4), not the sigmoid of the classification output before.
	s, notices := Apply(Defaults(), map[string]string{"dataset": "line"}, 0)
	if len(notices) != 0 || s.Layers[0] != 1 || s.Output != OutRegression || s.Act[len(s.Act)-1] != "identity" || s.Loss() != "mse" {
		t.Fatalf("line: %+v %+v", s, notices)
	}
	s, _ = Apply(Defaults(), map[string]string{"dataset": "bumps"}, 0)
	if s.Output != OutRegression || s.Act[len(s.Act)-1] != "identity" {
		t.Fatalf("bumps: %+v", s)
	}
	// The student's own output activation for regression is kept.
	r, _ := Apply(s, map[string]string{"act": "tanh,tanh,tanh"}, 0)
	if r.Act[len(r.Act)-1] != "tanh" {
		t.Fatalf("regression with a tanh output: %+v", r)
	}
	r, _ = Apply(r, map[string]string{"dataset": "plane"}, 0)
	if r.Act[len(r.Act)-1] != "tanh" {
		t.Fatalf("from bumps to plane, the tanh output was not kept: %+v", r)
	}
	s, _ = Apply(s, map[string]string{"dataset": "circles"}, 0)
	if s.Output != OutBinary || s.Act[len(s.Act)-1] != "sigmoid" || s.Loss() != "bce" {
		t.Fatalf("back to circles: %+v", s)
	}
	s, _ = Apply(Defaults(), map[string]string{"dataset": "spiral", "classes": "4"}, 0)
	if s.Output != OutMulti || s.Layers[len(s.Layers)-1] != 4 || s.Act[len(s.Act)-1] != "softmax" {
		t.Fatalf("spiral 4: %+v", s)
	}
	s, _ = Apply(s, map[string]string{"dataset": "moons"}, 0)
	if s.Output != OutBinary || s.Layers[len(s.Layers)-1] != 1 || s.Act[len(s.Act)-1] != "sigmoid" {
		t.Fatalf("back to moons: %+v", s)
	}
}
