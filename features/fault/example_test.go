package fault_test

import (
	"encoding/json"
	"fmt"

	"github.com/spindle-pdm/spindle/features/fault"
)

// A verdict and a record's label are the same type: compare them with ==
// and write them as JSON text.
func Example() {
	label := fault.InnerRace // as a data set's loader labels a record
	verdict := fault.InnerRace
	b, _ := json.Marshal(map[string]fault.Kind{"truth": label, "verdict": verdict})
	fmt.Println(string(b), verdict == label, verdict.Line())
	// Output: {"truth":"inner_race","verdict":"inner_race"} true BPFI
}
