package fft

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentPlans runs one plan of each kind from many goroutines at
// once, every goroutine checking its results against answers computed
// serially. Run it under the race detector:
//
//	go test -race -run Concurrent ./fft/
func TestConcurrentPlans(t *testing.T) {
	const goroutines, rounds = 16, 20
	for _, n := range []int{1024, 360, 97, 1009, 4097} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p, rp := must(NewPlan(n)), must(NewRealPlan(n))
			inputs := make([][]complex128, goroutines)
			realIn := make([][]float64, goroutines)
			want := make([][]complex128, goroutines)
			wantR := make([][]complex128, goroutines)
			for g := range inputs {
				inputs[g] = randComplex(n, uint64(g))
				realIn[g] = randReal(n, uint64(g))
				want[g] = p.Forward(nil, inputs[g])
				wantR[g] = rp.Forward(nil, realIn[g])
			}
			var wg sync.WaitGroup
			errs := make([]error, goroutines)
			for g := 0; g < goroutines; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					dst := make([]complex128, n)
					back := make([]complex128, n)
					rdst := make([]complex128, rp.Bins())
					rback := make([]float64, n)
					for r := 0; r < rounds; r++ {
						p.Forward(dst, inputs[g])
						p.Inverse(back, dst)
						rp.Forward(rdst, realIn[g])
						rp.Inverse(rback, rdst)
						for k := range dst {
							if dst[k] != want[g][k] {
								errs[g] = fmt.Errorf("goroutine %d round %d: complex bin %d = %v, want %v", g, r, k, dst[k], want[g][k])
								return
							}
						}
						for k := range rdst {
							if rdst[k] != wantR[g][k] {
								errs[g] = fmt.Errorf("goroutine %d round %d: real bin %d = %v, want %v", g, r, k, rdst[k], wantR[g][k])
								return
							}
						}
						if e := maxAbsDiff(back, inputs[g]); e > 1e-12 {
							errs[g] = fmt.Errorf("goroutine %d round %d: complex round trip error %g", g, r, e)
							return
						}
						for j := range rback {
							if d := rback[j] - realIn[g][j]; d > 1e-12 || d < -1e-12 {
								errs[g] = fmt.Errorf("goroutine %d round %d: real round trip error %g at %d", g, r, d, j)
								return
							}
						}
					}
				}(g)
			}
			wg.Wait()
			for _, err := range errs {
				assert.NoError(t, err)
			}
		})
	}
}

// TestZeroAllocs checks that transforms into a provided dst allocate
// nothing in steady state. sync.Pool drops items at random under the race
// detector, so the test is skipped there.
func TestZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool is deliberately lossy under the race detector")
	}
	for _, n := range []int{1, 2, 3, 16, 1024, 4096, 360, 12000, 20480, 97, 1009, 4097, 10007} {
		p, rp := must(NewPlan(n)), must(NewRealPlan(n))
		x, xr := randComplex(n, 1), randReal(n, 1)
		dst, rdst, rback := make([]complex128, n), make([]complex128, rp.Bins()), make([]float64, n)
		cases := map[string]func(){
			"Plan.Forward":         func() { p.Forward(dst, x) },
			"Plan.Inverse":         func() { p.Inverse(dst, x) },
			"Plan.Forward/inplace": func() { p.Forward(dst, dst) },
			"RealPlan.Forward":     func() { rp.Forward(rdst, xr) },
			"RealPlan.Inverse":     func() { rp.Inverse(rback, rdst) },
		}
		for name, f := range cases {
			allocs := testing.AllocsPerRun(50, f)
			require.Zero(t, allocs, "%s n=%d", name, n)
		}
	}
}
