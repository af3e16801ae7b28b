// Package alarm turns a monitored value — a velocity RMS in mm/s, an
// anomaly score, a temperature — into alarms a plant can act on, for a
// gateway that runs for years. It imports only the standard library.
//
// An Alarm has three escalating levels, Advisory, Warning and Danger.
// Each level has
//
//   - hysteresis: it is raised when the value reaches its Set level and
//     cleared only when the value falls below its separate, lower Clear
//     level, so a value hovering near a limit does not chatter;
//   - minimum durations: the value must stay at or above Set for SetDelay
//     seconds before the level is raised, and below Clear for ClearDelay
//     seconds before it clears, so a single spike raises nothing.
//
// The status reports the highest raised level (Active) and the level to
// show (Shown). With Config.Latch a raised level stays shown after its
// condition has cleared until an operator calls Ack; without it Shown
// follows Active. Unacked tells whether Shown has risen since the last
// Ack.
//
// # Time
//
// Update(t, x) takes the time t in seconds on any clock that does not run
// backwards, at any (irregular) interval. The value is assumed to hold
// between updates: a delay runs from the first update at which its
// condition held and is met at the first update at least the delay
// later. A gap longer than Config.MaxGap restarts the pending delays,
// since nothing is known of the value in between. An update earlier than
// the last accepted one (out of order) is rejected with ErrInput and
// changes nothing; one at the same time is accepted.
//
// # Restart
//
// MarshalBinary saves the configuration and the whole state in a small
// versioned binary form; UnmarshalBinary validates and restores it, after
// which the restored Alarm continues bit for bit as the original would
// have. A truncated, corrupted or unknown-version state is an error
// wrapping ErrState, never a panic.
//
// # Errors and panics
//
// Every error wraps exactly one of ErrInput (a NaN or ±Inf value or time,
// an out-of-order time), ErrConfig (an invalid Config) and ErrState (a
// saved state that cannot be restored); test with errors.Is. No data
// value makes the package panic; a nil *Alarm receiver does.
package alarm
