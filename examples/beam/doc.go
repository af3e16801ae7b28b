// Package spindlebeam scores a fleet's vibration snapshots in batch on
// Apache Beam's Go SDK: one pipeline reads an IMS test folder, extracts
// Spindle's time-domain features of every channel of every file in
// parallel, groups them per bearing channel, and writes per-channel health
// indicators and alarms as JSON lines.
//
// The pipeline is built once (Build) and runs unchanged on any Beam runner:
// prism (Beam's local portable runner, the default, used by the tests),
// direct, or a portable job service such as Flink and Spark, or Dataflow —
// chosen by the --runner flag of cmd/spindle-beam (see docs/pipelines.md).
// Input and output may be local paths or any Beam filesystem URL
// (gs://, s3://, memfs://).
//
// The package has its own go.mod: Beam's dependency tree is large and
// stays out of Spindle's core module.
package spindlebeam
