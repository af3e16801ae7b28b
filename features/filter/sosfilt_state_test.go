package filter

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFilterStateRoundTrip is a property test: a stream processed in
// random chunks, the state saved after each and restored into a fresh
// Filter of the same design, gives bit for bit the output of one pass.
func TestFilterStateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	x := make([]float64, 6000)
	for i := range x {
		x[i] = math.Sin(float64(i)*0.05) + 0.3*r.NormFloat64()
	}
	for trial := range 30 {
		var sos SOS
		var err error
		switch trial % 3 {
		case 0:
			sos, err = ButterLowpass(1+r.IntN(8), 10+r.Float64()*400, 1000)
		case 1:
			sos, err = ButterHighpass(1+r.IntN(8), 10+r.Float64()*400, 1000)
		default:
			sos, err = ButterBandpass(1+r.IntN(4), 50, 200+r.Float64()*200, 1000)
		}
		require.NoError(t, err)
		want, err := sos.Apply(nil, x)
		require.NoError(t, err)
		got := make([]float64, 0, len(x))
		f := NewFilter(sos)
		var state []byte
		for rest := x; len(rest) > 0; {
			k := min(len(rest), 1+r.IntN(500))
			y, err := f.Process(nil, rest[:k])
			require.NoError(t, err)
			got = append(got, y...)
			rest = rest[k:]
			state, err = f.AppendBinary(state[:0])
			require.NoError(t, err)
			f = NewFilter(sos)
			f.SetSteady(3) // restore over a state that is not zero
			require.NoError(t, f.UnmarshalBinary(state), "trial %d", trial)
		}
		for i := range want {
			if math.Float64bits(want[i]) != math.Float64bits(got[i]) {
				t.Fatalf("trial %d: sample %d is %v, uninterrupted %v", trial, i, got[i], want[i])
			}
		}
	}
}

// TestFilterStateRejects checks that truncations, single-bit flips,
// another design and a zero Filter are refused with
// ErrState, leaving the receiver unchanged.
func TestFilterStateRejects(t *testing.T) {
	sos, err := ButterLowpass(4, 100, 1000)
	require.NoError(t, err)
	f := NewFilter(sos)
	_, err = f.Process(nil, []float64{1, 2, -1, 0.5})
	require.NoError(t, err)
	good, err := f.MarshalBinary()
	require.NoError(t, err)
	require.Len(t, good, 13+64*len(sos))
	before := append([][2]float64(nil), f.zi...)
	check := func(g *Filter, data []byte, what string) {
		t.Helper()
		old := append([][2]float64(nil), g.zi...)
		err := g.UnmarshalBinary(data)
		require.ErrorIs(t, err, ErrState, what)
		require.ErrorIs(t, err, ErrInput, what)
		require.Equal(t, old, g.zi, what)
	}
	for n := range len(good) {
		check(f, good[:n], "truncated")
	}
	for i := range 8 * len(good) {
		bad := append([]byte(nil), good...)
		bad[i/8] ^= 1 << (i % 8)
		check(f, bad, "bit flip")
	}
	other, err := ButterLowpass(4, 101, 1000)
	require.NoError(t, err)
	check(NewFilter(other), good, "other design")
	longer, err := ButterLowpass(6, 100, 1000)
	require.NoError(t, err)
	check(NewFilter(longer), good, "other order")
	check(new(Filter), good, "zero filter")
	require.Equal(t, before, f.zi)
	require.NoError(t, NewFilter(sos).UnmarshalBinary(good))
}

// TestFilterStateOverflow checks that a state overflowed by finite
// samples (large ones into a double integrator, 1/(1−z⁻¹)²) is saved and
// restored like any other.
func TestFilterStateOverflow(t *testing.T) {
	sos := SOS{{1, 0, 0, 1, -2, 1}}
	f := NewFilter(sos)
	x := make([]float64, 50)
	for i := range x {
		x[i] = 1e307
	}
	_, err := f.Process(nil, x)
	require.NoError(t, err)
	overflowed := false
	for _, z := range f.zi {
		for _, v := range z {
			overflowed = overflowed || math.IsInf(v, 0) || math.IsNaN(v)
		}
	}
	require.True(t, overflowed, "the test needs an overflowed state")
	b, _ := f.MarshalBinary()
	g := NewFilter(sos)
	require.NoError(t, g.UnmarshalBinary(b))
	back, _ := g.MarshalBinary()
	require.Equal(t, b, back)
}

// TestFilterStateAllocs checks that saving into a buffer with room and
// restoring allocate nothing.
func TestFilterStateAllocs(t *testing.T) {
	sos, err := ButterBandpass(4, 50, 150, 1000)
	require.NoError(t, err)
	f := NewFilter(sos)
	buf := make([]byte, 0, 13+64*len(sos))
	allocs := testing.AllocsPerRun(100, func() {
		b, _ := f.AppendBinary(buf[:0])
		if f.UnmarshalBinary(b) != nil {
			t.Fatal("restore failed")
		}
	})
	require.Zero(t, allocs)
}

// FuzzFilterUnmarshal: whatever a Filter of the seed design accepts, it
// then filters a chunk without panicking and saves back the same bytes;
// whatever it rejects wraps ErrState.
func FuzzFilterUnmarshal(f *testing.F) {
	sos, err := ButterLowpass(4, 100, 1000)
	if err != nil {
		f.Fatal(err)
	}
	g := NewFilter(sos)
	s0, _ := g.MarshalBinary()
	f.Add(s0)
	_, _ = g.Process(nil, []float64{1, -3, 2, 0.5, 7})
	s1, _ := g.MarshalBinary()
	f.Add(s1)
	f.Fuzz(func(t *testing.T, data []byte) {
		g := NewFilter(sos)
		if err := g.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error %v does not wrap ErrState", err)
			}
			return
		}
		back, _ := g.MarshalBinary()
		if string(back) != string(data) {
			t.Fatal("accepted state does not save back to the same bytes")
		}
		if _, err := g.Process(nil, []float64{0.5, -1, 2, 3}); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkFilterState saves and restores an order-8 band-pass Filter
// (8 sections, 525 bytes).
func BenchmarkFilterState(b *testing.B) {
	sos, err := ButterBandpass(8, 50, 150, 1000)
	if err != nil {
		b.Fatal(err)
	}
	f := NewFilter(sos)
	buf, _ := f.MarshalBinary()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf, _ = f.AppendBinary(buf[:0])
		if f.UnmarshalBinary(buf) != nil {
			b.Fatal("restore failed")
		}
	}
}
