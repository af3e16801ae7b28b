package datasets_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/spindle-pdm/spindle/datasets"
)

func ExampleFetcher_Fetch() {
	// Real use needs only a cache folder; the built-in manifest points at
	// the CWRU Bearing Data Center:
	//
	//	f := &datasets.Fetcher{CacheDir: dir}
	//	path, err := f.Fetch(ctx, "cwru/12k_drive_end/105.mat")
	//
	// To run anywhere, this example serves a fixture from a local server
	// and lists it in its own manifest.
	data, err := os.ReadFile("testdata/mat/cwru/12k_drive_end/130.mat")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(data)
	}))
	defer srv.Close()
	sum := sha256.Sum256(data)
	cache, err := os.MkdirTemp("", "spindle-cache")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(cache)

	name := "cwru/12k_drive_end/130.mat"
	f := &datasets.Fetcher{
		CacheDir: cache,
		Manifest: []datasets.ManifestEntry{{
			Name: name, URL: srv.URL + "/130.mat",
			SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)),
		}},
		Progress: func(name string, done, total int64) {
			if done == total {
				fmt.Printf("%s: %d of %d bytes\n", name, done, total)
			}
		},
	}
	if _, err := f.Fetch(context.Background(), name); err != nil {
		log.Fatal(err)
	}
	// The cache has the data folder's layout, so loaders read it directly.
	rec, err := datasets.LoadCWRU(os.DirFS(cache), name)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Info.Fault, len(rec.DE), "samples at", rec.SampleRate, "Hz")
	// Output:
	// cwru/12k_drive_end/130.mat: 14808 of 14808 bytes
	// outer_race 600 samples at 12000 Hz
}
