package monitor

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKilledRunLoads runs the monitor in a child process, kills it with
// SIGKILL mid-run and rebuilds the result from what reached the disk.
func TestKilledRunLoads(t *testing.T) {
	if dir := os.Getenv("GOISSU_MONITOR_CHILD_DIR"); dir != "" {
		clock := newFakeClock(5 * time.Second)
		dev := &fakeTarget{name: "n9k-1", os: "nxos", clock: clock, script: issuScript}
		_, _ = Run(context.Background(), []Target{dev}, Config{Dir: dir, Interval: 5 * time.Millisecond, StablePolls: -1, Clock: clock.Now})
		return // not reached: the parent kills us
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunLoads$")
	cmd.Env = append(os.Environ(), "GOISSU_MONITOR_CHILD_DIR="+dir)
	require.NoError(t, cmd.Start())
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	// Wait until the child has written the switchover outage and a few
	// samples (a partial last line counts here, not in Load).
	deadline := time.Now().Add(30 * time.Second)
	for countLines(filepath.Join(dir, EventsFile)) < 2 || countLines(filepath.Join(dir, TimelineFile)) < 8 {
		require.True(t, time.Now().Before(deadline), "child wrote no events")
		time.Sleep(5 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()

	res, err := Load(dir)
	require.NoError(t, err)
	assert.Equal(t, "incomplete", res.StopReason)
	assert.GreaterOrEqual(t, res.Samples, 6)
	assert.False(t, res.Start.IsZero())
	assert.False(t, res.End.Before(res.Start))
	// Which events: depends on how many cycles the loaded child skipped.
	require.NotEmpty(t, res.Events, "events up to the kill are kept")
	for _, e := range res.Events {
		assert.Equal(t, "n9k-1", e.Device)
		assert.NotEmpty(t, e.Kind)
		assert.False(t, e.Time.IsZero())
	}
	assert.Contains(t, res.InstallState, "n9k-1")
}

func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		n++
	}
	return n
}
