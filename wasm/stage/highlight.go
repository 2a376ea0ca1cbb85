package main

import "nnstep/core/trace"

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
// (its result and operands, references such as {"sym": "W", "layer": 2};
// docs/api.md, "Trace format") and/or explicit neurons [l, i] and edges
// [l, i, j].
type HighlightSpec struct {
	Result   trace.Ref   `json:"result"`
	Operands []trace.Ref `json:"operands"`
	Neurons  [][2]int    `json:"neurons"`
	Edges    [][3]int    `json:"edges"`
}

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
	for _, r := range append([]trace.Ref{spec.Result}, spec.Operands...) {
		l := r.Layer
		switch r.Sym {
		case "":
		case trace.SymY, trace.SymC, trace.SymCi:
			layer(L)
		case trace.SymW, trace.SymDW, trace.SymWNext:
			if l >= 1 && l <= L {
				h.Edges[l] = true
			}
		case trace.SymB, trace.SymDB, trace.SymBNext:
			if l >= 1 && l <= L {
				h.Biases[l] = true
			}
		case trace.SymZ, trace.SymA, trace.SymDA, trace.SymSigmaPrime, trace.SymDZ:
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
