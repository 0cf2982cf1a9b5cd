package issu

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ErrBadName is returned for a run id or device name that could escape the
// run directory or is otherwise unusable as a file name.
var ErrBadName = errors.New("invalid name")

// maxNameLen bounds run ids, device names and labels (file systems allow 255
// bytes per path element; leave room for suffixes).
const maxNameLen = 128

// ValidateName checks that s can be used as one path element under the run
// directory: non-empty, at most 128 bytes, no path separators, no "." or
// "..", no NUL or control characters, not starting with "-" or ".".
func ValidateName(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("%w: empty", ErrBadName)
	case len(s) > maxNameLen:
		return fmt.Errorf("%w: %d bytes (max %d)", ErrBadName, len(s), maxNameLen)
	case s == "." || s == "..":
		return fmt.Errorf("%w: %q", ErrBadName, s)
	case strings.HasPrefix(s, ".") || strings.HasPrefix(s, "-"):
		return fmt.Errorf("%w: %q starts with %q", ErrBadName, s, s[:1])
	}
	for _, r := range s {
		switch {
		case r == '/' || r == '\\' || r == ':':
			return fmt.Errorf("%w: %q contains %q", ErrBadName, s, r)
		case r < 0x20 || r == 0x7f:
			return fmt.Errorf("%w: %q contains a control character", ErrBadName, s)
		case r == 0xfffd:
			return fmt.Errorf("%w: %q is not valid UTF-8", ErrBadName, s)
		}
	}
	return nil
}

// Run is one run's artifact directory, results/<run-id>/.
type Run struct {
	ID  string
	Dir string // absolute or as given: <resultsDir>/<id>
}

// OpenRun opens (creating it if needed) the directory of run id under
// resultsDir.
func OpenRun(resultsDir, id string) (*Run, error) {
	if err := ValidateName(id); err != nil {
		return nil, fmt.Errorf("run id: %w", err)
	}
	dir := filepath.Join(resultsDir, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open run %s: %w", id, err)
	}
	return &Run{ID: id, Dir: dir}, nil
}

// LoadRun opens an existing run directory (e.g. for the report).
func LoadRun(dir string) (*Run, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("load run: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("load run: %s is not a directory", dir)
	}
	return &Run{ID: filepath.Base(filepath.Clean(dir)), Dir: dir}, nil
}

// Path joins validated elements under the run directory. Every element must
// pass ValidateName, so the result never leaves the run directory.
func (r *Run) Path(elems ...string) (string, error) {
	for _, e := range elems {
		if err := ValidateName(e); err != nil {
			return "", err
		}
	}
	return filepath.Join(append([]string{r.Dir}, elems...)...), nil
}

// WriteFile writes data atomically (and synced) to the path made of elems
// under the run.
func (r *Run) WriteFile(data []byte, elems ...string) error { return r.write(data, true, elems...) }

func (r *Run) write(data []byte, sync bool, elems ...string) error {
	p, err := r.Path(elems...)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return writeAtomic(p, data, sync)
}

// WriteJSON writes v, indented, atomically under the run.
func (r *Run) WriteJSON(v any, elems ...string) error {
	// json.MarshalIndent's bytes, with the artifact encoder and indenter
	// (a manifest per device in a fleet snapshot).
	bufs := jsonBuffers.Get().(*jsonBuffer)
	defer jsonBuffers.Put(bufs)
	compact, err := appendJSON(bufs.compact[:0], v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", strings.Join(elems, "/"), err)
	}
	bufs.compact = compact[:0]
	indented := append(appendIndentJSON(bufs.indented[:0], compact), '\n')
	bufs.indented = indented[:0]
	err = r.WriteFile(indented, elems...)
	if cap(bufs.compact) > maxPooledJSON || cap(bufs.indented) > maxPooledJSON {
		*bufs = jsonBuffer{} // a rare huge document does not stay pinned
	}
	return err
}

// jsonBuffers are WriteJSON's buffers, reused: a fleet snapshot writes a
// manifest per device, and growing two buffers for each was a twentieth
// of its garbage.
var jsonBuffers = sync.Pool{New: func() any { return new(jsonBuffer) }}

type jsonBuffer struct {
	compact  []byte
	indented []byte
}

const maxPooledJSON = 1 << 20

// WriteFileAtomic writes data to a temporary file in path's directory, syncs
// it and renames it over path, so readers see the old or the new content,
// never a partial file, and the content survives a crash.
func WriteFileAtomic(path string, data []byte) error { return writeAtomic(path, data, true) }

