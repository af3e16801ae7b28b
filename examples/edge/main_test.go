package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simulate returns secs seconds of a bearing accelerometer at fs Hz, in g:
// shaft tone and noise, and from onset s on an outer-race fault whose
// impacts (107.4 Hz, ringing a resonance at fs/4) grow exponentially.
func simulate(fs float64, secs, onset float64, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	const bpfo, decay = 107.4, 300.0
	fres := fs / 4
	x := make([]float64, int(secs*fs))
	for i := range x {
		t := float64(i) / fs
		v := 0.3*math.Sin(2*math.Pi*29.95*t) + 0.1*r.NormFloat64()
		if t >= onset {
			a := 0.3 * math.Exp((t-onset)/10)
			tau := math.Mod(t, 1/bpfo)
			v += a * math.Exp(-decay*tau) * math.Sin(2*math.Pi*fres*tau)
		}
		x[i] = v
	}
	return x
}

func asText(x []float64) []byte {
	var b bytes.Buffer
	b.WriteString("# simulated accelerometer, g\n")
	for _, v := range x {
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func asF32(x []float64) []byte {
	b := make([]byte, 4*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(float32(v)))
	}
	return b
}

var alarmLine = regexp.MustCompile(`^(ALARM|DRIFT) t=([0-9.]+)s rms=([0-9.]+) z=([-+][0-9.]+) kurtosis=([0-9.]+) z=([-+][0-9.]+) cusum=([0-9.]+) rul=(\S+) \[90%: (\S+), (\S+)\]$`)

// alarms runs the command and returns the alarm times and output lines.
func alarms(t *testing.T, args []string, in []byte) (times []float64, lines []string, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	require.NoError(t, run(args, bytes.NewReader(in), &out, &errb))
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" {
			continue
		}
		lines = append(lines, l)
		m := alarmLine.FindStringSubmatch(l)
		require.NotNil(t, m, "unexpected output line %q", l)
		v, err := strconv.ParseFloat(m[2], 64)
		require.NoError(t, err)
		times = append(times, v)
	}
	return times, lines, errb.String()
}

const testRate = 2560 // Hz: small inputs for the command tests

// TestRunAlarmsOnFault: a healthy minute then a growing outer-race fault;
// no alarm before the fault, alarms from within a few windows of its onset
// to the end, with kurtosis the first to depart and a finite RUL once RMS
// grows.
func TestRunAlarmsOnFault(t *testing.T) {
	const onset, secs = 40.0, 70.0
	x := simulate(testRate, secs, onset, 1)
	times, lines, stderr := alarms(t, []string{"-rate", "2560"}, asText(x))
	assert.Contains(t, stderr, "baseline learned at t=19.00s over 20 windows")
	assert.Contains(t, stderr, "70 windows, ")
	require.NotEmpty(t, times)
	assert.GreaterOrEqual(t, times[0], onset-1, "false alarm before the fault: %s", lines[0])
	assert.LessOrEqual(t, times[0], onset+3, "fault found late: %s", lines[0])
	assert.Len(t, times, int(secs-times[0]), "every window after the first alarm alarms")
	first := alarmLine.FindStringSubmatch(lines[0])
	assert.Equal(t, "ALARM", first[1], lines[0])
	zk, _ := strconv.ParseFloat(first[6], 64)
	assert.Greater(t, zk, 6.0, "kurtosis departs first: %s", lines[0])
	// By the end RMS has grown several-fold and the model forecasts a
	// finite remaining life until 5× baseline RMS.
	last := alarmLine.FindStringSubmatch(lines[len(lines)-1])
	assert.NotEqual(t, "none-seen", last[8], lines[len(lines)-1])
}

