package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/spindle-pdm/spindle/datasets"
)

// fileKind is a file format as detected from a file's name and first bytes.
type fileKind int

const (
	kindMAT   fileKind = iota // MATLAB Level 5 MAT-file: CWRU or MFPT
	kindWAV                   // RIFF WAVE
	kindIMS                   // IMS snapshot, named by its timestamp
	kindFEMTO                 // FEMTO-ST acc_NNNNN.csv
	kindXJTU                  // XJTU-SY N.csv with its two-column header
	kindCSV                   // any other delimited text
)

// sniffBytes is how much of a file detect reads.
const sniffBytes = 512

// xjtuHeader is the first line of every XJTU-SY file.
const xjtuHeader = "Horizontal_vibration_signals,Vertical_vibration_signals"

// detect tells a file's format from its first bytes and its name. The
// content decides between binary formats and text; the name between the
// text formats, which look alike.
func detect(path string) (fileKind, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, err
	}
	head = head[:n]
	base := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(base))
	switch {
	case n == 0:
		return 0, errors.New("empty file")
	case bytes.HasPrefix(head, []byte("MATLAB 5.0 MAT-file")) || ext == ".mat":
		return kindMAT, nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WAVE", ext == ".wav":
		return kindWAV, nil
	case !isText(head):
		return 0, fmt.Errorf("unknown format: not a MAT-file, a WAV file or delimited text (first bytes %q)", head[:min(len(head), 16)])
	}
	if _, err := datasets.ParseIMSTime(base); err == nil {
		return kindIMS, nil
	}
	switch {
	case strings.HasPrefix(base, "acc_") && ext == ".csv":
		return kindFEMTO, nil
	case strings.HasPrefix(base, "temp_") && ext == ".csv":
		return 0, errors.New("a FEMTO temperature file, not a vibration recording")
	case bytes.HasPrefix(bytes.TrimPrefix(head, []byte("\ufeff")), []byte(xjtuHeader)):
		return kindXJTU, nil
	}
	return kindCSV, nil
}

// isText reports whether head looks like text: no NUL or other control
// bytes besides tab, CR and LF, and valid UTF-8 (a multi-byte character
// cut at the end of head aside).
func isText(head []byte) bool {
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	for len(head) > 0 {
		r, size := utf8.DecodeRune(head)
		if r == utf8.RuneError && size == 1 {
			return len(head) < utf8.UTFMax && !utf8.FullRune(head)
		}
		head = head[size:]
	}
	return true
}
