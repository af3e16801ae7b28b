package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spindle-pdm/spindle/internal/recfixture"
)

// FuzzLoad feeds arbitrary bytes to load under each name that selects a
// format: it must return a recording or an error, never panic.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("time,a\n0,1\n0.1,2\n0.2,3\n"))
	f.Add([]byte("1\t2\t3\t4\n5\t6\t7\t8\n"))
	f.Add([]byte("9,39,39,65664,0.552,-0.146\n9,39,39,65703,0.501,-0.48\n"))
	f.Add([]byte("Horizontal_vibration_signals,Vertical_vibration_signals\n0.1,0.2\n"))
	f.Add([]byte("\ufeffa;b\n1,5;2\n"))
	f.Add(recfixture.MATFile(recfixture.MATColumn("X130_DE_time", []float64{1, 2, 3}), recfixture.MATRPM("X130RPM", 1796)))
	f.Add(recfixture.MATFile(recfixture.MATStruct("bearing", []string{"sr", "gs", "rate"}, recfixture.MATScalar("", 10), recfixture.MATColumn("", []float64{1, 2}), recfixture.MATScalar("", 1))))
	f.Add(recfixture.WAVPCM16(8000, []float64{0.1, -0.2, 0.3}))
	names := []string{"130.mat", "probe.wav", "2004.02.12.10.32.39", "acc_00001.csv", "1.csv", "x.csv", "blob"}
	dir := f.TempDir()
	b := recfixture.CatalogBearing(f, "PRONOSTIA")
	o := &options{rate: 1000, rpm: 600, bearing: &b}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range names {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			rec, err := load(p, o)
			if err == nil && (rec.Rate <= 0 || rec.RPM <= 0 || rec.Bearing == nil || len(rec.Signal) == 0) {
				t.Fatalf("%s: incomplete recording %+v without an error", name, rec)
			}
		}
	})
}