// TestRunSlowDrift: from 30 s the vibration grows by 0.2 % a second (0.2
// baseline σ, which is floored at 1 % of RMS): too slow for the 6σ alarm
// until about 60 s, but the CUSUM reports the drift within about 15 s of
// its start.
func TestRunSlowDrift(t *testing.T) {
	x := simulate(testRate, 70, 1000, 8)
	for i := 30 * testRate; i < len(x); i++ {
		x[i] *= 1 + 0.002*(float64(i)/testRate-30)
	}
	times, lines, _ := alarms(t, []string{"-rate", "2560"}, asText(x))
	require.NotEmpty(t, lines)
	assert.True(t, strings.HasPrefix(lines[0], "DRIFT "), lines[0])
	assert.GreaterOrEqual(t, times[0], 35.0, lines[0])
	assert.LessOrEqual(t, times[0], 48.0, lines[0])
	firstAlarm := -1.0
	for i, l := range lines {
		if strings.HasPrefix(l, "ALARM ") {
			firstAlarm = times[i]
			break
		}
	}
	assert.Greater(t, firstAlarm, 55.0, "the 6σ alarm comes later")
}

// TestRunFloat32 reads the same stream as little-endian float32: the alarms
// are those of the text input (float32 rounding moves the indicators by
// about 1e-7 relative).
func TestRunFloat32(t *testing.T) {
	x := simulate(testRate, 60, 40, 2)
	want, _, _ := alarms(t, []string{"-rate", "2560"}, asText(x))
	got, _, stderr := alarms(t, []string{"-rate", "2560", "-f32"}, asF32(x))
	require.NotEmpty(t, want)
	assert.Equal(t, want, got)
	assert.Contains(t, stderr, "60 windows")
}

// TestRunOverlap: half-second hops report twice as many windows.
func TestRunOverlap(t *testing.T) {
	x := simulate(testRate, 30, 100, 3)
	times, _, stderr := alarms(t, []string{"-rate", "2560", "-hop", "0.5", "-baseline", "10"}, asText(x))
	assert.Empty(t, times, "healthy signal")
	assert.Contains(t, stderr, "59 windows, 0 alarms, 0 sensor faults")
}

// TestRunSensorFaults: NaN samples and a flat-lined window are reported as
// FAULT lines, neither learned nor scored.
func TestRunSensorFaults(t *testing.T) {
	x := simulate(testRate, 25, 100, 4)
	x[22*testRate+17] = math.NaN()
	for i := 23 * testRate; i < 24*testRate; i++ {
		x[i] = 0.5
	}
	var out, errb bytes.Buffer
	require.NoError(t, run([]string{"-rate", "2560"}, bytes.NewReader(asText(x)), &out, &errb))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2, out.String())
	assert.Equal(t, "FAULT t=22.00s features: window at sample 56320: sample 56337 is NaN", lines[0])
	assert.Contains(t, lines[1], "FAULT t=23.00s flat-lined signal")
	assert.Contains(t, errb.String(), "25 windows, 0 alarms, 2 sensor faults")
}

func TestRunBadInput(t *testing.T) {
	var out, errb bytes.Buffer
	err := run([]string{"-f32"}, bytes.NewReader(make([]byte, 4*5000+3)), &out, &errb)
	assert.EqualError(t, err, "stdin: 20003 bytes, not a whole number of float32 samples (3 trailing bytes ignored)")

	for _, args := range [][]string{
		{"-rate", "0"}, {"-window", "0"}, {"-hop", "-1"}, {"-baseline", "1"},
		{"-threshold", "0"}, {"-fail", "1"}, {"extra"}, {"-nosuchflag"},
	} {
		assert.Error(t, run(args, strings.NewReader(""), &out, &errb), "%v", args)
	}
}

