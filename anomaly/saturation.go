package anomaly

import (
	"fmt"
	"math"
)

// ErrNotQuantized is returned by CheckSaturation when a record's samples
// are not integer multiples of one step, so that no ADC code can be read
// from them (the record was filtered, resampled or offset after
// conversion). It wraps ErrInput.
var ErrNotQuantized = errorf(ErrInput, "samples are not integer multiples of one quantisation step")

// Saturation describes a record's analog-to-digital conversion as read
// back from its samples: the quantisation step, the smallest two's-
// complement converter whose codes hold the record, its full-scale rails,
// and how many samples sit on each rail.
//
// A sample on a rail is at the converter's full scale: the true signal was
// there or beyond, so peak, crest factor and kurtosis read from the record
// are lower bounds. One such sample is enough to matter: clipping of a
// single sample per impact is typical of an accelerometer driven into
// saturation by bearing-fault impacts (on the drive-end channel, CWRU
// records 236 and 237 touch both rails of their 15-bit codes, 234 and 246
// one, and 200, recorded at a ten times finer gain, clips at ±0.665 g).
type Saturation struct {
	// Step is the quantisation step in the signal's unit (g per code);
	// 0 when the converter could not be read (see Diagnosis.Saturation).
	Step float64 `json:"step"`
	// Bits is the word length of the smallest signed converter holding
	// every code, sign included: codes run from -2^(Bits-1) to
	// 2^(Bits-1)-1.
	Bits int `json:"bits"`
	// Min and Max are the rails in the signal's unit:
	// -2^(Bits-1)·Step and (2^(Bits-1)-1)·Step.
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	// AtMin and AtMax count the samples on each rail.
	AtMin int `json:"at_min"`
	AtMax int `json:"at_max"`
	// FirstAt is the index of the first sample on a rail, or -1.
	FirstAt int `json:"first_at"`
}

// Saturated reports whether any sample sits on a rail.
func (s Saturation) Saturated() bool { return s.AtMin+s.AtMax > 0 }

// saturationMinSpan is the fewest steps a record's codes must span for
// CheckSaturation to infer a converter: with fewer, the record's extremes
// fall on a power-of-two code by chance too often.
const saturationMinSpan = 64

// saturationMaxDivisor is the largest k for which CheckSaturation tries
// the step d/k.
const saturationMaxDivisor = 64

// CheckSaturation reads a record's ADC full scale from the samples
// themselves and counts the samples on it. The step is the largest
// d/k, k = 1..64, of which every sample is an integer multiple (within
// 1e-6 of a step), d being the smallest nonzero difference of neighbouring
// samples; when there is none the samples are not converter codes and the
// error is ErrNotQuantized. (A quantised record's neighbours differ by
// whole steps, so d is k steps, and k is small unless the record never
// moves by less than 64 steps from one sample to the next.) The converter
// is the smallest signed one holding the extreme codes; a sample whose code
// is -2^(Bits-1) or 2^(Bits-1)-1 is on a rail.
//
// For a record that never reached full scale the extremes land on those
// two codes only by chance, with probability about 2^(2-Bits) each (1 in
// 8192 for a 15-bit record). The method needs the raw converter codes
// times a gain: a record with an offset added after conversion, or one
// resampled or filtered, gives ErrNotQuantized (found at its first few
// samples), and a record whose codes span fewer than 64 steps an error
// too. NaN or infinite samples are an error naming the first one.
// CheckSaturation allocates nothing unless it returns an error.
func CheckSaturation(x []float64) (Saturation, error) {
	s, p := readSaturation(x)
	return s, p.err(len(x))
}

// ReadSaturation is CheckSaturation without the reason: ok is false when
// x is empty, holds a non-finite value, is constant, or its samples are not
// whole numbers of one step (a float recording, not converter codes), and
// then s is the zero Saturation with FirstAt -1 (nothing is known of
// clipping). It does not allocate, so a caller may run it on every window.
func ReadSaturation(x []float64) (s Saturation, ok bool) {
	s, p := readSaturation(x)
	if p.kind != satOK {
		return Saturation{FirstAt: -1}, false
	}
	return s, true
}

// saturationProblem says why readSaturation could not read a converter,
// without allocating (Diagnoser calls it on every signal); err formats it.
type saturationProblem struct {
	kind    satKind
	i       int     // the sample at fault
	v, step float64 // its value (or the code span) and the step tried
}

// satKind names what readSaturation found wrong.
type satKind int

const (
	satOK           satKind = iota
	satEmpty                // no samples
	satNonFinite            // sample i is NaN or infinite
	satConstant             // every sample equals v
	satNotQuantized         // sample i is no integer number of steps
	satNarrow               // the codes span only v steps
)

func (p saturationProblem) err(n int) error {
	switch p.kind {
	case satOK:
		return nil
	case satEmpty:
		return errorf(ErrInput, "CheckSaturation: empty record")
	case satNonFinite:
		return errorf(ErrInput, "CheckSaturation: sample %d is %g", p.i, p.v)
	case satConstant:
		return errorf(ErrInput, "CheckSaturation: all %d samples are %g", n, p.v)
	case satNotQuantized:
		return fmt.Errorf("%w (sample %d = %g is %.4f steps of %g)", ErrNotQuantized, p.i, p.v, p.v/p.step, p.step)
	default:
		return errorf(ErrInput, "CheckSaturation: the samples span %g steps of %g, want ≥ %d to infer a converter", p.v, p.step, saturationMinSpan)
	}
}

// readSaturation is CheckSaturation with its problem unformatted.
func readSaturation(x []float64) (Saturation, saturationProblem) {
	if len(x) == 0 {
		return Saturation{}, saturationProblem{kind: satEmpty}
	}
	lo, hi := x[0], x[0]
	step := math.Inf(1)
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Saturation{}, saturationProblem{kind: satNonFinite, i: i, v: v}
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		if i > 0 {
			if d := math.Abs(v - x[i-1]); d > 0 && d < step {
				step = d
			}
		}
	}
	if math.IsInf(step, 1) {
		return Saturation{}, saturationProblem{kind: satConstant, v: x[0]}
	}
	d, found := step, false
	for k := 1; k <= saturationMaxDivisor && !found; k++ {
		step = d / float64(k)
		found = offStep(x, step) < 0
	}
	if !found {
		i := offStep(x, d)
		return Saturation{}, saturationProblem{kind: satNotQuantized, i: i, v: x[i], step: d}
	}
	cLo, cHi := math.Round(lo/step), math.Round(hi/step)
	if cHi-cLo < saturationMinSpan {
		return Saturation{}, saturationProblem{kind: satNarrow, v: cHi - cLo, step: step}
	}
	bits := 1
	for -math.Ldexp(1, bits-1) > cLo || math.Ldexp(1, bits-1)-1 < cHi {
		bits++
	}
	railLo, railHi := -math.Ldexp(1, bits-1), math.Ldexp(1, bits-1)-1
	s := Saturation{Step: step, Bits: bits, Min: railLo * step, Max: railHi * step, FirstAt: -1}
	for i, v := range x {
		switch math.Round(v / step) {
		case railLo:
			s.AtMin++
		case railHi:
			s.AtMax++
		default:
			continue
		}
		if s.FirstAt < 0 {
			s.FirstAt = i
		}
	}
	return s, saturationProblem{}
}

// offStep returns the index of the first sample that is not an integer
// number of steps (within 1e-6 of a step), or -1.
func offStep(x []float64, step float64) int {
	for i, v := range x {
		c := v / step
		if math.Abs(c-math.Round(c)) > 1e-6 {
			return i
		}
	}
	return -1
}
