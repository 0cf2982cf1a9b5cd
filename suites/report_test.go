package suites

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/report"
	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/require"
)

// runReport builds report.json and summary.txt from what the phases left on
// disk and fails unless the verdict is PROCEED, naming every reason.
func runReport(t *testing.T) {
	env := harness.SetupOrSkip(t)
	if env.PreRefused != "" {
		// The run's report stays the one its own phases wrote.
		t.Skip("blocked: pre phase refused: " + env.PreRefused)
	}
	rep := writeReport(t, env)
	require.NoError(t, env.MarkPhase("report"))
	if v := rep.Verdict; v.Decision != issu.Proceed {
		for _, r := range v.Reasons {
			t.Errorf("%s: %s: %s (evidence: %s)", r.Device, r.Check, r.Text, r.Evidence)
		}
		t.Errorf("verdict %s for run %s", v.Decision, env.Run.ID)
	}
}

// writeReport writes the run's report.json, summary.txt, report.html and
// report.ndjson from what is on disk, prints the summary and where they
// are, and returns the report.
func writeReport(t *testing.T, env *harness.Env) *issu.Report {
	t.Helper()
	rep, err := issu.BuildReport(env.Run.Dir, env.Policy)
	require.NoError(t, err, "error: build the report of run %s", env.Run.ID)
	require.NoError(t, rep.Write(env.Run.Dir), "error: write the report")
	html, err := report.WriteHTML(env.Run.Dir)
	require.NoError(t, err, "error: write report.html")
	nd, err := report.WriteNDJSONFile(env.Run.Dir)
	require.NoError(t, err, "error: write report.ndjson")
	v := rep.Verdict
	t.Attr("verdict", v.Decision)
	t.Attr("run_id", env.Run.ID)
	if b, err := os.ReadFile(filepath.Join(env.Run.Dir, "summary.txt")); err == nil {
		fmt.Fprintf(env.Log, "\n%s\n", b)
	}
	fmt.Fprintf(env.Log, "goissu: verdict %s — report %s, %s (Kibana: %s), summary %s\n", v.Decision,
		filepath.Join(env.Run.Dir, "report.json"), html, nd, filepath.Join(env.Run.Dir, "summary.txt"))
	return rep
}
