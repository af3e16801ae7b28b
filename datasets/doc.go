// Package datasets loads the public bearing and prognostics data sets from
// any fs.FS, fetches them into a checksummed local cache, and simulates
// bearing vibration, run-to-failure histories and thermal drift with known
// ground truth.
//
// # Loaders
//
// Loaders read from any fs.FS: a folder (os.DirFS), an embed.FS, or a
// *zip.Reader such as the FEMTO Learning_set.zip read in place.
//
//   - CWRU (LoadCWRU, CWRUCatalog) and MFPT (LoadMFPT) MAT-files, through
//     the MATLAB Level 5 reader in subpackage matfile.
//   - IMS snapshots (LoadIMSSnapshot, IMSRun) and the IMS summary series
//     (ReadIMSSummary).
//   - FEMTO/PRONOSTIA acceleration and temperature files (LoadFEMTOAcc,
//     LoadFEMTOTemp, FEMTOAccRun, FEMTOTempRun).
//   - XJTU-SY per-minute files (LoadXJTUSnapshot, XJTURun).
//   - C-MAPSS (LoadCMAPSS, ReadCMAPSS, ReadCMAPSSRUL), generic CSV columns
//     (LoadCSVColumn) and WAV (LoadWAV).
//
// Run streams (IMSRun, FEMTOAccRun, XJTURun) are iter.Seq2 sequences that
// read one file at a time into a reused *Snapshot; call Clone to keep one.
// Text is parsed bit-exactly as strconv.ParseFloat would, at several times
// its speed. Errors say where: *TextError (file, line, column), *WAVError
// (file, byte offset), matfile.FormatError (file, byte offset, variable).
// NaN and Inf in data are errors unless an option allows them.
//
// # Fetcher
//
// Fetcher downloads named records into a local cache, verifies each against
// the SHA-256 in the built-in manifest, writes through a temporary file and
// renames atomically, retries with backoff and resumes partial downloads.
//
// # Simulators
//
// SimulateBearing, SimulateRunToFailure and SimulateThermal take frequencies
// in Hz and a seed, and return their ground truth (impact times, onset and
// failure times, per-sample labels).
package datasets
