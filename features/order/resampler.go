package order

import (
	"fmt"
	"math"
)

// resamplerPhases is the number of fractional-delay rows of a Resampler's
// filter table; between rows it interpolates linearly.
const resamplerPhases = 256

// Resampler resamples a signal from time to shaft angle (computed order
// tracking; Fyfe & Munck, MSSP 11 (1997) 187-205): it emits the signal at
// the angles k/SamplesPerRev revolutions, k integer, by band-limited
// interpolation — the anti-alias low-pass filter (see ResamplerConfig and
// LowPass), evaluated at the fractional sample position where the shaft
// reaches each angle, so filtering and interpolation are one step (Smith &
// Gossett, ICASSP 1984). The position is found by linear interpolation of
// the shaft angle between samples; the filter at a fractional delay by
// linear interpolation between 256 precomputed delays.
//
// The cutoff is fixed in Hz, set by the lowest speed (ResamplerConfig), so
// at a speed s only orders below CutoffHz/s pass undimmed: a run-up from 10
// to 30 Hz at 64 samples per revolution keeps orders up to about 25 at
// 10 Hz but about 8 at 30 Hz. Choose SamplesPerRev for the highest order
// needed at the highest speed.
//
// It streams: Push takes blocks of any length with the shaft angle at each
// sample and emits the output samples whose filter window is complete, so
// the output lags the input by (Taps+1)/2 samples; Flush ends the signal
// (zeros after it, as before it). In steady state neither allocates when
// dst has room. The angles must never decrease. A Resampler is not safe for
// concurrent use.
type Resampler struct {
	cfg     ResamplerConfig
	half    int       // filter half-length, samples
	width   int       // taps per table row: Taps+1
	table   []float64 // resamplerPhases+1 rows of width taps
	buf     []float64 // input samples from absolute index base on
	rev     []float64 // their angles (rev); entries before index 0 unused
	base    int64     // absolute index of buf[0]
	real    int64     // real samples pushed
	next    int64     // grid index of the next output angle
	first   int64     // grid index of the first output angle
	scan    int64     // crossing search continues in [scan, scan+1]
	started bool
	ended   bool
}

// NewResampler returns a Resampler for cfg. Errors wrap ErrSampleRate,
// ErrSpeed or ErrConfig.
func NewResampler(cfg ResamplerConfig) (*Resampler, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Resampler{cfg: cfg, half: (cfg.Taps - 1) / 2, width: cfg.Taps + 1}
	r.table = make([]float64, (resamplerPhases+1)*r.width)
	c := 2 * cfg.CutoffHz / cfg.SampleRate
	for p := 0; p <= resamplerPhases; p++ {
		windowedSinc(r.table[p*r.width:(p+1)*r.width], c, r.half, float64(p)/resamplerPhases)
	}
	r.Reset()
	return r, nil
}

// Config returns the configuration with its defaults filled in.
func (r *Resampler) Config() ResamplerConfig { return r.cfg }

// Delay returns the lag of the output behind the input, in input samples.
func (r *Resampler) Delay() int { return r.half + 1 }

// Start returns the angle in revolutions of the first output sample, a
// multiple of 1/SamplesPerRev (valid after the first Push).
func (r *Resampler) Start() float64 { return float64(r.first) / float64(r.cfg.SamplesPerRev) }

// NextAngle returns the angle in revolutions of the next output sample,
// a multiple of 1/SamplesPerRev (valid after the first Push): the angle of
// the first sample the next Push or Flush appends.
func (r *Resampler) NextAngle() float64 { return float64(r.next) / float64(r.cfg.SamplesPerRev) }

// Reset makes r ready for a new signal, keeping its buffers.
func (r *Resampler) Reset() {
	r.buf, r.rev = r.buf[:0], r.rev[:0]
	r.started, r.ended = false, false
	r.real, r.scan = 0, 0
}

