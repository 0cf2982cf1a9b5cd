package issu

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
	"github.com/goissu/goissu/parsers/nxos"
)

// TestSnapshotParsedMatchesDisk checks that the Parsed maps TakeSnapshot
// builds without a JSON round trip equal what LoadSnapshot decodes from the
// written artifacts, on the real outputs of the recorded test runs, and that
// each parsed artifact is json.Marshal's encoding plus a newline.
func TestSnapshotParsedMatchesDisk(t *testing.T) {
	manifests, err := filepath.Glob(filepath.Join("testdata", "runs", "*", "*", "*", "snapshot.json"))
	require.NoError(t, err)
	require.NotEmpty(t, manifests)
	var targets []Target
	for i, mp := range manifests {
		b, err := os.ReadFile(mp)
		require.NoError(t, err)
		var m Manifest
		require.NoError(t, json.Unmarshal(b, &m))
		outs := map[string]string{}
		for _, c := range m.Commands {
			if c.Raw == "" {
				continue
			}
			raw, err := os.ReadFile(filepath.Join(filepath.Dir(mp), c.Raw))
			require.NoError(t, err)
			outs[c.Command] = string(raw)
		}
		targets = append(targets, &fakeTarget{name: "D" + strconv.Itoa(i), os: m.OS, outputs: outs})
	}
	run, err := OpenRun(t.TempDir(), "parsed")
	require.NoError(t, err)
	snap, err := TakeSnapshot(context.Background(), targets, Pre, SnapshotOptions{Run: run, Policy: testPolicy()})
	require.NoError(t, err)
	back, err := LoadSnapshot(filepath.Join(run.Dir, "pre"))
	require.NoError(t, err)
	parsedSeen := 0
	for name, ds := range snap.Devices {
		t.Run(name, func(t *testing.T) {
			require.Contains(t, back.Devices, name)
			assert.Equal(t, back.Devices[name].AllParsed(), ds.AllParsed())
			for _, rec := range ds.Commands {
				if rec.Parsed == "" {
					continue
				}
				parsedSeen++
				got, err := os.ReadFile(filepath.Join(run.Dir, "pre", name, rec.Parsed))
				require.NoError(t, err)
				v, err := parsers.Parse(ds.OS, rec.Command, ds.Raw[rec.Label])
				require.NoError(t, err)
				want, err := json.Marshal(v)
				require.NoError(t, err)
				assert.Equal(t, string(want)+"\n", string(got), rec.Label)
			}
		})
	}
	assert.NotZero(t, parsedSeen, "no command of the recorded runs was parsed")
}

func TestWriteAtomicConcurrentAndStaleTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.json")
	// A leftover temporary file with the next name (a killed earlier
	// process with the same pid) is skipped, not reused or removed.
	next := tmpSeq.Load() + 1
	stale := filepath.Join(dir, ".f.json.tmp-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(next, 10))
	require.NoError(t, os.WriteFile(stale, []byte("stale"), 0o600))

	tests := []struct {
		name    string
		writers int
	}{
		{"one writer", 1},
		{"concurrent writers of one file", 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make([]error, tc.writers)
			for i := range tc.writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = writeAtomic(path, []byte("content"), false)
				}()
			}
			wg.Wait()
			for _, err := range errs {
				assert.NoError(t, err)
			}
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, "content", string(got))
			st, err := os.Stat(path)
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o644), st.Mode().Perm())
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 2, "only the file and the stale temporary remain")
		})
	}
	b, err := os.ReadFile(stale)
	require.NoError(t, err)
	assert.Equal(t, "stale", string(b))
}

