package rul

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// GBRTConfig configures gradient-boosted regression trees.
type GBRTConfig struct {
	Trees        int     // boosting rounds (default 300)
	Depth        int     // maximum tree depth (default 4)
	LearningRate float64 // shrinkage (default 0.05)
	MinLeaf      int     // minimum rows in a leaf (default 20)
	Subsample    float64 // fraction of rows drawn (without replacement) per tree (default 0.7)
	Bins         int     // histogram bins per feature, 2..256 (default 64)
	Seed         uint64  // row-subsampling seed
}

func (c GBRTConfig) withDefaults() (GBRTConfig, error) {
	if c.Trees == 0 {
		c.Trees = 300
	}
	if c.Depth == 0 {
		c.Depth = 4
	}
	if c.LearningRate == 0 {
		c.LearningRate = 0.05
	}
	if c.MinLeaf == 0 {
		c.MinLeaf = 20
	}
	if c.Subsample == 0 {
		c.Subsample = 0.7
	}
	if c.Bins == 0 {
		c.Bins = 64
	}
	if c.Trees < 1 || c.Depth < 1 || c.Depth > 16 || !(c.LearningRate > 0 && c.LearningRate <= 1) ||
		c.MinLeaf < 1 || !(c.Subsample > 0 && c.Subsample <= 1) || c.Bins < 2 || c.Bins > 256 {
		return c, errorf(ErrBadInput, "gbrt config %+v out of range", c)
	}
	return c, nil
}

// GBRT is a least-squares gradient-boosted regression-tree ensemble
// (J. H. Friedman, "Greedy Function Approximation: A Gradient Boosting
// Machine", Annals of Statistics 29, 2001; stochastic variant, 2002) with
// histogram split finding: each feature is cut into at most Bins quantile
// bins once, and every tree level costs one pass over the rows per feature.
// It serves as the point regressor of feature-based RUL estimation (e.g. on
// C-MAPSS); it is safe for concurrent Predict calls.
type GBRT struct {
	base  float64
	nodes []gbNode // all trees' nodes; tree t starts at roots[t]
	roots []int32
	nfeat int
}

type gbNode struct {
	feature     int32   // −1 for a leaf
	left, right int32   // child indices
	threshold   float64 // go left when x[feature] <= threshold
	value       float64 // leaf output (already shrunk)
}

// FitGBRT fits the ensemble to rows X (each of the same length) and targets
// y. It returns ErrNaN for non-finite inputs and ErrTooFewPoints for fewer
// than 2·MinLeaf rows.
func FitGBRT(X [][]float64, y []float64, cfg GBRTConfig) (*GBRT, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(X) != len(y) {
		panic("rul: len(X) != len(y)")
	}
	n := len(X)
	if n < 2*cfg.MinLeaf || n == 0 {
		return nil, errorf(ErrTooFewPoints, "gbrt: %d rows, need at least %d", n, 2*cfg.MinLeaf)
	}
	p := len(X[0])
	for i, r := range X {
		if len(r) != p {
			panic("rul: rows of different lengths")
		}
		if err := checkSeries(fmt.Sprintf("gbrt: row %d", i), r); err != nil {
			return nil, err
		}
	}
	if err := checkSeries("gbrt: targets", y); err != nil {
		return nil, err
	}

	// Quantile bin edges per feature; bins[f][i] is row i's bin.
	edges := make([][]float64, p)
	bins := make([][]uint8, p)
	col := make([]float64, n)
	for f := 0; f < p; f++ {
		for i := range X {
			col[i] = X[i][f]
		}
		s := slices.Clone(col)
		slices.Sort(s)
		s = slices.Compact(s)
		var e []float64
		if len(s) <= cfg.Bins {
			for k := 0; k+1 < len(s); k++ {
				e = append(e, (s[k]+s[k+1])/2)
			}
		} else {
			for k := 1; k < cfg.Bins; k++ {
				v := s[k*len(s)/cfg.Bins]
				if len(e) == 0 || v > e[len(e)-1] {
					e = append(e, v)
				}
			}
		}
		edges[f] = e
		b := make([]uint8, n)
		for i, v := range col {
			b[i] = uint8(sortSearch(e, v))
		}
		bins[f] = b
	}

	g := &GBRT{nfeat: p}
	for _, v := range y {
		g.base += v
	}
	g.base /= float64(n)
	pred := make([]float64, n)
	for i := range pred {
		pred[i] = g.base
	}
	res := make([]float64, n)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x47425254))
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	m := max(2*cfg.MinLeaf, int(cfg.Subsample*float64(n)))
	b := &treeBuilder{cfg: cfg, bins: bins, edges: edges, res: res,
		hs: make([]float64, cfg.Bins), hc: make([]int32, cfg.Bins)}
	for t := 0; t < cfg.Trees; t++ {
		for i := range res {
			res[i] = y[i] - pred[i]
		}
		// Partial Fisher–Yates: the first m entries are the sample.
		for i := 0; i < m; i++ {
			j := i + rng.IntN(n-i)
			perm[i], perm[j] = perm[j], perm[i]
		}
		rows := slices.Clone(perm[:m])
		g.roots = append(g.roots, int32(len(g.nodes)))
		g.nodes = b.grow(g.nodes, rows, 0)
		root := g.roots[t]
		for i := range pred {
			pred[i] += g.evalTree(root, X[i])
		}
	}
	return g, nil
}

