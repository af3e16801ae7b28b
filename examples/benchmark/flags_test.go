package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseArgsListsEveryProblem(t *testing.T) {
	_, problems, help := parseArgs([]string{"foo", "-channel", "XX", "-segment", "-1"})
	assert.False(t, help)
	joined := strings.Join(problems, "\n")
	for _, want := range []string{`unknown suite "foo"`, `-channel "XX"`, "-segment -1"} {
		assert.Contains(t, joined, want)
	}
	_, problems, _ = parseArgs([]string{"ims", "-segment", "2"})
	assert.Equal(t, []string{"-segment applies to the cwru suite only, not ims"}, problems)
	_, problems, _ = parseArgs(nil)
	assert.Len(t, problems, 1)

	a, problems, _ := parseArgs([]string{"all", "-data", "d"})
	assert.Empty(t, problems)
	assert.Equal(t, args{suite: "all", data: "d", out: "bench-out", md: "BENCHMARKS.md", channel: "DE"}, a)
	_, _, help = parseArgs([]string{"cwru", "-h"})
	assert.True(t, help)
}

// TestUsageDocumentsEveryFlag: -h names every flag, its default and an
// example of its use.
func TestUsageDocumentsEveryFlag(t *testing.T) {
	var b bytes.Buffer
	usage(&b)
	text := b.String()
	var a args
	fl := newFlags(&a)
	n := 0
	for _, name := range []string{"data", "out", "md", "channel", "segment", "test"} {
		f := fl.Lookup(name)
		if assert.NotNil(t, f, name) {
			n++
			assert.Contains(t, text, "-"+name)
			assert.Contains(t, f.Usage, "e.g. -"+name, name)
			// PrintDefaults shows a non-zero default; a zero one must be told.
			shown := f.DefValue != "" && f.DefValue != "0"
			assert.True(t, shown || strings.Contains(f.Usage, "default"), "-%s has no default in its usage", name)
		}
	}
	count := 0
	fl.VisitAll(func(*flag.Flag) { count++ })
	assert.Equal(t, n, count, "a flag is not checked here")
	for _, s := range suites {
		assert.Contains(t, text, s.name)
	}
}
