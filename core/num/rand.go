package num

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
)

// Rand is the seeded generator of everything random in nnstep (initial
// weights, datasets, shuffling). It draws from PCG and makes normal samples
// with Box–Muller over the portable Log, so a seed gives the same numbers
// natively and in the browser. (rand.NormFloat64 calls math.Exp and math.Log
// in its tails, which differ between GOARCHes.)
type Rand struct {
	src   *rand.PCG
	r     *rand.Rand
	spare float64
	has   bool
}

// NewRand returns a generator for seed.
func NewRand(seed uint64) *Rand {
	src := rand.NewPCG(seed, 0x6e6e73746570) // "nnstep"
	return &Rand{src: src, r: rand.New(src)}
}

// AppendState appends the generator's whole state (PCG's and the spare
// normal sample) to b: SetState on another generator makes it draw the
// same numbers from then on.
func (g *Rand) AppendState(b []byte) []byte {
	pcg, _ := g.src.MarshalBinary() // never fails
	b = append(b, byte(len(pcg)))
	b = append(b, pcg...)
	has := byte(0)
	if g.has {
		has = 1
	}
	b = append(b, has)
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(g.spare))
}

// SetState restores a state of AppendState and returns the bytes after it.
func (g *Rand) SetState(b []byte) ([]byte, error) {
	if len(b) < 1 || len(b) < 1+int(b[0])+9 {
		return nil, errors.New("rand state: too short")
	}
	n := int(b[0])
	if err := g.src.UnmarshalBinary(b[1 : 1+n]); err != nil {
		return nil, err
	}
	b = b[1+n:]
	g.has = b[0] == 1
	g.spare = math.Float64frombits(binary.LittleEndian.Uint64(b[1:9]))
	return b[9:], nil
}

// Float64 returns a uniform number in [0, 1).
func (g *Rand) Float64() float64 { return g.r.Float64() }

// Uniform returns a uniform number in [lo, hi).
func (g *Rand) Uniform(lo, hi float64) float64 { return lo + (hi-lo)*g.r.Float64() }

// IntN returns a uniform integer in [0, n).
func (g *Rand) IntN(n int) int { return g.r.IntN(n) }

// Normal returns a standard normal sample.
func (g *Rand) Normal() float64 {
	if g.has {
		g.has = false
		return g.spare
	}
	u := 1 - g.r.Float64() // (0, 1]: Log(u) is finite
	v := g.r.Float64()
	rad := math.Sqrt(-2 * Log(u))
	g.spare, g.has = rad*math.Sin(2*math.Pi*v), true
	return rad * math.Cos(2*math.Pi*v)
}

// Shuffle permutes p in place (Fisher–Yates).
func (g *Rand) Shuffle(p []int) {
	for i := len(p) - 1; i > 0; i-- {
		j := g.r.IntN(i + 1)
		p[i], p[j] = p[j], p[i]
	}
}
