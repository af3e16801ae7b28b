package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// bearingNames lists the designations -bearing accepts (aliases aside).
func bearingNames() []string {
	var names []string
	for _, b := range features.Bearings() {
		names = append(names, b.Name)
	}
	return names
}

// lookupBearing finds a catalogued bearing by designation or alias. A
// name that only abbreviates a designation ("6205" for 6205-2RS) is
// refused, like an unknown one, with the catalogue's close matches.
func lookupBearing(name string) (features.Bearing, error) {
	b, ok := features.LookupBearing(name)
	n := strings.ToLower(strings.TrimSpace(name))
	if ok && !(n != strings.ToLower(b.Name) && strings.Contains(strings.ToLower(b.Name), n)) {
		return b, nil
	}
	what := "is not catalogued"
	if ok {
		what = "is a partial designation"
	}
	msg := fmt.Sprintf("-bearing %q %s", name, what)
	if ok {
		msg += fmt.Sprintf("; did you mean %s?", b.Name)
	} else if close := closeBearings(n); close != nil {
		msg += fmt.Sprintf("; did you mean %s?", strings.Join(close, " or "))
	}
	return features.Bearing{}, fmt.Errorf("%s (known: %s); or give -orders, or the geometry with -elements, -element-diameter, -pitch-diameter and -contact-angle",
		msg, strings.Join(bearingNames(), ", "))
}

// closeBearings returns the catalogued designations close to the
// lower-cased name n: containing it or contained in it, sharing its first
// three characters, or within two edits.
func closeBearings(n string) []string {
	var out []string
	for _, d := range bearingNames() {
		l := strings.ToLower(d)
		if n == "" {
			continue
		}
		if strings.Contains(l, n) || strings.Contains(n, l) || (len(n) >= 3 && len(l) >= 3 && n[:3] == l[:3]) || editDistance(n, l) <= 2 {
			out = append(out, d)
		}
	}
	return out
}

// editDistance is the Levenshtein distance between a and b in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// ordersTolerance is the relative disagreement allowed between the four
// defect orders and the kinematics of one bearing geometry.
const ordersTolerance = 0.01

// bearingFromOrders returns a bearing geometry whose defect orders
// (features.Bearing.Multiples) are o: the diagnoser takes a geometry. With
// n elements and r = (d/D)·cos φ, BPFO + BPFI = n, BPFI − BPFO = n·r,
// FTF = (1 − r)/2 and BSF = (1 − r²)/(2·d/D). The orders must be those of
// a real bearing: BPFO + BPFI a whole number of elements and FTF
// consistent with BPFO and BPFI, within 1 %.
func bearingFromOrders(o datasets.DefectOrders, name string) (features.Bearing, error) {
	for _, v := range []float64{o.BPFO, o.BPFI, o.BSF, o.FTF} {
		if !(v > 0) || math.IsInf(v, 0) {
			return features.Bearing{}, fmt.Errorf("orders BPFO %v, BPFI %v, BSF %v, FTF %v: each must be finite and > 0", o.BPFO, o.BPFI, o.BSF, o.FTF)
		}
	}
	n := o.BPFO + o.BPFI
	elements := math.Round(n)
	r := (o.BPFI - o.BPFO) / n
	q := (1 - r*r) / (2 * o.BSF) // d/D
	if q < r && q >= r*(1-ordersTolerance) {
		q = r // a contact angle of 0 given to a few digits
	}
	switch {
	case elements < 1 || math.Abs(n-elements) > ordersTolerance*n:
		return features.Bearing{}, fmt.Errorf("BPFO + BPFI = %.4g is not a whole number of rolling elements", n)
	case r < 0:
		return features.Bearing{}, fmt.Errorf("BPFO %.4g exceeds BPFI %.4g", o.BPFO, o.BPFI)
	case math.Abs(o.FTF-(1-r)/2) > ordersTolerance*o.FTF:
		return features.Bearing{}, fmt.Errorf("FTF %.4g disagrees with BPFO and BPFI, which give %.4g", o.FTF, (1-r)/2)
	case !(q >= r) || q >= 1:
		return features.Bearing{}, fmt.Errorf("BSF %.4g is impossible with BPFO %.4g and BPFI %.4g", o.BSF, o.BPFO, o.BPFI)
	}
	b := features.Bearing{Name: name, Elements: int(elements), ElementDiameter: q, PitchDiameter: 1,
		ContactAngle: math.Acos(r/q) * 180 / math.Pi}
	return b, b.Validate()
}
