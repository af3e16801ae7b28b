package datasets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fetchFixture is a served file and a Fetcher pointed at a server for it.
type fetchFixture struct {
	content  []byte
	entry    ManifestEntry
	fetcher  *Fetcher
	requests atomic.Int32
	ranges   []string // Range headers received, in order
	mu       sync.Mutex
}

const fetchName = "cwru/12k_drive_end/999.mat"

// newFetchFixture starts a server whose handler is serve(n, w, r) for the
// n-th request (from 1) and a Fetcher with a one-entry manifest.
func newFetchFixture(t *testing.T, serve func(fx *fetchFixture, n int, w http.ResponseWriter, r *http.Request)) *fetchFixture {
	t.Helper()
	fx := &fetchFixture{content: make([]byte, 200_000)}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range fx.content {
		fx.content[i] = byte(rng.Uint32())
	}
	sum := sha256.Sum256(fx.content)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(fx.requests.Add(1))
		fx.mu.Lock()
		fx.ranges = append(fx.ranges, r.Header.Get("Range"))
		fx.mu.Unlock()
		serve(fx, n, w, r)
	}))
	t.Cleanup(srv.Close)
	fx.entry = ManifestEntry{Name: fetchName, URL: srv.URL + "/files/999.mat", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(fx.content))}
	fx.fetcher = &Fetcher{
		CacheDir: t.TempDir(),
		Client:   srv.Client(),
		Manifest: []ManifestEntry{fx.entry},
		Retries:  2,
		Backoff:  time.Millisecond,
	}
	return fx
}

func (fx *fetchFixture) final() string {
	return filepath.Join(fx.fetcher.CacheDir, filepath.FromSlash(fetchName))
}

// serveFull serves the content with Range support.
func serveFull(fx *fetchFixture, _ int, w http.ResponseWriter, r *http.Request) {
	http.ServeContent(w, r, "999.mat", time.Time{}, bytes.NewReader(fx.content))
}

// serveTruncated declares the full length but sends only the first half,
// ignoring any Range.
func serveTruncated(fx *fetchFixture, _ int, w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Length", fmt.Sprint(len(fx.content)))
	w.Write(fx.content[:len(fx.content)/2])
}

// assertCacheClean checks that a failed fetch left no final file, and at
// most a .partial holding a true prefix of the content.
func (fx *fetchFixture) assertCacheClean(t *testing.T) {
	t.Helper()
	_, err := os.Stat(fx.final())
	assert.ErrorIs(t, err, os.ErrNotExist, "no final file after a failure")
	entries, _ := os.ReadDir(filepath.Dir(fx.final()))
	for _, e := range entries {
		require.Equal(t, "999.mat.partial", e.Name(), "unexpected file in the cache")
		b, err := os.ReadFile(fx.final() + ".partial")
		require.NoError(t, err)
		assert.NotEmpty(t, b)
		assert.True(t, bytes.HasPrefix(fx.content, b), "the partial file is a prefix of the content")
	}
}

func TestFetchDownloadsOnceAndVerifies(t *testing.T) {
	fx := newFetchFixture(t, serveFull)
	var last, calls int64
	fx.fetcher.Progress = func(name string, done, total int64) {
		assert.Equal(t, fetchName, name)
		assert.Equal(t, fx.entry.Size, total)
		assert.GreaterOrEqual(t, done, last)
		last = done
		calls++
	}
	path, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	assert.Equal(t, fx.final(), path)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, fx.content, got)
	assert.Equal(t, fx.entry.Size, last)
	assert.Greater(t, calls, int64(1))
	_, err = os.Stat(path + ".partial")
	assert.ErrorIs(t, err, os.ErrNotExist)

	// Cached and verified: no second request.
	path2, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	assert.Equal(t, path, path2)
	assert.Equal(t, int32(1), fx.requests.Load())
}

func TestFetchReplacesCorruptCachedFile(t *testing.T) {
	fx := newFetchFixture(t, serveFull)
	require.NoError(t, os.MkdirAll(filepath.Dir(fx.final()), 0o755))
	bad := append([]byte(nil), fx.content...)
	bad[1000] ^= 0xFF
	require.NoError(t, os.WriteFile(fx.final(), bad, 0o644))
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	got, _ := os.ReadFile(fx.final())
	assert.Equal(t, fx.content, got)
	assert.Equal(t, int32(1), fx.requests.Load())
}

