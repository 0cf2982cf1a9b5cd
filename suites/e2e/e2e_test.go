// Package e2e drives the goissu suites the way a user and a CI pipeline do:
// `go tool gotestsum --junitfile … -- ./suites <flags>` as a subprocess
// against the built-in lab, then asserts on the exit status, the JUnit XML
// and report.json. These tests are slow (each runs a whole time-scaled
// ISSU); `go test -short` skips them.
package e2e

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goissu/goissu/fixtures/sim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

type junit struct {
	Suites []struct {
		Cases []junitCase `xml:"testcase"`
	} `xml:"testsuite"`
}

type junitCase struct {
	Name    string    `xml:"name,attr"`
	Failure *struct { // present when the case failed
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
}

type outcome struct {
	exit    int
	output  string
	cases   map[string]junitCase
	verdict string
	runDir  string
}

func (o outcome) failed(name string) bool {
	c, ok := o.cases[name]
	return ok && c.Failure != nil
}

func (o outcome) skipped(name string) bool {
	c, ok := o.cases[name]
	return ok && c.Skipped != nil
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	return filepath.Join(wd, "..", "..")
}

// runSuites runs the suites with gotestsum as a user would and collects
// what a CI system would read.
func runSuites(t *testing.T, runID string, args ...string) outcome {
	t.Helper()
	root := moduleRoot(t)
	results := t.TempDir()
	junitFile := filepath.Join(results, "junit.xml")
	ctx, cancel := context.WithTimeout(t.Context(), 6*time.Minute)
	defer cancel()
	full := append([]string{"tool", "gotestsum", "--format", "standard-verbose", "--junitfile", junitFile, "--",
		"-count=1", "-timeout", "5m", "./suites", "-run-id", runID, "-results", results}, args...)
	cmd := exec.CommandContext(ctx, "go", full...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOISSU_LAB_PASSWORD=admin", "GOFLAGS=-buildvcs=false")
	out, err := cmd.CombinedOutput()
	o := outcome{output: string(out), cases: map[string]junitCase{}, runDir: filepath.Join(results, runID)}
	if err != nil {
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, "run suites: %s", out)
		o.exit = ee.ExitCode()
	}
	b, err := os.ReadFile(junitFile)
	require.NoError(t, err, "gotestsum wrote no JUnit:\n%s", out)
	var j junit
	require.NoError(t, xml.Unmarshal(b, &j))
	for _, s := range j.Suites {
		for _, c := range s.Cases {
			o.cases[c.Name] = c
		}
	}
	if rb, err := os.ReadFile(filepath.Join(o.runDir, "report.json")); err == nil {
		var rep struct {
			Verdict struct {
				Decision string `json:"decision"`
			} `json:"verdict"`
		}
		require.NoError(t, json.Unmarshal(rb, &rep))
		o.verdict = rep.Verdict.Decision
	}
	return o
}

func tail(s string) string {
	if len(s) > 6000 {
		return "…" + s[len(s)-6000:]
	}
	return s
}

// TestScenarios runs whole pre → monitor → post → report invocations.
func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as subprocesses against the lab")
	}
	cases := []struct {
		scenario   string
		args       []string
		exit0      bool
		verdict    string
		mustFail   []string // JUnit test cases that must fail
		mustPass   []string
		mustNotRun []string // blocked phases
	}{
		{
			scenario: "clean-issu", exit0: true, verdict: "PROCEED",
			mustPass: []string{"TestPrecheck/TestRedundancySSO/CHASSIS_A", "TestMonitor/TestInstallCompleted/CHASSIS_A",
				"TestPostcheck/TestVersionUpgraded/EDGE1", "TestReport"},
		},
		{
			scenario: "crash-coredump", verdict: "ROLLBACK",
			mustFail: []string{"TestMonitor/TestNoCrashes/CHASSIS_A", "TestPostcheck/TestNoNewCores/CHASSIS_A", "TestReport"},
			mustPass: []string{"TestPrecheck/TestRedundancySSO/CHASSIS_A", "TestMonitor/TestNoCrashes/CHASSIS_B"},
		},
		{
			scenario: "bgp-neighbor-stays-down", verdict: "ROLLBACK",
			mustFail: []string{"TestMonitor/TestBGPConverged/CHASSIS_A", "TestPostcheck/TestBGPRestored/CHASSIS_A", "TestReport"},
			mustPass: []string{"TestPostcheck/TestBGPRestored/CHASSIS_B"},
		},
		{
			scenario: "standby-not-ready", verdict: "INVESTIGATE",
			mustFail:   []string{"TestPrecheck/TestRedundancySSO/CHASSIS_A", "TestReport"},
			mustNotRun: []string{"TestMonitor", "TestPostcheck"},
		},
	}
	for _, c := range cases {
		t.Run(c.scenario, func(t *testing.T) {
			o := runSuites(t, "e2e-"+c.scenario, append([]string{"-scenario", c.scenario, "-time-scale", "120"}, c.args...)...)
			if c.exit0 {
				assert.Equal(t, 0, o.exit, "exit status\n%s", tail(o.output))
			} else {
				assert.NotEqual(t, 0, o.exit, "a failing run must exit non-zero")
			}
			assert.Equal(t, c.verdict, o.verdict, "verdict.decision in report.json\n%s", tail(o.output))
			for _, n := range c.mustFail {
				assert.True(t, o.failed(n), "%s must fail (JUnit)", n)
			}
			for _, n := range c.mustPass {
				tc, ok := o.cases[n]
				if assert.True(t, ok, "%s missing from JUnit", n) {
					assert.Nil(t, tc.Failure, "%s must pass", n)
					assert.Nil(t, tc.Skipped, "%s must not be skipped", n)
				}
			}
			for _, n := range c.mustNotRun {
				assert.True(t, o.skipped(n), "%s must be skipped as blocked by the failed gate", n)
				if tc, ok := o.cases[n]; ok && tc.Skipped != nil {
					assert.Contains(t, tc.Skipped.Message, "blocked: pre-checks did not pass")
				}
			}
			if c.exit0 {
				assertRerunRefused(t, o, "e2e-"+c.scenario, append([]string{"-scenario", c.scenario, "-time-scale", "120"}, c.args...))
			}
			if t.Failed() {
				t.Logf("suites output:\n%s", tail(o.output))
			}
		})
	}
}