// TestDeviceSnapshotLazyParsed checks the decode-on-first-use contract:
// the typed result is there until a label is decoded, Parsed equals the
// artifact's decoding, concurrent readers agree (run with -race) and
// SetParsed overrides.
func TestDeviceSnapshotLazyParsed(t *testing.T) {
	out, err := os.ReadFile(filepath.Join("..", "fixtures", "outputs", "nxos", "show_version", "n9508_dual_sup_crlf.txt"))
	require.NoError(t, err)
	target := &fakeTarget{name: "N1", os: "nxos", outputs: map[string]string{"show version": string(out)}}
	run, err := OpenRun(t.TempDir(), "lazy")
	require.NoError(t, err)
	snap, err := TakeSnapshot(context.Background(), []Target{target}, Pre, SnapshotOptions{Run: run, Policy: testPolicy()})
	require.NoError(t, err)
	ds := snap.Devices["N1"]
	require.NotNil(t, ds)
	rec, ok := ds.Record(LabelVersion)
	require.True(t, ok)
	require.Equal(t, RecordOK, rec.Status, rec.Note)

	typed, ok := ds.Typed(LabelVersion).(*nxos.ShowVersion)
	require.True(t, ok, "typed result kept until first use: %T", ds.Typed(LabelVersion))
	assert.NotEmpty(t, typed.Platform.Software.SystemVersion)

	disk, err := os.ReadFile(filepath.Join(run.Dir, "pre", "N1", rec.Parsed))
	require.NoError(t, err)
	var want map[string]any
	require.NoError(t, json.Unmarshal(disk, &want))

	var wg sync.WaitGroup
	got := make([]map[string]any, 8)
	for i := range got {
		wg.Go(func() { got[i] = ds.Parsed(LabelVersion) })
	}
	wg.Wait()
	for i := range got {
		assert.Equal(t, want, got[i], "reader %d", i)
	}
	assert.Same(t, typed, ds.Typed(LabelVersion), "the typed result stays after decoding")
	assert.Nil(t, ds.Parsed("no-such-label"))
	all := ds.AllParsed()
	assert.Equal(t, want, all[LabelVersion])
	for label, m := range all {
		assert.NotNil(t, m, label)
	}

	ds.SetParsed(LabelVersion, map[string]any{"x": 1.0})
	assert.Equal(t, map[string]any{"x": 1.0}, ds.Parsed(LabelVersion))
	assert.Nil(t, ds.Typed(LabelVersion), "SetParsed replaces the typed result too")
	ds.SetParsed(LabelVersion, nil)
	assert.Nil(t, ds.Parsed(LabelVersion))
}

// TestSnapshotRetakeCommitsAtTheManifest takes a phase twice into the same
// run: while the second is under way the device has no manifest (readers
// never see new files under the old manifest), and once it ends the
// manifest and the artifacts are the second snapshot's.
func TestSnapshotRetakeCommitsAtTheManifest(t *testing.T) {
	first, err := os.ReadFile(filepath.Join("..", "fixtures", "outputs", "nxos", "show_version", "n9508_dual_sup_crlf.txt"))
	require.NoError(t, err)
	second, err := os.ReadFile(filepath.Join("..", "fixtures", "outputs", "nxos", "show_version", "n7k_kickstart.txt"))
	require.NoError(t, err)
	pol := testPolicy()
	cmds := ProfileFor("nxos", pol).Expand(VarsFromPolicy(pol))
	require.Greater(t, len(cmds), 2)
	require.Equal(t, LabelVersion, cmds[0].Label, "the version is collected first")
	last := cmds[len(cmds)-1].Command

	run, err := OpenRun(t.TempDir(), "retake")
	require.NoError(t, err)
	target := &fakeTarget{name: "N1", os: "nxos", outputs: map[string]string{"show version": string(first)}}
	_, err = TakeSnapshot(context.Background(), []Target{target}, Pre, SnapshotOptions{Run: run, Policy: pol})
	require.NoError(t, err)
	phaseDir := filepath.Join(run.Dir, "pre")
	back, err := LoadSnapshot(phaseDir)
	require.NoError(t, err)
	require.Equal(t, string(first), back.Devices["N1"].Raw[LabelVersion])

	// The second snapshot hangs on its last command.
	target = &fakeTarget{name: "N1", os: "nxos", outputs: map[string]string{"show version": string(second)}, hang: last}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := TakeSnapshot(ctx, []Target{target}, Pre, SnapshotOptions{Run: run, Policy: pol})
		done <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !slices.Contains(target.ran(), last) {
		require.True(t, time.Now().Before(deadline), "the second snapshot never reached %q", last)
		time.Sleep(time.Millisecond)
	}
	_, err = LoadSnapshot(phaseDir)
	require.ErrorIs(t, err, ErrNoSnapshot, "mid-way, the device has no manifest")
	cancel()
	require.NoError(t, <-done)

	back, err = LoadSnapshot(phaseDir)
	require.NoError(t, err)
	ds := back.Devices["N1"]
	require.NotNil(t, ds)
	assert.Equal(t, string(second), ds.Raw[LabelVersion], "the artifact was replaced")
	rec, ok := ds.Record(LabelVersion)
	require.True(t, ok)
	assert.Equal(t, RecordOK, rec.Status)
	lastRec, ok := ds.Record(cmds[len(cmds)-1].Label)
	require.True(t, ok)
	assert.NotEqual(t, RecordOK, lastRec.Status, "the cancelled command is recorded as such")
	entries, err := os.ReadDir(filepath.Join(phaseDir, "N1"))
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp-", "no temporary file is left")
	}
}

