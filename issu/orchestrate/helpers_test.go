package orchestrate

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/fixtures/sim"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
	"github.com/stretchr/testify/require"
)

// Lab time scales: installs alone play a 30-minute ISSU in about 3 s;
// rollouts, whose monitor measures outages against the policy, at half
// that pace so polling granularity stays small in device time.
const (
	installScale = 600
	rolloutScale = 300
)

// labEnv is a lab started for one test, its testbed and a run directory.
type labEnv struct {
	lab  *sim.Lab
	tb   *devices.Testbed
	run  *issu.Run
	pol  *policy.Policy
	opts devices.Options
}

// startLab starts the built-in lab on scenario and opens a run. The lab is
// closed by t.Cleanup, and the test fails if goroutines are left behind.
func startLab(t *testing.T, scenario string) *labEnv {
	t.Helper()
	return startLabN(t, scenario, 0, installScale)
}

// startLabN is startLab with n devices (0: the scenario's lab; n > 0
// repeats it with numbered names: CHASSIS_A_0001, CHASSIS_B_0001,
// EDGE1_0001, CHASSIS_A_0002 ...).
func startLabN(t *testing.T, scenario string, n int, scale float64) *labEnv {
	t.Helper()
	t.Setenv(sim.PasswordEnv, "admin")
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	lab, err := sim.Start(ctx, sim.LabConfig{Scenario: scenario, Devices: n, TimeScale: scale, StateDir: t.TempDir()})
	require.NoError(t, err)
	t.Cleanup(func() {
		cancel()
		require.NoError(t, lab.Close())
		noLeaks(t, before)
	})
	tb, err := devices.LoadTestbed(lab.TestbedPath())
	require.NoError(t, err)
	run, err := issu.OpenRun(t.TempDir(), "chg-"+strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-")))
	require.NoError(t, err)
	pol := policy.Default()
	// At 300x every real millisecond of polling, reconnect backoff and
	// race-detector slowdown is 0.3 s of device time: the outage limits
	// allow 5 real seconds of this machine's own latency on top of the
	// policy's (as the suites do for the lab; the lab's switchover itself
	// is 29-40 s), so a loaded CI runner does not fail a clean rollout.
	slack := 5 * scale
	pol.Outage.MaxMgmtSeconds += slack
	pol.Outage.MaxNeighborSeconds += slack
	pol.Outage.MaxPrefixSeconds += slack
	return &labEnv{lab: lab, tb: tb, run: run, pol: pol, opts: devices.Options{
		KnownHostsFile:      lab.KnownHostsPath(),
		CommandTimeout:      20 * time.Second,
		ReconnectBackoff:    10 * time.Millisecond,
		ReconnectMaxBackoff: 100 * time.Millisecond,
		KeepaliveInterval:   time.Second,
	}}
}

// noLeaks polls until the goroutine count is back to before (with a small
// allowance for runtime goroutines), failing after a deadline.
func noLeaks(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+2 {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			t.Fatalf("goroutines leaked: %d before, %d now\n%s", before, runtime.NumGoroutine(), buf[:n])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// device opens and connects one device of the lab.
func (e *labEnv) device(t *testing.T, name string, writes bool) *devices.Device {
	t.Helper()
	opts := e.opts
	opts.AllowWrites = writes
	d, err := e.tb.Device(name, opts)
	require.NoError(t, err)
	require.NoError(t, d.Connect(context.Background()))
	t.Cleanup(func() { _ = d.Disconnect() })
	return d
}

// preflight takes the real pre snapshot of every lab device and writes
// pre/checks.json, as TestPrecheck does.
func (e *labEnv) preflight(t *testing.T) {
	t.Helper()
	var targets []issu.Target
	byImage := map[string][]issu.Target{}
	for _, n := range e.lab.Names() {
		d, err := e.tb.Device(n, e.opts)
		require.NoError(t, err)
		require.NoError(t, d.Connect(context.Background()))
		t.Cleanup(func() { _ = d.Disconnect() })
		targets = append(targets, d)
		img := e.lab.Scenario().TargetImage(d.OS())
		byImage[img] = append(byImage[img], d)
	}
	pre := &issu.Snapshot{Phase: issu.Pre, Devices: map[string]*issu.DeviceSnapshot{}}
	for img, ts := range byImage {
		vars := issu.VarsFromPolicy(e.pol)
		vars.Image = img
		snap, err := issu.TakeSnapshot(context.Background(), ts, issu.Pre, issu.SnapshotOptions{Run: e.run, Policy: e.pol, Vars: &vars})
		require.NoError(t, err)
		for n, d := range snap.Devices {
			pre.Devices[n] = d
		}
	}
	var all []issu.CheckResult
	for _, n := range e.lab.Names() {
		cenv := &checks.Env{Pre: pre, Policy: e.pol, TargetImage: e.image(n)}
		for _, ch := range checks.Pre() {
			all = append(all, ch.Run(cenv, n))
		}
	}
	require.NoError(t, e.run.WriteCheckResults(issu.Pre, all))
	for _, d := range targets {
		_ = d.(*devices.Device).Disconnect()
	}
}

// passPre writes a passed pre phase for names without touching a device
// (for tests of what the install dialog itself refuses).
func (e *labEnv) passPre(t *testing.T, names ...string) {
	t.Helper()
	var all []issu.CheckResult
	for _, n := range names {
		all = append(all, issu.CheckResult{Phase: issu.Pre, Check: "redundancy_sso", Device: n, Status: issu.StatusPass})
	}
	require.NoError(t, e.run.WriteCheckResults(issu.Pre, all))
}

func (e *labEnv) image(name string) string {
	return e.lab.Scenario().TargetImage(e.tb.Devices[name].OS)
}

// config is a rollout of plan over the lab, approved, at the lab's pace.
func (e *labEnv) config(plan Plan) Config {
	mcfg := issu.MonitorConfig(e.pol, "")
	mcfg.Interval = 100 * time.Millisecond
	mcfg.PollTimeout = 10 * time.Second
	mcfg.MaxDuration = 90 * time.Second
	mcfg.Clock = e.lab.Now
	return Config{
		Run:           e.run,
		Testbed:       e.tb,
		Policy:        e.pol,
		Plan:          plan,
		Approval:      Approval{Execute: true, Token: e.run.ID},
		DeviceOptions: e.opts,
		TargetImage:   e.image,
		Install:       e.installOptions(),
		Monitor:       &mcfg,
	}
}

func (e *labEnv) installOptions() InstallOptions {
	return InstallOptions{ReconnectTimeout: 30 * time.Second, Timeout: 2 * time.Minute, PollInterval: 50 * time.Millisecond}
}

// installCommands lists the install lines a lab device received.
func installCommands(lab *sim.Lab, name string) []string {
	var out []string
	for _, c := range lab.Commands(name) {
		if strings.HasPrefix(strings.TrimSpace(c), "install") {
			out = append(out, c)
		}
	}
	return out
}

var _ monitor.Target = (*devices.Device)(nil)
