package order

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
)

// Saved Resampler state, little-endian, 98 + 16·buffered bytes:
//
//	offset size   field
//	0      4      magic "SPRS"
//	4      1      version (1)
//	5      8      SampleRate, float64 bits     } the configuration, defaults
//	13     8      SamplesPerRev, uint64        } filled in: saved only to
//	21     8      MinSpeedHz, float64 bits     } check that the receiver
//	29     8      CutoffHz, float64 bits       } was built with the same
//	37     8      Taps, uint64                 }
//	45     1      flags: 1 started, 2 ended (flushed)
//	46     8      base: stream index of the first buffered sample, int64
//	54     8      real: samples pushed, int64
//	62     8      next: grid index of the next output angle, int64
//	70     8      first: grid index of the first output angle, int64
//	78     8      scan: sample index where the angle search resumes, int64
//	86     8      buffered samples n, uint64
//	94     8·n    the buffered samples, float64 bits
//	…      8·n    their angles (rev), float64 bits
//	…      4      CRC-32 (IEEE) of everything before it
const (
	resamplerMagic   = "SPRS"
	resamplerVersion = 1
	resamplerHeader  = 94
)

// MaxStateSamples is the most buffered samples Resampler.UnmarshalBinary
// accepts (512 MiB of buffers), so that a hostile state cannot make it
// allocate without limit. A Resampler buffers more only while the shaft
// stands still for as many samples.
const MaxStateSamples = 1 << 25

// AppendBinary appends the Resampler's state (its configuration, stream
// position and the buffered samples the filter still needs, 98 + 16 bytes
// per buffered sample) to dst and returns the extended slice; it allocates
// only when dst lacks capacity. The error is always nil. Restoring it with
// UnmarshalBinary and pushing the rest of the signal gives bit for bit the
// output of the uninterrupted Resampler.
func (r *Resampler) AppendBinary(dst []byte) ([]byte, error) {
	n := len(dst)
	le := binary.LittleEndian
	dst = append(dst, resamplerMagic...)
	dst = append(dst, resamplerVersion)
	dst = le.AppendUint64(dst, math.Float64bits(r.cfg.SampleRate))
	dst = le.AppendUint64(dst, uint64(r.cfg.SamplesPerRev))
	dst = le.AppendUint64(dst, math.Float64bits(r.cfg.MinSpeedHz))
	dst = le.AppendUint64(dst, math.Float64bits(r.cfg.CutoffHz))
	dst = le.AppendUint64(dst, uint64(r.cfg.Taps))
	var flags byte
	if r.started {
		flags |= 1
	}
	if r.ended {
		flags |= 2
	}
	dst = append(dst, flags)
	for _, v := range [...]int64{r.base, r.real, r.next, r.first, r.scan} {
		dst = le.AppendUint64(dst, uint64(v))
	}
	dst = le.AppendUint64(dst, uint64(len(r.buf)))
	for _, v := range r.buf {
		dst = le.AppendUint64(dst, math.Float64bits(v))
	}
	for _, v := range r.rev {
		dst = le.AppendUint64(dst, math.Float64bits(v))
	}
	return le.AppendUint32(dst, crc32.ChecksumIEEE(dst[n:])), nil
}

// MarshalBinary returns the Resampler's state (see AppendBinary). The
// error is always nil.
func (r *Resampler) MarshalBinary() ([]byte, error) {
	return r.AppendBinary(make([]byte, 0, resamplerHeader+16*len(r.buf)+4))
}

