package numpy

import (
	"fmt"
	"math"

	"nnstep/core/num"
)

// testEnv is a 2-4-3-1 network's batch of m = 5 examples, the names a
// student has: X, Y, m, eta, W1…, b1…, Z1…, A0…, dZ1…, dW1…, db1….
func testEnv(seed uint64) Env {
	g := num.NewRand(seed)
	mat := func(r, c int) *Array {
		d := make([]float64, r*c)
		for i := range d {
			d[i] = math.Round(g.Uniform(-2, 2)*1e6) / 1e6
		}
		return Matrix(r, c, d)
	}
	sizes, m := []int{2, 4, 3, 1}, 5
	env := Env{"m": Int(m), "eta": Float(0.1), "X": mat(2, m)}
	env["A0"] = env["X"]
	y := mat(1, m)
	for i := range y.Data {
		y.Data[i] = b2f(y.Data[i] > 0)
	}
	env["Y"] = y
	for l := 1; l < len(sizes); l++ {
		for _, p := range []string{"W", "dW"} {
			env[fmt.Sprintf("%s%d", p, l)] = mat(sizes[l], sizes[l-1])
		}
		for _, p := range []string{"b", "db"} {
			env[fmt.Sprintf("%s%d", p, l)] = mat(sizes[l], 1)
		}
		for _, p := range []string{"Z", "A", "dZ", "dA"} {
			env[fmt.Sprintf("%s%d", p, l)] = mat(sizes[l], m)
		}
	}
	return env
}
