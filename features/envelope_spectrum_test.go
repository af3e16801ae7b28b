package features

import (
	"errors"
	"math"
	"math/cmplx"
	"testing"
)

// TestSESOfSpectrumMatchesSES checks that the SES of a shared Spectrum and
// the whitening of it equal SES and Whiten of the signal bit for bit, for
// several bands, that the SES of the WhitenedSpectrum is that of the
// whitened signal, and that the shared path rejects what the direct one
// rejects.
func TestSESOfSpectrumMatchesSES(t *testing.T) {
	const n = 6000
	x := benchSignal(n)
	a := must(NewEnvelopeAnalyzer(n, 12000))
	X := must(a.Spectrum(nil, x))
	for _, band := range [][2]float64{{0, 6000}, {1500, 3000}, {2916.5, 3333.25}} {
		want := must(a.SES(nil, x, band[0], band[1]))
		got := must(a.SESOfSpectrum(nil, X, band[0], band[1]))
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("band %v bin %d: %v, want %v", band, k, got[k], want[k])
			}
		}
	}
	// A short dst receives the first bins.
	full := must(a.SESOfSpectrum(nil, X, 1500, 3000))
	part := must(a.SESOfSpectrum(make([]float64, 100), X, 1500, 3000))
	for k, v := range part {
		if v != full[k] {
			t.Fatalf("short dst bin %d: %v, want %v", k, v, full[k])
		}
	}

	w := must(NewCepstrumWhitener(n))
	want := must(w.Whiten(nil, x))
	got := must(w.WhitenSpectrum(nil, X))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("whitened sample %d: %v, want %v", i, got[i], want[i])
		}
	}

	// The SES of the whitened spectrum is that of the whitened signal up to
	// the rounding of a transform and its inverse.
	ws := must(w.WhitenedSpectrum(nil, X))
	direct := must(a.SES(nil, want, 0, 6000))
	viaSpec := must(a.SESOfSpectrum(nil, ws, 0, 6000))
	var peak float64
	for _, v := range direct {
		peak = max(peak, v)
	}
	for k := range direct {
		if d := math.Abs(viaSpec[k] - direct[k]); d > 1e-12*peak {
			t.Fatalf("whitened SES bin %d: %v, want %v", k, viaSpec[k], direct[k])
		}
	}

	if _, err := a.SESOfSpectrum(nil, X, 3000, 2000); !errors.Is(err, ErrInput) {
		t.Errorf("inverted band: %v, want ErrInput", err)
	}
	X[10] = complex(math.NaN(), 0)
	if _, err := a.SESOfSpectrum(nil, X, 0, 6000); !errors.Is(err, ErrInput) {
		t.Errorf("NaN bin: %v, want ErrInput", err)
	}
	if _, err := w.WhitenSpectrum(nil, X); !errors.Is(err, ErrInput) {
		t.Errorf("whitening a NaN bin: %v, want ErrInput", err)
	}
	if _, err := w.WhitenedSpectrum(nil, X); !errors.Is(err, ErrInput) {
		t.Errorf("whitened spectrum of a NaN bin: %v, want ErrInput", err)
	}
	if _, err := w.WhitenedSpectrum(nil, make([]complex128, len(X))); !errors.Is(err, ErrInput) {
		t.Errorf("whitened spectrum of zeros: %v, want ErrInput", err)
	}
	x[5] = math.Inf(1)
	if _, err := a.Spectrum(X, x); !errors.Is(err, ErrInput) {
		t.Errorf("Inf sample: %v, want ErrInput", err)
	}
	mustPanic(t, "short spectrum", func() { _, _ = a.SESOfSpectrum(nil, X[:10], 0, 6000) })
	mustPanic(t, "short whitener spectrum", func() { _, _ = w.WhitenSpectrum(nil, X[:10]) })
	mustPanic(t, "short spectrum dst", func() { _, _ = a.Spectrum(X[:10], x) })
	mustPanic(t, "long SES dst", func() { _, _ = a.SESOfSpectrum(make([]float64, len(X)+1), X, 0, 6000) })
	mustPanic(t, "empty SES dst", func() { _, _ = a.SESOfSpectrum([]float64{}, X, 0, 6000) })
	mustPanic(t, "short whitened spectrum dst", func() { _, _ = w.WhitenedSpectrum(X[:10], X) })
}

// mustPanic fails the test unless f panics.
func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", what)
		}
	}()
	f()
}

// TestWhitenedSpectrumExtremeMagnitudes checks that the geometric mean of
// the whitening (a product of mantissas, renormalised) neither overflows
// nor underflows on magnitudes from 1e-300 to 1e300 and matches the mean
// of the logarithms, with zero bins left out and kept zero.
func TestWhitenedSpectrumExtremeMagnitudes(t *testing.T) {
	const n = 1000
	w := must(NewCepstrumWhitener(n))
	X := make([]complex128, n/2+1)
	var sum, count float64
	for k := range X {
		if k%7 == 3 {
			continue // a zero bin
		}
		e := float64(k%601 - 300) // exponents −300 … 300
		m := math.Pow(10, e) * (1 + float64(k%5)/7)
		X[k] = complex(m*0.6, -m*0.8)
		wt := 2.0
		if k == 0 || k == n/2 {
			wt = 1
		}
		sum += wt * math.Log(m)
		count += wt
	}
	g := math.Exp(sum / count)
	ws := must(w.WhitenedSpectrum(nil, X))
	for k, v := range ws {
		if X[k] == 0 {
			if v != 0 {
				t.Fatalf("zero bin %d whitened to %v", k, v)
			}
			continue
		}
		if r := cmplx.Abs(v) / g; math.Abs(r-1) > 1e-12 {
			t.Fatalf("bin %d: magnitude %v, want the geometric mean %v", k, cmplx.Abs(v), g)
		}
	}
}
