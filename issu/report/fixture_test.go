package report

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
)

const labFixture = "testdata/lab-crash-coredump"

// copyDir copies a run directory so that tests can write into it.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	require.NoError(t, err)
	return dst
}

// TestRenderLabFixture renders a real lab run (crash with core dump): the
// verdict, a lane per neighbor, every outage duration of report.json, the
// crash as a marker with its log line, and NDJSON counts that add up.
func TestRenderLabFixture(t *testing.T) {
	rep, err := issu.LoadReport(labFixture)
	require.NoError(t, err)
	require.Equal(t, "ROLLBACK", rep.Verdict.Decision)
	in, err := LoadInput(labFixture)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, RenderHTML(&buf, in))
	html := buf.String()
	p := parsePage(t, buf.Bytes())

	t.Run("verdict and header", func(t *testing.T) {
		assert.Equal(t, "ROLLBACK", p.decision)
		assert.Contains(t, html, "goissu-lab-crash-coredump")
		assert.Contains(t, html, `<a href="monitor/events.jsonl">monitor/events.jsonl@`, "reasons link their evidence")
		for _, r := range rep.Verdict.Reasons {
			if r.Effect == "ROLLBACK" {
				assert.Contains(t, p.texts["badge e-ROLLBACK"], "ROLLBACK")
			}
		}
	})
	t.Run("a lane per neighbor, adjacency, prefix and probe", func(t *testing.T) {
		require.NotNil(t, in.Timeline)
		n := 0
		for _, d := range in.Timeline.Devices {
			for _, l := range d.Lanes {
				assert.Contains(t, p.texts["lbl"], laneLabel(l.Kind, l.VRF, l.Subject))
				n++
			}
		}
		assert.Equal(t, n, p.count["g.sub"])
		assert.Equal(t, len(rep.Devices), p.count["g.dev"])
	})
	t.Run("outage durations of report.json", func(t *testing.T) {
		require.NotEmpty(t, rep.Outages)
		durs := strings.Join(append(append(append(p.texts["dur"], p.texts["dur in-bad"]...), p.texts["dur in-warn"]...), p.texts["dur in-exp"]...), "|")
		for _, o := range rep.Outages {
			d := FormatSeconds(o.Seconds)
			assert.Contains(t, durs, d, "timeline label of %s %s %s", o.Device, o.Kind, o.Subject)
			if !o.Recovered {
				d += "+"
			}
			assert.Contains(t, p.texts["n"], d, "outage table row of %s %s %s", o.Device, o.Kind, o.Subject)
		}
	})
	t.Run("crash and core markers carry their text", func(t *testing.T) {
		var crash monitor.Event
		for _, e := range in.Events {
			if e.Kind == monitor.KindCrash {
				crash = e
			}
		}
		require.NotEmpty(t, crash.Message, "the fixture has a crash event")
		assert.GreaterOrEqual(t, p.count["rect.mk-crit"], 2, "crash and core")
		assert.Contains(t, strings.Join(p.texts["title:mk-crit"], "|"), crash.Message, "the crash's log line on hover")
		assert.Positive(t, p.count["rect.mk-sw"], "switchover markers")
	})
	t.Run("ndjson adds up to report.json", func(t *testing.T) {
		var nd bytes.Buffer
		n, err := WriteNDJSON(labFixture, &nd)
		require.NoError(t, err)
		docs := checkBulk(t, nd.Bytes(), rep.RunID, true)
		events := 0
		for _, c := range rep.Monitor.EventsByKind {
			events += c
		}
		assert.Len(t, docs[DocEvent], events)
		assert.Len(t, docs[DocFinding], len(rep.Findings))
		assert.Len(t, docs[DocCheck], len(rep.Checks))
		assert.Equal(t, 1+events+len(rep.Findings)+len(rep.Checks), n)
	})
}
