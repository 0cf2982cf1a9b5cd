package monitor

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Detector turns the last known state of a device (prev) and a new sample
// (cur) into events. prev.Poll == 0 means cur is the device's first sample.
type Detector func(prev, cur Sample) []Event

// reSyslog matches %FAC-SEV-MNEMONIC (facility may hold dashes:
// %ASCII-CFG-2-CONF_CONTROL).
var reSyslog = regexp.MustCompile(`%([A-Z][A-Z0-9_]*(?:-[A-Z][A-Z0-9_]*)*)-([0-7])-([A-Z0-9_]+)`)

// DefaultLogPatterns returns the built-in log classifiers: service crashes,
// core dumps, tracebacks and HA/ISSU messages (ISSU-DOMAIN 1.11, 2.8).
func DefaultLogPatterns() []LogPattern {
	return []LogPattern{
		{Name: "crash", Kind: KindCrash, Severity: SevCritical,
			Regexp: `SERVICE_CRASHED|SWITCHOVER_SRVCRASHED|PROCFAILCRIT|PROCHOLDDOWN|hasn't caught signal|[Cc]rashed`},
		{Name: "core_dump", Kind: KindCrash, Severity: SevCritical,
			Regexp: `core will be saved|[Cc]ore dump|Core not generated|\.core\.gz|crashinfo`},
		{Name: "traceback", Kind: KindCrash, Severity: SevError, Regexp: `[Tt]raceback`},
		{Name: "ha", Kind: KindLog, Severity: SevInfo,
			Regexp: `HASWITCHOVER|SWITCHOVER_OVER|STANDBY_SUP_OK|RF_TERMINAL_STATE|IOSXE_REDUNDANCY|REDUNDANCY-\d|RELOAD_RP|BULK_CFGSYNC`},
		{Name: "issu", Kind: KindLog, Severity: SevInfo, Regexp: `%ISSU-|%INSTALL-|CONF_CONTROL: System ready`},
		// Modules power down and come back as an ISSU reloads them: worth
		// a line, not a vote for an incident (MOD_FAIL stays critical).
		{Name: "module_lifecycle", Kind: KindLog, Severity: SevWarning, Regexp: `MOD_PWRDN|MOD_DETECT|MOD_OK|MOD_ONLINE`},
	}
}

type compiledPattern struct {
	LogPattern
	re *regexp.Regexp
}

func compilePatterns(ps []LogPattern) ([]compiledPattern, error) {
	out := make([]compiledPattern, 0, len(ps))
	for _, p := range ps {
		re, err := regexp.Compile(p.Regexp)
		if err != nil {
			return nil, fmt.Errorf("log pattern %q: %w", p.Name, err)
		}
		if p.Kind == "" {
			p.Kind = KindLog
		}
		if p.Severity == "" {
			p.Severity = SevWarning
		}
		out = append(out, compiledPattern{p, re})
	}
	return out, nil
}

// syslogSeverity maps the syslog level digit to an event severity.
func syslogSeverity(d byte) string {
	switch {
	case d <= '2':
		return SevCritical
	case d == '3':
		return SevError
	case d == '4':
		return SevWarning
	}
	return SevInfo
}

// classifyLog turns one new log line into an event, or reports false for
// routine lines (syslog level 5-7 matching no pattern).
func classifyLog(pats []compiledPattern, line string) (Event, bool) {
	ev := Event{Kind: KindLog, Evidence: line}
	m := reSyslog.FindStringSubmatch(line)
	if m != nil {
		ev.Subject = m[1] + "-" + m[2] + "-" + m[3]
		ev.Severity = syslogSeverity(m[2][0])
	}
	for _, p := range pats {
		if p.re.MatchString(line) {
			ev.Kind, ev.Severity = p.Kind, p.Severity
			ev.Message = p.Name + ": " + trimLog(line)
			return ev, true
		}
	}
	if m == nil || ev.Severity == SevInfo {
		return Event{}, false
	}
	ev.Message = trimLog(line)
	return ev, true
}

func trimLog(l string) string {
	if i := strings.IndexByte(l, '%'); i >= 0 {
		l = l[i:]
	}
	if len(l) > 200 {
		l = l[:200] + "..."
	}
	return l
}

// Detectors returns the detectors for a configuration, in the order they run.
func Detectors(cfg Config) ([]Detector, error) {
	cfg = cfg.withDefaults()
	pats, err := compilePatterns(cfg.LogPatterns)
	if err != nil {
		return nil, err
	}
	watch := func(vrfNbr string) bool {
		if len(cfg.CriticalNeighbors) == 0 {
			return true
		}
		_, nbr := SplitKey(vrfNbr)
		return slices.Contains(cfg.CriticalNeighbors, nbr)
	}
	return []Detector{
		DetectReachability,
		DetectSwitchover,
		DetectInstall,
		neighborDetector("bgp", func(s Sample) map[string]string { return s.BGP }, func(st string) bool { return st == "established" }, watch),
		neighborDetector("ospf", func(s Sample) map[string]string { return s.OSPF }, ospfUp, watch),
		DetectPrefixes,
		DetectProbes,
		probeRTTDetector(cfg.ProbeRTTms),
		logDetector(pats),
		DetectCores,
		cpuDetector(cfg.CPUSpikePercent),
	}, nil
}

