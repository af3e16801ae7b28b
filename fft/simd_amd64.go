//go:build goexperiment.simd

package fft

// The SIMD path: with GOEXPERIMENT=simd on amd64, and a CPU with AVX2 and
// FMA, the radix-2, 3, 4, 5 and 8 passes with an even stride s, the first
// pass (s = 1) of radix 4 or 8 with an even number of blocks m, which
// includes pass8Real, and the untangling of the real spectrum (for an even
// number of pairs) run on 256-bit vectors of float64 from simd/archsimd,
// two complex values to a vector. Passes with an odd stride (odd lengths
// and first passes of radix 2, 3 and 5), odd block or pair counts and
// every other kernel (generic odd radices, Rader, Bluestein, tangle) run
// in pure Go.
//
// A vector holds the interleaved real and imaginary parts of two adjacent
// complex values. The passes with s ≥ 2 vectorise over q, two columns at
// a time, so both lanes of a vector share the twiddles of their p, which
// are broadcast; first passes and untangle vectorise over p or k, with a
// twiddle per lane, laid out at plan time (laneTwiddles).

import (
	"simd/archsimd"
	"unsafe"
)

// useSIMD is set when the CPU has the AVX2 and FMA instructions the SIMD
// kernels use. Tests clear it to run the pure-Go kernels.
var useSIMD = archsimd.X86.AVX2() && archsimd.X86.FMA()

// vec holds two complex128 values as (re, im, re, im).
type vec = archsimd.Float64x4

// simdPass runs pass g from x into y with the SIMD kernels when the CPU
// has them and the stride is even, or the pass is a first pass of radix 4
// or 8 with an even m, and reports whether it did.
//
// Every kernel entry point clears the upper halves of the vector registers
// when it is done (VZEROUPPER): Go's scalar float code is legacy SSE, which
// the CPU slows down while those halves are dirty (a loop of scalar sums
// ran 1.2-1.3 times as long).
func simdPass(y, x []complex128, g *stage) bool {
	if !useSIMD {
		return false
	}
	if g.s == 1 && g.vtw != nil {
		if g.r == 4 {
			pass4FirstV(y, floats(x), g.vtw, g.m)
		} else {
			pass8FirstV(y, floats(x), g.vtw, g.m)
		}
		archsimd.ClearAVXUpperBits()
		return true
	}
	if g.s%2 != 0 {
		return false
	}
	switch g.r {
	case 2:
		pass2V(y, x, g.tw, g.s, g.m)
	case 3:
		pass3V(y, x, g.tw, g.s, g.m)
	case 4:
		pass4V(y, x, g.tw, g.s, g.m)
	case 5:
		pass5V(y, x, g.tw, g.s, g.m)
	case 8:
		pass8V(y, x, g.tw, g.s, g.m)
	default:
		return false
	}
	archsimd.ClearAVXUpperBits()
	return true
}

// addr returns the address of x[0]; x must not be empty. The kernels
// check the length of each slice once and then address its elements by
// byte offsets from pointers they advance, which keeps bounds checks,
// slice headers and index arithmetic out of their loops (indexed, the
// loops ran out of general registers and spilled; offsets from a fixed
// pointer took 5-20 % longer). A loop advances its pointers only when another
// iteration follows, so that none points past the end of its slice, which
// would be invalid (checkptr, the garbage collector).
func addr(x []complex128) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(x)) }

// cb is the size of a complex128 in bytes.
const cb = 16

// ld returns the vector of the two complex values at b+off.
func ld(b unsafe.Pointer, off int) vec {
	return archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(b, off)))
}

// st stores v into the two complex values at b+off.
func st(b unsafe.Pointer, off int, v vec) { v.Store((*[4]float64)(unsafe.Add(b, off))) }

// st1 stores the 128-bit vector v into the complex value at b+off.
func st1(b unsafe.Pointer, off int, v archsimd.Float64x2) {
	v.Store((*[2]float64)(unsafe.Add(b, off)))
}

// swap exchanges the real and imaginary parts of both lanes.
func swap(a vec) vec { return a.SelectFromPairGrouped(1, 0, a) }

// tw2 is a twiddle broadcast to both lanes, split into its real and
// imaginary parts.
type tw2 struct{ re, im vec }

// bcast returns w broadcast as a tw2.
func bcast(w complex128) tw2 {
	return tw2{archsimd.BroadcastFloat64x4(real(w)), archsimd.BroadcastFloat64x4(imag(w))}
}

// mul returns a·w in both lanes: a·re(w) ∓ swap(a)·im(w) on the real
// and imaginary parts. (MulAddSub subtracts in the even elements and adds
// in the odd ones, like VFMADDSUB; its Go 1.26 doc comment has the parity
// the wrong way round.)
func (w tw2) mul(a vec) vec { return a.MulAddSub(w.re, swap(a).Mul(w.im)) }

// laneTwiddles lays out twiddles for vectors whose two lanes are
// multiplied by different twiddles, a(i) and b(i), i < n: for each i the
// four floats re a(i), im a(i), re b(i), im b(i), a vector that ldTw
// splits into a tw2 with two in-lane shuffles. (Storing the split and
// duplicated parts instead, eight floats, saved the shuffles but doubled
// the table and was no faster.)
func laneTwiddles(n int, a, b func(i int) complex128) []float64 {
	t := make([]float64, twf*n)
	for i := 0; i < n; i++ {
		u, v := a(i), b(i)
		e := t[twf*i : twf*i+twf]
		e[0], e[1], e[2], e[3] = real(u), imag(u), real(v), imag(v)
	}
	return t
}

// twb is the size in bytes of an entry of a table from laneTwiddles, twf
// in float64s.
const (
	twb = 32
	twf = twb / 8
)

// ldTw returns the tw2 at b+off in a table from laneTwiddles.
func ldTw(b unsafe.Pointer, off int) tw2 {
	w := ld(b, off)
	return tw2{w.SelectFromPairGrouped(0, 0, w), w.SelectFromPairGrouped(1, 1, w)}
}

// signs holds (1, -1, 1, -1): swap(a)·signs is -i·a.
var signs = [4]float64{1, -1, 1, -1}

// negI returns -i·a, given sgn = signs.
func negI(a, sgn vec) vec { return swap(a).Mul(sgn) }

// faddr returns the address of x[0]; x must not be empty.
func faddr(x []float64) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(x)) }
