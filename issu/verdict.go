package issu

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
)

// Decisions.
const (
	// Proceed: keep the upgrade; every check passed and the monitor saw
	// nothing beyond policy.
	Proceed = "PROCEED"
	// Rollback: evidence that the upgrade hurt (post-check failed, crash,
	// core, failed install, outage beyond policy or never recovered).
	Rollback = "ROLLBACK"
	// Investigate: no evidence of harm, but goissu cannot vouch for the
	// upgrade (missing or unparsable data, warnings, phases not run, or
	// the pre-check gate closed before any upgrade).
	Investigate = "INVESTIGATE"
)

// Gate states: whether the pre-checks allow the upgrade to start.
const (
	GateOpen    = "open"    // every pre-check passed (warnings allowed)
	GateClosed  = "closed"  // a pre-check failed: do not upgrade
	GateUnknown = "unknown" // no pre-check results
)

// Verdict is the decision with every reason and its evidence.
//
// Rules, in order (documented in report.json's schema too):
//  1. A failed pre-check closes the gate ("pre-check failed: do not
//     upgrade"). When no monitor and no post data exist (the upgrade did
//     not start), the decision is INVESTIGATE with the reason
//     "gate: pre-checks failed: do not upgrade" first: there is nothing to
//     roll back. If the upgrade ran anyway, rules 2-4 apply as well.
//  2. ROLLBACK when any of: a post-check failed; a user's own monitor
//     check (custom.*, in monitor/checks.json) failed; the monitor saw a crash,
//     a core, a failed install or an incident of severity error or above;
//     a critical log line; an outage that never recovered or lasted longer
//     than the policy allows for its kind (mgmt, neighbor, prefix/probe).
//  3. INVESTIGATE when any of: a check ended in error or blocked (data
//     missing or unparsable); a check passed with warnings; the monitor
//     saw warnings (CPU spikes, error-level logs, lower-severity
//     incidents) or an install still in progress; the post phase has not
//     run; the gate is closed.
//  4. PROCEED otherwise.
//
// Rollback lists, per device with a rollback reason, the commands that
// return it to its previous image; goissu never runs them itself.
type Verdict struct {
	Decision string              `json:"decision"`
	Gate     string              `json:"gate"`
	Reasons  []Reason            `json:"reasons"`
	Rollback map[string][]string `json:"rollback,omitempty"`
	// RollbackNotes explains per device when each command applies.
	RollbackNotes map[string]string `json:"rollback_notes,omitempty"`
}

// Reason is one cause of the decision, linked to its evidence.
type Reason struct {
	Device   string `json:"device,omitempty"`
	Check    string `json:"check,omitempty"` // check id, monitor event kind, or "gate"
	Phase    string `json:"phase,omitempty"` // pre, monitor, post
	Severity string `json:"severity"`        // critical: rollback; error/warning: investigate; info: context
	Effect   string `json:"effect"`          // ROLLBACK, INVESTIGATE or INFO: what this reason does to the decision
	Text     string `json:"text"`
	Evidence string `json:"evidence,omitempty"`
}

// Effects of a reason.
const (
	effectRollback    = Rollback
	effectInvestigate = Investigate
	effectInfo        = "INFO"
)

// DeviceInfo is what the verdict needs to know about a device to recommend
// a rollback: its OS and the image it ran before the upgrade.
type DeviceInfo struct {
	Name          string `json:"name"`
	OS            string `json:"os"`
	PreVersion    string `json:"pre_version,omitempty"`
	PreImage      string `json:"pre_image,omitempty"`
	PostVersion   string `json:"post_version,omitempty"`
	PostImage     string `json:"post_image,omitempty"`
	PreSnapshotOK bool   `json:"-"`
}

// Decide applies the verdict rules to the pre-check results, the monitor's
// result and the post-check results. A nil slice or result means the phase
// did not run. devices gives each device's OS and previous image for the
// rollback commands.
func Decide(pre []CheckResult, mon *monitor.Result, post []CheckResult, pol *policy.Policy, devices ...DeviceInfo) Verdict {
	return decide(pre, mon, nil, post, pol, devices...)
}

