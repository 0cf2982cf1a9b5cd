package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRolloutWritesTheReport: `make rollout` ran the waves but left no
// report.json or report.html, and `goissu report` on the run said the
// monitor had not run (the waves' monitors lived under rollout/ only).
func TestRolloutWritesTheReport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as a subprocess against the lab")
	}
	const id = "e2e-rollout"
	o := runSuites(t, id, "-run", "^(TestPrecheck|TestRollout)$", "-time-scale", "120",
		"-issu.execute", "-issu.approve="+id)
	assert.Equal(t, 0, o.exit, "exit status\n%s", tail(o.output))
	assert.Equal(t, "PROCEED", o.verdict, "verdict.decision in report.json\n%s", tail(o.output))
	for _, f := range []string{"report.html", "summary.txt", "rollout.txt", "monitor/timeline.jsonl", "monitor/checks.json", "post/checks.json"} {
		assert.FileExists(t, filepath.Join(o.runDir, f))
	}
	if b, err := os.ReadFile(filepath.Join(o.runDir, "summary.txt")); assert.NoError(t, err) {
		assert.NotContains(t, string(b), "not run", "every phase ran:\n%s", b)
	}
	for _, n := range []string{"TestRollout/wave-1/CHASSIS_A", "TestRollout"} {
		if c, ok := o.cases[n]; assert.True(t, ok, "%s in JUnit", n) {
			assert.Nil(t, c.Failure, "%s must pass", n)
		}
	}
}
