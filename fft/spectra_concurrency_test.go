package fft

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Many goroutines sharing one Spectrum, Welch, STFT and Hilbert get the
// results a lone caller gets. Run with -race.
func TestSpectraConcurrentUse(t *testing.T) {
	const l, n, workers, rounds = 64, 512, 8, 20
	win := mustWindow(t, BlackmanHarris, l, 0)
	spec := must(NewSpectrum(win))
	welch := mustWelch(t, WelchConfig{Window: win, Overlap: l / 2, Detrend: LinearDetrend})
	stft := mustSTFT(t, win, 24)
	hil := must(NewHilbert(n))

	inputs := make([][]float64, workers)
	type result struct {
		amp, psd, sg, env []float64
	}
	want := make([]result, workers)
	for i := range inputs {
		inputs[i] = noise(n, float64(i+1), uint64(100+i))
		x := inputs[i]
		psd, err := welch.PSD(nil, x, 1000)
		require.NoError(t, err)
		sg, err := stft.Spectrogram(nil, x, 1000)
		require.NoError(t, err)
		want[i] = result{spec.Amplitude(nil, x[:l]), psd, sg, hil.Envelope(nil, x)}
	}
	var wg sync.WaitGroup
	errs := make(chan string, workers*rounds)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			x := inputs[i]
			r := result{
				amp: make([]float64, spec.Bins()),
				psd: make([]float64, welch.Bins()),
				sg:  make([]float64, len(want[i].sg)),
				env: make([]float64, n),
			}
			for k := 0; k < rounds; k++ {
				spec.Amplitude(r.amp, x[:l])
				if _, err := welch.PSD(r.psd, x, 1000); err != nil {
					errs <- err.Error()
				}
				if _, err := stft.Spectrogram(r.sg, x, 1000); err != nil {
					errs <- err.Error()
				}
				hil.Envelope(r.env, x)
				if !equalFloats(r.amp, want[i].amp) || !equalFloats(r.psd, want[i].psd) ||
					!equalFloats(r.sg, want[i].sg) || !equalFloats(r.env, want[i].env) {
					errs <- "result differs from the lone caller's"
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		assert.Fail(t, e)
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
