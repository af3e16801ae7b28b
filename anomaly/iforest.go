package anomaly

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// IForestConfig configures FitIsolationForest. The zero value is the
// paper's: 100 trees, subsamples of 256, height limit ⌈log₂ 256⌉ = 8,
// seed 0.
type IForestConfig struct {
	// Trees is the number of isolation trees; 0 means 100.
	Trees int
	// Subsample is ψ, the samples drawn (without replacement) per tree;
	// 0 means 256, and it is capped at n.
	Subsample int
	// Seed seeds the subsampling and the random splits.
	Seed uint64
}

// IsolationForest is the isolation forest of F. T. Liu, K. M. Ting and
// Z.-H. Zhou, "Isolation Forest", ICDM 2008: each tree splits a random
// subsample on random features at uniformly random values until samples
// are isolated or the height limit ⌈log₂ ψ⌉ is reached; anomalies are
// isolated in few splits. The score is s = 2^(−E[h(x)]/c(ψ)), in (0, 1]:
// near 1 for anomalies, ≤ 0.5 for ordinary samples, where h(x) is the path
// length plus c(size) at an external node holding size samples, and
// c(m) = 2H(m−1) − 2(m−1)/m the mean unsuccessful-search path length of a
// binary search tree (H the harmonic number; c(2) = 1, c(1) = 0).
//
// A fitted forest is read-only: Score may be called concurrently and
// allocates nothing.
type IsolationForest struct {
	d       int
	psi     int
	cpsi    float64
	nodes   []ifNode
	roots   []int32
	healthy healthyScores
}

// ifNode is an internal node (feature ≥ 0; its children are nodes left
// and left+1) or an external node (feature < 0, whose path-length credit
// c(size) is in split). 16 bytes, children adjacent, for cache locality.
type ifNode struct {
	split   float64
	feature int32
	left    int32
}

// FitIsolationForest grows the forest on x (n×d, one healthy sample a
// row, n ≥ 2) and scores the training samples for Threshold. Errors: NaN
// or infinite values, fewer than 2 samples, negative settings.
func FitIsolationForest(x mat.Matrix, cfg IForestConfig) (*IsolationForest, error) {
	data, n, d, err := samples("FitIsolationForest", x, 2)
	if err != nil {
		return nil, err
	}
	trees, psi := cfg.Trees, cfg.Subsample
	if trees == 0 {
		trees = 100
	}
	if psi == 0 {
		psi = 256
	}
	if trees < 0 || psi < 0 {
		return nil, errorf(ErrConfig, "FitIsolationForest: Trees = %d, Subsample = %d, want ≥ 0", cfg.Trees, cfg.Subsample)
	}
	psi = min(psi, n)
	if psi < 2 {
		return nil, errorf(ErrInput, "FitIsolationForest: Subsample = %d, want ≥ 2", psi)
	}
	f := &IsolationForest{d: d, psi: psi, cpsi: avgPathLength(psi), roots: make([]int32, trees)}
	limit := int(math.Ceil(math.Log2(float64(psi))))
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x69666f72))
	idx := allIndices(n)
	g := ifGrower{data: data, d: d, rng: rng, limit: limit, f: f}
	for t := range f.roots {
		// Partial Fisher–Yates: the first psi entries are the subsample.
		for i := 0; i < psi; i++ {
			j := i + rng.IntN(n-i)
			idx[i], idx[j] = idx[j], idx[i]
		}
		sub := slices.Clone(idx[:psi])
		f.roots[t] = int32(len(f.nodes))
		f.nodes = append(f.nodes, ifNode{})
		g.grow(sub, 0, f.roots[t])
	}
	f.healthy = make(healthyScores, n)
	for i := range f.healthy {
		f.healthy[i] = f.score(data[i*d : (i+1)*d])
	}
	slices.Sort(f.healthy)
	return f, nil
}

type ifGrower struct {
	data  []float64
	d     int
	rng   *rand.Rand
	limit int
	f     *IsolationForest
	feats []int
}

// grow fills node id with the subtree of samples idx at depth.
func (g *ifGrower) grow(idx []int, depth int, id int32) {
	leaf := ifNode{feature: -1, split: avgPathLength(len(idx))}
	if depth >= g.limit || len(idx) <= 1 {
		g.f.nodes[id] = leaf
		return
	}
	// Choose a random feature among those that vary within idx (a
	// feature constant here cannot split); none: external node.
	d := g.d
	g.feats = g.feats[:0]
	for j := 0; j < d; j++ {
		v0 := g.data[idx[0]*d+j]
		for _, i := range idx[1:] {
			if g.data[i*d+j] != v0 {
				g.feats = append(g.feats, j)
				break
			}
		}
	}
	if len(g.feats) == 0 {
		g.f.nodes[id] = leaf
		return
	}
	j := g.feats[g.rng.IntN(len(g.feats))]
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, i := range idx {
		v := g.data[i*d+j]
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	p := lo + g.rng.Float64()*(hi-lo)
	if p <= lo { // keep both sides non-empty: x < p goes left
		p = math.Nextafter(lo, hi)
	}
	// Partition idx in place: x < p first.
	m := 0
	for k, i := range idx {
		if g.data[i*d+j] < p {
			idx[k], idx[m] = idx[m], idx[k]
			m++
		}
	}
	left := int32(len(g.f.nodes))
	g.f.nodes = append(g.f.nodes, ifNode{}, ifNode{})
	g.f.nodes[id] = ifNode{feature: int32(j), split: p, left: left}
	g.grow(idx[:m], depth+1, left)
	g.grow(idx[m:], depth+1, left+1)
}

// avgPathLength is c(m), the average path length of an unsuccessful
// search in a binary search tree of m nodes: 2H(m−1) − 2(m−1)/m, with the
// harmonic number summed exactly up to 1000 terms and by its asymptotic
// expansion above; c(1) = 0 and c(2) = 1.
func avgPathLength(m int) float64 {
	if m <= 1 {
		return 0
	}
	k := m - 1
	var h float64
	if k <= 1000 {
		for i := k; i >= 1; i-- {
			h += 1 / float64(i)
		}
	} else {
		fk := float64(k)
		h = math.Log(fk) + 0.57721566490153286 + 1/(2*fk) - 1/(12*fk*fk)
	}
	return 2*h - 2*float64(k)/float64(m)
}

// Dim returns the feature dimension.
func (f *IsolationForest) Dim() int { return f.d }

// Subsample returns the subsample size ψ used per tree.
func (f *IsolationForest) Subsample() int { return f.psi }

// Score returns the anomaly score 2^(−E[h(x)]/c(ψ)) of x, in (0, 1]. It
// panics if len(x) != Dim() and returns an error naming a NaN or infinite
// feature.
func (f *IsolationForest) Score(x []float64) (float64, error) {
	if err := checkVector("IsolationForest.Score", x, f.d); err != nil {
		return 0, err
	}
	return f.score(x), nil
}

func (f *IsolationForest) score(x []float64) float64 {
	var sum float64
	nodes := f.nodes
	for _, r := range f.roots {
		n := &nodes[r]
		depth := 0
		for n.feature >= 0 {
			c := n.left
			if x[n.feature] >= n.split {
				c++
			}
			n = &nodes[c]
			depth++
		}
		sum += float64(depth) + n.split
	}
	return math.Exp2(-sum / float64(len(f.roots)) / f.cpsi)
}

// Threshold returns the empirical (1 − pfa) quantile of the training
// samples' scores (in-sample: each was in about ψ/n of the subsamples).
func (f *IsolationForest) Threshold(pfa float64) (float64, error) {
	return f.healthy.quantile(pfa)
}
