package suites

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
)

// MonitorSuite watches every device while the upgrade runs: reachability
// through the switchover, install progress, BGP/OSPF neighbors, critical
// prefixes, probes, crashes and cores. Samples and events are written to
// results/<run-id>/monitor/ as they happen.
type MonitorSuite struct {
	phaseSuite
	res *monitor.Result
}

// SetupSuite checks the gate, starts the ISSU (built-in lab only: against a
// real testbed goissu never starts an upgrade here), and runs the monitor
// until the installs are done and the network is stable, or
// -monitor.duration passes.
func (s *MonitorSuite) SetupSuite() {
	s.phase = issu.MonitorPhase
	s.setupEnv()
	if s.env.Flags.Execute {
		s.T().Skip("skipped: -issu.execute: TestRollout installs, monitors and post-checks each wave")
	}
	if why := gate(s.env); why != "" {
		s.T().Skip("blocked: " + why)
	}
	devs, connErrs := s.env.Connect(s.T(), s.ctx(), false)
	var targets []monitor.Target
	for _, d := range devs {
		if err, bad := connErrs[d.Name()]; bad {
			fmt.Fprintf(s.env.Log, "goissu: monitor: %s: %v (it is polled and reconnected like any dropped session)\n", d.Name(), err)
		}
		d.ExpectDisconnect(true) // the switchover drops the session: an event, not an error
		targets = append(targets, d)
	}
	dir := filepath.Join(s.env.Run.Dir, string(issu.MonitorPhase))
	// The timeline is append-only within one monitor run; a re-run of the
	// phase under the same run id keeps the earlier run's files beside it.
	if _, err := os.Stat(dir); err == nil {
		old := dir + "." + time.Now().UTC().Format("20060102T150405Z")
		s.Require().NoError(os.Rename(dir, old), "error: keep the previous monitor run")
		fmt.Fprintf(s.env.Log, "goissu: previous monitor run of %s kept in %s\n", s.env.Run.ID, old)
	}
	cfg := issu.MonitorConfig(s.env.Policy, dir)
	cfg.Progress = s.env.Log
	defaultDisconnect := cfg.IsDisconnect
	if defaultDisconnect == nil {
		defaultDisconnect = monitor.IsDisconnect
	}
	cfg.IsDisconnect = func(err error) bool {
		return errors.Is(err, devices.ErrDisconnected) || errors.Is(err, devices.ErrNotConnected) || defaultDisconnect(err)
	}
	cfg.MaxDuration = s.env.Flags.MonitorDuration
	cfg.Concurrency = s.env.Flags.Concurrency
	if s.env.Flags.MonitorInterval > 0 {
		cfg.Interval = s.env.Flags.MonitorInterval
	}
	installExpected := false
	if lab := s.env.Lab; lab != nil {
		// The lab plays the ISSU time-scaled: poll at the policy's interval
		// in device time (but not faster than 200 ms of real time), measure
		// outages in device time so they compare with the policy's limits.
		if s.env.Flags.MonitorInterval == 0 {
			cfg.Interval = max(time.Duration(float64(cfg.Interval)/s.env.Flags.TimeScale), 200*time.Millisecond)
		}
		// A slow poll (a loaded CI machine) is not an outage: give each poll
		// real seconds, as a real device would get.
		cfg.PollTimeout = 10 * time.Second
		cfg.Clock = lab.Now
		cfg.RequireInstall = true
		installExpected = true
		for _, n := range s.env.Names {
			s.Require().NoError(lab.Device(n).StartISSU(), "error: start the ISSU on lab device %s", n)
		}
		fmt.Fprintf(s.env.Log, "goissu: built-in lab: ISSU started on %d devices\n", len(s.env.Names))
	}
	res, err := monitor.Run(s.ctx(), targets, cfg)
	s.Require().NoError(err, "error: monitor")
	s.res = res
	fmt.Fprintf(s.env.Log, "goissu: monitor stopped (%s) after %d samples, %d events, %d outages\n",
		res.StopReason, res.Samples, len(res.Events), len(res.Outages))
	s.results = map[string]map[string]issu.CheckResult{}
	all := issu.RunMonitorChecks(s.env.Names, res, s.env.Policy, installExpected)
	for _, r := range all {
		if s.results[r.Check] == nil {
			s.results[r.Check] = map[string]issu.CheckResult{}
		}
		s.results[r.Check][r.Device] = r
	}
	s.Require().NoError(s.env.Run.WriteCheckResults(issu.MonitorPhase, all), "error: write monitor/checks.json")
	s.Require().NoError(s.env.MarkPhase(string(issu.MonitorPhase)))
}

// One method per monitor check (issu.MonitorChecks).
func (s *MonitorSuite) TestManagementReachable() { s.check("mgmt_reachable") }
func (s *MonitorSuite) TestInstallCompleted()    { s.check("install_completed") }
func (s *MonitorSuite) TestBGPConverged()        { s.check("bgp_converged") }
func (s *MonitorSuite) TestOSPFConverged()       { s.check("ospf_converged") }
func (s *MonitorSuite) TestPrefixesConverged()   { s.check("prefixes_converged") }
func (s *MonitorSuite) TestNoCrashes()           { s.check("no_crashes") }
