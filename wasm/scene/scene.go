// Package scene is what the stage draws, as the lesson module hands it
// over: the network (architecture and parameters), the training and test
// points, the extent of the plane and the chosen example.
//
// The page runs two Go programs (docs/frontend.md, "Two modules"): the
// lesson module (wasm/lesson) owns the model and trains it; the stage
// module (wasm/stage) draws it with ebiten. Each has its own memory, so the
// scene crosses from one to the other through JS as bytes: Append encodes
// it, Decode reads it back into the stage's copy. The points travel only
// when they changed (Data), the parameters whenever the model did
// (Version). Decode checks everything it reads and never panics.
package scene

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"nnstep/core/data"
	"nnstep/core/mat"
	"nnstep/core/nn"
)

// Scene is the drawable state of the lesson's model.
type Scene struct {
	Version     int         // bumps whenever the parameters or the data change
	Data        int         // bumps whenever the points or the plane change
	Net         *nn.Network // architecture and parameters
	Train, Test *data.Set   // the points (Test may have no columns)
	Lo, Hi      float64     // extent of the plane, both axes (x for 1-D data)
	Example     int         // the chosen training example
	Classes     int         // 0 for regression data
}

// magic starts every encoded scene (its format's version is the digit).
const magic = "nns1"

// Append appends the encoding of s to dst; the points are left out when
// the receiver already has them (haveData == s.Data).
func Append(dst []byte, s *Scene, haveData int) []byte {
	w := writer{dst}
	w.b = append(w.b, magic...)
	w.int(s.Version)
	w.int(s.Data)
	net := s.Net
	w.int(len(net.Sizes))
	for _, n := range net.Sizes {
		w.int(n)
	}
	for _, a := range net.Act {
		w.str(a.Name)
	}
	w.str(net.Loss.Name)
	w.float(s.Lo)
	w.float(s.Hi)
	w.int(s.Example)
	w.int(s.Classes)
	points := haveData != s.Data
	w.bool(points)
	if points {
		w.set(s.Train)
		w.set(s.Test)
	}
	for l := range net.W { // last: Decode checks their length before writing any
		w.floats(net.W[l].Data[:net.W[l].Rows*net.W[l].Cols])
		w.floats(net.B[l].Data[:net.B[l].Rows])
	}
	return w.b
}

// Decode reads an encoded scene into s, writing the parameters into its
// network when the architecture is the same (no allocation while
// training). When the encoding carries no points, s must already hold
// those of the same Data. On error s is left as it was.
func Decode(b []byte, s *Scene) error {
	r := reader{b: b}
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return errors.New("scene: not an encoded scene")
	}
	r.b = b[len(magic):]
	var out Scene
	out.Version, out.Data = r.int(), r.int()
	nSizes := r.int()
	if r.err == nil && (nSizes < 2 || nSizes > nn.MaxLayers+1) {
		r.fail("%d layer sizes", nSizes)
	}
	var sizeBuf [nn.MaxLayers + 1]int // arrays, not slices: no allocation per frame
	var actBuf [nn.MaxLayers][]byte
	sizes := sizeBuf[:0]
	for i := 0; i < nSizes && r.err == nil; i++ {
		if n := r.int(); r.err == nil && (n < 1 || n > nn.MaxUnits) {
			r.fail("layer of %d units", n)
		} else {
			sizes = append(sizes, n)
		}
	}
	acts := actBuf[:0]
	for i := 1; i < len(sizes) && r.err == nil; i++ {
		acts = append(acts, r.str())
	}
	lossName := r.str()
	out.Lo, out.Hi = r.float(), r.float()
	out.Example, out.Classes = r.int(), r.int()
	if r.err != nil {
		return r.err
	}
	if !(out.Lo < out.Hi) || math.IsInf(out.Lo, 0) || math.IsInf(out.Hi, 0) {
		return fmt.Errorf("scene: plane [%v, %v]", out.Lo, out.Hi)
	}
	if out.Classes < 0 || out.Classes > data.MaxClasses || out.Example < 0 {
		return fmt.Errorf("scene: %d classes, example %d", out.Classes, out.Example)
	}
	if r.bool() {
		out.Train, out.Test = r.set(sizes[0], out.Classes), r.set(sizes[0], out.Classes)
		if r.err == nil && out.Train.N() == 0 {
			r.fail("no training point")
		}
	} else if r.err == nil {
		if s.Train == nil || s.Data != out.Data {
			return fmt.Errorf("scene: points of data %d missing (have %d)", out.Data, s.Data)
		}
		out.Train, out.Test = s.Train, s.Test
		if out.Train.X.Rows != sizes[0] {
			return fmt.Errorf("scene: points have %d features, the network %d inputs", out.Train.X.Rows, sizes[0])
		}
	}
	if r.err != nil {
		return r.err
	}
	net := s.Net
	if net == nil || !sameArch(net, sizes, acts, lossName) {
		names := make([]string, len(acts))
		for i, a := range acts {
			names[i] = string(a)
		}
		var err error
		if net, err = nn.New(sizes, names, string(lossName)); err != nil {
			return fmt.Errorf("scene: %v", err)
		}
	}
	params := 0
	for l := range net.W {
		params += len(net.W[l].Data) + len(net.B[l].Data)
	}
	if len(r.b) != 8*params {
		return fmt.Errorf("scene: %d bytes of parameters for %d numbers", len(r.b), params)
	}
	for l := range net.W {
		r.floatsInto(net.W[l].Data)
		r.floatsInto(net.B[l].Data)
	}
	out.Net = net
	*s = out
	return nil
}

