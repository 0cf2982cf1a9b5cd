package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu"
)

// moduleRoot finds the directory of go.mod above the package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, parent, dir, "go.mod not found above the package")
		dir = parent
	}
}

// TestLabScenarios runs the suites against the built-in simulated lab, one
// scenario per subtest, and checks the page and the NDJSON against the
// report.json the run produced. It takes about a minute per scenario.
func TestLabScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the lab through go test ./suites (about a minute per scenario): skipped with -short")
	}
	root := moduleRoot(t)
	results := t.TempDir()
	for _, tc := range []struct {
		scenario string
		decision string
		outage   bool // the scenario has an outage that never recovers
	}{
		{"clean-issu", "PROCEED", false},
		{"crash-coredump", "ROLLBACK", true},
		{"bgp-neighbor-stays-down", "ROLLBACK", true},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			id := "report-" + tc.scenario
			ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "go", "test", "./suites", "-count=1",
				"-run-id", id, "-results", results, "-scenario", tc.scenario, "-time-scale", "200")
			cmd.Dir = root
			out, err := cmd.CombinedOutput()
			// A scenario that should roll back fails its suite: that is the
			// point. What matters is the run directory it leaves.
			runDir := filepath.Join(results, id)
			_, statErr := os.Stat(filepath.Join(runDir, "report.json"))
			require.NoError(t, statErr, "suite run left no report.json (go test: %v)\n%s", err, tail(string(out), 4000))

			rep, err := issu.LoadReport(runDir)
			require.NoError(t, err)
			require.Equal(t, tc.decision, rep.Verdict.Decision, "the scenario's verdict")

			path, err := WriteHTML(runDir)
			require.NoError(t, err)
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			p := parsePage(t, b)
			assert.Equal(t, rep.Verdict.Decision, p.decision)

			// A lane per BGP neighbor the monitor saw (the lab is small:
			// nothing is folded).
			tl, err := LoadTimeline(runDir)
			require.NoError(t, err)
			require.NotEmpty(t, tl.Devices)
			bgp := 0
			for _, d := range tl.Devices {
				for _, l := range d.Lanes {
					assert.Contains(t, p.texts["lbl"], laneLabel(l.Kind, l.VRF, l.Subject), "%s lane", d.Name)
					if l.Kind == laneBGP {
						bgp++
					}
				}
			}
			assert.Positive(t, bgp, "the lab has BGP neighbors")
			// Every outage of report.json is labelled with its duration, on
			// the timeline and in the table.
			durs := strings.Join(append(append(append(p.texts["dur"], p.texts["dur in-bad"]...), p.texts["dur in-warn"]...), p.texts["dur in-exp"]...), "|")
			unrecovered := false
			for _, o := range rep.Outages {
				assert.Contains(t, durs, FormatSeconds(o.Seconds), "timeline label of %s %s %s", o.Device, o.Kind, o.Subject)
				unrecovered = unrecovered || !o.Recovered
			}
			assert.Equal(t, tc.outage, unrecovered)
			assert.NotEmpty(t, rep.Outages)

			// NDJSON: documents add up to report.json.
			var nd bytes.Buffer
			n, err := WriteNDJSON(runDir, &nd)
			require.NoError(t, err)
			docs := checkBulk(t, nd.Bytes(), id, true)
			events := 0
			for _, c := range rep.Monitor.EventsByKind {
				events += c
			}
			assert.Len(t, docs[DocEvent], events)
			assert.Len(t, docs[DocFinding], len(rep.Findings))
			assert.Len(t, docs[DocCheck], len(rep.Checks))
			assert.Equal(t, 1+events+len(rep.Findings)+len(rep.Checks), n)
			_, err = WriteNDJSONFile(runDir)
			require.NoError(t, err)

			if haveChromium() {
				shot := filepath.Join(runDir, "report.png")
				dom := browse(t, path, shot)
				checkDOM(t, dom, rep.Verdict.Decision, p.count["g.sub"])
				checkScreenshot(t, shot, tc.outage)
			}
		})
	}
}
