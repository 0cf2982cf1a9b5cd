package issu

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
)

// MonitorPhase is the phase name of the monitor's check results
// (results/<run-id>/monitor/checks.json).
const MonitorPhase Phase = "monitor"

// MonitorCheck is one judgement over what the monitor saw on a device.
type MonitorCheck struct {
	ID   string // snake_case id
	Name string // Go name for a test method
	Doc  string
	fn   func(dev string, res *monitor.Result, pol *policy.Policy, installExpected bool) CheckResult
}

// MonitorChecks lists the monitor-phase checks: the management plane came
// back within the policy's limit, the install completed, every BGP/OSPF
// neighbor and critical prefix that went down came back within its limit,
// and no crash, core or incident was seen.
func MonitorChecks() []MonitorCheck {
	return []MonitorCheck{
		{ID: "mgmt_reachable", Name: "ManagementReachable", Doc: "the device answered again after every outage, within outage.max_mgmt_seconds", fn: outageCheck("mgmt")},
		{ID: "install_completed", Name: "InstallCompleted", Doc: "the install ran to success", fn: installCheck},
		{ID: "bgp_converged", Name: "BGPConverged", Doc: "every BGP neighbor that went down came back within its limit", fn: outageCheck("bgp")},
		{ID: "ospf_converged", Name: "OSPFConverged", Doc: "every OSPF adjacency that went down came back within its limit", fn: outageCheck("ospf")},
		{ID: "prefixes_converged", Name: "PrefixesConverged", Doc: "every critical prefix and probe that went missing came back within its limit", fn: outageCheck("prefix", "probe")},
		{ID: "no_crashes", Name: "NoCrashes", Doc: "no service crash, core dump or incident during the upgrade", fn: crashCheck},
	}
}

// RunMonitorChecks judges every device of the run.
func RunMonitorChecks(devices []string, res *monitor.Result, pol *policy.Policy, installExpected bool) []CheckResult {
	if pol == nil {
		pol = policy.Default()
	}
	var out []CheckResult
	for _, c := range MonitorChecks() {
		for _, d := range devices {
			r := c.fn(d, res, pol, installExpected)
			r.Phase, r.Check, r.Device = MonitorPhase, c.ID, d
			out = append(out, r)
		}
	}
	return out
}

const monitorEvidence = "monitor/events.jsonl"

func monitorSeen(dev string, res *monitor.Result) bool {
	for _, e := range res.Events {
		if e.Device == dev {
			return true
		}
	}
	_, ok := res.InstallState[dev]
	return ok
}

func outageCheck(kinds ...string) func(string, *monitor.Result, *policy.Policy, bool) CheckResult {
	return func(dev string, res *monitor.Result, pol *policy.Policy, _ bool) CheckResult {
		if res == nil || !monitorSeen(dev, res) {
			return CheckResult{Status: StatusError, Reason: "the monitor has no samples of this device"}
		}
		r := CheckResult{Status: StatusPass}
		for _, o := range res.Outages {
			if o.Device != dev || !slices.Contains(kinds, o.Kind) {
				continue
			}
			limit := pol.OutageLimit(o.Kind, o.Subject)
			what := o.Kind
			if o.Subject != "" {
				what += " " + o.Subject
			}
			if o.VRF != "" {
				what += " (vrf " + o.VRF + ")"
			}
			ev := fmt.Sprintf("%s#%s %s", monitorEvidence, o.Start.UTC().Format("15:04:05"), what)
			switch {
			case !o.Recovered:
				r.Findings = append(r.Findings, Finding{Device: dev, Severity: SevCritical,
					Message: fmt.Sprintf("%s down since %s and not back (%.0f s so far)", what, o.Start.UTC().Format("15:04:05"), o.Seconds), Evidence: ev})
			case limit > 0 && o.Seconds > limit:
				r.Findings = append(r.Findings, Finding{Device: dev, Severity: SevError,
					Message: fmt.Sprintf("%s was down %.1f s, longer than the %.0f s the policy allows", what, o.Seconds, limit), Evidence: ev})
			default:
				r.Findings = append(r.Findings, Finding{Device: dev, Severity: SevInfo,
					Message: fmt.Sprintf("%s was down %.1f s (limit %.0f s)", what, o.Seconds, limit), Evidence: ev})
			}
		}
		monitorFinish(&r)
		return r
	}
}

func installCheck(dev string, res *monitor.Result, _ *policy.Policy, expected bool) CheckResult {
	if res == nil || !monitorSeen(dev, res) {
		return CheckResult{Status: StatusError, Reason: "the monitor has no samples of this device"}
	}
	st := res.InstallState[dev]
	f := func(sev, msg string) CheckResult {
		r := CheckResult{Findings: []Finding{{Device: dev, Severity: sev, Message: msg, Evidence: monitorEvidence}}}
		monitorFinish(&r)
		return r
	}
	switch st {
	case monitor.InstallSuccess:
		return CheckResult{Status: StatusPass}
	case monitor.InstallFailed:
		return f(SevCritical, "the install failed (see the install_failed event)")
	case monitor.InstallInProgress:
		return f(SevError, "the install was still running when the monitor stopped ("+res.StopReason+")")
	default:
		if expected {
			return f(SevError, "no install was seen on this device while the monitor ran")
		}
		return CheckResult{Status: StatusSkipped, Reason: "no install was seen and none was expected"}
	}
}

func crashCheck(dev string, res *monitor.Result, _ *policy.Policy, _ bool) CheckResult {
	if res == nil || !monitorSeen(dev, res) {
		return CheckResult{Status: StatusError, Reason: "the monitor has no samples of this device"}
	}
	r := CheckResult{Status: StatusPass}
	for _, e := range res.Events {
		if e.Device != dev {
			continue
		}
		switch e.Kind {
		case monitor.KindCrash, monitor.KindCore, monitor.KindIncident:
			sev := e.Severity
			if SeverityRank(sev) < SeverityRank(SevError) {
				sev = SevError
			}
			ev := e.Evidence
			if ev == "" {
				ev = monitorEvidence
			}
			r.Findings = append(r.Findings, Finding{Device: dev, Severity: sev,
				Message: fmt.Sprintf("%s at %s: %s", e.Kind, e.Time.UTC().Format("15:04:05"), strings.TrimSpace(e.Message)), Evidence: ev})
		}
	}
	monitorFinish(&r)
	return r
}

// finish sets the status from the findings: any error or critical finding
// fails the check.
func monitorFinish(r *CheckResult) {
	for _, f := range r.Findings {
		if SeverityRank(f.Severity) >= SeverityRank(SevError) {
			r.Status = StatusFail
			sort.SliceStable(r.Findings, func(i, j int) bool {
				return SeverityRank(r.Findings[i].Severity) > SeverityRank(r.Findings[j].Severity)
			})
			return
		}
	}
	if r.Status == "" {
		r.Status = StatusPass
	}
}
