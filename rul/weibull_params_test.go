package rul

import (
	"errors"
	"math"
	"testing"
)

func TestWeibullFromL10(t *testing.T) {
	m, err := WeibullFromL10(ISO281Shape, 500)
	if err != nil {
		t.Fatal(err)
	}
	d, err := m.Predict(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	// 10 % of new units fail by the L10 life.
	if got := d.CDF(500); math.Abs(got-0.1) > 1e-12 {
		t.Errorf("CDF(L10) = %v, want 0.1", got)
	}
	if m.Shape() != 1.5 {
		t.Errorf("shape %v", m.Shape())
	}
	for _, bad := range [][2]float64{{0, 1}, {1, 0}, {math.NaN(), 1}, {1, math.Inf(1)}} {
		if _, err := NewWeibullModel(bad[0], bad[1]); !errors.Is(err, ErrBadInput) {
			t.Errorf("NewWeibullModel(%v) error %v", bad, err)
		}
		if _, err := WeibullFromL10(bad[0], bad[1]); !errors.Is(err, ErrBadInput) {
			t.Errorf("WeibullFromL10(%v) error %v", bad, err)
		}
	}
}
