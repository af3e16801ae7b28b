package fft

import (
	"encoding/json"
	"fmt"
	"math"
	"math/cmplx"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenCase is one transform computed by scipy.fft in
// testdata/gen_fft_golden.py; see that script for the fields.
type goldenCase struct {
	Kind  string    `json:"kind"`
	N     int       `json:"n"`
	Seed  uint64    `json:"seed"`
	Index []int     `json:"index"`
	Re    []float64 `json:"re"`
	Im    []float64 `json:"im"`
}

// lcg reproduces the generator of gen_fft_golden.py bit for bit.
func lcg(seed uint64, count int) []float64 {
	out := make([]float64, count)
	s := seed
	for i := range out {
		s = s*6364136223846793005 + 1442695040888963407
		out[i] = float64(s>>11)/(1<<53) - 0.5
	}
	return out
}

// lcgComplex pairs consecutive lcg values as real and imaginary parts.
func lcgComplex(seed uint64, count int) []complex128 {
	v := lcg(seed, 2*count)
	out := make([]complex128, count)
	for i := range out {
		out[i] = complex(v[2*i], v[2*i+1])
	}
	return out
}

func TestLCGMatchesScript(t *testing.T) {
	// First values of the script's generator for seed 1001 (python3 -c
	// "print(lcg(1001, 2))" in gen_fft_golden.py), as stored for fft n=1.
	x := lcgComplex(1001, 1)
	assert.Equal(t, -0.07627483470791041, real(x[0]))
	assert.Equal(t, -0.2819099701887018, imag(x[0]))
}

func TestGoldenScipy(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "fft_golden.json"))
	require.NoError(t, err)
	var doc struct {
		Cases []goldenCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.Len(t, doc.Cases, 43)
	for _, c := range doc.Cases {
		t.Run(fmt.Sprintf("%s/n=%d", c.Kind, c.N), func(t *testing.T) {
			var got []complex128
			var in []complex128 // for the error scale
			switch c.Kind {
			case "fft":
				in = lcgComplex(c.Seed, c.N)
				got = must(NewPlan(c.N)).Forward(nil, in)
			case "ifft":
				in = lcgComplex(c.Seed, c.N)
				got = must(NewPlan(c.N)).Inverse(nil, in)
			case "rfft":
				x := lcg(c.Seed, c.N)
				in = widen(x)
				got = must(NewRealPlan(c.N)).Forward(nil, x)
			case "irfft":
				in = lcgComplex(c.Seed, c.N/2+1)
				got = widen(must(NewRealPlan(c.N)).Inverse(nil, in))
			default:
				t.Fatalf("unknown kind %q", c.Kind)
			}
			// Errors are relative to the size of a typical output.
			scale := l2(in)
			if c.Kind == "ifft" || c.Kind == "irfft" {
				scale /= math.Sqrt(float64(c.N))
			}
			require.Len(t, c.Re, len(c.Index))
			for i, k := range c.Index {
				want := complex(c.Re[i], 0)
				if c.Im != nil {
					want = complex(c.Re[i], c.Im[i])
				}
				assert.InDelta(t, 0, cmplx.Abs(got[k]-want)/scale, 1e-14, "index %d: got %v, scipy %v", k, got[k], want)
			}
		})
	}
}