func sameArch(net *nn.Network, sizes []int, acts [][]byte, lossName []byte) bool {
	if len(net.Sizes) != len(sizes) || len(net.Act) != len(acts) || net.Loss.Name != string(lossName) {
		return false
	}
	for i := range sizes {
		if net.Sizes[i] != sizes[i] {
			return false
		}
	}
	for i := range acts {
		if net.Act[i].Name != string(acts[i]) {
			return false
		}
	}
	return true
}

type writer struct{ b []byte }

func (w *writer) int(v int) { w.b = binary.AppendVarint(w.b, int64(v)) }
func (w *writer) float(v float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v))
}
func (w *writer) floats(v []float64) {
	for _, x := range v {
		w.float(x)
	}
}
func (w *writer) str(s string) { w.int(len(s)); w.b = append(w.b, s...) }
func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// set writes the points: n, then X and Y by rows, then the labels of a
// classification set.
func (w *writer) set(s *data.Set) {
	n := s.N()
	w.int(n)
	w.int(s.Y.Rows)
	w.floats(s.X.Data[:s.X.Rows*n])
	w.floats(s.Y.Data[:s.Y.Rows*n])
	w.bool(s.Labels != nil)
	for _, c := range s.Labels {
		w.int(c)
	}
}

// reader reads what writer wrote; the first error sticks and every read
// after it returns zero.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("scene: "+format, args...)
	}
}

func (r *reader) int() int {
	if r.err != nil {
		return 0
	}
	v, k := binary.Varint(r.b)
	if k <= 0 || v < math.MinInt32 || v > math.MaxInt32 {
		r.fail("bad integer")
		return 0
	}
	r.b = r.b[k:]
	return int(v)
}

func (r *reader) float() float64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.fail("truncated")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// floatsInto fills dst, checking first that the bytes are there.
func (r *reader) floatsInto(dst []float64) {
	if r.err == nil && len(r.b) < 8*len(dst) {
		r.fail("truncated")
	}
	for i := range dst {
		dst[i] = r.float()
	}
}

// str returns the bytes of a string (a name), not copied.
func (r *reader) str() []byte {
	n := r.int()
	if r.err == nil && (n < 0 || n > 64 || n > len(r.b)) {
		r.fail("bad string")
	}
	if r.err != nil {
		return nil
	}
	s := r.b[:n:n]
	r.b = r.b[n:]
	return s
}

func (r *reader) bool() bool {
	if r.err != nil {
		return false
	}
	if len(r.b) < 1 || r.b[0] > 1 {
		r.fail("bad flag")
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

// set reads points with the given number of features; classes as in Scene.
func (r *reader) set(features, classes int) *data.Set {
	n, yRows := r.int(), r.int()
	if r.err == nil && (n < 0 || n > data.MaxN || yRows < 1 || yRows > data.MaxClasses) {
		r.fail("%d points with %d target rows", n, yRows)
	}
	if r.err == nil && len(r.b) < 8*(features+yRows)*n {
		r.fail("truncated")
	}
	if r.err != nil {
		return nil
	}
	s := &data.Set{X: mat.New(features, n), Y: mat.New(yRows, n), Classes: classes}
	r.floatsInto(s.X.Data)
	r.floatsInto(s.Y.Data)
	if r.bool() {
		s.Labels = make([]int, n)
		for j := range s.Labels {
			c := r.int()
			if r.err == nil && (c < 0 || c >= max(classes, 2)) {
				r.fail("label %d of %d classes", c, classes)
			}
			s.Labels[j] = c
		}
	} else if classes > 0 {
		r.fail("classification points without labels")
	}
	return s
}
