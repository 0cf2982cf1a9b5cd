package orchestrate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/issu"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRolloutThreeWavesClean(t *testing.T) {
	// Six devices: the default lab twice, with numbered names. The testbed
	// says custom.wave: one NX-OS chassis first, then its peer and the
	// edge, then the second copy.
	e := startLabN(t, "clean-issu", 6, rolloutScale)
	waves := map[string]int{"CHASSIS_A_0001": 1, "CHASSIS_B_0001": 2, "EDGE1_0001": 2, "CHASSIS_A_0002": 3, "CHASSIS_B_0002": 3, "EDGE1_0002": 3}
	require.ElementsMatch(t, keys(waves), e.lab.Names())
	for n, w := range waves {
		e.tb.Devices[n].Custom = map[string]any{"wave": w}
	}
	e.preflight(t)
	plan, err := Waves(e.tb, e.lab.Names(), nil)
	require.NoError(t, err)
	require.Len(t, plan.Waves, 3)
	assert.Equal(t, "testbed custom.wave", plan.Source)
	var log bytes.Buffer
	cfg := e.config(plan)
	cfg.Log = &log
	res, err := Rollout(context.Background(), cfg)
	require.NoError(t, err, "progress:\n%s", log.String())
	assert.True(t, res.Completed)
	for i, w := range res.Waves {
		t.Run(fmt.Sprintf("wave-%d", w.Number), func(t *testing.T) {
			assert.Equal(t, i+1, w.Number)
			assert.Equal(t, WaveProceed, w.Status, "reasons: %+v", w.Reasons)
			assert.Equal(t, issu.Proceed, w.Decision)
			require.Len(t, w.Installs, len(w.Devices))
			for _, in := range w.Installs {
				assert.Equal(t, InstallSuccess, in.Status, in.Device)
				assert.Equal(t, i+1, waves[in.Device], "%s upgraded in its wave", in.Device)
				assert.Len(t, installCommands(e.lab, in.Device), 1)
				b, err := os.ReadFile(filepath.Join(e.run.Dir, "orchestrate", in.Device+".log"))
				require.NoError(t, err)
				assert.Contains(t, string(b), "### goissu: install on "+in.Device+" ended: success")
			}
		})
	}
	// Waves ran in order: a wave's installs started after the previous
	// wave was decided.
	for i := 1; i < len(res.Waves); i++ {
		prev := res.Waves[i-1]
		for _, in := range res.Waves[i].Installs {
			assert.True(t, in.Start.After(*prev.Finished), "%s started before wave %d ended", in.Device, prev.Number)
		}
	}
	var onDisk Result
	b, err := os.ReadFile(filepath.Join(e.run.Dir, RolloutFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &onDisk))
	assert.True(t, onDisk.Completed)
	assert.Len(t, onDisk.Waves, 3)
	txt, err := os.ReadFile(filepath.Join(e.run.Dir, RolloutSummaryFile))
	require.NoError(t, err)
	assert.Contains(t, string(txt), "ROLLOUT COMPLETED")

	// The run's report reads the rollout as a validation run: every wave's
	// monitor and post-checks, every device.
	rep, err := issu.BuildReport(e.run.Dir, cfg.Policy)
	require.NoError(t, err)
	assert.Equal(t, issu.Proceed, rep.Verdict.Decision, "%+v", rep.Verdict.Reasons)
	assertReportCoversWaves(t, rep, res)
}

// assertReportCoversWaves: every device of every wave that ran has monitor
// and post results in the run's report, and the monitor saw it.
func assertReportCoversWaves(t *testing.T, rep *issu.Report, res *Result) {
	t.Helper()
	mon, post := map[string]bool{}, map[string]bool{}
	for _, c := range rep.Checks {
		switch c.Phase {
		case issu.MonitorPhase:
			mon[c.Device] = true
		case issu.Post:
			post[c.Device] = true
		}
	}
	for _, w := range res.Waves {
		if w.Monitor == "" {
			continue
		}
		for _, d := range w.Devices {
			assert.True(t, mon[d], "monitor results of %s (wave %d) in the report", d, w.Number)
			assert.True(t, post[d], "post results of %s (wave %d) in the report", d, w.Number)
		}
	}
	assert.NotEmpty(t, rep.Counts[string(issu.MonitorPhase)], "the report says the monitor ran")
}

