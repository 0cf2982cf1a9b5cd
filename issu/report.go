package issu

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/goissu/goissu/issu/diff"
	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
)

// ReportSchemaVersion is report.json's schema_version. Bump it on any
// incompatible change; adding fields is compatible.
const ReportSchemaVersion = 1

// Report is report.json: everything a person or the HTML report needs,
// rebuilt from the run's artifacts alone.
//
// Schema (version 1):
//
//	schema_version        int: 1
//	run_id, generated     the run and when this report was built
//	run                   run.json as written by the suites (may be absent)
//	policy                policy file used ("" = embedded defaults)
//	verdict.decision      PROCEED | ROLLBACK | INVESTIGATE
//	verdict.gate          open | closed | unknown (closed: pre-checks failed, do not upgrade)
//	verdict.reasons[]     {device, check, phase, severity, effect, text, evidence}
//	verdict.rollback      device -> commands (never run by goissu); rollback_notes device -> when
//	devices[]             {name, os, pre_version, post_version, pre_image, post_image,
//	                       phases: phase -> status -> count, snapshot_errors, install, decision, evidence}
//	counts                phase (pre, monitor, post) -> status (pass, fail, error, blocked, skipped) -> count
//	findings_by_severity  severity -> count
//	findings[]            {phase, id, device, severity, message, evidence}
//	checks[]              every check result {phase, check, device, status, findings, reason}
//	monitor               {start, end, stop_reason, samples, install_state,
//	                       events_by_kind, events_by_severity, notable[] (events of warning and above)}
//	outages[]             monitor outages {device, kind, subject, vrf, start, end, seconds, recovered, expected}
//	                      plus limit_seconds and within_policy
//	diffs[]               {device, json, config_diff, changes, added, removed, changed, config_lines}
//
// Evidence paths are relative to the run directory.
type Report struct {
	SchemaVersion      int                       `json:"schema_version"`
	RunID              string                    `json:"run_id"`
	Generated          time.Time                 `json:"generated"`
	Run                *RunInfo                  `json:"run,omitempty"`
	Policy             string                    `json:"policy"`
	Verdict            Verdict                   `json:"verdict"`
	Devices            []DeviceReport            `json:"devices"`
	Counts             map[string]map[Status]int `json:"counts"`
	FindingsBySeverity map[string]int            `json:"findings_by_severity"`
	Findings           []ReportFinding           `json:"findings"`
	Checks             []CheckResult             `json:"checks"`
	Monitor            *MonitorReport            `json:"monitor,omitempty"`
	Outages            []ReportOutage            `json:"outages"`
	Diffs              []DiffReport              `json:"diffs,omitempty"`

	// pending diff artifacts computed by BuildReport, written by Write.
	diffFiles map[string][]byte
}

// DeviceReport is one device across the phases.
type DeviceReport struct {
	Name           string                    `json:"name"`
	OS             string                    `json:"os"`
	PreVersion     string                    `json:"pre_version,omitempty"`
	PostVersion    string                    `json:"post_version,omitempty"`
	PreImage       string                    `json:"pre_image,omitempty"`
	PostImage      string                    `json:"post_image,omitempty"`
	Phases         map[string]map[Status]int `json:"phases"`
	SnapshotErrors map[string]string         `json:"snapshot_errors,omitempty"`
	Install        string                    `json:"install,omitempty"`
	Decision       string                    `json:"decision"`
	Evidence       map[string]string         `json:"evidence,omitempty"` // phase -> directory
}

// ReportFinding is a finding with the phase it came from.
type ReportFinding struct {
	Phase Phase `json:"phase"`
	Finding
}

// MonitorReport summarizes the monitor's run.
type MonitorReport struct {
	Start            time.Time         `json:"start"`
	End              time.Time         `json:"end"`
	StopReason       string            `json:"stop_reason"`
	Samples          int               `json:"samples"`
	InstallState     map[string]string `json:"install_state"`
	EventsByKind     map[string]int    `json:"events_by_kind"`
	EventsBySeverity map[string]int    `json:"events_by_severity"`
	Notable          []monitor.Event   `json:"notable"`
}

