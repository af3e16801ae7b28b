package bearing

import (
	"math"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/features"
)

// The verdict rules are documented on Diagnosis.

// Reasons explaining a verdict (Diagnosis.Reason).
const (
	reasonHealthy   = "no fault series qualifies in any method"
	reasonFault     = "the fault's harmonic series qualifies and dominates in enough methods"
	reasonAmbiguous = "two fault series of comparable strength: no single diagnosis"
	reasonFewVotes  = "the fault series qualifies in fewer methods than MinMethods"
	reasonCage      = "FTF series without 2×BSF lines: a cage defect and a cage-modulated ball defect look alike"
	reasonClipped   = "the signal reaches its converter's full scale and the evidence is not strong enough to outweigh the clipping"
	reasonShort     = "no fault series qualifies, but the signal spans too few cage revolutions to earn a healthy verdict (see Health)"
	reasonImpulsive = "no fault series qualifies, but a band holds impacts beyond what a healthy bearing shows (see Health)"
	reasonNoKurt    = "no fault series qualifies, but the signal is too short to measure its impulsiveness"
	reasonOutside   = "no fault series qualifies, but the signal lies outside the healthy reference's spread (see Health.Reference)"
	reasonRefShort  = "no fault series qualifies, but the signal is shorter than one segment of the healthy reference"
)

// methodView is the evidence of one method after attribution.
type methodView struct {
	score     [4]float64 // per fault, in [0, 1]
	qualified [4]bool
	nh, ns    [4]int
}

