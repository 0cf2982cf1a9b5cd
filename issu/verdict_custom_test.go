package issu

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu/policy"
)

// A user's own check (custom.*) in a phase's checks.json counts in the
// verdict as a built-in check of that phase with the same status; in the
// monitor phase, where the built-in checks are judged from the monitor's
// result, a failed one is a rollback as a failed post-check is.
func TestDecideCountsCustomChecks(t *testing.T) {
	const id = "custom.TestChangeFreeze"
	fail := func(phase Phase, dev, msg string) CheckResult {
		return CheckResult{Phase: phase, Check: id, Device: dev, Status: StatusFail,
			Findings: []Finding{{ID: id, Device: dev, Severity: SevError, Message: msg}}}
	}
	cases := []struct {
		name     string
		phase    Phase
		result   CheckResult
		decision string
		gate     string
		reason   string // substring of a reason's "effect device text [evidence]"
		summary  string // substring of summary.txt
		rollback bool
	}{
		{name: "pass", phase: Pre, result: CheckResult{Phase: Pre, Check: id, Device: "CHASSIS_A", Status: StatusPass},
			decision: Proceed, gate: GateOpen},
		{name: "pre fail closes the gate", phase: Pre, result: fail(Pre, "CHASSIS_A", "CHASSIS_A is on the change freeze list"),
			decision: Investigate, gate: GateClosed,
			reason:  "INVESTIGATE CHASSIS_A pre-check custom.TestChangeFreeze failed: CHASSIS_A is on the change freeze list [pre/checks.json]",
			summary: "pre CHASSIS_A custom.TestChangeFreeze: CHASSIS_A is on the change freeze list"},
		{name: "pre fail for the whole run", phase: Pre, result: fail(Pre, "", "change window closed"),
			decision: Investigate, gate: GateClosed, reason: "INVESTIGATE  pre-check custom.TestChangeFreeze failed: change window closed",
			summary: "[INVESTIGATE] run: pre-check custom.TestChangeFreeze failed: change window closed"},
		{name: "pre error", phase: Pre, result: CheckResult{Phase: Pre, Check: id, Device: "CHASSIS_A", Status: StatusError, Reason: "show version was not collected"},
			decision: Investigate, gate: GateOpen, reason: "pre-check custom.TestChangeFreeze error: show version was not collected"},
		{name: "pre blocked", phase: Pre, result: CheckResult{Phase: Pre, Check: id, Device: "CHASSIS_A", Status: StatusBlocked, Reason: "no parser for show version on os \"panos\""},
			decision: Investigate, gate: GateOpen, reason: "pre-check custom.TestChangeFreeze blocked: no parser"},
		{name: "pre skipped", phase: Pre, result: CheckResult{Phase: Pre, Check: id, Device: "CHASSIS_A", Status: StatusSkipped, Reason: "not an nxos device"},
			decision: Proceed, gate: GateOpen},
		{name: "monitor fail", phase: MonitorPhase, result: fail(MonitorPhase, "CHASSIS_A", "HSRP flapped"),
			decision: Rollback, gate: GateOpen, rollback: true,
			reason: "ROLLBACK CHASSIS_A monitor-check custom.TestChangeFreeze failed: HSRP flapped [monitor/checks.json]"},
		{name: "monitor fail for the whole run", phase: MonitorPhase, result: fail(MonitorPhase, "", "ticket closed during the upgrade"),
			decision: Rollback, gate: GateOpen, reason: "monitor-check custom.TestChangeFreeze failed: ticket closed"},
		{name: "monitor blocked", phase: MonitorPhase, result: CheckResult{Phase: MonitorPhase, Check: id, Device: "CHASSIS_A", Status: StatusBlocked, Reason: "no HSRP parser"},
			decision: Investigate, gate: GateOpen, reason: "monitor-check custom.TestChangeFreeze blocked: no HSRP parser"},
		// A failed check of the whole run after the upgrade rolls back
		// every device: the decision came with no rollback commands and
		// every device row said PROCEED.
		{name: "post fail for the whole run", phase: Post, result: fail(Post, "", "VLANs missing"),
			decision: Rollback, gate: GateOpen, rollback: true, reason: "post-check custom.TestChangeFreeze failed: VLANs missing"},
		{name: "post fail", phase: Post, result: fail(Post, "CHASSIS_A", "VLAN 20 missing"),
			decision: Rollback, gate: GateOpen, rollback: true, reason: "ROLLBACK CHASSIS_A post-check custom.TestChangeFreeze failed: VLAN 20 missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyRun(t, "chg-clean")
			run, err := LoadRun(dir)
			require.NoError(t, err)
			rs, err := LoadCheckResults(dir, c.phase)
			if !errors.Is(err, ErrNoResults) {
				require.NoError(t, err)
			}
			require.NoError(t, run.WriteCheckResults(c.phase, append(rs, c.result)))

			v, err := DecideRun(dir, policy.Default())
			require.NoError(t, err)
			rep, err := BuildReport(dir, policy.Default())
			require.NoError(t, err)
			for _, got := range []Verdict{v, rep.Verdict} {
				assert.Equal(t, c.decision, got.Decision, reasonTexts(got))
				assert.Equal(t, c.gate, got.Gate)
				if c.reason != "" {
					assert.Contains(t, reasonTexts(got), c.reason)
				}
				if c.rollback {
					assert.Contains(t, got.Rollback, "CHASSIS_A", "rollback commands for the device")
				}
			}
			assert.Contains(t, rep.Checks, c.result, "report.json checks[]")
			for _, d := range rep.Devices {
				assert.NotEmpty(t, d.Name, "a result for the whole run makes no device row")
				if c.result.Device == "" && c.decision == Rollback {
					assert.Equal(t, Rollback, d.Decision, "%s: a failed check of the whole run concerns every device", d.Name)
					assert.NotEmpty(t, rep.Verdict.Rollback[d.Name], "%s: rollback commands", d.Name)
				}
			}
			assert.Equal(t, 1, rep.Counts[string(c.phase)][c.result.Status]-countStatus(rs, c.result.Status), "counts.%s.%s", c.phase, c.result.Status)
			if c.summary != "" {
				require.NoError(t, rep.Write(dir))
				sum, err := os.ReadFile(filepath.Join(dir, "summary.txt"))
				require.NoError(t, err)
				assert.Contains(t, string(sum), c.summary)
			}
		})
	}
}

func countStatus(rs []CheckResult, s Status) int {
	n := 0
	for _, r := range rs {
		if r.Status == s {
			n++
		}
	}
	return n
}

func TestCustomCheckID(t *testing.T) {
	cases := []struct {
		id     string
		custom bool
	}{
		{CustomCheckID("TestCustomSoftwareVersionKnown"), true},
		{"redundancy_sso", false},
		{"customs_ok", false},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			assert.Equal(t, c.custom, IsCustomCheck(c.id))
		})
	}
	assert.Equal(t, "custom.TestCustomSoftwareVersionKnown", CustomCheckID("TestCustomSoftwareVersionKnown"))
}
