package datasets

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// addFixtureSeeds adds every file matching pattern to the corpus.
func addFixtureSeeds(f *testing.F, pattern string) {
	f.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil || len(names) == 0 {
		f.Fatalf("no seed files for %s: %v", pattern, err)
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// isPlainDecimal reports whether s has the grammar parseDecimal accepts
// for numbers (not the NaN/Inf words).
func isPlainDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		d++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			d++
		}
	}
	if d == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			e++
		}
		if e == 0 {
			return false
		}
	}
	return i == len(s)
}

// FuzzParseDecimal checks the fast parser against strconv.ParseFloat bit
// for bit, and that it accepts every plain decimal strconv accepts.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"-0.022", "0.000", "-0.000", "1.0004e+005", "1.9691e+05", "5.", ".5", "+7",
		"123456789012345678901234", "0.1e-400", "1e309", "4.9406564584124654e-324", "9007199254740993",
		"nan", "Inf", "-infinity", "1_0", "0x1p-2", "", "-", ".", "1e", "1e+", "00000000000000000000001.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseDecimal(s)
		want, err := strconv.ParseFloat(s, 64)
		if ok {
			if err != nil {
				t.Fatalf("parseDecimal(%q) = %v, strconv rejects it: %v", s, got, err)
			}
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("parseDecimal(%q) = %v (%#x), strconv %v (%#x)", s, got, math.Float64bits(got), want, math.Float64bits(want))
			}
		} else if err == nil && isPlainDecimal(s) {
			t.Fatalf("parseDecimal(%q) rejects what strconv reads as %v", s, want)
		}
		if v, end, ok := scanPlainDecimal([]byte(s), 0); ok && end == len(s) {
			if err != nil || math.Float64bits(v) != math.Float64bits(want) {
				t.Fatalf("scanPlainDecimal(%q) = %v, strconv %v %v", s, v, want, err)
			}
		}
	})
}

// checkTextErr requires err to be a *TextError (or a size-limit error).
func checkTextErr(t *testing.T, err error) {
	t.Helper()
	var te *TextError
	if !errors.As(err, &te) {
		t.Fatalf("error %v (%T) is not a *TextError", err, err)
	}
	if te.Line < 0 || te.Column < 0 {
		t.Fatalf("bad position in %v", err)
	}
}

// checkChannels requires n equal-length, non-empty, finite channels.
func checkChannels(t *testing.T, chans [][]float64, n int) {
	t.Helper()
	if n > 0 && len(chans) != n {
		t.Fatalf("%d channels, want %d", len(chans), n)
	}
	for _, c := range chans {
		if len(c) == 0 || len(c) != len(chans[0]) {
			t.Fatalf("channel lengths differ or are zero")
		}
		for _, v := range c {
			if !isFinite(v) {
				t.Fatalf("non-finite value %v returned", v)
			}
		}
	}
}

func FuzzIMSSnapshot(f *testing.F) {
	addFixtureSeeds(f, "testdata/ims/run/*")
	for _, s := range []string{"1\t2\n3\t4\n", "1\t2\n3\n", "\n\n1\r\n", "1\tNaN\n", "\t\n", "1e5\t-.5\n2\t+3.\n", " 1 \t 2 \n"} {
		f.Add([]byte(s))
	}
	var d IMSDecoder
	var s Snapshot
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := d.Decode(&s, "fuzz", data); err != nil {
			checkTextErr(t, err)
			return
		}
		checkChannels(t, s.Channels, 0)
		// Every non-blank line is one row.
		rows := 0
		for _, line := range bytes.Split(data, []byte{'\n'}) {
			if len(bytes.Trim(line, " \r")) > 0 {
				rows++
			}
		}
		if rows != s.Len() {
			t.Fatalf("%d rows decoded, %d non-blank lines", s.Len(), rows)
		}
	})
}

func FuzzFEMTOAcc(f *testing.F) {
	addFixtureSeeds(f, "testdata/femto/Bearing9_1/acc_*.csv")
	for _, s := range []string{"9,39,39,65664,0.552,-0.146\n", "9,39,39,1.0004e+005,1.073,-0.011\n", "9;39;39;5;0.1;0.2\n",
		"25,0,0,0,0,0\n", "9,39,39,65664,0.552\n", "a,b,c,d,e,f\n"} {
		f.Add([]byte(s))
	}
	var d FEMTODecoder
	var s Snapshot
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := d.DecodeAcc(&s, "acc_00001.csv", data); err != nil {
			checkTextErr(t, err)
			return
		}
		checkChannels(t, s.Channels, 2)
		if h := s.Time.Hour(); h < 0 || h > 23 || s.Time.Year() != 0 {
			t.Fatalf("bad time %v", s.Time)
		}
	})
}

func FuzzCSVColumn(f *testing.F) {
	addFixtureSeeds(f, "testdata/csv/*")
	for _, s := range []string{"a,b\n1,2\n", "t;x\n0;1\n0.5;2\n", "\"a\nb\",c\n1,2\n", "\ufeffx\n1\n", "1,\"2\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range []struct {
			col  CSVColumn
			opts CSVOptions
		}{
			{ColumnAt(0), CSVOptions{SampleRate: 1}},
			{ColumnAt(1), CSVOptions{Time: ColumnAt(0)}},
			{ColumnNamed("x"), CSVOptions{SampleRate: 1, Header: HeaderPresent}},
		} {
			vals, rate, err := decodeCSVColumn("fuzz.csv", data, c.col, &c.opts)
			if err != nil {
				checkTextErr(t, err)
				continue
			}
			checkChannels(t, [][]float64{vals}, 1)
			if !(rate > 0) || math.IsInf(rate, 0) {
				t.Fatalf("rate %v", rate)
			}
		}
	})
}

func FuzzWAV(f *testing.F) {
	addFixtureSeeds(f, "testdata/wav/*.wav")
	f.Add(wavBytes(fmtBody(1, 1, 8000, 16), []byte{0, 0}, 0xFFFFFFFE))
	f.Add(wavBytes(fmtBody(3, 2, 8000, 64), make([]byte, 16), -1))
	var d WAVDecoder
	f.Fuzz(func(t *testing.T, data []byte) {
		chans, info, err := d.Decode(bytes.NewReader(data), "fuzz.wav")
		if err != nil {
			var we *WAVError
			if !errors.As(err, &we) {
				t.Fatalf("error %v (%T) is not a *WAVError", err, err)
			}
			if we.Offset < 0 || we.Offset > int64(len(data)) {
				t.Fatalf("offset %d outside the %d-byte input", we.Offset, len(data))
			}
			return
		}
		checkChannels(t, chans, info.Channels)
		if info.Frames != len(chans[0]) || info.Frames*info.Channels*info.Bits/8 > len(data) {
			t.Fatalf("info %+v inconsistent with %d frames from %d bytes", info, len(chans[0]), len(data))
		}
		if !info.Float {
			for _, c := range chans {
				for _, v := range c {
					if v < -1 || v >= 1 {
						t.Fatalf("PCM sample %v outside [-1, 1)", v)
					}
				}
			}
		}
	})
}
