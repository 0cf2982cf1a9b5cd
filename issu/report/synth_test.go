package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/diff"
	"github.com/goissu/goissu/issu/monitor"
)

// hostile is device output that must come out escaped.
const hostile = `<script>alert("pwned")</script> it's "quoted" & <b>bold</b>`

// synth describes a synthetic run: devices × neighbors polled for polls
// cycles at interval, every device unreachable (the switchover) for polls
// [downFrom, downTo), device 0's first neighbor flapping for polls
// [flapFrom, flapTo), and with rollback its second neighbor lost for good
// after a crash.
type synth struct {
	id                 string
	devices, neighbors int
	polls              int
	interval           time.Duration
	downFrom, downTo   int
	flapFrom, flapTo   int
	flapEvery          int // > 0: every flapEvery-th device flaps too, not only the first
	rollback           bool
	noMonitor          bool
	hostile            bool
}

// synthFacts is what a test checks the page against.
type synthFacts struct {
	report  *issu.Report
	events  int
	bgpKeys map[string][]string // device -> "vrf|neighbor"
}

var synthStart = time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)

func (s synth) flaps(d int) bool { return d == 0 || (s.flapEvery > 0 && d%s.flapEvery == 0) }

func devName(i int) string { return fmt.Sprintf("R%03d", i+1) }

func nbr(d, n int) string { return fmt.Sprintf("10.%d.%d.%d", d/250, d%250, n+1) }