// UnmarshalBinary restores a state saved by MarshalBinary or AppendBinary
// into r. The configuration and its filter table are configuration, not
// state: r must have been built by NewResampler with the same
// configuration (compared after defaults are filled in; a zero Resampler
// is refused). It validates the whole state first (format, version,
// checksum, the receiver's configuration, at most MaxStateSamples
// buffered, finite samples and non-decreasing angles, the zero padding
// before the signal and after Flush, and a stream position the Resampler
// can reach) and returns an error wrapping ErrState, leaving r unchanged,
// when anything is wrong. It allocates only when r's buffers are shorter
// than the state's.
func (r *Resampler) UnmarshalBinary(data []byte) error {
	le := binary.LittleEndian
	if len(data) < resamplerHeader+4 || string(data[:4]) != resamplerMagic {
		return fmt.Errorf("%w: resampler state of %d bytes: not a saved state", ErrState, len(data))
	}
	if data[4] != resamplerVersion {
		return fmt.Errorf("%w: resampler state version %d, this code reads version %d", ErrState, data[4], resamplerVersion)
	}
	body := len(data) - 4
	if got, want := crc32.ChecksumIEEE(data[:body]), le.Uint32(data[body:]); got != want {
		return fmt.Errorf("%w: resampler state checksum %08x, want %08x: corrupted", ErrState, got, want)
	}
	u := func(off int) uint64 { return le.Uint64(data[off:]) }
	f := func(off int) float64 { return math.Float64frombits(u(off)) }
	cfg := ResamplerConfig{SampleRate: f(5), SamplesPerRev: int(u(13)), MinSpeedHz: f(21), CutoffHz: f(29), Taps: int(u(37))}
	if r.table == nil || u(13) != uint64(r.cfg.SamplesPerRev) || u(37) != uint64(r.cfg.Taps) ||
		u(5) != math.Float64bits(r.cfg.SampleRate) || u(21) != math.Float64bits(r.cfg.MinSpeedHz) || u(29) != math.Float64bits(r.cfg.CutoffHz) {
		return fmt.Errorf("%w: resampler state of %+v, the receiver has %+v", ErrState, cfg, r.cfg)
	}
	flags := data[45]
	started, ended := flags&1 != 0, flags&2 != 0
	base, real, next, first, scan := int64(u(46)), int64(u(54)), int64(u(62)), int64(u(70)), int64(u(78))
	n := u(86)
	if flags > 3 || n > MaxStateSamples || uint64(body-resamplerHeader) != 16*n {
		return fmt.Errorf("%w: resampler state flags %d with %d buffered samples in %d bytes", ErrState, flags, n, body-resamplerHeader)
	}
	buf := func(i int) float64 { return f(resamplerHeader + 8*i) }
	rev := func(i int) float64 { return f(resamplerHeader + 8*(int(n)+i)) }
	for i := range 2 * int(n) {
		if v := f(resamplerHeader + 8*i); !finite(v) {
			return fmt.Errorf("%w: resampler state buffer entry %d is %v", ErrState, i, v)
		}
	}
	if err := r.checkPosition(started, ended, base, real, next, first, scan, int64(n), buf, rev); err != nil {
		return err
	}
	if cap(r.buf) < int(n) {
		r.buf, r.rev = make([]float64, n), make([]float64, n)
	}
	r.buf, r.rev = r.buf[:n], r.rev[:n]
	for i := range r.buf {
		r.buf[i], r.rev[i] = buf(i), rev(i)
	}
	r.started, r.ended = started, ended
	r.base, r.real, r.next, r.first, r.scan = base, real, next, first, scan
	return nil
}

// checkPosition reports, wrapping ErrState, a stream position (see the
// Resampler's fields) that the Resampler cannot reach; buf and rev give
// the n buffered samples and angles.
func (r *Resampler) checkPosition(started, ended bool, base, real, next, first, scan, n int64, buf, rev func(int) float64) error {
	bad := func(what string) error {
		return fmt.Errorf("%w: resampler state %s (started %v, ended %v, base %d, pushed %d, next %d, first %d, scan %d, buffered %d)",
			ErrState, what, started, ended, base, real, next, first, scan, n)
	}
	if !started {
		if ended || n != 0 || real != 0 || scan != 0 {
			return bad("holds samples before the first push")
		}
		return nil
	}
	half := int64(r.half)
	const maxGrid = 1 << 53
	tail := int64(0)
	if ended {
		tail = half + 2
	}
	switch {
	case real < 1 || real > math.MaxInt64/2:
		return bad("has pushed no samples")
	case scan < 0 || scan >= real:
		return bad("searches outside the samples pushed")
	case base < -half || base > scan-half || base+n != real+tail:
		return bad("buffers the wrong samples")
	case first < -maxGrid || next > maxGrid || next < first:
		return bad("has an output angle out of range")
	}
	at := func(i int64) int { return int(i - base) } // buffer index of stream index i
	prev := math.Inf(-1)
	for i := base; i < base+n; i++ {
		switch x, v := buf(at(i)), rev(at(i)); {
		case i < 0 && (x != 0 || v != 0):
			return bad("has a non-zero padding before the signal")
		case i >= real && (x != 0 || v != rev(at(real-1))):
			return bad("has a padding after Flush that is not zero at the last angle")
		case i >= 0 && v < prev:
			return bad("has decreasing angles")
		case i >= 0:
			prev = v
		}
	}
	spr := float64(r.cfg.SamplesPerRev)
	switch {
	case base <= 0 && first != int64(math.Ceil(rev(at(0))*spr)):
		return bad("has a first output angle other than the first sample's")
	case scan > 0 && !(rev(at(scan)) < float64(next)/spr):
		return bad("searches beyond the next output angle")
	case next > first && !(float64(next-1)/spr <= rev(at(min(scan+1, real-1)))):
		return bad("has emitted angles beyond the samples")
	}
	return nil
}
