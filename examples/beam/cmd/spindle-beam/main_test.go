package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	spindlebeam "github.com/spindle-pdm/spindle/examples/beam"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	slog.SetLogLoggerLevel(slog.LevelWarn)
	os.Exit(m.Run())
}

// TestRunners runs the command's pipeline, unchanged, on two different Beam
// runners over the real IMS files (prism: the portable local runner;
// direct: the in-process runner), and renders it with the dot runner, and
// checks that both executions agree.
func TestRunners(t *testing.T) {
	in := filepath.Join(testenv.DataDir(t, "ims"), "1st_test")
	summaries := map[string][]spindlebeam.Summary{}
	for _, runner := range []string{"prism", "direct"} {
		out := t.TempDir()
		setFlags(t, map[string]string{"runner": runner, "input": in, "output": out})
		require.NoError(t, score(context.Background()), runner)
		f, err := os.Open(filepath.Join(out, "summary.jsonl"))
		require.NoError(t, err)
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var s spindlebeam.Summary
			require.NoError(t, json.Unmarshal(sc.Bytes(), &s))
			summaries[runner] = append(summaries[runner], s)
		}
		f.Close()
		require.Len(t, summaries[runner], 8, runner)
	}
	assert.Equal(t, summaries["prism"], summaries["direct"])

	dot := filepath.Join(t.TempDir(), "pipeline.dot")
	setFlags(t, map[string]string{"runner": "dot", "dot_file": dot, "input": in, "output": t.TempDir()})
	require.NoError(t, score(context.Background()))
	b, err := os.ReadFile(dot)
	require.NoError(t, err)
	assert.Contains(t, string(b), "ExtractFn")
}

// setFlags sets command-line flags for one run.
func setFlags(t *testing.T, kv map[string]string) {
	for k, v := range kv {
		require.NoError(t, flag.Set(k, v), k)
	}
}
