package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/spindle-pdm/spindle/examples/internal/femto"
	"github.com/spindle-pdm/spindle/rul"
)

// femtoHIScore is one candidate health indicator's ranking across the
// learning bearings (rul.Monotonicity, Trendability, Prognosability).
type femtoHIScore struct {
	Indicator      string  `json:"indicator"`
	Monotonicity   float64 `json:"monotonicity"`
	Trendability   float64 `json:"trendability"`
	Prognosability float64 `json:"prognosability"`
	Sum            float64 `json:"sum"`
	Default        bool    `json:"default,omitempty"`
}

// femtoHICandidates returns each candidate indicator's series per bearing,
// smoothed by the trackers' 1-minute trailing mean and normalised to the
// bearing's own first 10 minutes (rul.NormalizeBaseline: baseline standard
// deviations). The fused candidate is the mean of the three z-scores.
// Candidates a series lacks (no kurtosis in synthetic series) are left
// out.
func femtoHICandidates(series []*femto.Series) (names []string, hist [][][]float64, err error) {
	cfg := femto.Tracking()
	cands := []struct {
		name string
		get  func(s *femto.Series) []float64
	}{
		{"RMS² (horizontal mean square)", func(s *femto.Series) []float64 { return s.Run().Value }},
		{"peak (max abs acceleration, both channels)", func(s *femto.Series) []float64 { return s.Peak }},
		{"kurtosis (horizontal)", func(s *femto.Series) []float64 { return s.Kurt }},
		{"band energy 4-12 kHz (Welch PSD)", func(s *femto.Series) []float64 { return s.HFBand }},
		{"envelope modulation: 4-12 kHz band's squared-envelope spectrum at 10-500 Hz over its mean", func(s *femto.Series) []float64 { return s.EnvMod }},
		{"mean frequency (Welch PSD)", func(s *femto.Series) []float64 { return s.MeanHz }},
	}
	for _, c := range cands {
		name := c.name
		var per [][]float64
		for _, s := range series {
			x := c.get(s)
			if len(x) != len(s.Hours) || slices.ContainsFunc(x, math.IsNaN) {
				per = nil
				break
			}
			sm, err := rul.MovingAverage(nil, x, cfg.Smooth)
			if err != nil {
				return nil, nil, fmt.Errorf("%s %s: %w", s.Name, name, err)
			}
			z, err := rul.NormalizeBaseline(nil, sm, cfg.Baseline)
			if err != nil {
				return nil, nil, fmt.Errorf("%s %s: %w", s.Name, name, err)
			}
			per = append(per, z)
		}
		if per != nil {
			names, hist = append(names, name), append(hist, per)
		}
	}
	if len(hist) > 1 {
		var fused [][]float64
		w := make([]float64, len(hist))
		for i := range w {
			w[i] = 1 / float64(len(hist))
		}
		for j := range series {
			cols := make([][]float64, len(hist))
			for i := range hist {
				cols[i] = hist[i][j]
			}
			f, err := rul.FuseWeighted(nil, cols, w)
			if err != nil {
				return nil, nil, err
			}
			fused = append(fused, f)
		}
		names, hist = append(names, "fused (mean of the z-scores above)"), append(hist, fused)
	}
	return names, hist, nil
}

// femtoRankHI ranks the candidates of femtoHICandidates (names, and their
// series per bearing); the default (RMS², the first) is flagged.
func femtoRankHI(names []string, hist [][][]float64) ([]femtoHIScore, error) {
	rank, err := rul.RankFeatures(hist)
	if err != nil {
		return nil, err
	}
	out := make([]femtoHIScore, len(rank))
	for i, r := range rank {
		out[i] = femtoHIScore{Indicator: names[r.Feature], Monotonicity: r.Monotonicity, Trendability: r.Trendability,
			Prognosability: r.Prognosability, Sum: r.Sum(), Default: r.Feature == 0}
	}
	return out, nil
}

