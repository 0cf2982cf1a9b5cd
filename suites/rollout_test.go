package suites

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/orchestrate"
	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runRollout (TestRollout) lets goissu run the upgrade itself, in canary waves, behind
// every gate: -issu.execute, -issu.approve=<run-id>, a passed pre phase of
// this run on disk and the target image on each device. Each wave is
// installed, monitored, post-checked and decided before the next one; the
// first wave that is not PROCEED stops the rollout (its rollback commands
// are printed, never run). JUnit reads TestRollout/wave-1/CHASSIS_A.
//
// Run it after the pre phase, instead of TestMonitor/TestPostcheck:
//
//	go test ./suites -run '^(TestPrecheck|TestRollout)$' -run-id chg-4711 -issu.execute -issu.approve=chg-4711
//
// Without -issu.execute it skips, so `go test ./suites` is unchanged.
func runRollout(t *testing.T) {
	f, err := harness.Get()
	require.NoError(t, err, "error: flags")
	if !f.Execute {
		t.Skip("blocked: orchestration not enabled (-issu.execute)")
	}
	env := harness.SetupOrSkip(t)
	t.Attr("run_id", env.Run.ID)
	approval := orchestrate.Approval{Execute: f.Execute, Token: f.Approve}
	if err := orchestrate.CheckApproval(env.Run.ID, approval); err != nil {
		t.Fatalf("refused: %v", err)
	}
	if info, err := env.Run.ReadRunInfo(); err == nil && info != nil && info.Phases[string(issu.MonitorPhase)] != "" {
		t.Fatalf("refused: the monitor phase of run %s already ran (the upgrade was started elsewhere); "+
			"run the rollout with -run '^(TestPrecheck|TestRollout)$' under a new run id", env.Run.ID)
	}
	// A second rollout under one run id would append to the first one's
	// wave monitors and mix the two in the report. A rollout its gates
	// refused before any wave began (rollout/ absent) may be run again
	// once the cause is fixed.
	if env.PreRefused != "" {
		t.Fatalf("refused: pre phase refused: %s", env.PreRefused)
	}
	if _, err := os.Stat(filepath.Join(env.Run.Dir, "rollout")); err == nil {
		t.Fatalf("refused: run %s already has a rollout that began (%s); start another under a new run id", env.Run.ID, filepath.Join(env.Run.Dir, "rollout"))
	}
	plan, err := orchestrate.Waves(env.Testbed, env.Names, nil)
	require.NoError(t, err, "error: plan the waves")
	for _, w := range plan.Waves {
		fmt.Fprintf(env.Log, "goissu: rollout plan (%s): wave %d: %v\n", plan.Source, w.Number, w.Devices)
	}
	ctx := t.Context()
	if dl, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl)
		defer cancel()
	}
	res, err := orchestrate.Rollout(ctx, rolloutConfig(env, plan, approval))
	require.NotNil(t, res, "error: rollout: %v", err)
	if err != nil {
		t.Errorf("%v", err)
	}
	fmt.Fprintf(env.Log, "\n%s\n", res.Summary())
	if began(res) {
		require.NoError(t, env.MarkPhase("rollout"))
	}
	// The run's report covers the rollout as it would a validation run:
	// its monitor/ and post/ hold every wave that ran.
	writeReport(t, env)
	for _, w := range res.Waves {
		t.Run(fmt.Sprintf("wave-%d", w.Number), func(t *testing.T) { reportWave(t, env, w) })
	}
}

