package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/examples/internal/figure"
	"github.com/spindle-pdm/spindle/internal/cmapss"
	"github.com/spindle-pdm/spindle/rul"
)

// anchor is a published result set beside ours.
type anchor struct {
	Method string   `json:"method"`
	RMSE   *float64 `json:"rmse,omitempty"`
	Score  *float64 `json:"phm08_score,omitempty"`
	Source string   `json:"source"`
}

func ptr(v float64) *float64 { return &v }

// The C-MAPSS FD001 anchors: S. Zheng, K. Ristovski, A. Farahat, C. Gupta,
// "Long Short-Term Memory Network for Remaining Useful Life Estimation",
// IEEE ICPHM 2017 (their comparison table for FD001).
var cmapssAnchors = []anchor{
	{Method: "SVR", RMSE: ptr(20.96), Source: "Zheng et al., IEEE ICPHM 2017"},
	{Method: "deep LSTM", RMSE: ptr(16.14), Score: ptr(338), Source: "Zheng et al., IEEE ICPHM 2017"},
}

type cmapssEngine struct {
	Unit      int     `json:"unit"`
	Cycles    int     `json:"observed_cycles"`
	TrueRUL   float64 `json:"true_rul"`
	Predicted float64 `json:"predicted_rul"`
}

type cmapssJSON struct {
	Suite   string         `json:"suite"`
	Subset  string         `json:"subset"`
	Engines int            `json:"engines"`
	RMSE    float64        `json:"rmse"`
	MAE     float64        `json:"mae"`
	Score   float64        `json:"phm08_score"`
	Method  string         `json:"method"`
	Anchors []anchor       `json:"anchors"`
	Detail  []cmapssEngine `json:"detail"`
}

// runCMAPSS trains the shared recipe (internal/cmapss) on train_FD001,
// predicts the remaining cycles at the last observed cycle of every
// test_FD001 engine and scores against RUL_FD001.
func runCMAPSS(dir, out string, logw io.Writer) (*outcome, error) {
	set, err := datasets.LoadCMAPSS(os.DirFS(dir), ".", "FD001")
	if err != nil {
		return nil, err
	}
	r := cmapss.Chosen
	fmt.Fprintf(logw, "benchmark cmapss: training %d trees on %d engines ...\n", r.GBRT.Trees, len(set.Train))
	g, err := cmapss.Train(set.Train, r)
	if err != nil {
		return nil, err
	}
	res := cmapssJSON{Suite: "cmapss", Subset: "FD001", Engines: len(set.Test), Anchors: cmapssAnchors,
		Method: fmt.Sprintf("gradient-boosted trees (rul.FitGBRT: %d trees, depth %d) on per-sensor 5-cycle mean, %d-cycle mean and slope, EWMA and cycle count; target capped at %.0f cycles",
			r.GBRT.Trees, r.GBRT.Depth, r.Window, r.Cap)}
	truth := make([]float64, len(set.Test))
	pred := make([]float64, len(set.Test))
	for i := range set.Test {
		u := &set.Test[i]
		truth[i] = float64(set.RUL[i])
		pred[i] = cmapss.PredictAt(g, u, r, len(u.Cycle)-1)
		res.Detail = append(res.Detail, cmapssEngine{Unit: u.ID, Cycles: len(u.Cycle), TrueRUL: truth[i], Predicted: pred[i]})
	}
	if res.RMSE, err = rul.RMSE(truth, pred); err != nil {
		return nil, err
	}
	if res.MAE, err = rul.MAE(truth, pred); err != nil {
		return nil, err
	}
	if res.Score, err = rul.PHM08Score(truth, pred); err != nil {
		return nil, err
	}
	var md strings.Builder
	fmt.Fprintf(&md, "Train on `train_FD001` (%d engines run to failure), predict the remaining cycles at the last cycle of each of the %d `test_FD001` engines, score against `RUL_FD001`. Method: %s. PHM08 score: Σ e^(−d/13)−1 (early) or e^(d/10)−1 (late), lower is better.\n\n", len(set.Train), len(set.Test), res.Method)
	md.WriteString("| method | RMSE (cycles) | PHM08 score | source |\n|---|---|---|---|\n")
	fmt.Fprintf(&md, "| **Spindle GBRT** | **%.2f** | **%.1f** | this run (MAE %.2f) |\n", res.RMSE, res.Score, res.MAE)
	for _, a := range cmapssAnchors {
		fmt.Fprintf(&md, "| %s | %s | %s | %s |\n", a.Method, optional(a.RMSE, "%.2f"), optional(a.Score, "%.0f"), a.Source)
	}
	o := &outcome{JSON: res, Markdown: md.String()}
	path := filepath.Join(out, "cmapss.png")
	if err := plotCMAPSS(path, res.Detail); err != nil {
		return nil, err
	}
	o.Plots = append(o.Plots, path)
	return o, nil
}

func optional(v *float64, format string) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf(format, *v)
}

// plotCMAPSS draws predicted against true RUL, engines ordered by true RUL.
func plotCMAPSS(path string, d []cmapssEngine) error {
	s := append([]cmapssEngine(nil), d...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].TrueRUL < s[j].TrueRUL })
	x := make([]float64, len(s))
	truth := make([]float64, len(s))
	pred := make([]float64, len(s))
	for i, e := range s {
		x[i], truth[i], pred[i] = float64(i+1), e.TrueRUL, e.Predicted
	}
	fig := figure.New("C-MAPSS FD001 test engines: remaining useful life", "test engine (ordered by true RUL)", "remaining useful life (cycles)")
	fig.Line("true RUL", x, truth, figure.Red, false)
	fig.Points("predicted RUL (Spindle GBRT)", x, pred, figure.Blue)
	return fig.Save(path)
}
