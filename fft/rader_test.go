package fft

import (
	"fmt"
	"math/cmplx"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for f := 2; f*f <= n; f++ {
		if n%f == 0 {
			return false
		}
	}
	return true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestPrimitiveRoot checks that the root's powers visit every nonzero
// residue once.
func TestPrimitiveRoot(t *testing.T) {
	for p := 3; p < 3000; p += 2 {
		if !isPrime(p) {
			continue
		}
		g := primitiveRoot(p)
		seen := make([]bool, p)
		for v, a := 0, 1; v < p-1; v, a = v+1, a*g%p {
			require.False(t, seen[a], "p=%d g=%d repeats %d", p, g, a)
			seen[a] = true
		}
	}
	assert.Equal(t, 3, primitiveRoot(65537))
	assert.Equal(t, 1, powMod(3, 65536, 65537))
}

// raderLengths are lengths with prime factors above maxOddRadix: primes
// with a smooth and with a rough p-1 (cyclic and zero-padded Rader),
// products with small factors, a square of such a prime (a Rader pass with
// twiddles), two such primes, with and without a small factor before
// them (a Rader pass with both stride and twiddles), and a large prime
// after small factors (long runs in the batched gather and scatter).
var raderLengths = []int{37, 97, 257, 1009, 1019, 2039, 10007, 65537, 120003, 2 * 40009, 37 * 37, 37 * 41, 2 * 37 * 41, 3 * 1019, 4 * 257, 4 * 7 * 4271}

// TestRaderMatchesDFT checks every length in raderLengths, whichever
// algorithm the planner picks, and reports the picks.
func TestRaderMatchesDFT(t *testing.T) {
	for _, n := range raderLengths {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			radices, blue, _ := choosePlan(n)
			t.Logf("n=%d: radices %v, Bluestein %v", n, radices, blue)
			checkForward(t, must(NewPlan(n)).Forward, n)
			p := must(NewPlan(n))
			x := randComplex(n, 2)
			back := p.Inverse(nil, p.Forward(nil, x))
			assert.Less(t, l2(sub(back, x))/l2(x), 1e-12, "round trip")
		})
	}
}

// TestRaderRealPlans checks real transforms whose complex plan has a Rader
// pass or uses Bluestein (odd n directly, even n through the half length)
// against the complex transform of the same data, and their round trip.
func TestRaderRealPlans(t *testing.T) {
	for _, n := range []int{37, 74, 1019, 2038, 65537, 2 * 65537, 120003} {
		x := randReal(n, 6)
		want := must(NewPlan(n)).Forward(nil, widen(x))
		rp := must(NewRealPlan(n))
		got := rp.Forward(nil, x)
		scale := l2(widen(x))
		for k, v := range got {
			require.InDelta(t, 0, cmplx.Abs(v-want[k])/scale, 1e-14, "n=%d bin %d", n, k)
		}
		back := rp.Inverse(nil, got)
		assert.Less(t, l2(sub(widen(back), widen(x)))/scale, 1e-12, "n=%d round trip", n)
	}
}

// TestPlannerChoices pins the planner's choice for lengths whose speed
// depends on it: Rader where p-1 is smooth, Bluestein where it is rough.
func TestPlannerChoices(t *testing.T) {
	for n, want := range map[int][]int{65537: {65537}, 120003: {3, 13, 17, 181}, 4 * 257: {4, 257}} {
		radices, blue, _ := choosePlan(n)
		assert.False(t, blue, "n=%d", n)
		assert.Equal(t, want, radices, "n=%d", n)
	}
	for _, n := range []int{40009, 2 * 40009} {
		_, blue, _ := choosePlan(n)
		assert.True(t, blue, "n=%d", n)
	}
	for _, p := range []int{97, 257, 65537} {
		m, _ := raderLength(p)
		assert.Equal(t, p-1, m, "p=%d: cyclic convolution", p)
	}
}