// decide is Decide with the results of users' own monitor checks
// (custom.*, from monitor/checks.json): the built-in monitor checks are
// judged from the monitor's result, a user's exist only as results.
func decide(pre []CheckResult, mon *monitor.Result, customMon, post []CheckResult, pol *policy.Policy, devices ...DeviceInfo) Verdict {
	if pol == nil {
		pol = policy.Default()
	}
	v := Verdict{Gate: GateUnknown}
	add := func(r Reason) { v.Reasons = append(v.Reasons, r) }
	rollbackDevs := map[string]bool{}

	// 1. Pre-checks: the gate.
	if pre != nil {
		v.Gate = GateOpen
	}
	for _, r := range pre {
		checkReasons(r, "pre", add, func(Reason) { v.Gate = GateClosed })
	}
	// 2. Monitor.
	if mon != nil {
		monitorReasons(mon, pol, add, rollbackDevs)
	}
	for _, r := range customMon {
		checkReasons(r, "monitor", add, func(rr Reason) { rollbackDevs[rr.Device] = true })
	}
	// 3. Post-checks.
	for _, r := range post {
		checkReasons(r, "post", add, func(rr Reason) { rollbackDevs[rr.Device] = true })
	}
	upgraded := mon != nil || post != nil
	if v.Gate == GateClosed {
		g := Reason{Check: "gate", Phase: "pre", Severity: SevError, Effect: effectInvestigate,
			Text: "gate: pre-checks failed: do not upgrade", Evidence: "pre/checks.json"}
		if upgraded {
			g.Text = "gate: pre-checks failed, yet the upgrade ran"
		}
		v.Reasons = append([]Reason{g}, v.Reasons...)
	}
	if pre == nil {
		add(Reason{Check: "pre", Phase: "pre", Severity: SevWarning, Effect: effectInvestigate, Text: "pre-checks not run: no baseline to compare with", Evidence: "pre/checks.json"})
	}
	if post == nil && v.Gate != GateClosed {
		add(Reason{Check: "post", Phase: "post", Severity: SevWarning, Effect: effectInvestigate, Text: "post-checks not run: the outcome of the upgrade is unknown", Evidence: "post/checks.json"})
	}
	// 4. Decision.
	v.Decision = Proceed
	for _, r := range v.Reasons {
		switch r.Effect {
		case effectRollback:
			v.Decision = Rollback
		case effectInvestigate:
			if v.Decision == Proceed {
				v.Decision = Investigate
			}
		}
	}
	if v.Decision == Rollback {
		if rollbackDevs[""] {
			// A user's check of the whole run failed after the upgrade:
			// every device of the run is rolled back.
			delete(rollbackDevs, "")
			for _, d := range devices {
				rollbackDevs[d.Name] = true
			}
		}
		v.Rollback, v.RollbackNotes = rollbackCommands(rollbackDevs, devices)
	}
	sort.SliceStable(v.Reasons, func(i, j int) bool { return effectRank(v.Reasons[i].Effect) > effectRank(v.Reasons[j].Effect) })
	return v
}

func effectRank(e string) int {
	switch e {
	case effectRollback:
		return 2
	case effectInvestigate:
		return 1
	}
	return 0
}

// checkReasons turns one check result into reasons. onFail is called for a
// failed check's reasons (gate or rollback bookkeeping).
func checkReasons(r CheckResult, phase string, add func(Reason), onFail func(Reason)) {
	evidence := func(f Finding) string {
		if f.Evidence != "" {
			return f.Evidence
		}
		return phase + "/checks.json"
	}
	failEffect := effectInvestigate // a failed pre-check closes the gate
	if phase == "post" || phase == "monitor" {
		failEffect = effectRollback
	}
	switch r.Status {
	case StatusFail:
		n := 0
		for _, f := range r.Findings {
			if SeverityRank(f.Severity) < SeverityRank(SevError) {
				continue
			}
			n++
			rr := Reason{Device: r.Device, Check: r.Check, Phase: phase, Severity: sevFor(failEffect), Effect: failEffect,
				Text: phase + "-check " + r.Check + " failed: " + f.Message, Evidence: evidence(f)}
			add(rr)
			onFail(rr)
		}
		if n == 0 {
			rr := Reason{Device: r.Device, Check: r.Check, Phase: phase, Severity: sevFor(failEffect), Effect: failEffect,
				Text: phase + "-check " + r.Check + " failed", Evidence: phase + "/checks.json"}
			add(rr)
			onFail(rr)
		}
	case StatusError, StatusBlocked:
		add(Reason{Device: r.Device, Check: r.Check, Phase: phase, Severity: SevWarning, Effect: effectInvestigate,
			Text: fmt.Sprintf("%s-check %s %s: %s", phase, r.Check, r.Status, r.Reason), Evidence: phase + "/checks.json"})
	case StatusPass:
		for _, f := range r.Findings {
			if f.Severity == SevWarning {
				add(Reason{Device: r.Device, Check: r.Check, Phase: phase, Severity: SevWarning, Effect: effectInvestigate,
					Text: fmt.Sprintf("%s-check %s warning: %s", phase, r.Check, f.Message), Evidence: evidence(f)})
			}
		}
	}
}

func sevFor(effect string) string {
	if effect == effectRollback {
		return SevCritical
	}
	return SevError
}

