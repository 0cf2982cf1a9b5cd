package suites

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/suite"
)

// phaseSuite is what the three phase suites share: the environment, the
// phase's snapshots and the check results computed once in SetupSuite.
type phaseSuite struct {
	suite.Suite
	env     *harness.Env
	phase   issu.Phase
	pre     *issu.Snapshot
	post    *issu.Snapshot
	results map[string]map[string]issu.CheckResult // check id -> device -> result
}

// setupEnv gets the shared environment or fails the suite with why.
func (s *phaseSuite) setupEnv() {
	s.env = harness.SetupOrSkip(s.T())
}

// ctx is bounded by the test binary's -timeout, so nothing outlives it.
func (s *phaseSuite) ctx() context.Context {
	ctx := s.T().Context()
	if dl, ok := s.T().Deadline(); ok {
		c, cancel := context.WithDeadline(ctx, dl)
		s.T().Cleanup(cancel)
		return c
	}
	return ctx
}

// runChecks runs every check of list on every device of this shard and
// records the results in <phase>/checks.json for the report.
func (s *phaseSuite) runChecks(list []checks.Check) {
	s.results = map[string]map[string]issu.CheckResult{}
	var all []issu.CheckResult
	for _, ch := range list {
		s.results[ch.ID] = map[string]issu.CheckResult{}
		for _, dev := range s.env.Names {
			cenv := &checks.Env{Pre: s.pre, Post: s.post, Policy: s.env.Policy, TargetImage: s.env.TargetImage(dev)}
			r := ch.Run(cenv, dev)
			s.results[ch.ID][dev] = r
			all = append(all, r)
		}
	}
	s.Require().NoError(s.env.Run.WriteCheckResults(s.phase, all), "error: write %s/checks.json", s.phase)
}

// check asserts one check per device, as sub-tests named by device:
// pass passes; fail fails with each finding and its evidence path; error
// (data missing: unreachable device, failed command) fails with "error:";
// blocked (no parser or profile for the os) and skipped (not applicable)
// skip with the reason, so neither is ever counted as a pass.
func (s *phaseSuite) check(id string) {
	byDev, ok := s.results[id]
	s.Require().True(ok, "check %s was not run in the %s phase", id, s.phase)
	for _, dev := range s.env.Names {
		r := byDev[dev]
		s.Run(harness.TestName(dev), func() {
			if v := s.version(dev); v != "" {
				s.T().Attr("version", v)
			}
			reportResult(s.T(), s.env, dev, r)
		})
	}
}

// version is the device's software version in this phase's snapshot (the
// pre snapshot for the monitor), "" when unknown.
func (s *phaseSuite) version(dev string) string {
	snap := s.pre
	if s.post != nil {
		snap = s.post
	}
	if snap == nil || snap.Devices[dev] == nil {
		return ""
	}
	v, _ := issu.RunningVersion(s.env.OS(dev), snap.Devices[dev].Parsed(issu.LabelVersion))
	return v
}

func reportResult(t *testing.T, env *harness.Env, dev string, r issu.CheckResult) {
	t.Helper()
	t.Attr("device", dev)
	t.Attr("os", env.OS(dev))
	t.Attr("status", string(r.Status))
	switch r.Status {
	case issu.StatusPass:
		for _, f := range r.Findings { // warnings and info do not fail
			t.Logf("%s: %s (evidence: %s)", f.Severity, f.Message, f.Evidence)
		}
	case issu.StatusFail:
		for _, f := range r.Findings {
			if issu.SeverityRank(f.Severity) >= issu.SeverityRank(issu.SevError) {
				// "failed (error): …", so a finding of severity error does
				// not read as the "error:" of data that was not collected.
				t.Errorf("failed (%s): %s\n  evidence: %s", f.Severity, f.Message, evidencePath(env, f.Evidence))
			} else {
				t.Logf("%s: %s (evidence: %s)", f.Severity, f.Message, f.Evidence)
			}
		}
		if len(r.Findings) == 0 {
			t.Errorf("failed: %s", r.Reason)
		}
	case issu.StatusError:
		t.Errorf("error: %s", r.Reason)
	case issu.StatusBlocked:
		t.Skipf("blocked: %s", r.Reason)
	case issu.StatusSkipped:
		t.Skipf("skipped: %s", r.Reason)
	default:
		t.Errorf("error: no result for %s on %s (status %q)", r.Check, dev, r.Status)
	}
}

// evidencePath makes an evidence reference clickable from a CI log: a path
// relative to the run directory becomes results/<run-id>/<path>.
func evidencePath(env *harness.Env, ev string) string {
	if ev == "" || strings.ContainsAny(ev, " \t") && !strings.Contains(ev, "#") {
		return ev
	}
	return env.Run.Dir + "/" + ev
}

// gate returns why a later phase may not run: a pre phase that is missing,
// did not pass, or refused to run in this invocation. A full run never starts the upgrade after a failed gate.
func gate(env *harness.Env) (blocked string) {
	if env.PreRefused != "" {
		return "pre phase refused: " + env.PreRefused
	}
	res, err := issu.LoadCheckResults(env.Run.Dir, issu.Pre)
	if err != nil {
		return fmt.Sprintf("no pre phase for run %s (%v): run TestPrecheck first", env.Run.ID, err)
	}
	var bad []string
	for _, r := range res {
		if r.Status == issu.StatusFail || r.Status == issu.StatusError {
			bad = append(bad, fmt.Sprintf("%s on %s (%s)", r.Check, r.Device, r.Status))
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		if len(bad) > 8 {
			bad = append(bad[:8], fmt.Sprintf("and %d more", len(bad)-8))
		}
		return "pre-checks did not pass, the upgrade must not start: " + strings.Join(bad, ", ")
	}
	return ""
}
