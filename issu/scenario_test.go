package issu_test

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/fixtures/sim"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
	"github.com/goissu/goissu/issu/policy"
)

// labPolicy targets the simulated lab's images.
func labPolicy() *policy.Policy {
	p := policy.Default()
	p.TargetImages = map[string]string{"nxos": "nxos64-cs.10.4.3.F.bin", "iosxe": "asr1000rpx86-universalk9.17.12.03.SPA.bin"}
	p.TargetVersions = map[string]string{"nxos": "10.4(3)", "iosxe": "17.12.03"}
	return p
}

// startLab starts a scenario's lab and connects to every device of its
// testbed; everything is closed when the test ends.
func startLab(t *testing.T, scenario string) []issu.Target {
	t.Helper()
	if os.Getenv(sim.PasswordEnv) == "" {
		t.Setenv(sim.PasswordEnv, sim.DefaultPassword)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	lab, err := sim.Start(ctx, sim.LabConfig{Scenario: scenario, StateDir: t.TempDir()})
	require.NoError(t, err)
	t.Cleanup(func() { lab.Close() })
	tb, err := devices.LoadTestbed(lab.TestbedPath())
	require.NoError(t, err)
	names := make([]string, 0, len(tb.Devices))
	for n := range tb.Devices {
		names = append(names, n)
	}
	sort.Strings(names)
	var targets []issu.Target
	for _, n := range names {
		d, err := devices.NewDevice(tb.Devices[n], devices.Options{KnownHostsFile: lab.KnownHostsPath(), CommandTimeout: 20 * time.Second})
		require.NoError(t, err)
		t.Cleanup(func() { d.Disconnect() })
		targets = append(targets, d)
	}
	return targets
}

// failed lists "device/check" of the failed results.
func failed(results []issu.CheckResult) []string {
	var out []string
	for _, r := range results {
		if r.Status == issu.StatusFail {
			out = append(out, r.Device+"/"+r.Check)
		}
	}
	sort.Strings(out)
	return out
}

func TestScenarioPreChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the simulated lab")
	}
	cases := []struct {
		scenario string
		// wantFail are device/check pairs that must fail; every other
		// check on every device must not fail.
		wantFail []string
		gate     string
	}{
		{"clean-issu", nil, issu.GateOpen},
		{"standby-not-ready", []string{"CHASSIS_A/redundancy_sso", "CHASSIS_A/modules_ok"}, issu.GateClosed},
		{"bootflash-full", []string{"CHASSIS_A/bootflash_space"}, issu.GateClosed},
		{"high-cpu", []string{"CHASSIS_A/cpu_headroom"}, issu.GateClosed},
		{"incompatible-disruptive", []string{"CHASSIS_A/incompatibility", "CHASSIS_A/install_impact"}, issu.GateClosed},
	}
	for _, c := range cases {
		t.Run(c.scenario, func(t *testing.T) {
			targets := startLab(t, c.scenario)
			run, err := issu.OpenRun(t.TempDir(), "lab-"+c.scenario)
			require.NoError(t, err)
			pol := labPolicy()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			snap, err := issu.TakeSnapshot(ctx, targets, issu.Pre, issu.SnapshotOptions{Run: run, Policy: pol})
			require.NoError(t, err)
			assert.Empty(t, snap.Findings, "every lab device collected")
			env := &checks.Env{Pre: snap, Policy: pol}
			results := checks.RunAll(env, checks.Pre())
			require.NotEmpty(t, results)
			require.NoError(t, run.WriteCheckResults(issu.Pre, results))

			got := failed(results)
			for _, w := range c.wantFail {
				assert.Contains(t, got, w)
			}
			for _, g := range got {
				assert.Contains(t, c.wantFail, g, "unexpected failure")
			}
			for _, r := range results {
				if r.Status == issu.StatusError || r.Status == issu.StatusBlocked {
					t.Logf("%s %s %s: %s", r.Device, r.Check, r.Status, r.Reason)
				}
				for _, f := range r.Findings {
					if r.Status == issu.StatusFail {
						t.Logf("finding: %s", f)
					}
				}
			}
			v, err := issu.DecideRun(run.Dir, pol)
			require.NoError(t, err)
			assert.Equal(t, c.gate, v.Gate)
			if c.gate == issu.GateClosed {
				assert.Equal(t, issu.Investigate, v.Decision)
				assert.True(t, strings.HasPrefix(v.Reasons[0].Text, "gate: pre-checks failed"))
			}
		})
	}
}