// assertRerunRefused runs a finished run's invocation again under its run
// id: the pre phase refuses (it would replace the baseline by the upgraded
// state), so the monitor, post and report phases do not run and the run's
// evidence and report stay as they were.
func assertRerunRefused(t *testing.T, first outcome, runID string, args []string) {
	t.Helper()
	read := func(f string) string {
		b, err := os.ReadFile(filepath.Join(first.runDir, f))
		require.NoError(t, err)
		return string(b)
	}
	report, post := read("report.json"), read("post/checks.json")
	again := runSuites(t, runID, append(args, "-results", filepath.Dir(first.runDir))...) // the last -results wins
	assert.NotEqual(t, 0, again.exit, "a refused pre phase fails the invocation")
	if c, ok := again.cases["TestPrecheck"]; assert.True(t, ok) && assert.NotNil(t, c.Failure) {
		assert.Contains(t, c.Failure.Text, "a new pre snapshot would replace the baseline")
	}
	for _, n := range []string{"TestMonitor", "TestPostcheck", "TestReport"} {
		if assert.True(t, again.skipped(n), "%s must not run after a refused pre phase\n%s", n, tail(again.output)) {
			assert.Contains(t, again.cases[n].Skipped.Message, "pre phase refused")
		}
	}
	assert.Equal(t, report, read("report.json"), "report.json untouched")
	assert.Equal(t, post, read("post/checks.json"), "post evidence untouched")
}