func TestRolloutStopsAtFirstBadWave(t *testing.T) {
	e := startLabN(t, "bgp-neighbor-stays-down", 0, rolloutScale)
	e.preflight(t)
	plan, err := Waves(e.tb, e.lab.Names(), [][]string{{"CHASSIS_A"}, {"CHASSIS_B", "EDGE1"}})
	require.NoError(t, err)
	var log bytes.Buffer
	cfg := e.config(plan)
	cfg.Log = &log
	res, err := Rollout(context.Background(), cfg)
	require.Error(t, err)
	assert.False(t, res.Completed)
	w1, w2 := res.Wave(1), res.Wave(2)
	require.NotNil(t, w1)
	require.NotNil(t, w2)
	assert.Equal(t, WaveStopped, w1.Status)
	assert.Equal(t, issu.Rollback, w1.Decision)
	assert.NotEmpty(t, w1.Rollback["CHASSIS_A"], "the recommended rollback is listed")
	for _, r := range w1.Reasons {
		if r.Phase == "monitor" && r.Evidence != "" {
			assert.Regexp(t, `^rollout/wave-1/monitor/`, r.Evidence, "evidence points at the wave's own monitor")
		}
	}
	assert.Contains(t, log.String(), "recommended rollback")
	assert.Equal(t, WaveNotRun, w2.Status)
	assert.Contains(t, res.StopReason, "wave 1 stopped")
	for _, n := range []string{"CHASSIS_B", "EDGE1"} {
		assert.Empty(t, installCommands(e.lab, n), "%s must not be touched", n)
	}
	ver, err := e.device(t, "CHASSIS_B", false).Execute(context.Background(), "show version")
	require.NoError(t, err)
	assert.Contains(t, ver, "10.2(3)", "wave 2 still runs the old image")
	for _, c := range e.lab.Commands("CHASSIS_A") {
		assert.NotRegexp(t, `^install (abort|rollback)|^install all nxos bootflash:nxos64-cs\.10\.2`, c, "goissu never rolls back by itself")
	}
	rep, err := issu.BuildReport(e.run.Dir, cfg.Policy)
	require.NoError(t, err)
	assert.Equal(t, issu.Rollback, rep.Verdict.Decision, "the run's report agrees with wave 1")
	assertReportCoversWaves(t, rep, res)
}

func TestRolloutGatesSendNothing(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(t *testing.T, e *labEnv, cfg *Config)
		want    error
		msg     string
		reads   bool // the gate is a read on the device (dir bootflash:)
	}{
		{"writes not enabled", func(t *testing.T, e *labEnv, cfg *Config) { cfg.Approval.Execute = false }, ErrNotExecuting, "-issu.execute", false},
		{"no approval", func(t *testing.T, e *labEnv, cfg *Config) { cfg.Approval.Token = "" }, ErrNotApproved, "-issu.approve", false},
		{"approval of another run", func(t *testing.T, e *labEnv, cfg *Config) { cfg.Approval.Token = "chg-other" }, ErrNotApproved, "chg-other", false},
		{"no pre phase", func(t *testing.T, e *labEnv, cfg *Config) {
			require.NoError(t, os.Remove(filepath.Join(e.run.Dir, "pre", "checks.json")))
		}, ErrPreNotPassed, "run TestPrecheck first", false},
		{"pre phase failed", func(t *testing.T, e *labEnv, cfg *Config) {
			res, err := issu.LoadCheckResults(e.run.Dir, issu.Pre)
			require.NoError(t, err)
			for i := range res {
				if res[i].Device == "CHASSIS_B" && res[i].Check == "redundancy_sso" {
					res[i].Status = issu.StatusFail
				}
			}
			require.NoError(t, e.run.WriteCheckResults(issu.Pre, res))
		}, ErrPreNotPassed, "CHASSIS_B", false},
		{"image missing", func(t *testing.T, e *labEnv, cfg *Config) {
			cfg.TargetImage = func(string) string { return "nxos64-cs.99.9.9.F.bin" }
		}, ErrImageMissing, "nxos64-cs.99.9.9.F.bin", true},
		{"disruptive impact in the pre snapshot", func(t *testing.T, e *labEnv, cfg *Config) {
			p := filepath.Join(e.run.Dir, "pre", "CHASSIS_A", issu.LabelInstallImpact+".txt")
			require.NoError(t, os.WriteFile(p, []byte("Compatibility check is done:\n     2       yes      disruptive         reset  Incompatible image\n"), 0o644))
		}, ErrDisruptive, "CHASSIS_A", false},
	}
	e := startLab(t, "clean-issu")
	e.preflight(t)
	pre, err := os.ReadFile(filepath.Join(e.run.Dir, "pre", "checks.json"))
	require.NoError(t, err)
	impact := filepath.Join(e.run.Dir, "pre", "CHASSIS_A", issu.LabelInstallImpact+".txt")
	impactB, err := os.ReadFile(impact)
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Every case starts from the passed pre phase.
			require.NoError(t, os.MkdirAll(filepath.Join(e.run.Dir, "pre", "CHASSIS_A"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(e.run.Dir, "pre", "checks.json"), pre, 0o644))
			require.NoError(t, os.WriteFile(impact, impactB, 0o644))
			counts := map[string]int{}
			for _, n := range e.lab.Names() {
				counts[n] = len(e.lab.Commands(n))
			}
			plan, err := Waves(e.tb, e.lab.Names(), [][]string{{"CHASSIS_A", "EDGE1"}, {"CHASSIS_B"}})
			require.NoError(t, err)
			cfg := e.config(plan)
			c.prepare(t, e, &cfg)
			res, err := Rollout(context.Background(), cfg)
			require.ErrorIs(t, err, c.want)
			assert.Contains(t, err.Error(), c.msg)
			assert.False(t, res.Completed)
			assert.Contains(t, res.StopReason, c.want.Error())
			for _, n := range e.lab.Names() {
				sent := e.lab.Commands(n)[counts[n]:]
				assert.Empty(t, installCommands(e.lab, n), "%s: no install may be sent", n)
				if !c.reads {
					assert.Empty(t, sent, "%s: the gate is checked before connecting", n)
				}
			}
			for _, w := range res.Waves[1:] {
				assert.Equal(t, WaveNotRun, w.Status)
				assert.Contains(t, w.StopReason, "not run: ")
			}
			_, err = os.Stat(filepath.Join(e.run.Dir, RolloutFile))
			assert.NoError(t, err, "the refusal is recorded in rollout.json")
		})
	}
	// The pre snapshot of e was taken from the lab; the last case moved it
	// back in place, so a well-formed rollout would now pass the gates.
	require.NoError(t, os.WriteFile(impact, impactB, 0o644))
	assert.NoError(t, CheckImpact(e.run.Dir, "CHASSIS_A", false))
}

