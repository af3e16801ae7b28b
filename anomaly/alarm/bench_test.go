package alarm

import "testing"

func BenchmarkUpdate(b *testing.B) {
	a, err := New(testConfig)
	if err != nil {
		b.Fatal(err)
	}
	_, xs := walk(11, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := a.Update(float64(i)*0.5, xs[i&1023]); err != nil {
			b.Fatal(err)
		}
	}
}

func TestUpdateAllocs(t *testing.T) {
	a, _ := New(testConfig)
	_, xs := walk(5, 100)
	i := 0
	if n := testing.AllocsPerRun(100, func() {
		a.Update(float64(i)*0.5, xs[i%100])
		i++
	}); n != 0 {
		t.Errorf("Update allocates %v times per call", n)
	}
}
