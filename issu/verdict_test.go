package issu

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
)

func pass(phase Phase, dev, check string) CheckResult {
	return CheckResult{Phase: phase, Device: dev, Check: check, Status: StatusPass}
}

func TestDecide(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	end := t0.Add(30 * time.Second)
	long := t0.Add(10 * time.Minute)
	okPre := []CheckResult{pass(Pre, "A", "redundancy_sso"), pass(Pre, "B", "redundancy_sso")}
	okPost := []CheckResult{pass(Post, "A", "version_upgraded"), pass(Post, "B", "version_upgraded")}
	cleanMon := &monitor.Result{StopReason: "stable", InstallState: map[string]string{"A": "success", "B": "success"},
		Outages: []monitor.Outage{{Device: "A", Kind: "mgmt", Start: t0, End: &end, Seconds: 30, Recovered: true, Expected: true}}}
	devs := []DeviceInfo{{Name: "A", OS: "nxos", PreImage: "bootflash:///nxos64-cs.10.2.3.F.bin"}, {Name: "B", OS: "iosxe"}, {Name: "C", OS: "panos"}}

	cases := []struct {
		name      string
		pre       []CheckResult
		mon       *monitor.Result
		post      []CheckResult
		decision  string
		gate      string
		reason    string // substring of some reason's text
		rollback  map[string][]string
		firstText string
	}{
		{name: "all good", pre: okPre, mon: cleanMon, post: okPost, decision: Proceed, gate: GateOpen, reason: "mgmt outage 30s within policy"},
		{name: "pre failed, upgrade not started", pre: append([]CheckResult{{Phase: Pre, Device: "A", Check: "redundancy_sso", Status: StatusFail,
			Findings: []Finding{{ID: "redundancy_sso", Device: "A", Severity: SevError, Message: "no supervisor in HA standby state", Evidence: "pre/A/system_redundancy.json"}}}}, okPre[1:]...),
			decision: Investigate, gate: GateClosed, firstText: "gate: pre-checks failed: do not upgrade", reason: "pre-check redundancy_sso failed: no supervisor in HA standby state"},
		{name: "pre failed, upgraded anyway, post fails", pre: []CheckResult{{Phase: Pre, Device: "A", Check: "cpu_headroom", Status: StatusFail}},
			mon: cleanMon, post: []CheckResult{{Phase: Post, Device: "A", Check: "bgp_restored", Status: StatusFail,
				Findings: []Finding{{Severity: SevError, Message: "BGP neighbor 10.1.1.6 down", Evidence: "post/A/bgp_summary.json#vrf.default.neighbor.10.1.1.6"}}}},
			decision: Rollback, gate: GateClosed, reason: "yet the upgrade ran", rollback: map[string][]string{"A": {"install all nxos bootflash:nxos64-cs.10.2.3.F.bin"}}},
		{name: "post fail", pre: okPre, mon: cleanMon, post: []CheckResult{okPost[0], {Phase: Post, Device: "B", Check: "version_upgraded", Status: StatusFail,
			Findings: []Finding{{Severity: SevError, Message: "version unchanged at 17.6.5", Evidence: "post/B/version.json#version.version"}}}},
			decision: Rollback, gate: GateOpen, reason: "post-check version_upgraded failed: version unchanged", rollback: map[string][]string{"B": {"install abort issu", "install rollback to committed"}}},
		{name: "crash in monitor", pre: okPre, post: okPost, mon: &monitor.Result{Events: []monitor.Event{{Time: t0, Device: "A", Kind: "crash", Severity: "critical", Message: "Service bgp crashed", Evidence: "%SYSMGR-2-SERVICE_CRASHED"}}},
			decision: Rollback, gate: GateOpen, reason: "crash on A", rollback: map[string][]string{"A": {"install all nxos bootflash:nxos64-cs.10.2.3.F.bin"}}},
		{name: "core in monitor", pre: okPre, post: okPost, mon: &monitor.Result{Events: []monitor.Event{{Time: t0, Device: "B", Kind: "core", Severity: "error", Message: "new core"}}},
			decision: Rollback, gate: GateOpen, reason: "core on B"},
		{name: "neighbor never recovered", pre: okPre, post: okPost, mon: &monitor.Result{Outages: []monitor.Outage{{Device: "A", Kind: "bgp", Subject: "10.1.1.6", VRF: "default", Start: t0, Seconds: 900}}},
			decision: Rollback, gate: GateOpen, reason: "bgp 10.1.1.6 (vrf default) down since 10:00:00, never recovered"},
		{name: "outage beyond policy", pre: okPre, post: okPost, mon: &monitor.Result{Outages: []monitor.Outage{{Device: "A", Kind: "prefix", Subject: "10.99.0.0/24", Start: t0, End: &long, Seconds: 600, Recovered: true}}},
			decision: Rollback, gate: GateOpen, reason: "outage 600s exceeds policy 60s"},
		{name: "install failed", pre: okPre, post: okPost, mon: &monitor.Result{InstallState: map[string]string{"A": "failed"}},
			decision: Rollback, gate: GateOpen, reason: "install ended in failure"},
		{name: "unknown os rollback", pre: okPre, post: []CheckResult{{Phase: Post, Device: "C", Check: "config_diff", Status: StatusFail}}, mon: cleanMon,
			decision: Rollback, gate: GateOpen, reason: "post-check config_diff failed", rollback: map[string][]string{}},
		{name: "blocked check", pre: append(okPre, CheckResult{Phase: Pre, Device: "C", Check: "cpu_headroom", Status: StatusBlocked, Reason: "no command profile"}), mon: cleanMon, post: okPost,
			decision: Investigate, gate: GateOpen, reason: "pre-check cpu_headroom blocked: no command profile"},
		{name: "error check", pre: okPre, mon: cleanMon, post: append(okPost, CheckResult{Phase: Post, Device: "A", Check: "bgp_restored", Status: StatusError, Reason: "timed out"}),
			decision: Investigate, gate: GateOpen, reason: "post-check bgp_restored error: timed out"},
		{name: "warnings only", pre: append(okPre, CheckResult{Phase: Pre, Device: "A", Check: "environment", Status: StatusPass,
			Findings: []Finding{{Severity: SevWarning, Message: "fan status \"Shutdown\""}}}), mon: cleanMon, post: okPost,
			decision: Investigate, gate: GateOpen, reason: "environment warning"},
		{name: "cpu spike", pre: okPre, post: okPost, mon: &monitor.Result{Events: []monitor.Event{{Time: t0, Device: "A", Kind: "cpu_spike", Severity: "warning", Message: "CPU 97%"}}},
			decision: Investigate, gate: GateOpen, reason: "CPU 97%"},
		{name: "log warning is noise", pre: okPre, post: okPost, mon: &monitor.Result{Events: []monitor.Event{{Time: t0, Device: "A", Kind: "log", Severity: "warning", Message: "%BGP-5-ADJCHANGE Down"}}},
			decision: Proceed, gate: GateOpen},
		{name: "install still running", pre: okPre, post: okPost, mon: &monitor.Result{StopReason: "max_duration", InstallState: map[string]string{"A": "in_progress"}},
			decision: Investigate, gate: GateOpen, reason: "install still in progress"},
		{name: "only pre ran", pre: okPre, decision: Investigate, gate: GateOpen, reason: "post-checks not run"},
		{name: "nothing ran", decision: Investigate, gate: GateUnknown, reason: "pre-checks not run"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := Decide(c.pre, c.mon, c.post, policy.Default(), devs...)
			assert.Equal(t, c.decision, v.Decision, "reasons: %+v", v.Reasons)
			assert.Equal(t, c.gate, v.Gate)
			if c.reason != "" {
				var found bool
				for _, r := range v.Reasons {
					found = found || strings.Contains(r.Text, c.reason)
				}
				assert.True(t, found, "no reason contains %q: %+v", c.reason, v.Reasons)
			}
			if c.firstText != "" {
				require.NotEmpty(t, v.Reasons)
				assert.Equal(t, c.firstText, v.Reasons[0].Text)
			}
			if c.rollback != nil {
				assert.Equal(t, c.rollback, v.Rollback)
			}
			if v.Decision != Rollback {
				assert.Empty(t, v.Rollback, "rollback commands only with a ROLLBACK decision")
			}
			for _, r := range v.Reasons {
				if r.Effect != effectInfo {
					assert.NotEmpty(t, r.Evidence, "reason without evidence: %+v", r)
				}
			}
		})
	}
}

