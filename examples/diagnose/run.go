package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/order"
)

// progressAbove is the number of files above which progress lines go to
// stderr.
const progressAbove = 3

// Exit statuses.
const (
	exitOK       = 0 // every file diagnosed
	exitFailures = 1 // at least one file could not be read or diagnosed
	exitUsage    = 2 // bad command line
)

// diagnoser is what run needs of bearing.Diagnoser.
type diagnoser interface {
	Diagnose(x []float64, rate, shaftHz float64, b features.Bearing) (*bearing.Diagnosis, error)
}

// profileDiagnoser is what run needs of bearing.ProfileDiagnoser.
type profileDiagnoser interface {
	DiagnoseProfile(x []float64, rate float64, speed order.SpeedProfile, b features.Bearing) (*bearing.ProfileDiagnosis, error)
	DiagnoseAngle(x []float64, rate float64, angle *order.ShaftAngle, b features.Bearing) (*bearing.ProfileDiagnosis, error)
}

// run is the command: it parses args, diagnoses every file and writes
// reports to stdout, errors and progress to stderr, and returns the exit
// status.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		return exitUsage
	}
	ref, err := loadReference(o)
	if err != nil {
		fmt.Fprintf(stderr, "diagnose: -reference %s: %v\n", o.ref, err)
		return exitFailures
	}
	d, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{SpeedTolerance: o.rpmTol, Reference: ref, SupplyHz: o.supply})
	if err != nil {
		fmt.Fprintln(stderr, "diagnose:", err)
		return exitUsage
	}
	pd, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	if err != nil {
		fmt.Fprintln(stderr, "diagnose:", err)
		return exitUsage
	}
	var out reportWriter = newJSONWriter(stdout)
	if o.table {
		out = newTableWriter(stdout)
	}
	files, failed := expand(o.files, stderr)
	total := len(files) + failed
	for i, file := range files {
		if len(files) > progressAbove {
			fmt.Fprintf(stderr, "[%d/%d] %s\n", i+1, len(files), filepath.Base(file))
		}
		r, err := diagnoseFile(d, pd, file, o)
		if err != nil {
			fmt.Fprintf(stderr, "diagnose: %s: %v\n", file, err)
			failed++
			continue
		}
		if err := out.write(r); err != nil {
			fmt.Fprintln(stderr, "diagnose: writing output:", err)
			return exitFailures
		}
	}
	if err := out.flush(); err != nil {
		fmt.Fprintln(stderr, "diagnose: writing output:", err)
		return exitFailures
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "diagnose: %d of %d files failed\n", failed, total)
		return exitFailures
	}
	return exitOK
}

// diagnoseFile loads one file and diagnoses it: at one speed, or by order
// tracking with -tacho, -speed or -speed-range.
func diagnoseFile(d diagnoser, pd profileDiagnoser, file string, o *options) (*report, error) {
	rec, err := load(file, o)
	if err != nil {
		return nil, err
	}
	var p *bearing.ProfileDiagnosis
	switch {
	case rec.Tacho != nil:
		var ts order.TachoSpeed
		if ts, err = order.SpeedFromTacho(rec.Tacho, rec.Rate, order.TachoConfig{PulsesPerRev: o.ppr}); err != nil {
			return nil, fmt.Errorf("%s tachometer channel %s: %w", rec.Format, rec.TachoChannel, err)
		}
		p, err = pd.DiagnoseAngle(rec.Signal, rec.Rate, ts.Angle, *rec.Bearing)
		rec.RPMSource = "tacho channel " + rec.TachoChannel
	case o.speed != nil:
		p, err = pd.DiagnoseProfile(rec.Signal, rec.Rate, *o.speed, *rec.Bearing)
		rec.RPMSource = "speed file"
	case o.vibRPM[1] > 0:
		var vs order.VibrationSpeed
		cfg := order.RidgeConfig{SampleRate: rec.Rate, Order: 1, MinHz: o.vibRPM[0] / 60, MaxHz: o.vibRPM[1] / 60}
		if vs, err = order.SpeedFromVibration(rec.Signal, cfg); err != nil {
			return nil, fmt.Errorf("%s channel %s, speed from the vibration: %w", rec.Format, rec.Channel, err)
		}
		p, err = pd.DiagnoseAngle(rec.Signal, rec.Rate, vs.Angle, *rec.Bearing)
		rec.RPMSource = "vibration"
	default:
		dg, err := d.Diagnose(rec.Signal, rec.Rate, rec.RPM/60, *rec.Bearing)
		if err != nil {
			return nil, fmt.Errorf("%s channel %s: %w", rec.Format, rec.Channel, err)
		}
		r := newReport(file, rec, dg)
		r.SpeedRead = dg.SpeedRead
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s channel %s, order tracked: %w", rec.Format, rec.Channel, err)
	}
	rec.RPM = 60 * p.MeanShaftHz
	r := newReport(file, rec, p.Diagnosis)
	r.OrderTracked, r.OrderTracking = true, &p.OrderTracking
	r.AnalysisRateHz = 0 // the angle domain's rate is in samples per revolution
	return r, nil
}

// loadReference reads the -reference file as the diagnosed files are read
// and learns its healthy spread, in 1 s segments (a third of the file when
// it is shorter than 3 s); nil without -reference.
func loadReference(o *options) (*bearing.HealthyReference, error) {
	if o.ref == "" {
		return nil, nil
	}
	rec, err := load(o.ref, o)
	if err != nil {
		return nil, err
	}
	seg := min(int(math.Round(rec.Rate)), len(rec.Signal)/3)
	return bearing.NewHealthyReference(rec.Rate, seg, rec.Signal)
}

// expand replaces each directory among paths by the regular files in it,
// in name order, hidden files aside. Paths that cannot be read are
// reported to stderr and counted.
func expand(paths []string, stderr io.Writer) (files []string, failed int) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(stderr, "diagnose: %v\n", err)
			failed++
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			fmt.Fprintf(stderr, "diagnose: %v\n", err)
			failed++
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
	}
	return files, failed
}