func evidence(s Sample) string {
	return fmt.Sprintf("monitor/timeline.jsonl poll %d %s", s.Poll, s.Time.UTC().Format("2006-01-02T15:04:05.000Z"))
}

// DetectReachability reports the management session going away and coming
// back. An outage while an install runs is expected (the switchover).
func DetectReachability(prev, cur Sample) []Event {
	first := prev.Poll == 0
	switch {
	case !cur.Reachable && (first || prev.Reachable):
		ev := Event{Kind: KindUnreachable, Severity: SevError, Message: "device unreachable: " + cur.Error, Evidence: evidence(cur)}
		if prev.Install == InstallInProgress {
			ev.Expected, ev.Severity = true, SevWarning
			ev.Message = "device unreachable during install (expected switchover outage): " + cur.Error
		}
		return []Event{ev}
	case cur.Reachable && !first && !prev.Reachable:
		return []Event{{Kind: KindReachable, Severity: SevInfo, Message: "device reachable again", Evidence: evidence(cur)}}
	}
	return nil
}

// DetectSwitchover reports a change of active supervisor (or a switchover
// counter that went up).
func DetectSwitchover(prev, cur Sample) []Event {
	var why []string
	if prev.ActiveSup != "" && cur.ActiveSup != "" && prev.ActiveSup != cur.ActiveSup {
		why = append(why, fmt.Sprintf("active supervisor %s -> %s", prev.ActiveSup, cur.ActiveSup))
	}
	if prev.ActiveModule != "" && cur.ActiveModule != "" && prev.ActiveModule != cur.ActiveModule {
		why = append(why, fmt.Sprintf("active module %s -> %s", prev.ActiveModule, cur.ActiveModule))
	}
	if prev.Switchovers != nil && cur.Switchovers != nil && *cur.Switchovers > *prev.Switchovers {
		why = append(why, fmt.Sprintf("switchover count %d -> %d", *prev.Switchovers, *cur.Switchovers))
	}
	if len(why) == 0 {
		return nil
	}
	subject := cur.ActiveSup
	if subject == "" {
		subject = cur.ActiveModule
	}
	ev := Event{Kind: KindSwitchover, Severity: SevError, Subject: subject,
		Message: "supervisor switchover: " + strings.Join(why, "; "), Evidence: evidence(cur)}
	if prev.Install == InstallInProgress || cur.Install == InstallInProgress {
		ev.Severity, ev.Expected = SevInfo, true
	}
	return []Event{ev}
}

// DetectInstall reports install start, progress, success and failure from
// the tracked install state. A state already there at the first poll is a
// leftover of an earlier install and is not an event, unless it runs.
func DetectInstall(prev, cur Sample) []Event {
	if cur.Install == "" {
		return nil
	}
	first := prev.Poll == 0
	ev := Event{Subject: cur.InstallStep, Evidence: evidence(cur)}
	switch {
	case cur.Install == InstallInProgress && prev.Install != InstallInProgress:
		ev.Kind, ev.Severity, ev.Message = KindInstallProgress, SevInfo, "install in progress"
		if cur.InstallStep != "" {
			ev.Message += ": " + cur.InstallStep
		}
	case cur.Install == InstallInProgress && cur.InstallStep != "" && cur.InstallStep != prev.InstallStep:
		ev.Kind, ev.Severity, ev.Message = KindInstallProgress, SevInfo, "install step: "+cur.InstallStep
	case first:
		return nil
	case cur.Install == InstallSuccess && prev.Install != InstallSuccess:
		ev.Kind, ev.Severity, ev.Message = KindInstallDone, SevInfo, "install completed successfully"
	case cur.Install == InstallFailed && prev.Install != InstallFailed:
		ev.Kind, ev.Severity, ev.Message = KindInstallFailed, SevCritical, "install failed"
		if cur.InstallStep != "" {
			ev.Message += " at: " + cur.InstallStep
		}
	default:
		return nil
	}
	return []Event{ev}
}

// neighborDetector reports per-neighbor down and up transitions; the first
// sample is the baseline.
func neighborDetector(proto string, get func(Sample) map[string]string, up func(string) bool, watch func(string) bool) Detector {
	downKind, upKind := proto+"_down", proto+"_up"
	name := strings.ToUpper(proto)
	return func(prev, cur Sample) []Event {
		p, c := get(prev), get(cur)
		if p == nil || c == nil {
			return nil
		}
		var evs []Event
		for _, k := range sortedKeys(p) {
			if !watch(k) || !up(p[k]) {
				continue
			}
			if st, ok := c[k]; !ok || !up(st) {
				vrf, nbr := SplitKey(k)
				msg := fmt.Sprintf("%s neighbor %s (vrf %s) down: %s", name, nbr, vrf, st)
				if !ok {
					msg = fmt.Sprintf("%s neighbor %s (vrf %s) gone from the table", name, nbr, vrf)
				}
				evs = append(evs, Event{Kind: downKind, Severity: SevError, Subject: nbr, VRF: vrf, Message: msg, Evidence: evidence(cur)})
			}
		}
		for _, k := range sortedKeys(c) {
			if !watch(k) || !up(c[k]) {
				continue
			}
			if st, ok := p[k]; ok && !up(st) {
				vrf, nbr := SplitKey(k)
				evs = append(evs, Event{Kind: upKind, Severity: SevInfo, Subject: nbr, VRF: vrf,
					Message: fmt.Sprintf("%s neighbor %s (vrf %s) up again (was %s)", name, nbr, vrf, st), Evidence: evidence(cur)})
			}
		}
		return evs
	}
}

