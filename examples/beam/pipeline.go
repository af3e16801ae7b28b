package spindlebeam

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/spindle-pdm/spindle/datasets"
)

func init() {
	register.DoFn3x1[context.Context, FileRef, func(string, Point), error](&ExtractFn{})
	register.Emitter2[string, Point]()
	register.DoFn5x1[string, func(*Point) bool, func(string), func(string), func(string), error](&ScoreFn{})
	register.Iter1[Point]()
	register.DoFn3x1[context.Context, []byte, func(*string) bool, error](&WriteSortedFn{})
	register.Iter1[string]()
	register.Emitter1[string]()
}

// Config configures Build.
type Config struct {
	// Input is an IMS test folder (files named by timestamp, e.g.
	// 2003.10.22.12.06.24): a local path, or a Beam filesystem URL such as
	// gs://bucket/ims/1st_test that the runner's workers can read.
	Input string
	// Output is the folder (local path or URL) that receives
	// health.jsonl, summary.jsonl and alarms.jsonl.
	Output string
	// Score sets the health rule.
	Score ScoreConfig
}

// Outputs are the file names Build writes under Config.Output.
var Outputs = [3]string{"health.jsonl", "summary.jsonl", "alarms.jsonl"}

// Build adds the scoring pipeline to s:
//
//	files (listed now with datasets.IMSFiles, in time order)
//	  → ParDo(ExtractFn): load each snapshot, features per channel   [parallel per file]
//	  → GroupByKey(channel)
//	  → ParDo(ScoreFn): baseline, health indicator, alarm per channel [parallel per channel]
//	  → health.jsonl (textio.Write, any order; one line per channel and file)
//	  → summary.jsonl, alarms.jsonl (one line per channel / alarm, sorted, always written)
//
// The input is listed while building, on the launching machine; an empty
// folder or a name that is not a timestamp is an error. It returns the
// number of files.
func Build(ctx context.Context, s beam.Scope, cfg Config) (int, error) {
	score, err := cfg.Score.withDefaults()
	if err != nil {
		return 0, err
	}
	files, err := datasets.IMSFiles(openFS(ctx, cfg.Input), ".")
	if err != nil {
		return 0, fmt.Errorf("spindlebeam: list %s: %w", cfg.Input, err)
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("spindlebeam: no IMS snapshot files in %s", cfg.Input)
	}
	refs := make([]FileRef, len(files))
	for i, f := range files {
		refs[i] = FileRef{Root: cfg.Input, Name: f.Name, Index: i, Unix: f.Time.Unix()}
	}
	s = s.Scope("spindle")
	in := beam.CreateList(s, refs)
	points := beam.ParDo(s, &ExtractFn{}, in)
	grouped := beam.GroupByKey(s, points)
	health, summary, alarms := beam.ParDo3(s, &ScoreFn{Config: score}, grouped)
	out := strings.TrimSuffix(cfg.Output, "/") + "/"
	textio.Write(s, out+Outputs[0], health)
	writeSorted(s, out+Outputs[1], summary)
	writeSorted(s, out+Outputs[2], alarms)
	return len(files), nil
}
