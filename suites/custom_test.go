package suites

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A custom check is a test method of a phase suite that is not one of the
// built-in checks (the one-line methods over issu/checks and
// issu.MonitorChecks). Its outcome goes into <phase>/checks.json beside the
// built-in results, so the report and the verdict count it as they count a
// built-in check of that phase:
//
//   - id: issu.CustomCheckID(method), "custom.<method name>", e.g.
//     custom.TestCustomSoftwareVersionKnown;
//   - one result per sub-test named by a device (harness.TestName(dev)),
//     and one result for the whole run (device "") when the method has no
//     such sub-test, or failed outside them;
//   - status: pass; fail; error when every failure message starts with
//     "error:"; blocked for s.Skipf("blocked: ..."); skipped for any other
//     s.Skipf; a failure's messages are the findings' text.
//
// The messages are those of the suite's assertions (s.Fail, s.Failf,
// s.NotEmpty, s.Require()...) and of s.Skipf: testing.T does not hand its
// log back, so a direct s.T().Errorf fails the check with a pointer to the
// test log, and a direct s.T().Skip is recorded as blocked (goissu cannot
// tell why it was skipped, so it does not count as not applicable).

// customRun is the state of the custom method that is running.
type customRun struct {
	id      string
	methodT *testing.T
	devices map[string]string // harness.TestName(dev) -> dev

	mu      sync.Mutex
	errs    map[string][]string // test name -> failure messages
	skips   map[string]string   // test name -> s.Skipf message
	results []issu.CheckResult
	devTest map[string]bool // test names of the device sub-tests that ran
}

var (
	customMu   sync.Mutex
	customRuns = map[*phaseSuite]*customRun{}
)

func (s *phaseSuite) custom() *customRun {
	customMu.Lock()
	defer customMu.Unlock()
	return customRuns[s]
}

// builtinMethods are the test methods of a phase's built-in checks.
func builtinMethods(phase issu.Phase) map[string]bool {
	m := map[string]bool{}
	switch phase {
	case issu.Pre:
		for _, c := range checks.Pre() {
			m["Test"+c.Name] = true
		}
	case issu.Post:
		for _, c := range checks.Post() {
			m["Test"+c.Name] = true
		}
	case issu.MonitorPhase:
		for _, c := range issu.MonitorChecks() {
			m["Test"+c.Name] = true
		}
	}
	return m
}

// BeforeTest (testify) starts recording a custom check's outcome.
func (s *phaseSuite) BeforeTest(_, method string) {
	if s.phase == "" || builtinMethods(s.phase)[method] {
		return
	}
	c := &customRun{id: issu.CustomCheckID(method), methodT: s.T(), devices: map[string]string{},
		errs: map[string][]string{}, skips: map[string]string{}, devTest: map[string]bool{}}
	if s.env != nil {
		for _, dev := range s.env.Names {
			c.devices[harness.TestName(dev)] = dev
		}
	}
	customMu.Lock()
	customRuns[s] = c
	customMu.Unlock()
	s.recordAssertions()
	// Judged in a cleanup, not in AfterTest: testify calls AfterTest (and
	// TearDownSubTest) before it fails a test that panicked, so there a
	// panicking check still looked passed. Cleanups run after.
	s.T().Cleanup(func() { s.finishCustom(c) })
}

// recordAssertions routes the suite's embedded assertions (s.Fail,
// s.NotEmpty...) through recordingT for the current test. testify's SetT
// replaces them on entering and leaving every s.Run, so SetupSubTest and
// Run install them again.
func (s *phaseSuite) recordAssertions() {
	if s.custom() != nil {
		s.Suite.Assertions = assert.New(recordingT{s})
	}
}

// SetupSubTest (testify) records the sub-test's assertions, and its
// outcome once it has ended (a cleanup: see BeforeTest).
func (s *phaseSuite) SetupSubTest() {
	s.recordAssertions()
	if c := s.custom(); c != nil {
		t := s.T()
		t.Cleanup(func() { c.subTestDone(t) })
	}
}

// Run is suite.Suite.Run that keeps recording the parent test's assertions
// once the sub-test has returned.
func (s *phaseSuite) Run(name string, subtest func()) bool {
	ok := s.Suite.Run(name, subtest)
	s.recordAssertions()
	return ok
}

