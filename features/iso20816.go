package features

import (
	"fmt"
	"math"
)

// MachineGroup is a machine group of ISO 20816-3:2022 (industrial
// machines with a power above 15 kW, measured on non-rotating parts).
type MachineGroup uint8

// The machine groups of ISO 20816-3. The zero value is Group1.
const (
	// Group1: large machines with a rated power above 300 kW and not
	// more than 50 MW, and electrical machines with a shaft height of
	// 315 mm or more.
	Group1 MachineGroup = iota
	// Group2: medium-size machines with a rated power above 15 kW up to
	// and including 300 kW, and electrical machines with a shaft height
	// of 160 mm up to 315 mm.
	Group2
)

// String returns "group 1" or "group 2".
func (g MachineGroup) String() string {
	switch g {
	case Group1:
		return "group 1"
	case Group2:
		return "group 2"
	}
	return fmt.Sprintf("MachineGroup(%d)", uint8(g))
}

// GroupForPower returns the machine group of a machine of rated power kW
// (kilowatts): Group2 for 15 < kW ≤ 300, Group1 for 300 < kW ≤ 50 000. A
// power outside (15 kW, 50 MW] or not finite is an error wrapping ErrInput:
// ISO 20816-3 does not cover it.
func GroupForPower(kW float64) (MachineGroup, error) {
	switch {
	case kW > 15 && kW <= 300:
		return Group2, nil
	case kW > 300 && kW <= 50000:
		return Group1, nil
	}
	return 0, errorf(ErrInput, "ISO 20816-3: rated power %v kW outside (15 kW, 50 MW]", kW)
}

// Support is the support flexibility of ISO 20816-3 (as defined in ISO
// 10816-3:2009): a support is rigid in a direction when the lowest
// natural frequency of the machine and its support in that direction is
// at least 25 % above the main excitation frequency (usually the running
// speed), and flexible otherwise.
type Support uint8

// The support classes. The zero value is Rigid.
const (
	Rigid    Support = iota // lowest natural frequency ≥ 1.25 × running frequency
	Flexible                // otherwise
)

// String returns "rigid" or "flexible".
func (s Support) String() string {
	switch s {
	case Rigid:
		return "rigid"
	case Flexible:
		return "flexible"
	}
	return fmt.Sprintf("Support(%d)", uint8(s))
}

// Zone is an ISO 20816 evaluation zone.
type Zone uint8

// The evaluation zones, from best to worst.
const (
	ZoneA Zone = iota // newly commissioned machines
	ZoneB             // acceptable for unrestricted long-term operation
	ZoneC             // unsatisfactory for long-term operation; restricted period only
	ZoneD             // severe enough to cause damage to the machine
)

// String returns "A", "B", "C" or "D".
func (z Zone) String() string {
	if z <= ZoneD {
		return string(rune('A' + z))
	}
	return fmt.Sprintf("Zone(%d)", uint8(z))
}

// ZoneLimits are the zone boundaries of RMS vibration velocity in mm/s:
// a value below AB is in zone A, from AB below BC in zone B, from BC
// below CD in zone C and from CD up in zone D (a value on a boundary is
// in the worse zone).
type ZoneLimits struct {
	AB, BC, CD float64 // mm/s RMS
}

// iso20816Limits are the velocity zone boundaries of ISO 20816-3:2022,
// Annex A: Table A.1 (group 1) and Table A.2 (group 2), in mm/s RMS over
// the band 10–1000 Hz (2–1000 Hz at or below 600 r/min). The values are
// those of ISO 10816-3:2009 Tables A.1 and A.2, which ISO 20816-3:2022
// carries over unchanged for velocity.
var iso20816Limits = [2][2]ZoneLimits{
	Group1: {Rigid: {2.3, 4.5, 7.1}, Flexible: {3.5, 7.1, 11.0}},
	Group2: {Rigid: {1.4, 2.8, 4.5}, Flexible: {2.3, 4.5, 7.1}},
}

// ISO20816Limits returns the velocity zone boundaries of ISO 20816-3:2022
// Annex A for machine group g on support s:
//
//	group 1 (Table A.1), rigid:    A/B 2.3, B/C 4.5, C/D  7.1 mm/s
//	group 1 (Table A.1), flexible: A/B 3.5, B/C 7.1, C/D 11.0 mm/s
//	group 2 (Table A.2), rigid:    A/B 1.4, B/C 2.8, C/D  4.5 mm/s
//	group 2 (Table A.2), flexible: A/B 2.3, B/C 4.5, C/D  7.1 mm/s
//
// It returns an error wrapping ErrConfig for an unknown group or support.
func ISO20816Limits(g MachineGroup, s Support) (ZoneLimits, error) {
	if g > Group2 || s > Flexible {
		return ZoneLimits{}, errorf(ErrConfig, "ISO 20816-3: no zone table for %v, %v support", g, s)
	}
	return iso20816Limits[g][s], nil
}

// Zone returns the zone of an RMS velocity v in mm/s. It returns an error
// wrapping ErrInput if v is negative, NaN or ±Inf.
func (l ZoneLimits) Zone(v float64) (Zone, error) {
	if !(v >= 0) || math.IsInf(v, 1) {
		return 0, errorf(ErrInput, "zone of velocity %v mm/s: want finite and ≥ 0", v)
	}
	switch {
	case v >= l.CD:
		return ZoneD, nil
	case v >= l.BC:
		return ZoneC, nil
	case v >= l.AB:
		return ZoneB, nil
	}
	return ZoneA, nil
}

// Severity is the ISO 20816-3 vibration severity of a machine, reported
// next to the bearing verdict of package anomaly/bearing: the bearing
// diagnosis says which part is failing, the severity how bad the overall
// vibration is for the machine.
type Severity struct {
	VelocityRMS float64 // mm/s RMS over the ISO band
	Zone        Zone    // evaluation zone of VelocityRMS
	Group       MachineGroup
	Support     Support
	Limits      ZoneLimits // the boundaries Zone was read from, mm/s
}

// AssessSeverity returns the ISO 20816-3 severity of an RMS velocity v in
// mm/s (from Velocity.RMS) for machine group g on support s. Errors are
// those of ISO20816Limits and ZoneLimits.Zone.
func AssessSeverity(v float64, g MachineGroup, s Support) (Severity, error) {
	l, err := ISO20816Limits(g, s)
	if err != nil {
		return Severity{}, err
	}
	z, err := l.Zone(v)
	if err != nil {
		return Severity{}, err
	}
	return Severity{VelocityRMS: v, Zone: z, Group: g, Support: s, Limits: l}, nil
}