// writeAtomic is WriteFileAtomic with the fsync optional: snapshot outputs
// skip it (an fsync per command costs more than the command on a fast
// device), and their manifest, written last, is synced.
func writeAtomic(path string, data []byte, sync bool) error {
	f, tmp, err := createTemp(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// tmpSeq makes the temporary names of one process unique.
var tmpSeq atomic.Uint64

// createTemp opens a new hidden temporary file next to path, named
// ".<name>.tmp-<pid>-<n>", with one O_EXCL open: os.CreateTemp's random
// names cost more than the write of a small output, at 25 files a device.
// The pid and counter make a clash unlikely; a leftover of a killed run
// with the same name is skipped, not reused.
func createTemp(path string) (*os.File, string, error) {
	dir, base := filepath.Split(path)
	prefix := dir + "." + base + ".tmp-" + strconv.Itoa(os.Getpid()) + "-"
	for try := 0; ; try++ {
		tmp := prefix + strconv.FormatUint(tmpSeq.Add(1), 10)
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			// The umask may have narrowed the mode; artifacts are meant to be
			// readable by whoever reviews the run.
			if umaskNarrows() {
				err = f.Chmod(0o644)
			}
			if err != nil {
				f.Close()
				os.Remove(tmp)
				return nil, "", err
			}
			return f, tmp, nil
		}
		if !errors.Is(err, os.ErrExist) || try >= 100 {
			return nil, "", err
		}
	}
}

// umaskNarrows reports whether the process umask removes any bit of 0644
// from new files, so createTemp must chmod them (a syscall per artifact
// otherwise saved: 50,000 in a 1000-device snapshot). Unknown means yes.
var umaskNarrows = sync.OnceValue(func() bool {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return true
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Umask:"); ok {
			m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			return err != nil || m&0o644 != 0
		}
	}
	return true
})

// RunInfo is run.json: what ran, with which inputs, when.
type RunInfo struct {
	RunID       string            `json:"run_id"`
	ToolVersion string            `json:"tool_version"`
	Started     time.Time         `json:"started"`
	Finished    *time.Time        `json:"finished,omitempty"`
	Flags       map[string]string `json:"flags,omitempty"`
	Policy      string            `json:"policy,omitempty"` // policy file ("" = defaults)
	// Testbed is the testbed with every secret removed (see RedactSecrets).
	Testbed any               `json:"testbed,omitempty"`
	Devices []RunDevice       `json:"devices,omitempty"`
	Phases  map[string]string `json:"phases,omitempty"` // phase -> RFC 3339 time it ran
}

// RunDevice is a device of the run, as recorded in run.json.
type RunDevice struct {
	Name string `json:"name"`
	OS   string `json:"os"`
}

// WriteRunInfo writes run.json, removing secrets from the testbed first.
func (r *Run) WriteRunInfo(info RunInfo) error {
	if info.RunID == "" {
		info.RunID = r.ID
	}
	info.Testbed = RedactSecrets(info.Testbed)
	if info.Flags != nil {
		flags := make(map[string]string, len(info.Flags))
		for k, v := range info.Flags {
			if secretKey(k) {
				v = redacted
			}
			flags[k] = v
		}
		info.Flags = flags
	}
	return r.WriteJSON(info, "run.json")
}

// ReadRunInfo reads run.json of the run (ErrNotExist when absent).
func (r *Run) ReadRunInfo() (*RunInfo, error) {
	b, err := os.ReadFile(filepath.Join(r.Dir, "run.json"))
	if err != nil {
		return nil, fmt.Errorf("read run.json: %w", err)
	}
	var info RunInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("read run.json: %w", err)
	}
	return &info, nil
}

const redacted = "<redacted>"

func secretKey(k string) bool {
	k = strings.ToLower(k)
	for _, s := range []string{"password", "passwd", "secret", "token", "private_key", "passphrase", "community", "key_file"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// RedactSecrets returns a copy of v (decoded JSON/YAML or any value that
// marshals to JSON) with the value of every key that names a secret
// (password, secret, token, ...) replaced by "<redacted>".
func RedactSecrets(v any) any {
	if v == nil {
		return nil
	}
	var generic any
	b, err := json.Marshal(v)
	if err != nil {
		return redacted // unknown shape: never risk writing a secret
	}
	if err := json.Unmarshal(b, &generic); err != nil {
		return redacted
	}
	return redact(generic)
}

func redact(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if secretKey(k) {
				x[k] = redacted
				continue
			}
			x[k] = redact(c)
		}
		return x
	case []any:
		for i, c := range x {
			x[i] = redact(c)
		}
		return x
	default:
		return v
	}
}
