package bearing_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/fft"
	"github.com/spindle-pdm/spindle/internal/testenv"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An oversampled recording (its band above the sensor's or the
// anti-aliasing filter's cut-off empty but for the converter's floor) is
// emulated by upsampling a signal k-fold (ideal band-limited
// interpolation, the bins above the old Nyquist frequency zero) and adding
// white noise at a fraction of the signal's power: the floor.

// upsample returns x interpolated to k times its rate.
func upsample(t testing.TB, x []float64, k int) []float64 { return resample(t, x, k, 1) }

// resample returns x resampled to num/den of its rate by ideal band-limited
// interpolation: its FFT, truncated or zero-padded (the bins above the
// lower Nyquist frequency dropped), transformed back. x is first cut to a
// multiple of den samples.
func resample(t testing.TB, x []float64, num, den int) []float64 {
	n := len(x) / (2 * den) * 2 * den
	m := n / den * num
	p, err := fft.NewRealPlan(n)
	require.NoError(t, err)
	q, err := fft.NewRealPlan(m)
	require.NoError(t, err)
	X := p.Forward(nil, x[:n])
	Y := make([]complex128, m/2+1)
	s := complex(float64(m)/float64(n), 0)
	for i := range min(len(X), len(Y)) - 1 {
		Y[i] = X[i] * s
	}
	// The lower of the two Nyquist bins: real, and halved when it becomes
	// an inner bin of the longer transform (it stands for ± that frequency).
	k := min(len(X), len(Y)) - 1
	v := real(X[k]) * real(s)
	if m > n {
		v /= 2
	}
	Y[k] = complex(v, 0)
	return q.Inverse(nil, Y)
}

// withFloor returns x plus white Gaussian noise of power level times x's
// mean square (level 0: x itself).
func withFloor(x []float64, level float64, seed uint64) []float64 {
	if level == 0 {
		return x
	}
	var ms float64
	for _, v := range x {
		ms += v * v
	}
	sd := math.Sqrt(level * ms / float64(len(x)))
	r := rand.New(rand.NewPCG(seed, 7))
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = v + sd*r.NormFloat64()
	}
	return y
}

func TestDiagnoseOversampledRate(t *testing.T) {
	b := simBearing(t)
	x := simulate(t, fault.OuterRace, 0, 5, 3)
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	native, err := dg.Diagnose(x, 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, 12000.0, native.AnalysisRate, "a signal that fills its band is analysed at its own rate")
	for _, k := range []int{2, 3, 4} {
		up, err := dg.Diagnose(upsample(t, x, k), float64(k)*12000, simShaft, b)
		require.NoError(t, err)
		assert.InDelta(t, 12000, up.AnalysisRate, 12000*0.1, "upsampled %d×: analysed near the original rate", k)
		assert.GreaterOrEqual(t, up.AnalysisRate, 12000*63/64.0, "upsampled %d×: the occupied band is kept", k)
		assert.Equal(t, native.Verdict, up.Verdict, "upsampled %d×", k)
		assert.InDelta(t, native.Confidence, up.Confidence, 0.1, "upsampled %d×", k)
	}
	off, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{EmptyBandDB: 300})
	require.NoError(t, err)
	d, err := off.Diagnose(withFloor(upsample(t, x, 4), 1e-9, 1), 48000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, 48000.0, d.AnalysisRate, "EmptyBandDB 300 keeps a floor 90 dB down")
}

// bandItem is one signal of the occupied-band study.
type bandItem struct {
	set, name string
	x         []float64
	rate      float64
	shaft     float64
	truth     fault.Kind
	brg       *features.Bearing // nil: the CWRU drive-end bearing
	noSpeed   bool              // a CWRU file without its own speed (shaft is the table's)
}

// bandOutcome grades a verdict: +1 right, −1 wrong (another fault, or
// Healthy for a faulty bearing), 0 unknown.
func bandOutcome(v, truth fault.Kind) int {
	switch {
	case v == truth:
		return 1
	case v == fault.Unknown:
		return 0
	case v == fault.Healthy && truth == fault.Healthy:
		return 1
	}
	return -1
}