// TestCreateFile checks the artifact writer's contract: a new file with
// exactly the data and mode 0644, an existing file left untouched with an
// error matching os.ErrExist, and a clear error naming what failed.
func TestCreateFile(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("10.0.0.0/8, ubest/mbest: 1/0\n", 40000) // > 1 MB: several writes on some systems
	tests := []struct {
		name    string
		path    string
		data    string
		asBytes bool
		exists  string // content already there
		wantErr error
		errText string
	}{
		{name: "string", path: "a.txt", data: "show version\n"},
		{name: "bytes", path: "b.json", data: `{"a":1}` + "\n", asBytes: true},
		{name: "empty", path: "empty.txt", data: ""},
		{name: "large", path: "routes.txt", data: big},
		{name: "exists", path: "old.txt", data: "new", exists: "old", wantErr: os.ErrExist, errText: "open"},
		{name: "no directory", path: "missing/x.txt", data: "x", wantErr: os.ErrNotExist, errText: "open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.path)
			if tc.exists != "" {
				require.NoError(t, os.WriteFile(p, []byte(tc.exists), 0o600))
			}
			var err error
			if tc.asBytes {
				err = createFile(p, []byte(tc.data))
			} else {
				err = createFile(p, tc.data)
			}
			if tc.wantErr != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.wantErr)
				assert.Contains(t, err.Error(), tc.errText)
				if tc.exists != "" {
					got, rerr := os.ReadFile(p)
					require.NoError(t, rerr)
					assert.Equal(t, tc.exists, string(got), "an existing file is never touched")
				}
				return
			}
			require.NoError(t, err)
			got, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.Equal(t, tc.data, string(got))
			fi, err := os.Stat(p)
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
		})
	}
}

// panickyResult stands for a parser result type with a bug in its
// hand-written encoder.
type panickyResult struct{ rows []int }

func (r *panickyResult) AppendJSON(dst []byte) ([]byte, error) {
	return append(dst, byte(r.rows[3])), nil
}

// panickyMarshaler is the same bug in a MarshalJSON-only type, which the
// encoder hands to encoding/json (it re-panics).
type panickyMarshaler struct{ rows []int }

func (r panickyMarshaler) MarshalJSON() ([]byte, error) { return []byte{byte(r.rows[3])}, nil }

// TestWriteParsed checks the parsed-artifact writer: a value that cannot
// be encoded is reported as such with nothing written and the writer slot
// given back, and the next artifact is written whole.
func TestWriteParsed(t *testing.T) {
	run, err := OpenRun(t.TempDir(), "r")
	require.NoError(t, err)
	w := &deviceWriter{run: run, elems: []string{string(Pre), "R1"}, files: newArtifactSlots(1)}
	tests := []struct {
		name    string
		v       any
		wantEnc bool
		want    string
	}{
		{name: "NaN cannot be encoded", v: map[string]float64{"x": math.NaN()}, wantEnc: true},
		{name: "a parser result whose AppendJSON panics", v: &panickyResult{}, wantEnc: true},
		{name: "a parser result whose MarshalJSON panics, nested", v: &struct{ X panickyMarshaler }{}, wantEnc: true},
		{name: "after a failure", v: map[string]any{"b": 1, "a": "<x>"}, want: `{"a":"\u003cx\u003e","b":1}` + "\n"},
		{name: "a larger one reuses the slot", v: map[string]string{"k": strings.Repeat("x", 100<<10)}, want: `{"k":"` + strings.Repeat("x", 100<<10) + `"}` + "\n"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name := fmt.Sprintf("label%d.json", i)
			encErr, err := w.writeParsed(tc.v, name)
			require.NoError(t, err)
			p := filepath.Join(run.Dir, string(Pre), "R1", name)
			if tc.wantEnc {
				assert.Error(t, encErr)
				assert.NoFileExists(t, p)
				return
			}
			require.NoError(t, encErr)
			got, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
	assert.Len(t, w.files, 1, "the writer slot is back")
}

// TestDeviceWriterPathIsJoin holds the artifact path, built by hand, to
// filepath.Join's, and to refusing names Join would clean away.
func TestDeviceWriterPathIsJoin(t *testing.T) {
	for _, dir := range []string{"/", "/tmp/r/pre/N1", "results/run-1/pre/N1", "."} {
		for _, name := range []string{"version.txt", "a b.json", "snapshot.json", "x..y"} {
			w := &deviceWriter{dir: dir}
			got, err := w.path(name)
			require.NoError(t, err)
			assert.Equal(t, filepath.Join(dir, name), got)
		}
		for _, bad := range []string{"", ".", "..", "../x", "a/b", ".hidden"} {
			_, err := (&deviceWriter{dir: dir}).path(bad)
			assert.ErrorIs(t, err, ErrBadName, "%q", bad)
		}
	}
}
