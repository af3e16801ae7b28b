package spindlemqtt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Frame is one block of accelerometer samples from one sensor. Its wire form
// (AppendFrame, DecodeFrame) is little-endian:
//
//	offset size  field
//	0      4     magic "SPF1"
//	4      8     Seq, uint64: frame counter of the sensor, from 0
//	12     8     Start, uint64: index of the first sample in the sensor's stream
//	20     8     Rate, float64: sample rate in Hz
//	28     4     n, uint32: number of samples
//	32     4·n   samples, float32, in g
//
// The sensor is named by the topic, not the frame.
type Frame struct {
	Seq     uint64
	Start   uint64
	Rate    float64   // Hz
	Samples []float32 // acceleration in g
}

// frameMagic starts every encoded frame.
const frameMagic = "SPF1"

// frameHeader is the size of the fixed part of an encoded frame.
const frameHeader = 32

// MaxFrameSamples bounds the samples in one frame (10 s at 102.4 kHz), so
// that a hostile header cannot make DecodeFrame allocate without limit.
const MaxFrameSamples = 1 << 20

// ErrFrame is wrapped by every error DecodeFrame returns.
var ErrFrame = errors.New("bad frame")

// AppendFrame appends the wire form of f to dst and returns the result. It
// panics if f holds more than MaxFrameSamples samples (a programmer error).
func AppendFrame(dst []byte, f *Frame) []byte {
	if len(f.Samples) > MaxFrameSamples {
		panic(fmt.Sprintf("spindlemqtt: frame of %d samples, at most %d", len(f.Samples), MaxFrameSamples))
	}
	dst = append(dst, frameMagic...)
	dst = binary.LittleEndian.AppendUint64(dst, f.Seq)
	dst = binary.LittleEndian.AppendUint64(dst, f.Start)
	dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(f.Rate))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(f.Samples)))
	for _, v := range f.Samples {
		dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
	}
	return dst
}

// DecodeFrame decodes data into dst, reusing dst.Samples' capacity. It
// checks the magic, that the length matches the sample count exactly, that
// the rate is finite and positive and that every sample is finite; errors
// wrap ErrFrame and say what was wrong and where.
func DecodeFrame(dst *Frame, data []byte) error {
	if len(data) < frameHeader {
		return fmt.Errorf("%w: %d bytes, shorter than the %d-byte header", ErrFrame, len(data), frameHeader)
	}
	if string(data[:4]) != frameMagic {
		return fmt.Errorf("%w: magic %q, want %q", ErrFrame, data[:4], frameMagic)
	}
	le := binary.LittleEndian
	seq, start := le.Uint64(data[4:]), le.Uint64(data[12:])
	rate := math.Float64frombits(le.Uint64(data[20:]))
	n := le.Uint32(data[28:])
	if !(rate > 0) || math.IsInf(rate, 0) {
		return fmt.Errorf("%w: frame %d: sample rate %v Hz, need a finite value > 0", ErrFrame, seq, rate)
	}
	if n == 0 || n > MaxFrameSamples {
		return fmt.Errorf("%w: frame %d: %d samples, need 1 to %d", ErrFrame, seq, n, MaxFrameSamples)
	}
	if want := frameHeader + 4*int(n); len(data) != want {
		return fmt.Errorf("%w: frame %d: %d bytes for %d samples, want %d", ErrFrame, seq, len(data), n, want)
	}
	s := dst.Samples[:0]
	if cap(s) < int(n) {
		s = make([]float32, 0, n)
	}
	for i := range int(n) {
		v := math.Float32frombits(le.Uint32(data[frameHeader+4*i:]))
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("%w: frame %d: sample %d (stream index %d) is %v", ErrFrame, seq, i, start+uint64(i), v)
		}
		s = append(s, v)
	}
	dst.Seq, dst.Start, dst.Rate, dst.Samples = seq, start, rate, s
	return nil
}
