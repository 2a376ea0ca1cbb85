package main

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
)

// Num is a number for JSON: null when NaN or infinite.
type Num float64

// MarshalJSON writes the number or null.
func (n Num) MarshalJSON() ([]byte, error) {
	v := float64(n)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// StateJS is nnstep.state()'s stage part: the settings with numbers as
// numbers and the architecture as in the URL.
func (s Settings) StateJS() map[string]any {
	out := map[string]any{}
	for k, v := range s.Map() {
		switch k {
		case "dataset", "layers", "act", "output":
			out[k] = v
		case "epf":
			out[k] = s.EPF
		default:
			f, _ := strconv.ParseFloat(v, 64)
			out[k] = f
		}
	}
	return out
}

// Diverged describes a divergence for the page's notice.
type Diverged struct {
	Epoch   int    `json:"epoch"`
	Step    int    `json:"step"`
	Op      string `json:"op"`
	Phase   string `json:"phase"`
	Layer   int    `json:"layer"`
	Message string `json:"message"`
}

// Stats is nnstep.stats() plus what the stage's controls show.
type Stats struct {
	Epoch         int       `json:"epoch"`
	TrainLoss     Num       `json:"trainLoss"`
	TestLoss      Num       `json:"testLoss"`
	TrainAccuracy Num       `json:"trainAccuracy"`
	TestAccuracy  Num       `json:"testAccuracy"`
	Frames        int       `json:"frames"`
	Playing       bool      `json:"playing"`
	Diverged      *Diverged `json:"diverged"`
	Classes       int       `json:"classes"`
	Confusion     [][]int   `json:"confusion"`
	ConfusionOf   string    `json:"confusionOf"`
	HistoryLen    int       `json:"historyLen"`
	LastEpochs    int       `json:"epochsLastFrame"`
	TrainSize     int       `json:"trainSize"`
	TestSize      int       `json:"testSize"`
	Version       int       `json:"version"`
	UpdateMs      float64   `json:"updateMs"` // time of the last Update (training) and Draw (CPU side)
	DrawMs        float64   `json:"drawMs"`
	BudgetMs      float64   `json:"budgetMs"` // training time allowed in the last frame
}

// StatsOf collects the stats of m.
func StatsOf(m *Model, frames, last int) Stats {
	st := Stats{
		Epoch: m.Trainer.Epoch, TrainLoss: Num(m.TrainM.Loss), TestLoss: Num(m.TestM.Loss),
		TrainAccuracy: Num(m.TrainM.Accuracy), TestAccuracy: Num(m.TestM.Accuracy),
		Frames: frames, Playing: m.Playing, Classes: m.Classes, Confusion: m.Conf, ConfusionOf: m.ConfOf,
		HistoryLen: len(m.Hist.Epoch), LastEpochs: last, TrainSize: m.Train.N(), TestSize: m.Test.N(), Version: m.Version,
	}
	if d := m.Diverged; d != nil {
		st.Diverged = &Diverged{Epoch: d.Epoch + 1, Step: d.Step, Op: d.Op.Result, Phase: d.Op.Phase, Layer: d.Op.Layer, Message: d.Error()}
	}
	return st
}

// HistoryJS is the loss curve for the page (null for a missing test loss).
type HistoryJS struct {
	Epoch []int `json:"epoch"`
	Train []Num `json:"train"`
	Test  []Num `json:"test"`
}

// HistoryOf converts m's curve.
func HistoryOf(m *Model) HistoryJS {
	h := HistoryJS{Epoch: append([]int{}, m.Hist.Epoch...)}
	for i := range m.Hist.Train {
		h.Train = append(h.Train, Num(m.Hist.Train[i]))
		h.Test = append(h.Test, Num(m.Hist.Test[i]))
	}
	return h
}

// Highlight is a set of neurons, edges and biases the step-through points
// at; the rest of the graph is dimmed.
type Highlight struct {
	Active  bool
	Neurons map[[2]int]bool // (layer l of A[l], unit)
	Edges   map[int]bool    // layers l whose W[l] is involved (all its edges)
	Edge    map[[3]int]bool // single edges (l, i, j)
	Biases  map[int]bool    // layers l whose b[l] is involved
}

// HighlightSpec is what the page asks to highlight: an op of the trace
// (its result and operands name matrices, e.g. "W[2]", "dZ[1]", "b_next[1]")
// and/or explicit neurons [l, i] and edges [l, i, j].
type HighlightSpec struct {
	Result   string   `json:"result"`
	Operands []string `json:"operands"`
	Neurons  [][2]int `json:"neurons"`
	Edges    [][3]int `json:"edges"`
}

var matName = regexp.MustCompile(`([A-Za-z]*)(?:_next)?\[(\d+)\]`)

// HighlightOf maps a spec to the graph elements it involves for a network
// of L weight layers: a weight matrix (W, dW, W_next) lights all its
// edges, a bias vector its biases, anything else of layer l (Z, A, dZ, dA,
// σ') the neurons of A[l]; the cost and Y light the output layer.
func HighlightOf(spec HighlightSpec, sizes []int) Highlight {
	L := len(sizes) - 1
	h := Highlight{Neurons: map[[2]int]bool{}, Edges: map[int]bool{}, Edge: map[[3]int]bool{}, Biases: map[int]bool{}}
	layer := func(l int) {
		if l >= 0 && l <= L {
			for i := range sizes[l] {
				h.Neurons[[2]int{l, i}] = true
			}
		}
	}
	names := append([]string{spec.Result}, spec.Operands...)
	for _, n := range names {
		if n == "" {
			continue
		}
		mm := matName.FindStringSubmatch(n)
		if mm == nil {
			if n == "Y" || n == "C" || n == "C_i" {
				layer(L)
			}
			continue
		}
		l, _ := strconv.Atoi(mm[2])
		switch mm[1] {
		case "W", "dW":
			if l >= 1 && l <= L {
				h.Edges[l] = true
			}
		case "b", "db":
			if l >= 1 && l <= L {
				h.Biases[l] = true
			}
		default:
			layer(l)
		}
	}
	for _, nr := range spec.Neurons {
		h.Neurons[nr] = true
	}
	for _, e := range spec.Edges {
		h.Edge[e] = true
	}
	h.Active = len(h.Neurons)+len(h.Edges)+len(h.Edge)+len(h.Biases) > 0
	return h
}

// jsonOf marshals v (never fails for the types above).
func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return string(b)
}