// reportWave asserts one wave, with one sub-test per device.
func reportWave(t *testing.T, env *harness.Env, w orchestrate.WaveResult) {
	t.Attr("status", w.Status)
	t.Attr("decision", w.Decision)
	installs := map[string]orchestrate.InstallResult{}
	for _, r := range w.Installs {
		installs[r.Device] = r
	}
	for _, dev := range w.Devices {
		t.Run(harness.TestName(dev), func(t *testing.T) {
			t.Attr("device", dev)
			if w.Status == orchestrate.WaveNotRun {
				t.Skipf("blocked: %s", w.StopReason)
			}
			r, ok := installs[dev]
			if !ok {
				t.Fatalf("refused: no install on %s: %s", dev, w.StopReason)
			}
			t.Attr("install", r.Status)
			if r.Log != "" {
				t.Logf("orchestration log: %s/%s", env.Run.Dir, r.Log)
			}
			assert.Equal(t, orchestrate.InstallSuccess, r.Status, "install on %s: %s", dev, r.Reason)
			for _, reason := range w.Reasons {
				if reason.Device == dev && reason.Effect != "INFO" {
					t.Errorf("%s: %s: %s (evidence: %s)", reason.Check, reason.Effect, reason.Text, reason.Evidence)
				}
			}
			if cmds := w.Rollback[dev]; len(cmds) > 0 {
				t.Logf("recommended rollback, not run by goissu: %v (%s)", cmds, w.RollbackNotes[dev])
			}
		})
	}
	if w.Status == orchestrate.WaveNotRun {
		t.Skipf("blocked: %s", w.StopReason)
	}
	if w.Status != orchestrate.WaveProceed {
		t.Errorf("wave %d %s (decision %q): %s", w.Number, w.Status, w.Decision, w.StopReason)
	}
}

// rolloutConfig maps the run's flags, policy and (built-in lab) pace onto
// the orchestration.
func rolloutConfig(env *harness.Env, plan orchestrate.Plan, approval orchestrate.Approval) orchestrate.Config {
	opts := devices.Options{
		InsecureIgnoreHostKey: env.Flags.Insecure,
		Logf: func(format string, args ...any) {
			fmt.Fprintf(env.Log, "goissu: "+format+"\n", args...)
		},
	}
	mcfg := issu.MonitorConfig(env.Policy, "")
	mcfg.Progress = env.Log
	mcfg.MaxDuration = env.Flags.MonitorDuration
	mcfg.Concurrency = env.Flags.Concurrency
	if env.Flags.MonitorInterval > 0 {
		mcfg.Interval = env.Flags.MonitorInterval
	}
	var install orchestrate.InstallOptions
	if lab := env.Lab; lab != nil {
		// As TestMonitor: the lab plays the ISSU time-scaled.
		opts.KnownHostsFile = lab.KnownHostsPath()
		opts.CommandTimeout = 30 * time.Second
		opts.ReconnectBackoff = 50 * time.Millisecond
		opts.ReconnectMaxBackoff = 500 * time.Millisecond
		opts.KeepaliveInterval = time.Second
		if env.Flags.MonitorInterval == 0 {
			mcfg.Interval = max(time.Duration(float64(mcfg.Interval)/env.Flags.TimeScale), 200*time.Millisecond)
		}
		mcfg.PollTimeout = 10 * time.Second
		mcfg.Clock = lab.Now
		install.PollInterval = max(time.Duration(float64(30*time.Second)/env.Flags.TimeScale), 100*time.Millisecond)
		install.ReconnectTimeout = time.Minute
		install.Timeout = max(env.Flags.MonitorDuration, 10*time.Minute)
	}
	return orchestrate.Config{
		Run:           env.Run,
		Testbed:       env.Testbed,
		Policy:        env.Policy,
		Plan:          plan,
		Approval:      approval,
		DeviceOptions: opts,
		TargetImage:   env.TargetImage,
		Install:       install,
		Monitor:       &mcfg,
		Concurrency:   env.Flags.Concurrency,
		Log:           env.Log,
	}
}

// began reports whether any wave of the rollout got past its gates.
func began(res *orchestrate.Result) bool {
	for _, w := range res.Waves {
		if w.Monitor != "" || len(w.Installs) > 0 {
			return true
		}
	}
	return false
}
