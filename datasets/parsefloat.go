package datasets

import (
	"math"
	"strconv"
)

// decPow10 holds the powers of ten that are exact in float64.
var decPow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// parseDecimal parses s, a plain decimal number as written by printf-style
// formatting: an optional sign, digits with an optional decimal point (at
// least one digit in all), and an optional exponent (e or E, optional sign,
// digits), for example "-0.022", "5.", ".5" or "1.0004e+005". It also
// accepts the words strconv.ParseFloat accepts for NaN and infinity. Hex
// floats and digit separators are rejected.
//
// The result is the correctly rounded float64, bit for bit what
// strconv.ParseFloat returns: short inputs (at most 19 significant digits
// forming a mantissa below 2^53, scaled by a power of ten that is exact in
// float64) take Clinger's fast path, one exact conversion and one correctly
// rounded multiplication or division; everything else is handed to
// strconv.ParseFloat. ok is false when s is not such a number, or is out of
// the float64 range.
func parseDecimal[T ~string | ~[]byte](s T) (v float64, ok bool) {
	n := len(s)
	i := 0
	neg := false
	if i < n && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	if i < n && (s[i]|0x20 == 'i' || s[i]|0x20 == 'n') {
		return parseSpecial(s)
	}
	var mant uint64
	sig := 0    // significant digits accumulated into mant
	digits := 0 // all digits seen, leading zeros included
	exp10 := 0  // decimal exponent adjustment from digits after the point or dropped
	slow := false
	for ; i < n && s[i]-'0' <= 9; i++ {
		digits++
		d := uint64(s[i] - '0')
		if sig == 0 && d == 0 {
			continue
		}
		if sig < 19 {
			mant = mant*10 + d
			sig++
		} else {
			slow = true
		}
	}
	if i < n && s[i] == '.' {
		i++
		for ; i < n && s[i]-'0' <= 9; i++ {
			digits++
			d := uint64(s[i] - '0')
			if sig == 0 && d == 0 {
				exp10--
				continue
			}
			if sig < 19 {
				mant = mant*10 + d
				sig++
				exp10--
			} else {
				slow = true
			}
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < n && s[i]|0x20 == 'e' {
		i++
		eneg := false
		if i < n && (s[i] == '-' || s[i] == '+') {
			eneg = s[i] == '-'
			i++
		}
		start := i
		e := 0
		for ; i < n && s[i]-'0' <= 9; i++ {
			if e < 100000 {
				e = e*10 + int(s[i]-'0')
			}
		}
		if i == start {
			return 0, false
		}
		if eneg {
			e = -e
		}
		exp10 += e
	}
	if i != n {
		return 0, false
	}
	if !slow && mant>>53 == 0 {
		f := float64(mant)
		switch {
		case mant == 0:
			f = 0
		case exp10 == 0:
		case exp10 > 0 && exp10 <= 22:
			f *= decPow10[exp10]
		case exp10 < 0 && exp10 >= -22:
			f /= decPow10[-exp10]
		default:
			return parseSlow(s)
		}
		if neg {
			f = -f
		}
		return f, true
	}
	return parseSlow(s)
}

// scanPlainDecimal is the fast path of the text loaders: it parses the
// number at data[p:] when it has the common short form -ddd.ddd (an
// optional minus, at most 15 digits in all, no exponent) and returns it with
// the index just past its last digit. ok is false when the text there has
// another form; the caller then finds the field's end and uses
// parseDecimal, which also handles everything this declines. Whether the
// number ends at a field boundary is for the caller to check. The result is
// correctly rounded: the digits form an integer below 2^53, exact in
// float64, and one IEEE division by an exact power of ten rounds once.
func scanPlainDecimal(data []byte, p int) (v float64, end int, ok bool) {
	n := len(data)
	neg := p < n && data[p] == '-'
	if neg {
		p++
	}
	var mant uint64
	start := p
	for ; p < n; p++ {
		c := data[p] - '0'
		if c > 9 {
			break
		}
		mant = mant*10 + uint64(c)
	}
	nd := p - start
	frac := 0
	if p < n && data[p] == '.' {
		p++
		fstart := p
		for ; p < n; p++ {
			c := data[p] - '0'
			if c > 9 {
				break
			}
			mant = mant*10 + uint64(c)
		}
		frac = p - fstart
	}
	if nd+frac == 0 || nd+frac > 15 {
		return 0, p, false
	}
	v = float64(mant)
	if frac > 0 {
		v /= decPow10[frac]
	}
	if neg {
		v = -v
	}
	return v, p, true
}

// parseSpecial accepts the NaN and infinity spellings of strconv.ParseFloat.
func parseSpecial[T ~string | ~[]byte](s T) (float64, bool) {
	if len(s) > 9 { // "-infinity" is the longest
		return 0, false
	}
	return parseSlow(s)
}

// parseSlow defers to strconv.ParseFloat for inputs the fast path cannot
// round exactly. Values out of the float64 range are rejected.
func parseSlow[T ~string | ~[]byte](s T) (float64, bool) {
	v, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// isFinite reports whether v is neither NaN nor an infinity.
func isFinite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}
