package spindlemqtt

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFrameRoundTrip(t *testing.T) {
	in := Frame{Seq: 7, Start: 7 * 4, Rate: 25600, Samples: []float32{0, -1.5, 3.25e-3, math.MaxFloat32}}
	b := AppendFrame(nil, &in)
	require.Len(t, b, frameHeader+4*len(in.Samples))
	var out Frame
	require.NoError(t, DecodeFrame(&out, b))
	assert.Equal(t, in, out)

	// The destination's storage is reused.
	p := &out.Samples[0]
	require.NoError(t, DecodeFrame(&out, b))
	assert.Same(t, p, &out.Samples[0])
}

func TestDecodeFrameErrors(t *testing.T) {
	good := AppendFrame(nil, &Frame{Seq: 3, Start: 30, Rate: 1000, Samples: []float32{1, 2, 3}})
	mod := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"short", good[:10], "10 bytes, shorter than the 32-byte header"},
		{"magic", mod(func(b []byte) []byte { b[0] = 'X'; return b }), `magic "XPF1"`},
		{"truncated", good[:len(good)-1], "frame 3: 43 bytes for 3 samples, want 44"},
		{"trailing", append(append([]byte(nil), good...), 0), "45 bytes for 3 samples"},
		{"zero rate", mod(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[20:], 0); return b }), "sample rate 0 Hz"},
		{"nan rate", mod(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[20:], math.Float64bits(math.NaN()))
			return b
		}), "sample rate NaN Hz"},
		{"no samples", mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[28:], 0); return b[:frameHeader] }), "0 samples"},
		{"huge count", mod(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[28:], math.MaxUint32); return b }), "4294967295 samples, need 1 to 1048576"},
		{"nan sample", mod(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[frameHeader+4:], math.Float32bits(float32(math.NaN())))
			return b
		}), "sample 1 (stream index 31) is NaN"},
		{"inf sample", mod(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[frameHeader+8:], math.Float32bits(float32(math.Inf(-1))))
			return b
		}), "sample 2 (stream index 32) is -Inf"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dst := Frame{Seq: 99}
			err := DecodeFrame(&dst, c.data)
			require.ErrorIs(t, err, ErrFrame)
			assert.Contains(t, err.Error(), c.want)
			assert.Equal(t, uint64(99), dst.Seq, "a failed decode leaves the header fields alone")
		})
	}
}

func FuzzDecodeFrame(f *testing.F) {
	f.Add(AppendFrame(nil, &Frame{Seq: 1, Start: 2, Rate: 25600, Samples: []float32{1, -1}}))
	f.Add([]byte("SPF1"))
	f.Add(append([]byte("SPF1"), make([]byte, 40)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fr Frame
		if err := DecodeFrame(&fr, data); err != nil {
			require.ErrorIs(t, err, ErrFrame)
			return
		}
		// A frame that decodes re-encodes to the same bytes.
		require.Equal(t, data, AppendFrame(nil, &fr))
		require.LessOrEqual(t, cap(fr.Samples), MaxFrameSamples)
	})
}
