package issu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// artifactWriters bounds the snapshot's concurrent file writes. Creating
// and renaming files is kernel work on a few cores; more writers than that
// only contend (measured with BenchmarkSnapshotLab1000).
const artifactWriters = 2

// deviceWriter writes one device's snapshot artifacts under
// <run>/<phase>/<device>/, creating the directory once.
type deviceWriter struct {
	run   *Run
	elems []string      // phase, device
	files chan struct{} // shared bound on concurrent writes
	dir   string        // set once created
	enc   parsedEncoder
}

// path validates name and returns its path in the device directory,
// creating the directory on first use.
func (w *deviceWriter) path(name string) (string, error) {
	if err := ValidateName(name); err != nil {
		return "", err
	}
	if w.dir == "" {
		dir, err := w.run.Path(w.elems...)
		if err != nil {
			return "", err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("write %s: %w", dir, err)
		}
		w.dir = dir
	}
	return filepath.Join(w.dir, name), nil
}

// write writes an output artifact atomically, without fsync (see
// writeAtomic).
func (w *deviceWriter) write(data []byte, name string) error {
	w.files <- struct{}{}
	defer func() { <-w.files }()
	p, err := w.path(name)
	if err != nil {
		return err
	}
	return writeAtomic(p, data, false)
}

// writeString is write for raw output.
func (w *deviceWriter) writeString(data, name string) error {
	return w.write([]byte(data), name)
}

// manifest writes snapshot.json, synced. It does not hold a writer slot:
// an fsync waits on the disk, not on a core.
func (w *deviceWriter) manifest(m Manifest) error {
	return w.run.WriteJSON(m, append(w.elems[:len(w.elems):len(w.elems)], "snapshot.json")...)
}

// parsedEncoder encodes parsed results as their artifact: compact JSON and a
// newline (json.Marshal's bytes). Indenting cost more than encoding (half of
// the encoder's CPU in a fleet snapshot); jq, browsers and the report
// pretty-print. Its buffer is reused from one command to the next.
type parsedEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// encode returns v's artifact bytes, valid until the next call.
func (e *parsedEncoder) encode(v any) ([]byte, error) {
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.buf)
	}
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	return e.buf.Bytes(), nil
}
