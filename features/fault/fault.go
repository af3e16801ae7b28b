// Package fault is Spindle's one vocabulary of bearing conditions: the
// healthy state, the four faulted components and the undecided answer.
//
// It is a leaf package (it imports only the standard library) so that the
// packages that must speak of faults share one type without depending on
// one another: features labels its fault bands with it, the bearing
// diagnoser (package anomaly/bearing) states its verdicts in it, and
// datasets labels its records with it (datasets imports nothing else of
// Spindle's). A verdict can therefore be compared with a record's label by
// ==, with no mapping in between.
package fault

import (
	"errors"
	"fmt"
)

// Kind is the condition of a rolling-element bearing: Healthy, one of the
// four faulted components, or Unknown when evidence does not support a
// single answer.
//
// Its text form (String, MarshalText, UnmarshalText) is "healthy",
// "outer_race", "inner_race", "ball", "cage" or "unknown"; Line gives the
// name of the envelope-spectrum line each faulted component shows ("BPFO",
// "BPFI", "2xBSF", "FTF").
type Kind int

// The kinds. The zero value is Healthy.
const (
	Healthy   Kind = iota // no bearing fault signature
	OuterRace             // outer-race defect: BPFO series, no sidebands
	InnerRace             // inner-race defect: BPFI series with ± shaft-speed sidebands
	Ball                  // rolling-element defect: 2×BSF series with ± FTF sidebands
	Cage                  // cage defect: FTF series
	Unknown               // evidence present but conflicting or insufficient
	numKinds
)

// ErrKind is wrapped by the errors of MarshalText and UnmarshalText.
var ErrKind = errors.New("fault: invalid kind")

var names = [numKinds]string{
	Healthy: "healthy", OuterRace: "outer_race", InnerRace: "inner_race",
	Ball: "ball", Cage: "cage", Unknown: "unknown",
}

var lines = [numKinds]string{OuterRace: "BPFO", InnerRace: "BPFI", Ball: "2xBSF", Cage: "FTF"}

// Components returns the four faulted components in the order the library
// lists them: OuterRace, InnerRace, Ball, Cage.
func Components() []Kind { return []Kind{OuterRace, InnerRace, Ball, Cage} }

// Valid reports whether k is one of the constants.
func (k Kind) Valid() bool { return k >= 0 && k < numKinds }

// IsComponent reports whether k names a faulted component (OuterRace,
// InnerRace, Ball or Cage), as opposed to Healthy, Unknown or an invalid
// value.
func (k Kind) IsComponent() bool { return k >= OuterRace && k <= Cage }

// String returns the kind's snake_case name, or "Kind(n)" for a value
// outside the constants.
func (k Kind) String() string {
	if k.Valid() {
		return names[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Line returns the name of the envelope-spectrum line a faulted component
// shows: "BPFO", "BPFI", "2xBSF" or "FTF"; for any other kind it returns
// String.
func (k Kind) Line() string {
	if k.IsComponent() {
		return lines[k]
	}
	return k.String()
}

// MarshalText implements encoding.TextMarshaler with the names of String;
// a value outside the constants is an error wrapping ErrKind.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("%w: cannot marshal %d", ErrKind, int(k))
	}
	return []byte(names[k]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler: it accepts exactly the
// names MarshalText writes; anything else is an error wrapping ErrKind.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range names {
		if string(b) == n {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("%w: %q (want healthy, outer_race, inner_race, ball, cage or unknown)", ErrKind, b)
}
