package main

import (
	"errors"
	"fmt"

	"github.com/spindle-pdm/spindle/examples/internal/femto"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// femtoFoldChoice is what the nested protocol chose for one left-out
// bearing from the other bearings alone.
type femtoFoldChoice struct {
	Bearing    string  `json:"bearing"`
	Setting    string  `json:"setting"`
	Quantile   float64 `json:"point_quantile"` // 0: expected-score optimal
	InnerScore float64 `json:"inner_phm2012_score"`
	InnerCov   float64 `json:"inner_coverage90"`
}

// femtoNestedJSON is the nested (cross-validated) figure: every choice
// made without the left-out bearing.
type femtoNestedJSON struct {
	Score      float64           `json:"phm2012_score"`
	Coverage90 float64           `json:"coverage90"`
	Folds      []femtoFoldChoice `json:"folds"`
}

// femtoNested scores the truncation protocol with the setting and point
// quantile chosen inside each fold: for left-out bearing i, the protocol
// is rerun on the other bearings (each left out in turn, its fleet learned
// from the rest) for every setting and quantile; the pair with the best
// inner score among those whose inner coverage lies in [0.8, 0.95] (the
// best score when none does) gives bearing i's forecasts, taken from
// outer[setting] (fleets learned without bearing i). A setting whose inner
// fleets cannot be learned (too few alarmed runs) is not a candidate.
func femtoNested(series []*femto.Series, outer [][]femtoCutResult) (femtoNestedJSON, error) {
	var res femtoNestedJSON
	var truth, pred []float64
	covered := 0
	for i, s := range series {
		var rest []*femto.Series
		for j, o := range series {
			if j != i {
				rest = append(rest, o)
			}
		}
		inner := make([][]femtoCutResult, len(femtoSettings))
		for si, st := range femtoSettings {
			d, err := femtoProtocol(rest, st)
			if err != nil && !errors.Is(err, asset.ErrTooFewRuns) {
				return res, err
			}
			inner[si] = d
		}
		bs, bq, bSc, bCov, err := femtoChoose(inner)
		if err != nil {
			return res, err
		}
		if bs < 0 {
			return res, fmt.Errorf("femto nested: no setting can be learned without %s", s.Name)
		}
		res.Folds = append(res.Folds, femtoFoldChoice{Bearing: s.Name, Setting: femtoSettings[bs].String(),
			Quantile: femtoQuantiles[bq], InnerScore: bSc, InnerCov: bCov})
		for _, d := range outer[bs] {
			if d.Bearing == s.Name {
				truth, pred = append(truth, d.ActualRULS), append(pred, d.quant[bq])
				if d.Covered {
					covered++
				}
			}
		}
	}
	sc, err := rul.PHM12Score(truth, pred)
	res.Score, res.Coverage90 = sc, float64(covered)/float64(len(truth))
	return res, err
}

// femtoNestedMarkdown writes the nested figure and its per-fold choices.
func femtoNestedMarkdown(res femtoJSON) string {
	n := res.Nested
	md := fmt.Sprintf("\n| figure | PHM 2012 score | 90 %% coverage |\n|---|---|---|\n| **cross-validated (nested): setting and point quantile chosen inside each fold** | **%.3f** | **%.2f** |\n| in-sample: setting and quantile chosen on all 6 bearings' forecasts (the tables above) | %.3f | %.2f |\n\n", n.Score, n.Coverage90, res.Score, res.Coverage90)
	md += "Nested protocol: for each left-out bearing the whole leave-one-bearing-out protocol is rerun on the other 5 (fleets of 4) for every setting and point quantile; the best inner score with inner coverage in [0.8, 0.95] (the best score when none is) picks the setting and quantile used on the left-out bearing.\n\n| left-out bearing | setting chosen | point quantile | inner score | inner coverage |\n|---|---|---|---|---|\n"
	for _, f := range n.Folds {
		md += fmt.Sprintf("| %s | %s | %s | %.3f | %.2f |\n", f.Bearing, f.Setting, femtoPointLabel(f.Quantile), f.InnerScore, f.InnerCov)
	}
	return md
}

// femtoChoose picks the setting (index into details, one protocol run per
// femtoSettings entry; nil: not available) and point quantile (index into
// femtoQuantiles) with the best score among the pairs whose coverage lies
// in [0.8, 0.95] (the best score when none does). si is −1 when no
// setting is available.
func femtoChoose(details [][]femtoCutResult) (si, qi int, sc, cov float64, err error) {
	all := func(femtoCutResult) bool { return true }
	si, qi = -1, -1
	bIn := false
	for s, d := range details {
		if d == nil {
			continue
		}
		for q := range femtoQuantiles {
			c, v, err := femtoSummary(d, all, q)
			if err != nil {
				return si, qi, sc, cov, err
			}
			in := v >= 0.8 && v <= 0.95
			if si < 0 || (in && !bIn) || (in == bIn && c > sc) {
				si, qi, bIn, sc, cov = s, q, in, c, v
			}
		}
	}
	return si, qi, sc, cov, nil
}
