package asset_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// service is the state a monitoring service keeps per asset: the stream
// cutter and the tracker. Only the tracker's state needs saving; the
// Extractor restarts empty at the next recording.
type service struct {
	ex *features.Extractor
	tr *asset.Tracker
}

// newService builds the per-asset pipeline; a non-nil saved state restores
// the tracker of an earlier process.
func newService(saved []byte) (*service, error) {
	ex, err := features.NewExtractor(features.ExtractorConfig{SampleRate: 10_000, Window: 10_000}) // 1 s windows
	if err != nil {
		return nil, err
	}
	s := &service{ex: ex}
	if saved != nil {
		s.tr = new(asset.Tracker)
		return s, s.tr.UnmarshalBinary(saved)
	}
	prior := rul.ExponentialPrior{Phi: 1, LogThetaMean: math.Log(0.5), LogThetaVariance: 0.01,
		BetaMean: 0.1, BetaVariance: 1e-4, NoiseVariance: 1e-4}
	s.tr, err = asset.NewTracker(asset.TrackerConfig{Baseline: 10, Prior: &prior, Failure: 1 + 0.5*math.Exp(0.1*30)})
	return s, err
}

// recording is the 1 s, 10 kHz recording sent at hour h: a 50 Hz vibration
// whose RMS is 2 g ± 1 % while healthy and grows exponentially from hour 10.
func recording(h int) []float64 {
	rms := 2 + 0.02*float64(h%2*2-1)
	if h >= 10 {
		rms = 2 * (1 + 0.5*math.Exp(0.1*float64(h-10)))
	}
	x := make([]float64, 10_000)
	for i := range x {
		x[i] = rms * math.Sqrt2 * math.Sin(2*math.Pi*50*float64(i)/10_000)
	}
	return x
}

// Example_service is a monitoring service end to end: every hour a
// gateway sends a 1 s recording in network-sized chunks; the Extractor
// turns it into a window's RMS, the Tracker raises the alarm and forecasts
// the remaining life. After each recording the service saves the tracker
// (MarshalBinary); at hour 20 the process restarts and carries on from the
// saved state (UnmarshalBinary), giving the forecasts the uninterrupted
// service gives.
func Example_service() {
	run := func(restartAt int, report bool) []asset.Forecast {
		svc, err := newService(nil)
		if err != nil {
			panic(err)
		}
		var saved []byte
		var forecasts []asset.Forecast
		for h := 0; h < 30; h++ {
			if h == restartAt {
				if svc, err = newService(saved); err != nil { // a new process
					panic(err)
				}
				if report {
					fmt.Printf("%2d h: restarted from %d bytes of saved state\n", h, len(saved))
				}
			}
			x := recording(h)
			for len(x) > 0 { // 1 400-sample packets
				n := min(len(x), 1400)
				svc.ex.Write(x[:n], func(w *features.Window) {
					s, err := svc.tr.Update(float64(h), w.Features.RMS)
					if err != nil {
						panic(err)
					}
					if s.Raised && report {
						fmt.Printf("%2d h: ALARM, health indicator %.2f over level %.3f\n", h, s.HI, s.Level)
					}
				})
				x = x[n:]
			}
			fc, err := svc.tr.Forecast()
			switch {
			case errors.Is(err, asset.ErrNoForecast):
			case err != nil:
				panic(err)
			default:
				forecasts = append(forecasts, fc)
				if report && h%5 == 4 {
					fmt.Printf("%2d h: remaining life %.1f h (90 %%: %.1f-%.1f h)\n", h, fc.Median, fc.Lo, fc.Hi)
				}
			}
			if saved, err = svc.tr.MarshalBinary(); err != nil { // store with the asset
				panic(err)
			}
		}
		return forecasts
	}
	restarted := run(20, true)
	straight := run(-1, false)
	same := len(restarted) == len(straight)
	for i := range restarted {
		same = same && restarted[i] == straight[i]
	}
	fmt.Printf("%d forecasts, identical to a service that never restarted: %v\n", len(restarted), same)
	// The indicator reaches the failure level at hour 40, so the true
	// remaining life at hour h is 40 − h.

	// Output:
	// 12 h: ALARM, health indicator 1.61 over level 1.063
	// 14 h: remaining life 26.0 h (90 %: 24.6-27.5 h)
	// 19 h: remaining life 21.0 h (90 %: 20.5-21.5 h)
	// 20 h: restarted from 485 bytes of saved state
	// 24 h: remaining life 16.0 h (90 %: 15.8-16.2 h)
	// 29 h: remaining life 11.0 h (90 %: 10.9-11.1 h)
	// 18 forecasts, identical to a service that never restarted: true
}
