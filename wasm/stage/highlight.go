package main

import (
	"regexp"
	"strconv"
)

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