// DetectPrefixes reports a critical prefix leaving or returning to the RIB.
// A prefix missing at the first poll is reported too: it is critical.
func DetectPrefixes(prev, cur Sample) []Event {
	var evs []Event
	for _, k := range sortedKeys(cur.Prefixes) {
		present := cur.Prefixes[k]
		was, known := prev.Prefixes[k]
		vrf, pfx := SplitKey(k)
		switch {
		case !present && (!known || was):
			evs = append(evs, Event{Kind: KindPrefixWithdrawn, Severity: SevError, Subject: pfx, VRF: vrf,
				Message: fmt.Sprintf("critical prefix %s withdrawn from vrf %s", pfx, vrf), Evidence: evidence(cur)})
		case present && known && !was:
			evs = append(evs, Event{Kind: KindPrefixRestored, Severity: SevInfo, Subject: pfx, VRF: vrf,
				Message: fmt.Sprintf("critical prefix %s restored in vrf %s", pfx, vrf), Evidence: evidence(cur)})
		}
	}
	return evs
}

// DetectProbes reports data-plane probes starting and stopping to lose
// packets: a prefix in the RIB that does not forward shows up here.
func DetectProbes(prev, cur Sample) []Event {
	var evs []Event
	for _, k := range sortedKeys(cur.Probes) {
		ps := cur.Probes[k]
		was, known := prev.Probes[k]
		vrf, dst := SplitKey(k)
		switch {
		case ps.LossPct > 0 && (!known || was.LossPct == 0):
			sev := SevWarning
			if ps.Received == 0 {
				sev = SevError
			}
			evs = append(evs, Event{Kind: KindProbeLoss, Severity: sev, Subject: dst, VRF: vrf,
				Message: fmt.Sprintf("probe to %s (vrf %s): %.0f%% loss (%d/%d)", dst, vrf, ps.LossPct, ps.Received, ps.Sent), Evidence: evidence(cur)})
		case ps.LossPct == 0 && known && was.LossPct > 0:
			evs = append(evs, Event{Kind: KindProbeOK, Severity: SevInfo, Subject: dst, VRF: vrf,
				Message: fmt.Sprintf("probe to %s (vrf %s) answers again, rtt %.1f ms", dst, vrf, ps.RTTms), Evidence: evidence(cur)})
		}
	}
	return evs
}

// probeRTTDetector reports a probe whose average RTT crosses limit (ms):
// a path that still answers but detours or queues.
func probeRTTDetector(limit float64) Detector {
	return func(prev, cur Sample) []Event {
		if limit <= 0 {
			return nil
		}
		var evs []Event
		for _, k := range sortedKeys(cur.Probes) {
			ps := cur.Probes[k]
			was, known := prev.Probes[k]
			if ps.Received == 0 || ps.RTTms <= limit || (known && was.Received > 0 && was.RTTms > limit) {
				continue
			}
			vrf, dst := SplitKey(k)
			evs = append(evs, Event{Kind: KindProbeSlow, Severity: SevWarning, Subject: dst, VRF: vrf,
				Message: fmt.Sprintf("probe to %s (vrf %s): rtt %.1f ms over %.1f ms", dst, vrf, ps.RTTms, limit), Evidence: evidence(cur)})
		}
		return evs
	}
}

func logDetector(pats []compiledPattern) Detector {
	return func(_, cur Sample) []Event {
		var evs []Event
		for _, l := range cur.Logs {
			if ev, ok := classifyLog(pats, l); ok {
				evs = append(evs, ev)
			}
		}
		return evs
	}
}

// DetectCores reports core files that were not there before.
func DetectCores(prev, cur Sample) []Event {
	if cur.Cores == nil || prev.Cores == nil {
		return nil
	}
	var evs []Event
	for _, c := range cur.Cores {
		if !slices.Contains(prev.Cores, c) {
			evs = append(evs, Event{Kind: KindCore, Severity: SevCritical, Subject: c, Message: "new core file: " + c, Evidence: evidence(cur)})
		}
	}
	return evs
}

func cpuDetector(limit float64) Detector {
	return func(prev, cur Sample) []Event {
		if cur.CPU == nil || *cur.CPU < limit || (prev.CPU != nil && *prev.CPU >= limit) {
			return nil
		}
		return []Event{{Kind: KindCPUSpike, Severity: SevWarning,
			Message: fmt.Sprintf("CPU %.0f%% (threshold %.0f%%)", *cur.CPU, limit), Evidence: evidence(cur)}}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