// Push feeds the samples x and the shaft angle at each sample, rev in
// revolutions (non-decreasing, also across blocks), and appends to dst[:0]
// the output samples completed, returning it. Errors wrap ErrNotFinite,
// ErrNotIncreasing (a decreasing angle) or ErrSpeed (a block that would
// emit more than 2^28 samples); the block is then dropped. It
// panics if len(rev) ≠ len(x) or after Flush without Reset.
func (r *Resampler) Push(dst, x, rev []float64) ([]float64, error) {
	dst = dst[:0]
	if len(rev) != len(x) {
		panic("order: Resampler.Push with len(rev) ≠ len(x)")
	}
	if r.ended {
		panic("order: Resampler.Push after Flush")
	}
	if len(x) == 0 {
		return dst, nil
	}
	prev := math.Inf(-1)
	if r.real > 0 {
		prev = r.rev[len(r.rev)-1]
	}
	for i, v := range rev {
		if !finite(v) || !finite(x[i]) {
			return dst, fmt.Errorf("%w: sample %d of the block is %v at %v rev", ErrNotFinite, i, x[i], v)
		}
		if v < prev {
			return dst, fmt.Errorf("%w: angle %v rev after %v rev", ErrNotIncreasing, v, prev)
		}
		prev = v
	}
	from := rev[0]
	if r.started {
		from = float64(r.next) / float64(r.cfg.SamplesPerRev)
	}
	if span := (rev[len(rev)-1] - from) * float64(r.cfg.SamplesPerRev); span > maxAngleSamples {
		return dst, fmt.Errorf("%w: the block turns the shaft %.3g revolutions, %.3g output samples (at most %d)",
			ErrSpeed, rev[len(rev)-1]-from, span, maxAngleSamples)
	}
	if !r.started {
		r.started = true
		r.base = -int64(r.half)
		for range r.half {
			r.buf = append(r.buf, 0)
			r.rev = append(r.rev, 0)
		}
		r.first = int64(math.Ceil(rev[0] * float64(r.cfg.SamplesPerRev)))
		r.next = r.first
	}
	r.buf = append(r.buf, x...)
	r.rev = append(r.rev, rev...)
	r.real += int64(len(x))
	dst = r.emit(dst)
	r.compact()
	return dst, nil
}

// Flush ends the signal: it appends to dst[:0] the remaining output
// samples, up to the angle of the last input sample, and returns it. Call
// Reset before pushing another signal.
func (r *Resampler) Flush(dst []float64) []float64 {
	dst = dst[:0]
	if !r.started || r.ended {
		return dst
	}
	r.ended = true
	last := r.rev[len(r.rev)-1]
	for range r.half + 2 {
		r.buf = append(r.buf, 0)
		r.rev = append(r.rev, last)
	}
	return r.emit(dst)
}

// emit appends every output sample whose angle lies among the real samples
// and whose filter window is in the buffer.
func (r *Resampler) emit(dst []float64) []float64 {
	spr := float64(r.cfg.SamplesPerRev)
	end := r.base + int64(len(r.buf))
	for {
		theta := float64(r.next) / spr
		for r.scan+1 < r.real && r.rev[r.scan+1-r.base] < theta {
			r.scan++
		}
		if r.scan+1 >= r.real {
			return dst
		}
		r0, r1 := r.rev[r.scan-r.base], r.rev[r.scan+1-r.base]
		frac := 0.0
		if r1 > r0 {
			frac = (theta - r0) / (r1 - r0)
		}
		m := r.scan
		if frac >= 1 {
			m, frac = m+1, 0
		}
		if m+int64(r.half)+2 > end {
			return dst
		}
		dst = append(dst, r.interpolate(int(m-int64(r.half)-r.base), frac))
		r.next++
	}
}

// interpolate returns the filtered signal at buf index s+half+frac.
func (r *Resampler) interpolate(s int, frac float64) float64 {
	pos := frac * resamplerPhases
	p := int(pos)
	if p >= resamplerPhases {
		p = resamplerPhases - 1
	}
	beta := pos - float64(p)
	row0 := r.table[p*r.width : (p+1)*r.width]
	row1 := r.table[(p+1)*r.width : (p+2)*r.width]
	x := r.buf[s : s+r.width]
	row0, row1 = row0[:len(x)], row1[:len(x)]
	// Four independent accumulators per row keep the adds from waiting on
	// each other.
	var a0, a1, a2, a3, b0, b1, b2, b3 float64
	j := 0
	for ; j+4 <= len(x); j += 4 {
		a0 += x[j] * row0[j]
		a1 += x[j+1] * row0[j+1]
		a2 += x[j+2] * row0[j+2]
		a3 += x[j+3] * row0[j+3]
		b0 += x[j] * row1[j]
		b1 += x[j+1] * row1[j+1]
		b2 += x[j+2] * row1[j+2]
		b3 += x[j+3] * row1[j+3]
	}
	for ; j < len(x); j++ {
		a0 += x[j] * row0[j]
		b0 += x[j] * row1[j]
	}
	y0, y1 := (a0+a1)+(a2+a3), (b0+b1)+(b2+b3)
	return y0 + beta*(y1-y0)
}

// compact drops the buffered samples no future output needs.
func (r *Resampler) compact() {
	drop := int(r.scan - int64(r.half) - r.base)
	if drop <= 0 {
		return
	}
	n := copy(r.buf, r.buf[drop:])
	r.buf = r.buf[:n]
	copy(r.rev, r.rev[drop:])
	r.rev = r.rev[:n]
	r.base += int64(drop)
}
