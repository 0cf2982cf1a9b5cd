package issu

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateNameHostile(t *testing.T) {
	cases := []struct {
		name string
		in   string
		ok   bool
	}{
		{"plain", "CHASSIS_A", true},
		{"dots and dashes", "chg-4711.v2", true},
		{"unicode", "Zürich-core1", true},
		{"empty", "", false},
		{"dot", ".", false},
		{"dotdot", "..", false},
		{"parent traversal", "../etc", false},
		{"nested traversal", "a/../../b", false},
		{"slash", "a/b", false},
		{"absolute", "/etc/passwd", false},
		{"backslash", `..\windows`, false},
		{"NUL", "a\x00b", false},
		{"newline", "a\nb", false},
		{"hidden", ".ssh", false},
		{"flag-like", "-rf", false},
		{"drive colon", "C:x", false},
		{"invalid utf8", "a\xffb", false},
		{"absurd length", strings.Repeat("a", 129), false},
		{"max length", strings.Repeat("a", 128), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateName(c.in)
			if c.ok {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrBadName))
		})
	}
}

func TestOpenRunRejectsEscapes(t *testing.T) {
	root := t.TempDir()
	for _, id := range []string{"../x", "..", "a/b", "", "x\x00"} {
		_, err := OpenRun(root, id)
		assert.Error(t, err, "run id %q", id)
	}
	run, err := OpenRun(root, "chg-1")
	require.NoError(t, err)
	_, err = run.Path("pre", "../../x")
	assert.Error(t, err)
	assert.Error(t, run.WriteFile([]byte("x"), "pre", "..", "x"))
	p, err := run.Path("pre", "CHASSIS_A", "version.txt")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "chg-1", "pre", "CHASSIS_A", "version.txt"), p)
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.json")
	require.NoError(t, WriteFileAtomic(path, []byte("old")))
	// Readers racing with rewrites see either the whole old or the whole
	// new content, never a mix or an empty file.
	a, b := strings.Repeat("A", 1<<16), strings.Repeat("B", 1<<16)
	require.NoError(t, WriteFileAtomic(path, []byte(a)))
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var bad []string
	var mu sync.Mutex
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			got, err := os.ReadFile(path)
			if err != nil || (string(got) != a && string(got) != b) {
				mu.Lock()
				bad = append(bad, string(got[:min(len(got), 10)]))
				mu.Unlock()
			}
		}
	}()
	for i := 0; i < 50; i++ {
		c := a
		if i%2 == 0 {
			c = b
		}
		require.NoError(t, WriteFileAtomic(path, []byte(c)))
	}
	close(stop)
	wg.Wait()
	assert.Empty(t, bad, "torn reads")
	// No temporary files are left behind.
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)
	// A write into a missing directory fails and leaves nothing.
	assert.Error(t, WriteFileAtomic(filepath.Join(dir, "missing", "f"), []byte("x")))
}

func TestWriteRunInfoRedactsSecrets(t *testing.T) {
	run, err := OpenRun(t.TempDir(), "r1")
	require.NoError(t, err)
	tb := map[string]any{
		"testbed": map[string]any{"credentials": map[string]any{"default": map[string]any{"username": "admin", "password": "hunter2"}}},
		"devices": map[string]any{"A": map[string]any{"os": "nxos", "connections": map[string]any{"cli": map[string]any{"ip": "127.0.0.1", "enable_secret": "s3cr3t"}}}},
	}
	flags := map[string]string{"run-id": "r1", "ssh-password": "pw"}
	require.NoError(t, run.WriteRunInfo(RunInfo{ToolVersion: "test", Testbed: tb, Flags: flags}))
	b, err := os.ReadFile(filepath.Join(run.Dir, "run.json"))
	require.NoError(t, err)
	s := string(b)
	assert.NotContains(t, s, "hunter2")
	assert.NotContains(t, s, "s3cr3t")
	assert.NotContains(t, s, `"pw"`)
	assert.Contains(t, s, "admin")
	assert.Equal(t, "pw", flags["ssh-password"], "caller's map untouched")
	info, err := run.ReadRunInfo()
	require.NoError(t, err)
	assert.Equal(t, "r1", info.RunID)
	var generic map[string]any
	require.NoError(t, json.Unmarshal(b, &generic))
}