// Require is suite.Suite.Require, recording failure messages in a custom
// check.
func (s *phaseSuite) Require() *require.Assertions {
	if s.custom() != nil {
		return require.New(recordingT{s})
	}
	return s.Suite.Require()
}

// Skipf skips the current test or sub-test with a reason the report keeps:
// "blocked: ..." (the data cannot be judged) or "skipped: ..." (the check
// does not apply).
func (s *phaseSuite) Skipf(format string, args ...any) {
	t := s.T()
	t.Helper()
	if c := s.custom(); c != nil {
		c.mu.Lock()
		c.skips[t.Name()] = fmt.Sprintf(format, args...)
		c.mu.Unlock()
	}
	t.Skipf(format, args...)
}

// subTestDone records a device sub-test's outcome.
func (c *customRun) subTestDone(t *testing.T) {
	rel, ok := strings.CutPrefix(t.Name(), c.methodT.Name()+"/")
	if !ok || strings.Contains(rel, "/") {
		return // a nested sub-test counts in the device sub-test around it
	}
	dev, ok := c.devices[rel]
	if !ok {
		return // not named by a device: counts in the result for the run
	}
	r := c.judge(t.Name(), t.Failed(), t.Skipped(), func(name string) bool { return underTest(name, t.Name()) })
	r.Device = dev
	c.mu.Lock()
	c.devTest[t.Name()] = true
	c.results = append(c.results, r)
	c.mu.Unlock()
}

// AfterTest (testify) ends recording for the method; its cleanup
// (finishCustom) judges it.
func (s *phaseSuite) AfterTest(_, _ string) {
	customMu.Lock()
	delete(customRuns, s)
	customMu.Unlock()
}

// finishCustom writes the custom check's results to <phase>/checks.json,
// keeping every other check's results.
func (s *phaseSuite) finishCustom(c *customRun) {
	t := c.methodT
	c.mu.Lock()
	results := c.results
	inDevice := func(name string) bool {
		for dt := range c.devTest {
			if underTest(name, dt) {
				return true
			}
		}
		return false
	}
	deviceFailed := false
	for _, r := range results {
		deviceFailed = deviceFailed || r.Status == issu.StatusFail || r.Status == issu.StatusError
	}
	outside := false // messages recorded outside the device sub-tests
	for name := range c.errs {
		outside = outside || !inDevice(name)
	}
	c.mu.Unlock()
	switch {
	case len(results) == 0:
		results = append(results, c.judge(t.Name(), t.Failed(), t.Skipped(), func(string) bool { return true }))
	case outside || t.Failed() && !deviceFailed || t.Skipped():
		// The method failed (or skipped) outside its device sub-tests.
		results = append(results, c.judge(t.Name(), t.Failed() && (outside || !deviceFailed), t.Skipped(),
			func(name string) bool { return !inDevice(name) }))
	}
	for i := range results {
		r := &results[i]
		r.Phase, r.Check = s.phase, c.id
		for j := range r.Findings {
			r.Findings[j].Device, r.Findings[j].Evidence = r.Device, string(s.phase)+"/checks.json"
		}
	}
	if err := s.writeCustomResults(c.id, results); err != nil {
		t.Errorf("error: record %s in %s/checks.json: %v", c.id, s.phase, err)
	}
}

// writeCustomResults replaces check id's results in <phase>/checks.json.
func (s *phaseSuite) writeCustomResults(id string, results []issu.CheckResult) error {
	all, err := issu.LoadCheckResults(s.env.Run.Dir, s.phase)
	if err != nil && !errors.Is(err, issu.ErrNoResults) {
		return err
	}
	keep := all[:0]
	for _, r := range all {
		if r.Check != id {
			keep = append(keep, r)
		}
	}
	return s.env.Run.WriteCheckResults(s.phase, append(keep, results...))
}

// underTest reports whether test name is test or one of its sub-tests.
func underTest(name, test string) bool {
	return name == test || strings.HasPrefix(name, test+"/")
}

// judge turns a test's outcome into a check result (device unset). mine
// selects the test names whose messages belong to it.
func (c *customRun) judge(name string, failed, skipped bool, mine func(string) bool) issu.CheckResult {
	c.mu.Lock()
	var msgs []string
	for n, ms := range c.errs {
		if mine(n) {
			msgs = append(msgs, ms...)
		}
	}
	skip, skipKnown := c.skips[name]
	c.mu.Unlock()
	return judgeOutcome(c.id, name, failed, skipped, msgs, skip, skipKnown)
}

