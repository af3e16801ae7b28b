// Command edge is the analytics loop of an edge gateway for one
// accelerometer channel: it reads samples from stdin, cuts them into
// windows, computes the time-domain condition indicators, learns a healthy
// baseline over the first windows and then prints an ALARM line to stdout
// for every window whose RMS or kurtosis departs from it, a DRIFT line when
// a CUSUM finds RMS drifting before it departs, each with a remaining-life
// forecast from an exponential degradation model of RMS.
//
// Input is text, one sample per line (in g; blank lines and lines starting
// with # are skipped; a line that is not a number or is longer than
// 64 KiB is counted, reported on stderr and skipped), or with -f32 raw little-endian float32 samples as an
// ADC or DMA buffer delivers them. Sensor faults (NaN, flat line) are
// printed as FAULT lines. A summary goes to stderr at the end.
//
//	edge -rate 25600 < samples.txt
//	edge -rate 25600 -f32 < /dev/accel0
//
// It cross-compiles to a stripped linux/arm binary of about 2 MiB:
//
//	CGO_ENABLED=0 GOOS=linux GOARCH=arm GOARM=7 go build -ldflags='-s -w' -trimpath ./examples/edge
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "edge:", err)
		os.Exit(1)
	}
}

// options are the command-line settings.
type options struct {
	rate, window, hop float64 // Hz, s, s
	f32               bool
	channelConfig
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("edge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Float64Var(&o.rate, "rate", 25600, "sample rate, Hz")
	fs.Float64Var(&o.window, "window", 1, "window length, s")
	fs.Float64Var(&o.hop, "hop", 0, "time between window starts, s (0: the window length)")
	fs.BoolVar(&o.f32, "f32", false, "read little-endian float32 samples instead of text")
	fs.IntVar(&o.Baseline, "baseline", 20, "healthy windows to learn the baseline from")
	fs.Float64Var(&o.Threshold, "threshold", 6, "alarm when RMS or kurtosis is this many σ above its baseline")
	fs.Float64Var(&o.FailFactor, "fail", 5, "failure level for the RUL forecast, as a multiple of the baseline RMS")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (samples are read from stdin)", fs.Arg(0))
	}
	if !(o.rate > 0) || math.IsInf(o.rate, 0) {
		return o, fmt.Errorf("-rate %g Hz, need a finite value > 0", o.rate)
	}
	o.SampleRate = o.rate
	o.Window = int(math.Round(o.window * o.rate))
	o.Hop = int(math.Round(o.hop * o.rate))
	if o.Window < 2 || o.hop < 0 || (o.hop > 0 && o.Hop < 1) {
		return o, fmt.Errorf("-window %g s, -hop %g s at %g Hz: need a window of at least 2 samples and a hop ≥ 1 sample", o.window, o.hop, o.rate)
	}
	return o, nil
}

// run is the command, with its streams and arguments passed in for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var stats struct{ windows, alarms, faults, bad int }
	ch, err := newChannel(o.channelConfig, func(ev *event) {
		stats.windows++
		switch ev.Kind {
		case eventBaseline:
			fmt.Fprintf(stderr, "edge: baseline learned at t=%.2fs over %d windows\n", ev.Time, o.Baseline)
		case eventAlarm, eventDrift:
			stats.alarms++
			printAlarm(out, ev)
		case eventFault:
			stats.faults++
			fmt.Fprintf(out, "FAULT t=%.2fs %v\n", ev.Time, ev.Err)
		}
	})
	if err != nil {
		return err
	}
	if o.f32 {
		err = readF32(stdin, ch)
	} else {
		stats.bad, err = readText(stdin, ch, stderr)
	}
	fmt.Fprintf(stderr, "edge: %d windows, %d alarms, %d sensor faults, %d bad lines skipped\n", stats.windows, stats.alarms, stats.faults, stats.bad)
	return err
}

