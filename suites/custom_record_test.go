package suites

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/stretchr/testify/suite"
)

// hookSuite is a phase suite over a temporary run with devices A, B, C and
// "D 1" and no lab: its custom methods only pass or skip (a failing one
// would fail this test; suites/e2e proves failures end to end).
type hookSuite struct {
	phaseSuite
	runDir string
}

// setupTestRun makes s a pre phase over a new run id in dir with devices
// names and no lab, as the hook tests' suites need.
func (s *phaseSuite) setupTestRun(dir, id string, names ...string) *issu.Run {
	s.phase = issu.Pre
	run, err := issu.OpenRun(dir, id)
	s.Require().NoError(err)
	s.env = &harness.Env{Run: run, Names: names}
	return run
}

func (s *hookSuite) SetupSuite() {
	run := s.setupTestRun(s.runDir, "hooks", "A", "B", "C", "D 1")
	var builtin []issu.CheckResult
	for _, dev := range s.env.Names {
		builtin = append(builtin, issu.CheckResult{Phase: issu.Pre, Check: "cpu_headroom", Device: dev, Status: issu.StatusPass})
	}
	s.Require().NoError(run.WriteCheckResults(issu.Pre, builtin))
}

// A built-in check's method is not recorded again.
func (s *hookSuite) TestCPUHeadroom() {}

func (s *hookSuite) TestCustomPerDevice() {
	for _, dev := range s.env.Names {
		s.Run(harness.TestName(dev), func() {
			switch dev {
			case "B":
				s.Skipf("blocked: no parser for show hsrp on os %q", "panos")
			case "C":
				s.Skipf("skipped: not an nxos device")
			}
			s.Run("nested", func() { s.NotEmpty("fine") })
			s.Equal(1, 1)
		})
	}
}

func (s *hookSuite) TestCustomWholeRun() { s.True(true) }

func (s *hookSuite) TestCustomDirectSkip() { s.T().Skip("a reason goissu cannot read") }

func (s *hookSuite) TestCustomNotPerDevice() {
	s.Run("bgp", func() { s.True(true) })
}

// TestCustomCheckHooks runs a phase suite's custom methods and reads back
// what they recorded in pre/checks.json.
func TestCustomCheckHooks(t *testing.T) {
	s := &hookSuite{runDir: t.TempDir()}
	suite.Run(t, s)
	rs, err := issu.LoadCheckResults(s.env.Run.Dir, issu.Pre)
	require.NoError(t, err)
	got := map[string]issu.CheckResult{}
	for _, r := range rs {
		got[r.Check+" "+r.Device] = r
	}
	cases := []struct {
		key    string // check id and device
		status issu.Status
		reason string
	}{
		{"cpu_headroom A", issu.StatusPass, ""},
		{"cpu_headroom D 1", issu.StatusPass, ""},
		{"custom.TestCustomPerDevice A", issu.StatusPass, ""},
		{"custom.TestCustomPerDevice B", issu.StatusBlocked, `no parser for show hsrp on os "panos"`},
		{"custom.TestCustomPerDevice C", issu.StatusSkipped, "not an nxos device"},
		{"custom.TestCustomPerDevice D 1", issu.StatusPass, ""},
		{"custom.TestCustomWholeRun ", issu.StatusPass, ""},
		{"custom.TestCustomDirectSkip ", issu.StatusBlocked, "skipped without a reason goissu could read"},
		{"custom.TestCustomNotPerDevice ", issu.StatusPass, ""},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			r, ok := got[c.key]
			require.True(t, ok, "%s not in pre/checks.json: %v", c.key, rs)
			assert.Equal(t, issu.Pre, r.Phase)
			assert.Equal(t, c.status, r.Status)
			assert.Contains(t, r.Reason, c.reason)
		})
	}
	assert.Len(t, rs, 4+4+3, "one result per built-in check and device, per custom device sub-test, per sub-test-less custom method")
}

// fakeT captures a testify failure message.
type fakeT struct{ out []string }

func (f *fakeT) Errorf(format string, args ...any) {
	f.out = append(f.out, fmt.Sprintf(format, args...))
}
func (f *fakeT) Name() string { return "TestPrecheck/TestCustomX/A" }

