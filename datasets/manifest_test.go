package datasets

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManifestEntries(t *testing.T) {
	m := Manifest()
	require.Len(t, m, 61)
	for i, e := range m {
		if i > 0 {
			assert.Less(t, m[i-1].Name, e.Name)
		}
		n, err := strconv.Atoi(strings.TrimSuffix(path.Base(e.Name), ".mat"))
		require.NoError(t, err, e.Name)
		info, ok := LookupCWRU(n)
		require.True(t, ok, e.Name)
		assert.Equal(t, "cwru/"+info.Table+"/"+strconv.Itoa(n)+".mat", e.Name)
		assert.Equal(t, "https://engineering.case.edu/sites/default/files/"+strconv.Itoa(n)+".mat", e.URL)
		assert.Len(t, e.SHA256, 64)
		_, err = hex.DecodeString(e.SHA256)
		assert.NoError(t, err)
		assert.Greater(t, e.Size, int64(900_000))
		got, ok := LookupManifest(e.Name)
		assert.True(t, ok)
		assert.Equal(t, e, got)
	}
	_, ok := LookupManifest("cwru/12k_drive_end/104.mat")
	assert.False(t, ok)
}

// TestManifestMatchesSharedData checks every checksum and size against the
// shared data folder's SHA256SUMS and files, and hashes one file in full.
func TestManifestMatchesSharedData(t *testing.T) {
	testenv.DataDir(t, "cwru")
	root := testenv.Root()
	sums, err := os.Open(filepath.Join(root, "SHA256SUMS"))
	require.NoError(t, err)
	defer sums.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(sums)
	for sc.Scan() {
		sum, p, ok := strings.Cut(sc.Text(), "  ")
		if ok && strings.HasPrefix(p, "./cwru/") {
			want[strings.TrimPrefix(p, "./")] = sum
		}
	}
	require.NoError(t, sc.Err())
	require.Len(t, want, 61)
	for _, e := range Manifest() {
		assert.Equal(t, want[e.Name], e.SHA256, e.Name)
		fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(e.Name)))
		require.NoError(t, err)
		assert.Equal(t, fi.Size(), e.Size, e.Name)
	}
	e, _ := LookupManifest("cwru/12k_drive_end/105.mat")
	f, err := os.Open(filepath.Join(root, "cwru", "12k_drive_end", "105.mat"))
	require.NoError(t, err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	require.NoError(t, err)
	assert.Equal(t, e.SHA256, hex.EncodeToString(h.Sum(nil)))
}

// TestFetchFromCacheMadeOfSharedData: a cache folder that already holds the
// verified originals needs no network (the client here fails every request).
func TestFetchFromCacheMadeOfSharedData(t *testing.T) {
	testenv.DataDir(t, "cwru")
	f := &Fetcher{CacheDir: testenv.Root(), Client: &http.Client{Transport: failTransport{}}}
	p, err := f.Fetch(context.Background(), "cwru/normal/97.mat")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(testenv.Root(), "cwru", "normal", "97.mat"), p)
}

type failTransport struct{}

func (failTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("network used")
}
