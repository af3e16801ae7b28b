package features

import (
	"errors"
	"math"
	"testing"
)

func TestISO20816ZoneBoundaries(t *testing.T) {
	// Published boundaries, ISO 20816-3:2022 Tables A.1 and A.2 (mm/s).
	tables := []struct {
		g          MachineGroup
		s          Support
		ab, bc, cd float64
	}{
		{Group1, Rigid, 2.3, 4.5, 7.1},
		{Group1, Flexible, 3.5, 7.1, 11},
		{Group2, Rigid, 1.4, 2.8, 4.5},
		{Group2, Flexible, 2.3, 4.5, 7.1},
	}
	for _, tb := range tables {
		l, err := ISO20816Limits(tb.g, tb.s)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			v    float64
			want Zone
		}{
			{0, ZoneA},
			{math.Nextafter(tb.ab, 0), ZoneA}, {tb.ab, ZoneB},
			{math.Nextafter(tb.bc, 0), ZoneB}, {tb.bc, ZoneC},
			{math.Nextafter(tb.cd, 0), ZoneC}, {tb.cd, ZoneD},
			{100, ZoneD},
		} {
			z, err := l.Zone(c.v)
			if err != nil || z != c.want {
				t.Errorf("%v %v: %v mm/s in zone %v (%v), want %v", tb.g, tb.s, c.v, z, err, c.want)
			}
			sev, err := AssessSeverity(c.v, tb.g, tb.s)
			if err != nil || sev.Zone != c.want || sev.Limits != l {
				t.Errorf("AssessSeverity(%v, %v, %v) = %+v, %v", c.v, tb.g, tb.s, sev, err)
			}
		}
	}
}

func TestISO20816Errors(t *testing.T) {
	if _, err := ISO20816Limits(3, Rigid); !errors.Is(err, ErrConfig) {
		t.Errorf("unknown group: %v", err)
	}
	if _, err := ISO20816Limits(Group1, 2); !errors.Is(err, ErrConfig) {
		t.Errorf("unknown support: %v", err)
	}
	for _, v := range []float64{-0.1, math.NaN(), math.Inf(1)} {
		if _, err := AssessSeverity(v, Group1, Rigid); !errors.Is(err, ErrInput) {
			t.Errorf("velocity %v: %v", v, err)
		}
	}
}

func TestGroupForPower(t *testing.T) {
	for _, c := range []struct {
		kW   float64
		want MachineGroup
		err  bool
	}{
		{15, 0, true}, {15.1, Group2, false}, {300, Group2, false}, {300.1, Group1, false},
		{50000, Group1, false}, {50001, 0, true}, {math.NaN(), 0, true},
	} {
		g, err := GroupForPower(c.kW)
		if (err != nil) != c.err || (!c.err && g != c.want) || (c.err && !errors.Is(err, ErrInput)) {
			t.Errorf("GroupForPower(%v) = %v, %v", c.kW, g, err)
		}
	}
}

func TestISO20816Strings(t *testing.T) {
	if s := ZoneC.String() + Group2.String() + Flexible.String() + MS2.String(); s != "Cgroup 2flexiblem/s²" {
		t.Errorf("strings: %q", s)
	}
}
