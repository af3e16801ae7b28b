package spindlebeam

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// ScoreConfig sets the per-channel health rule. Zero fields take the
// defaults in brackets.
type ScoreConfig struct {
	// BaselineFiles is the number of first snapshots (in time order) that
	// set a channel's healthy level [50], capped at half the run so that a
	// short run still has snapshots to score.
	BaselineFiles int `json:"baseline_files"`
	// AlarmRatio [2], AlarmZ [6] and AlarmRun [3]: a channel alarms at the
	// AlarmRun-th consecutive snapshot whose RMS is at least AlarmRatio
	// times the baseline RMS and AlarmZ robust standard deviations above it
	// in ln RMS.
	AlarmRatio float64 `json:"alarm_ratio"`
	AlarmZ     float64 `json:"alarm_z"`
	AlarmRun   int     `json:"alarm_run"`
}

func (c ScoreConfig) withDefaults() (ScoreConfig, error) {
	if c.BaselineFiles == 0 {
		c.BaselineFiles = 50
	}
	if c.AlarmRatio == 0 {
		c.AlarmRatio = 2
	}
	if c.AlarmZ == 0 {
		c.AlarmZ = 6
	}
	if c.AlarmRun == 0 {
		c.AlarmRun = 3
	}
	if c.BaselineFiles < 2 || !(c.AlarmRatio > 1) || !(c.AlarmZ > 0) || c.AlarmRun < 1 {
		return c, fmt.Errorf("spindlebeam: ScoreConfig %+v: need BaselineFiles ≥ 2, AlarmRatio > 1, AlarmZ > 0, AlarmRun ≥ 1", c)
	}
	return c, nil
}

// Health is one output row per channel and snapshot: the features and the
// health indicator.
type Health struct {
	Channel string `json:"channel"`
	Point
	Health float64 `json:"health"` // RMS / baseline RMS
	Z      float64 `json:"z"`      // (ln RMS − baseline median) / robust σ
}

// Summary is one output row per channel.
type Summary struct {
	Channel     string  `json:"channel"`
	Snapshots   int     `json:"snapshots"`
	Baseline    int     `json:"baseline_files"` // snapshots in the baseline
	BaselineRMS float64 `json:"baseline_rms_g"` // e^median(ln RMS) over the baseline
	LogSigma    float64 `json:"log_sigma"`      // robust σ of ln RMS over the baseline (1.4826·MAD, ≥ 0.001)
	FirstUnix   int64   `json:"first_unix"`
	LastUnix    int64   `json:"last_unix"`
	LastHealth  float64 `json:"last_health"`
	MaxHealth   float64 `json:"max_health"`
	MaxKurtosis float64 `json:"max_kurtosis"`
	Alarm       *Health `json:"alarm"` // the snapshot that raised the alarm, or null
}

// Score orders a channel's points by time and scores them, with cfg's zero
// fields at their defaults. It panics on an empty pts (GroupByKey never
// yields an empty group) or an invalid cfg: programmer errors, which Build
// reports as errors before anything runs.
func Score(channel string, pts []Point, cfg ScoreConfig) ([]Health, Summary) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		panic(err)
	}
	if len(pts) == 0 {
		panic("spindlebeam: Score of no points")
	}
	slices.SortFunc(pts, func(a, b Point) int { return cmp.Compare(a.Index, b.Index) })
	n := len(pts)
	nb := max(2, min(cfg.BaselineFiles, n/2))
	nb = min(nb, n)
	logs := make([]float64, nb)
	for i := range logs {
		logs[i] = math.Log(pts[i].RMS)
	}
	mu := median(logs)
	for i := range logs {
		logs[i] = math.Abs(logs[i] - mu)
	}
	sigma := max(1e-3, 1.4826*median(logs))
	sum := Summary{Channel: channel, Snapshots: n, Baseline: nb, BaselineRMS: math.Exp(mu), LogSigma: sigma,
		FirstUnix: pts[0].Unix, LastUnix: pts[n-1].Unix}
	rows := make([]Health, n)
	run := 0
	for i, p := range pts {
		l := math.Log(p.RMS)
		h := Health{Channel: channel, Point: p, Health: math.Exp(l - mu), Z: (l - mu) / sigma}
		rows[i] = h
		sum.MaxHealth = max(sum.MaxHealth, h.Health)
		sum.MaxKurtosis = max(sum.MaxKurtosis, p.Kurtosis)
		if i < nb {
			continue
		}
		if h.Health >= cfg.AlarmRatio && h.Z >= cfg.AlarmZ {
			run++
		} else {
			run = 0
		}
		if run == cfg.AlarmRun && sum.Alarm == nil {
			sum.Alarm = &rows[i]
		}
	}
	sum.LastHealth = rows[n-1].Health
	return rows, sum
}

// median returns the median of x, reordering x.
func median(x []float64) float64 {
	slices.Sort(x)
	n := len(x)
	if n%2 == 1 {
		return x[n/2]
	}
	return (x[n/2-1] + x[n/2]) / 2
}

// ScoreFn scores each channel's group of points and emits JSON lines: the
// health rows, the channel summary, and the alarm (when there is one).
type ScoreFn struct {
	Config ScoreConfig // exported: Beam serialises it to the workers
}

// ProcessElement scores the channel key's points.
func (fn *ScoreFn) ProcessElement(key string, points func(*Point) bool, health, summary, alarms func(string)) error {
	var pts []Point
	var p Point
	for points(&p) {
		pts = append(pts, p)
	}
	rows, sum := Score(key, pts, fn.Config)
	for i := range rows {
		b, err := json.Marshal(&rows[i])
		if err != nil {
			return err
		}
		health(string(b))
	}
	b, err := json.Marshal(&sum)
	if err != nil {
		return err
	}
	summary(string(b))
	if sum.Alarm != nil {
		b, err := json.Marshal(sum.Alarm)
		if err != nil {
			return err
		}
		alarms(string(b))
	}
	return nil
}
