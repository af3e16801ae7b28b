// Package datasets loads the public bearing and prognostics data sets from
// any fs.FS, fetches them into a checksummed local cache, and simulates
// bearing vibration, run-to-failure histories and thermal drift with known
// ground truth.
//
// # Open
//
// Open (an io.Reader) and OpenFile (a path) read one recording of any
// supported format and return a *Recording, in the manner of image.Decode:
// the format is detected from the content (MAT-file, WAV, XJTU-SY header,
// FEMTO time-of-day columns, IMS tab-separated columns, else delimited
// text), and the name only supplies what a data set keeps in names (the
// CWRU record number, MFPT's fault label, the FEMTO and XJTU-SY condition
// folders). A Recording holds the channels (name, samples, unit, the
// catalogued bearing each watches and the data set's label for it),
// numbered from 0 and selected by name or index with Recording.Channel;
// SampleRate in Hz and ShaftHz (RPM() in rev/min) with where each came
// from (FromFile, FromCatalogue, FromFormat, FromFolder, FromTimeColumn);
// the bearing's defect orders (DefectOrders: BPFO, BPFI, BSF, FTF in
// multiples of shaft speed) when the file carries them; the data set's
// fault label (fault.Unknown when none); and the format's name.
// RegisterFormat adds a format. OpenOptions bound what hostile input can
// cost: MaxBytes read and inflated (DefaultOpenMaxBytes) and MaxSamples
// decoded (DefaultOpenMaxSamples).
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
// Sample rates are named SampleRate (Hz) everywhere; shaft speeds carry
// their unit in the name (RPM, NominalRPM, ShaftHz).
//
// Run streams (IMSRun, FEMTOAccRun, XJTURun) are iter.Seq2 sequences that
// read one file at a time into a reused *Snapshot; call Clone to keep one.
// Text is parsed bit-exactly as strconv.ParseFloat would, at several times
// its speed. NaN and Inf in data are errors unless an option allows them.
//
// # Errors
//
// Errors say where: *TextError (file, line, column), *WAVError (file, byte
// offset), matfile.FormatError (file, byte offset, variable). Every error
// wraps one of the sentinels, so errors.Is tells the kind:
//
//   - ErrUnknownFormat: no format claims the input (Open).
//   - ErrCorrupt: malformed, truncated or unexpected content (a *TextError
//     or *WAVError wraps it unless it wraps another sentinel).
//   - ErrUnsupported: valid content this package does not read (RF64 WAV,
//     MAT-file 7.3).
//   - ErrNonFinite: NaN or ±Inf where not allowed.
//   - ErrTooLarge: beyond a size limit (DefaultMaxFileBytes, OpenOptions).
//   - ErrNoChannel: a channel or column that the file lacks.
//   - ErrInvalid: an invalid option, simulator configuration or file name.
//   - ErrDownload, ErrChecksum, ErrNotInManifest: Fetcher failures.
//
// The one exception is an error of the fs.FS, io.Reader or HTTP client
// given, which is returned wrapped with where it happened, so that
// errors.Is finds fs.ErrNotExist, io.ErrUnexpectedEOF, context.Canceled
// and the like. MAT-file errors also wrap matfile's own sentinels.
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
