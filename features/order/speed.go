package order

// SpeedProfile is an instantaneous shaft speed as a function of time.
// Time and Hz have the same length; Uncertainty is nil or holds one standard
// uncertainty per point, in Hz.
type SpeedProfile struct {
	Time        []float64 // s
	Hz          []float64 // shaft speed in Hz (revolutions per second)
	Uncertainty []float64 // standard uncertainty of Hz, in Hz; nil when unknown
}

// RPM writes the speed in revolutions per minute (60·Hz) into dst and
// returns it; a nil dst is allocated, a dst of another length than Hz
// panics.
func (p SpeedProfile) RPM(dst []float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(p.Hz))
	}
	if len(dst) != len(p.Hz) {
		panic("order: SpeedProfile.RPM dst length differs from the profile's")
	}
	for i, f := range p.Hz {
		dst[i] = 60 * f
	}
	return dst
}
