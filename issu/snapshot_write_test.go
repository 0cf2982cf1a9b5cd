package issu

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
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
			assert.Equal(t, back.Devices[name].Parsed, ds.Parsed)
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
