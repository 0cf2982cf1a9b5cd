package labtest

import (
	"context"
	"fmt"
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

// TestMonitorSurvivesSwitchover: the monitor polls the simulated lab over
// persistent SSH sessions while every chassis runs an ISSU at high time
// scale; it must see the switchover, the expected management outage and
// its end, BGP coming back, and each install completing.
func TestMonitorSurvivesSwitchover(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the simulated lab")
	}
	t.Setenv(sim.PasswordEnv, "lab-secret")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	lab, err := sim.Start(ctx, sim.LabConfig{Scenario: "clean-issu", TimeScale: 200, StateDir: t.TempDir(), Password: "lab-secret"})
	require.NoError(t, err)
	defer lab.Close()

	tb, err := devices.LoadTestbed(lab.TestbedPath())
	require.NoError(t, err)
	var targets []monitor.Target
	var devs []*devices.Device
	for _, name := range lab.Names() {
		d, err := tb.Device(name, devices.Options{KnownHostsFile: lab.KnownHostsPath(), LoginTimeout: 5 * time.Second,
			CommandTimeout: 10 * time.Second, ReconnectBackoff: 20 * time.Millisecond, ReconnectMaxBackoff: 100 * time.Millisecond})
		require.NoError(t, err)
		require.NoError(t, d.Connect(ctx), name)
		devs = append(devs, d)
		targets = append(targets, d)
	}
	defer func() {
		for _, d := range devs {
			_ = d.Disconnect()
		}
	}()
	require.NoError(t, lab.StartISSUAll())

	dir := t.TempDir()
	res, err := monitor.Run(ctx, targets, monitor.Config{
		Dir: dir, Interval: 100 * time.Millisecond, PollTimeout: 20 * time.Second,
		MaxDuration: 90 * time.Second, StablePolls: 3, RequireInstall: true, Progress: logWriter{t},
	})
	require.NoError(t, err)
	for _, e := range res.Events {
		t.Logf("%s %-10s %-16s %-8s %s", e.Time.Format("15:04:05.000"), e.Device, e.Kind, e.Severity, e.Message)
	}
	assert.Equal(t, monitor.StopStable, res.StopReason)

	nxos := 0
	for _, d := range devs {
		name := d.Name()
		assert.Equal(t, monitor.InstallSuccess, res.InstallState[name], name)
		if d.OS() != "nxos" {
			continue
		}
		nxos++
		t.Run(name, func(t *testing.T) {
			var sw, un, re, done bool
			for _, e := range res.Events {
				if e.Device != name {
					continue
				}
				switch e.Kind {
				case monitor.KindSwitchover:
					sw = true
					assert.True(t, e.Expected, "switchover during install is expected")
				case monitor.KindUnreachable:
					un = true
					assert.True(t, e.Expected, "outage during install is expected")
				case monitor.KindReachable:
					re = true
					assert.Greater(t, e.OutageSeconds, 0.0)
				case monitor.KindInstallDone:
					done = true
				case monitor.KindCrash, monitor.KindCore, monitor.KindIncident:
					t.Errorf("clean ISSU: unexpected %s: %s", e.Kind, e.Message)
				}
			}
			assert.True(t, sw, "switchover seen")
			assert.True(t, un, "management outage seen")
			assert.True(t, re, "reconnected by itself")
			assert.True(t, done, "install_done seen")
		})
	}
	assert.Positive(t, nxos)
	for _, o := range res.Outages {
		assert.True(t, o.Recovered, "everything recovers in a clean ISSU: %+v", o)
	}

	loaded, err := monitor.Load(dir)
	require.NoError(t, err)
	assert.Equal(t, len(res.Events), len(loaded.Events))
	assert.Equal(t, res.InstallState, loaded.InstallState)
	fmt.Fprintln(logWriter{t}, "samples:", res.Samples)
}