// judgeOutcome is the status and text of a custom check from its test's
// outcome: failed with its failure messages, or skipped with the s.Skipf
// message (skipKnown false: skipped without one).
func judgeOutcome(id, name string, failed, skipped bool, msgs []string, skip string, skipKnown bool) issu.CheckResult {
	switch {
	case failed:
		if len(msgs) == 0 {
			return issu.CheckResult{Status: issu.StatusFail, Findings: []issu.Finding{{ID: id, Severity: issu.SevError,
				Message: "failed (not through a suite assertion: see the test log of " + name + ")"}}}
		}
		allErrors := true
		for _, m := range msgs {
			allErrors = allErrors && hasWordPrefix(m, "error:")
		}
		if allErrors {
			reasons := make([]string, len(msgs))
			for i, m := range msgs {
				reasons[i] = trimWordPrefix(m, "error:")
			}
			return issu.CheckResult{Status: issu.StatusError, Reason: strings.Join(reasons, "; ")}
		}
		r := issu.CheckResult{Status: issu.StatusFail}
		for _, m := range msgs {
			r.Findings = append(r.Findings, issu.Finding{ID: id, Severity: issu.SevError, Message: m})
		}
		return r
	case skipped && !skipKnown:
		return issu.CheckResult{Status: issu.StatusBlocked,
			Reason: "skipped without a reason goissu could read (skip with s.Skipf(\"blocked: ...\") or s.Skipf(\"skipped: ...\")): see the test log of " + name}
	case skipped && hasWordPrefix(skip, "blocked:"):
		return issu.CheckResult{Status: issu.StatusBlocked, Reason: trimWordPrefix(skip, "blocked:")}
	case skipped:
		return issu.CheckResult{Status: issu.StatusSkipped, Reason: trimWordPrefix(skip, "skipped:")}
	}
	return issu.CheckResult{Status: issu.StatusPass}
}

func hasWordPrefix(s, prefix string) bool {
	return strings.HasPrefix(strings.TrimSpace(s), prefix)
}

func trimWordPrefix(s, prefix string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), prefix))
}

// recordingT is the testing.T of a custom check's assertions: it keeps each
// failure message for the report, then fails the current test as testify
// would.
type recordingT struct{ s *phaseSuite }

func (r recordingT) Errorf(format string, args ...any) {
	t := r.s.T()
	t.Helper()
	if c := r.s.custom(); c != nil {
		msg := assertionText(fmt.Sprintf(format, args...))
		c.mu.Lock()
		c.errs[t.Name()] = append(c.errs[t.Name()], msg)
		c.mu.Unlock()
	}
	t.Errorf(format, args...)
}

func (r recordingT) FailNow()     { r.s.T().FailNow() }
func (r recordingT) Helper()      { r.s.T().Helper() }
func (r recordingT) Name() string { return r.s.T().Name() }

// assertionText is the finding text of a testify failure message: the
// labeled block's "Error" (the assertion, or s.Fail's message) and
// "Messages" (the caller's explanation), on one line. A failure message
// starting with "error:" stays first, so the status can be read from it.
func assertionText(out string) string {
	fields := map[string]string{}
	var label string
	for _, line := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(line, "\t")
		if !ok {
			label = ""
			continue
		}
		if name, val, ok := strings.Cut(rest, ":"); ok && name != "" && !strings.HasPrefix(name, " ") && strings.Contains(val, "\t") {
			label = name
			_, v, _ := strings.Cut(val, "\t")
			fields[label] = strings.TrimSpace(v)
			continue
		}
		if label != "" { // a continuation line: "\t<spaces>\t<text>"
			_, v, _ := strings.Cut(rest, "\t")
			if v = strings.TrimSpace(v); v != "" {
				fields[label] += " " + v
			}
		}
	}
	e, m := fields["Error"], fields["Messages"]
	switch {
	case e == "" && m == "":
		return strings.Join(strings.Fields(out), " ")
	case m == "":
		return e
	case e == "":
		return m
	case hasWordPrefix(e, "error:"):
		return e + ": " + m
	}
	return m + ": " + e
}