// TestTestbedWithUnreachableAndUnparsedDevices runs the pre phase with a
// pyATS testbed: the lab's devices plus one that refuses connections and a
// panos firewall. The unreachable device must error (never pass), the panos
// device must get its raw outputs collected and its parsed checks blocked.
func TestTestbedWithUnreachableAndUnparsedDevices(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as a subprocess")
	}
	t.Setenv("GOISSU_LAB_PASSWORD", "admin")
	lab, err := sim.Start(t.Context(), sim.LabConfig{Scenario: "clean-issu", TestbedPath: filepath.Join(t.TempDir(), "lab.yaml")})
	require.NoError(t, err)
	t.Cleanup(func() { _ = lab.Close() })

	raw, err := os.ReadFile(lab.TestbedPath())
	require.NoError(t, err)
	var tb map[string]any
	require.NoError(t, yaml.Unmarshal(raw, &tb))
	devs := tb["devices"].(map[string]any)

	// A port nothing listens on: bind, note, close.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	deadPort := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	host, port, err := net.SplitHostPort(lab.Addr("CHASSIS_A"))
	require.NoError(t, err)
	p, _ := strconv.Atoi(port)
	conn := func(port int) map[string]any {
		return map[string]any{"cli": map[string]any{"protocol": "ssh", "ip": host, "port": port}}
	}
	devs["DEAD1"] = map[string]any{"os": "nxos", "type": "switch", "connections": conn(deadPort)}
	// The firewall's SSH answers (it is the lab's CHASSIS_A port); goissu has
	// no parsers for panos, so whatever it collects cannot be judged.
	devs["FW1"] = map[string]any{"os": "panos", "type": "firewall", "connections": conn(p)}
	out, err := yaml.Marshal(tb)
	require.NoError(t, err)
	tbPath := filepath.Join(t.TempDir(), "testbed.yaml")
	require.NoError(t, os.WriteFile(tbPath, out, 0o600))
	kh, err := os.ReadFile(lab.KnownHostsPath())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tbPath+".known_hosts", kh, 0o600))

	o := runSuites(t, "e2e-testbed", "-run", "TestPrecheck", "-testbed", tbPath)
	assert.NotEqual(t, 0, o.exit, "an unreachable device must fail the run")
	var deadErrors, fwBlocked, fwPassed int
	for name, c := range o.cases {
		switch {
		case strings.HasSuffix(name, "/DEAD1"):
			if c.Skipped != nil { // only a check that does not apply to nxos may skip
				assert.Contains(t, c.Skipped.Message, "skipped:", "%s: an unreachable device is never blocked", name)
				continue
			}
			if assert.NotNil(t, c.Failure, "%s: an unreachable device never passes", name) {
				assert.Contains(t, c.Failure.Text, "error:", name)
				deadErrors++
			}
		case strings.HasSuffix(name, "/FW1"):
			assert.Nil(t, c.Failure, "%s: a panos device is not failed for lack of a parser", name)
			if c.Skipped != nil && strings.Contains(c.Skipped.Message, "blocked:") {
				fwBlocked++
			}
			if c.Failure == nil && c.Skipped == nil {
				fwPassed++
			}
		}
	}
	assert.Greater(t, deadErrors, 10, "every check of DEAD1 errors")
	assert.Greater(t, fwBlocked, 10, "parsed checks of FW1 are blocked")
	assert.True(t, o.skipped("TestPrecheck/TestRedundancySSO/FW1"))
	raws, _ := filepath.Glob(filepath.Join(o.runDir, "pre", "FW1", "*.txt"))
	assert.NotEmpty(t, raws, "raw outputs of the panos device are collected")
	assert.True(t, !o.failed("TestPrecheck/TestRedundancySSO/CHASSIS_A"), "the lab devices still pass")
	if t.Failed() {
		t.Logf("suites output:\n%s", tail(o.output))
	}
	fmt.Fprintf(os.Stderr, "e2e testbed run: %d DEAD1 errors, %d FW1 blocked, %d FW1 passed\n", deadErrors, fwBlocked, fwPassed)
}
