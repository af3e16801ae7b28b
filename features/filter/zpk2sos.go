package filter

import (
	"math"
	"math/cmplx"
	"sort"
)

// zpk2sos pairs the zeros z and poles p (len(z) == len(p), conjugate
// pairs complete) into sections with the overall gain k in the first, as
// scipy.signal.zpk2sos with pairing 'nearest' for a digital filter:
// sections are filled from the last, each taking the remaining pole
// closest to the unit circle with its conjugate (or the next such real
// pole) and the zeros nearest to it.
func zpk2sos(z, p []complex128, k float64) SOS {
	n := (len(p) + 1) / 2
	if len(p)%2 == 1 {
		p = append(p, 0)
		z = append(z, 0)
	}
	z, p = cplxreal(z), cplxreal(p)
	sos := make(SOS, n)
	isReal := func(c complex128) bool { return imag(c) == 0 }
	countReal := func(v []complex128) int {
		c := 0
		for _, x := range v {
			if isReal(x) {
				c++
			}
		}
		return c
	}
	worst := func(v []complex128, idx []int) int {
		best, bi := math.Inf(1), -1
		for _, i := range idx {
			if d := math.Abs(1 - cmplx.Abs(v[i])); d < best {
				best, bi = d, i
			}
		}
		return bi
	}
	all := func(v []complex128) []int {
		idx := make([]int, len(v))
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	for si := n - 1; si >= 0; si-- {
		i1 := worst(p, all(p))
		p1 := p[i1]
		p = remove(p, i1)
		switch {
		case isReal(p1) && countReal(p) == 0:
			j := nearest(z, p1, wantReal)
			z1 := z[j]
			z = remove(z, j)
			sos[si] = section([]complex128{z1, 0}, []complex128{p1, 0})
		case len(p)+1 == len(z) && !isReal(p1) && countReal(p) == 1 && countReal(z) == 1:
			j := nearest(z, p1, wantComplex)
			z1 := z[j]
			z = remove(z, j)
			sos[si] = section([]complex128{z1, cmplx.Conj(z1)}, []complex128{p1, cmplx.Conj(p1)})
		default:
			var p2 complex128
			if isReal(p1) {
				var idx []int
				for i, x := range p {
					if isReal(x) {
						idx = append(idx, i)
					}
				}
				i2 := worst(p, idx)
				p2 = p[i2]
				p = remove(p, i2)
			} else {
				p2 = cmplx.Conj(p1)
			}
			if len(z) == 0 {
				sos[si] = section(nil, []complex128{p1, p2})
				break
			}
			j := nearest(z, p1, wantAny)
			z1 := z[j]
			z = remove(z, j)
			switch {
			case !isReal(z1):
				sos[si] = section([]complex128{z1, cmplx.Conj(z1)}, []complex128{p1, p2})
			case len(z) > 0:
				j2 := nearest(z, p1, wantReal)
				z2 := z[j2]
				z = remove(z, j2)
				sos[si] = section([]complex128{z1, z2}, []complex128{p1, p2})
			default:
				sos[si] = section([]complex128{z1}, []complex128{p1, p2})
			}
		}
	}
	for j := 0; j < 3; j++ {
		sos[0][j] *= k
	}
	return sos
}

// remove returns v without element i, keeping the order.
func remove(v []complex128, i int) []complex128 { return append(v[:i], v[i+1:]...) }

// Which elements nearest considers.
const (
	wantAny = iota
	wantReal
	wantComplex
)

// nearest returns the index of the element of v closest to to among the
// real, complex or any elements, as scipy's _nearest_real_complex_idx
// (ties to the lower index).
func nearest(v []complex128, to complex128, which int) int {
	best, bi := math.Inf(1), -1
	for i, x := range v {
		r := imag(x) == 0
		if (which == wantReal && !r) || (which == wantComplex && r) {
			continue
		}
		if d := cmplx.Abs(x - to); d < best {
			best, bi = d, i
		}
	}
	return bi
}

// section returns the section with zeros z and poles p (up to two each,
// as scipy's _single_zpksos): b = poly(z), a = poly(p), right-aligned,
// real parts.
func section(z, p []complex128) Section {
	var s Section
	b, a := poly(z), poly(p)
	for i, c := range b {
		s[3-len(b)+i] = real(c)
	}
	for i, c := range a {
		s[6-len(a)+i] = real(c)
	}
	return s
}

// poly returns the monic polynomial with roots r, highest power first,
// by successive convolution as numpy.poly.
func poly(r []complex128) []complex128 {
	c := []complex128{1}
	for _, x := range r {
		n := make([]complex128, len(c)+1)
		for i, ci := range c {
			n[i] += ci
			n[i+1] += ci * -x
		}
		c = n
	}
	return c
}

// cplxreal orders v as scipy's _cplxreal followed by concatenation: the
// complex values of positive imaginary part (each pair averaged with its
// conjugate), sorted by real part and then imaginary part, followed by
// the real values sorted.
func cplxreal(v []complex128) []complex128 {
	if len(v) == 0 {
		return v
	}
	const tol = 100 * 2.220446049250313e-16
	s := append([]complex128(nil), v...)
	sort.SliceStable(s, func(i, j int) bool {
		if real(s[i]) != real(s[j]) {
			return real(s[i]) < real(s[j])
		}
		return math.Abs(imag(s[i])) < math.Abs(imag(s[j]))
	})
	var zr []complex128
	var zp, zn []complex128
	for _, x := range s {
		switch {
		case math.Abs(imag(x)) <= tol*cmplx.Abs(x):
			zr = append(zr, complex(real(x), 0))
		case imag(x) > 0:
			zp = append(zp, x)
		default:
			zn = append(zn, x)
		}
	}
	// Runs of (nearly) equal real part are sorted by |imag|.
	for start := 0; start < len(zp); {
		stop := start + 1
		for stop < len(zp) && real(zp[stop])-real(zp[stop-1]) <= tol*cmplx.Abs(zp[stop-1]) {
			stop++
		}
		for _, chunk := range [][]complex128{zp[start:stop], zn[start:min(stop, len(zn))]} {
			sort.SliceStable(chunk, func(i, j int) bool { return math.Abs(imag(chunk[i])) < math.Abs(imag(chunk[j])) })
		}
		start = stop
	}
	out := make([]complex128, 0, len(v))
	for i := range zp {
		out = append(out, (zp[i]+cmplx.Conj(zn[i]))/2)
	}
	return append(out, zr...)
}
