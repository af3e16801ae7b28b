package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/stretchr/testify/require"
)

// The tests write their fixtures into t.TempDir(): synthetic outer-race
// fault signals (datasets.SimulateBearing) in each supported format, long
// enough for the diagnoser (≥ 4096 samples, ≥ 20 shaft revolutions).
// Nothing is copied from the real data sets.

// outerRace simulates seconds of an outer-race fault of bearing b at rpm,
// sampled at rate Hz: impacts at BPFO (1 % jitter) ringing a resonance at
// rate/4, shaft harmonics, noise at 6 dB SNR.
func outerRace(t testing.TB, b features.Bearing, rpm, rate, seconds float64, seed uint64) []float64 {
	t.Helper()
	df, err := b.DefectFrequencies(rpm / 60)
	require.NoError(t, err)
	x, _, err := datasets.SimulateBearing(datasets.BearingSim{
		SampleRate: rate, Duration: seconds,
		DefectFreq: df.BPFO, Jitter: 0.01, ImpactAmp: 1,
		Resonances:     []datasets.Resonance{{Freq: rate / 4, Damping: 0.05}},
		ShaftFreq:      rpm / 60,
		ShaftHarmonics: []float64{0.05, 0.02},
		SNR:            6, Seed: seed,
	})
	require.NoError(t, err)
	return x
}

// catalogBearing returns a catalogued bearing.
func catalogBearing(t testing.TB, name string) features.Bearing {
	t.Helper()
	b, ok := lookupBearing(name)
	require.True(t, ok, name)
	return b
}

// writeFile writes data to dir/name, creating folders, and returns the path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// MAT-file Level 5 writer: just enough for CWRU- and MFPT-shaped files.
const (
	miINT8, miUINT16, miINT32, miUINT32, miDOUBLE, miMATRIX = 1, 4, 5, 6, 9, 14
	mxSTRUCT, mxDOUBLE                                      = 2, 6
)

// matElement is a tagged data element, padded to 8 bytes.
func matElement(typ uint32, data []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, typ)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	return append(b, make([]byte, (8-len(data)%8)%8)...)
}

// matSmall is a small data element (at most 4 bytes in the tag's word),
// the form in which CWRU files store their RPM.
func matSmall(typ uint16, data []byte) []byte {
	b := binary.LittleEndian.AppendUint16(nil, typ)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(data)))
	return append(b, append(data, make([]byte, 4-len(data))...)...)
}

// matArray is a miMATRIX element of the given class, dims and name.
func matArray(name string, class uint32, dims []int32, body ...[]byte) []byte {
	flags := binary.LittleEndian.AppendUint32(nil, class)
	flags = binary.LittleEndian.AppendUint32(flags, 0)
	d := []byte{}
	for _, v := range dims {
		d = binary.LittleEndian.AppendUint32(d, uint32(v))
	}
	b := append(matElement(miUINT32, flags), matElement(miINT32, d)...)
	b = append(b, matElement(miINT8, []byte(name))...)
	return matElement(miMATRIX, append(b, bytes.Join(body, nil)...))
}

// matColumn is a double column vector.
func matColumn(name string, x []float64) []byte {
	data := make([]byte, 0, 8*len(x))
	for _, v := range x {
		data = binary.LittleEndian.AppendUint64(data, math.Float64bits(v))
	}
	return matArray(name, mxDOUBLE, []int32{int32(len(x)), 1}, matElement(miDOUBLE, data))
}

// matScalar is a double scalar.
func matScalar(name string, v float64) []byte { return matColumn(name, []float64{v}) }

// matRPM is a double scalar stored as miUINT16 in a small element, as
// CWRU's X###RPM variables are.
func matRPM(name string, rpm uint16) []byte {
	return matArray(name, mxDOUBLE, []int32{1, 1}, matSmall(miUINT16, binary.LittleEndian.AppendUint16(nil, rpm)))
}