// writeSynth writes the run into dir and returns what it contains.
func writeSynth(tb testing.TB, dir string, s synth) *synthFacts {
	tb.Helper()
	at := func(p int) time.Time { return synthStart.Add(time.Duration(p) * s.interval) }
	secs := func(a, b int) float64 { return (time.Duration(b-a) * s.interval).Seconds() }
	end := at(s.polls)
	facts := &synthFacts{bgpKeys: map[string][]string{}}
	msg := func(m string) string {
		if s.hostile {
			return m + " " + hostile
		}
		return m
	}
	finished := end.Add(time.Minute)
	rep := &issu.Report{
		SchemaVersion: issu.ReportSchemaVersion, RunID: s.id, Generated: finished,
		Run: &issu.RunInfo{RunID: s.id, ToolVersion: "goissu test", Started: synthStart.Add(-2 * time.Minute), Finished: &finished,
			Flags:   map[string]string{"target_image": "nxos64-cs.10.4.3.F.bin", "scenario": "synthetic"},
			Testbed: map[string]any{"name": "synthetic-lab"}},
		Verdict:            issu.Verdict{Decision: "PROCEED", Gate: "open"},
		Counts:             map[string]map[issu.Status]int{},
		FindingsBySeverity: map[string]int{},
		Outages:            []issu.ReportOutage{},
	}
	if s.rollback {
		rep.Verdict.Decision = "ROLLBACK"
		rep.Verdict.Rollback = map[string][]string{devName(0): {"install all nxos bootflash:nxos64-cs.10.2.3.F.bin"}}
		rep.Verdict.RollbackNotes = map[string]string{devName(0): msg("reinstall the old image")}
	}
	var events []monitor.Event
	addOutage := func(dev, kind, vrf, subj string, from, to int, expected bool, limit float64) {
		o := monitor.Outage{Device: dev, Kind: kind, VRF: vrf, Subject: subj, Start: at(from), Recovered: to < s.polls, Expected: expected}
		if to < s.polls {
			e := at(to)
			o.End = &e
		}
		o.Seconds = secs(from, min(to, s.polls))
		within := o.Recovered && o.Seconds <= limit
		rep.Outages = append(rep.Outages, issu.ReportOutage{Outage: o, LimitSeconds: limit, WithinPolicy: within})
		reason := issu.Reason{Device: dev, Check: kind + "_outage", Phase: "monitor", Severity: "info", Effect: "INFO",
			Text: fmt.Sprintf("monitor: %s %s outage %s", kind, subj, FormatSeconds(o.Seconds))}
		if !within {
			reason.Severity, reason.Effect = "critical", "ROLLBACK"
			reason.Text = msg(reason.Text + " never recovered")
		}
		rep.Verdict.Reasons = append(rep.Verdict.Reasons, reason)
	}

	check := func(ph issu.Phase, dev, id string, st issu.Status, f []issu.Finding) {
		rep.Checks = append(rep.Checks, issu.CheckResult{Phase: ph, Check: id, Device: dev, Status: st, Findings: f})
		if rep.Counts[string(ph)] == nil {
			rep.Counts[string(ph)] = map[issu.Status]int{}
		}
		rep.Counts[string(ph)][st]++
		for _, x := range f {
			rep.Findings = append(rep.Findings, issu.ReportFinding{Phase: ph, Finding: x})
			rep.FindingsBySeverity[x.Severity]++
		}
	}

	var tw *bufio.Writer
	var tf *os.File
	if !s.noMonitor {
		require.NoError(tb, os.MkdirAll(filepath.Join(dir, "monitor"), 0o755))
		var err error
		tf, err = os.Create(filepath.Join(dir, "monitor", monitor.TimelineFile))
		require.NoError(tb, err)
		tw = bufio.NewWriterSize(tf, 1<<20)
	}
	enc := func(v any) {
		b, err := json.Marshal(v)
		require.NoError(tb, err)
		tw.Write(append(b, '\n'))
	}
	var names []string
	for d := 0; d < s.devices; d++ {
		names = append(names, devName(d))
		for n := 0; n < s.neighbors; n++ {
			facts.bgpKeys[devName(d)] = append(facts.bgpKeys[devName(d)], monitor.Key("default", nbr(d, n)))
		}
	}
	if tw != nil {
		enc(map[string]any{"type": "start", "time": at(0), "devices": names, "interval_ms": s.interval.Milliseconds()})
	}
	lost := s.rollback && s.neighbors > 1
	lostFrom := s.downTo + 2
	for p := 0; p < s.polls && tw != nil; p++ {
		for d := 0; d < s.devices; d++ {
			smp := monitor.Sample{Type: "sample", Time: at(p), Device: devName(d), OS: "nxos", Poll: p + 1,
				Reachable: p < s.downFrom || p >= s.downTo, ActiveSup: "sup-1", Install: monitor.InstallInProgress}
			if p >= s.downTo {
				smp.ActiveSup = "sup-2"
			}
			if p >= s.downTo+2 {
				smp.Install = monitor.InstallSuccess
			}
			if !smp.Reachable {
				smp.Error = msg("connection refused")
				smp.Install = ""
				enc(smp)
				continue
			}
			smp.BGP = map[string]string{}
			for n := 0; n < s.neighbors; n++ {
				st := "established"
				if s.flaps(d) && n == 0 && p >= s.flapFrom && p < s.flapTo {
					st = "idle"
				}
				if d == 0 && n == 1 && lost && p >= lostFrom {
					st = "active"
				}
				smp.BGP[monitor.Key("default", nbr(d, n))] = st
			}
			smp.OSPF = map[string]string{"default|10.255.0.1": "full", "default|10.255.0.2": "full"}
			smp.Prefixes = map[string]bool{"default|10.99.0.0/24": true}
			enc(smp)
		}
	}
	for d := 0; d < s.devices && !s.noMonitor; d++ {
		dev := devName(d)
		events = append(events,
			monitor.Event{Time: at(s.downFrom), Device: dev, Kind: monitor.KindUnreachable, Severity: "info", Message: msg("management unreachable"), Expected: true},
			monitor.Event{Time: at(s.downTo), Device: dev, Kind: monitor.KindSwitchover, Severity: "info", Subject: "sup-2", Message: "switchover sup-1 -> sup-2"},
			monitor.Event{Time: at(s.downTo), Device: dev, Kind: monitor.KindReachable, Severity: "info", Message: "management reachable again", OutageSeconds: secs(s.downFrom, s.downTo)},
			monitor.Event{Time: at(s.downTo + 2), Device: dev, Kind: monitor.KindInstallDone, Severity: "info", Message: "install done"},
		)
		addOutage(dev, "mgmt", "", "", s.downFrom, s.downTo, true, 180)
		if s.flaps(d) && s.neighbors > 0 && s.flapTo > s.flapFrom {
			events = append(events,
				monitor.Event{Time: at(s.flapFrom), Device: dev, Kind: monitor.KindBGPDown, Severity: "warning", Subject: nbr(d, 0), VRF: "default", Message: msg("bgp down")},
				monitor.Event{Time: at(s.flapTo), Device: dev, Kind: monitor.KindBGPUp, Severity: "info", Subject: nbr(d, 0), VRF: "default", Message: "bgp up", OutageSeconds: secs(s.flapFrom, s.flapTo)})
			addOutage(dev, "bgp", "default", nbr(d, 0), s.flapFrom, s.flapTo, false, 120)
		}
		if d == 0 && lost {
			events = append(events,
				monitor.Event{Time: at(lostFrom), Device: dev, Kind: monitor.KindCrash, Severity: "critical", Subject: "SYSMGR-2-SERVICE_CRASHED",
					Message: msg(`%SYSMGR-2-SERVICE_CRASHED: Service "bgp" hasn't caught signal 11`), Evidence: msg("2026 Jan 2 log line")},
				monitor.Event{Time: at(lostFrom), Device: dev, Kind: monitor.KindBGPDown, Severity: "error", Subject: nbr(0, 1), VRF: "default", Message: "bgp down"},
				monitor.Event{Time: at(lostFrom + 1), Device: dev, Kind: monitor.KindLog, Severity: "warning", Subject: "PLATFORM-2-MOD_PWRDN", Message: "%PLATFORM-2-MOD_PWRDN: Module 28 powered down"})
			addOutage(dev, "bgp", "default", nbr(0, 1), lostFrom, s.polls+1, false, 120)
		}
	}
	if tw != nil {
		enc(map[string]any{"type": "end", "time": end, "stop_reason": "stable", "samples": s.polls * s.devices})
		require.NoError(tb, tw.Flush())
		require.NoError(tb, tf.Close())
		ef, err := os.Create(filepath.Join(dir, "monitor", monitor.EventsFile))
		require.NoError(tb, err)
		ew := bufio.NewWriter(ef)
		for _, e := range events {
			b, err := json.Marshal(e)
			require.NoError(tb, err)
			ew.Write(append(b, '\n'))
		}
		require.NoError(tb, ew.Flush())
		require.NoError(tb, ef.Close())
		byKind, bySev := map[string]int{}, map[string]int{}
		var notable []monitor.Event
		for _, e := range events {
			byKind[e.Kind]++
			bySev[e.Severity]++
			if e.Severity != "info" {
				notable = append(notable, e)
			}
		}
		rep.Monitor = &issu.MonitorReport{Start: at(0), End: end, StopReason: "stable", Samples: s.polls * s.devices,
			InstallState: map[string]string{}, EventsByKind: byKind, EventsBySeverity: bySev, Notable: notable}
	} else {
		rep.Verdict.Decision = "INVESTIGATE"
		rep.Verdict.Reasons = append(rep.Verdict.Reasons, issu.Reason{Check: "monitor", Severity: "warning", Effect: "INVESTIGATE", Text: "the monitor and post phases have not run"})
	}
	facts.events = len(events)

	for d := 0; d < s.devices; d++ {
		dev := devName(d)
		dr := issu.DeviceReport{Name: dev, OS: "nxos", PreVersion: "10.2(3)", PostVersion: "10.4(3)",
			PreImage: "bootflash:///nxos64-cs.10.2.3.F.bin", PostImage: "bootflash:///nxos64-cs.10.4.3.F.bin",
			Phases: map[string]map[issu.Status]int{}, Install: "success", Decision: "PROCEED",
			Evidence: map[string]string{"pre": "pre/" + dev}}
		check(issu.Pre, dev, "version", issu.StatusPass, nil)
		check(issu.Pre, dev, "bgp_established", issu.StatusPass, nil)
		check(issu.Pre, dev, "bootflash_space", issu.StatusPass, []issu.Finding{{ID: "bootflash_space", Device: dev, Severity: "info",
			Message: msg("standby bootflash not collected"), Evidence: "pre/" + dev + "/version.txt"}})
		dr.Phases["pre"] = map[issu.Status]int{issu.StatusPass: 3}
		if !s.noMonitor {
			st := issu.StatusPass
			var f []issu.Finding
			if d == 0 && s.rollback {
				st = issu.StatusFail
				f = []issu.Finding{{ID: "bgp_restored", Device: dev, Severity: "critical", Message: msg("BGP neighbor " + nbr(0, 1) + " is active"),
					Evidence: "post/" + dev + "/bgp.json#vrf.default.neighbor." + nbr(0, 1)}}
				dr.Decision = "ROLLBACK"
			}
			check(issu.Post, dev, "bgp_restored", st, f)
			check(issu.MonitorPhase, dev, "mgmt_reachable", issu.StatusPass, nil)
			dr.Phases["post"] = map[issu.Status]int{st: 1}
			dr.Phases["monitor"] = map[issu.Status]int{issu.StatusPass: 1}
		}
		rep.Devices = append(rep.Devices, dr)

		// Evidence files and diffs.
		pd := filepath.Join(dir, "pre", dev)
		require.NoError(tb, os.MkdirAll(pd, 0o755))
		require.NoError(tb, os.WriteFile(filepath.Join(pd, "version.txt"), []byte(msg("NXOS: version 10.2(3)\n")), 0o644))
		if s.noMonitor {
			continue
		}
		post := filepath.Join(dir, "post", dev)
		require.NoError(tb, os.MkdirAll(post, 0o755))
		require.NoError(tb, os.WriteFile(filepath.Join(post, "bgp.json"), []byte("{}\n"), 0o644))
		require.NoError(tb, os.MkdirAll(filepath.Join(dir, "diff"), 0o755))
		dres := diff.Result{Changes: []diff.Change{
			{Label: "version", Path: "platform.software.system_version", Kind: diff.Changed, Old: "10.2(3)", New: "10.4(3)"},
			{Label: "bgp_summary", Path: "vrf.default.neighbor.x", Kind: diff.Added, New: msg("new")},
		}, Excluded: 7}
		b, err := json.Marshal(dres)
		require.NoError(tb, err)
		require.NoError(tb, os.WriteFile(filepath.Join(dir, "diff", dev+".json"), b, 0o644))
		cfg := "--- before\n+++ after\n@@ -1,3 +1,3 @@\n hostname " + dev + "\n-version 10.2(3)\n+version 10.4(3)\n+ description " + msg("uplink") + "\n"
		require.NoError(tb, os.WriteFile(filepath.Join(dir, "diff", dev+".config.diff"), []byte(cfg), 0o644))
		rep.Diffs = append(rep.Diffs, issu.DiffReport{Device: dev, JSON: "diff/" + dev + ".json", ConfigDiff: "diff/" + dev + ".config.diff",
			Changes: 2, Added: 1, Changed: 1, ConfigLines: 3})
	}
	b, err := json.MarshalIndent(rep, "", " ")
	require.NoError(tb, err)
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "report.json"), b, 0o644))
	facts.report = rep
	return facts
}
