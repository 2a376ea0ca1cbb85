package model

import (
	"slices"
	"testing"
)

// Issue 18, finding 13: own data says what happens and the first clicked
// point goes to the training set.

func TestOwnDataFromALinkSaysWhereItComesFrom(t *testing.T) {
	m := NewModel()
	notices, err := m.Configure(map[string]string{"dataset": "own"})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(notices, func(n Notice) bool { return n.Code == "ownSeed" })
	if i < 0 || notices[i].Value != "200" || notices[i].Fallback != "circles" {
		t.Fatalf("notices %+v, want ownSeed: 200 points of circles", notices)
	}
}

func TestFirstClickedPointIsATrainingPoint(t *testing.T) {
	m := configured(t, map[string]string{"dataset": "xor"})
	tr, te := m.Train.N(), m.Test.N()
	if err := m.AddPoint(0.25, -0.75, 1); err != nil {
		t.Fatal(err)
	}
	n := m.Train.N()
	if n != tr+1 || m.Test.N() != te || m.Train.X.At(0, n-1) != 0.25 || m.Train.X.At(1, n-1) != -0.75 || m.Train.Labels[n-1] != 1 {
		t.Fatalf("after a click: %d train (was %d), %d test (was %d); want the point in training", n, tr, m.Test.N(), te)
	}
}
