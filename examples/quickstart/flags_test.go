package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseFlagsListsEveryProblem(t *testing.T) {
	_, problems, help := parseFlags([]string{"-channel", "-3", "-bearing", "Bearing2_1", "-data", "/no/such/file", "-out", ""})
	assert.False(t, help)
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"-data /no/such/file", "-bearing applies", "-channel -3", "-out is empty"} {
		assert.Contains(t, joined, want)
	}
	o, problems, _ := parseFlags(nil)
	assert.Empty(t, problems)
	assert.Equal(t, "Bearing1_1", o.bearing)
	_, _, help = parseFlags([]string{"-out", "x", "-h"})
	assert.True(t, help)
}

// TestUsageDocumentsEveryFlag: -h names every flag with its default and an
// example.
func TestUsageDocumentsEveryFlag(t *testing.T) {
	var b bytes.Buffer
	usage(&b)
	var o options
	fl := newFlags(&o)
	fl.VisitAll(func(f *flag.Flag) {
		assert.Contains(t, b.String(), "-"+f.Name)
		assert.Contains(t, f.Usage, "e.g. -"+f.Name, f.Name)
		shown := f.DefValue != "" && f.DefValue != "0" // PrintDefaults shows it
		assert.True(t, shown || strings.Contains(f.Usage, "default"), "-%s has no default in its usage", f.Name)
	})
}
