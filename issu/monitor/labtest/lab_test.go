package labtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/fixtures/sim"
	"github.com/goissu/goissu/issu/monitor"
)

type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// runLab starts a scenario at high time scale, connects to every device
// over SSH (one persistent session each), starts the ISSU everywhere and
// monitors until the installs are done and the network is stable.
func runLab(t *testing.T, scenario string, cfg monitor.Config) (*monitor.Result, map[string]string) {
	t.Helper()
	return runLabISSU(t, scenario, cfg, true)
}

// runLabISSU is runLab; without issu, no install is started and the run
// stops after three quiet polls.
func runLabISSU(t *testing.T, scenario string, cfg monitor.Config, issu bool) (*monitor.Result, map[string]string) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts the simulated lab")
	}
	t.Setenv(sim.PasswordEnv, "lab-secret")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	lab, err := sim.Start(ctx, sim.LabConfig{Scenario: scenario, TimeScale: 200, StateDir: t.TempDir(), Password: "lab-secret"})
	require.NoError(t, err)
	defer lab.Close()

	tb, err := devices.LoadTestbed(lab.TestbedPath())
	require.NoError(t, err)
	var targets []monitor.Target
	osOf := map[string]string{}
	for _, name := range lab.Names() {
		d, err := tb.Device(name, devices.Options{KnownHostsFile: lab.KnownHostsPath(), LoginTimeout: 5 * time.Second,
			CommandTimeout: 10 * time.Second, ReconnectBackoff: 20 * time.Millisecond, ReconnectMaxBackoff: 100 * time.Millisecond})
		require.NoError(t, err)
		require.NoError(t, d.Connect(ctx), name)
		defer func() { _ = d.Disconnect() }()
		targets = append(targets, d)
		osOf[name] = d.OS()
	}
	if issu {
		require.NoError(t, lab.StartISSUAll())
	}

	cfg.Dir = t.TempDir()
	cfg.Interval, cfg.PollTimeout = 100*time.Millisecond, 20*time.Second
	cfg.MaxDuration, cfg.StablePolls, cfg.RequireInstall = 90*time.Second, 3, issu
	cfg.Progress = logWriter{t}
	res, err := monitor.Run(ctx, targets, cfg)
	require.NoError(t, err)
	for _, e := range res.Events {
		t.Logf("%s %-10s %-16s %-8s %s", e.Time.Format("15:04:05.000"), e.Device, e.Kind, e.Severity, e.Message)
	}
	if b, err := os.ReadFile(filepath.Join(cfg.Dir, monitor.TimelineFile)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.Contains(l, `"notes"`) { // what could not be parsed or collected
				t.Log(l)
			}
		}
	}
	loaded, err := monitor.Load(cfg.Dir)
	require.NoError(t, err)
	assert.Equal(t, res.Events, loaded.Events, "Load rebuilds the events")
	assert.Equal(t, res.InstallState, loaded.InstallState)
	assert.Equal(t, res.Samples, loaded.Samples)
	return res, osOf
}

func eventsOf(res *monitor.Result, dev string) map[string][]monitor.Event {
	m := map[string][]monitor.Event{}
	for _, e := range res.Events {
		if e.Device == dev {
			m[e.Kind] = append(m[e.Kind], e)
		}
	}
	return m
}

// TestMonitorSurvivesSwitchover: a clean ISSU everywhere. The monitor must
// see each switchover, the expected management outage and its end, BGP
// coming back and each install completing, and raise no incident.
func TestMonitorSurvivesSwitchover(t *testing.T) {
	res, osOf := runLab(t, "clean-issu", monitor.Config{})
	assert.Equal(t, monitor.StopStable, res.StopReason)
	nxos := 0
	for name, os := range osOf {
		assert.Equal(t, monitor.InstallSuccess, res.InstallState[name], name)
		if os != "nxos" {
			continue
		}
		nxos++
		t.Run(name, func(t *testing.T) {
			ev := eventsOf(res, name)
			require.NotEmpty(t, ev[monitor.KindSwitchover], "switchover seen")
			assert.True(t, ev[monitor.KindSwitchover][0].Expected, "switchover during install is expected")
			require.NotEmpty(t, ev[monitor.KindUnreachable], "management outage seen")
			assert.True(t, ev[monitor.KindUnreachable][0].Expected, "outage during install is expected")
			require.NotEmpty(t, ev[monitor.KindReachable], "reconnected by itself")
			assert.Greater(t, ev[monitor.KindReachable][0].OutageSeconds, 0.0)
			assert.Len(t, ev[monitor.KindInstallDone], 1)
			for _, k := range []string{monitor.KindCrash, monitor.KindCore, monitor.KindIncident, monitor.KindInstallFailed} {
				assert.Empty(t, ev[k], "clean ISSU: no %s", k)
			}
			assert.Equal(t, len(ev[monitor.KindBGPDown]), len(ev[monitor.KindBGPUp]), "every BGP neighbor that dropped came back")
		})
	}
	assert.Positive(t, nxos)
	for _, o := range res.Outages {
		assert.True(t, o.Recovered, "everything recovers in a clean ISSU: %+v", o)
	}
}

