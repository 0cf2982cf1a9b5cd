package report

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fleet is the scale case of the issue: 200 devices × 10 BGP neighbors
// (plus 2 OSPF adjacencies and a critical prefix each) polled every 5 s for
// an hour, every device through a switchover, one in ten with a flapping
// neighbor and one that never gets its neighbor back.
var fleet = synth{id: "fleet", devices: 200, neighbors: 10, polls: 720, interval: 5 * time.Second,
	downFrom: 300, downTo: 310, flapFrom: 312, flapTo: 318, flapEvery: 10, rollback: true}

// maxFleetPage is the page size the fleet must stay under.
const maxFleetPage = 4 << 20

var (
	fleetOnce sync.Once
	fleetDir  string
	fleetErr  error
)

// fleetRun writes the fleet run once per test binary (about 100 MB of
// timeline); TestMain removes it.
func fleetRun(tb testing.TB) string {
	tb.Helper()
	fleetOnce.Do(func() {
		fleetDir, fleetErr = os.MkdirTemp("", "goissu-report-fleet-")
		if fleetErr == nil {
			fleetDir = filepath.Join(fleetDir, fleet.id)
			fleetErr = os.MkdirAll(fleetDir, 0o755)
		}
		if fleetErr == nil {
			writeSynth(tb, fleetDir, fleet)
		}
	})
	require.NoError(tb, fleetErr)
	return fleetDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fleetDir != "" {
		os.RemoveAll(filepath.Dir(fleetDir))
	}
	os.Exit(code)
}

func TestFleetPageSize(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 200-device hour of timeline (~100 MB): skipped with -short")
	}
	dir := fleetRun(t)
	path, err := WriteHTML(dir)
	require.NoError(t, err)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	t.Logf("fleet page: %d bytes", fi.Size())
	assert.LessOrEqual(t, fi.Size(), int64(maxFleetPage), "page of a 200-device hour")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	p := parsePage(t, b)
	assert.Equal(t, "ROLLBACK", p.decision)
	assert.Equal(t, fleet.devices, p.count["g.dev"])
	// Folded: per device one lane for what stayed up and one per kind with
	// outages (BGP on the flapping devices).
	flapping := (fleet.devices + fleet.flapEvery - 1) / fleet.flapEvery
	assert.Equal(t, fleet.devices+flapping, p.count["g.sub"])
	assert.Contains(t, string(b), "Folded:")

	if haveChromium() {
		start := time.Now()
		dom := browse(t, path, filepath.Join(dir, "report.png"))
		t.Logf("headless Chromium: DOM dump and screenshot of the fleet page in %s", time.Since(start).Round(100*time.Millisecond))
		checkDOM(t, dom, "ROLLBACK", fleet.devices+flapping)
	}
}

func BenchmarkFleetHTML(b *testing.B) {
	dir := fleetRun(b)
	fi, err := os.Stat(filepath.Join(dir, "monitor", "timeline.jsonl"))
	require.NoError(b, err)
	b.Run("load+render", func(b *testing.B) {
		b.SetBytes(fi.Size()) // timeline bytes turned into a page per op
		var size int
		for b.Loop() {
			in, err := LoadInput(dir)
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if err := RenderHTML(&buf, in); err != nil {
				b.Fatal(err)
			}
			size = buf.Len()
		}
		b.ReportMetric(float64(size), "html-bytes")
	})
	b.Run("render", func(b *testing.B) {
		in, err := LoadInput(dir)
		require.NoError(b, err)
		var size int
		for b.Loop() {
			var buf bytes.Buffer
			if err := RenderHTML(&buf, in); err != nil {
				b.Fatal(err)
			}
			size = buf.Len()
		}
		b.ReportMetric(float64(size), "html-bytes")
	})
	b.Run("ndjson", func(b *testing.B) {
		for b.Loop() {
			if _, err := WriteNDJSON(dir, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
