// Package checks holds goissu's pre- and post-upgrade checks: small named
// functions over snapshots that return findings with their evidence. Each
// check has a stable id (redundancy_sso), a Go name usable as a test method
// (RedundancySSO), the OSes it applies to and the artifacts it reads, and
// runs per device with an outcome that tells a failure (findings) from
// missing data (error), data goissu cannot judge (blocked: no parser, no
// profile) and a check that does not apply (skipped).
//
// Post-checks are expected-change rules: the version must change to the
// target, uptime must reset, what was up before must be up again, and the
// running-config may change only where the policy expects it.
package checks

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/policy"
)

// Env is what checks run against: the snapshots of both phases (Post may be
// nil for pre-checks), the policy and the target image.
type Env struct {
	Pre, Post *issu.Snapshot
	Policy    *policy.Policy
	// TargetImage overrides the policy's target image when not empty.
	TargetImage string
}

func (e *Env) policy() *policy.Policy {
	if e.Policy == nil {
		e.Policy = policy.Default()
	}
	return e.Policy
}

// image returns the target image for a device running os.
func (e *Env) image(os string) string {
	if e.TargetImage != "" {
		return e.TargetImage
	}
	return e.policy().ImageFor(os)
}

func (e *Env) snapshot(p issu.Phase) *issu.Snapshot {
	if p == issu.Pre {
		return e.Pre
	}
	return e.Post
}

// Check is one named check.
type Check struct {
	ID    string     // stable snake_case id, e.g. redundancy_sso
	Name  string     // Go name for test methods, e.g. RedundancySSO
	Phase issu.Phase // the snapshot it judges
	Doc   string     // one line: what passes
	// needs lists, per OS, the labels the check reads from its phase's
	// snapshot (and from pre too when compare is set). An OS absent from the
	// map is not applicable; a nil map means any OS (raw data only).
	needs   map[string][]string
	compare bool
	fn      func(c *C)
}