// monitorReasons applies the monitor rules.
func monitorReasons(mon *monitor.Result, pol *policy.Policy, add func(Reason), rollbackDevs map[string]bool) {
	rb := func(dev, check, text, evidence string) {
		rollbackDevs[dev] = true
		add(Reason{Device: dev, Check: check, Phase: "monitor", Severity: SevCritical, Effect: effectRollback, Text: text, Evidence: evidence})
	}
	inv := func(dev, check, text, evidence string) {
		add(Reason{Device: dev, Check: check, Phase: "monitor", Severity: SevWarning, Effect: effectInvestigate, Text: text, Evidence: evidence})
	}
	ev := func(e monitor.Event) string {
		if e.Evidence != "" {
			return "monitor/events.jsonl: " + e.Evidence
		}
		return "monitor/events.jsonl@" + e.Time.UTC().Format("2006-01-02T15:04:05Z")
	}
	for _, e := range mon.Events {
		rank := SeverityRank(e.Severity)
		switch e.Kind {
		case monitor.KindCrash, monitor.KindCore:
			if rank >= SeverityRank(SevError) {
				rb(e.Device, e.Kind, fmt.Sprintf("monitor: %s on %s: %s", e.Kind, e.Device, e.Message), ev(e))
			} else {
				inv(e.Device, e.Kind, "monitor: "+e.Message, ev(e))
			}
		case monitor.KindInstallFailed:
			rb(e.Device, e.Kind, "monitor: install failed: "+e.Message, ev(e))
		case monitor.KindIncident:
			if rank >= SeverityRank(SevError) {
				rb(e.Device, e.Kind, "monitor: incident: "+e.Message, ev(e))
			} else {
				inv(e.Device, e.Kind, "monitor: incident: "+e.Message, ev(e))
			}
		case monitor.KindLog:
			// Log warnings during an upgrade are expected noise (adjacency
			// flaps are judged by their outages); errors need a look and a
			// critical line is a rollback.
			switch {
			case e.Expected:
			case rank >= SeverityRank(SevCritical):
				rb(e.Device, e.Kind, "monitor: critical log: "+e.Message, ev(e))
			case rank >= SeverityRank(SevError):
				inv(e.Device, e.Kind, "monitor: error log: "+e.Message, ev(e))
			}
		case monitor.KindCPUSpike:
			if !e.Expected {
				inv(e.Device, e.Kind, "monitor: "+e.Message, ev(e))
			}
		}
	}
	for _, o := range mon.Outages {
		limit := pol.OutageLimit(o.Kind, o.Subject)
		what := o.Kind
		if o.Subject != "" {
			what += " " + o.Subject
		}
		if o.VRF != "" {
			what += " (vrf " + o.VRF + ")"
		}
		evidence := fmt.Sprintf("monitor/events.jsonl@%s", o.Start.UTC().Format("2006-01-02T15:04:05Z"))
		check := o.Kind + "_outage"
		switch {
		case !o.Recovered:
			rb(o.Device, check, fmt.Sprintf("monitor: %s down since %s, never recovered (%.0fs)", what, o.Start.UTC().Format("15:04:05"), o.Seconds), evidence)
		case o.Seconds > limit:
			rb(o.Device, check, fmt.Sprintf("monitor: %s outage %.0fs exceeds policy %.0fs", what, o.Seconds, limit), evidence)
		default:
			add(Reason{Device: o.Device, Check: check, Phase: "monitor", Severity: SevInfo, Effect: effectInfo,
				Text: fmt.Sprintf("monitor: %s outage %.0fs within policy %.0fs", what, o.Seconds, limit), Evidence: evidence})
		}
	}
	devs := make([]string, 0, len(mon.InstallState))
	for d := range mon.InstallState {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	for _, d := range devs {
		switch mon.InstallState[d] {
		case monitor.InstallFailed:
			rb(d, "install", "monitor: install ended in failure", "monitor/timeline.jsonl")
		case monitor.InstallInProgress:
			inv(d, "install", "monitor: install still in progress when the monitor stopped ("+mon.StopReason+")", "monitor/timeline.jsonl")
		}
	}
}

// rollbackCommands returns the per-OS commands that return each device to
// its previous image.
func rollbackCommands(devs map[string]bool, infos []DeviceInfo) (map[string][]string, map[string]string) {
	byName := map[string]DeviceInfo{}
	for _, d := range infos {
		byName[d.Name] = d
	}
	cmds, notes := map[string][]string{}, map[string]string{}
	for dev := range devs {
		if dev == "" {
			continue
		}
		info := byName[dev]
		switch strings.ToLower(info.OS) {
		case "nxos":
			img := ImageFileName(info.PreImage)
			if img == "" {
				img = "<previous image>"
				notes[dev] = "previous image unknown (no pre show version): fill it in"
			}
			cmds[dev] = []string{"install all nxos bootflash:" + img}
			if notes[dev] == "" {
				notes[dev] = "reinstall the pre-upgrade image with ISSU; confirm with show install all impact first"
			}
		case "iosxe":
			cmds[dev] = []string{"install abort issu", "install rollback to committed"}
			notes[dev] = "before install commit (rollback timer running): install abort issu; after the commit: install rollback to committed"
		case "iosxr":
			cmds[dev] = []string{"install rollback to committed"}
			notes[dev] = "returns to the last committed software set"
		default:
			notes[dev] = fmt.Sprintf("no rollback procedure known for os %q", info.OS)
		}
	}
	return cmds, notes
}

// DecideRun decides from what is on disk in runDir: pre/checks.json,
// monitor/ (monitor.Load), post/checks.json, and each device's pre and post
// show version for the rollback image. pol nil judges by the policy the
// run recorded (PolicyFile), or the built-in one if it recorded none.
func DecideRun(runDir string, pol *policy.Policy) (Verdict, error) {
	run, err := LoadRun(runDir)
	if err != nil {
		return Verdict{}, fmt.Errorf("decide: %w", err)
	}
	if pol, err = judgingPolicy(run, pol); err != nil {
		return Verdict{}, fmt.Errorf("decide: %w", err)
	}
	in, err := loadDecisionInputs(runDir)
	if err != nil {
		return Verdict{}, err
	}
	return in.decide(pol), nil
}

type decisionInputs struct {
	pre, post []CheckResult
	monChecks []CheckResult // monitor/checks.json
	customMon []CheckResult // the users' own among them
	mon       *monitor.Result
	devices   []DeviceInfo
}

func (in *decisionInputs) decide(pol *policy.Policy) Verdict {
	return decide(in.pre, in.mon, in.customMon, in.post, pol, in.devices...)
}

func loadDecisionInputs(runDir string) (*decisionInputs, error) {
	if _, err := os.Stat(runDir); err != nil {
		return nil, fmt.Errorf("decide: %w", err)
	}
	in := &decisionInputs{}
	var err error
	if in.pre, err = LoadCheckResults(runDir, Pre); err != nil && !errors.Is(err, ErrNoResults) {
		return nil, fmt.Errorf("decide: %w", err)
	}
	if in.post, err = LoadCheckResults(runDir, Post); err != nil && !errors.Is(err, ErrNoResults) {
		return nil, fmt.Errorf("decide: %w", err)
	}
	monDir := filepath.Join(runDir, "monitor")
	if _, err := os.Stat(filepath.Join(monDir, monitor.TimelineFile)); err == nil {
		if in.mon, err = monitor.Load(monDir); err != nil {
			return nil, fmt.Errorf("decide: %w", err)
		}
	}
	in.devices = loadDeviceInfo(runDir)
	if in.monChecks, err = LoadCheckResults(runDir, MonitorPhase); err != nil && !errors.Is(err, ErrNoResults) {
		return nil, fmt.Errorf("decide: %w", err)
	}
	for _, r := range in.monChecks {
		if IsCustomCheck(r.Check) {
			in.customMon = append(in.customMon, r)
		}
	}
	return in, nil
}

// loadDeviceInfo reads each device's OS and version from the manifests and
// parsed show version of pre and post, without loading whole snapshots.
func loadDeviceInfo(runDir string) []DeviceInfo {
	byName := map[string]*DeviceInfo{}
	for _, phase := range []Phase{Pre, Post} {
		entries, _ := os.ReadDir(filepath.Join(runDir, string(phase)))
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			dir := filepath.Join(runDir, string(phase), e.Name())
			b, err := os.ReadFile(filepath.Join(dir, "snapshot.json"))
			if err != nil {
				continue
			}
			var m Manifest
			if json.Unmarshal(b, &m) != nil {
				continue
			}
			name := e.Name()
			if m.Device != "" && m.Device != name {
				continue // as LoadSnapshot: a copied N1.bak/ is neither N1 nor a device
			}
			d := byName[name]
			if d == nil {
				d = &DeviceInfo{Name: name, OS: m.OS}
				byName[name] = d
			}
			var ver map[string]any
			for _, rec := range m.Commands {
				if rec.Label == LabelVersion && rec.Parsed != "" && ValidateName(rec.Parsed) == nil {
					if vb, err := os.ReadFile(filepath.Join(dir, rec.Parsed)); err == nil {
						_ = json.Unmarshal(vb, &ver)
					}
				}
			}
			v, img := RunningVersion(m.OS, ver)
			if phase == Pre {
				d.PreVersion, d.PreImage, d.PreSnapshotOK = v, img, m.Error == ""
			} else {
				d.PostVersion, d.PostImage = v, img
			}
		}
	}
	out := make([]DeviceInfo, 0, len(byName))
	for _, d := range byName {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
