package e2e

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKilledMidMonitor kills the whole `go test ./suites` process tree with
// SIGKILL while the monitor is writing its timeline, then rebuilds the
// report from what is on disk: the timeline must still load (a partial last
// line at most is lost), and report.json, summary.txt and report.html must
// be rebuilt with a decision that does not pretend the run finished.
func TestKilledMidMonitor(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as a subprocess")
	}
	results := t.TempDir()
	const runID = "e2e-killed"
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-timeout", "5m", "./suites",
		"-run-id", runID, "-results", results, "-time-scale", "30")
	cmd.Dir = moduleRoot(t)
	cmd.Env = append(os.Environ(), "GOISSU_LAB_PASSWORD=admin")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // kill go test and the test binary together
	var out syncBuffer                                    // written by the child's copier goroutine, read here
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	killed := false
	defer func() {
		if !killed {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			_ = cmd.Wait()
		}
	}()

	// Poll until the monitor has written samples after the ISSU started.
	timeline := filepath.Join(results, runID, "monitor", monitor.TimelineFile)
	deadline := time.Now().Add(3 * time.Minute)
	for {
		if n := countLines(timeline); n >= 40 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the monitor wrote no timeline within 3 minutes:\n%s", tail(out.String()))
		}
		time.Sleep(100 * time.Millisecond) // polling another process's file
	}
	require.NoError(t, syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL))
	killed = true
	_ = cmd.Wait()

	runDir := filepath.Join(results, runID)
	res, err := monitor.Load(filepath.Join(runDir, "monitor"))
	require.NoError(t, err, "a killed monitor's timeline must load")
	assert.Equal(t, monitor.StopIncomplete, res.StopReason)
	assert.Greater(t, res.Samples, 10)

	rep, err := issu.BuildReport(runDir, nil)
	require.NoError(t, err, "the report rebuilds from the artifacts of a killed run")
	require.NoError(t, rep.Write(runDir))
	assert.NotEqual(t, issu.Proceed, rep.Verdict.Decision, "a run killed mid-monitor is never PROCEED")
	html, err := report.WriteHTML(runDir)
	require.NoError(t, err)
	assert.FileExists(t, html)
	assert.FileExists(t, filepath.Join(runDir, "summary.txt"))
}

// syncBuffer is a bytes.Buffer safe for the writer goroutine exec starts
// and the test reading it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		n++
	}
	return n
}