// ReportOutage is a monitor outage judged against the policy.
type ReportOutage struct {
	monitor.Outage
	LimitSeconds float64 `json:"limit_seconds"`
	WithinPolicy bool    `json:"within_policy"`
}

// DiffReport points at a device's pre/post diff artifacts.
type DiffReport struct {
	Device      string `json:"device"`
	JSON        string `json:"json,omitempty"`
	ConfigDiff  string `json:"config_diff,omitempty"`
	Changes     int    `json:"changes"`
	Added       int    `json:"added"`
	Removed     int    `json:"removed"`
	Changed     int    `json:"changed"`
	ConfigLines int    `json:"config_lines"`
}

// maxNotable bounds the events copied into report.json.
const maxNotable = 500

// BuildReport rebuilds the report of the run in runDir from its artifacts:
// run.json, pre/ and post/ check results and snapshots, monitor/ and diff/.
// Missing phases are reported as not run. Diffs missing from diff/ are
// computed from the snapshots and written by Write. pol nil judges the run
// by the policy it recorded (PolicyFile), or by the built-in policy if it
// recorded none.
func BuildReport(runDir string, pol *policy.Policy) (*Report, error) {
	run, err := LoadRun(runDir)
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	if pol, err = judgingPolicy(run, pol); err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	in, err := loadDecisionInputs(runDir)
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	r := &Report{
		SchemaVersion:      ReportSchemaVersion,
		RunID:              run.ID,
		Generated:          time.Now().UTC(),
		Policy:             pol.Source,
		Counts:             map[string]map[Status]int{},
		FindingsBySeverity: map[string]int{},
		Findings:           []ReportFinding{},
		Checks:             []CheckResult{},
		Outages:            []ReportOutage{},
		diffFiles:          map[string][]byte{},
	}
	if info, err := run.ReadRunInfo(); err == nil {
		r.Run = info
	}
	r.Verdict = in.decide(pol)

	devs := map[string]*DeviceReport{}
	dev := func(name string) *DeviceReport {
		d := devs[name]
		if d == nil {
			d = &DeviceReport{Name: name, Phases: map[string]map[Status]int{}, Evidence: map[string]string{}}
			devs[name] = d
		}
		return d
	}
	for _, di := range in.devices {
		d := dev(di.Name)
		d.OS, d.PreVersion, d.PostVersion, d.PreImage, d.PostImage = di.OS, di.PreVersion, di.PostVersion, di.PreImage, di.PostImage
	}
	// Monitor-phase check results (monitor/checks.json) are counted and
	// listed; the verdict reads the monitor's own result instead, and the
	// results of users' own monitor checks (custom.*).
	for _, phase := range []Phase{Pre, MonitorPhase, Post} {
		results := in.pre
		switch phase {
		case Post:
			results = in.post
		case MonitorPhase:
			results = in.monChecks
		}
		if results == nil {
			continue
		}
		counts := map[Status]int{}
		for _, s := range Statuses {
			counts[s] = 0
		}
		r.Counts[string(phase)] = counts
		for _, cr := range results {
			counts[cr.Status]++
			if cr.Device != "" { // "": a user's check of the whole run, no device row
				d := dev(cr.Device)
				if d.Phases[string(phase)] == nil {
					d.Phases[string(phase)] = map[Status]int{}
				}
				d.Phases[string(phase)][cr.Status]++
			}
			r.Checks = append(r.Checks, cr)
			for _, f := range cr.Findings {
				r.Findings = append(r.Findings, ReportFinding{Phase: phase, Finding: f})
				r.FindingsBySeverity[f.Severity]++
			}
		}
	}
	// Device-level snapshot failures are findings too.
	for _, phase := range []Phase{Pre, Post} {
		entries, _ := os.ReadDir(filepath.Join(runDir, string(phase)))
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			b, err := os.ReadFile(filepath.Join(runDir, string(phase), e.Name(), "snapshot.json"))
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			var m Manifest
			if err == nil {
				err = json.Unmarshal(b, &m)
			}
			if err != nil { // as LoadSnapshot: the device's snapshot is lost, say so
				m = Manifest{Error: fmt.Sprintf("snapshot unreadable: %s/snapshot.json: %v", e.Name(), err)}
			}
			d := dev(e.Name())
			d.Evidence[string(phase)] = string(phase) + "/" + e.Name() + "/"
			if m.Error != "" {
				if d.SnapshotErrors == nil {
					d.SnapshotErrors = map[string]string{}
				}
				d.SnapshotErrors[string(phase)] = m.Error
				f := Finding{ID: "snapshot", Device: e.Name(), Severity: SevError, Message: m.Error, Evidence: d.Evidence[string(phase)] + "snapshot.json"}
				r.Findings = append(r.Findings, ReportFinding{Phase: phase, Finding: f})
				r.FindingsBySeverity[f.Severity]++
			}
		}
	}
	if in.mon != nil {
		mr := &MonitorReport{Start: in.mon.Start, End: in.mon.End, StopReason: in.mon.StopReason, Samples: in.mon.Samples,
			InstallState: in.mon.InstallState, EventsByKind: map[string]int{}, EventsBySeverity: map[string]int{}, Notable: []monitor.Event{}}
		for _, e := range in.mon.Events {
			mr.EventsByKind[e.Kind]++
			mr.EventsBySeverity[e.Severity]++
			if SeverityRank(e.Severity) >= SeverityRank(SevWarning) && len(mr.Notable) < maxNotable {
				mr.Notable = append(mr.Notable, e)
			}
		}
		for name, st := range in.mon.InstallState {
			dev(name).Install = st
		}
		r.Monitor = mr
		for _, o := range in.mon.Outages {
			limit := pol.OutageLimit(o.Kind, o.Subject)
			r.Outages = append(r.Outages, ReportOutage{Outage: o, LimitSeconds: limit, WithinPolicy: o.Recovered && o.Seconds <= limit})
		}
		sort.SliceStable(r.Outages, func(i, j int) bool {
			if r.Outages[i].Device != r.Outages[j].Device {
				return r.Outages[i].Device < r.Outages[j].Device
			}
			return r.Outages[i].Start.Before(r.Outages[j].Start)
		})
	}
	// Per-device decision: the strongest effect among its reasons.
	for _, d := range devs {
		d.Decision = Proceed
	}
	for _, rs := range r.Verdict.Reasons {
		affected := []*DeviceReport{devs[rs.Device]}
		if rs.Device == "" && IsCustomCheck(rs.Check) {
			// A user's check of the whole run concerns every device.
			affected = affected[:0]
			for _, d := range devs {
				affected = append(affected, d)
			}
		}
		for _, d := range affected {
			switch {
			case d == nil:
			case rs.Effect == Rollback:
				d.Decision = Rollback
			case rs.Effect == Investigate && d.Decision == Proceed:
				d.Decision = Investigate
			}
		}
	}
	if err := r.buildDiffs(runDir, devs); err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	names := make([]string, 0, len(devs))
	for n := range devs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r.Devices = append(r.Devices, *devs[n])
	}
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if SeverityRank(a.Severity) != SeverityRank(b.Severity) {
			return SeverityRank(a.Severity) > SeverityRank(b.Severity)
		}
		return a.Device < b.Device
	})
	return r, nil
}

