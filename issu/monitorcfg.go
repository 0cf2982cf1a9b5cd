package issu

import (
	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
)

// MonitorConfig maps the policy's monitor settings, critical prefixes and
// neighbors, probes, voting and log patterns onto a monitor.Config writing
// to dir (results/<run-id>/monitor). The policy's log patterns come first,
// the monitor's built-in ones (HA and install messages) after them.
func MonitorConfig(pol *policy.Policy, dir string) monitor.Config {
	if pol == nil {
		pol = policy.Default()
	}
	cfg := monitor.Config{
		Dir:             dir,
		Interval:        pol.Monitor.Interval,
		MaxDuration:     pol.Monitor.MaxDuration,
		StablePolls:     pol.Monitor.StablePolls,
		RequireInstall:  pol.Monitor.RequireInstall,
		Concurrency:     pol.Monitor.Concurrency,
		CPUSpikePercent: pol.Monitor.CPUSpikePercent,
		Escalate:        monitor.Escalation{Count: pol.Voting.EscalateCount, Window: pol.Voting.EscalateWindow},
		Vote:            pol.Voting.Votes,
	}
	for _, p := range pol.CriticalPrefixes {
		cfg.CriticalPrefixes = append(cfg.CriticalPrefixes, monitor.Prefix{VRF: p.VRF, Prefix: p.Prefix})
	}
	seen := map[string]bool{}
	for _, list := range [][]string{pol.BGP.CriticalNeighbors, pol.OSPF.CriticalNeighbors} {
		for _, n := range list {
			if !seen[n] {
				seen[n] = true
				cfg.CriticalNeighbors = append(cfg.CriticalNeighbors, n)
			}
		}
	}
	for _, p := range pol.Probes {
		cfg.Probes = append(cfg.Probes, monitor.Probe{Destination: p.Destination, VRF: p.VRF, Source: p.Source, EveryPolls: p.EveryPolls, Count: p.Count})
	}
	for _, lp := range pol.LogPatterns {
		cfg.LogPatterns = append(cfg.LogPatterns, monitor.LogPattern{Name: lp.Name, Regexp: lp.Regexp, Severity: lp.Severity, Kind: lp.Kind})
	}
	cfg.LogPatterns = append(cfg.LogPatterns, monitor.DefaultLogPatterns()...)
	return cfg
}
