//go:build goissu_e2e_custom

package suites

import (
	"os"
	"strings"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/suites/harness"
)

// Custom checks for suites/e2e (TestCustomChecksInReport), built only with
// -tags goissu_e2e_custom. GOISSU_E2E_CUSTOM lists what they do, as
// comma-separated <phase>:<device>:<outcome> (outcome fail, error or
// blocked; device "*" is TestCustomE2EWholeRun, the check without
// sub-tests); anything not listed passes.
func e2eOutcome(phase issu.Phase, dev string) string {
	for _, item := range strings.Split(os.Getenv("GOISSU_E2E_CUSTOM"), ",") {
		if p, rest, ok := strings.Cut(item, ":"); ok && p == string(phase) {
			if d, outcome, ok := strings.Cut(rest, ":"); ok && d == dev {
				return outcome
			}
		}
	}
	return "pass"
}

func (s *phaseSuite) e2eCheck(dev string) {
	switch e2eOutcome(s.phase, dev) {
	case "fail":
		s.Failf("on the change freeze list", "e2e %s-check: %s", s.phase, dev)
	case "error":
		s.Fail("error: e2e: show hsrp was not collected")
	case "blocked":
		s.Skipf("blocked: e2e: no parser for show hsrp on %s", dev)
	}
}

func (s *phaseSuite) e2eCheckEachDevice() {
	for _, dev := range s.env.Names {
		s.Run(harness.TestName(dev), func() { s.e2eCheck(dev) })
	}
}

func (s *PrecheckSuite) TestCustomE2E()         { s.e2eCheckEachDevice() }
func (s *PrecheckSuite) TestCustomE2EWholeRun() { s.e2eCheck("*") }
func (s *MonitorSuite) TestCustomE2E()          { s.e2eCheckEachDevice() }
func (s *PostcheckSuite) TestCustomE2E()        { s.e2eCheckEachDevice() }