// buildDiffs reads diff/<device>.json when present, otherwise compares the
// device's pre and post snapshots (when both exist) with issu/diff.
func (r *Report) buildDiffs(runDir string, devs map[string]*DeviceReport) error {
	var pre, post *Snapshot
	loaded := false
	for name := range devs {
		if ValidateName(name) != nil {
			continue
		}
		dr := DiffReport{Device: name}
		jsonPath := filepath.Join(runDir, "diff", name+".json")
		var res diff.Result
		if b, err := os.ReadFile(jsonPath); err == nil {
			if err := json.Unmarshal(b, &res); err != nil {
				return fmt.Errorf("diff/%s.json: %w", name, err)
			}
			dr.JSON = "diff/" + name + ".json"
			if _, err := os.Stat(filepath.Join(runDir, "diff", name+".config.diff")); err == nil {
				dr.ConfigDiff = "diff/" + name + ".config.diff"
			}
		} else {
			if !loaded {
				loaded = true
				pre, _ = LoadSnapshot(filepath.Join(runDir, string(Pre)))
				post, _ = LoadSnapshot(filepath.Join(runDir, string(Post)))
			}
			if pre == nil || post == nil || pre.Devices[name] == nil || post.Devices[name] == nil {
				continue // nothing to diff
			}
			a, b := pre.Devices[name], post.Devices[name]
			res = *diff.Compare(a.AllParsed(), b.AllParsed(), diff.Options{})
			js, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				return fmt.Errorf("diff %s: %w", name, err)
			}
			r.diffFiles[name+".json"] = append(js, '\n')
			dr.JSON = "diff/" + name + ".json"
			unified, lines := diff.Config(a.Raw[LabelRunningConfig], b.Raw[LabelRunningConfig])
			r.diffFiles[name+".config.diff"] = []byte(unified)
			dr.ConfigDiff = "diff/" + name + ".config.diff"
			dr.ConfigLines = len(lines)
		}
		dr.Changes = len(res.Changes)
		for _, c := range res.Changes {
			switch c.Kind {
			case diff.Added:
				dr.Added++
			case diff.Removed:
				dr.Removed++
			case diff.Changed:
				dr.Changed++
			}
		}
		if dr.ConfigLines == 0 && dr.ConfigDiff != "" {
			if b, err := os.ReadFile(filepath.Join(runDir, dr.ConfigDiff)); err == nil {
				dr.ConfigLines = countDiffLines(string(b))
			}
		}
		r.Diffs = append(r.Diffs, dr)
	}
	sort.Slice(r.Diffs, func(i, j int) bool { return r.Diffs[i].Device < r.Diffs[j].Device })
	return nil
}

