package rul

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// SimilarityConfig configures a SimilarityModel.
type SimilarityConfig struct {
	// Degree of the polynomial fitted to each library history (default 2).
	Degree int
	// K is the number of most similar histories whose remaining lives form
	// the forecast (default 10, at most the library size).
	K int
	// MaxShift and ShiftStep let the monitored unit's clock be offset
	// against each library history by τ ∈ {−MaxShift, ..., 0, ..., +MaxShift}
	// in steps of ShiftStep (time units), for units that start more or less
	// worn than the library did. MaxShift 0 (default) aligns both clocks.
	MaxShift, ShiftStep float64
}

func (c SimilarityConfig) withDefaults(lib int) (SimilarityConfig, error) {
	if c.Degree == 0 {
		c.Degree = 2
	}
	if c.K == 0 {
		c.K = 10
	}
	if c.K > lib {
		c.K = lib
	}
	if c.Degree < 0 || c.Degree > 8 || c.K < 1 || !(c.MaxShift >= 0) || c.MaxShift > 0 && !(c.ShiftStep > 0) ||
		!finite(c.MaxShift) || !finite(c.ShiftStep) {
		return c, errorf(ErrBadInput, "similarity config %+v: need 0 ≤ Degree ≤ 8, K ≥ 1, MaxShift ≥ 0 and ShiftStep > 0 when MaxShift > 0", c)
	}
	if c.MaxShift > 0 && c.MaxShift/c.ShiftStep > 1e4 {
		return c, errorf(ErrBadInput, "similarity config: %g shifts is too many", 2*c.MaxShift/c.ShiftStep+1)
	}
	return c, nil
}

// SimilarityModel forecasts remaining life by residual similarity to a
// library of run-to-failure histories (in the manner of MATLAB's
// residualSimilarityModel).
//
// Each library history j is summarised by a least-squares polynomial f_j of
// the health indicator against time (fitted on t/EOL_j for conditioning)
// and its end of life EOL_j. Each observation (t, y) of the monitored unit
// adds (y − f_j(t + τ))² to a running residual sum for every history j and
// clock offset τ, so Update costs O(library × offsets × degree) and does not
// allocate. Predict takes, per history, the offset with the smallest RMS
// residual d_j among those with t_now + τ ≤ EOL_j, keeps the K histories of
// smallest d_j, and returns their remaining lives EOL_j − (t_now + τ_j) as a
// weighted sample with weights exp(−(d_j/d_K)²), d_K the K-th smallest
// distance: the forecast's median is the weighted median of the neighbours'
// remaining lives and its intervals come from their spread.
//
// Reset starts a new monitored unit. Not safe for concurrent use.
type SimilarityModel struct {
	cfg    SimilarityConfig
	coef   []float64 // library × (Degree+1), in powers of t/EOL_j
	eol    []float64
	shifts []float64
	ssr    []float64 // library × shifts
	n      int
	tLast  float64

	// scratch
	dist, rul, w []float64
	idx          []int
}

// NewSimilarityModel builds the model from run-to-failure histories (their
// last time is their end of life; times should start near 0, the unit's
// start of life). Each history needs at least Degree+2 points.
func NewSimilarityModel(library []History, cfg SimilarityConfig) (*SimilarityModel, error) {
	if len(library) < 1 {
		return nil, errorf(ErrTooFewPoints, "similarity model: empty library")
	}
	cfg, err := cfg.withDefaults(len(library))
	if err != nil {
		return nil, err
	}
	p := cfg.Degree + 1
	m := &SimilarityModel{cfg: cfg, coef: make([]float64, len(library)*p), eol: make([]float64, len(library))}
	for j, h := range library {
		if err := h.validate(fmt.Sprintf("similarity model: history %d", j), p+1); err != nil {
			return nil, err
		}
		eol := h.EndOfLife()
		if !(eol > 0) {
			return nil, errorf(ErrBadInput, "similarity model: history %d ends at t=%g ≤ 0", j, eol)
		}
		m.eol[j] = eol
		if err := polyFit(m.coef[j*p:(j+1)*p], h.Time, h.Value, eol); err != nil {
			return nil, fmt.Errorf("similarity model: history %d: %w", j, err)
		}
	}
	m.shifts = shiftGrid(cfg)
	m.alloc()
	return m, nil
}

