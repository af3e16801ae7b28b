package anomaly

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// driftDetectors builds one of each streaming detector, ready to score
// (warm-ups and calibrations already fed).
func driftDetectors(tb testing.TB) map[string]DriftDetector {
	cusum, err := NewCUSUM(DefaultCUSUMConfig())
	require.NoError(tb, err)
	ph, err := NewPageHinkley(PageHinkleyConfig{Delta: 0.5, Lambda: 50, MinSamples: 30})
	require.NoError(tb, err)
	ewma, err := NewEWMA(DefaultEWMAConfig())
	require.NoError(tb, err)
	bocpd, err := NewBOCPD(DefaultBOCPDConfig()) // MaxRunLength 500
	require.NoError(tb, err)
	trend, err := NewTrend(TrendConfig{Window: 100, Alpha: 0.01})
	require.NoError(tb, err)
	spot, err := NewSPOT(DefaultSPOTConfig())
	require.NoError(tb, err)
	dcfg := DefaultSPOTConfig()
	dcfg.Depth = 20
	dspot, err := NewSPOT(dcfg)
	require.NoError(tb, err)
	thermal, err := NewThermalDetector(DefaultThermalConfig())
	require.NoError(tb, err)
	ds := map[string]DriftDetector{"CUSUM": cusum, "PageHinkley": ph, "EWMA": ewma, "BOCPD": bocpd, "Trend": trend,
		"SPOT": spot, "DSPOT": dspot, "Thermal": thermal}
	warm := newDriftSim(99).noise(3000, 0, 1)
	for _, d := range ds {
		for i, v := range warm {
			d.Update(float64(i), v)
		}
	}
	return ds
}

// BenchmarkUpdate measures one Update of each detector in steady state on
// N(0,1) samples.
func BenchmarkUpdate(b *testing.B) {
	x := newDriftSim(98).noise(1<<14, 0, 1)
	ds := driftDetectors(b)
	for _, name := range []string{"CUSUM", "PageHinkley", "EWMA", "BOCPD", "Trend", "SPOT", "DSPOT", "Thermal"} {
		d := ds[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				d.Update(float64(i), x[i&(len(x)-1)])
			}
		})
	}
	b.Run("SensorHealth", func(b *testing.B) {
		h, err := NewSensorHealth(DefaultSensorHealthConfig(1))
		require.NoError(b, err)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			h.Update(float64(i), x[i&(len(x)-1)])
		}
	})
	b.Run("Covariate", func(b *testing.B) {
		c, err := NewCovariateCompensator(CovariateConfig{Covariates: 2, Forgetting: 0.999, Delta: 1e4})
		require.NoError(b, err)
		cov := []float64{0, 0}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			cov[0], cov[1] = x[(i+1)&(len(x)-1)], x[(i+2)&(len(x)-1)]
			c.Update(x[i&(len(x)-1)], cov)
		}
	})
}

// TestDriftDetectorsZeroAllocs checks the 0-allocation promise of every
// detector's steady-state Update.
func TestDriftDetectorsZeroAllocs(t *testing.T) {
	x := newDriftSim(97).noise(4096, 0, 1)
	for name, d := range driftDetectors(t) {
		i := 0
		allocs := testing.AllocsPerRun(2000, func() {
			d.Update(float64(i), x[i%len(x)])
			i++
		})
		assert.Zero(t, allocs, name)
	}
}

// TestDriftDetectorsConcurrent runs separate detectors in parallel
// goroutines (run with -race): each detector value is single-goroutine,
// but distinct values share no state, and each reproduces its sequential
// result.
func TestDriftDetectorsConcurrent(t *testing.T) {
	x := newDriftSim(96).step(5000, 2500, 3)
	seq := map[string][]DriftResult{}
	for name, d := range driftDetectors(t) {
		for i, v := range x {
			seq[name] = append(seq[name], d.Update(float64(i), v))
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		for name, d := range driftDetectors(t) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i, v := range x {
					if r := d.Update(float64(i), v); r != seq[name][i] {
						t.Errorf("%s: sample %d differs under concurrency", name, i)
						return
					}
				}
			}()
		}
	}
	wg.Wait()
}
