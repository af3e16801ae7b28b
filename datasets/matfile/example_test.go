package matfile_test

import (
	"fmt"
	"log"
	"os"

	"github.com/spindle-pdm/spindle/datasets/matfile"
)

func ExampleDecode() {
	r, err := os.Open("testdata/v7z_mixed.mat") // written by scipy.io.savemat
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	f, err := matfile.Decode(r)
	if err != nil {
		log.Fatal(err)
	}

	u16, _ := f.Var("u16") // stored as uint16, returned as float64
	fmt.Println(u16.Class, u16.Dims, u16.Real)

	st, _ := f.Var("st") // a 1×1 struct with a nested struct
	rate, _ := st.Field("rate")
	sr, _ := rate.Scalar()
	inner, _ := st.Field("inner")
	label, _ := inner.Field("label")
	fmt.Println(st.FieldNames, sr, label.Text)

	rows, _ := f.Var("rows") // a 2×3 char array
	fmt.Printf("%q\n", rows.Text)
	// Output:
	// uint16 [4 1] [0 1797 48828 65535]
	// [rate name inner] 48828 deep
	// "abc\ndef"
}
