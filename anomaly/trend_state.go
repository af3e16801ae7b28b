package anomaly

// maxTrendWindow bounds Window in a restored record: up to it the tie
// correction, a sum of integers below 2·Window³, is exact in float64, so
// restore can check it against the window.
const maxTrendWindow = 1 << 16

// MarshalBinary saves the detector's configuration, its time and sample
// rings and the running Mann–Kendall sums (see state.go for the format);
// it never fails.
func (tr *Trend) MarshalBinary() ([]byte, error) {
	w := tr.cfg.Window
	e := newEncoder(tagTrend, 8*(2*w+6))
	e.int(w)
	e.f64(tr.cfg.Alpha)
	e.f64(tr.t...)
	e.f64(tr.x...)
	e.int(tr.head, tr.n, tr.s)
	e.f64(tr.tieTerm, tr.tied)
	return e.b, nil
}

// UnmarshalBinary restores a detector saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. It recounts S, the tie correction and the tied pairs from the
// saved window in O(Window²) and rejects a record whose sums disagree.
// The restored detector allocates its Theil–Sen scratch on its first Slope
// call, so that restore allocates only O(Window), a small multiple of the
// record. A corrupt record returns an error wrapping ErrState and leaves
// tr unchanged.
func (tr *Trend) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagTrend, "Trend")
	var f TrendConfig
	f.Window = d.int("Window", 3, maxTrendWindow)
	f.Alpha = d.f64()
	d.need(8 * 2 * f.Window)
	if d.err != nil {
		return d.err
	}
	if !(f.Alpha > 0 && f.Alpha < 1) {
		d.fail("Alpha = %g, want 0 < Alpha < 1", f.Alpha)
		return d.err
	}
	r := newTrendBuffers(f)
	w := f.Window
	d.finites("times", r.t)
	d.finites("samples", r.x)
	r.head = d.int("head", 0, w-1)
	r.n = d.int("count", 0, w)
	r.s = d.int("S", -w*w, w*w)
	r.tieTerm, r.tied = d.f64(), d.f64()
	if err := d.finish(); err != nil {
		return err
	}
	s, tieTerm, tied := r.recount()
	if s != r.s || tieTerm != r.tieTerm || tied != r.tied {
		d.fail("sums S %d, ties %g, tied pairs %g; the window gives %d, %g, %g", r.s, r.tieTerm, r.tied, s, tieTerm, tied)
		return d.err
	}
	*tr = *r
	return nil
}

// recount returns S, the tie correction and the tied pairs of the window
// as MannKendall counts them, in O(Window²).
func (tr *Trend) recount() (s int, tieTerm, tied float64) {
	w := tr.cfg.Window
	for i := 0; i < tr.n; i++ {
		xi := tr.x[(tr.head+i)%w]
		equal := 0
		for j := 0; j < i; j++ {
			switch v := tr.x[(tr.head+j)%w]; {
			case xi > v:
				s++
			case xi < v:
				s--
			default:
				equal++
			}
		}
		tieTerm += mkTie(equal+1) - mkTie(equal)
		tied += float64(equal)
	}
	return s, tieTerm, tied
}