func TestFetchNotFoundIsNotRetried(t *testing.T) {
	fx := newFetchFixture(t, func(_ *fetchFixture, _ int, w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.Error(t, err)
	assert.ErrorContains(t, err, "404")
	assert.ErrorContains(t, err, fetchName)
	assert.Equal(t, int32(1), fx.requests.Load())
	fx.assertCacheClean(t)
	_, err = os.Stat(fx.final() + ".partial")
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestFetchWrongChecksum(t *testing.T) {
	fx := newFetchFixture(t, func(fx *fetchFixture, _ int, w http.ResponseWriter, r *http.Request) {
		bad := append([]byte(nil), fx.content...)
		bad[len(bad)-1] ^= 1
		http.ServeContent(w, r, "999.mat", time.Time{}, bytes.NewReader(bad))
	})
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrChecksum)
	assert.Equal(t, int32(3), fx.requests.Load(), "1 attempt + 2 retries")
	fx.assertCacheClean(t)
	_, err = os.Stat(fx.final() + ".partial")
	assert.ErrorIs(t, err, os.ErrNotExist, "a wrong file is not kept for resuming")
	for _, r := range fx.ranges {
		assert.Empty(t, r, "each retry starts from scratch")
	}
}

func TestFetchOverlongBody(t *testing.T) {
	fx := newFetchFixture(t, func(fx *fetchFixture, _ int, w http.ResponseWriter, _ *http.Request) {
		w.Write(append(append([]byte(nil), fx.content...), "trailing junk"...))
	})
	fx.fetcher.Retries = -1
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	assert.ErrorContains(t, err, "longer than the manifest")
	assert.Equal(t, int32(1), fx.requests.Load(), "negative Retries: one attempt")
	fx.assertCacheClean(t)
}

func TestFetchRetriesServerErrors(t *testing.T) {
	fx := newFetchFixture(t, func(fx *fetchFixture, n int, w http.ResponseWriter, r *http.Request) {
		if n <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		serveFull(fx, n, w, r)
	})
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	assert.Equal(t, int32(3), fx.requests.Load())
	got, _ := os.ReadFile(fx.final())
	assert.Equal(t, fx.content, got)

	// With fewer retries than failures it gives up, leaving nothing.
	fx2 := newFetchFixture(t, func(_ *fetchFixture, _ int, w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	})
	_, err = fx2.fetcher.Fetch(context.Background(), fetchName)
	assert.ErrorContains(t, err, "502")
	assert.ErrorContains(t, err, "attempt 3")
	fx2.assertCacheClean(t)
}

func TestFetchResumesTruncatedBody(t *testing.T) {
	fx := newFetchFixture(t, func(fx *fetchFixture, n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			serveTruncated(fx, n, w, r)
			return
		}
		serveFull(fx, n, w, r)
	})
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	got, _ := os.ReadFile(fx.final())
	assert.Equal(t, fx.content, got)
	require.Len(t, fx.ranges, 2)
	assert.Empty(t, fx.ranges[0])
	assert.Equal(t, fmt.Sprintf("bytes=%d-", len(fx.content)/2), fx.ranges[1])
}

// TestFetchResumesAcrossCalls: a fetch that runs out of retries keeps its
// verified-prefix .partial, and the next call resumes it.
func TestFetchResumesAcrossCalls(t *testing.T) {
	var broken atomic.Bool
	broken.Store(true)
	fx := newFetchFixture(t, func(fx *fetchFixture, n int, w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			serveTruncated(fx, n, w, r)
			return
		}
		serveFull(fx, n, w, r)
	})
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.Error(t, err)
	assert.ErrorContains(t, err, "attempt 3")
	fx.assertCacheClean(t)
	partial, err := os.ReadFile(fx.final() + ".partial")
	require.NoError(t, err)
	assert.Len(t, partial, len(fx.content)/2)

	broken.Store(false)
	_, err = fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	got, _ := os.ReadFile(fx.final())
	assert.Equal(t, fx.content, got)
	assert.Equal(t, fmt.Sprintf("bytes=%d-", len(fx.content)/2), fx.ranges[len(fx.ranges)-1])
}

func TestFetchServerIgnoringRangeRestarts(t *testing.T) {
	fx := newFetchFixture(t, func(fx *fetchFixture, _ int, w http.ResponseWriter, _ *http.Request) {
		w.Write(fx.content) // always 200, whole file
	})
	require.NoError(t, os.MkdirAll(filepath.Dir(fx.final()), 0o755))
	require.NoError(t, os.WriteFile(fx.final()+".partial", fx.content[:5000], 0o644))
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	got, _ := os.ReadFile(fx.final())
	assert.Equal(t, fx.content, got)
	assert.Equal(t, []string{"bytes=5000-"}, fx.ranges)
}