// matStruct is a 1×1 struct whose fields are the given unnamed arrays.
func matStruct(name string, fields []string, values ...[]byte) []byte {
	const width = 32
	names := make([]byte, width*len(fields))
	for i, f := range fields {
		copy(names[i*width:], f)
	}
	body := [][]byte{matSmall(miINT32, binary.LittleEndian.AppendUint32(nil, width)), matElement(miINT8, names)}
	return matArray(name, mxSTRUCT, []int32{1, 1}, append(body, values...)...)
}

// matFile is a little-endian Level 5 MAT-file holding elems.
func matFile(elems ...[]byte) []byte {
	text := fmt.Sprintf("%-116s", "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: spindle diagnose test fixture")
	b := append([]byte(text), make([]byte, 8)...)
	b = binary.LittleEndian.AppendUint16(b, 0x0100)
	b = append(b, 'I', 'M')
	return append(b, bytes.Join(elems, nil)...)
}

// wavPCM16 is a 16-bit PCM WAV file of the given channels, each scaled by
// the largest magnitude of all so that nothing clips.
func wavPCM16(rate int, chans ...[]float64) []byte {
	peak := 0.0
	for _, c := range chans {
		for _, v := range c {
			peak = math.Max(peak, math.Abs(v))
		}
	}
	n, nc := len(chans[0]), len(chans)
	data := make([]byte, 0, 2*n*nc)
	for i := 0; i < n; i++ {
		for _, c := range chans {
			data = binary.LittleEndian.AppendUint16(data, uint16(int16(math.Round(c[i]/peak*30000))))
		}
	}
	le32 := binary.LittleEndian.AppendUint32
	le16 := binary.LittleEndian.AppendUint16
	b := append([]byte("RIFF"), le32(nil, uint32(36+len(data)))...)
	b = append(b, "WAVEfmt "...)
	b = le32(b, 16)
	b = le16(b, 1)
	b = le16(b, uint16(nc))
	b = le32(b, uint32(rate))
	b = le32(b, uint32(rate*2*nc))
	b = le16(b, uint16(2*nc))
	b = le16(b, 16)
	b = append(b, "data"...)
	b = le32(b, uint32(len(data)))
	return append(b, data...)
}

// delimited joins rows of columns into text with sep, values with %.6g.
func delimited(header []string, sep string, cols ...[]float64) []byte {
	var sb strings.Builder
	if header != nil {
		sb.WriteString(strings.Join(header, sep) + "\n")
	}
	for i := range cols[0] {
		for j, c := range cols {
			if j > 0 {
				sb.WriteString(sep)
			}
			fmt.Fprintf(&sb, "%.6g", c[i])
		}
		sb.WriteByte('\n')
	}
	return []byte(sb.String())
}

// fixtures are the paths of the generated files, one per case.
type fixtures struct {
	cwru, cwruOdd, cwruFEOnly, mfpt, noVars, corrupt string
	ims, femto, femtoTemp, xjtu, csv, csvNoTime, wav string
	unknown, empty, words, timeOnly                  string
	dir                                              string
}

