package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultRetries is the number of retries a Fetcher makes when its Retries
// field is 0.
const DefaultRetries = 3

// Fetcher downloads manifest files into a local cache and verifies them.
//
// A file is downloaded to a temporary "<name>.partial.<random>" beside its
// final path that belongs to one fetch, checked against the manifest's size
// and SHA-256, and only then renamed into place, so the cache never holds a
// final file with wrong content. An interrupted download (cancelled
// context, dropped connection, truncated body) is kept as "<name>.partial",
// and the next attempt, in this call or a later one (by this Fetcher,
// another or another process), claims it by renaming it to a temporary
// name of its own and resumes it with an HTTP Range request; a .partial file that
// proves wrong (checksum mismatch, a body longer than the manifest says)
// is emptied and fetched again from the start, and none is left behind
// after a failure that leaves nothing to resume (404, wrong content).
//
// The zero Fetcher is ready to use. A Fetcher is safe for concurrent use;
// concurrent fetches of one name are serialised. Separate Fetchers and
// processes sharing a cache never write into one another's temporary file
// and every file is verified before it is renamed into place, so they are
// safe against corruption and failed renames, but may repeat work. A
// process killed mid-download leaves its "<name>.partial.<random>" behind.
type Fetcher struct {
	// CacheDir is the cache folder; "" means DefaultCacheDir(). Files keep
	// their manifest names beneath it, so os.DirFS(CacheDir) serves
	// LoadCWRU just as the shared data folder does.
	CacheDir string
	// Client makes the requests; nil means http.DefaultClient.
	Client *http.Client
	// Mirror, when set, replaces the publishers' URLs: a file is fetched
	// from Mirror + "/" + its manifest name.
	Mirror string
	// Manifest lists the fetchable files; nil means the built-in Manifest().
	Manifest []ManifestEntry
	// Retries is how many times a failed download is retried (so 1+Retries
	// attempts at most); 0 means DefaultRetries and a negative value none.
	// Cancellation, 404 and other client errors are not retried.
	Retries int
	// Backoff is the wait before the first retry, doubled for each
	// further one (with ±25% jitter, at most 1 minute); 0 means 1 second.
	Backoff time.Duration
	// Progress, when set, is called as data arrive with the bytes of name
	// in the cache so far (resumed bytes included) and the total, or -1 when
	// unknown. It runs on the fetching goroutine and must be quick.
	Progress func(name string, done, total int64)

	locks sync.Map // final path → *sync.Mutex
}

// DefaultCacheDir returns the default cache folder, "spindle" in the user's
// cache directory (os.UserCacheDir).
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("datasets: no default cache folder: %w", err)
	}
	return filepath.Join(dir, "spindle"), nil
}

// Fetch makes the manifest file name present and verified in the cache and
// returns its local path. A cached file whose SHA-256 matches is used as
// it is, without any request.
func (f *Fetcher) Fetch(ctx context.Context, name string) (string, error) {
	entry, ok := f.lookup(name)
	if !ok {
		return "", fmt.Errorf("datasets: fetch %s: %w", name, ErrNotInManifest)
	}
	if !fs.ValidPath(entry.Name) || entry.Name == "." {
		return "", fmt.Errorf("datasets: fetch %q: %w: not a valid slash-separated relative path", name, ErrInvalid)
	}
	dir := f.CacheDir
	if dir == "" {
		var err error
		if dir, err = DefaultCacheDir(); err != nil {
			return "", err
		}
	}
	final := filepath.Join(dir, filepath.FromSlash(entry.Name))
	mu, _ := f.locks.LoadOrStore(final, new(sync.Mutex))
	mu.(*sync.Mutex).Lock()
	defer mu.(*sync.Mutex).Unlock()

	if ok, err := verifyFile(final, entry); err != nil {
		return "", fmt.Errorf("datasets: fetch %s: %w", name, err)
	} else if ok {
		return final, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return "", fmt.Errorf("datasets: fetch %s: %w", name, err)
	}
	url := entry.URL
	if f.Mirror != "" {
		url = strings.TrimSuffix(f.Mirror, "/") + "/" + entry.Name
	}
	partial, err := claimPartial(final)
	if err != nil {
		return "", fmt.Errorf("datasets: fetch %s: %w", name, err)
	}
	retries := f.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	for attempt := 0; ; attempt++ {
		err := f.download(ctx, entry, url, partial)
		if err == nil {
			break
		}
		var tmp *transient
		if ctx.Err() != nil || !errors.As(err, &tmp) || attempt >= retries {
			if fi, serr := os.Stat(partial); !errors.As(err, &tmp) || (serr == nil && fi.Size() == 0) {
				os.Remove(partial) // proven wrong or empty: nothing to resume
			} else {
				// Keep the verified prefix for a later call to resume.
				os.Rename(partial, final+partialSuffix)
			}
			return "", fmt.Errorf("datasets: fetch %s from %s (attempt %d): %w", name, url, attempt+1, err)
		}
		if err := sleep(ctx, f.backoff(attempt)); err != nil {
			os.Rename(partial, final+partialSuffix)
			return "", fmt.Errorf("datasets: fetch %s from %s: %w", name, url, err)
		}
	}
	if err := os.Rename(partial, final); err != nil {
		os.Remove(partial)
		return "", fmt.Errorf("datasets: fetch %s: %w", name, err)
	}
	return final, nil
}

// partialSuffix names the resumable prefix of an interrupted download.
const partialSuffix = ".partial"

