package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRolloutWritesTheReport: `make rollout` ran the waves but left no
// report.json or report.html, and `goissu report` on the run said the
// monitor had not run (the waves' monitors lived under rollout/ only).
func TestRolloutWritesTheReport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as a subprocess against the lab")
	}
	const id = "e2e-rollout"
	args := []string{"-run", "^(TestPrecheck|TestRollout)$", "-time-scale", "120", "-issu.execute", "-issu.approve=" + id}
	o := runSuites(t, id, args...)
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

	// A second rollout under the same run id is refused: its pre phase
	// would replace the baseline by the upgraded state, and its waves
	// append to the first one's monitors. (The last -results wins.)
	preBefore, err := os.ReadFile(filepath.Join(o.runDir, "pre", "checks.json"))
	require.NoError(t, err)
	again := runSuites(t, id, append(args, "-results", filepath.Dir(o.runDir))...)
	assert.NotEqual(t, 0, again.exit)
	for name, want := range map[string]string{"TestPrecheck": "a new pre snapshot would replace the baseline", "TestRollout": "pre phase refused"} {
		if c, ok := again.cases[name]; assert.True(t, ok, "%s in JUnit", name) && assert.NotNil(t, c.Failure, name) {
			assert.Contains(t, c.Failure.Text, want)
		}
	}
	preAfter, err := os.ReadFile(filepath.Join(o.runDir, "pre", "checks.json"))
	require.NoError(t, err)
	assert.Equal(t, string(preBefore), string(preAfter), "the baseline is untouched")
}

// TestRolloutRefusedThenRerun: a rollout its gates refused (the pre-checks
// failed) installed nothing, yet locked its run id, which must equal the
// approval token: the change could not go ahead under its ticket once the
// cause was fixed. It can now be run again under the same run id.
func TestRolloutRefusedThenRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as subprocesses against the lab")
	}
	const id = "e2e-rollout-rerun"
	args := []string{"-run", "^(TestPrecheck|TestRollout)$", "-time-scale", "120", "-issu.execute", "-issu.approve=" + id}
	refused := runSuites(t, id, append(args, "-scenario", "high-cpu")...)
	assert.NotEqual(t, 0, refused.exit)
	if c, ok := refused.cases["TestRollout"]; assert.True(t, ok) && assert.NotNil(t, c.Failure, "the gate refuses") {
		assert.Contains(t, c.Failure.Text, "pre phase not passed")
	}
	assert.NoDirExists(t, filepath.Join(refused.runDir, "rollout"), "no wave began")

	// The cause fixed (here: a lab without the CPU load), the same run id.
	again := runSuites(t, id, append(args, "-scenario", "clean-issu", "-results", filepath.Dir(refused.runDir))...)
	assert.Equal(t, 0, again.exit, "exit status\n%s", tail(again.output))
	b, err := os.ReadFile(filepath.Join(refused.runDir, "report.json"))
	if assert.NoError(t, err) {
		assert.Contains(t, string(b), `"decision": "PROCEED"`)
	}
}