func TestFetchCorruptPartialIsRedone(t *testing.T) {
	fx := newFetchFixture(t, serveFull)
	require.NoError(t, os.MkdirAll(filepath.Dir(fx.final()), 0o755))
	bad := append([]byte(nil), fx.content[:5000]...)
	bad[10] ^= 0xFF
	require.NoError(t, os.WriteFile(fx.final()+".partial", bad, 0o644))
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	got, _ := os.ReadFile(fx.final())
	assert.Equal(t, fx.content, got)
	assert.Equal(t, []string{"bytes=5000-", ""}, fx.ranges, "resume, mismatch, then from scratch")
}

func TestFetchCancelled(t *testing.T) {
	release := make(chan struct{})
	fx := newFetchFixture(t, func(fx *fetchFixture, _ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(fx.content)))
		w.Write(fx.content[:65536])
		w.(http.Flusher).Flush()
		select { // stall until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	fx.fetcher.Progress = func(_ string, done, _ int64) {
		if done > 0 {
			cancel()
		}
	}
	start := time.Now()
	_, err := fx.fetcher.Fetch(ctx, fetchName)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, int32(1), fx.requests.Load(), "a cancelled fetch is not retried")
	fx.assertCacheClean(t)
}

func TestFetchConcurrentSameName(t *testing.T) {
	fx := newFetchFixture(t, serveFull)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = fx.fetcher.Fetch(context.Background(), fetchName)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), fx.requests.Load())
}

func TestFetchMirrorAndUnknownName(t *testing.T) {
	var paths []string
	fx := newFetchFixture(t, func(fx *fetchFixture, n int, w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		serveFull(fx, n, w, r)
	})
	fx.fetcher.Mirror = strings.TrimSuffix(fx.entry.URL, "/files/999.mat") + "/mirror/"
	_, err := fx.fetcher.Fetch(context.Background(), fetchName)
	require.NoError(t, err)
	assert.Equal(t, []string{"/mirror/" + fetchName}, paths)

	_, err = fx.fetcher.Fetch(context.Background(), "cwru/12k_drive_end/105.mat")
	assert.ErrorIs(t, err, ErrNotInManifest)

	// A manifest name may not climb out of the cache.
	fx.fetcher.Manifest = append(fx.fetcher.Manifest, ManifestEntry{Name: "../escape.mat", URL: fx.entry.URL, SHA256: fx.entry.SHA256})
	_, err = fx.fetcher.Fetch(context.Background(), "../escape.mat")
	assert.ErrorContains(t, err, "not a valid")
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg-cache-test")
	t.Setenv("HOME", "/tmp/home-test")
	dir, err := DefaultCacheDir()
	require.NoError(t, err)
	assert.Equal(t, "spindle", filepath.Base(dir))
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	f := &Fetcher{Backoff: 100 * time.Millisecond}
	for attempt, want := range []time.Duration{100, 200, 400, 800} {
		d := f.backoff(attempt)
		assert.GreaterOrEqual(t, d, want*time.Millisecond*3/4)
		assert.LessOrEqual(t, d, want*time.Millisecond*5/4)
	}
	assert.LessOrEqual(t, f.backoff(40), time.Minute*5/4)
	assert.GreaterOrEqual(t, (&Fetcher{}).backoff(0), 750*time.Millisecond)
}

// TestFetchConcurrentSeparateFetchers: Fetchers that share a cache but not
// their locks (as separate processes do) download the same file at once,
// starting from a resumable .partial; each must succeed with the verified
// file, and no temporary file is left behind.
func TestFetchConcurrentSeparateFetchers(t *testing.T) {
	fx := newFetchFixture(t, func(fx *fetchFixture, _ int, w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond) // let the fetches overlap
		serveFull(fx, 0, w, r)
	})
	for round := range 5 {
		require.NoError(t, os.MkdirAll(filepath.Dir(fx.final()), 0o755))
		os.Remove(fx.final())
		require.NoError(t, os.WriteFile(fx.final()+".partial", fx.content[:50_000+round], 0o644))
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			f := &Fetcher{CacheDir: fx.fetcher.CacheDir, Client: fx.fetcher.Client, Manifest: fx.fetcher.Manifest, Retries: -1} // its own locks
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.Fetch(context.Background(), fetchName)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			require.NoError(t, err, "round %d fetcher %d", round, i)
		}
		b, err := os.ReadFile(fx.final())
		require.NoError(t, err)
		require.True(t, bytes.Equal(fx.content, b), "round %d: the cached file is the content", round)
		entries, _ := os.ReadDir(filepath.Dir(fx.final()))
		require.Len(t, entries, 1, "round %d: only the final file is left", round)
	}
}
