package bearing

import (
	"math"

	"github.com/spindle-pdm/spindle/fft"
)

// Occupied band. A recording whose upper band holds nothing but the
// converter's floor — sampled faster than its sensor or anti-aliasing
// filter passes, or resampled up from a slower stream — would otherwise
// hand that empty band to the band-selective methods: cepstrum
// pre-whitening lifts it to the level of the vibration, and the kurtogram
// can choose a band that holds only the filter's roll-off. Diagnose
// therefore analyses such a signal at the lowest rate that keeps its
// occupied band (see DiagnoserConfig.EmptyBandDB): a signal upsampled from
// 12 kHz to 48 kHz is diagnosed at 12 kHz again.

// occupiedBands is the number of equal-width bands between 0 Hz and the
// Nyquist frequency in which the occupied band is measured.
const occupiedBands = 64

// occupiedTop returns the upper edge, Hz, of the highest of occupiedBands
// equal bands of the spectrum X (the n/2+1 bins of a real FFT of a
// signal sampled at rate Hz) whose power is within emptyDB dB of the mean
// band power; the zero-frequency bin is left out.
func occupiedTop(X []complex128, rate, emptyDB float64) float64 {
	nb := len(X) - 1
	if nb < occupiedBands {
		return rate / 2
	}
	// The bins of the Hann-windowed signal, X[k]/2 − (X[k−1] + X[k+1])/4:
	// a rectangular window's leakage falls only as 1/f and would fill an
	// empty band 60-80 dB below a loud one; the Hann window's falls as
	// 1/f³. X[nb+1] = conj(X[nb−1]).
	var pw [occupiedBands]float64
	for b := range pw {
		k0, k1 := b*nb/occupiedBands+1, (b+1)*nb/occupiedBands
		var sum float64
		for k := k0; k <= k1; k++ {
			pr, pi := real(X[k-1]), imag(X[k-1])
			if k < nb {
				pr, pi = pr+real(X[k+1]), pi+imag(X[k+1])
			} else {
				pr, pi = pr+real(X[k-1]), pi-imag(X[k-1])
			}
			re, im := 0.5*real(X[k])-0.25*pr, 0.5*imag(X[k])-0.25*pi
			sum += re*re + im*im
		}
		pw[b] = sum
	}
	var total float64
	for _, p := range pw {
		total += p
	}
	floor := total / occupiedBands * math.Pow(10, -emptyDB/10)
	top := occupiedBands - 1
	for top > 0 && !(pw[top] >= floor) {
		top--
	}
	return float64(top+1) / occupiedBands * rate / 2
}

// decimatedLength returns the length to which a signal of m samples at
// rate Hz is reduced when only [0, keep] Hz of it is occupied: the
// shortest even 2,3,5-smooth length, at least MinDiagnosisSamples, whose
// rate (rate times the length over m) keeps that band. It returns m when
// the band reaches above rate/4: a signal that fills more than half its
// band is analysed as it is.
func decimatedLength(m int, rate, keep float64) int {
	if keep > rate/4 {
		return m
	}
	n := max(int(math.Ceil(2*keep/rate*float64(m))), MinDiagnosisSamples)
	n += n & 1
	for !smooth5(n) {
		n += 2
	}
	return min(n, m)
}

// decimated holds what the analyzer of a decimated signal needs to build
// that signal from the spectrum of the original.
type decimated struct {
	plan *fft.RealPlan // length of the decimated signal
	work *fft.Work
	x    []float64
}

// decimateFrom writes into a.xspec the spectrum of a signal of m
// samples, X, reduced to a's length n < m (its bins below the new Nyquist
// frequency scaled by n/m, the Nyquist bin made real) and returns the
// signal whose spectrum that is: the original, ideally low-pass filtered
// and resampled at n/m of its rate.
func (a *analyzer) decimateFrom(X []complex128, m int) []float64 {
	n := 2 * (len(a.xspec) - 1)
	if a.dec.plan == nil {
		a.dec.plan = must(fft.NewRealPlan(n))
		a.dec.work = a.dec.plan.NewWork()
		a.dec.x = make([]float64, n)
	}
	s := complex(float64(n)/float64(m), 0)
	for k := range a.xspec {
		a.xspec[k] = X[k] * s
	}
	a.xspec[n/2] = complex(real(a.xspec[n/2]), 0)
	return a.dec.plan.InverseWork(a.dec.x, a.xspec, a.dec.work)
}

// must returns v, panicking on err: for constructors whose arguments the
// caller has already validated.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
