package spindlemqtt

import "math"

// Alarm is published once, when a sensor's vibration leaves its learned
// baseline (see MonitorConfig for the rule).
type Alarm struct {
	Sensor      string  `json:"sensor"`
	Time        float64 `json:"time_s"`         // sensor time of the window that raised it, s
	Window      int64   `json:"window"`         // index of that window, from 0
	Health      float64 `json:"health"`         // RMS / baseline RMS
	Z           float64 `json:"z"`              // z-score of ln RMS against the baseline
	CUSUM       float64 `json:"cusum"`          // the CUSUM score that alarmed, baseline σ
	RMS         float64 `json:"rms_g"`          // window RMS, g
	BaselineRMS float64 `json:"baseline_rms_g"` // geometric-mean RMS of the baseline windows, g
	Kurtosis    float64 `json:"kurtosis"`       // window kurtosis (3 for Gaussian noise)
}

// Forecast is a remaining-useful-life forecast, published every
// ForecastEvery windows after the alarm.
type Forecast struct {
	Sensor      string  `json:"sensor"`
	Time        float64 `json:"time_s"`         // sensor time of the latest window, s
	Window      int64   `json:"window"`         // index of the latest window, from 0
	Health      float64 `json:"health"`         // RMS / baseline RMS of that window
	BaselineRMS float64 `json:"baseline_rms_g"` // g
	Onset       float64 `json:"onset_s"`        // sensor time of the alarm, the RUL model's t = 0, s
	Updates     int     `json:"updates"`        // observations absorbed by the RUL model since the alarm
	// LogTheta and Beta are the posterior means of ln θ' and β of the
	// exponential model ln(health) = ln θ' + β·(t − onset) (β per second).
	LogTheta float64 `json:"log_theta"`
	Beta     float64 `json:"beta_per_s"`
	// FailureHealth is the health at which the part counts as failed.
	FailureHealth float64 `json:"failure_health"`
	// Failed is true once the health has reached FailureHealth; the RUL is
	// then 0.
	Failed bool `json:"failed"`
	// RUL10, RUL50 and RUL90 are the 10 %, 50 % and 90 % quantiles of the
	// remaining life in seconds; absent (nil) when that quantile is infinite
	// (the forecast sees no crossing, e.g. β ≤ 0 in most draws).
	RUL10 *float64 `json:"rul_p10_s,omitempty"`
	RUL50 *float64 `json:"rul_p50_s,omitempty"`
	RUL90 *float64 `json:"rul_p90_s,omitempty"`
}

// finitePtr returns &v, or nil for an infinite v (JSON has no infinity).
func finitePtr(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return &v
}
