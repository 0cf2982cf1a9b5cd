// Package suites is goissu's ISSU validation as ordinary go test suites:
// TestPrecheck gates the upgrade, TestMonitor watches it, TestPostcheck
// compares before and after, TestReport writes the verdict. Every check is a
// test method that asserts per device, so JUnit reads
// TestPrecheck/TestRedundancySSO/CHASSIS_A.
//
//	go test ./suites                              # built-in simulated lab, clean-issu
//	go test ./suites -testbed lab.yaml -run-id chg-4711 -target-image nxos64-cs.10.4.3.F.bin
//	go test ./suites -run TestPrecheck -testbed lab.yaml -run-id chg-4711   # one phase
package suites

import (
	"os"
	"testing"

	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/suite"
)

// TestMain releases the built-in lab after every suite ran, even when a
// suite's SetupSuite failed.
func TestMain(m *testing.M) {
	code := m.Run()
	harness.Shutdown()
	os.Exit(code)
}

// The phases run in the order they are declared here: go test runs the tests
// of a file in source order, and these are the only phase tests of the
// package (other tests, such as TestEveryCheckHasAMethod, touch no device).
// Keep them together in this file, in this order. Each later phase reads the
// earlier ones from results/<run-id>/ on disk, so `-run TestPostcheck` alone
// works in a later CI job; a failed pre phase blocks the later phases.

// TestPrecheck snapshots every device and runs the pre-checks: the gate.
func TestPrecheck(t *testing.T) { suite.Run(t, &PrecheckSuite{}) }

// TestRollout runs the upgrade itself in canary waves, only with
// -issu.execute and -issu.approve=<run-id> and after a passed pre phase
// (see rollout_test.go); it skips otherwise. With it, each wave is monitored
// and post-checked by the rollout, so TestMonitor and TestPostcheck skip.
func TestRollout(t *testing.T) { runRollout(t) }

// TestMonitor watches the devices while the upgrade runs. With the built-in
// lab it starts the ISSU itself; against a real testbed a person (or the
// orchestration step) starts it.
func TestMonitor(t *testing.T) { suite.Run(t, &MonitorSuite{}) }

// TestPostcheck snapshots again and applies the expected-change rules.
func TestPostcheck(t *testing.T) { suite.Run(t, &PostcheckSuite{}) }

// TestReport decides PROCEED / ROLLBACK / INVESTIGATE and writes report.json
// and summary.txt; it fails unless the decision is PROCEED.
func TestReport(t *testing.T) { runReport(t) }
