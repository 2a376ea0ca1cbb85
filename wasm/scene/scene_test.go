package scene

import (
	"math"
	"slices"
	"testing"

	"nnstep/core/data"
	"nnstep/core/nn"
)

// sample returns a scene of a real dataset and an initialised network.
func sample(t testing.TB, name string, sizes []int, acts []string, lossName string, classes int) *Scene {
	t.Helper()
	full, err := data.Generate(data.Spec{Name: name, N: 60, Noise: 0.1, Seed: 3, Classes: classes})
	if err != nil {
		t.Fatal(err)
	}
	train, test := full.Split(0.25, 3)
	net, err := nn.New(sizes, acts, lossName)
	if err != nil {
		t.Fatal(err)
	}
	net.Init(7)
	return &Scene{Version: 12, Data: 3, Net: net, Train: train, Test: test, Lo: -1.2, Hi: 1.2, Example: 5, Classes: full.Classes}
}

func sameSet(a, b *data.Set) bool {
	return a.Classes == b.Classes && a.X.Rows == b.X.Rows && a.X.Cols == b.X.Cols &&
		slices.Equal(a.X.Data, b.X.Data) && a.Y.Rows == b.Y.Rows && slices.Equal(a.Y.Data, b.Y.Data) &&
		slices.Equal(a.Labels, b.Labels)
}

func sameScene(t *testing.T, got, want *Scene) {
	t.Helper()
	if got.Version != want.Version || got.Data != want.Data || got.Lo != want.Lo || got.Hi != want.Hi ||
		got.Example != want.Example || got.Classes != want.Classes {
		t.Fatalf("header: got %+v, want %+v", *got, *want)
	}
	if !slices.Equal(got.Net.Sizes, want.Net.Sizes) || !slices.Equal(got.Net.ActNames(), want.Net.ActNames()) ||
		got.Net.Loss.Name != want.Net.Loss.Name {
		t.Fatalf("architecture: got %v %v %s, want %v %v %s", got.Net.Sizes, got.Net.ActNames(), got.Net.Loss.Name,
			want.Net.Sizes, want.Net.ActNames(), want.Net.Loss.Name)
	}
	for l := range want.Net.W {
		for k, v := range want.Net.W[l].Data {
			if math.Float64bits(got.Net.W[l].Data[k]) != math.Float64bits(v) {
				t.Fatalf("W[%d][%d] = %v, want %v", l+1, k, got.Net.W[l].Data[k], v)
			}
		}
		if !slices.Equal(got.Net.B[l].Data, want.Net.B[l].Data) {
			t.Fatalf("b[%d] = %v, want %v", l+1, got.Net.B[l].Data, want.Net.B[l].Data)
		}
	}
	if !sameSet(got.Train, want.Train) || !sameSet(got.Test, want.Test) {
		t.Fatal("points differ")
	}
}

func TestRoundTrip(t *testing.T) {
	cases := []*Scene{
		sample(t, "spiral", []int{2, 8, 8, 1}, []string{"tanh", "tanh", "sigmoid"}, "bce", 0),
		sample(t, "gauss", []int{2, 5, 4}, []string{"relu", "softmax"}, "cce", 4),
		sample(t, "line", []int{1, 1}, []string{"identity"}, "mse", 0),
		sample(t, "bumps", []int{2, 6, 1}, []string{"elu", "identity"}, "mse", 0),
	}
	// Specials survive bit for bit: a diverged network is drawn grey.
	cases[0].Net.W[1].Data[3] = math.Inf(-1)
	cases[0].Net.B[0].Data[0] = math.Copysign(0, -1)
	cases[0].Net.W[0].Data[0] = math.NaN()
	for _, want := range cases {
		var got Scene
		if err := Decode(Append(nil, want, -1), &got); err != nil {
			t.Fatal(err)
		}
		if math.Signbit(want.Net.B[0].Data[0]) != math.Signbit(got.Net.B[0].Data[0]) {
			t.Fatal("-0 lost")
		}
		sameScene(t, &got, want)
	}
}

// After the first scene, the points travel only when Data changes and the
// parameters are written into the same network.
func TestPointsOnlyWhenChanged(t *testing.T) {
	want := sample(t, "moons", []int{2, 4, 1}, []string{"tanh", "sigmoid"}, "bce", 0)
	var got Scene
	if err := Decode(Append(nil, want, -1), &got); err != nil {
		t.Fatal(err)
	}
	net, train := got.Net, got.Train
	full := len(Append(nil, want, -1))
	want.Version++
	want.Net.W[0].Data[2] += 0.5
	b := Append(nil, want, got.Data)
	if len(b) >= full/4 {
		t.Fatalf("parameters only: %d bytes, with the points %d", len(b), full)
	}
	if err := Decode(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Net != net || got.Train != train {
		t.Fatal("network or points reallocated for a parameter change")
	}
	sameScene(t, &got, want)
	if n := testing.AllocsPerRun(50, func() {
		b = Append(b[:0], want, got.Data)
		if err := Decode(b, &got); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("%v allocations per frame while training, want 0", n)
	}

	// New data without the points: refused, and got keeps its scene.
	want.Data++
	if err := Decode(Append(nil, want, want.Data), &got); err == nil {
		t.Fatal("a scene without the points of a new Data was accepted")
	}
	if got.Data != want.Data-1 || got.Net != net {
		t.Fatal("a refused scene changed the stage's copy")
	}
	// A new architecture makes a new network.
	other := sample(t, "moons", []int{2, 3, 3, 1}, []string{"relu", "relu", "sigmoid"}, "bce", 0)
	if err := Decode(Append(nil, other, got.Data), &got); err != nil {
		t.Fatal(err)
	}
	sameScene(t, &got, other)
}

// Every truncation and every corrupted byte of a real scene is an error or
// a valid scene, never a panic.
func TestDecodeDamaged(t *testing.T) {
	good := Append(nil, sample(t, "gauss", []int{2, 3, 3}, []string{"tanh", "softmax"}, "cce", 3), -1)
	for n := range len(good) {
		var s Scene
		if err := Decode(good[:n], &s); err == nil {
			t.Fatalf("truncated to %d of %d bytes: accepted", n, len(good))
		}
		if s.Net != nil {
			t.Fatal("a refused scene was written")
		}
	}
	for i := range good {
		for _, v := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			b := slices.Clone(good)
			b[i] = v
			var s Scene
			_ = Decode(b, &s)
		}
	}
	if err := Decode(append(slices.Clone(good), 0), new(Scene)); err == nil {
		t.Fatal("trailing byte accepted")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Append(nil, sample(f, "xor", []int{2, 2, 1}, []string{"relu", "sigmoid"}, "bce", 0), -1))
	f.Add(Append(nil, sample(f, "line", []int{1, 1}, []string{"identity"}, "mse", 0), -1))
	f.Add([]byte("nns1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Scene
		if err := Decode(b, &s); err != nil {
			return
		}
		// What decodes is drawable: shapes agree, labels are in range.
		if s.Train.X.Rows != s.Net.Sizes[0] || s.Test.X.Rows != s.Net.Sizes[0] || s.Train.N() == 0 {
			t.Fatalf("points of %d features for %d inputs", s.Train.X.Rows, s.Net.Sizes[0])
		}
		// And it encodes to the same bytes.
		if again := Append(nil, &s, -1); string(again) != string(b) {
			t.Fatalf("re-encoded differently")
		}
	})
}
