package datasets_test

import (
	"bytes"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/recfixture"
)

// FuzzOpen feeds arbitrary bytes to Open under names that carry data-set
// fields (a CWRU record number, an MFPT label, FEMTO and XJTU-SY folders,
// an IMS timestamp): it must return a consistent recording within its
// budget or an error, never panic. Run with
//
//	go test ./datasets -run '^$' -fuzz FuzzOpen
func FuzzOpen(f *testing.F) {
	f.Add([]byte("time,a\n0,1\n0.1,2\n0.2,3\n"))
	f.Add([]byte("1\t2\t3\t4\n5\t6\t7\t8\n"))
	f.Add([]byte("9,39,39,65664,0.552,-0.146\n9,39,39,65703,0.501,-0.48\n"))
	f.Add([]byte("9,39,39,1,75.5\n"))
	f.Add([]byte("Horizontal_vibration_signals,Vertical_vibration_signals\n0.1,0.2\n"))
	f.Add([]byte("\ufeffa;b\n1,5;2\n"))
	f.Add(recfixture.MATFile(recfixture.MATColumn("X130_DE_time", []float64{1, 2, 3}), recfixture.MATRPM("X130RPM", 1796)))
	f.Add(recfixture.MATFile(recfixture.MATStruct("bearing", []string{"sr", "gs", "rate"}, recfixture.MATScalar("", 10), recfixture.MATColumn("", []float64{1, 2}), recfixture.MATScalar("", 1))))
	f.Add(recfixture.MATFile(recfixture.MATStruct("bearing", []string{"sr", "gs", "rate", "bpfo", "bpfi", "bsf", "ftf"}, recfixture.MATScalar("", 10), recfixture.MATColumn("", []float64{1, 2}), recfixture.MATScalar("", 1),
		recfixture.MATScalar("", 3), recfixture.MATScalar("", 5), recfixture.MATScalar("", 2), recfixture.MATScalar("", 0.4))))
	f.Add(compressedMAT(f, 64))
	f.Add(recfixture.WAVPCM16(8000, []float64{0.1, -0.2, 0.3}))
	names := []string{"130.mat", "OuterRaceFault_1.mat", "Bearing1_1/acc_00001.csv", "35Hz12kN/Bearing1_1/1.csv", "2004.02.12.10.32.39", "blob"}
	opt := datasets.OpenOptions{MaxBytes: 1 << 20, MaxSamples: 1 << 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range names {
			rec, err := datasets.Open(bytes.NewReader(data), name, opt)
			if err != nil {
				continue
			}
			total := 0
			for _, c := range rec.Channels {
				if len(c.Samples) != rec.Len() {
					t.Fatalf("%s: channel %s has %d samples, channel 0 %d", name, c.Name, len(c.Samples), rec.Len())
				}
				total += len(c.Samples)
			}
			if len(rec.Channels) == 0 || rec.Len() == 0 || total > opt.MaxSamples {
				t.Fatalf("%s: %s recording with %d channels of %d samples", name, rec.Format, len(rec.Channels), rec.Len())
			}
			if rec.SampleRate < 0 || rec.ShaftHz < 0 {
				t.Fatalf("%s: negative rate %v or shaft speed %v", name, rec.SampleRate, rec.ShaftHz)
			}
		}
	})
}
