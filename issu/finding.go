package issu

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Severities of findings and reasons, lowest first.
const (
	SevInfo     = "info"
	SevWarning  = "warning"
	SevError    = "error"
	SevCritical = "critical"
)

// SeverityRank orders severities: info 0, warning 1, error 2, critical 3;
// anything else ranks as error so an unknown severity is never ignored.
func SeverityRank(s string) int {
	switch s {
	case SevInfo:
		return 0
	case SevWarning:
		return 1
	case SevCritical:
		return 3
	default:
		return 2
	}
}

// Finding is one observation of a check, with the evidence behind it.
type Finding struct {
	ID       string `json:"id"` // the check id (redundancy_sso ...)
	Device   string `json:"device"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	// Evidence is a path relative to the run directory, with an optional
	// "#key.path" into a parsed JSON file, or the log line itself.
	Evidence string `json:"evidence,omitempty"`
}

func (f Finding) String() string {
	s := fmt.Sprintf("[%s] %s %s: %s", f.Severity, f.Device, f.ID, f.Message)
	if f.Evidence != "" {
		s += " (" + f.Evidence + ")"
	}
	return s
}

// Status is the outcome of one check on one device.
type Status string

// Check outcomes. The suites map them to testify pass, fail, "error:",
// "blocked:" and t.Skip.
const (
	// StatusPass: the check ran and found nothing of severity error or
	// above (warnings may be attached).
	StatusPass Status = "pass"
	// StatusFail: the check found at least one error or critical finding.
	StatusFail Status = "fail"
	// StatusError: the data the check needs is missing because a command
	// failed or the device was unreachable.
	StatusError Status = "error"
	// StatusBlocked: the output was collected but cannot be judged: no
	// parser for it, or no command profile for the device's OS.
	StatusBlocked Status = "blocked"
	// StatusSkipped: the check does not apply (OS, policy), Reason says why.
	StatusSkipped Status = "skipped"
)

// Statuses lists every status in report order.
var Statuses = []Status{StatusPass, StatusFail, StatusError, StatusBlocked, StatusSkipped}

// CheckResult is the outcome of one check on one device in one phase.
// Device "" is a result for the whole run (a user's check that does not
// judge device by device).
type CheckResult struct {
	Phase    Phase     `json:"phase"`
	Check    string    `json:"check"`
	Device   string    `json:"device"`
	Status   Status    `json:"status"`
	Findings []Finding `json:"findings,omitempty"`
	Reason   string    `json:"reason,omitempty"`
}

// CheckResults is <phase>/checks.json.
type CheckResults struct {
	Phase   Phase         `json:"phase"`
	Results []CheckResult `json:"results"`
}

// WriteCheckResults writes <phase>/checks.json, sorted by device then check.
func (r *Run) WriteCheckResults(phase Phase, results []CheckResult) error {
	if err := phase.Validate(); err != nil {
		return err
	}
	rs := append([]CheckResult(nil), results...)
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Device != rs[j].Device {
			return rs[i].Device < rs[j].Device
		}
		return rs[i].Check < rs[j].Check
	})
	return r.WriteJSON(CheckResults{Phase: phase, Results: rs}, string(phase), "checks.json")
}

// ErrNoResults is returned when a phase has no checks.json.
var ErrNoResults = errors.New("no check results")

// LoadCheckResults reads <runDir>/<phase>/checks.json.
func LoadCheckResults(runDir string, phase Phase) ([]CheckResult, error) {
	b, err := os.ReadFile(filepath.Join(runDir, string(phase), "checks.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", phase, ErrNoResults)
	}
	if err != nil {
		return nil, fmt.Errorf("load %s checks: %w", phase, err)
	}
	var cr CheckResults
	if err := json.Unmarshal(b, &cr); err != nil {
		return nil, fmt.Errorf("load %s checks: %w", phase, err)
	}
	return cr.Results, nil
}

// CustomCheckPrefix starts the id of a check that is a user's own test
// method on a phase suite rather than one of goissu's checks.
const CustomCheckPrefix = "custom."

// CustomCheckID is the check id of a user's test method on a phase suite:
// "custom." and the method name (custom.TestCustomSoftwareVersionKnown),
// so it reads as the JUnit name and the -run pattern.
func CustomCheckID(method string) string { return CustomCheckPrefix + method }

// IsCustomCheck reports whether a check id is a user's own check.
func IsCustomCheck(id string) bool { return strings.HasPrefix(id, CustomCheckPrefix) }