func printAlarm(w io.Writer, ev *event) {
	kind := "ALARM"
	if ev.Kind == eventDrift {
		kind = "DRIFT"
	}
	fmt.Fprintf(w, "%s t=%.2fs rms=%.4f z=%+.1f kurtosis=%.3f z=%+.1f cusum=%.1f", kind, ev.Time, ev.RMS, ev.ZRMS, ev.Kurtosis, ev.ZKurt, ev.CUSUM)
	if ev.HasRUL {
		fmt.Fprintf(w, " rul=%s [90%%: %s, %s]", duration(ev.RULMed), duration(ev.RULLo), duration(ev.RULHi))
	}
	fmt.Fprintln(w)
}

// duration formats seconds for an alarm line.
func duration(s float64) string {
	switch {
	case math.IsInf(s, 1):
		return "none-seen"
	case s < 120:
		return strconv.FormatFloat(s, 'f', 1, 64) + "s"
	case s < 7200:
		return strconv.FormatFloat(s/60, 'f', 1, 64) + "min"
	}
	return strconv.FormatFloat(s/3600, 'f', 1, 64) + "h"
}

const chunk = 4096 // samples handed to the extractor at once

// maxLine is the longest text line read, bytes; a longer one is a bad line.
const maxLine = 64 << 10

// maxReported is how many bad lines are described on stderr one by one;
// later ones are only counted.
const maxReported = 10

// readText parses one sample per line. A line that is not a number
// (12.5garbage, 1e309) or is longer than maxLine is a bad line: it is
// skipped, described on stderr (the first maxReported of them) and counted,
// and reading goes on. Only a read error of r ends it early.
func readText(r io.Reader, ch *channel, stderr io.Writer) (bad int, err error) {
	br := bufio.NewReaderSize(r, maxLine)
	buf := make([]float64, 0, chunk)
	skip := func(line int, why string) {
		bad++
		if bad <= maxReported {
			fmt.Fprintf(stderr, "edge: stdin line %d skipped: %s\n", line, why)
		}
	}
	for line := 1; ; line++ {
		raw, rerr := br.ReadSlice('\n')
		if errors.Is(rerr, bufio.ErrBufferFull) {
			n := len(raw)
			for errors.Is(rerr, bufio.ErrBufferFull) {
				raw, rerr = br.ReadSlice('\n')
				n += len(raw)
			}
			skip(line, fmt.Sprintf("longer than %d bytes (%d)", maxLine, n))
		} else if s := strings.TrimSpace(string(raw)); s != "" && s[0] != '#' {
			v, perr := strconv.ParseFloat(s, 64)
			switch {
			case perr != nil && errors.Is(perr, strconv.ErrRange) && !math.IsInf(v, 0):
				// Underflow to a subnormal or zero: a valid, tiny sample.
				buf = append(buf, v)
			case errors.Is(perr, strconv.ErrRange):
				skip(line, fmt.Sprintf("%.40q overflows float64", s))
			case perr != nil:
				skip(line, fmt.Sprintf("%.40q is not a number", s))
			default:
				buf = append(buf, v)
			}
			if len(buf) == cap(buf) {
				ch.write(buf)
				buf = buf[:0]
			}
		}
		if rerr != nil {
			ch.write(buf)
			if errors.Is(rerr, io.EOF) {
				return bad, nil
			}
			return bad, fmt.Errorf("stdin at line %d: %w", line, rerr)
		}
	}
}

// readF32 decodes little-endian float32 samples.
func readF32(r io.Reader, ch *channel) error {
	raw := make([]byte, 4*chunk)
	x := make([]float32, chunk)
	var total int64
	for {
		n, err := io.ReadFull(r, raw)
		k := n / 4
		for i := range x[:k] {
			x[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
		ch.write32(x[:k])
		total += int64(n)
		switch {
		case err == nil:
			continue
		case errors.Is(err, io.EOF):
			return nil
		case errors.Is(err, io.ErrUnexpectedEOF):
			if n%4 != 0 {
				return fmt.Errorf("stdin: %d bytes, not a whole number of float32 samples (%d trailing bytes ignored)", total, n%4)
			}
			return nil
		default:
			return fmt.Errorf("stdin after %d bytes: %w", total, err)
		}
	}
}
