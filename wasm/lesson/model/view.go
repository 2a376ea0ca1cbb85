package model

import (
	"math"
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

// Stats is nnstep.stats() plus what the stage's controls show; the page
// adds frames and drawMs from the stage module.
type Stats struct {
	Epoch         int       `json:"epoch"`
	TrainLoss     Num       `json:"trainLoss"`
	TestLoss      Num       `json:"testLoss"`
	TrainAccuracy Num       `json:"trainAccuracy"`
	TestAccuracy  Num       `json:"testAccuracy"`
	Playing       bool      `json:"playing"`
	Stopped       string    `json:"stopped"` // the stop condition met: "epoch", "loss" or ""
	Diverged      *Diverged `json:"diverged"`
	Classes       int       `json:"classes"`
	Confusion     [][]int   `json:"confusion"`
	ConfusionOf   string    `json:"confusionOf"`
	HistoryLen    int       `json:"historyLen"`
	LastEpochs    int       `json:"epochsLastFrame"`
	TrainSize     int       `json:"trainSize"`
	TestSize      int       `json:"testSize"`
	Version       int       `json:"version"`
	UpdateMs      float64   `json:"updateMs"` // time of the last tick (training and evaluation)
	BudgetMs      float64   `json:"budgetMs"` // training time allowed in the last tick
}

// StatsOf collects the stats of m.
func StatsOf(m *Model, last int) Stats {
	st := Stats{
		Epoch: m.Trainer.Epoch, TrainLoss: Num(m.TrainM.Loss), TestLoss: Num(m.TestM.Loss),
		TrainAccuracy: Num(m.TrainM.Accuracy), TestAccuracy: Num(m.TestM.Accuracy),
		Playing: m.Playing, Stopped: m.Stopped(), Classes: m.Classes, Confusion: m.Conf, ConfusionOf: m.ConfOf,
		HistoryLen: len(HistoryOf(m).Epoch), LastEpochs: last, TrainSize: m.Train.N(), TestSize: m.Test.N(), Version: m.Version,
	}
	if d := m.Diverged; d != nil {
		st.Diverged = &Diverged{Epoch: d.Epoch + 1, Step: d.Step, Op: d.Op.Result.String(), Phase: d.Op.Phase, Layer: d.Op.Layer, Message: d.Error()}
	}
	return st
}

// HistoryJS is the loss curve for the page (null for a missing test loss).
type HistoryJS struct {
	Epoch []int `json:"epoch"`
	Train []Num `json:"train"`
	Test  []Num `json:"test"`
}

// HistoryOf converts m's curve, ending at the current epoch (its last
// evaluation) when that epoch is not one of the curve's points.
func HistoryOf(m *Model) HistoryJS {
	h := HistoryJS{Epoch: append([]int{}, m.Hist.Epoch...)}
	for i := range m.Hist.Train {
		h.Train = append(h.Train, Num(m.Hist.Train[i]))
		h.Test = append(h.Test, Num(m.Hist.Test[i]))
	}
	if n := len(h.Epoch); n == 0 || h.Epoch[n-1] != m.Trainer.Epoch {
		h.Epoch = append(h.Epoch, m.Trainer.Epoch)
		h.Train = append(h.Train, Num(m.TrainM.Loss))
		h.Test = append(h.Test, Num(m.TestM.Loss))
	}
	return h
}