func sortSearch(e []float64, v float64) int {
	lo, hi := 0, len(e)
	for lo < hi {
		mid := (lo + hi) / 2
		if v > e[mid] {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo // number of edges < v: bin k holds e[k-1] < v <= e[k]
}

type treeBuilder struct {
	cfg   GBRTConfig
	bins  [][]uint8
	edges [][]float64
	res   []float64
	hs    []float64
	hc    []int32
}

// grow appends the subtree fitted to rows at depth and returns nodes.
func (b *treeBuilder) grow(nodes []gbNode, rows []int32, depth int) []gbNode {
	var sum float64
	for _, r := range rows {
		sum += b.res[r]
	}
	n := float64(len(rows))
	idx := len(nodes)
	nodes = append(nodes, gbNode{feature: -1, value: b.cfg.LearningRate * sum / n})
	if depth >= b.cfg.Depth || len(rows) < 2*b.cfg.MinLeaf {
		return nodes
	}
	bestGain, bestF, bestBin := 1e-12*math.Abs(sum*sum/n), -1, 0
	base := sum * sum / n
	for f, fb := range b.bins {
		nb := len(b.edges[f]) + 1
		hs, hc := b.hs[:nb], b.hc[:nb]
		clear(hs)
		clear(hc)
		for _, r := range rows {
			k := fb[r]
			hs[k] += b.res[r]
			hc[k]++
		}
		var sl float64
		var cl int32
		for k := 0; k < nb-1; k++ {
			sl += hs[k]
			cl += hc[k]
			cr := int32(len(rows)) - cl
			if int(cl) < b.cfg.MinLeaf {
				continue
			}
			if int(cr) < b.cfg.MinLeaf {
				break
			}
			sr := sum - sl
			gain := sl*sl/float64(cl) + sr*sr/float64(cr) - base
			if gain > bestGain {
				bestGain, bestF, bestBin = gain, f, k
			}
		}
	}
	if bestF < 0 {
		return nodes
	}
	// Partition rows in place: bin ≤ bestBin go left.
	fb := b.bins[bestF]
	i, j := 0, len(rows)-1
	for i <= j {
		if int(fb[rows[i]]) <= bestBin {
			i++
		} else {
			rows[i], rows[j] = rows[j], rows[i]
			j--
		}
	}
	nodes[idx].feature = int32(bestF)
	nodes[idx].threshold = b.edges[bestF][bestBin]
	nodes[idx].left = int32(len(nodes))
	nodes = b.grow(nodes, rows[:i], depth+1)
	nodes[idx].right = int32(len(nodes))
	nodes = b.grow(nodes, rows[i:], depth+1)
	return nodes
}

func (g *GBRT) evalTree(root int32, x []float64) float64 {
	k := root
	for {
		nd := &g.nodes[k]
		if nd.feature < 0 {
			return nd.value
		}
		if x[nd.feature] <= nd.threshold {
			k = nd.left
		} else {
			k = nd.right
		}
	}
}

// Predict returns the ensemble's prediction for x. It panics if len(x)
// differs from the training rows.
func (g *GBRT) Predict(x []float64) float64 {
	if len(x) != g.nfeat {
		panic("rul: feature vector length differs from the fitted GBRT")
	}
	s := g.base
	for _, r := range g.roots {
		s += g.evalTree(r, x)
	}
	return s
}

// Trees returns the number of trees.
func (g *GBRT) Trees() int { return len(g.roots) }
