package suites

import "github.com/goissu/goissu/suites/harness"

// TestCustomSoftwareVersionKnown is an example of adding your own check:
// a method on a phase suite, which runs after SetupSuite collected the
// snapshot, so it only reads parsed state (Genie key paths; see
// results/<run-id>/pre/<device>/*.json for what is there). One sub-test per
// device; missing data is an error ("error: ..."), an os without a parser is
// blocked (s.Skipf("blocked: ...")). Its result goes into pre/checks.json as
// check custom.TestCustomSoftwareVersionKnown, so the report and the verdict
// count it like a built-in pre-check (see custom_test.go).
func (s *PrecheckSuite) TestCustomSoftwareVersionKnown() {
	for _, dev := range s.env.Names {
		s.Run(harness.TestName(dev), func() {
			snap := s.pre.Devices[dev]
			if snap == nil {
				s.Fail("error: no snapshot of this device")
				return
			}
			rec, ok := snap.Record("version")
			if !ok || rec.Error != "" {
				s.Failf("error: show version was not collected", "%s", rec.Error)
				return
			}
			parsed := snap.Parsed("version")
			if parsed == nil {
				s.Skipf("blocked: no parser for show version on os %q", s.env.OS(dev))
			}
			version := harness.Lookup(parsed, "platform.software.system_version", "version.version")
			s.NotEmpty(version, "no software version in %s/pre/%s/version.json", s.env.Run.Dir, dev)
		})
	}
}
