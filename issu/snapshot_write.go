package issu

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// artifactWriters bounds the snapshot's concurrent file writes. Creating
// and renaming files is kernel work on a few cores; more writers than that
// only contend (measured with BenchmarkSnapshotLab1000).
const artifactWriters = 2

// artifactSlot is one writer slot: the right to create artifact files and
// the buffer parsed results are encoded into while it is held. Encoding
// under the slot keeps a fleet snapshot to artifactWriters buffers, grown
// once to the largest result, instead of one per device in flight (a
// thousand route tables grown from nothing cost more in copying than in
// encoding). Encoding is CPU work, so the bound costs no parallelism on a
// machine with a few cores.
type artifactSlot struct{ buf []byte }

// maxSlotBuffer is the largest encode buffer a slot keeps between
// artifacts; a rare huge result does not pin its buffer for the run.
const maxSlotBuffer = 16 << 20

// newArtifactSlots returns n writer slots.
func newArtifactSlots(n int) chan *artifactSlot {
	c := make(chan *artifactSlot, n)
	for range n {
		c <- &artifactSlot{buf: make([]byte, 0, 64<<10)}
	}
	return c
}

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
	elems []string           // phase, device
	files chan *artifactSlot // shared writer slots
	dir   string             // set once created
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
	// filepath.Join's bytes without its Clean of the whole path (a
	// fiftieth of a fleet snapshot's instructions): dir is clean, and a
	// valid name has no separator and is not "." or "..".
	switch {
	case w.dir == ".":
		return name, nil
	case os.IsPathSeparator(w.dir[len(w.dir)-1]):
		return w.dir + name, nil
	}
	return w.dir + string(filepath.Separator) + name, nil
}

// manifestName is the device manifest's file name.
const manifestName = "snapshot.json"

// writeString writes a raw output artifact, without fsync (the manifest,
// written last, is synced) and without copying it to a []byte (the outputs
// of a fleet snapshot add up to tens of megabytes): in place when the file
// is new, else atomically.
func (w *deviceWriter) writeString(data, name string) error {
	slot := <-w.files
	defer func() { w.files <- slot }()
	return writeArtifact(w, data, name)
}

// writeParsed writes v as its parsed artifact: compact JSON and a newline
// (json.Marshal's bytes, see appendJSON; indenting cost more than encoding,
// and jq, browsers and the report pretty-print). encErr reports a value
// that cannot be encoded, err a failed write.
func (w *deviceWriter) writeParsed(v any, name string) (encErr, err error) {
	slot := <-w.files
	defer func() { w.files <- slot }()
	b, encErr := appendJSONGuarded(slot.buf[:0], v)
	if encErr != nil {
		return encErr, nil
	}
	b = append(b, '\n')
	if cap(b) <= maxSlotBuffer {
		slot.buf = b[:0]
	}
	return nil, writeArtifact(w, b, name)
}

// writeArtifact writes data as name in the device directory; the caller
// holds a writer slot.
func writeArtifact[T string | []byte](w *deviceWriter, data T, name string) error {
	p, err := w.path(name)
	if err != nil {
		return err
	}
	err = createFile(p, data)
	if errors.Is(err, os.ErrExist) {
		return writeAtomic(p, []byte(data), false)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// manifest writes snapshot.json, synced. It does not hold a writer slot:
// an fsync waits on the disk, not on a core.
func (w *deviceWriter) manifest(m Manifest) error {
	return w.run.WriteJSON(m, append(w.elems[:len(w.elems):len(w.elems)], manifestName)...)
}

// appendJSONGuarded is appendJSON with a panic turned into an encode
// error: a result's AppendJSON or MarshalJSON is parser code run on device
// output, like the parse itself (which parsers.safeCall guards), and a bug
// in it must cost that command's parsed artifact, not the snapshot of
// every device. One guard per artifact, not per value encoded.
func appendJSONGuarded(dst []byte, v any) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = dst, fmt.Errorf("%T: panic: %v", v, r)
		}
	}()
	return appendJSON(dst, v)
}
