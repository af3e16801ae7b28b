package order

import (
	"errors"
	"reflect"
	"testing"
)

// checkStateRejects checks that unmarshal refuses every truncation and
// every single-bit flip of the saved state good with an error wrapping
// ErrState, and that snapshot (a copy of the receiver's state) is
// unchanged by each refusal.
func checkStateRejects(t *testing.T, good []byte, unmarshal func([]byte) error, snapshot func() any) {
	t.Helper()
	before := snapshot()
	try := func(data []byte, what string, i int) {
		t.Helper()
		if err := unmarshal(data); !errors.Is(err, ErrState) {
			t.Fatalf("%s %d: error %v, want ErrState", what, i, err)
		}
		if !reflect.DeepEqual(before, snapshot()) {
			t.Fatalf("%s %d: the refused state changed the receiver", what, i)
		}
	}
	for n := range len(good) {
		try(good[:n], "truncation to", n)
	}
	for i := range 8 * len(good) {
		bad := append([]byte(nil), good...)
		bad[i/8] ^= 1 << (i % 8)
		try(bad, "bit flip", i)
	}
}
