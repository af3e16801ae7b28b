package datasets

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"runtime"
	"testing"

	gowav "github.com/mjibson/go-dsp/wav"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wavBytes assembles a RIFF WAVE file from a fmt body and data, with the
// data chunk's size field set to dataSize (len(data) when negative).
func wavBytes(fmtBody []byte, data []byte, dataSize int64, extra ...[]byte) []byte {
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(0)) // RIFF size is not trusted
	b.WriteString("WAVE")
	for _, e := range extra {
		b.Write(e)
	}
	if fmtBody != nil {
		b.WriteString("fmt ")
		binary.Write(&b, binary.LittleEndian, uint32(len(fmtBody)))
		b.Write(fmtBody)
	}
	if dataSize < 0 {
		dataSize = int64(len(data))
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(dataSize))
	b.Write(data)
	return b.Bytes()
}

// fmtBody builds a 16-byte fmt chunk body.
func fmtBody(tag, chans uint16, rate uint32, bits uint16) []byte {
	align := chans * bits / 8
	var b bytes.Buffer
	for _, v := range []any{tag, chans, rate, rate * uint32(align), align, bits} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	return b.Bytes()
}

func TestWAVFixtures(t *testing.T) {
	raw, err := os.ReadFile("testdata/wav/expected.json")
	require.NoError(t, err)
	var want map[string]struct {
		Rate     float64     `json:"rate"`
		Channels [][]float64 `json:"channels"`
	}
	require.NoError(t, json.Unmarshal(raw, &want))
	require.Len(t, want, 7)
	infos := map[string]WAVInfo{
		"pcm8_mono.wav":           {Channels: 1, Bits: 8, ValidBits: 8},
		"pcm16_stereo.wav":        {Channels: 2, Bits: 16, ValidBits: 16},
		"pcm24_mono.wav":          {Channels: 1, Bits: 24, ValidBits: 24},
		"pcm32_stereo.wav":        {Channels: 2, Bits: 32, ValidBits: 32},
		"float32_stereo.wav":      {Channels: 2, Bits: 32, ValidBits: 32, Float: true},
		"float64_mono.wav":        {Channels: 1, Bits: 64, ValidBits: 64, Float: true},
		"extensible24_stereo.wav": {Channels: 2, Bits: 24, ValidBits: 24},
	}
	fsys := os.DirFS("testdata/wav")
	for name, w := range want {
		chans, info, err := LoadWAV(fsys, name)
		require.NoError(t, err, name)
		wi := infos[name]
		wi.SampleRate = w.Rate
		wi.Frames = len(w.Channels[0])
		assert.Equal(t, wi, info, name)
		require.Equal(t, w.Channels, chans, name)
		for _, c := range chans {
			for _, v := range c {
				require.True(t, v >= -1 && v <= 1, "%s: %v outside [-1, 1]", name, v)
			}
		}
	}
}

