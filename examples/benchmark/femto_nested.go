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
	Quantile   float64 `json:"point_quantile"`
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
	all := func(femtoCutResult) bool { return true }
	var truth, pred []float64
	covered := 0
	for i, s := range series {
		var rest []*femto.Series
		for j, o := range series {
			if j != i {
				rest = append(rest, o)
			}
		}
		bs, bq, bIn := -1, -1, false
		var bSc, bCov float64
		for si, st := range femtoSettings {
			inner, err := femtoProtocol(rest, st)
			if errors.Is(err, asset.ErrTooFewRuns) {
				continue
			}
			if err != nil {
				return res, err
			}
			for qi := range femtoQuantiles {
				sc, cov, err := femtoSummary(inner, all, qi)
				if err != nil {
					return res, err
				}
				in := cov >= 0.8 && cov <= 0.95
				if bs < 0 || (in && !bIn) || (in == bIn && sc > bSc) {
					bs, bq, bIn, bSc, bCov = si, qi, in, sc, cov
				}
			}
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
		md += fmt.Sprintf("| %s | %s | %.1f | %.3f | %.2f |\n", f.Bearing, f.Setting, f.Quantile, f.InnerScore, f.InnerCov)
	}
	return md
}
