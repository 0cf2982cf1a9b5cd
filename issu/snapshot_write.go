package issu

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// artifactWriters bounds the snapshot's concurrent file writes. Creating
// and renaming files is kernel work on a few cores; more writers than that
// only contend (measured with BenchmarkSnapshotLab1000).
const artifactWriters = 2

// deviceWriter writes one device's snapshot artifacts under
// <run>/<phase>/<device>/, creating the directory once.
//
// The manifest (snapshot.json) is the commit point: readers (LoadSnapshot,
// the report, the post phase in another process) only look at devices
// with a manifest and only at the files it lists, and it is written last,
// atomically (temp + rename) and synced. So an output artifact that does
// not exist yet is created in place, without the temporary name and the
// rename (a third of the snapshot's file cost, at 50 files a device): the
// old manifest, if a phase is taken again, is removed before the first
// artifact is written, and an artifact that already exists is replaced
// with a temp + rename as before. A killed run leaves the device without a
// manifest, never a manifest that points at a partial file.
type deviceWriter struct {
	run   *Run
	elems []string      // phase, device
	files chan struct{} // shared bound on concurrent writes
	dir   string        // set once created
	enc   parsedEncoder
}

// path validates name and returns its path in the device directory,
// creating the directory and removing an earlier manifest on first use.
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
		if err := os.Remove(filepath.Join(dir, manifestName)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("write %s: replace the earlier snapshot: %w", dir, err)
		}
		w.dir = dir
	}
	return filepath.Join(w.dir, name), nil
}

// manifestName is the device manifest's file name.
const manifestName = "snapshot.json"

// write writes an output artifact, without fsync (the manifest, written
// last, is synced): in place when the file is new, else atomically.
func (w *deviceWriter) write(data []byte, name string) error {
	return writeArtifact(w, data, name)
}

// writeString is write for raw output, without copying it to a []byte
// (the outputs of a fleet snapshot add up to tens of megabytes).
func (w *deviceWriter) writeString(data, name string) error {
	return writeArtifact(w, data, name)
}

func writeArtifact[T string | []byte](w *deviceWriter, data T, name string) error {
	w.files <- struct{}{}
	defer func() { <-w.files }()
	p, err := w.path(name)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return writeAtomic(p, []byte(data), false)
	}
	if err == nil && umaskNarrows() {
		err = f.Chmod(0o644)
	}
	if err == nil {
		switch d := any(data).(type) {
		case string:
			_, err = f.WriteString(d) // no copy
		case []byte:
			_, err = f.Write(d)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	} else if f != nil {
		f.Close()
	}
	if err != nil {
		if f != nil {
			os.Remove(p) // ours, partial: not listed by any manifest
		}
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// manifest writes snapshot.json, synced. It does not hold a writer slot:
// an fsync waits on the disk, not on a core.
func (w *deviceWriter) manifest(m Manifest) error {
	return w.run.WriteJSON(m, append(w.elems[:len(w.elems):len(w.elems)], manifestName)...)
}

// parsedEncoder encodes parsed results as their artifact: compact JSON and a
// newline (json.Marshal's bytes, see appendJSON). Indenting cost more than
// encoding (half of the encoder's CPU in a fleet snapshot); jq, browsers and
// the report pretty-print. Its buffer is reused from one command to the
// next.
type parsedEncoder struct {
	buf *[]byte // from encodeBuffers while the device is collected
}

// encodeBuffers keeps grown buffers between devices: a thousand devices
// each growing their own from nothing to a route table's size spent more
// in copying than in encoding.
var encodeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// encode returns v's artifact bytes, valid until the next call or release.
func (e *parsedEncoder) encode(v any) ([]byte, error) {
	if e.buf == nil {
		e.buf = encodeBuffers.Get().(*[]byte)
	}
	b, err := appendJSON((*e.buf)[:0], v)
	if err != nil {
		return nil, err
	}
	*e.buf = append(b, '\n')
	return *e.buf, nil
}

// release gives the buffer back for another device.
func (e *parsedEncoder) release() {
	if e.buf != nil {
		encodeBuffers.Put(e.buf)
		e.buf = nil
	}
}
