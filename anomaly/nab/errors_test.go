package nab

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Every error the package returns wraps ErrInput or ErrFormat.
func TestErrorsWrapSentinels(t *testing.T) {
	t0 := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, c := range map[string]struct {
		err  error
		want error
	}{
		"NaN score":       {second(Detections(nil, []float64{0, math.NaN()}, 0.5)), ErrInput},
		"row scores":      {second(Score(make([]float64, 2), make([]bool, 3), nil, Standard, 0)), ErrInput},
		"window outside":  {second(Score(nil, make([]bool, 3), []RowWindow{{First: 1, Last: 5}}, Standard, 0)), ErrInput},
		"windows overlap": {second(Score(nil, make([]bool, 9), []RowWindow{{First: 1, Last: 5}, {First: 4, Last: 6}}, Standard, 0)), ErrInput},
		"normalise":       {second(Normalize(1, 0, 0)), ErrInput},
		"window no row":   {second(WindowRows([]time.Time{t0}, []Window{{Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour)}})), ErrInput},
		"windows json":    {second(ReadWindows(strings.NewReader("{"))), ErrFormat},
		"window pair":     {second(ReadWindows(strings.NewReader(`{"a": [["2014-01-01 00:00:00"]]}`))), ErrFormat},
		"profiles json":   {second(ReadProfiles(strings.NewReader("["))), ErrFormat},
		"profile weights": {second(ReadProfiles(strings.NewReader(`{"s": {"CostMatrix": {"tpWeight": 1}}}`))), ErrFormat},
		"thresholds json": {second(ReadThresholds(strings.NewReader("x"))), ErrFormat},
	} {
		assert.True(t, errors.Is(c.err, c.want), "%s: %v", name, c.err)
	}
}

func second[T any](_ T, err error) error { return err }
