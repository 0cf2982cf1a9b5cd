package suites

import (
	"path/filepath"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
)

// PostcheckSuite compares the device after the upgrade with the pre
// snapshot on disk, by expected-change rules: the version must change to the
// target, what was up before must be up again, the configuration may change
// only where the policy expects it.
type PostcheckSuite struct{ phaseSuite }

// SetupSuite loads the pre snapshot from disk (it may come from another CI
// job), collects the post snapshot and runs the post-checks.
func (s *PostcheckSuite) SetupSuite() {
	s.phase = issu.Post
	s.setupEnv()
	if s.env.Flags.Execute {
		s.T().Skip("skipped: -issu.execute: TestRollout installs, monitors and post-checks each wave")
	}
	if why := gate(s.env); why != "" {
		s.T().Skip("blocked: " + why)
	}
	pre, err := issu.LoadSnapshot(filepath.Join(s.env.Run.Dir, string(issu.Pre)))
	s.Require().NoError(err, "error: load the pre snapshot of run %s", s.env.Run.ID)
	s.pre = pre
	devs, connErrs := s.env.Connect(s.T(), s.ctx(), false)
	s.post = s.snapshot(issu.Post, devs, connErrs)
	s.runChecks(checks.Post())
	s.writeDiffs()
	s.Require().NoError(s.env.MarkPhase(string(issu.Post)))
}

// One method per post-check (issu/checks).
func (s *PostcheckSuite) TestVersionUpgraded()    { s.check("version_upgraded") }
func (s *PostcheckSuite) TestUptimeReset()        { s.check("uptime_reset") }
func (s *PostcheckSuite) TestModulesUpgraded()    { s.check("modules_upgraded") }
func (s *PostcheckSuite) TestBGPRestored()        { s.check("bgp_restored") }
func (s *PostcheckSuite) TestOSPFRestored()       { s.check("ospf_restored") }
func (s *PostcheckSuite) TestNoNewCores()         { s.check("no_new_cores") }
func (s *PostcheckSuite) TestConfigDiff()         { s.check("config_diff") }
func (s *PostcheckSuite) TestRedundancyRestored() { s.check("redundancy_restored") }
func (s *PostcheckSuite) TestCriticalPrefixes()   { s.check("critical_prefixes") }