// countDiffLines counts the changed lines of a unified diff.
func countDiffLines(u string) int {
	n := 0
	for _, l := range strings.Split(u, "\n") {
		if (strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++")) || (strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---")) {
			n++
		}
	}
	return n
}

// Write writes report.json, summary.txt and any diff artifacts computed by
// BuildReport into runDir, each atomically.
func (r *Report) Write(runDir string) error {
	run, err := LoadRun(runDir)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	for name, b := range r.diffFiles {
		if err := run.WriteFile(b, "diff", name); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if err := run.WriteJSON(r, "report.json"); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := run.WriteFile([]byte(r.Summary()), "summary.txt"); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// LoadReport reads report.json back.
func LoadReport(runDir string) (*Report, error) {
	b, err := os.ReadFile(filepath.Join(runDir, "report.json"))
	if err != nil {
		return nil, fmt.Errorf("load report: %w", err)
	}
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("load report: %w", err)
	}
	if r.SchemaVersion != ReportSchemaVersion {
		return nil, fmt.Errorf("load report: %w: schema_version %d, want %d", errSchema, r.SchemaVersion, ReportSchemaVersion)
	}
	return &r, nil
}

var errSchema = errors.New("unsupported report schema")

// statusCell renders pass/fail/error/blocked/skipped counts, or "-".
func statusCell(m map[Status]int) string {
	if m == nil {
		return "-"
	}
	return fmt.Sprintf("%d/%d/%d/%d/%d", m[StatusPass], m[StatusFail], m[StatusError], m[StatusBlocked], m[StatusSkipped])
}

// Summary renders summary.txt: the verdict first, then devices × phases,
// findings by severity, outages, the reasons and the rollback commands.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "goissu run %s: %s (gate %s)\n", r.RunID, r.Verdict.Decision, r.Verdict.Gate)
	if r.Verdict.Gate == GateClosed {
		b.WriteString("PRE-CHECKS FAILED: DO NOT UPGRADE\n")
	}
	b.WriteString("\nDevices (checks pass/fail/error/blocked/skipped)\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tOS\tVERSION PRE -> POST\tPRE\tMONITOR\tPOST\tDECISION")
	for _, d := range r.Devices {
		ver := orDash(d.PreVersion) + " -> " + orDash(d.PostVersion)
		pre, post := statusCell(d.Phases["pre"]), statusCell(d.Phases["post"])
		if e := d.SnapshotErrors["pre"]; e != "" {
			pre += " (snapshot failed)"
		}
		if e := d.SnapshotErrors["post"]; e != "" {
			post += " (snapshot failed)"
		}
		mon := orDash(d.Install)
		if m := d.Phases[string(MonitorPhase)]; m != nil {
			mon += " " + statusCell(m)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", d.Name, orDash(d.OS), ver, pre, mon, post, d.Decision)
	}
	tw.Flush()

	b.WriteString("\nFindings by severity\n")
	if len(r.Findings) == 0 {
		b.WriteString("  none\n")
	}
	for _, sev := range []string{SevCritical, SevError, SevWarning, SevInfo} {
		n := r.FindingsBySeverity[sev]
		if n == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s (%d)\n", sev, n)
		shown := 0
		for _, f := range r.Findings {
			if f.Severity != sev {
				continue
			}
			if shown++; shown > 20 {
				fmt.Fprintf(&b, "    ... %d more in report.json\n", n-20)
				break
			}
			fmt.Fprintf(&b, "    %s %s %s: %s [%s]\n", f.Phase, f.Device, f.ID, f.Message, f.Evidence)
		}
	}

	b.WriteString("\nOutages (monitor)\n")
	if r.Monitor == nil {
		b.WriteString("  monitor not run\n")
	} else if len(r.Outages) == 0 {
		b.WriteString("  none\n")
	} else {
		tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  DEVICE\tKIND\tSUBJECT\tVRF\tSECONDS\tLIMIT\tRECOVERED\tOK")
		for _, o := range r.Outages {
			ok := "yes"
			if !o.WithinPolicy {
				ok = "NO"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%.0f\t%.0f\t%v\t%s\n", o.Device, o.Kind, orDash(o.Subject), orDash(o.VRF), o.Seconds, o.LimitSeconds, o.Recovered, ok)
		}
		tw.Flush()
	}

	fmt.Fprintf(&b, "\nVerdict: %s\n", r.Verdict.Decision)
	for _, rs := range r.Verdict.Reasons {
		if rs.Effect == effectInfo {
			continue
		}
		who := rs.Device
		if who == "" {
			who = "run"
		}
		fmt.Fprintf(&b, "  [%s] %s: %s", rs.Effect, who, rs.Text)
		if rs.Evidence != "" {
			fmt.Fprintf(&b, " [%s]", rs.Evidence)
		}
		b.WriteString("\n")
	}
	if len(r.Verdict.Rollback) > 0 || len(r.Verdict.RollbackNotes) > 0 {
		b.WriteString("\nRollback (recommended; goissu never runs these)\n")
		devs := make([]string, 0, len(r.Verdict.RollbackNotes))
		for d := range r.Verdict.RollbackNotes {
			devs = append(devs, d)
		}
		sort.Strings(devs)
		for _, d := range devs {
			fmt.Fprintf(&b, "  %s: %s\n", d, r.Verdict.RollbackNotes[d])
			for _, c := range r.Verdict.Rollback[d] {
				fmt.Fprintf(&b, "    %s\n", c)
			}
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
