package report

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
)

// Page limits: they keep a fleet-sized run to a page of a few MB. What is
// cut is said on the page, and the full data stays in report.json and the
// evidence files.
const (
	// MaxLanes is the number of timeline lanes above which lanes are folded:
	// first the lanes that stayed up throughout (one summary lane per device
	// and kind), then, if still above, every lane of a device and kind
	// (one lane with the union of their outages).
	MaxLanes         = 400
	maxInfoReasons   = 300
	maxOutageRows    = 1000
	maxDiffChanges   = 150
	maxConfigLines   = 400
	maxValueLen      = 160
	maxFoldedSubject = 12
)

// SVG geometry (user units = CSS px at 1400 wide).
const (
	svgWidth   = 1400.0
	plotX      = 250.0
	plotRight  = 70.0 // room for labels of outages ending at the right edge
	axisH      = 30.0
	devLaneH   = 24.0
	subLaneH   = 16.0
	groupGap   = 6.0
	bottomAxis = 22.0
)

type view struct {
	RunID, Decision, DecisionClass, Gate string
	Testbed, TargetImage, Scenario       string
	Start, End, Generated, Policy        string
	Tool                                 string
	Actionable, Info                     []reasonRow
	InfoMore                             int
	Counts                               []countRow
	Devices                              []*deviceView
	Problem                              []*deviceView // decision other than PROCEED
	DeviceSummary                        string
	DevicesOpen                          bool
	Timeline                             *svgView
	Outages                              []outageRow
	OutagesMore                          int
	Notable                              []eventRow
	RunFiles                             []fileLink
	Rollback                             []rollbackRow
}

type reasonRow struct {
	issu.Reason
	Href string // evidence link when the evidence names a file of the run
}

type countRow struct {
	Phase                               string
	Pass, Fail, Error, Blocked, Skipped int
	Ran                                 bool
}

type rollbackRow struct {
	Device, Note string
	Commands     []string
}

type fileLink struct{ Href, Name string }

type outageRow struct {
	Device, Kind, Subject, VRF, Start, Duration, Limit, Class string
	Recovered, Expected, Within                               bool
}

type eventRow struct {
	Time, Device, Kind, Severity, Message, Subject string
}

type findingRow struct {
	Severity, Message, Evidence, Href string
}

type checkRow struct {
	Check, Status, Reason string
	Findings              []findingRow
}

type phaseView struct {
	Phase    string
	Rows     []checkRow
	Passed   []string
	NotRun   bool
	Counts   string
	Problems int
}

type changeRow struct {
	Label, Path, Kind, Old, New string
}

type cfgLine struct{ Class, Text string }

type deviceView struct {
	Name, OS, PreVersion, PostVersion, PreImage, PostImage, Install string
	Decision, DecisionClass, Anchor                                 string
	Open                                                            bool
	Cells                                                           []string // pre, monitor, post status summaries
	SnapshotErrors                                                  []string
	Phases                                                          []phaseView
	Changes                                                         []changeRow
	ChangesMore                                                     int
	DiffSummary                                                     string
	Config                                                          []cfgLine
	ConfigMore                                                      int
	Files                                                           []fileLink
}

var phases = []string{string(issu.Pre), string(issu.MonitorPhase), string(issu.Post)}