// TestMonitorCatchesCrashAfterSwitchover: BGP crashes with a core after the
// switchover on CHASSIS_A and one neighbor never returns (ISSU-DOMAIN 5.2).
func TestMonitorCatchesCrashAfterSwitchover(t *testing.T) {
	res, _ := runLab(t, "crash-coredump", monitor.Config{
		CriticalPrefixes: []monitor.Prefix{{VRF: "default", Prefix: "10.99.0.0/24"}},
	})
	assert.Equal(t, monitor.StopStable, res.StopReason, "the installer still finishes")
	assert.Equal(t, monitor.InstallSuccess, res.InstallState["CHASSIS_A"])
	ev := eventsOf(res, "CHASSIS_A")
	require.NotEmpty(t, ev[monitor.KindCrash], "crash log")
	assert.Contains(t, ev[monitor.KindCrash][0].Evidence, "SERVICE_CRASHED")
	assert.NotEmpty(t, ev[monitor.KindCore], "new core")
	assert.NotEmpty(t, ev[monitor.KindIncident], "crash + neighbor down + prefix gone vote an incident")
	assert.NotEmpty(t, ev[monitor.KindPrefixWithdrawn])

	open := map[string]bool{}
	for _, o := range res.Outages {
		if o.Device == "CHASSIS_A" && !o.Recovered {
			open[o.Kind+" "+o.Subject] = true
		}
	}
	assert.True(t, open["bgp 10.1.1.6"], "10.1.1.6 never came back: %v", open)
	assert.True(t, open["prefix 10.99.0.0/24"], "its prefix stays withdrawn: %v", open)
	assert.False(t, open["bgp 10.1.1.2"], "10.1.1.2 came back")
	assert.Empty(t, eventsOf(res, "CHASSIS_B")[monitor.KindCrash], "the other chassis is clean")
}

// TestMonitorLabScenarios: failure scenarios of the lab, each with the
// events and the unrecovered outages the monitor must report on CHASSIS_A.
func TestMonitorLabScenarios(t *testing.T) {
	tests := []struct {
		scenario string
		issu     bool
		want     []string // event kinds on CHASSIS_A
		notWant  []string
		open     []string // unrecovered outages on CHASSIS_A: "kind subject"
		install  string
	}{
		{scenario: "ospf-stuck-exstart", issu: true, want: []string{monitor.KindOSPFDown, monitor.KindSwitchover},
			open: []string{"ospf 10.0.0.2"}, install: monitor.InstallSuccess},
		{scenario: "issu-aborted-rollback", issu: true, want: []string{monitor.KindInstallFailed},
			notWant: []string{monitor.KindSwitchover, monitor.KindInstallDone}, install: monitor.InstallFailed},
		{scenario: "high-cpu", want: []string{monitor.KindCPUSpike}, install: monitor.InstallNone},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			res, _ := runLabISSU(t, tc.scenario, monitor.Config{}, tc.issu)
			assert.Equal(t, monitor.StopStable, res.StopReason)
			assert.Equal(t, tc.install, res.InstallState["CHASSIS_A"])
			ev := eventsOf(res, "CHASSIS_A")
			for _, k := range tc.want {
				assert.NotEmpty(t, ev[k], "want %s", k)
			}
			for _, k := range tc.notWant {
				assert.Empty(t, ev[k], "want no %s", k)
			}
			var open []string
			for _, o := range res.Outages {
				if o.Device == "CHASSIS_A" && !o.Recovered {
					open = append(open, o.Kind+" "+o.Subject)
				}
			}
			for _, o := range tc.open {
				assert.Contains(t, open, o)
			}
			if len(tc.open) == 0 {
				assert.Empty(t, open)
			}
		})
	}
}
