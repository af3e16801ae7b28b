package features

import (
	"encoding/binary"
	"math"
	"testing"
)

// floatsFromBytes reads little-endian float64 values.
func floatsFromBytes(b []byte) []float64 {
	x := make([]float64, len(b)/8)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}

func seedBytes(xs ...float64) []byte {
	b := make([]byte, 8*len(xs))
	for i, v := range xs {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	return b
}

// FuzzTimeFeatures: any input gives either an error or finite indicators,
// and the per-sample path agrees with the blocked one on validity.
func FuzzTimeFeatures(f *testing.F) {
	f.Add(seedBytes(1, 2, 3))
	f.Add(seedBytes(1e300, -1e300, 5))
	f.Add(seedBytes(math.NaN(), 1))
	f.Add(seedBytes(1e9, 1e9+1e-7, 1e9))
	f.Add(seedBytes(4.9e-324, 0, -4.9e-324))
	f.Fuzz(func(t *testing.T, b []byte) {
		x := floatsFromBytes(b)
		feat, err := ComputeTimeFeatures(x)
		var m Moments
		for _, v := range x {
			m.Add(v)
		}
		_, errAdd := m.Features()
		if (err == nil) != (errAdd == nil) && !nearOverflow(x) {
			t.Fatalf("blocked err %v, per-sample err %v for %v", err, errAdd, x)
		}
		for i, v := range featureSlice(feat) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s = %v (err %v) for %v", featureNames[i], v, err, x)
			}
		}
	})
}

// nearOverflow reports values so large that the two paths may disagree on
// whether the fourth moment overflows.
func nearOverflow(x []float64) bool {
	for _, v := range x {
		if math.Abs(v) > 1e70 {
			return true
		}
	}
	return false
}

// FuzzFindPeaks: peaks are strictly increasing valid indices that meet the
// options, with non-negative prominences and bases around them.
func FuzzFindPeaks(f *testing.F) {
	f.Add(seedBytes(0, 1, 0, 2, 2, 0, 3, 1), 2, 0.5, 4)
	f.Add(seedBytes(1, 1, 1), 0, 0.0, 0)
	f.Fuzz(func(t *testing.T, b []byte, dist int, prom float64, wlen int) {
		x := floatsFromBytes(b)
		o := PeakOptions{MinDistance: dist % 50, MinProminence: math.Abs(prom), Wlen: wlen % 100}
		if o.MinDistance < 0 || o.Wlen < 0 || o.Wlen == 1 || math.IsNaN(o.MinProminence) {
			return
		}
		last := -1
		p := FindPeaks(x, o)
		for i, pk := range p {
			if pk.Index <= last || pk.Index <= 0 || pk.Index >= len(x)-1 {
				t.Fatalf("bad index %d after %d", pk.Index, last)
			}
			if i > 0 && o.MinDistance > 1 && pk.Index-p[i-1].Index < o.MinDistance {
				t.Fatalf("peaks %d and %d closer than %d", p[i-1].Index, pk.Index, o.MinDistance)
			}
			if !(pk.Prominence >= o.MinProminence) && !(math.IsNaN(pk.Prominence) && o.MinProminence == 0) {
				t.Fatalf("prominence %v below %v", pk.Prominence, o.MinProminence)
			}
			if pk.LeftBase > pk.Index || pk.RightBase < pk.Index {
				t.Fatalf("bases %d, %d around %d", pk.LeftBase, pk.RightBase, pk.Index)
			}
			last = pk.Index
		}
	})
}