// OSes lists the OSes the check applies to (nil: every OS).
func (ch Check) OSes() []string {
	if ch.needs == nil {
		return nil
	}
	out := make([]string, 0, len(ch.needs))
	for k := range ch.needs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Pre returns the pre-checks in run order.
func Pre() []Check {
	return []Check{
		cpuHeadroom, memoryHeadroom, redundancySSO(issu.Pre), supervisorVersions, modulesOK,
		environment, bootflashSpace, imagePresent, bootVariables, installImpact,
		incompatibility, noCores, logsClean, bgpEstablished, ospfFull,
		criticalPrefixes(issu.Pre), runningConfig, issuState,
	}
}

// Post returns the post-checks in run order.
func Post() []Check {
	return []Check{
		versionUpgraded, uptimeReset, redundancySSO(issu.Post), modulesUpgraded,
		bgpRestored, ospfRestored, criticalPrefixes(issu.Post), noNewCores, configDiff,
	}
}

// ByID finds a check of phase by id or Go name.
func ByID(phase issu.Phase, id string) (Check, bool) {
	list := Pre()
	if phase == issu.Post {
		list = Post()
	}
	for _, c := range list {
		if c.ID == id || c.Name == id {
			return c, true
		}
	}
	return Check{}, false
}

// RunAll runs checks on every device (sorted) of the snapshot of the first
// check's phase; post-checks also run on devices only in the pre snapshot,
// so a device that vanished gets error results rather than none. A
// device-level snapshot failure shows as error results with its cause.
func RunAll(env *Env, list []Check) []issu.CheckResult {
	var out []issu.CheckResult
	if len(list) == 0 {
		return nil
	}
	names := map[string]bool{}
	for _, p := range []issu.Phase{list[0].Phase, issu.Pre} {
		if snap := env.snapshot(p); snap != nil && (p == list[0].Phase || list[0].Phase == issu.Post) {
			for _, n := range snap.DeviceNames() {
				names[n] = true
			}
		}
	}
	devs := make([]string, 0, len(names))
	for n := range names {
		devs = append(devs, n)
	}
	sort.Strings(devs)
	for _, dev := range devs {
		for _, ch := range list {
			out = append(out, ch.Run(env, dev))
		}
	}
	return out
}

// Run runs the check on one device.
func (ch Check) Run(env *Env, device string) issu.CheckResult {
	res := issu.CheckResult{Phase: ch.Phase, Check: ch.ID, Device: device}
	done := func(s issu.Status, reason string) issu.CheckResult {
		res.Status, res.Reason = s, reason
		return res
	}
	pol := env.policy()
	if pol.Skipped(ch.ID) {
		return done(issu.StatusSkipped, "skipped by policy (skip_checks)")
	}
	phases := []issu.Phase{ch.Phase}
	if ch.compare {
		phases = []issu.Phase{issu.Pre, issu.Post}
	}
	devs := map[issu.Phase]*issu.DeviceSnapshot{}
	for _, p := range phases {
		snap := env.snapshot(p)
		if snap == nil {
			return done(issu.StatusError, fmt.Sprintf("no %s snapshot", p))
		}
		ds := snap.Devices[device]
		if ds == nil {
			return done(issu.StatusError, fmt.Sprintf("device not in the %s snapshot", p))
		}
		devs[p] = ds
	}
	ds := devs[ch.Phase]
	var labels []string
	if ch.needs != nil {
		var ok bool
		labels, ok = ch.needs[ds.OS]
		if !ok {
			if ds.Generic {
				return done(issu.StatusBlocked, fmt.Sprintf("no command profile or parsers for os %q", ds.OS))
			}
			return done(issu.StatusSkipped, fmt.Sprintf("not applicable to os %s", ds.OS))
		}
	}
	for _, p := range phases {
		for _, l := range labels {
			if s, why := dataStatus(devs[p], p, l); s != "" {
				return done(s, why)
			}
		}
	}
	c := &C{env: env, Device: device, OS: ds.OS, Phase: ch.Phase, id: ch.ID, devs: devs}
	if why := ch.call(c); why != "" {
		return done(issu.StatusError, why)
	}
	res.Findings = c.findings
	switch {
	case c.status != "":
		return done(c.status, c.reason)
	case c.failed():
		return done(issu.StatusFail, "")
	default:
		return done(issu.StatusPass, "")
	}
}

// call runs the check's function. A panic (a check bug on data of a shape
// it did not expect) becomes this device's error result instead of ending
// the checks of every device; why names it.
func (ch Check) call(c *C) (why string) {
	defer func() {
		if r := recover(); r != nil {
			why = fmt.Sprintf("check %s failed on this device's data (a goissu bug, please report it): panic: %v", ch.ID, r)
		}
	}()
	ch.fn(c)
	return ""
}

// dataStatus tells whether a label's data is usable; "" means yes.
func dataStatus(ds *issu.DeviceSnapshot, p issu.Phase, label string) (issu.Status, string) {
	rec, ok := ds.Record(label)
	if !ok {
		if ds.Error != "" {
			return issu.StatusError, fmt.Sprintf("%s %s not collected: %s", p, label, ds.Error)
		}
		return issu.StatusBlocked, fmt.Sprintf("%s %s: not in the command profile of os %s", p, label, ds.OS)
	}
	switch rec.Status {
	case issu.RecordOK, issu.RecordEmpty:
		return "", ""
	case issu.RecordNotParsed, issu.RecordParseError:
		return issu.StatusBlocked, fmt.Sprintf("%s %s (%s): %s", p, label, rec.Command, rec.Note)
	default:
		return issu.StatusError, fmt.Sprintf("%s %s (%s) failed: %s", p, label, rec.Command, rec.Error)
	}
}

// C is a check's view of one device while it runs.
type C struct {
	env      *Env
	Device   string
	OS       string
	Phase    issu.Phase
	id       string
	devs     map[issu.Phase]*issu.DeviceSnapshot
	findings []issu.Finding
	status   issu.Status
	reason   string
}

// data returns the parsed JSON of label in phase p (an empty map for an
// empty output; nil when absent).
func (c *C) data(p issu.Phase, label string) map[string]any {
	ds := c.devs[p]
	if ds == nil {
		return nil
	}
	if m := ds.Parsed(label); m != nil {
		return m
	}
	if rec, ok := ds.Record(label); ok && rec.Status == issu.RecordEmpty {
		return map[string]any{}
	}
	return nil
}

// cur is data in the check's own phase.
func (c *C) cur(label string) map[string]any { return c.data(c.Phase, label) }

// raw returns the raw output of label in phase p.
func (c *C) raw(p issu.Phase, label string) (string, bool) {
	ds := c.devs[p]
	if ds == nil {
		return "", false
	}
	s, ok := ds.Raw[label]
	return s, ok
}

// ev builds an evidence path: <phase>/<device>/<label>.json#key.path.
func (c *C) ev(p issu.Phase, label string, path ...string) string {
	e := filepath.ToSlash(filepath.Join(string(p), c.Device, label+".json"))
	if len(path) > 0 {
		e += "#" + keyPath(path...)
	}
	return e
}

// evRaw builds an evidence path to the raw text, with a quoted line.
func (c *C) evRaw(p issu.Phase, label, line string) string {
	e := filepath.ToSlash(filepath.Join(string(p), c.Device, label+".txt"))
	if line != "" {
		e += ": " + strings.TrimSpace(line)
	}
	return e
}

func (c *C) add(sev, evidence, format string, args ...any) {
	c.findings = append(c.findings, issu.Finding{ID: c.id, Device: c.Device, Severity: sev,
		Message: fmt.Sprintf(format, args...), Evidence: evidence})
}

// fail adds an error finding; warn a warning; info an informational one.
func (c *C) fail(evidence, format string, args ...any) {
	c.add(issu.SevError, evidence, format, args...)
}
func (c *C) warn(evidence, format string, args ...any) {
	c.add(issu.SevWarning, evidence, format, args...)
}
func (c *C) info(evidence, format string, args ...any) {
	c.add(issu.SevInfo, evidence, format, args...)
}

// skip marks the check not applicable; missing marks data missing (error);
// blocked marks data that cannot be judged.
func (c *C) skip(reason string)    { c.status, c.reason = issu.StatusSkipped, reason }
func (c *C) missing(reason string) { c.status, c.reason = issu.StatusError, reason }
func (c *C) blocked(reason string) { c.status, c.reason = issu.StatusBlocked, reason }

func (c *C) failed() bool {
	for _, f := range c.findings {
		if issu.SeverityRank(f.Severity) >= issu.SeverityRank(issu.SevError) {
			return true
		}
	}
	return false
}
