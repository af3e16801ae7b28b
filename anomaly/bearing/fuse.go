package bearing

import "github.com/spindle-pdm/spindle/features/fault"

// Reasons of a fused verdict (Diagnosis.Reason).
const (
	reasonFusedFault    = "one fault named by the channels that name any, none naming another"
	reasonFusedConflict = "the channels name different faults"
	reasonFusedHealthy  = "every channel is healthy"
	reasonFusedUnknown  = "no channel names a fault and not every channel is healthy"
)

// Fuse combines the diagnoses of one bearing seen by several sensors
// (channels of one machine: the drive-end and fan-end accelerometers, the
// horizontal and vertical axes) into one verdict, written into dst (nil
// allocates) and returned; the channel diagnoses are not changed.
//
// A fault named by at least one channel, and no other fault named by any
// channel, is the verdict, with the confidence, evidence, method and band
// of the channel that names it most confidently: a far sensor that sees
// nothing does not veto a near one that sees the fault. Channels naming
// different faults give Unknown. Healthy needs every channel healthy (each
// having earned it, see Diagnosis), at the lowest of their confidences;
// otherwise Unknown, at the highest Unknown confidence. Saturation and
// Health are those of the channel whose evidence is reported. It panics if
// ds is empty or holds a nil diagnosis (a programmer error).
func Fuse(dst *Diagnosis, ds ...*Diagnosis) *Diagnosis {
	if len(ds) == 0 {
		panic("bearing: Fuse of no diagnosis")
	}
	var named fault.Kind = fault.Unknown
	best, conflict, healthy := -1, false, true
	for i, d := range ds {
		if d == nil {
			panic("bearing: Fuse of a nil diagnosis")
		}
		healthy = healthy && d.Verdict == fault.Healthy
		if !d.Verdict.IsComponent() {
			continue
		}
		switch {
		case named == fault.Unknown:
			named = d.Verdict
		case d.Verdict != named:
			conflict = true
		}
		if best < 0 || d.Verdict == named && d.Confidence > ds[best].Confidence {
			best = i
		}
	}
	ref, verdict, reason := 0, fault.Unknown, reasonFusedUnknown
	switch {
	case conflict:
		reason = reasonFusedConflict
		ref = mostConfident(ds, func(d *Diagnosis) bool { return d.Verdict.IsComponent() })
	case best >= 0:
		ref, verdict, reason = best, named, reasonFusedFault
	case healthy:
		verdict, reason = fault.Healthy, reasonFusedHealthy
		for i, d := range ds {
			if d.Confidence < ds[ref].Confidence {
				ref = i
			}
		}
	default:
		ref = mostConfident(ds, func(d *Diagnosis) bool { return d.Verdict == fault.Unknown })
	}
	if dst == nil {
		dst = &Diagnosis{}
	}
	if dst != ds[ref] {
		copyDiagnosis(dst, ds[ref])
	}
	dst.Verdict, dst.Reason = verdict, reason
	return dst
}

// mostConfident returns the index of the most confident diagnosis that
// keep accepts, or 0 when none does.
func mostConfident(ds []*Diagnosis, keep func(*Diagnosis) bool) int {
	ref := -1
	for i, d := range ds {
		if keep(d) && (ref < 0 || d.Confidence > ds[ref].Confidence) {
			ref = i
		}
	}
	return max(ref, 0)
}

// copyDiagnosis deep-copies src into dst, reusing dst's slices.
func copyDiagnosis(dst, src *Diagnosis) {
	ev := dst.Evidence[:0]
	*dst = *src
	for _, e := range src.Evidence {
		var c FaultEvidence
		if len(ev) < cap(ev) {
			c = ev[:len(ev)+1][len(ev)]
		}
		h, s, m := c.Harmonics[:0], c.Sidebands[:0], c.Methods[:0]
		c = e
		c.Harmonics = append(h, e.Harmonics...)
		c.Sidebands = append(s, e.Sidebands...)
		c.Methods = append(m, e.Methods...)
		ev = append(ev, c)
	}
	dst.Evidence = ev
}
