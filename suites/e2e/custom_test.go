package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goissu/goissu/issu"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// customTag builds the suites with the custom checks of
// suites/custom_e2e_checks_test.go (custom.TestCustomE2E in each phase and
// custom.TestCustomE2EWholeRun in pre), steered by GOISSU_E2E_CUSTOM.
const customTag = "goissu_e2e_custom"

// want is one custom check result expected in report.json.
type want struct {
	phase  issu.Phase
	check  string
	device string
	status issu.Status
	text   string // in a finding's message (fail) or the reason
}

func findResult(rep *issu.Report, w want) (issu.CheckResult, bool) {
	for _, r := range rep.Checks {
		if r.Phase == w.phase && r.Check == w.check && r.Device == w.device {
			return r, true
		}
	}
	return issu.CheckResult{}, false
}

func resultText(r issu.CheckResult) string {
	s := r.Reason
	for _, f := range r.Findings {
		s += " " + f.Message
	}
	return s
}

func assertWant(t *testing.T, rep *issu.Report, ws []want) {
	t.Helper()
	for _, w := range ws {
		r, ok := findResult(rep, w)
		if !assert.True(t, ok, "report.json has no %s %s on %q", w.phase, w.check, w.device) {
			continue
		}
		assert.Equal(t, w.status, r.Status, "%s %s on %q", w.phase, w.check, w.device)
		assert.Contains(t, resultText(r), w.text, "%s %s on %q", w.phase, w.check, w.device)
	}
}

// TestCustomChecksInReport: a user's check (a test method on a phase
// suite) is in report.json, summary.txt and the verdict like a built-in
// check of its phase, not only in JUnit.
func TestCustomChecksInReport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as subprocesses against the lab")
	}
	const pre, mon, post = issu.Pre, issu.MonitorPhase, issu.Post
	const ce, whole = "custom.TestCustomE2E", "custom.TestCustomE2EWholeRun"
	cases := []struct {
		name     string
		custom   string // GOISSU_E2E_CUSTOM
		verdict  string
		gate     string
		junit    string // a JUnit case that must fail
		want     []want
		reason   string // in a verdict reason
		summary  string // in summary.txt
		notInRun []issu.Phase
	}{
		{
			name: "all pass", verdict: issu.Proceed, gate: issu.GateOpen,
			want: []want{{pre, ce, "CHASSIS_A", issu.StatusPass, ""}, {pre, whole, "", issu.StatusPass, ""},
				{mon, ce, "EDGE1", issu.StatusPass, ""}, {post, ce, "CHASSIS_B", issu.StatusPass, ""}},
		},
		{
			name: "pre fails on one device", custom: "pre:CHASSIS_A:fail,pre:EDGE1:blocked",
			verdict: issu.Investigate, gate: issu.GateClosed, junit: "TestPrecheck/TestCustomE2E/CHASSIS_A",
			want: []want{{pre, ce, "CHASSIS_A", issu.StatusFail, "e2e pre-check: CHASSIS_A: on the change freeze list"},
				{pre, ce, "CHASSIS_B", issu.StatusPass, ""},
				{pre, ce, "EDGE1", issu.StatusBlocked, "e2e: no parser for show hsrp on EDGE1"},
				{pre, whole, "", issu.StatusPass, ""}},
			reason:   "pre-check custom.TestCustomE2E failed: e2e pre-check: CHASSIS_A: on the change freeze list",
			summary:  "pre CHASSIS_A custom.TestCustomE2E: e2e pre-check: CHASSIS_A: on the change freeze list",
			notInRun: []issu.Phase{mon, post},
		},
		{
			name: "pre check without sub-tests errors", custom: "pre:*:error",
			verdict: issu.Investigate, gate: issu.GateOpen, junit: "TestPrecheck/TestCustomE2EWholeRun",
			want:    []want{{pre, whole, "", issu.StatusError, "e2e: show hsrp was not collected"}, {pre, ce, "CHASSIS_A", issu.StatusPass, ""}},
			reason:  "pre-check custom.TestCustomE2EWholeRun error: e2e: show hsrp was not collected",
			summary: "[INVESTIGATE] run: pre-check custom.TestCustomE2EWholeRun error",
			// an error in the pre phase also blocks the later phases (gate())
			notInRun: []issu.Phase{mon, post},
		},
		{
			name: "monitor fails on one device", custom: "monitor:EDGE1:fail",
			verdict: issu.Rollback, gate: issu.GateOpen, junit: "TestMonitor/TestCustomE2E/EDGE1",
			want:    []want{{mon, ce, "EDGE1", issu.StatusFail, "e2e monitor-check: EDGE1: on the change freeze list"}, {mon, ce, "CHASSIS_A", issu.StatusPass, ""}},
			reason:  "monitor-check custom.TestCustomE2E failed: e2e monitor-check: EDGE1",
			summary: "monitor EDGE1 custom.TestCustomE2E: e2e monitor-check: EDGE1: on the change freeze list",
		},
		{
			name: "post fails on one device", custom: "post:CHASSIS_B:fail",
			verdict: issu.Rollback, gate: issu.GateOpen, junit: "TestPostcheck/TestCustomE2E/CHASSIS_B",
			want:    []want{{post, ce, "CHASSIS_B", issu.StatusFail, "e2e post-check: CHASSIS_B: on the change freeze list"}},
			reason:  "post-check custom.TestCustomE2E failed: e2e post-check: CHASSIS_B",
			summary: "[ROLLBACK] CHASSIS_B: post-check custom.TestCustomE2E failed",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GOISSU_E2E_CUSTOM", c.custom)
			o := runSuites(t, "e2e-custom", "-tags", customTag, "-scenario", "clean-issu", "-time-scale", "120")
			if c.junit == "" {
				assert.Equal(t, 0, o.exit, "exit status\n%s", tail(o.output))
			} else {
				assert.NotEqual(t, 0, o.exit, "a failed custom check fails the run")
				assert.True(t, o.failed(c.junit), "%s must fail (JUnit)", c.junit)
			}
			rep, err := issu.LoadReport(o.runDir)
			require.NoError(t, err, tail(o.output))
			assert.Equal(t, c.verdict, rep.Verdict.Decision, "%s", reasons(rep))
			assert.Equal(t, c.gate, rep.Verdict.Gate)
			assertWant(t, rep, c.want)
			if c.reason != "" {
				assert.Contains(t, reasons(rep), c.reason)
			}
			if c.summary != "" {
				sum, err := os.ReadFile(filepath.Join(o.runDir, "summary.txt"))
				require.NoError(t, err)
				assert.Contains(t, string(sum), c.summary)
			}
			for _, ph := range c.notInRun {
				assert.NotContains(t, rep.Counts, string(ph), "the gate blocks the %s phase", ph)
			}
			if t.Failed() {
				t.Logf("suites output:\n%s", tail(o.output))
			}
		})
	}
}

