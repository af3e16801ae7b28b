package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/features/order"
)

// maxSpeedPoints bounds the lines of a -speed file.
const maxSpeedPoints = 1 << 22

// readSpeedFile reads a -speed file: two columns, time in s and shaft speed
// in rev/min, separated by a comma, semicolon, tab or spaces, one point a
// line, times increasing; a first line that is not two numbers is a header,
// blank lines and lines starting with # are skipped. It returns the speed
// in Hz (rev/min / 60).
func readSpeedFile(path string) (order.SpeedProfile, error) {
	var p order.SpeedProfile
	f, err := os.Open(path)
	if err != nil {
		return p, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line, data := 0, 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		data++
		fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\t' || r == ' ' })
		if len(fields) != 2 {
			if data == 1 {
				continue // header
			}
			return p, fmt.Errorf("line %d: %d columns, want 2 (time s, rpm)", line, len(fields))
		}
		t, errT := strconv.ParseFloat(fields[0], 64)
		rpm, errR := strconv.ParseFloat(fields[1], 64)
		switch {
		case (errT != nil || errR != nil) && data == 1:
			continue // header
		case errT != nil || math.IsNaN(t) || math.IsInf(t, 0):
			return p, fmt.Errorf("line %d: time %q is not a finite number of s", line, fields[0])
		case errR != nil || !(rpm > 0) || math.IsInf(rpm, 0):
			return p, fmt.Errorf("line %d: speed %q is not a finite rpm > 0", line, fields[1])
		case len(p.Time) > 0 && !(t > p.Time[len(p.Time)-1]):
			return p, fmt.Errorf("line %d: time %g s does not follow %g s", line, t, p.Time[len(p.Time)-1])
		case len(p.Time) == maxSpeedPoints:
			return p, fmt.Errorf("more than %d points", maxSpeedPoints)
		}
		p.Time = append(p.Time, t)
		p.Hz = append(p.Hz, rpm/60)
	}
	if err := sc.Err(); err != nil {
		return p, err
	}
	if len(p.Time) < 2 {
		return p, fmt.Errorf("%d points, need at least 2 (time s, rpm)", len(p.Time))
	}
	return p, nil
}