func TestAssertionText(t *testing.T) {
	cases := []struct {
		name   string
		assert func(assert.TestingT)
		want   string
	}{
		{"Fail", func(ft assert.TestingT) { assert.Fail(ft, "error: no snapshot of this device") }, "error: no snapshot of this device"},
		{"Failf with detail", func(ft assert.TestingT) {
			assert.Fail(ft, "error: show version was not collected", "%s", "timeout after 30s")
		}, "error: show version was not collected: timeout after 30s"},
		{"NotEmpty with message", func(ft assert.TestingT) {
			assert.NotEmpty(ft, "", "no software version in %s", "pre/A/version.json")
		}, "no software version in pre/A/version.json: Should NOT be empty, but was"},
		{"multi-line", func(ft assert.TestingT) { assert.Fail(ft, "line one\nline two", "why") }, "why: line one line two"},
		{"Equal", func(ft assert.TestingT) { assert.Equal(ft, 1, 2, "vlans") }, "vlans: Not equal:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ft := &fakeT{}
			c.assert(ft)
			require.Len(t, ft.out, 1)
			got := assertionText(ft.out[0])
			assert.True(t, strings.HasPrefix(got, c.want), "got %q, want prefix %q", got, c.want)
			assert.NotContains(t, got, "\n")
			assert.NotContains(t, got, "Error Trace")
		})
	}
}

func TestJudgeOutcome(t *testing.T) {
	const id = "custom.TestX"
	cases := []struct {
		name            string
		failed, skipped bool
		msgs            []string
		skip            string
		skipKnown       bool
		status          issu.Status
		text            string // reason, or the findings' messages joined by " | "
	}{
		{name: "pass", status: issu.StatusPass},
		{name: "fail", failed: true, msgs: []string{"VLAN 20 missing"}, status: issu.StatusFail, text: "VLAN 20 missing"},
		{name: "two findings", failed: true, msgs: []string{"a", "b"}, status: issu.StatusFail, text: "a | b"},
		{name: "error", failed: true, msgs: []string{"error: show vlan was not collected"}, status: issu.StatusError, text: "show vlan was not collected"},
		{name: "error and failure is a failure", failed: true, msgs: []string{"error: x", "y"}, status: issu.StatusFail, text: "error: x | y"},
		{name: "failed outside an assertion", failed: true, status: issu.StatusFail, text: "see the test log of TestPrecheck/TestX/A"},
		{name: "blocked", skipped: true, skipKnown: true, skip: "blocked: no parser", status: issu.StatusBlocked, text: "no parser"},
		{name: "skipped", skipped: true, skipKnown: true, skip: "skipped: not nxos", status: issu.StatusSkipped, text: "not nxos"},
		{name: "skipped without prefix", skipped: true, skipKnown: true, skip: "not nxos", status: issu.StatusSkipped, text: "not nxos"},
		{name: "skipped directly", skipped: true, status: issu.StatusBlocked, text: "skipped without a reason goissu could read"},
		{name: "failed, then skipped", failed: true, skipped: true, msgs: []string{"bad"}, skip: "blocked: x", skipKnown: true, status: issu.StatusFail, text: "bad"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := judgeOutcome(id, "TestPrecheck/TestX/A", c.failed, c.skipped, c.msgs, c.skip, c.skipKnown)
			assert.Equal(t, c.status, r.Status)
			text := r.Reason
			if r.Status == issu.StatusFail {
				var ms []string
				for _, f := range r.Findings {
					assert.Equal(t, id, f.ID)
					assert.Equal(t, issu.SevError, f.Severity)
					ms = append(ms, f.Message)
				}
				text = strings.Join(ms, " | ")
			}
			assert.Contains(t, text, c.text)
		})
	}
}

// The built-in checks' methods are known per phase; any other test method
// of a phase suite is a custom check.
func TestBuiltinMethods(t *testing.T) {
	cases := []struct {
		phase   issu.Phase
		builtin []string
		custom  []string
	}{
		{issu.Pre, []string{"TestRedundancySSO", "TestCriticalPrefixes"}, []string{"TestCustomSoftwareVersionKnown", "TestVersionUpgraded"}},
		{issu.Post, []string{"TestVersionUpgraded", "TestCriticalPrefixes"}, []string{"TestRedundancySSO"}},
		{issu.MonitorPhase, []string{"TestNoCrashes", "TestBGPConverged"}, []string{"TestCustomHSRPStable"}},
	}
	for _, c := range cases {
		t.Run(string(c.phase), func(t *testing.T) {
			m := builtinMethods(c.phase)
			for _, n := range c.builtin {
				assert.True(t, m[n], "%s is a built-in %s check", n, c.phase)
			}
			for _, n := range c.custom {
				assert.False(t, m[n], "%s is a custom %s check", n, c.phase)
			}
		})
	}
}