// TestRunSkipsBadLines: garbled, overflowing and over-long lines among the
// samples are counted, reported and skipped; the windows come out exactly as
// from the clean input.
func TestRunSkipsBadLines(t *testing.T) {
	x := simulate(testRate, 30, 1e9, 3)
	args := []string{"-rate", strconv.Itoa(testRate), "-baseline", "5", "-threshold", "0.5"}
	_, want, _ := alarms(t, args, asText(x))
	require.NotEmpty(t, want, "the threshold is low enough for some alarms")

	var in bytes.Buffer
	bad := []string{"12.5garbage", "1e309", "-1e309", strings.Repeat("7", 70<<10), "0x", "1.0.0"}
	for i, v := range x {
		if i%5000 == 17 {
			in.WriteString(bad[(i/5000)%len(bad)] + "\n")
		}
		in.WriteString(strconv.FormatFloat(v, 'g', -1, 64) + "\n")
	}
	in.WriteString("1e-400\n")                   // underflows to 0: a valid sample
	in.WriteString(strings.Repeat("9", 200<<10)) // over-long last line, no newline
	nbad := (len(x)-17+4999)/5000 + 1
	times, lines, stderr := alarms(t, args, in.Bytes())
	assert.Equal(t, want, lines)
	assert.Len(t, times, len(want))
	assert.Contains(t, stderr, fmt.Sprintf("%d bad lines skipped", nbad))
	assert.Contains(t, stderr, `line 18 skipped: "12.5garbage" is not a number`)
	assert.Contains(t, stderr, `line 5019 skipped: "1e309" overflows float64`)
	assert.Contains(t, stderr, "skipped: longer than 65536 bytes (71681)")
	assert.Equal(t, maxReported, strings.Count(stderr, "skipped:"), "only the first bad lines are described")
}

func TestDuration(t *testing.T) {
	for s, want := range map[float64]string{
		0: "0.0s", 90: "90.0s", 600: "10.0min", 36000: "10.0h", math.Inf(1): "none-seen",
	} {
		assert.Equal(t, want, duration(s), "%g", s)
	}
}

// TestChannelMemory measures the steady-state heap of one channel at
// 25.6 kHz with 1 s windows: the extractor's window, the baselines, the
// degradation model and its forecast storage, after warm-up, alarms and
// forecasts included. Several channels are measured together and divided,
// so the figure excludes the test's own data. It also checks a window costs
// no allocation once the channel is warm.
func TestChannelMemory(t *testing.T) {
	const fs, channels = 25_600, 8
	healthy := simulate(fs, 1, 100, 5)
	faulty := simulate(fs, 1, 0, 6)
	for i := range faulty {
		faulty[i] *= 3
	}
	cfg := channelConfig{SampleRate: fs, Window: fs, Baseline: 5, Threshold: 6, FailFactor: 5}
	var nAlarms int
	report := func(ev *event) {
		if ev.Kind == eventAlarm {
			nAlarms++
		}
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	chs := make([]*channel, channels)
	for i := range chs {
		c, err := newChannel(cfg, report)
		require.NoError(t, err)
		chs[i] = c
		for s := 0; s < 8; s++ {
			c.write(healthy)
		}
		c.write(faulty) // alarm: the first forecast sizes its storage
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	require.Equal(t, channels, nAlarms)
	t.Logf("heap %d → %d bytes", before.HeapAlloc, after.HeapAlloc)
	perChannel := float64(after.HeapAlloc-before.HeapAlloc) / channels
	t.Logf("steady-state heap per channel (25.6 kHz, 1 s windows): %.0f bytes = %.1f KiB", perChannel, perChannel/1024)
	assert.Less(t, perChannel, float64(1<<20), "per-channel heap over 1 MiB")
	assert.Greater(t, perChannel, float64(8*fs), "the window buffer alone is 200 KiB: measurement broken")

	// Zero allocations per window in steady state, alarm and forecast
	// included. A chunk that completes no window cannot allocate either.
	c := chs[0]
	allocs := testing.AllocsPerRun(5, func() { c.write(faulty) })
	assert.Zero(t, allocs, "allocations per alarmed window")
	x32 := make([]float32, fs)
	for i, v := range healthy {
		x32[i] = float32(v)
	}
	allocs = testing.AllocsPerRun(5, func() { c.write32(x32) })
	assert.Zero(t, allocs, "allocations per float32 window")
	runtime.KeepAlive(chs)
}
