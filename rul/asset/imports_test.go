package asset_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImports keeps the package's place in the layering: it may import the
// standard library, gonum and Spindle's fft, features, anomaly and rul, and
// not datasets (data-set knowledge) nor anomaly/bearing.
func TestImports(t *testing.T) {
	allowed := map[string]bool{
		"github.com/spindle-pdm/spindle/fft":      true,
		"github.com/spindle-pdm/spindle/features": true,
		"github.com/spindle-pdm/spindle/anomaly":  true,
		"github.com/spindle-pdm/spindle/rul":      true,
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			std := !strings.Contains(strings.SplitN(p, "/", 2)[0], ".")
			if !std && !strings.HasPrefix(p, "gonum.org/") && !allowed[p] {
				t.Errorf("%s imports %s", name, p)
			}
		}
	}
}
