// Package fft provides fast Fourier transform plans for every length n ≥ 1,
// window functions, scaled amplitude and power spectra, Welch power spectral
// density, the short-time Fourier transform and the analytic signal.
//
// # Conventions
//
// The forward transform is unnormalised and the inverse is scaled by 1/n,
// scipy's default ("backward") convention:
//
//	X[k] = Σ_{j=0}^{n-1} x[j]·exp(-2πi·jk/n)
//	x[j] = (1/n)·Σ_{k=0}^{n-1} X[k]·exp(+2πi·jk/n)
//
// Real-input transforms return the n/2+1 non-negative-frequency bins.
//
// # Plans
//
// A plan is built once per length, is immutable, and is safe for concurrent
// use by many goroutines. Transforms take a destination first, in the manner
// of gonum: a nil dst allocates a result, a dst of the right length is
// written and returned without allocating. Passing slices of the wrong
// length is a programmer error and panics.
//
// Lengths run from 1 to MaxLength. Lengths whose prime factors are all
// small use a mixed-radix Stockham transform; a large prime factor gets a
// Rader pass, or the whole length Bluestein's algorithm, whichever the
// planner estimates to be cheaper (see Plan). Such lengths cost more: a
// prime n whose n-1 is not itself smooth needs two transforms of a length
// ≥ 2n-1 (Bluestein, or Rader zero-padded), about four times the work of a
// smooth length near n, so for speed pad or cut a record to a smooth
// length (2^a·3^b·5^c) when the analysis allows it. BenchmarkRandomLengths
// times 30 random lengths up to 2^20 against their nearest smooth lengths;
// FFTW, timed on the same pairs (testdata/peers/lengths.sh), has the same
// floor: its ratio exceeded 4 on 21 of the 30 lengths, Spindle's on 19.
//
// # Scratch space
//
// Transforms need scratch space. The plain methods (Plan.Forward,
// Welch.PSD, …) take it from a per-plan sync.Pool: they allocate nothing
// while the pool holds a buffer, but a garbage collection can empty the
// pool, and the next call then allocates its scratch again. For a steady
// state that allocates nothing even across collections, get a Work from
// the plan's NewWork method, one per goroutine, and call the …Work
// methods (Plan.ForwardWork, RealPlan.InverseWork, Hilbert.EnvelopeWork,
// Spectrum.PowerWork, Welch.PSDWork, STFT.SpectrogramWork, …).
//
// # SIMD
//
// The package is pure Go. On amd64 it has an optional SIMD path, built
// only with Go's experimental simd/archsimd package:
//
//	GOEXPERIMENT=simd go build ./...   (go test, go install alike)
//
// It runs the hot kernels on 256-bit AVX2 vectors with fused multiply-adds,
// two complex values to a vector: the radix-2, 3, 4, 5 and 8 passes of the
// mixed-radix transform whose stride is even (every pass but the first of
// an even length), a first pass of radix 4 or 8 whose block count n/r is
// even (which includes the first pass of an even real transform, which
// reads the real samples) and the untangling of the real spectrum (when
// ⌊n/4⌋ is even). Everything else runs in pure Go: passes with an odd
// stride (odd lengths; first passes of radix 2, 3 and 5), odd block
// counts, radix 7 and the generic odd radices, Rader, Bluestein and the
// pre-processing of the inverse real transform. At run time the path is used only when the
// CPU has AVX2 and FMA; the pure-Go kernels run otherwise. Results agree
// with the pure-Go path to rounding (within 1e-15 of the largest bin; fused
// multiply-adds round differently), not bit for bit. Without the
// experiment, and on other architectures, none of it is compiled. On the
// AMD EPYC the benchmarks ran on, the real transforms of 1024 to 65536
// points took 0.37-0.43 of the pure-Go time, and the complex ones
// 0.35-0.46.
//
// The experiment is a whole-program switch, and with Go 1.26.8 it slowed
// scalar float code that has no SIMD variant: a loop of sums ran 1.2-1.3
// times as long even in a program without any SIMD code, and ran at full
// speed again after archsimd.ClearAVXUpperBits (VZEROUPPER), so the upper
// halves of the vector registers are left dirty outside this package and
// Go's legacy-SSE scalar code pays for it; the time-domain indicators of
// features took 1.28 times as long. The SIMD kernels here clear those
// halves when they finish, so code that runs after a transform is not
// slowed by them: a bearing diagnosis of 30 000 or 120 000 samples took
// 0.84-0.85 of its pure-Go time (best of 3 interleaved runs, pinned;
// 0.94-0.97 before the kernels cleared the registers). Measure your own
// program both ways before you ship with it.
//
// # Errors
//
// Constructors return errors for lengths and configurations, and the
// methods that take a whole signal (Welch.PSD, STFT.Transform,
// STFT.Spectrogram) for unusable input. Every returned error wraps one of
// three sentinels, to be tested with errors.Is:
//
//   - ErrLength: a length below 1 or above MaxLength (NewPlan,
//     NewRealPlan, NewHilbert, NewWindow, and the window length of
//     NewSpectrum, NewWelch and NewSTFT).
//   - ErrConfig: an unusable window or Welch or STFT setting.
//   - ErrInput: a signal shorter than one segment or frame, holding NaN
//     or ±Inf, or a sample rate that is not positive and finite.
package fft
