package spindlebeam

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs the pipelines on Beam's local prism runner unless
// -args -runner=... says otherwise, with the runner's INFO logs silenced.
func TestMain(m *testing.M) {
	slog.SetLogLoggerLevel(slog.LevelWarn)
	ptest.Main(m)
}

// Fixture: 24 snapshots, 10 minutes apart, 4 channels of 2048 samples of
// Gaussian noise at 0.1 g; channel 3 (bearing 3) steps to 0.35 g from
// snapshot faultAt. With the default rule (baseline = first 12 files, ratio
// 2, run 3) its alarm is due at snapshot faultAt+2.
const (
	fixtureFiles = 24
	faultAt      = 16
)

// writeFixture writes the fixture files through write(name, text).
func writeFixture(t *testing.T, write func(name string, text []byte)) {
	rng := rand.New(rand.NewPCG(5, 6))
	start := time.Date(2004, 2, 12, 10, 32, 39, 0, time.UTC)
	for k := range fixtureFiles {
		ts := start.Add(time.Duration(k) * 10 * time.Minute)
		// Not zero-padded, as some IMS names: time order is not name order.
		name := fmt.Sprintf("%d.%d.%d.%d.%d.%d", ts.Year(), ts.Month(), ts.Day(), ts.Hour(), ts.Minute(), ts.Second())
		var b strings.Builder
		for range 2048 {
			for c := range 4 {
				sd := 0.1
				if c == 2 && k >= faultAt {
					sd = 0.35
				}
				if c > 0 {
					b.WriteByte('\t')
				}
				fmt.Fprintf(&b, "%.3f", sd*rng.NormFloat64())
			}
			b.WriteByte('\n')
		}
		write(name, []byte(b.String()))
	}
}

// run builds and runs the pipeline and returns its three outputs' lines.
func run(t *testing.T, cfg Config) (health []Health, summary []Summary, alarms []Health) {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	n, err := Build(context.Background(), s, cfg)
	require.NoError(t, err)
	require.Positive(t, n)
	require.NoError(t, ptest.Run(p))
	read := func(name string, each func(line []byte)) {
		ctx := context.Background()
		path := strings.TrimSuffix(cfg.Output, "/") + "/" + name
		fs, err := filesystem.New(ctx, path)
		require.NoError(t, err)
		defer fs.Close()
		r, err := fs.OpenRead(ctx, path)
		require.NoError(t, err, "output %s", path)
		defer r.Close()
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			each(sc.Bytes())
		}
		require.NoError(t, sc.Err())
	}
	decode := func(dst any, line []byte) { require.NoError(t, json.Unmarshal(line, dst), "%s", line) }
	read(Outputs[0], func(l []byte) { var h Health; decode(&h, l); health = append(health, h) })
	read(Outputs[1], func(l []byte) { var s Summary; decode(&s, l); summary = append(summary, s) })
	read(Outputs[2], func(l []byte) { var a Health; decode(&a, l); alarms = append(alarms, a) })
	slices.SortFunc(health, func(a, b Health) int {
		return cmpOr(strings.Compare(a.Channel, b.Channel), a.Index-b.Index)
	})
	slices.SortFunc(summary, func(a, b Summary) int { return strings.Compare(a.Channel, b.Channel) })
	return health, summary, alarms
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// checkFixture checks the pipeline's output on the fixture folder dir
// against features computed directly from datasets.LoadIMSSnapshot.
func checkFixture(t *testing.T, health []Health, summary []Summary, alarms []Health, fsys interface {
	load(name string) *datasets.Snapshot
}) {
	require.Len(t, health, 4*fixtureFiles)
	require.Len(t, summary, 4)
	for i, h := range health {
		c, k := i/fixtureFiles, i%fixtureFiles
		require.Equal(t, fmt.Sprintf("bearing%d/ch%d", c+1, c+1), h.Channel)
		require.Equal(t, k, h.Index, "snapshots in time order")
		snap := fsys.load(h.File)
		want, err := features.ComputeTimeFeatures(snap.Channels[c])
		require.NoError(t, err)
		assert.Equal(t, want.RMS, h.RMS, "%s %s", h.Channel, h.File)
		assert.Equal(t, want.Kurtosis, h.Kurtosis)
		assert.Equal(t, snap.Time.Unix(), h.Unix)
	}
	for c, s := range summary {
		assert.Equal(t, fixtureFiles, s.Snapshots)
		assert.Equal(t, fixtureFiles/2, s.Baseline)
		assert.InDelta(t, 0.1, s.BaselineRMS, 0.003)
		if c != 2 {
			assert.Nil(t, s.Alarm, s.Channel)
			assert.Less(t, s.MaxHealth, 1.1)
		}
	}
	require.Len(t, alarms, 1)
	a := alarms[0]
	assert.Equal(t, "bearing3/ch3", a.Channel)
	assert.Equal(t, faultAt+2, a.Index, "third consecutive high snapshot")
	assert.InDelta(t, 3.5, a.Health, 0.15)
	assert.Equal(t, &a, summary[2].Alarm)
}