// femtoHIMarkdown writes the ranking table.
func femtoHIMarkdown(scores []femtoHIScore) string {
	var b strings.Builder
	b.WriteString("Candidate health indicators across the 6 learning bearings (each smoothed by a 1-minute trailing mean and normalised to the bearing's own first 10 minutes, in baseline standard deviations), ranked by rul.Monotonicity + Trendability + Prognosability:\n\n| indicator | monotonicity | trendability | prognosability | sum |\n|---|---|---|---|---|\n")
	for _, s := range scores {
		name := s.Indicator
		if s.Default {
			name += " (used)"
		}
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %.3f |\n", name, s.Monotonicity, s.Trendability, s.Prognosability, s.Sum)
	}
	if len(scores) > 0 && scores[0].Default {
		b.WriteString("\nThe trackers use the mean square because it ranks first: the most trendable across bearings (its degradation has the same shape from bearing to bearing) with prognosability level with the others (each bearing's failure value relative to its own early life is as consistent as any candidate's). Every candidate's monotonicity is low: on these bearings the indicators stay flat, then jump near the end.\n")
	} else if len(scores) > 0 {
		fmt.Fprintf(&b, "\nThe trackers use the mean square although %s ranks first here.\n", scores[0].Indicator)
	}
	return b.String()
}

// The exceedance rule of femtoHILead: an indicator has departed from its
// bearing's early life (the baseline of femto.Tracking, not searched
// itself) once its baseline-normalised value stays above femtoLeadSigmas
// for femtoLeadRun values in a row (the truncation protocol's alarm, 3 σ
// for 3 snapshots).
const (
	femtoLeadSigmas = 3
	femtoLeadRun    = 3
)

// femtoLead is one candidate indicator's departure from early life on
// each learning bearing.
type femtoLead struct {
	Indicator string `json:"indicator"`
	// FirstFraction holds, per bearing (in the order of Bearings), the
	// time of the first value of the first exceedance run as a fraction
	// of the bearing's life; -1 when it never departs.
	FirstFraction []float64 `json:"first_fraction"`
	// CutsBefore counts the truncation protocol's cuts (femtoCuts on
	// every bearing) made before the departure is known (at the run's
	// last value): forecasts the indicator gives no warning for.
	CutsBefore int `json:"cuts_before_departure"`
	// Cuts is the number of cuts, len(femtoCuts) per bearing.
	Cuts int `json:"cuts"`
}

// femtoHILead measures, for every candidate indicator of
// femtoHICandidates on series (names, and their series per bearing), when
// it first leaves its bearing's early life, and how many of the
// protocol's cuts come before that.
func femtoHILead(series []*femto.Series, names []string, hist [][][]float64) (bearings []string, leads []femtoLead) {
	for _, s := range series {
		bearings = append(bearings, s.Name)
	}
	start := femto.Tracking().Baseline // the early life itself is not searched
	for c, name := range names {
		l := femtoLead{Indicator: name}
		for b, s := range series {
			first := firstRun(hist[c][b], start, femtoLeadSigmas, femtoLeadRun)
			frac, known := -1.0, math.Inf(1)
			if first >= 0 {
				frac, known = s.Hours[first]/s.End(), s.Hours[first+femtoLeadRun-1]/s.End()
			}
			l.FirstFraction = append(l.FirstFraction, frac)
			for _, cut := range femtoCuts {
				l.Cuts++
				if known > cut {
					l.CutsBefore++
				}
			}
		}
		leads = append(leads, l)
	}
	return bearings, leads
}

// firstRun returns the index where the first run of n values above level
// begins in z[from:], or -1.
func firstRun(z []float64, from int, level float64, n int) int {
	run := 0
	for i := from; i < len(z); i++ {
		if z[i] > level {
			run++
			if run == n {
				return i - n + 1
			}
		} else {
			run = 0
		}
	}
	return -1
}

// femtoLeadMarkdown writes the departure table.
func femtoLeadMarkdown(bearings []string, leads []femtoLead) string {
	var b strings.Builder
	fmt.Fprintf(&b, "When each candidate first leaves its bearing's early life (above %d baseline standard deviations for %d snapshots in a row), as a percentage of the bearing's life, and how many of the truncation protocol's cuts come before the departure is known (at the run's last snapshot) — forecasts the indicator gives no warning for. Departing is not timing: an indicator that leaves its early life soon after the baseline and stays out dates no failure.\n\n| indicator |", femtoLeadSigmas, femtoLeadRun)
	for _, n := range bearings {
		b.WriteString(" " + n + " |")
	}
	b.WriteString(" cuts before it departs |\n|---|" + strings.Repeat("---|", len(bearings)+1) + "\n")
	for _, l := range leads {
		b.WriteString("| " + l.Indicator + " |")
		for _, f := range l.FirstFraction {
			if f < 0 {
				b.WriteString(" never |")
			} else {
				fmt.Fprintf(&b, " %.0f%% |", 100*f)
			}
		}
		fmt.Fprintf(&b, " %d of %d |\n", l.CutsBefore, l.Cuts)
	}
	return b.String()
}
