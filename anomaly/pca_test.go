package anomaly

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestPCAGolden(t *testing.T) {
	for _, c := range loadMultiGolden(t).PCA {
		t.Run(c.Name, func(t *testing.T) {
			cfg := PCAConfig{Variance: c.Variance, PFA: c.Alpha, Unscaled: c.Unscaled}
			if c.Variance == 0 {
				cfg.Components = c.Components
			}
			p, err := FitPCA(c.matrix(), cfg)
			require.NoError(t, err)
			require.Equal(t, c.Components, p.Components())
			ev := p.Eigenvalues(nil)
			for i, want := range c.Eigenvalues {
				multiRel(t, want, ev[i], 1e-9, "eigenvalue %d", i)
			}
			t2l, spel := p.Limits()
			multiRel(t, c.T2Limit, t2l, 1e-7, "T² limit vs scipy F")
			multiRel(t, c.SPELimit, spel, 1e-7, "SPE limit (Jackson–Mudholkar)")
			for i := 0; i < c.probes(); i++ {
				t2, spe, err := p.Statistics(c.probe(i))
				require.NoError(t, err)
				multiRel(t, c.T2[i], t2, 1e-8, "T² of probe %d", i)
				multiRel(t, c.SPE[i], spe, 1e-8, "SPE of probe %d", i)
				s, err := p.Score(c.probe(i))
				require.NoError(t, err)
				multiRel(t, max(c.T2[i]/c.T2Limit, c.SPE[i]/c.SPELimit), s, 1e-7, "combined score of probe %d", i)
			}
		})
	}
}

// On Gaussian data the theoretical limits give about the false-alarm
// rate they promise on fresh samples, and the empirical limits agree.
func TestPCALimitsCalibrated(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	// 10 features driven by 3 latent factors plus noise: a real residual.
	gen := func(n int) *mat.Dense {
		load := rand.New(rand.NewPCG(1, 1))
		w := make([]float64, 30)
		for i := range w {
			w[i] = load.NormFloat64()
		}
		x := mat.NewDense(n, 10, nil)
		for i := 0; i < n; i++ {
			f := [3]float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
			for j := 0; j < 10; j++ {
				x.Set(i, j, 3*(w[j]*f[0]+w[10+j]*f[1]+w[20+j]*f[2])+0.5*rng.NormFloat64())
			}
		}
		return x
	}
	p, err := FitPCA(gen(3000), PCAConfig{Components: 3, PFA: 0.01})
	require.NoError(t, err)
	t2l, spel := p.Limits()
	test := gen(20000)
	var ft2, fspe int
	for i := 0; i < 20000; i++ {
		t2, spe, err := p.Statistics(test.RawRowView(i))
		require.NoError(t, err)
		if t2 > t2l {
			ft2++
		}
		if spe > spel {
			fspe++
		}
	}
	assert.InDelta(t, 0.01, float64(ft2)/20000, 0.004, "T² false-alarm rate")
	assert.InDelta(t, 0.01, float64(fspe)/20000, 0.004, "SPE false-alarm rate")
	et2, espe, err := p.EmpiricalLimits(0.01)
	require.NoError(t, err)
	multiRel(t, t2l, et2, 0.1, "empirical T² limit")
	multiRel(t, spel, espe, 0.1, "empirical SPE limit")
	th, err := p.Threshold(0.01)
	require.NoError(t, err)
	assert.InDelta(t, 1.0, th, 0.15, "combined score healthy quantile near 1")
}

func TestPCAErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	x := mat.DenseCopyOf(multiGauss(rng, 50, 4))
	_, err := FitPCA(x.Slice(0, 50, 0, 1), PCAConfig{})
	assert.ErrorContains(t, err, "need at least 2")
	_, err = FitPCA(x, PCAConfig{Components: 4})
	assert.ErrorContains(t, err, "Components")
	_, err = FitPCA(x, PCAConfig{Variance: 1.5})
	assert.ErrorContains(t, err, "Variance")
	_, err = FitPCA(x, PCAConfig{PFA: 1})
	assert.ErrorContains(t, err, "PFA")
	c := mat.DenseCopyOf(x)
	for i := 0; i < 50; i++ {
		c.Set(i, 3, 7)
	}
	_, err = FitPCA(c, PCAConfig{})
	assert.ErrorContains(t, err, "feature 3 is constant")
	// Unscaled: the constant feature is just a zero eigenvalue.
	p, err := FitPCA(c, PCAConfig{Unscaled: true, Components: 2})
	require.NoError(t, err)
	assert.InDelta(t, 0, p.Eigenvalues(nil)[3], 1e-9)
	// Rank 2 data in 3-D with 2 components: no residual variance.
	r := mat.NewDense(50, 3, nil)
	for i := 0; i < 50; i++ {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		r.SetRow(i, []float64{a, b, a + b})
	}
	_, err = FitPCA(r, PCAConfig{Components: 2})
	assert.ErrorContains(t, err, "residual subspace has no variance")
}