// TestRaderConvolutions runs single Rader passes with the cyclic and with
// zero-padded convolution lengths, whatever the planner would choose.
func TestRaderConvolutions(t *testing.T) {
	for _, p := range []int{37, 97, 257, 1019, 65537} {
		for _, m := range []int{p - 1, smoothLength(2*p - 3), 2*p - 3 + 7} {
			g := &stage{r: p, s: 1, m: 1, rader: newRader(p, m)}
			work := make([]complex128, g.workLen())
			checkForward(t, func(dst, src []complex128) []complex128 {
				g.apply(dst, src, work)
				return dst
			}, p)
		}
	}
}

// checkForward compares forward(dst, x) with the direct DFT at some bins.
func checkForward(t *testing.T, forward func(dst, src []complex128) []complex128, n int) {
	t.Helper()
	x := randComplex(n, uint64(n))
	bins := someBins(n, n)
	got := forward(make([]complex128, n), x)
	want := refDFT(x, bins, -1)
	for i, k := range bins {
		require.InDelta(t, 0, cmplx.Abs(got[k]-want[i])/l2(x), dftTol(n), "n=%d bin %d", n, k)
	}
}

// TestBluesteinMatchesDFT checks the Bluestein transform directly, as the
// planner now rarely picks it.
func TestBluesteinMatchesDFT(t *testing.T) {
	for _, n := range []int{1, 2, 37, 97, 1009, 3 * 1019} {
		b := newBluestein(n)
		work := make([]complex128, b.workLen())
		checkForward(t, func(dst, src []complex128) []complex128 {
			b.exec(dst, src, work)
			return dst
		}, n)
	}
}

func sub(a, b []complex128) []complex128 {
	d := make([]complex128, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return d
}

// TestRaderBlocks runs Rader passes whose transforms are gathered in
// several blocks (see rader.block): uneven blocks (35 transforms of 1019
// in blocks of 12, 12 and 11), one transform per block (p = 65537 with a
// stride of 3), and a Rader pass with twiddles (37 after a radix 4).
func TestRaderBlocks(t *testing.T) {
	for _, n := range []int{5 * 7 * 1019, 3 * 65537, 4 * 37 * 1019} {
		p := must(NewPlan(n))
		checkForward(t, p.Forward, n)
	}
	rd := newRader(1019, smoothLength(2*1019-3))
	assert.Equal(t, 12, rd.block(35))
	assert.Equal(t, 1, newRader(65537, 65536).block(3))
}

// TestRaderScratchBounded checks that a Rader pass with many transforms
// per block (2184 of length 373, padded to 768) keeps its scratch to about
// raderBlockBytes instead of one column per transform (27 MB here).
func TestRaderScratchBounded(t *testing.T) {
	n := 8 * 3 * 7 * 13 * 373
	p := must(NewPlan(n))
	extra := (p.work - n) * 16
	assert.LessOrEqual(t, extra, 2*raderBlockBytes, "n=%d: bytes of Rader scratch beyond the ping-pong buffer", n)
	checkForward(t, p.Forward, n)
}

// TestPadConv checks the padded convolution against a direct circular
// convolution, for inputs filling half the length and all of it (Rader's
// cyclic case).
func TestPadConv(t *testing.T) {
	for _, c := range []struct{ m, nin int }{{1, 1}, {2, 1}, {8, 4}, {30, 15}, {97, 49}, {250, 125}, {12, 12}, {36, 36}} {
		m := c.m
		k := randComplex(m, 5)
		x := randComplex(c.nin, 6)
		var sum complex128
		for _, v := range x {
			sum += v
		}
		scaled := make([]complex128, m)
		for i, v := range k {
			scaled[i] = v / complex(float64(m), 0)
		}
		pc := newPadConv(scaled)
		buf := make([]complex128, m)
		copy(buf, x)
		dc := pc.run(buf, len(x), make([]complex128, pc.workLen()))
		require.InDelta(t, 0, cmplx.Abs(dc-sum), 1e-12, "m=%d: first bin", m)
		for j := range m {
			var want complex128
			for i, v := range x {
				want += v * k[((j-i)%m+m)%m]
			}
			got := complex(real(buf[j]), -imag(buf[j]))
			require.InDelta(t, 0, cmplx.Abs(got-want), 1e-12*float64(m), "m=%d: output %d", m, j)
		}
	}
}
