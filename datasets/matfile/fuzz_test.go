package matfile

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
)

// FuzzDecode checks that no input panics or breaks the invariants of a
// decoded Var. Run:
//
//	go test -run='^$' -fuzz=FuzzDecode -fuzztime=60s -fuzzminimizetime=2s ./datasets/matfile/
//
// (the default minimisation budget of 60 s per new input stalls progress on
// the 3 KB seeds).
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"v5_mixed.mat", "v7z_mixed.mat"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		f.Add(cwruLike(order))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, v := range file.Vars {
			checkVar(t, v)
		}
	})
}

func checkVar(t *testing.T, v *Var) {
	if len(v.Dims) < 2 {
		t.Fatalf("%q: %d dims", v.Name, len(v.Dims))
	}
	switch {
	case v.Numeric():
		if len(v.Real) != v.Len() || (v.Complex && len(v.Imag) != v.Len()) || (!v.Complex && v.Imag != nil) {
			t.Fatalf("%q: %d real, %d imag values for dims %v", v.Name, len(v.Real), len(v.Imag), v.Dims)
		}
	case v.Class == ClassCell:
		if len(v.Cells) != v.Len() {
			t.Fatalf("%q: %d cells for dims %v", v.Name, len(v.Cells), v.Dims)
		}
		for _, c := range v.Cells {
			checkVar(t, c)
		}
	case v.Class == ClassStruct:
		if len(v.Fields) != len(v.FieldNames) {
			t.Fatalf("%q: %d fields, %d names", v.Name, len(v.Fields), len(v.FieldNames))
		}
		for _, vals := range v.Fields {
			if len(vals) != v.Len() {
				t.Fatalf("%q: %d field values for dims %v", v.Name, len(vals), v.Dims)
			}
			for _, c := range vals {
				checkVar(t, c)
			}
		}
	}
}