func TestWAVHostileHeaders(t *testing.T) {
	pcm16 := fmtBody(1, 1, 8000, 16)
	ext := func(guidByte byte) []byte {
		b := append(fmtBody(0xFFFE, 1, 8000, 16), 22, 0, 16, 0, 0, 0, 0, 0, 1, 0)
		tail := append([]byte(nil), wavGUIDTail...)
		tail[0] = guidByte
		return append(b, tail...)
	}
	bigFmt := []byte("RIFF\x00\x00\x00\x00WAVEfmt \xff\xff\xff\xff")
	cases := []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "ends inside the RIFF header"},
		{"not riff", []byte("OggS0000WAVE"), "not a RIFF file"},
		{"rf64", []byte("RF64\xff\xff\xff\xffWAVE"), "RF64 files are not supported"},
		{"not wave", []byte("RIFF\x00\x00\x00\x00AVI "), "not WAVE"},
		{"no fmt", []byte("RIFF\x00\x00\x00\x00WAVE"), "no fmt chunk"},
		{"no data", append([]byte("RIFF\x00\x00\x00\x00WAVEfmt \x10\x00\x00\x00"), pcm16...), "no data chunk"},
		{"data first", wavBytes(nil, []byte{0, 0}, -1), "data chunk before the fmt chunk"},
		{"huge fmt", bigFmt, "fmt chunk size 4294967295 out of range"},
		{"short fmt", wavBytes(pcm16[:14], nil, 0), "fmt chunk size 14"},
		{"zero bits", wavBytes(fmtBody(1, 1, 8000, 0), []byte{0, 0}, -1), "unsupported PCM sample size 0"},
		{"12 bits", wavBytes(fmtBody(1, 1, 8000, 12), []byte{0, 0}, -1), "unsupported PCM sample size 12"},
		{"float16", wavBytes(fmtBody(3, 1, 8000, 16), []byte{0, 0}, -1), "unsupported float sample size 16"},
		{"adpcm", wavBytes(fmtBody(2, 1, 8000, 4), []byte{0, 0}, -1), "unsupported format tag 0x0002"},
		{"zero channels", wavBytes(fmtBody(1, 0, 8000, 16), []byte{0, 0}, -1), "channel count 0"},
		{"many channels", wavBytes(fmtBody(1, 5000, 8000, 8), make([]byte, 5000), -1), "channel count 5000"},
		{"zero rate", wavBytes(fmtBody(1, 1, 0, 16), []byte{0, 0}, -1), "sample rate 0"},
		{"bad align", wavBytes(func() []byte { b := fmtBody(1, 2, 8000, 16); b[12] = 3; return b }(), []byte{0, 0}, -1), "block align 3, want 4"},
		{"bad guid", wavBytes(ext(9), []byte{0, 0}, -1), "subformat GUID"},
		{"ext short", wavBytes(fmtBody(0xFFFE, 1, 8000, 16), []byte{0, 0}, -1), "EXTENSIBLE fmt chunk too short"},
		{"partial frame", wavBytes(pcm16, []byte{0, 0, 0}, -1), "not a whole number of 2-byte frames"},
		{"empty data", wavBytes(pcm16, nil, -1), "empty data chunk"},
		{"truncated data", wavBytes(pcm16, []byte{0, 0, 0, 0}, 100), "file ends inside the data chunk (it claims 100 bytes)"},
		{"4 GB claim", wavBytes(pcm16, []byte{0, 0, 0, 0}, 0xFFFFFFFE), "input exceeds the size limit: data chunk of 4294967294 bytes"},
		{"truncated chunk", append(wavBytes(pcm16, nil, 0)[:36], 'L', 'I'), "file ends inside a chunk header"},
		{"skipped chunk truncated", append(append([]byte("RIFF\x00\x00\x00\x00WAVEfmt \x10\x00\x00\x00"), pcm16...), "LIST\x00\x00\x01\x00abc"...), `file ends inside the "LIST" chunk`},
		{"nan float", wavBytes(fmtBody(3, 2, 8000, 32), []byte{0, 0, 0, 0, 0, 0, 0xc0, 0x7f}, -1), "non-finite value at frame 0, channel 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d WAVDecoder
			chans, _, err := d.Decode(bytes.NewReader(c.data), "h.wav")
			assert.Nil(t, chans)
			var we *WAVError
			require.ErrorAs(t, err, &we)
			assert.Equal(t, "h.wav", we.File)
			assert.ErrorContains(t, err, c.msg)
		})
	}
	d := WAVDecoder{AllowNonFinite: true}
	chans, _, err := d.Decode(bytes.NewReader(cases[len(cases)-1].data), "nan.wav")
	require.NoError(t, err)
	assert.True(t, math.IsNaN(chans[1][0]))
	// The NaN error points at the sample's byte offset (44 + 4).
	_, _, err = new(WAVDecoder).Decode(bytes.NewReader(cases[len(cases)-1].data), "nan.wav")
	var we *WAVError
	require.ErrorAs(t, err, &we)
	assert.Equal(t, int64(48), we.Offset)
	assert.ErrorIs(t, err, ErrNonFinite)
}

// TestWAVClaimDoesNotAllocate raises the data limit far above a header's
// 4 GB claim: memory must follow the few bytes actually present.
func TestWAVClaimDoesNotAllocate(t *testing.T) {
	data := wavBytes(fmtBody(1, 1, 8000, 8), make([]byte, 100), 0xFFFFFFFE)
	d := WAVDecoder{MaxDataBytes: 1 << 40}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := d.Decode(bytes.NewReader(data), "claim.wav")
	runtime.ReadMemStats(&after)
	assert.ErrorContains(t, err, "file ends inside the data chunk")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(2<<20), "bytes allocated")
}

// TestGoDSPWavPanicsOnHostileHeader documents why the package has its own
// reader: go-dsp's wav.New divides by the header's bits per sample and
// panics on a 44-byte file declaring 0 bits, where WAVDecoder returns an
// error (go-dsp also allocates a fmt chunk of whatever size the header
// claims, and reads neither 24-bit PCM nor WAVE_FORMAT_EXTENSIBLE).
func TestGoDSPWavPanicsOnHostileHeader(t *testing.T) {
	data := wavBytes(fmtBody(1, 1, 8000, 0), []byte{0, 0}, -1)
	assert.Panics(t, func() { _, _ = gowav.New(bytes.NewReader(data)) })
	_, _, err := new(WAVDecoder).Decode(bytes.NewReader(data), "zero-bits.wav")
	assert.ErrorContains(t, err, "unsupported PCM sample size 0")
}

func TestWAVSampleScaling(t *testing.T) {
	cases := []struct {
		p     []byte
		bits  int
		float bool
		want  float64
	}{
		{[]byte{0}, 8, false, -1},
		{[]byte{128}, 8, false, 0},
		{[]byte{255}, 8, false, 127.0 / 128},
		{[]byte{0x00, 0x80}, 16, false, -1},
		{[]byte{0xff, 0x7f}, 16, false, 32767.0 / 32768},
		{[]byte{0x00, 0x00, 0x80}, 24, false, -1},
		{[]byte{0xff, 0xff, 0xff}, 24, false, -1.0 / (1 << 23)},
		{[]byte{0xff, 0xff, 0x7f}, 24, false, (1<<23 - 1.0) / (1 << 23)},
		{[]byte{0, 0, 0, 0x80}, 32, false, -1},
		{[]byte{0, 0, 0x80, 0x3f}, 32, true, 1},
		{[]byte{0, 0, 0, 0, 0, 0, 0xe0, 0xbf}, 64, true, -0.5},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, wavSample(c.p, c.bits, c.float), "%v", c.p)
	}
}
