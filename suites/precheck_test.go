package suites

import (
	"fmt"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
)

// PrecheckSuite is the gate before an upgrade: one snapshot of every device,
// then every pre-check as a test method. A failed pre-check fails the run
// and blocks the monitor and post phases.
type PrecheckSuite struct{ phaseSuite }

// SetupSuite collects the pre snapshot once, concurrently, and runs the
// checks; the test methods only report.
func (s *PrecheckSuite) SetupSuite() {
	s.phase = issu.Pre
	s.setupEnv()
	s.refuseNewBaseline()
	devs, connErrs := s.env.Connect(s.T(), s.ctx(), false)
	s.pre = s.snapshot(issu.Pre, devs, connErrs)
	s.runChecks(checks.Pre())
	s.Require().NoError(s.env.MarkPhase(string(issu.Pre)))
}

// One method per pre-check (issu/checks). TestEveryCheckHasAMethod keeps
// this list complete.
func (s *PrecheckSuite) TestCPUHeadroom()        { s.check("cpu_headroom") }
func (s *PrecheckSuite) TestMemoryHeadroom()     { s.check("memory_headroom") }
func (s *PrecheckSuite) TestRedundancySSO()      { s.check("redundancy_sso") }
func (s *PrecheckSuite) TestSupervisorVersions() { s.check("supervisor_versions") }
func (s *PrecheckSuite) TestModulesOK()          { s.check("modules_ok") }
func (s *PrecheckSuite) TestEnvironment()        { s.check("environment") }
func (s *PrecheckSuite) TestBootflashSpace()     { s.check("bootflash_space") }
func (s *PrecheckSuite) TestImagePresent()       { s.check("image_present") }
func (s *PrecheckSuite) TestBootVariables()      { s.check("boot_variables") }
func (s *PrecheckSuite) TestInstallImpact()      { s.check("install_impact") }
func (s *PrecheckSuite) TestIncompatibility()    { s.check("incompatibility") }
func (s *PrecheckSuite) TestNoCores()            { s.check("no_cores") }
func (s *PrecheckSuite) TestLogsClean()          { s.check("logs_clean") }
func (s *PrecheckSuite) TestBGPEstablished()     { s.check("bgp_established") }
func (s *PrecheckSuite) TestOSPFFull()           { s.check("ospf_full") }
func (s *PrecheckSuite) TestCriticalPrefixes()   { s.check("critical_prefixes") }
func (s *PrecheckSuite) TestRunningConfig()      { s.check("running_config") }
func (s *PrecheckSuite) TestISSUState()          { s.check("issu_state") }

// refuseNewBaseline fails the suite when the run's upgrade has begun: a
// new pre snapshot would replace the baseline the post-checks and the diff
// compare with by the upgraded, or half-upgraded, state (`make rollout` or
// `make validate` run again under the same run id, `make pre` after a
// killed monitor). The invocation's later phases are blocked with it.
func (s *PrecheckSuite) refuseNewBaseline() {
	how, begun := s.env.UpgradeBegun()
	if !begun {
		return
	}
	s.env.PreRefused = fmt.Sprintf("the upgrade of run %s has begun (%s): a new pre snapshot would replace the baseline taken before it; use a new -run-id", s.env.Run.ID, how)
	s.FailNow("refused: new pre snapshot", s.env.PreRefused)
}