// shiftGrid returns the clock offsets of cfg: 0, or −MaxShift..MaxShift in
// steps of ShiftStep.
func shiftGrid(cfg SimilarityConfig) []float64 {
	if !(cfg.MaxShift > 0) {
		return []float64{0}
	}
	var sh []float64
	n := int(math.Floor(cfg.MaxShift/cfg.ShiftStep + 1e-9))
	for s := -n; s <= n; s++ {
		sh = append(sh, float64(s)*cfg.ShiftStep)
	}
	return sh
}

func (m *SimilarityModel) alloc() {
	L := len(m.eol)
	m.ssr = make([]float64, L*len(m.shifts))
	m.dist = make([]float64, L)
	m.rul = make([]float64, 0, L)
	m.w = make([]float64, 0, L)
	m.idx = make([]int, L)
}

// polyFit fits Σ c_k (t/scale)^k to y by least squares (QR).
func polyFit(dst, t, y []float64, scale float64) error {
	p := len(dst)
	a := mat.NewDense(len(t), p, nil)
	for i, ti := range t {
		x, v := ti/scale, 1.0
		for k := 0; k < p; k++ {
			a.Set(i, k, v)
			v *= x
		}
	}
	var qr mat.QR
	qr.Factorize(a)
	c := mat.NewVecDense(p, dst)
	if err := qr.SolveVecTo(c, false, mat.NewVecDense(len(y), append([]float64(nil), y...))); err != nil {
		return errorf(ErrBadInput, "polynomial fit is singular (%v)", err)
	}
	return nil
}

// eval evaluates library polynomial j at time t (clamped to [0, EOL_j]).
func (m *SimilarityModel) eval(j int, t float64) float64 {
	p := m.cfg.Degree + 1
	c := m.coef[j*p : (j+1)*p]
	x := math.Min(math.Max(t, 0), m.eol[j]) / m.eol[j]
	v := 0.0
	for k := p - 1; k >= 0; k-- {
		v = v*x + c[k]
	}
	return v
}

// Reset forgets the monitored unit's observations.
func (m *SimilarityModel) Reset() {
	clear(m.ssr)
	m.n, m.tLast = 0, 0
}

// N returns the number of observations of the monitored unit.
func (m *SimilarityModel) N() int { return m.n }

// Horizon returns the largest |t| (time units) that Update accepts: 1000
// times the longest end of life in the library. (Past the longest end of
// life plus MaxShift Predict has no history to compare with anyway.)
func (m *SimilarityModel) Horizon() float64 { return 1000 * slices.Max(m.eol) }

// Update absorbs the monitored unit's health indicator value at time t
// (after the previous observation, within ±Horizon). A value so large
// that its squared residual overflows is rejected (ErrBadInput). On error
// the model is unchanged.
func (m *SimilarityModel) Update(t, value float64) error {
	if err := checkObservation("similarity model", m.n, m.tLast, m.Horizon(), t, value); err != nil {
		return err
	}
	S := len(m.shifts)
	for j := range m.eol {
		for _, tau := range m.shifts {
			if r := value - m.eval(j, t+tau); !finite(r * r) {
				return errorf(ErrBadInput, "similarity model update: value %g at t=%g is too far from history %d", value, t, j)
			}
		}
	}
	for j := range m.eol {
		row := m.ssr[j*S : (j+1)*S]
		for s, tau := range m.shifts {
			r := value - m.eval(j, t+tau)
			row[s] += r * r
		}
	}
	m.n++
	m.tLast = t
	return nil
}

// UpdateBatch absorbs value[i] at t[i] in order; it panics if the lengths
// differ.
func (m *SimilarityModel) UpdateBatch(t, value []float64) error {
	return updateBatch(m.Update, t, value)
}

