package bearing

import (
	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/fault"
)

// topOrder is the highest line Diagnose searches for defect frequencies d:
// Harmonics harmonics of each fault line with the slip tolerance, plus the
// line's modulation; in d's unit (Hz, or orders for defect orders).
func (c *DiagnoserConfig) topOrder(orders features.DefectFrequencies) float64 {
	var top float64
	for _, v := range fault.Components() {
		top = max(top, float64(c.Harmonics)*orders.LineFrequency(v)*(1+c.Tolerance)+orders.Modulation(v))
	}
	return top
}

// timeHealth measures dg's Health kurtosis on x, the signal as recorded at
// rate Hz, and applies rule 6 of Diagnosis with it: the most impulsive
// kurtogram band at least topHz wide (the fault series at the highest
// speed) and at most rate/4. In the angle domain a resonance fixed in Hz
// sweeps across the orders as the speed changes, and the orders above the
// anti-alias cutoff at the lowest speed hold signal only then, so a
// kurtogram there reads the speed's changes as impacts.
func (c *DiagnoserConfig) timeHealth(dg *Diagnosis, x []float64, rate, topHz float64, s *profileScratch) error {
	h := &dg.Health
	h.Measured, h.Kurtosis, h.Band = false, 0, [2]float64{}
	lv := c.KurtogramLevels
	for lv >= 1 && len(x) < 1<<(lv+7) {
		lv--
	}
	if lv >= 1 {
		k, err := s.kurtogram(lv, rate)
		if err != nil {
			return wrap("%w", err)
		}
		// Only the levels holding bands topHz wide or wider: the band is
		// that of the full kurtogram (Kurtogram.LevelsFor).
		if s.kres, err = k.ComputeLevels(s.kres, x, k.LevelsFor(topHz)); err != nil {
			return wrap("%w", err)
		}
		kb := s.kres.BestBand(topHz, rate/4)
		h.Measured, h.Kurtosis, h.Band = true, kb.Kurtosis, [2]float64{kb.Lo(), kb.Hi()}
	}
	if !isHealthReason(dg.Reason) {
		return nil // a fault series decided the verdict
	}
	dg.Verdict, dg.Reason = c.healthVerdict(*h)
	var maxRaw float64
	for _, e := range dg.Evidence {
		for _, m := range e.Methods {
			maxRaw = max(maxRaw, m.Score)
		}
	}
	if dg.Verdict == fault.Healthy {
		dg.Confidence, dg.Method, dg.Band = healthyOdds*(1-maxRaw), "", [2]float64{}
	} else {
		dg.unknownFromStrongest()
	}
	return nil
}

// unknownFromStrongest sets the Confidence, Method and Band of an Unknown
// verdict from the fault of highest Score, as Diagnosis documents.
func (dg *Diagnosis) unknownFromStrongest() {
	best := -1
	for i := range dg.Evidence {
		if best < 0 || dg.Evidence[i].Score > dg.Evidence[best].Score {
			best = i
		}
	}
	if best >= 0 {
		e := &dg.Evidence[best]
		dg.Confidence, dg.Method, dg.Band = e.Score, e.Method.String(), e.Band
	}
}

// recheckSaturation applies rule 5 of Diagnosis to dg, made on a resampled
// signal whose samples are no longer converter codes, with the saturation
// of x as recorded.
func (c *DiagnoserConfig) recheckSaturation(dg *Diagnosis, x []float64) {
	dg.Saturation, _ = anomaly.ReadSaturation(x)
	if !dg.Saturation.Saturated() {
		return
	}
	noSeries := dg.Verdict == fault.Healthy || dg.Reason == reasonShort || dg.Reason == reasonNoKurt || dg.Reason == reasonImpulsive
	if e := dg.Fault(dg.Verdict); !noSeries && (e == nil || e.Score >= c.SaturatedMinScore) {
		return
	}
	dg.Verdict, dg.Reason = fault.Unknown, reasonClipped
	dg.unknownFromStrongest()
}
