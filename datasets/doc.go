// Package datasets loads the public bearing and prognostics data sets from
// any fs.FS, fetches them into a checksummed local cache, and simulates
// bearing vibration, run-to-failure histories and thermal drift with known
// ground truth.
package datasets
