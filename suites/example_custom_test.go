package suites

// An example of adding your own check: a method on a phase suite. It runs
// after SetupSuite collected the snapshot, so it only reads parsed state.
// Here: every NX-OS device must run in NX-OS "native"/"lxc" boot mode the
// policy expects — any Genie key path of any collected command works the
// same way (see results/<run-id>/pre/<device>/*.json for what is there).

import (
	"github.com/goissu/goissu/suites/harness"
)

// TestCustomSoftwareVersionKnown asserts that show version was parsed and
// names a version on every device that has a parser.
func (s *PrecheckSuite) TestCustomSoftwareVersionKnown() {
	for _, dev := range s.env.Names {
		s.Run(harness.TestName(dev), func() {
			snap := s.pre.Devices[dev]
			if snap == nil {
				s.T().Skip("blocked: no snapshot of this device")
			}
			parsed, ok := snap.Parsed["version"]
			if !ok {
				s.T().Skipf("blocked: show version was not parsed for os %q", s.env.OS(dev))
			}
			version := harness.Lookup(parsed, "platform.software.system_version", "version.version")
			s.NotEmpty(version, "no software version in %s/pre/%s/version.json", s.env.Run.Dir, dev)
		})
	}
}
