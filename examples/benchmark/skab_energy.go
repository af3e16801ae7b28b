package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spindle-pdm/spindle/anomaly"
)

// Energy drift on SKAB: the motor's electrical power, P = current ×
// voltage (apparent power of the measured phase, W), is one of the signals
// a pump's monitoring watches. Much of its variation is the process's
// (more flow or head takes more power), so it is first compensated for
// the process covariates — pressure and flow — by the recursive
// least-squares regression anomaly.CovariateCompensator, fitted on the
// file's 400 training rows and then frozen; a two-sided CUSUM
// (anomaly.CUSUM, K 0.5 σ, H 5 σ, its level and σ those of the training
// residuals) watches what the process does not explain. The same CUSUM on
// the raw power shows what the compensation buys. One configuration for
// every file, nothing chosen on the scored rows.

// skabSensor indexes datasets.SKABSensors.
const (
	skabCurrent  = 2
	skabPressure = 3
	skabVoltage  = 6
	skabFlow     = 7
)

// energyJSON is the energy-drift part of skab.json.
type energyJSON struct {
	Method string `json:"method"`
	// Compensated and Raw are the point-wise outlier figures of the CUSUM
	// alarms on the compensated and the raw power, over every scored row.
	Compensated energyFigures `json:"compensated"`
	Raw         energyFigures `json:"raw"`
	// Coefficients are each file's fitted power model, W = c0 + c1·bar +
	// c2·(flow unit).
	Coefficients map[string][3]float64 `json:"coefficients"`
}

type energyFigures struct {
	F1  float64 `json:"f1"`
	FAR float64 `json:"far"`
	MAR float64 `json:"mar"`
	counts
}

const energyMethod = "P = Current × Voltage (W) per row; anomaly.CovariateCompensator (RLS on Pressure and Volume Flow RateRMS, learning the 400 training rows then frozen) removes what the process explains; a two-sided anomaly.CUSUM (K 0.5, H 5, level and σ of the training residuals after the compensator's warm-up) alarms on the residual. Raw: the same CUSUM on P itself. Scored point-wise against the anomaly labels of the rows after the training prefix."

// energyDrift runs the energy-drift monitor over the labelled files.
func energyDrift(files []*skabFile) (energyJSON, error) {
	res := energyJSON{Method: energyMethod, Coefficients: map[string][3]float64{}}
	var comp, raw counts
	for _, s := range files {
		r, coef, err := s.powerResidual()
		if err != nil {
			return res, err
		}
		res.Coefficients[s.rel] = coef
		ac, err := cusumAlarms(r)
		if err != nil {
			return res, fmt.Errorf("%s: %w", s.rel, err)
		}
		comp.add(s.outlier(ac))
		ar, err := cusumAlarms(s.power())
		if err != nil {
			return res, fmt.Errorf("%s: %w", s.rel, err)
		}
		raw.add(s.outlier(ar))
	}
	res.Compensated = energyFiguresOf(comp)
	res.Raw = energyFiguresOf(raw)
	return res, nil
}

func energyFiguresOf(c counts) energyFigures {
	return energyFigures{F1: c.f1(), FAR: ratioOr0(c.FP, c.FP+c.TN), MAR: ratioOr0(c.FN, c.FN+c.TP), counts: c}
}

// power returns every row's current × voltage, W.
func (s *skabFile) power() []float64 {
	p := make([]float64, len(s.f.Sensors))
	for i, row := range s.f.Sensors {
		p[i] = row[skabCurrent] * row[skabVoltage]
	}
	return p
}

// powerResidual returns every row's power less what pressure and flow
// explain, with the model fitted on the training rows, and its
// coefficients.
func (s *skabFile) powerResidual() ([]float64, [3]float64, error) {
	var coef [3]float64
	cc, err := anomaly.NewCovariateCompensator(anomaly.CovariateConfig{Covariates: 2, LearnSamples: skabTrain})
	if err != nil {
		return nil, coef, err
	}
	p := s.power()
	r := make([]float64, len(p))
	cov := make([]float64, 2)
	for i, row := range s.f.Sensors {
		cov[0], cov[1] = row[skabPressure], row[skabFlow]
		r[i], _ = cc.Update(p[i], cov)
	}
	c := cc.Coefficients(nil)
	copy(coef[:], c)
	return r, coef, nil
}

// energyWarmup is the number of leading training rows whose residuals the
// CUSUM's level and σ leave out: the compensator's own warm-up, when its
// a-priori residuals still carry its start.
const energyWarmup = 100

// cusumAlarms runs a CUSUM whose level and σ are those of x's training
// rows (after energyWarmup) over the scored rows, and returns their alarms.
func cusumAlarms(x []float64) ([]bool, error) {
	var m, v float64
	n := float64(skabTrain - energyWarmup)
	for _, e := range x[energyWarmup:skabTrain] {
		m += e
	}
	m /= n
	for _, e := range x[energyWarmup:skabTrain] {
		v += (e - m) * (e - m)
	}
	sd := math.Sqrt(v / (n - 1))
	d, err := anomaly.NewCUSUM(anomaly.CUSUMConfig{Mean: m, Sigma: sd})
	if err != nil {
		return nil, err
	}
	al := make([]bool, len(x)-skabTrain)
	for i := range al {
		al[i] = d.Update(float64(skabTrain+i), x[skabTrain+i]).Alarm
	}
	return al, nil
}

// energyMarkdown is the energy-drift section of the skab report.
func energyMarkdown(e energyJSON) string {
	var md strings.Builder
	fmt.Fprintf(&md, "\nEnergy drift: %s\n\n", e.Method)
	md.WriteString("| signal | F1 | FAR | MAR |\n|---|---|---|---|\n")
	fmt.Fprintf(&md, "| power, compensated for pressure and flow | %.3f | %.3f | %.3f |\n", e.Compensated.F1, e.Compensated.FAR, e.Compensated.MAR)
	fmt.Fprintf(&md, "| power, raw | %.3f | %.3f | %.3f |\n", e.Raw.F1, e.Raw.FAR, e.Raw.MAR)
	return md.String()
}