// view attributes the lines of one method's scans (setting their
// Explained flags) and scores and qualifies each fault.
func (c *DiagnoserConfig) view(sc *[4]faultScan, df, shaft float64) methodView {
	var v methodView
	faults := fault.Components()
	names := componentNames()
	var fund [4]float64
	order := [4]int{0, 1, 2, 3}
	for i := range sc {
		if len(sc[i].harm) > 0 {
			fund[i] = sc[i].harm[0].ProminenceDB
		}
	}
	// Insertion sort: cage last, then by fundamental prominence.
	before := func(a, b int) bool {
		if ca, cb := faults[a] == fault.Cage, faults[b] == fault.Cage; ca != cb {
			return cb
		}
		return fund[a] > fund[b]
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && before(order[j], order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	explained := func(f float64, rank int) string {
		if onHarmonic(f, shaft, df) {
			return explainedByShaft
		}
		if c.SupplyHz > 0 && onSupply(f, c.SupplyHz, shaft, df) {
			return explainedBySupply
		}
		for _, j := range order[:rank] {
			if faults[j] == fault.Cage || fund[j] < c.LineDB || sc[j].fundamental == 0 {
				continue
			}
			if onLattice(f, sc[j].fundamental, sc[j].lattice, df) {
				return names[j]
			}
		}
		return ""
	}
	for rank, i := range order {
		s := &sc[i]
		var hs, ss, fundDB float64
		var h1sides int
		lead := 1 // the harmonic whose line is tested against FundamentalDB
		for k := range s.harm {
			h := &s.harm[k]
			h.ExplainedBy = explained(h.Freq, rank)
			h.Explained = h.ExplainedBy != ""
			if h.Harmonic == lead && h.ExplainedBy == explainedByShaft {
				lead++ // a fundamental on a shaft harmonic: the next stands in
			}
			if !h.Present || h.Explained {
				continue
			}
			v.nh[i]++
			hs += c.q(h.ProminenceDB, c.LineDB)
			if h.Harmonic == lead {
				fundDB = h.ProminenceDB
			}
		}
		for k := range s.side {
			sd := &s.side[k]
			sd.ExplainedBy = explained(sd.Freq, rank)
			sd.Explained = sd.ExplainedBy != ""
			if !sd.Present || sd.Explained {
				continue
			}
			v.ns[i]++
			ss += c.q(sd.ProminenceDB, c.SidebandDB)
			if sd.Harmonic == 1 {
				h1sides++
			}
		}
		score := hs / float64(c.Harmonics)
		if n := len(s.side); n > 0 {
			score = 0.75*score + 0.25*ss/float64(n)
		}
		v.score[i] = score
		q := fundDB >= c.FundamentalDB
		switch faults[i] {
		case fault.OuterRace:
			q = q && v.nh[i] >= 2
		case fault.Cage:
			q = q && v.nh[i] >= 2 && consecutive(s.harm)
		case fault.InnerRace:
			q = q && v.nh[i] >= 2 && v.ns[i] >= 1
		case fault.Ball:
			q = q && (v.nh[i] >= 2 || h1sides >= 1)
		}
		v.qualified[i] = q
	}
	return v
}

// healthVerdict applies rule 6 of Diagnosis to a signal in which no fault
// series qualified: Healthy when health is earned, else Unknown with the
// reason that says what is missing.
func (c *DiagnoserConfig) healthVerdict(h HealthEvidence) (fault.Kind, string) {
	switch {
	case h.CageRevolutions < c.MinHealthyCageRevolutions:
		return fault.Unknown, reasonShort
	case !h.Measured:
		return fault.Unknown, reasonNoKurt
	case h.Kurtosis > c.HealthyKurtosis:
		return fault.Unknown, reasonImpulsive
	case c.Reference != nil && !h.Reference.Checked:
		return fault.Unknown, reasonRefShort
	case c.Reference != nil && !h.Reference.Within():
		return fault.Unknown, reasonOutside
	}
	return fault.Healthy, reasonHealthy
}

// isHealthReason reports whether reason is one healthVerdict gives: no
// fault series decided the verdict.
func isHealthReason(reason string) bool {
	switch reason {
	case reasonHealthy, reasonShort, reasonNoKurt, reasonImpulsive, reasonOutside, reasonRefShort:
		return true
	}
	return false
}

// healthyOdds scales the confidence of a Healthy verdict (one minus the
// highest score any fault reaches): absence of evidence is weaker evidence
// than presence, so health is never claimed at better than even odds.
const healthyOdds = 0.5

// explainedByShaft is the ExplainedBy of a shaft-synchronous line, and
// explainedBySupply that of a line on a harmonic of the electrical supply.
const (
	explainedByShaft  = "shaft"
	explainedBySupply = "supply"
)

// componentNames returns the text names of fault.Components, without
// allocating (the strings are constants).
func componentNames() [4]string {
	return [4]string{fault.OuterRace.String(), fault.InnerRace.String(), fault.Ball.String(), fault.Cage.String()}
}

// onHarmonic reports whether a line at f Hz lies on a harmonic k·base
// (k ≥ 1) of the shaft speed or the supply frequency: within 1.5 bins of
// spacing df, or 0.2 % of f when that is wider (the given shaft speed is
// often a nominal or averaged one, and its error grows with k). A
// bearing's defect frequencies are non-integer multiples of the shaft
// speed, so such a line is told from a fault line only by a few bins of
// slip: the line counts for no fault.
func onHarmonic(f, base, df float64) bool {
	k := math.Round(f / base)
	if k < 1 {
		return false
	}
	return math.Abs(f-k*base) <= max(1.5*df, 0.002*f)
}

// onSupply reports whether a line at f Hz lies on a harmonic of the supply
// frequency or on one of its shaft sidebands, k·supply + j·shaft with
// k ≥ 1 and |j| ≤ 3 (the motor's electrical forces modulated by the
// rotor's turn): within 1.5 bins of spacing df, or 0.2 % of j·shaft when
// that is wider. The supply's frequency is held to a small fraction of a
// percent, so only the shaft's part carries the error of a nominal speed
// (onHarmonic's 0.2 %); a tolerance of 0.2 % of f would cover a fifth of
// the spectrum near 400 Hz with the seven lines per supply harmonic.
func onSupply(f, supply, shaft, df float64) bool {
	for j := -3; j <= 3; j++ {
		g := f - float64(j)*shaft
		if k := math.Round(g / supply); k >= 1 && math.Abs(g-k*supply) <= max(1.5*df, 0.002*math.Abs(float64(j))*shaft) {
			return true
		}
	}
	return false
}

// q maps a prominence to [0, 1]: 0 at thr dB, 1 at CapDB.
func (c *DiagnoserConfig) q(db, thr float64) float64 {
	return max(0, min(1, (db-thr)/(c.CapDB-thr)))
}

// onLattice reports whether the line at f Hz lies on the lattice of a
// fault with fitted fundamental f0: h·f0 + k·m, h ≥ 1, with m the fault's
// dominant modulation and |k| ≤ 3 — the shaft speed for an inner race
// (the defect turns through the load zone), the cage rate for a ball (the
// defective ball is carried round by the cage) and for an outer race (the
// pattern of unequal balls passing the defect repeats once per cage
// revolution); m = 0 (no sidebands) for the cage. The tolerance is 2.5
// bins, plus h/2 bins for a fundamental known to ±½ bin, plus |k|/2 bins
// for the slip of the modulation.
func onLattice(f, f0, m, df float64) bool {
	kmax := 3
	if m == 0 {
		kmax = 0
	}
	for k := -kmax; k <= kmax; k++ {
		g := f - float64(k)*m
		h := math.Round(g / f0)
		if h < 1 {
			continue
		}
		if math.Abs(g-h*f0) <= (2.5+h/2+math.Abs(float64(k))/2)*df {
			return true
		}
	}
	return false
}

// latticeSpacing is the modulation whose sidebands are attributed to fault
// v (see onLattice): the shaft speed for an inner race, the cage rate for
// an outer race or a ball, none for the cage.
func latticeSpacing(v fault.Kind, d features.DefectFrequencies) float64 {
	switch v {
	case fault.InnerRace:
		return d.ShaftHz
	case fault.OuterRace, fault.Ball:
		return d.FTF
	}
	return 0
}

// decide writes the Diagnosis of the scans a into out, reusing its slices.
func (c *DiagnoserConfig) decide(out *Diagnosis, a *scanSet, df features.DefectFrequencies) {
	faults := fault.Components()
	var views [numMethods]methodView
	// Rules 3 and 4 of Diagnosis: each fault's qualified and total scores
	// summed over the methods, and the methods it qualifies in.
	var qsum, all [4]float64
	var nq [4]int
	var runs int
	anyQualified := false
	for _, m := range c.Methods {
		if !a.ran[m] {
			continue
		}
		runs++
		views[m] = c.view(&a.scans[m], a.res, df.ShaftHz)
		for i, s := range views[m].score {
			all[i] += s
			if views[m].qualified[i] {
				qsum[i] += s
				nq[i]++
				anyQualified = true
			}
		}
	}
	win, ambiguous := -1, false
	for i, v := range faults {
		if v != fault.Cage && nq[i] > 0 && (win < 0 || qsum[i] > qsum[win]) {
			win = i
		}
	}
	if win >= 0 {
		for i, v := range faults {
			if i != win && v != fault.Cage && all[i] > 0 && all[i] >= c.DominanceRatio*qsum[win] {
				ambiguous = true
			}
		}
	}

	out.ShaftHz, out.Defects = df.ShaftHz, df
	if cap(out.Evidence) < len(faults) {
		out.Evidence = make([]FaultEvidence, len(faults))
	}
	out.Evidence = out.Evidence[:len(faults)]
	var strongest, strongScore = 0, -1.0
	for i, v := range faults {
		e := &out.Evidence[i]
		c.fillEvidence(e, v, i, a, &views, runs)
		if e.Score > strongScore {
			strongest, strongScore = i, e.Score
		}
	}
	var maxRaw float64
	for _, m := range c.Methods {
		if a.ran[m] {
			for _, s := range views[m].score {
				maxRaw = max(maxRaw, s)
			}
		}
	}

	switch {
	case !anyQualified:
		out.Verdict, out.Reason = c.healthVerdict(a.health)
	case win < 0:
		out.Verdict, out.Reason = fault.Unknown, reasonCage
	case nq[win] < c.MinMethods:
		out.Verdict, out.Reason = fault.Unknown, reasonFewVotes
	case ambiguous:
		out.Verdict, out.Reason = fault.Unknown, reasonAmbiguous
	default:
		out.Verdict, out.Reason = faults[win], reasonFault
	}
	out.Health = a.health
	noSeries := isHealthReason(out.Reason)
	if out.Saturation.Saturated() && (noSeries ||
		out.Verdict != fault.Unknown && out.Evidence[win].Score < c.SaturatedMinScore) {
		out.Verdict, out.Reason = fault.Unknown, reasonClipped
	}
	ref := strongest
	switch out.Verdict {
	case fault.Healthy:
		// Without a reference of the same sensor on a healthy machine, the
		// envelope spectra show only that no fault series is present, not
		// that the bearing is sound: at most even odds.
		out.Confidence = healthyOdds * (1 - maxRaw)
	case fault.Unknown:
		out.Confidence = strongScore
	default:
		ref = win
		out.Confidence = out.Evidence[win].Score
	}
	e := &out.Evidence[ref]
	out.Method, out.Band = e.Method.String(), e.Band
	if out.Verdict == fault.Healthy {
		out.Method, out.Band = "", [2]float64{}
	}
}

// fillEvidence writes fault v's (index i) evidence into e from the method
// where it scored highest.
func (c *DiagnoserConfig) fillEvidence(e *FaultEvidence, v fault.Kind, i int, a *scanSet, views *[numMethods]methodView, runs int) {
	harm, side, ms := e.Harmonics[:0], e.Sidebands[:0], e.Methods[:0]
	*e = FaultEvidence{Fault: v}
	best, bestScore := Method(-1), -1.0
	var sum float64
	for _, m := range c.Methods {
		if !a.ran[m] {
			continue
		}
		w := &views[m]
		ms = append(ms, MethodScore{
			Method: m, Band: a.bands[m], Score: w.score[i], Qualified: w.qualified[i],
			HarmonicsFound: w.nh[i], SidebandsFound: w.ns[i],
		})
		if w.qualified[i] {
			sum += w.score[i]
			e.Qualified = true
		}
		if w.score[i] > bestScore {
			best, bestScore = m, w.score[i]
		}
	}
	e.Methods = ms
	// Score: the fault's score averaged over the methods run, a method
	// where it does not qualify counting 0 — strength and consistency.
	if runs > 0 {
		e.Score = sum / float64(runs)
	}
	if best < 0 {
		e.Harmonics, e.Sidebands = harm, side
		return
	}
	s := &a.scans[best][i]
	e.Method, e.Band, e.Fundamental = best, a.bands[best], s.fundamental
	e.Harmonics = append(harm, s.harm...)
	e.Sidebands = append(side, s.side...)
	e.HarmonicsFound, e.SidebandsFound = views[best].nh[i], views[best].ns[i]
}

// consecutive reports whether two consecutive harmonics of a series (h and
// h+1) are both present and unexplained: the cage's corroboration (rule 2
// of Diagnosis). Two lines such as h1 and h4 alone, with nothing between
// them, are not read as an FTF series.
func consecutive(harm []HarmonicEvidence) bool {
	for k := 1; k < len(harm); k++ {
		a, b := &harm[k-1], &harm[k]
		if b.Harmonic == a.Harmonic+1 && a.Present && !a.Explained && b.Present && !b.Explained {
			return true
		}
	}
	return false
}
