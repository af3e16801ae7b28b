package bearing

import (
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/order"
)

// profileScratch holds what one DiagnoseAngleTo call reuses.
type profileScratch struct {
	rev, y, tail []float64
	r            *order.Resampler
	kurt         *features.Kurtogram
	kres         *features.KurtogramResult
	klv          int
	krate        float64
}

// scratch takes an idle profileScratch, or a new one.
func (p *ProfileDiagnoser) scratch() *profileScratch {
	p.mu.Lock()
	defer p.mu.Unlock()
	if k := len(p.idle); k > 0 {
		s := p.idle[k-1]
		p.idle = p.idle[:k-1]
		return s
	}
	return &profileScratch{}
}

// release returns s to the idle list.
func (p *ProfileDiagnoser) release(s *profileScratch) {
	p.mu.Lock()
	p.idle = append(p.idle, s)
	p.mu.Unlock()
}

// resampler returns a Resampler for cfg, s's own when its configuration is
// the same.
func (s *profileScratch) resampler(cfg order.ResamplerConfig) (*order.Resampler, error) {
	if s.r != nil {
		if c := s.r.Config(); c.SampleRate == cfg.SampleRate && c.SamplesPerRev == cfg.SamplesPerRev && c.MinSpeedHz == cfg.MinSpeedHz {
			s.r.Reset()
			return s.r, nil
		}
	}
	r, err := order.NewResampler(cfg)
	if err != nil {
		return nil, err
	}
	s.r = r
	return r, nil
}

// kurtogram returns a Kurtogram of lv levels at rate Hz, s's own when it
// has those.
func (s *profileScratch) kurtogram(lv int, rate float64) (*features.Kurtogram, error) {
	if s.kurt != nil && s.klv == lv && s.krate == rate {
		return s.kurt, nil
	}
	k, err := features.NewKurtogram(lv, rate)
	if err != nil {
		return nil, err
	}
	s.kurt, s.kres, s.klv, s.krate = k, nil, lv, rate
	return k, nil
}
