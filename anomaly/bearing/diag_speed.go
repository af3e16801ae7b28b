package bearing

import "math"

// Reading the shaft speed. A constant-speed machine's speed is often known
// only from its nameplate: an induction motor slips 1-5 % below its
// synchronous speed as the load rises, more than the slip tolerance of the
// fault lines. With DiagnoserConfig.SpeedTolerance set, Diagnose reads the
// speed from the vibration's own shaft harmonics (unbalance, misalignment
// and looseness put lines at 1×, 2×, ... on any rotating machine) and
// diagnoses at that speed.

// shaftHarmonics is the number of shaft harmonics whose comb locates the
// shaft speed: enough that the comb's highest lines resolve the speed to
// a tenth of a bin of the fundamental, few enough to stay below the bands
// where bearing resonances dominate at the usual speeds.
const shaftHarmonics = 10

// minShaftLines is the fewest lines of the shaft comb, each at least
// FundamentalDB over the floor, for the speed read to stand. In noise a
// line (the greater of two bins) reaches that height about once in 25 000
// lines; simulated bearings without shaft lines show none, the 164 CWRU
// channels 8 to 10 in all but 3.
const minShaftLines = 3

// shaftFit returns the shaft speed (Hz) within f0·(1 ± tol) whose comb of
// harmonics h·f, h = 1..harmonics, collects the greatest total prominence
// in s (each line's contribution capped at capDB and floored at 0; a line
// between two bins takes the greater), on a grid of a (2·harmonics)-th of
// a bin, and the number of that comb's lines at least lineDB prominent.
// It returns f0 and 0 lines when the comb leaves the spectrum.
func (s *lineSpectrum) shaftFit(f0, tol float64, harmonics int, capDB, lineDB float64) (float64, int) {
	last := len(s.db) - 2
	if float64(harmonics)*f0*(1+tol)/s.df >= float64(last) {
		return f0, 0
	}
	line := func(f float64, h int) float64 {
		k := int(float64(h) * f / s.df)
		return max(s.db[k], s.db[k+1])
	}
	step := s.df / float64(2*harmonics)
	best, bestScore := f0, math.Inf(-1)
	for f := f0 * (1 - tol); f <= f0*(1+tol); f += step {
		var score float64
		for h := 1; h <= harmonics; h++ {
			score += min(max(line(f, h), 0), capDB)
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	n := 0
	for h := 1; h <= harmonics; h++ {
		if line(best, h) >= lineDB {
			n++
		}
	}
	return best, n
}

// readSpeed returns the shaft speed read from the spectrum X (the n/2+1
// bins of the analysed signal, sampled at rate Hz) within ±tol of the
// given speed f0, and whether it was read: the comb found must hold at
// least minShaftLines lines as prominent as a fault's fundamental must be
// (FundamentalDB), else f0 is returned. a.ses and a.ls are scratch.
func (d *Diagnoser) readSpeed(a *analyzer, X []complex128, rate, f0, tol float64) (float64, bool) {
	df := rate / float64(2*(len(X)-1))
	half := max(4, int(math.Round(d.cfg.FloorOrders*f0/2/df)))
	kmax := min(len(X)-1, int(math.Ceil(shaftHarmonics*f0*(1+tol)/df))+2)
	mag := a.ses[:min(len(a.ses), kmax+half+1)]
	for k := range mag {
		mag[k] = math.Hypot(real(X[k]), imag(X[k]))
	}
	if cap(a.win) < 2*half+1 {
		a.win = make([]float64, 0, 2*half+1)
	}
	a.win = a.ls.normalize(mag, df, kmax, half, a.win)
	f, lines := a.ls.shaftFit(f0, tol, shaftHarmonics, d.cfg.CapDB, d.cfg.FundamentalDB)
	if lines < minShaftLines {
		return f0, false
	}
	return f, true
}
