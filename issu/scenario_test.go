package issu_test

import (
	"context"
	"os"
	"path/filepath"
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
	"github.com/goissu/goissu/issu/monitor"
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
	_, targets := startLabScaled(t, scenario, 0)
	return targets
}

// startLabScaled is startLab with a time scale (0 = the lab's default) that
// also returns the lab, to drive the ISSU.
func startLabScaled(t *testing.T, scenario string, scale float64) (*sim.Lab, []issu.Target) {
	t.Helper()
	if os.Getenv(sim.PasswordEnv) == "" {
		t.Setenv(sim.PasswordEnv, sim.DefaultPassword)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	lab, err := sim.Start(ctx, sim.LabConfig{Scenario: scenario, StateDir: t.TempDir(), TimeScale: scale})
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
	return lab, targets
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
				// The lab renders every profiled command and the parsers
				// read them: nothing may be missing or unjudged.
				assert.NotContains(t, []issu.Status{issu.StatusError, issu.StatusBlocked}, r.Status, "%s %s: %s", r.Device, r.Check, r.Reason)
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

// TestScenarioFullISSU plays pre-checks, the ISSU under the monitor, the
// post-checks and the verdict on the simulated lab, each phase reading the
// previous one from disk as separate CI jobs would.
func TestScenarioFullISSU(t *testing.T) {
	if testing.Short() {
		t.Skip("plays ISSUs on the simulated lab")
	}
	cases := []struct {
		scenario string
		decision string
		device   string // the device the verdict blames ("" = none)
		reason   string // substring of one of its reasons
	}{
		{"clean-issu", issu.Proceed, "", ""},
		{"crash-coredump", issu.Rollback, "CHASSIS_A", "crash"},
		{"bgp-neighbor-stays-down", issu.Rollback, "CHASSIS_A", "10.1.1.6"},
		{"version-unchanged", issu.Rollback, "CHASSIS_A", "the upgrade did not take"},
		{"iosxe-clean-issu", issu.Proceed, "", ""},
		{"prefix-missing-after", issu.Rollback, "CHASSIS_A", "10.99.0.0/24"},
		{"ospf-stuck-exstart", issu.Rollback, "CHASSIS_A", "OSPF"},
		{"issu-aborted-rollback", issu.Rollback, "CHASSIS_A", "install"},
	}
	if os.Getenv(sim.PasswordEnv) == "" {
		t.Setenv(sim.PasswordEnv, sim.DefaultPassword)
	}
	for i, c := range cases {
		t.Run(c.scenario, func(t *testing.T) {
			if raceEnabled && i > 1 {
				t.Skip("race detector: only the first two scenarios (each ISSU takes about a minute under -race)")
			}
			lab, targets := startLabScaled(t, c.scenario, 300)
			results := t.TempDir()
			run, err := issu.OpenRun(results, "chg-"+c.scenario)
			require.NoError(t, err)
			pol := labPolicy()
			pol.CriticalPrefixes = []policy.Prefix{{VRF: "default", Prefix: "10.99.0.0/24"}}
			pol.Monitor.Interval = 100 * time.Millisecond
			pol.Monitor.MaxDuration = 90 * time.Second
			pol.Monitor.StablePolls = 5
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()

			// Pre.
			pre, err := issu.TakeSnapshot(ctx, targets, issu.Pre, issu.SnapshotOptions{Run: run, Policy: pol})
			require.NoError(t, err)
			preResults := checks.RunAll(&checks.Env{Pre: pre, Policy: pol}, checks.Pre())
			require.NoError(t, run.WriteCheckResults(issu.Pre, preResults))
			require.Empty(t, failed(preResults), "pre-checks pass before the ISSU")

			// ISSU under the monitor.
			require.NoError(t, lab.StartISSUAll())
			mts := make([]monitor.Target, 0, len(targets))
			for _, tg := range targets {
				mts = append(mts, tg.(monitor.Target))
			}
			mres, err := monitor.Run(ctx, mts, issu.MonitorConfig(pol, filepath.Join(run.Dir, "monitor")))
			require.NoError(t, err)
			t.Logf("monitor: %s after %d samples, installs %v", mres.StopReason, mres.Samples, mres.InstallState)

			// Post, in "another process": the pre snapshot comes from disk.
			post, err := issu.TakeSnapshot(ctx, targets, issu.Post, issu.SnapshotOptions{Run: run, Policy: pol})
			require.NoError(t, err)
			preBack, err := issu.LoadSnapshot(filepath.Join(run.Dir, "pre"))
			require.NoError(t, err)
			postResults := checks.RunAll(&checks.Env{Pre: preBack, Post: post, Policy: pol}, checks.Post())
			require.NoError(t, run.WriteCheckResults(issu.Post, postResults))

			rep, err := issu.BuildReport(run.Dir, pol)
			require.NoError(t, err)
			require.NoError(t, rep.Write(run.Dir))
			v := rep.Verdict
			for _, r := range v.Reasons {
				if r.Effect != "INFO" {
					t.Logf("%s %s %s: %s [%s]", r.Effect, r.Device, r.Check, r.Text, r.Evidence)
				}
			}
			assert.Equal(t, c.decision, v.Decision)
			if c.device != "" {
				found := false
				for _, r := range v.Reasons {
					found = found || (r.Device == c.device && r.Effect == issu.Rollback && strings.Contains(r.Text, c.reason))
				}
				assert.True(t, found, "a rollback reason on %s mentioning %q", c.device, c.reason)
				assert.NotEmpty(t, v.Rollback[c.device])
				for dev := range v.Rollback {
					assert.Equal(t, c.device, dev, "only the affected device is rolled back")
				}
			}
			assert.FileExists(t, filepath.Join(run.Dir, "summary.txt"))
		})
	}
}