func keys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestRolloutInstallPanicIsWatched: an install that panics after sending
// the install command (a bug on unexpected device output) was recorded as
// "install not run", and a wave where nothing else started was refused
// with "nothing was installed" and its monitor stopped while the device
// upgraded. Now the wave is watched, post-checked and decided, and the
// install names the panic.
func TestRolloutInstallPanicIsWatched(t *testing.T) {
	e := startLabN(t, "clean-issu", 0, rolloutScale)
	e.preflight(t)
	plan, err := Waves(e.tb, e.lab.Names(), [][]string{{"CHASSIS_A"}, {"CHASSIS_B", "EDGE1"}})
	require.NoError(t, err)
	install = func(ctx context.Context, d Installer, opts InstallOptions) (InstallResult, error) {
		res, err := Install(ctx, d, opts)
		var nilMap map[string]int
		nilMap[res.Status] = 1 // the bug
		return res, err
	}
	t.Cleanup(func() { install = Install })
	var log bytes.Buffer
	cfg := e.config(plan)
	cfg.Log = &log
	res, _ := Rollout(context.Background(), cfg)
	w1 := res.Wave(1)
	require.NotNil(t, w1)
	assert.NotEqual(t, WaveRefused, w1.Status, "the wave was watched: %s", w1.StopReason)
	assert.NotEmpty(t, w1.Monitor)
	require.Len(t, w1.Installs, 1)
	assert.Equal(t, InstallError, w1.Installs[0].Status)
	assert.Contains(t, w1.Installs[0].Reason, "may have started")
	assert.Contains(t, w1.Installs[0].Reason, "panic")
	assert.Len(t, installCommands(e.lab, "CHASSIS_A"), 1)
}

// TestInstallOutcome: only a recovered panic counts as an install that may
// have started; a device ForEach never started (the operator cancelled
// while an earlier install ran) did not run its install.
func TestInstallOutcome(t *testing.T) {
	done := InstallResult{Device: "A", Status: InstallSuccess}
	cases := []struct {
		name    string
		r       InstallResult
		ok      bool
		err     error
		status  string
		reason  string
		started bool
	}{
		{"returned", done, true, nil, InstallSuccess, "", false},
		{"panicked", InstallResult{}, false, fmt.Errorf("A: %w: assignment to entry in nil map", devices.ErrPanic), InstallError, "may have started", true},
		{"not started", InstallResult{}, false, fmt.Errorf("A: %w: %w", devices.ErrNotStarted, context.Canceled), InstallError, "install not run", false},
		{"no entry", InstallResult{}, false, nil, InstallError, "install not run", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, started := installOutcome("A", tc.r, tc.ok, tc.err)
			assert.Equal(t, "A", r.Device)
			assert.Equal(t, tc.status, r.Status)
			assert.Contains(t, r.Reason, tc.reason)
			assert.Equal(t, tc.started, started)
		})
	}
}