// diagnoseAll diagnoses every item with dg, a worker per CPU, and returns
// the verdicts; it checks that each item of set "native" is analysed at
// its own rate.
func diagnoseAll(t *testing.T, dg *bearing.Diagnoser, b features.Bearing, items []bandItem) []fault.Kind {
	ds := diagnoseAllFull(t, dg, b, items)
	out := make([]fault.Kind, len(items))
	for i, d := range ds {
		out[i] = d.Verdict
		if items[i].set == "native" {
			assert.Equal(t, items[i].rate, d.AnalysisRate, "%s fills its band: analysed at its own rate", items[i].name)
		}
	}
	return out
}

// diagnoseAllFull diagnoses every item with dg, a worker per CPU.
func diagnoseAllFull(t *testing.T, dg *bearing.Diagnoser, b features.Bearing, items []bandItem) []*bearing.Diagnosis {
	out := make([]*bearing.Diagnosis, len(items))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				bi := b
				if items[i].brg != nil {
					bi = *items[i].brg
				}
				d, err := dg.Diagnose(items[i].x, items[i].rate, items[i].shaft, bi)
				require.NoError(t, err, items[i].name)
				out[i] = d
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// cwruDrive returns the channel ch ("DE", "FE" or "BA") of the CWRU 12
// kHz drive-end records that have it, in catalogue order, at each file's
// speed (set "cwru", name the record number), or skips t without the data.
func cwruDrive(t *testing.T, ch string) []bandItem {
	dir := testenv.DataDir(t, "cwru")
	var out []bandItem
	for _, info := range datasets.CWRUCatalog() {
		if info.Table != "12k_drive_end" {
			continue
		}
		rec, err := datasets.LoadCWRU(os.DirFS(dir), fmt.Sprintf("12k_drive_end/%d.mat", info.Number))
		require.NoError(t, err)
		if x := map[string][]float64{"DE": rec.DE, "FE": rec.FE, "BA": rec.BA}[ch]; x != nil {
			out = append(out, bandItem{"cwru", fmt.Sprint(info.Number), x, rec.SampleRate, rec.RPM / 60, info.Fault, nil, !rec.RPMFromFile})
		}
	}
	return out
}

// normal97 returns the CWRU normal baseline normal/97.mat (48 kHz), or
// skips t without the data.
func normal97(t *testing.T) *datasets.CWRURecord {
	rec, err := datasets.LoadCWRU(os.DirFS(testenv.DataDir(t, "cwru")), "normal/97.mat")
	require.NoError(t, err)
	return rec
}

// bandFloors are the converter floors of the study, as fractions of the
// signal's power (0: none).
var bandFloors = []float64{0, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3}

// oversampled returns items upsampled 4× over each of bandFloors.
func oversampled(t *testing.T, items []bandItem) []bandItem {
	var out []bandItem
	for i, it := range items {
		up := upsample(t, it.x, 4)
		for j, fl := range bandFloors {
			o := it
			o.name = fmt.Sprintf("%s 4× floor %g", it.name, fl)
			o.x, o.rate = withFloor(up, fl, uint64(100*i+j)), 4*it.rate
			out = append(out, o)
		}
	}
	return out
}

// loudShaft returns simulated bearings that fill their band but hold the
// impacts in a weak high band: 48 kHz, a 15 kHz resonance, shaft
// harmonics of 20, 10 and 5 g and little noise (SNR 30 and 20 dB), so
// that at 30 dB the bands above 12 kHz lie 20-30 dB below the mean band
// power. A level that called them empty would cut the fault's band away.
func loudShaft(t *testing.T) []bandItem {
	var out []bandItem
	for _, v := range []fault.Kind{fault.Healthy, fault.OuterRace, fault.InnerRace, fault.Ball} {
		for i, snr := range []float64{30, 20} {
			x := simulateWith(t, v, datasets.BearingSim{
				SampleRate: 48000, Duration: 5, Jitter: 0.01, ImpactAmp: 1,
				Resonances:     []datasets.Resonance{{Freq: 15000, Damping: 0.05}},
				ShaftHz:        simShaft,
				ShaftHarmonics: []float64{20, 10, 5},
				SNR:            snr, Seed: uint64(60 + i),
			})
			out = append(out, bandItem{"sim48", fmt.Sprintf("loud shaft %v %g dB", v, snr), x, 48000, simShaft, v, nil, false})
		}
	}
	return out
}

// TestOccupiedBandSelection chooses DiagnoserConfig.EmptyBandDB on
// simulated bearings (healthy, outer race, inner race, ball at 10, 0 and
// −5 dB SNR) upsampled 4× over each converter floor of bandFloors: the
// level of most right less five times wrong verdicts, ties to the higher
// level (the one that reduces fewer signals). It checks that the default
// is that level and, with the CWRU data, that the default diagnoses the
// upsampled drive-end records as it does the records themselves. With
// SPINDLE_WRITE_TABLE set to a path it writes the study there, every
// CWRU record at every floor (slow); otherwise it checks a quarter of
// them at one floor.
func TestOccupiedBandSelection(t *testing.T) {
	if testing.Short() {
		t.Skip("diagnoses hundreds of upsampled signals")
	}
	write := os.Getenv("SPINDLE_WRITE_TABLE")
	b := simBearing(t)
	var sims []bandItem
	for _, v := range []fault.Kind{fault.Healthy, fault.OuterRace, fault.InnerRace, fault.Ball} {
		for i, snr := range []float64{10, 0, -5} {
			sims = append(sims, bandItem{"sim", fmt.Sprintf("%v %g dB", v, snr), simulate(t, v, snr, 5, uint64(40+i)), 12000, simShaft, v, nil, false})
		}
	}
	levels := []float64{10, 20, 30, 40, 50, 60, 70, 80, 300}
	simUp := append(oversampled(t, sims), loudShaft(t)...)
	type score struct{ right, wrong, upRight, upWrong int }
	simScores := make([]score, len(levels))
	best := -1
	for i, lv := range levels {
		dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{EmptyBandDB: lv})
		require.NoError(t, err)
		for j, v := range diagnoseAll(t, dg, b, simUp) {
			up := simUp[j].set == "sim"
			switch bandOutcome(v, simUp[j].truth) {
			case 1:
				simScores[i].right++
				if up {
					simScores[i].upRight++
				}
			case -1:
				simScores[i].wrong++
				if up {
					simScores[i].upWrong++
				}
			}
		}
		obj := func(s score) int { return s.right - 5*s.wrong }
		if best < 0 || obj(simScores[i]) >= obj(simScores[best]) {
			best = i
		}
	}
	def, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	assert.Equal(t, levels[best], def.Config().EmptyBandDB, "the default EmptyBandDB is the level chosen on the simulations")

	var recs []bandItem
	for i, it := range cwruDrive(t, "DE") {
		if write == "" && i%4 != 0 {
			continue
		}
		it.set = "native"
		recs = append(recs, it)
	}
	native := diagnoseAll(t, def, b, recs)
	// The normal record (48 kHz), both channels, and the MFPT records
	// fill their bands too.
	var full []bandItem
	rec := normal97(t)
	full = append(full, bandItem{"native", "97 DE", rec.DE, rec.SampleRate, rec.RPM / 60, fault.Healthy, nil, false},
		bandItem{"native", "97 FE", rec.FE, rec.SampleRate, rec.RPM / 60, fault.Healthy, nil, false})
	if mdir, ok := dataDir("mfpt"); ok {
		files, err := filepath.Glob(filepath.Join(mdir, "*.mat"))
		require.NoError(t, err)
		mb := lookup(t, "MFPT")
		for _, f := range files {
			r, err := datasets.OpenFile(f, datasets.OpenOptions{})
			require.NoError(t, err)
			full = append(full, bandItem{"native", filepath.Base(f), r.Channels[0].Samples, r.SampleRate, r.ShaftHz, r.Fault, &mb, false})
		}
	}
	diagnoseAll(t, def, b, full)
	floors := bandFloors
	if write == "" {
		floors = []float64{1e-5}
	}
	var up []bandItem
	for i, it := range recs {
		x := upsample(t, it.x, 4)
		for j, fl := range floors {
			o := it
			o.set, o.x, o.rate = "cwru 4×", withFloor(x, fl, uint64(100*i+j)), 4*it.rate
			up = append(up, o)
		}
	}
	configs := []float64{levels[best], 300}
	right := make([][]int, len(configs)) // [config][floor]
	wrong := make([][]int, len(configs))
	for c, lv := range configs {
		dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{EmptyBandDB: lv})
		require.NoError(t, err)
		right[c], wrong[c] = make([]int, len(floors)), make([]int, len(floors))
		for j, v := range diagnoseAll(t, dg, b, up) {
			switch bandOutcome(v, up[j].truth) {
			case 1:
				right[c][j%len(floors)]++
			case -1:
				wrong[c][j%len(floors)]++
			}
		}
	}
	nativeRight, nativeWrong := 0, 0
	for i, v := range native {
		switch bandOutcome(v, recs[i].truth) {
		case 1:
			nativeRight++
		case -1:
			nativeWrong++
		}
	}
	for j, fl := range floors {
		assert.GreaterOrEqual(t, right[0][j], nativeRight-1, "CWRU drive end upsampled 4× over a floor of %g: right verdicts against %d for the records themselves", fl, nativeRight)
	}
	if write == "" {
		return
	}
	var sb strings.Builder
	sb.WriteString("# Oversampled recordings: the occupied band\n\n")
	sb.WriteString("Generated by `SPINDLE_WRITE_TABLE=$PWD/anomaly/bearing/testdata/diag_occupied_band.md go test ./anomaly/bearing/ -run TestOccupiedBandSelection`.\n\n")
	sb.WriteString("A recording sampled faster than its sensor or anti-aliasing filter passes is emulated by upsampling a signal 4× (ideal\n")
	sb.WriteString("band-limited interpolation) and adding white noise at a fraction of its power (the converter floor). The Diagnoser\n")
	sb.WriteString("analyses a signal whose every band above a quarter of its rate lies EmptyBandDB below its mean power per band at the\n")
	sb.WriteString("lowest rate that keeps its occupied band (DiagnoserConfig.EmptyBandDB; 300 dB: never, for a signal with a floor).\n\n")
	nUp := len(sims) * len(bandFloors)
	fmt.Fprintf(&sb, "## Chosen on simulated bearings\n\nOversampled: %d simulated 6205-2RS bearings (healthy, outer race, inner race, ball at 10, 0 and −5 dB SNR, 5 s at 12 kHz), each upsampled to 48 kHz over the floors %v: %d signals. Weak high band: %d bearings simulated at 48 kHz with a 15 kHz resonance under shaft harmonics of 20, 10 and 5 g at 30 and 20 dB SNR, whose bands above 12 kHz at 30 dB SNR lie between 20 and 30 dB below the mean band power (at 20 dB SNR, less far) but hold the impacts. Objective over both: right − 5 × wrong (wrong: another fault, or healthy for a faulty bearing); ties go to the higher level.\n\n", len(sims), bandFloors, nUp, len(simUp)-nUp)
	sb.WriteString("| EmptyBandDB | oversampled right / wrong | weak high band right / wrong | objective |\n|---|---|---|---|\n")
	for i, lv := range levels {
		mark := ""
		if i == best {
			mark = " (chosen, the default)"
		}
		sc := simScores[i]
		fmt.Fprintf(&sb, "| %g%s | %d / %d | %d / %d | %d |\n", lv, mark, sc.upRight, sc.upWrong, sc.right-sc.upRight, sc.wrong-sc.upWrong, sc.right-5*sc.wrong)
	}
	fmt.Fprintf(&sb, "\n## Checked on the CWRU drive-end records\n\nThe %d faulty 12 kHz drive-end records, diagnosed as they are (%d right, %d wrong) and upsampled to 48 kHz over each floor; right / wrong verdicts of %d (wrong: another fault, or healthy). Resampling hides the converter codes, so the clipping of record 200 is no longer seen there.\n\n", len(recs), nativeRight, nativeWrong, len(recs))
	sb.WriteString("| floor (fraction of the signal's power) | default (EmptyBandDB " + fmt.Sprint(levels[best]) + ") | EmptyBandDB 300 (the analysis before the reduction) |\n|---|---|---|\n")
	for j, fl := range floors {
		fmt.Fprintf(&sb, "| %g | %d / %d | %d / %d |\n", fl, right[0][j], wrong[0][j], right[1][j], wrong[1][j])
	}
	sb.WriteString("\nEvery one of these records, the normal record 97.mat (48 kHz, both channels) and the MFPT records is analysed at its\nown rate (the test checks it): no recording of the shared data is reduced, and their diagnoses do not change.\n")
	require.NoError(t, os.WriteFile(write, []byte(sb.String()), 0o644))
}