type dirLoader struct {
	t   *testing.T
	dir string
}

func (d dirLoader) load(name string) *datasets.Snapshot {
	s, err := datasets.LoadIMSSnapshot(os.DirFS(d.dir), name)
	require.NoError(d.t, err)
	return s
}

func TestPipelineFixture(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeFixture(t, func(name string, text []byte) {
		require.NoError(t, os.WriteFile(filepath.Join(in, name), text, 0o644))
	})
	health, summary, alarms := run(t, Config{Input: in, Output: out})
	checkFixture(t, health, summary, alarms, dirLoader{t, in})
}

// TestPipelineBeamFilesystem reads the input and writes the output through
// Beam's filesystem registry (memfs:// here; gs:// or s3:// on a cluster).
func TestPipelineBeamFilesystem(t *testing.T) {
	ctx := context.Background()
	root := fmt.Sprintf("memfs://%s/in", t.Name())
	files := map[string][]byte{}
	writeFixture(t, func(name string, text []byte) {
		files[name] = text
		path := root + "/" + name
		fs, err := filesystem.New(ctx, path)
		require.NoError(t, err)
		w, err := fs.OpenWrite(ctx, path)
		require.NoError(t, err)
		_, err = w.Write(text)
		require.NoError(t, err)
		require.NoError(t, w.Close())
	})
	health, summary, alarms := run(t, Config{Input: root, Output: fmt.Sprintf("memfs://%s/out", t.Name())})
	checkFixture(t, health, summary, alarms, memLoader{t, files})
}

type memLoader struct {
	t     *testing.T
	files map[string][]byte
}

func (m memLoader) load(name string) *datasets.Snapshot {
	var d datasets.IMSDecoder
	var s datasets.Snapshot
	require.NoError(m.t, d.Decode(&s, name, m.files[name]))
	return &s
}

func TestBuildErrors(t *testing.T) {
	_, s := beam.NewPipelineWithRoot()
	_, err := Build(context.Background(), s, Config{Input: t.TempDir(), Output: t.TempDir()})
	require.ErrorContains(t, err, "no IMS snapshot files")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o644))
	_, err = Build(context.Background(), s, Config{Input: dir, Output: t.TempDir()})
	require.ErrorContains(t, err, `"notes.txt" is not a timestamp`)

	_, err = Build(context.Background(), s, Config{Input: filepath.Join(dir, "missing"), Output: t.TempDir()})
	require.Error(t, err)

	_, err = Build(context.Background(), s, Config{Input: dir, Score: ScoreConfig{AlarmRatio: 0.5}})
	require.ErrorContains(t, err, "AlarmRatio > 1")
}

// TestPipelineIMS scores the real IMS test 1 files beside the project and
// checks each channel's mean |x| against the third-party summary of the
// whole test, which dropped each file's first sample row:
// summary = (n·mean|x| − |x₀|)/(n − 1).
func TestPipelineIMS(t *testing.T) {
	root := testenv.DataDir(t, "ims")
	in := filepath.Join(root, "1st_test")
	files, err := datasets.IMSFiles(os.DirFS(in), ".")
	require.NoError(t, err)
	f, err := os.Open(filepath.Join(root, "summary", "merged_dataset_BearingTest_1.csv"))
	require.NoError(t, err)
	defer f.Close()
	sum, err := datasets.ReadIMSSummary(f)
	require.NoError(t, err)

	health, summary, alarms := run(t, Config{Input: in, Output: t.TempDir()})
	require.Len(t, health, 8*len(files))
	require.Len(t, summary, 8)
	assert.Empty(t, alarms, "the first files of test 1 are early life")
	loader := dirLoader{t, in}
	for _, h := range health {
		var b, c int
		_, err := fmt.Sscanf(h.Channel, "bearing%d/ch%d", &b, &c)
		require.NoError(t, err)
		require.Equal(t, (c+1)/2, b)
		col := sum.Channel(fmt.Sprintf("Bearing %d C%d", b, 2-c%2))
		require.GreaterOrEqual(t, col, 0)
		row := slices.IndexFunc(sum.Time, func(tm time.Time) bool { return tm.Unix() == h.Unix })
		require.GreaterOrEqual(t, row, 0, "summary row for %s", h.File)
		x := loader.load(h.File).Channels[c-1]
		n := float64(len(x))
		want := sum.Values[col][row]
		got := (n*h.MeanAbs - math.Abs(x[0])) / (n - 1)
		assert.InDelta(t, want, got, 1e-12*want, "%s %s", h.Channel, h.File)
	}
	for _, s := range summary {
		t.Logf("%s: baseline RMS %.4f g over %d files, last health %.3f, max kurtosis %.2f",
			s.Channel, s.BaselineRMS, s.Baseline, s.LastHealth, s.MaxKurtosis)
	}
}
