package anomaly

import (
	"math"
	"slices"
)

// MarshalBinary saves the fitted forest — its nodes, roots and healthy
// scores (see state.go for the format); it never fails.
func (f *IsolationForest) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagIForest, 8*(4+3*len(f.nodes)+len(f.roots)+len(f.healthy)))
	e.int(f.d, f.psi, len(f.nodes))
	for _, n := range f.nodes {
		e.f64(n.split)
		e.int(int(n.feature), int(n.left))
	}
	e.int(len(f.roots))
	for _, r := range f.roots {
		e.int(int(r))
	}
	e.int(len(f.healthy))
	e.f64(f.healthy...)
	return e.b, nil
}

// maxRestoredDim bounds the feature dimension a restored forest may
// claim, so that a corrupt record cannot make callers size huge vectors.
const maxRestoredDim = 1 << 16

// UnmarshalBinary restores a forest saved by MarshalBinary; the restored
// forest scores bit-for-bit as the saved one. Its dimension must be at
// most 65 536. Every node is checked (a
// split feature below Dim, children after their parent and inside the
// forest, so that a corrupt record can neither panic nor loop), and a
// failure returns an error wrapping ErrState and leaves f unchanged.
func (f *IsolationForest) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagIForest, "IsolationForest")
	dim := d.int("dimension", 1, maxRestoredDim)
	psi := d.int("subsample", 2, math.MaxInt32)
	nn := d.int("nodes", 1, min(len(d.b)/24, math.MaxInt32))
	if d.err != nil {
		return d.err
	}
	r := &IsolationForest{d: dim, psi: psi, cpsi: avgPathLength(psi), nodes: make([]ifNode, nn)}
	for i := range r.nodes {
		n := &r.nodes[i]
		n.split = d.finite("split")
		n.feature = int32(d.int("feature", -1, dim-1))
		n.left = int32(d.int("child", 0, max(nn-2, 0)))
		if d.err != nil {
			return d.err
		}
		if n.feature >= 0 && int(n.left) <= i {
			d.fail("node %d's children at %d, not after it", i, n.left)
			return d.err
		}
		if n.feature < 0 && !(n.split >= 0) {
			d.fail("leaf %d path credit %g < 0", i, n.split)
			return d.err
		}
	}
	nr := d.int("trees", 1, min(len(d.b)/8, math.MaxInt32))
	if d.err != nil {
		return d.err
	}
	r.roots = make([]int32, nr)
	for i := range r.roots {
		r.roots[i] = int32(d.int("root", 0, nn-1))
	}
	nh := d.int("healthy scores", 0, len(d.b)/8)
	if d.err == nil && nh > 0 {
		r.healthy = make(healthyScores, nh)
		d.finites("healthy score", r.healthy)
	}
	if err := d.finish(); err != nil {
		return err
	}
	if !slices.IsSorted(r.healthy) || nh > 0 && !(r.healthy[0] >= 0 && r.healthy[nh-1] <= 1) {
		d.fail("healthy scores not ascending in [0, 1]")
		return d.err
	}
	*f = *r
	return nil
}