// TestCustomCheckRunAlone: a custom check run alone (-run
// 'TestPrecheck/TestCustomE2E$') keeps the built-in results SetupSuite
// wrote, and a later `-run TestReport` of the same run counts it.
func TestCustomCheckRunAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as subprocesses against the lab")
	}
	results := t.TempDir()
	const runID = "e2e-custom-alone"
	goTestSuites(t, results, runID, "pre:CHASSIS_A:fail", "-run", "TestPrecheck/TestCustomE2E$")
	rs, err := issu.LoadCheckResults(filepath.Join(results, runID), issu.Pre)
	require.NoError(t, err)
	var builtin, custom int
	for _, r := range rs {
		switch {
		case r.Check == "custom.TestCustomE2E":
			custom++
		case !issu.IsCustomCheck(r.Check):
			builtin++
		}
	}
	assert.Equal(t, 3, custom, "one result per lab device")
	assert.Greater(t, builtin, 30, "the built-in pre-checks SetupSuite ran stay in pre/checks.json")

	goTestSuites(t, results, runID, "", "-run", "TestReport")
	rep, err := issu.LoadReport(filepath.Join(results, runID))
	require.NoError(t, err)
	assert.Equal(t, issu.GateClosed, rep.Verdict.Gate)
	assert.NotEqual(t, issu.Proceed, rep.Verdict.Decision)
	assert.Contains(t, reasons(rep), "pre-check custom.TestCustomE2E failed: e2e pre-check: CHASSIS_A: on the change freeze list")
	assertWant(t, rep, []want{{issu.Pre, "custom.TestCustomE2E", "CHASSIS_B", issu.StatusPass, ""}})
}

// goTestSuites runs `go test ./suites` with the custom checks; a failing
// run is expected (the custom check fails), its output is kept for errors.
func goTestSuites(t *testing.T, results, runID, custom string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	full := append([]string{"test", "-count=1", "-timeout", "4m", "-tags", customTag, "./suites",
		"-run-id", runID, "-results", results, "-time-scale", "120"}, args...)
	cmd := exec.CommandContext(ctx, "go", full...)
	cmd.Dir = moduleRoot(t)
	cmd.Env = append(os.Environ(), "GOISSU_LAB_PASSWORD=admin", "GOFLAGS=-buildvcs=false", "GOISSU_E2E_CUSTOM="+custom)
	out, _ := cmd.CombinedOutput()
	require.NoError(t, ctx.Err(), "go test timed out:\n%s", tail(string(out)))
	return string(out)
}

func reasons(rep *issu.Report) string {
	var s []string
	for _, r := range rep.Verdict.Reasons {
		s = append(s, "["+r.Effect+"] "+r.Device+": "+r.Text)
	}
	return strings.Join(s, "\n")
}