func decisionClass(d string) string {
	switch d {
	case "PROCEED":
		return "ok"
	case "ROLLBACK":
		return "bad"
	case "":
		return "none"
	}
	return "warn"
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

func fmtClock(t time.Time) string { return t.UTC().Format("15:04:05") }

// FormatSeconds renders an outage duration the way the page labels it:
// "48s", "2.5s", "1m12s", "1h02m".
func FormatSeconds(s float64) string {
	switch {
	case s < 0 || math.IsNaN(s) || math.IsInf(s, 0):
		return "?"
	case s < 10 && s != math.Trunc(s):
		return fmt.Sprintf("%.1fs", s)
	case s < 60:
		return fmt.Sprintf("%.0fs", s)
	case s < 3600:
		r := int(math.Round(s))
		return fmt.Sprintf("%dm%02ds", r/60, r%60)
	}
	r := int(math.Round(s / 60))
	return fmt.Sprintf("%dh%02dm", r/60, r%60)
}

func buildView(in *Input) *view {
	r := in.Report
	v := &view{
		RunID:         r.RunID,
		Decision:      r.Verdict.Decision,
		DecisionClass: decisionClass(r.Verdict.Decision),
		Gate:          r.Verdict.Gate,
		Generated:     fmtTime(r.Generated),
		Policy:        r.Policy,
		Testbed:       "—",
		TargetImage:   "—",
	}
	if v.Decision == "" {
		v.Decision = "UNKNOWN"
	}
	if v.Policy == "" {
		v.Policy = "built-in defaults"
	}
	var start, end time.Time
	if ri := r.Run; ri != nil {
		v.Tool = ri.ToolVersion
		start = ri.Started
		if ri.Finished != nil {
			end = *ri.Finished
		}
		if m, ok := ri.Testbed.(map[string]any); ok {
			if n, ok := m["name"].(string); ok && n != "" {
				v.Testbed = n
			}
		}
		if img := ri.Flags["target_image"]; img != "" {
			v.TargetImage = img
		}
		v.Scenario = ri.Flags["scenario"]
		// The phases may run in separate CI jobs after run.json was first
		// written: the run ends with the last phase.
		for _, ts := range ri.Phases {
			if t, err := time.Parse(time.RFC3339, ts); err == nil {
				if start.IsZero() || t.Before(start) {
					start = t
				}
				if t.After(end) {
					end = t
				}
			}
		}
	}
	if m := r.Monitor; m != nil {
		if start.IsZero() || (!m.Start.IsZero() && m.Start.Before(start)) {
			start = m.Start
		}
		if m.End.After(end) {
			end = m.End
		}
	}
	v.Start, v.End = fmtTime(start), fmtTime(end)
	if v.TargetImage == "—" {
		seen := map[string]bool{}
		var imgs []string
		for _, d := range r.Devices {
			if d.PostImage != "" && d.PostImage != d.PreImage && !seen[d.PostImage] {
				seen[d.PostImage] = true
				imgs = append(imgs, d.PostImage)
			}
		}
		sort.Strings(imgs)
		if len(imgs) > 0 {
			v.TargetImage = strings.Join(imgs, ", ") + " (running after the upgrade)"
		}
	}

	files := map[string]bool{}
	for _, fl := range in.Files {
		for _, f := range fl {
			files[f] = true
		}
	}
	for _, rs := range r.Verdict.Reasons {
		row := reasonRow{Reason: rs, Href: evidenceHref(rs.Evidence, files)}
		if rs.Effect == "INFO" {
			if len(v.Info) < maxInfoReasons {
				v.Info = append(v.Info, row)
			} else {
				v.InfoMore++
			}
			continue
		}
		v.Actionable = append(v.Actionable, row)
	}
	for _, ph := range phases {
		c, ok := r.Counts[ph]
		row := countRow{Phase: ph, Ran: ok && len(c) > 0}
		row.Pass, row.Fail, row.Error = c[issu.StatusPass], c[issu.StatusFail], c[issu.StatusError]
		row.Blocked, row.Skipped = c[issu.StatusBlocked], c[issu.StatusSkipped]
		v.Counts = append(v.Counts, row)
	}
	devs := make([]string, 0, len(r.Verdict.Rollback))
	for d := range r.Verdict.Rollback {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	for _, d := range devs {
		v.Rollback = append(v.Rollback, rollbackRow{Device: d, Commands: r.Verdict.Rollback[d], Note: r.Verdict.RollbackNotes[d]})
	}

	for _, f := range in.Files[""] {
		v.RunFiles = append(v.RunFiles, fileLink{Href: f, Name: f})
	}

	for i, o := range r.Outages {
		if i >= maxOutageRows {
			v.OutagesMore = len(r.Outages) - maxOutageRows
			break
		}
		row := outageRow{Device: o.Device, Kind: o.Kind, Subject: o.Subject, VRF: o.VRF, Start: fmtClock(o.Start),
			Duration: FormatSeconds(o.Seconds), Recovered: o.Recovered, Expected: o.Expected, Within: o.WithinPolicy}
		if o.LimitSeconds > 0 {
			row.Limit = FormatSeconds(o.LimitSeconds)
		}
		row.Class = outageClass(o)
		if !o.Recovered {
			row.Duration += "+"
		}
		v.Outages = append(v.Outages, row)
	}
	if r.Monitor != nil {
		for _, e := range r.Monitor.Notable {
			v.Notable = append(v.Notable, eventRow{Time: fmtClock(e.Time), Device: e.Device, Kind: e.Kind, Severity: e.Severity, Message: e.Message, Subject: e.Subject})
		}
	}
	v.Devices = buildDevices(in, files)
	byDecision := map[string]int{}
	for _, d := range v.Devices {
		byDecision[d.Decision]++
		if d.Decision != "PROCEED" {
			v.Problem = append(v.Problem, d)
		}
	}
	var parts []string
	for _, d := range []string{"ROLLBACK", "INVESTIGATE", "PROCEED"} {
		if byDecision[d] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", byDecision[d], d))
			delete(byDecision, d)
		}
	}
	for d, n := range byDecision {
		parts = append(parts, fmt.Sprintf("%d %s", n, orDash(d)))
	}
	v.DeviceSummary = fmt.Sprintf("all %d devices: %s", len(v.Devices), strings.Join(parts, ", "))
	// A lab fits on the screen; a fleet shows its problem devices first.
	v.DevicesOpen = len(v.Devices) <= 30
	if v.DevicesOpen {
		v.Problem = nil
	}
	v.Timeline = buildTimeline(in)
	return v
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func outageClass(o issu.ReportOutage) string {
	switch {
	case !o.Recovered || !o.WithinPolicy:
		return "bad"
	case o.Expected:
		return "exp"
	}
	return "warn"
}

func statusCell(m map[issu.Status]int) string {
	if len(m) == 0 {
		return "not run"
	}
	var parts []string
	for _, s := range []issu.Status{issu.StatusPass, issu.StatusFail, issu.StatusError, issu.StatusBlocked, issu.StatusSkipped} {
		if m[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

// evidenceHref links evidence that names a file of the run
// ("pre/X/bgp.json#vrf.default", "monitor/events.jsonl@T").
func evidenceHref(ev string, files map[string]bool) string {
	p := ev
	if i := strings.IndexAny(p, "#@ "); i >= 0 {
		p = p[:i]
	}
	if files[p] {
		return p
	}
	return ""
}

func buildDevices(in *Input, files map[string]bool) []*deviceView {
	r := in.Report
	checks := map[string]map[string][]issu.CheckResult{} // device -> phase -> results
	for _, c := range r.Checks {
		if checks[c.Device] == nil {
			checks[c.Device] = map[string][]issu.CheckResult{}
		}
		checks[c.Device][string(c.Phase)] = append(checks[c.Device][string(c.Phase)], c)
	}
	var out []*deviceView
	for i, d := range r.Devices {
		dv := &deviceView{Name: d.Name, OS: d.OS, PreVersion: d.PreVersion, PostVersion: d.PostVersion,
			PreImage: d.PreImage, PostImage: d.PostImage, Install: d.Install, Decision: d.Decision,
			DecisionClass: decisionClass(d.Decision), Anchor: fmt.Sprintf("dev-%d", i)}
		dv.Open = d.Decision != "PROCEED" && len(r.Devices) <= 50
		for _, ph := range phases {
			dv.Cells = append(dv.Cells, statusCell(d.Phases[ph]))
		}
		for ph, e := range d.SnapshotErrors {
			dv.SnapshotErrors = append(dv.SnapshotErrors, ph+": "+e)
		}
		sort.Strings(dv.SnapshotErrors)
		for _, ph := range phases {
			pv := phaseView{Phase: ph, Counts: statusCell(d.Phases[ph])}
			res := checks[d.Name][ph]
			pv.NotRun = len(res) == 0
			for _, c := range res {
				if c.Status == issu.StatusPass && len(c.Findings) == 0 {
					pv.Passed = append(pv.Passed, c.Check)
					continue
				}
				if c.Status != issu.StatusPass && c.Status != issu.StatusSkipped {
					pv.Problems++
				}
				row := checkRow{Check: c.Check, Status: string(c.Status), Reason: c.Reason}
				for _, f := range c.Findings {
					row.Findings = append(row.Findings, findingRow{Severity: f.Severity, Message: f.Message, Evidence: f.Evidence, Href: evidenceHref(f.Evidence, files)})
				}
				pv.Rows = append(pv.Rows, row)
			}
			dv.Phases = append(dv.Phases, pv)
		}
		if dr := in.Diffs[d.Name]; dr != nil {
			add, rem, chg := 0, 0, 0
			for _, c := range dr.Changes {
				switch c.Kind {
				case "added":
					add++
				case "removed":
					rem++
				default:
					chg++
				}
				if len(dv.Changes) >= maxDiffChanges {
					dv.ChangesMore++
					continue
				}
				dv.Changes = append(dv.Changes, changeRow{Label: c.Label, Path: c.Path, Kind: c.Kind, Old: valueString(c.Old), New: valueString(c.New)})
			}
			dv.DiffSummary = fmt.Sprintf("%d changed, %d added, %d removed; %d volatile values excluded", chg, add, rem, dr.Excluded)
		}
		if cd := in.ConfigDiffs[d.Name]; cd != "" {
			lines := strings.Split(strings.TrimRight(cd, "\n"), "\n")
			for j, l := range lines {
				if j >= maxConfigLines {
					dv.ConfigMore = len(lines) - maxConfigLines
					break
				}
				dv.Config = append(dv.Config, cfgLine{Class: configClass(l), Text: l})
			}
		}
		for _, f := range in.Files[d.Name] {
			dv.Files = append(dv.Files, fileLink{Href: f, Name: f})
		}
		out = append(out, dv)
	}
	return out
}

func configClass(l string) string {
	switch {
	case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
		return "hdr"
	case strings.HasPrefix(l, "@@"):
		return "hunk"
	case strings.HasPrefix(l, "+"):
		return "add"
	case strings.HasPrefix(l, "-"):
		return "del"
	}
	return ""
}

func valueString(v any) string {
	if v == nil {
		return ""
	}
	var s string
	if str, ok := v.(string); ok {
		s = str
	} else if b, err := json.Marshal(v); err == nil {
		s = string(b)
	} else {
		s = fmt.Sprint(v)
	}
	if len(s) > maxValueLen {
		s = s[:maxValueLen] + "…"
	}
	return s
}

// syslogSev finds a Cisco "%FAC-N-MNEMONIC" severity in a log event.
var syslogSev = regexp.MustCompile(`%?[A-Z][A-Z0-9_]*-([0-7])-[A-Z0-9_]+`)

// markerEvent reports whether an event is drawn as a marker on the device
// lane: crashes, cores, failed installs, incidents, and logs of syslog
// severity 0-2 or of event severity error and above.
func markerEvent(e monitor.Event) bool {
	switch e.Kind {
	case monitor.KindCrash, monitor.KindCore, monitor.KindInstallFailed, monitor.KindIncident:
		return true
	case monitor.KindLog:
		if e.Severity == monitor.SevError || e.Severity == monitor.SevCritical {
			return true
		}
		if m := syslogSev.FindStringSubmatch(e.Subject + " " + e.Message); m != nil {
			return m[1] <= "2"
		}
	}
	return false
}