func TestMonitorConfig(t *testing.T) {
	pol := policy.Default()
	pol.CriticalPrefixes = []policy.Prefix{{VRF: "RED", Prefix: "10.5.0.0/16"}}
	pol.BGP.CriticalNeighbors = []string{"10.1.1.6"}
	pol.OSPF.CriticalNeighbors = []string{"10.1.1.6", "10.2.2.2"}
	pol.Probes = []policy.Probe{{Destination: "10.9.9.9", VRF: "default", EveryPolls: 2, Count: 3}}
	cfg := MonitorConfig(pol, "/tmp/r/monitor")
	assert.Equal(t, "/tmp/r/monitor", cfg.Dir)
	assert.Equal(t, pol.Monitor.Interval, cfg.Interval)
	assert.Equal(t, pol.Monitor.MaxDuration, cfg.MaxDuration)
	assert.Equal(t, pol.Monitor.StablePolls, cfg.StablePolls)
	assert.True(t, cfg.RequireInstall)
	assert.Equal(t, []monitor.Prefix{{VRF: "RED", Prefix: "10.5.0.0/16"}}, cfg.CriticalPrefixes)
	assert.Equal(t, []string{"10.1.1.6", "10.2.2.2"}, cfg.CriticalNeighbors)
	assert.Equal(t, []monitor.Probe{{Destination: "10.9.9.9", VRF: "default", EveryPolls: 2, Count: 3}}, cfg.Probes)
	assert.Equal(t, pol.Voting.Votes, cfg.Vote)
	assert.Equal(t, monitor.Escalation{Count: pol.Voting.EscalateCount, Window: pol.Voting.EscalateWindow}, cfg.Escalate)
	require.Greater(t, len(cfg.LogPatterns), len(pol.LogPatterns))
	assert.Equal(t, "service_crash", cfg.LogPatterns[0].Name)
	assert.Equal(t, "crash", cfg.LogPatterns[0].Kind)
	assert.Nil(t, cfg.Commands, "snapshot profiles are not monitor commands")
}