// Predict forecasts the monitored unit's remaining life (see
// SimilarityModel) into dst (reused; nil allocates). It needs at least one
// observation, and returns ErrThresholdCrossed when the unit has outlived
// every library history at every offset.
func (m *SimilarityModel) Predict(dst *Distribution) (*Distribution, error) {
	if m.n == 0 {
		return dst, errorf(ErrTooFewPoints, "similarity model: no observations of the monitored unit")
	}
	S := len(m.shifts)
	m.rul = m.rul[:0]
	valid := 0
	bestTau := m.w[:0] // borrow as per-history best offset
	for j, eol := range m.eol {
		best, tau := math.Inf(1), 0.0
		for s, sh := range m.shifts {
			if m.tLast+sh > eol {
				continue
			}
			if v := m.ssr[j*S+s]; v < best {
				best, tau = v, sh
			}
		}
		m.dist[j] = math.Sqrt(best / float64(m.n))
		bestTau = append(bestTau, tau)
		m.idx[valid] = j
		if !math.IsInf(best, 1) {
			valid++
		}
	}
	if valid == 0 {
		return dst, errorf(ErrThresholdCrossed, "similarity model: t=%g is past the end of life of every library history", m.tLast)
	}
	idx := m.idx[:valid]
	slices.SortFunc(idx, func(a, b int) int {
		switch da, db := m.dist[a], m.dist[b]; {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return a - b
	})
	k := min(m.cfg.K, valid)
	idx = idx[:k]
	dk := m.dist[idx[k-1]]
	for _, j := range idx {
		m.rul = append(m.rul, m.eol[j]-(m.tLast+bestTau[j]))
	}
	w := bestTau[:0] // done with offsets
	for _, j := range idx {
		x := 0.0
		if dk > 0 {
			x = m.dist[j] / dk
		}
		w = append(w, math.Exp(-x*x))
	}
	if dst == nil {
		dst = &Distribution{}
	}
	dst.setWeightedNoCheck(m.rul, w)
	return dst, nil
}

// MarshalBinary encodes the library fit, configuration and the monitored
// unit's running residuals bit-exactly.
func (m *SimilarityModel) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagSimilarity, 8*(8+len(m.coef)+len(m.eol)+len(m.shifts)+len(m.ssr)))
	e.int(m.cfg.Degree)
	e.int(m.cfg.K)
	e.f64(m.cfg.MaxShift)
	e.f64(m.cfg.ShiftStep)
	e.f64s(m.coef)
	e.f64s(m.eol)
	e.f64s(m.shifts)
	e.f64s(m.ssr)
	e.int(m.n)
	e.f64(m.tLast)
	return e.b, nil
}

// UnmarshalBinary restores a model saved by MarshalBinary.
func (m *SimilarityModel) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagSimilarity, "similarity model")
	var r SimilarityModel
	r.cfg.Degree = d.int("degree", 8)
	r.cfg.K = d.int("k", math.MaxInt32)
	r.cfg.MaxShift = d.f64("max shift")
	r.cfg.ShiftStep = d.f64("shift step")
	r.coef = d.f64s("coefficients")
	r.eol = d.f64s("end of life")
	r.shifts = d.f64s("shifts")
	r.ssr = d.f64s("residuals")
	r.n = d.int("count", math.MaxInt32)
	r.tLast = d.f64("last time")
	if err := d.finish(); err != nil {
		return err
	}
	L := len(r.eol)
	if L == 0 || len(r.coef) != L*(r.cfg.Degree+1) || len(r.shifts) == 0 || len(r.ssr) != L*len(r.shifts) || r.cfg.K < 1 || r.cfg.K > L {
		return errorf(ErrState, "similarity model state: inconsistent sizes")
	}
	for _, e := range r.eol {
		if !(e > 0) || !finite(e) {
			return errorf(ErrState, "similarity model state: invalid end of life %g", e)
		}
	}
	cfg, err := r.cfg.withDefaults(L)
	if err != nil || cfg != r.cfg {
		return errorf(ErrState, "similarity model state: invalid configuration %+v", r.cfg)
	}
	if want := shiftGrid(cfg); !slices.Equal(want, r.shifts) {
		return errorf(ErrState, "similarity model state: offsets do not follow MaxShift %g, ShiftStep %g", cfg.MaxShift, cfg.ShiftStep)
	}
	for _, c := range r.coef {
		if !finite(c) {
			return errorf(ErrState, "similarity model state: non-finite coefficient")
		}
	}
	for _, v := range r.ssr {
		if !(v >= 0) || !finite(v) || r.n == 0 && v != 0 {
			return errorf(ErrState, "similarity model state: invalid residual sum %g", v)
		}
	}
	if !finite(r.tLast) || r.n == 0 && r.tLast != 0 || !(math.Abs(r.tLast) <= 1000*slices.Max(r.eol)) {
		return errorf(ErrState, "similarity model state: invalid last time %g", r.tLast)
	}
	ssr := r.ssr
	r.alloc()
	r.ssr = ssr
	*m = r
	return nil
}
