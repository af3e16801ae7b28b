package asset_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// A Tracker learns the healthy level from the first values, raises the
// alarm when the health indicator stays above 1 + 6σ/μ for 3 values, and
// after the alarm forecasts the remaining life with the prior it was given.
func ExampleTracker() {
	prior := rul.ExponentialPrior{Phi: 1, LogThetaMean: math.Log(0.5), LogThetaVariance: 0.01,
		BetaMean: 0.1, BetaVariance: 1e-4, NoiseVariance: 1e-4}
	tr, err := asset.NewTracker(asset.TrackerConfig{
		Baseline: 10,                       // the first 10 values are healthy
		Prior:    &prior,                   // HI = 1 + θ·exp(β·t) after the alarm
		Failure:  1 + 0.5*math.Exp(0.1*30), // the HI at failure
	})
	if err != nil {
		panic(err)
	}
	// RMS in g, one value an hour: healthy at 2 g ± 0.02 g, then growing.
	for h := 0; h < 30; h++ {
		rms := 2 + 0.02*float64(h%2*2-1)
		if h >= 10 {
			rms = 2 * (1 + 0.5*math.Exp(0.1*float64(h-10)))
		}
		s, err := tr.Update(float64(h), rms)
		if err != nil {
			panic(err)
		}
		if s.Raised {
			fmt.Printf("alarm at %d h: HI %.2f over level %.3f\n", h, s.HI, s.Level)
		}
	}
	first, _, _ := tr.Alarm()
	fc, err := tr.Forecast()
	if errors.Is(err, asset.ErrNoForecast) {
		fmt.Println("no forecast yet")
		return
	}
	fmt.Printf("degradation began at %.0f h; remaining life %.1f h (90 %%: %.1f-%.1f h)\n", first, fc.Median, fc.Lo, fc.Hi)
	// Output:
	// alarm at 12 h: HI 1.61 over level 1.063
	// degradation began at 10 h; remaining life 11.0 h (90 %: 10.9-11.1 h)
}

// LearnFleet learns the forecast's prior and failure level from the
// run-to-failure histories of similar machines.
func ExampleLearnFleet() {
	var past []asset.Run
	for i, beta := range []float64{0.2, 0.25, 0.3} {
		r := asset.Run{Name: fmt.Sprintf("bearing %d", i+1)}
		for h := 0; h < 32; h++ { // hours
			v := 1 + 0.01*float64(h%2*2-1) // g
			if h >= 20 {
				v = 1 + 0.1*math.Exp(beta*float64(h-20))
			}
			r.Time, r.Value = append(r.Time, float64(h)), append(r.Value, v)
		}
		past = append(past, r)
	}
	f, err := asset.LearnFleet(past, asset.TrackerConfig{Baseline: 20}, 1)
	if err != nil {
		panic(err)
	}
	for _, u := range f.Units {
		fmt.Printf("%s: alarm at %.0f h, failed at %.0f h with HI %.2f\n", u.Name, u.AlarmFirst, u.End, u.FinalHI)
	}
	fmt.Printf("failure level %.2f, prior β %.3f per hour\n", f.Failure, f.Prior.BetaMean)
	// Output:
	// bearing 1: alarm at 20 h, failed at 31 h with HI 1.90
	// bearing 2: alarm at 20 h, failed at 31 h with HI 2.56
	// bearing 3: alarm at 20 h, failed at 31 h with HI 3.71
	// failure level 2.56, prior β 0.250 per hour
}

// A Tracker's state survives a restart: the restored tracker continues
// exactly as the saved one would have.
func ExampleTracker_MarshalBinary() {
	tr, _ := asset.NewTracker(asset.TrackerConfig{Baseline: 4})
	for h, v := range []float64{1, 1.1, 0.9, 1} {
		tr.Update(float64(h), v)
	}
	blob, _ := tr.MarshalBinary() // store it with the asset
	var restored asset.Tracker
	if err := restored.UnmarshalBinary(blob); err != nil {
		panic(err)
	}
	s, _ := restored.Update(4, 1.5)
	fmt.Printf("HI %.2f, level %.3f\n", s.HI, s.Level)
	// Output:
	// HI 1.50, level 1.490
}

// With no fleet histories, DefaultFleet's prior (a Weibull of ISO 281's
// shape 1.5 from the bearing's rated L10 life) still gives a healthy unit
// a remaining-life distribution and a probability of failing within two
// weeks, flagged as the default.
func ExampleDefaultFleet() {
	fleet, err := asset.DefaultFleet(20000) // rated L10 life, hours
	if err != nil {
		panic(err)
	}
	tr, err := asset.NewTracker(asset.TrackerConfig{Baseline: 10})
	if err != nil {
		panic(err)
	}
	for h := 0; h < 24; h++ { // one healthy day, RMS in g
		if _, err := tr.Update(float64(h), 2+0.02*float64(h%2*2-1)); err != nil {
			panic(err)
		}
	}
	o, err := fleet.Outlook(nil, tr, 30000) // 30 000 h in service
	if err != nil {
		panic(err)
	}
	fmt.Printf("from %s (default %v): median %.0f h, 90 %% in [%.0f, %.0f] h\n", o.Source, o.Default, o.Median, o.Lo, o.Hi)
	fmt.Printf("P(failure within two weeks) = %.4f\n", o.PFail(14*24))
	// Output:
	// from life (default true): median 52749 h, 90 % in [5090, 164256] h
	// P(failure within two weeks) = 0.0033
}