// makeFixtures writes every fixture into a new temporary folder.
func makeFixtures(t testing.TB) *fixtures {
	t.Helper()
	dir := t.TempDir()
	f := &fixtures{dir: dir}
	de := catalogBearing(t, "6205-2RS")

	// CWRU record 130 (outer race, 0 hp): 1 s at the catalogue's 12 kHz,
	// with its RPM stored as miUINT16 like the originals.
	x := outerRace(t, de, 1796, 12000, 1, 1)
	fe := outerRace(t, catalogBearing(t, "6203-2RS"), 1796, 12000, 1, 2)
	f.cwru = writeFile(t, dir, "cwru/130.mat", matFile(
		matColumn("X130_DE_time", x), matColumn("X130_FE_time", fe), matRPM("X130RPM", 1796)))
	// A CWRU-shaped file not named after a catalogued record: no rate.
	f.cwruOdd = writeFile(t, dir, "cwru/rig7.mat", matFile(matColumn("X999_DE_time", x), matRPM("X999RPM", 1796)))
	// A CWRU-shaped file with only a fan-end channel.
	f.cwruFEOnly = writeFile(t, dir, "cwru/131.mat", matFile(matColumn("X131_FE_time", fe)))

	// MFPT: struct bearing{sr, gs, load, rate} at 48 828 Hz, 25 Hz shaft.
	m := outerRace(t, catalogBearing(t, "MFPT"), 1500, 48828, 1, 3)
	f.mfpt = writeFile(t, dir, "mfpt/OuterRaceFault_test.mat", matFile(matStruct("bearing",
		[]string{"sr", "gs", "load", "rate"},
		matScalar("", 48828), matColumn("", m), matScalar("", 270), matScalar("", 25))))
	f.noVars = writeFile(t, dir, "bad/other.mat", matFile(matScalar("answer", 42)))
	f.corrupt = writeFile(t, dir, "bad/corrupt.mat", matFile(matColumn("X130_DE_time", x))[:700])

	// IMS: four tab-separated channels, one second at 20 kHz, 2000 rpm;
	// the fault on channel 3.
	za := catalogBearing(t, "ZA-2115")
	quiet := func(seed uint64) []float64 {
		y := outerRace(t, za, 2000, 20000, 1.024, seed)
		for i := range y {
			y[i] *= 1e-3
		}
		return y
	}
	f.ims = writeFile(t, dir, "ims/2004.02.12.10.32.39", delimited(nil, "\t",
		quiet(4), quiet(5), outerRace(t, za, 2000, 20000, 1.024, 6), quiet(7)))

	// FEMTO: acc file of condition 2 (1650 rpm), 0.1 s at 25.6 kHz.
	h := outerRace(t, *mustBearing("PRONOSTIA"), 1650, 25600, 0.1, 8)
	clock := func(v float64) []float64 {
		c := make([]float64, len(h))
		for i := range c {
			c[i] = v
		}
		return c
	}
	us := make([]float64, len(h))
	for i := range us {
		us[i] = float64(i) * 39.0625
	}
	f.femto = writeFile(t, dir, "femto/Bearing2_1/acc_00001.csv",
		delimited(nil, ",", clock(9), clock(39), clock(39), us, h, h))
	f.femtoTemp = writeFile(t, dir, "femto/Bearing2_1/temp_00001.csv", []byte("9,39,39,1,75.5\n"))

	// XJTU-SY: condition 35Hz12kN (2100 rpm), 1.28 s at 25.6 kHz.
	xj := outerRace(t, catalogBearing(t, "UER204"), 2100, 25600, 1.28, 9)
	f.xjtu = writeFile(t, dir, "xjtu/35Hz12kN/Bearing1_1/1.csv",
		delimited(strings.Split(xjtuHeader, ","), ",", xj, xj))

	// Generic CSV: time in seconds, then two channels; and one without a
	// time column.
	c := outerRace(t, de, 1750, 10000, 1, 10)
	tm := make([]float64, len(c))
	for i := range tm {
		tm[i] = float64(i) / 10000
	}
	f.csv = writeFile(t, dir, "csv/probe.csv", delimited([]string{"time", "accel_x", "accel_y"}, ",", tm, c, c))
	f.csvNoTime = writeFile(t, dir, "csv/notime.csv", delimited([]string{"accel"}, ",", c))

	// WAV: stereo 16-bit, the fault on channel 1.
	w := outerRace(t, de, 1750, 16000, 1, 11)
	f.wav = writeFile(t, dir, "wav/probe.wav", wavPCM16(16000, w, w))

	f.unknown = writeFile(t, dir, "bad/blob.bin", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3})
	f.empty = writeFile(t, dir, "bad/empty.csv", nil)
	f.words = writeFile(t, dir, "bad/notes.csv", []byte("date,operator\n2024-01-02,alice\n"))
	f.timeOnly = writeFile(t, dir, "bad/times.csv", []byte("time\n0\n0.1\n"))
	return f
}

// mustRead returns the contents of path.
func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