// claimPartial returns a temporary path beside final that belongs to this
// fetch alone: "<final>.partial.<random>". When a resumable
// "<final>.partial" is there, it is renamed to that path, so that of two
// fetchers (or processes) sharing the cache only one resumes it and the
// other starts afresh; neither can write into or rename the other's file.
func claimPartial(final string) (string, error) {
	for {
		tmp := final + partialSuffix + "." + strconv.FormatUint(rand.Uint64(), 36)
		if _, err := os.Lstat(tmp); err == nil {
			continue // taken: draw again
		}
		err := os.Rename(final+partialSuffix, tmp)
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return tmp, nil
		}
		return "", err
	}
}

func (f *Fetcher) lookup(name string) (ManifestEntry, bool) {
	if f.Manifest == nil {
		return LookupManifest(name)
	}
	for _, e := range f.Manifest {
		if e.Name == name {
			return e, true
		}
	}
	return ManifestEntry{}, false
}

func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.Backoff
	if d <= 0 {
		d = time.Second
	}
	for i := 0; i < attempt && d < time.Minute; i++ {
		d *= 2
	}
	d = min(d, time.Minute)
	return d*3/4 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// transient marks a failure worth retrying; the .partial file it leaves is
// empty or a prefix of the file as the server sent it.
type transient struct{ err error }

func (t *transient) Error() string { return t.err.Error() }
func (t *transient) Unwrap() error { return t.err }

// download brings partial to the complete, verified file, resuming what it
// already holds. Errors other than *transient mean partial must go.
func (f *Fetcher) download(ctx context.Context, entry ManifestEntry, url, partial string) (err error) {
	file, err := os.OpenFile(partial, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := file.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	h := sha256.New()
	have, err := io.Copy(h, file)
	if err != nil {
		return err
	}
	restart := func() error {
		have = 0
		h.Reset()
		return file.Truncate(0)
	}
	if have > entry.Size && entry.Size > 0 {
		if err := restart(); err != nil {
			return err
		}
	}
	if have > 0 && have == entry.Size {
		if hex.EncodeToString(h.Sum(nil)) == entry.SHA256 {
			return file.Sync()
		}
		if err := restart(); err != nil {
			return err
		}
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return &transient{err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		if start, ok := rangeStart(resp.Header.Get("Content-Range")); !ok || start != have {
			if err := restart(); err != nil {
				return err
			}
			return &transient{fmt.Errorf("%w: server resumed at %q, not byte %d", ErrDownload, resp.Header.Get("Content-Range"), have)}
		}
	case resp.StatusCode == http.StatusOK:
		if err := restart(); err != nil { // the server ignored the Range
			return err
		}
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		if err := restart(); err != nil {
			return err
		}
		return &transient{fmt.Errorf("%w: HTTP %s for a resume at byte %d", ErrDownload, resp.Status, have)}
	case resp.StatusCode == http.StatusRequestTimeout, resp.StatusCode == http.StatusTooManyRequests,
		resp.StatusCode >= 500:
		return &transient{fmt.Errorf("%w: HTTP %s", ErrDownload, resp.Status)}
	default:
		return fmt.Errorf("%w: HTTP %s", ErrDownload, resp.Status)
	}
	if _, err := file.Seek(have, io.SeekStart); err != nil {
		return err
	}

	total := int64(-1)
	body := io.Reader(resp.Body)
	if entry.Size > 0 {
		total = entry.Size
		body = io.LimitReader(resp.Body, entry.Size-have+1) // +1 reveals an overlong body
	} else if resp.ContentLength >= 0 {
		total = have + resp.ContentLength
	}
	w := &progressWriter{f: file, h: h, done: have, total: total, name: entry.Name, progress: f.Progress}
	if f.Progress != nil {
		f.Progress(entry.Name, have, total)
	}
	n, err := io.Copy(w, body)
	got := have + n
	if err != nil {
		if ctx.Err() != nil {
			return &transient{ctx.Err()}
		}
		return &transient{fmt.Errorf("after %d bytes: %w", got, err)}
	}
	if entry.Size > 0 && got < entry.Size {
		return &transient{fmt.Errorf("body truncated: %d of %d bytes: %w", got, entry.Size, io.ErrUnexpectedEOF)}
	}
	// A wrong file is thrown away and fetched again from the start: the
	// fault may lie in a resumed prefix.
	if entry.Size > 0 && got > entry.Size {
		if err := restart(); err != nil {
			return err
		}
		return &transient{fmt.Errorf("%w: body longer than the manifest's %d bytes", ErrDownload, entry.Size)}
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != entry.SHA256 {
		if err := restart(); err != nil {
			return err
		}
		return &transient{fmt.Errorf("%w: got %s, want %s", ErrChecksum, sum, entry.SHA256)}
	}
	return file.Sync()
}

// rangeStart parses the first byte of "bytes start-end/total".
func rangeStart(cr string) (int64, bool) {
	rest, ok := strings.CutPrefix(cr, "bytes ")
	if !ok {
		return 0, false
	}
	start, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(start, 10, 64)
	return n, err == nil
}

// progressWriter writes to the file and the hash and reports progress.
type progressWriter struct {
	f           *os.File
	h           hash.Hash
	done, total int64
	name        string
	progress    func(string, int64, int64)
}

func (w *progressWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.h.Write(p[:n])
	w.done += int64(n)
	if w.progress != nil {
		w.progress(w.name, w.done, w.total)
	}
	return n, err
}

// verifyFile reports whether path holds the entry's content. A missing
// file is (false, nil).
func verifyFile(path string, entry ManifestEntry) (bool, error) {
	file, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer file.Close()
	if fi, err := file.Stat(); err != nil || (entry.Size > 0 && fi.Size() != entry.Size) {
		return false, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, file); err != nil {
		return false, err
	}
	return hex.EncodeToString(h.Sum(nil)) == entry.SHA256, nil
}
