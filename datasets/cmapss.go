package datasets

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
)

// CMAPSSSensors is the number of sensor channels of a C-MAPSS record and
// CMAPSSSettings the number of operational settings.
const (
	CMAPSSSensors  = 21
	CMAPSSSettings = 3
)

// CMAPSSUnit is one engine's trajectory from NASA's C-MAPSS turbofan
// degradation simulation (A. Saxena, K. Goebel, D. Simon, N. Eklund,
// "Damage Propagation Modeling for Aircraft Engine Run-to-Failure
// Simulation", PHM 2008). Row i is the unit's Cycle[i]-th operating cycle.
// In a training file the last cycle is the failure; in a test file the
// trajectory stops before failure and the true remaining life is given
// separately (RUL_FDxxx.txt).
type CMAPSSUnit struct {
	ID       int
	Cycle    []int
	Settings [][CMAPSSSettings]float64
	Sensors  [][CMAPSSSensors]float64 // Sensors[i][s] is sensor s+1
}

// CMAPSSSet is one C-MAPSS subset: training and test units and the true
// remaining lives of the test units, RUL[i] belonging to Test[i].
type CMAPSSSet struct {
	Train, Test []CMAPSSUnit
	RUL         []int
}

// maxCMAPSSLine bounds a line's length; real lines are ~200 bytes.
const maxCMAPSSLine = 4096

// ReadCMAPSS parses a C-MAPSS train_/test_FDxxx.txt stream: one cycle per
// line, 26 space-separated numbers (unit, cycle, 3 settings, 21 sensors),
// trailing spaces allowed. Units must appear in contiguous blocks with
// cycles increasing by one from 1. Errors name the line.
func ReadCMAPSS(r io.Reader) ([]CMAPSSUnit, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 512), maxCMAPSSLine)
	var units []CMAPSSUnit
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 2+CMAPSSSettings+CMAPSSSensors {
			return nil, fmt.Errorf("datasets: cmapss line %d: %w: %d fields, want %d", line, ErrCorrupt, len(f), 2+CMAPSSSettings+CMAPSSSensors)
		}
		id, err1 := strconv.Atoi(f[0])
		cyc, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || id < 1 || cyc < 1 {
			return nil, fmt.Errorf("datasets: cmapss line %d: %w: bad unit %q or cycle %q", line, ErrCorrupt, f[0], f[1])
		}
		var v [CMAPSSSettings + CMAPSSSensors]float64
		for k := range v {
			x, err := strconv.ParseFloat(f[2+k], 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("datasets: cmapss line %d field %d: %w: bad number %q", line, 3+k, ErrCorrupt, f[2+k])
			}
			v[k] = x
		}
		if n := len(units); n == 0 || units[n-1].ID != id {
			for _, u := range units {
				if u.ID == id {
					return nil, fmt.Errorf("datasets: cmapss line %d: %w: unit %d appears in two blocks", line, ErrCorrupt, id)
				}
			}
			units = append(units, CMAPSSUnit{ID: id})
		}
		u := &units[len(units)-1]
		if want := len(u.Cycle) + 1; cyc != want {
			return nil, fmt.Errorf("datasets: cmapss line %d: %w: unit %d cycle %d, want %d", line, ErrCorrupt, id, cyc, want)
		}
		u.Cycle = append(u.Cycle, cyc)
		var s [CMAPSSSettings]float64
		var x [CMAPSSSensors]float64
		copy(s[:], v[:CMAPSSSettings])
		copy(x[:], v[CMAPSSSettings:])
		u.Settings = append(u.Settings, s)
		u.Sensors = append(u.Sensors, x)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("datasets: cmapss line %d: %w", line+1, err)
	}
	if len(units) == 0 {
		return nil, fmt.Errorf("datasets: cmapss: %w: no data rows", ErrCorrupt)
	}
	return units, nil
}

// ReadCMAPSSRUL parses an RUL_FDxxx.txt stream: one non-negative integer
// per line.
func ReadCMAPSSRUL(r io.Reader) ([]int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64), maxCMAPSSLine)
	var out []int
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("datasets: cmapss rul line %d: %w: bad value %q", line, ErrCorrupt, s)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("datasets: cmapss rul line %d: %w", line+1, err)
	}
	return out, nil
}

// LoadCMAPSS reads subset (e.g. "FD001") from fsys — train_<subset>.txt,
// test_<subset>.txt and RUL_<subset>.txt in dir — and checks that there is
// one true RUL per test unit.
func LoadCMAPSS(fsys fs.FS, dir, subset string) (*CMAPSSSet, error) {
	read := func(name string, parse func(io.Reader) error) error {
		f, err := fsys.Open(path.Join(dir, name))
		if err != nil {
			return fmt.Errorf("datasets: cmapss: %w", err)
		}
		defer f.Close()
		if err := parse(f); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	set := &CMAPSSSet{}
	var err error
	if err = read("train_"+subset+".txt", func(r io.Reader) error { set.Train, err = ReadCMAPSS(r); return err }); err != nil {
		return nil, err
	}
	if err = read("test_"+subset+".txt", func(r io.Reader) error { set.Test, err = ReadCMAPSS(r); return err }); err != nil {
		return nil, err
	}
	if err = read("RUL_"+subset+".txt", func(r io.Reader) error { set.RUL, err = ReadCMAPSSRUL(r); return err }); err != nil {
		return nil, err
	}
	if len(set.RUL) != len(set.Test) {
		return nil, fmt.Errorf("datasets: cmapss %s: %w: %d true RULs for %d test units", subset, ErrCorrupt, len(set.RUL), len(set.Test))
	}
	return set, nil
}
