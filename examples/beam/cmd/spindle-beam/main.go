// Command spindle-beam scores an IMS test folder on any Apache Beam runner:
// per-file features in parallel, then per-bearing-channel health
// indicators and alarms, written as JSON lines.
//
//	go run ./cmd/spindle-beam --input=/path/to/ims/1st_test --output=/tmp/scores
//	go run ./cmd/spindle-beam --runner=flink --endpoint=localhost:8099 --environment_type=LOOPBACK --input=... --output=...
//	go run ./cmd/spindle-beam --runner=dataflow --project=P --region=R --staging_location=gs://B/staging \
//	    --input=gs://B/ims/1st_test --output=gs://B/scores
//
// The runner defaults to prism, Beam's local portable runner; every runner
// and the gs://, s3:// and local filesystems are linked in (beamx). See
// docs/pipelines.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	spindlebeam "github.com/spindle-pdm/spindle/examples/beam"
)

var (
	input    = flag.String("input", "", "IMS test folder: a local path or a Beam filesystem URL (gs://, s3://) (required)")
	output   = flag.String("output", "", "output folder for health.jsonl, summary.jsonl, alarms.jsonl (required)")
	baseline = flag.Int("baseline_files", 0, "snapshots per channel in the healthy baseline (0: 50, at most half the run)")
	ratio    = flag.Float64("alarm_ratio", 0, "alarm when RMS ≥ this × baseline RMS (0: 2)")
	z        = flag.Float64("alarm_z", 0, "... and this many robust σ of ln RMS above it (0: 6)")
	run      = flag.Int("alarm_run", 0, "... for this many consecutive snapshots (0: 3)")
)

func main() {
	flag.Parse()
	beam.Init() // a no-op in the launcher; runs the worker when the runner starts this binary as one
	if err := score(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "spindle-beam:", err)
		os.Exit(1)
	}
}

// score builds the pipeline from the flags and runs it on --runner.
func score(ctx context.Context) error {
	if *input == "" || *output == "" {
		return fmt.Errorf("--input and --output are required")
	}
	p, s := beam.NewPipelineWithRoot()
	n, err := spindlebeam.Build(ctx, s, spindlebeam.Config{Input: *input, Output: *output,
		Score: spindlebeam.ScoreConfig{BaselineFiles: *baseline, AlarmRatio: *ratio, AlarmZ: *z, AlarmRun: *run}})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "spindle-beam: scoring %d snapshots from %s into %s\n", n, *input, *output)
	return beamx.Run(ctx, p)
}
