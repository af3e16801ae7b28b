package features

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMomentsStateRoundTrip is a property test: data added in random
// chunks (Add or AddSlice), the state saved after each chunk and restored
// into a fresh Moments, gives bit for bit the state and features of an
// uninterrupted accumulator fed the same chunks, NaN faults included.
func TestMomentsStateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	x := make([]float64, 5000)
	for trial := range 40 {
		for i := range x {
			x[i] = 1e3*float64(trial%3) + r.NormFloat64()
			if trial%4 == 3 && r.IntN(2000) == 0 {
				x[i] = math.Inf(1)
			}
		}
		var ref, m Moments
		var state, want []byte
		for rest := x; len(rest) > 0; {
			k := min(len(rest), 1+r.IntN(700))
			for _, mm := range []*Moments{&ref, &m} {
				if k == 1 {
					mm.Add(rest[0])
				} else {
					mm.AddSlice(rest[:k])
				}
			}
			rest = rest[k:]
			var err error
			state, err = m.AppendBinary(state[:0])
			require.NoError(t, err)
			m = Moments{n: 99, mean: 7} // restore over a used accumulator
			require.NoError(t, m.UnmarshalBinary(state), "trial %d", trial)
		}
		want, _ = ref.MarshalBinary()
		got, _ := m.MarshalBinary()
		require.Equal(t, want, got, "trial %d", trial)
		fw, errW := ref.Features()
		fg, errG := m.Features()
		require.Equal(t, featureBits(fw), featureBits(fg), "trial %d", trial)
		require.Equal(t, errW == nil, errG == nil)
	}
}

// TestMomentsStateRejects checks that every truncation, every single-bit
// flip and states that pass the checksum but break an invariant are
// rejected with ErrState and leave the receiver unchanged.
func TestMomentsStateRejects(t *testing.T) {
	var m Moments
	m.AddSlice([]float64{1, 2, 3, 4.5, -2})
	good, err := m.MarshalBinary()
	require.NoError(t, err)
	require.Len(t, good, momentsSize)
	before := m
	check := func(data []byte, what string) {
		t.Helper()
		err := m.UnmarshalBinary(data)
		require.ErrorIs(t, err, ErrState, what)
		require.ErrorIs(t, err, ErrInput, what)
		require.Equal(t, before, m, what)
	}
	for n := range len(good) {
		check(good[:n], "truncated")
	}
	for i := range 8 * len(good) {
		bad := append([]byte(nil), good...)
		bad[i/8] ^= 1 << (i % 8)
		check(bad, "bit flip")
	}
	resealed := func(edit func(s *Moments)) []byte {
		s := before
		edit(&s)
		b, _ := s.MarshalBinary()
		return b
	}
	for name, edit := range map[string]func(*Moments){
		"negative count":  func(s *Moments) { s.n = -1 },
		"NaN min":         func(s *Moments) { s.min = math.NaN() },
		"Inf max":         func(s *Moments) { s.max = math.Inf(1) },
		"Inf Σ√|x|":       func(s *Moments) { s.sumSqr = math.Inf(1) },
		"min above max":   func(s *Moments) { s.min, s.max = 3, 1 },
		"negative Σ|x|":   func(s *Moments) { s.sumAbs = -1 },
		"bad beyond n":    func(s *Moments) { s.bad, s.badVal = s.n+1, math.NaN() },
		"finite bad":      func(s *Moments) { s.bad, s.badVal = 1, 2 },
		"stray bad value": func(s *Moments) { s.badVal = math.NaN() },
		"empty with sums": func(s *Moments) { s.n = 0 },
	} {
		check(resealed(edit), name)
	}
	bad := append([]byte(nil), good...)
	bad[4] = 2
	require.ErrorIs(t, m.UnmarshalBinary(bad), ErrState)
	// A good state still restores, and the zero state too.
	require.NoError(t, m.UnmarshalBinary(good))
	require.Equal(t, before, m)
	zero, _ := (&Moments{}).MarshalBinary()
	require.NoError(t, m.UnmarshalBinary(zero))
	require.Equal(t, Moments{}, m)
}

// TestMomentsStateOverflow checks that a state whose sums overflowed on
// finite samples near the float64 range (M4 = +Inf, M3 = NaN) is saved
// and restored like any other: the accumulator reaches it.
func TestMomentsStateOverflow(t *testing.T) {
	var m Moments
	m.AddSlice([]float64{1e300, -1e300, 1e308, -1e308, 5})
	m.Add(1e308)
	require.True(t, math.IsInf(m.m4, 1) || math.IsNaN(m.m4), "M4 %v: the test needs an overflow", m.m4)
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	var r Moments
	require.NoError(t, r.UnmarshalBinary(b))
	back, _ := r.MarshalBinary()
	require.Equal(t, b, back)
}

// TestMomentsStateAllocs checks that saving into a buffer with room and
// restoring allocate nothing.
func TestMomentsStateAllocs(t *testing.T) {
	var m Moments
	m.AddSlice([]float64{1, 2, 3})
	buf := make([]byte, 0, momentsSize)
	allocs := testing.AllocsPerRun(100, func() {
		b, _ := m.AppendBinary(buf[:0])
		if m.UnmarshalBinary(b) != nil {
			t.Fatal("restore failed")
		}
	})
	require.Zero(t, allocs)
}

// FuzzMomentsUnmarshal: whatever UnmarshalBinary accepts, the accumulator
// takes more samples and reports features without panicking, and saves the
// same bytes back; whatever it rejects wraps ErrState.
func FuzzMomentsUnmarshal(f *testing.F) {
	var m Moments
	s0, _ := m.MarshalBinary()
	f.Add(s0)
	m.AddSlice([]float64{1, -2, 3.5, 0.25})
	s1, _ := m.MarshalBinary()
	f.Add(s1)
	m.Add(math.NaN())
	s2, _ := m.MarshalBinary()
	f.Add(s2)
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Moments
		if err := m.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error %v does not wrap ErrState", err)
			}
			return
		}
		back, _ := m.MarshalBinary()
		if string(back) != string(data) {
			t.Fatal("accepted state does not save back to the same bytes")
		}
		m.AddSlice([]float64{0.5, -1, 2})
		m.Add(3)
		_, _ = m.Features()
		_ = m.Err()
	})
}

// BenchmarkMomentsState saves and restores a Moments (105 bytes).
func BenchmarkMomentsState(b *testing.B) {
	var m Moments
	m.AddSlice([]float64{1, 2, 3, 4})
	buf := make([]byte, 0, momentsSize)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf, _ = m.AppendBinary(buf[:0])
		if m.UnmarshalBinary(buf) != nil {
			b.Fatal("restore failed")
		}
	}
}
