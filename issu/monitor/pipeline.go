package monitor

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// outageKind maps an opening/closing event kind to the outage it tracks.
var (
	outageOpen  = map[string]string{KindUnreachable: "mgmt", KindBGPDown: "bgp", KindOSPFDown: "ospf", KindPrefixWithdrawn: "prefix", KindProbeLoss: "probe"}
	outageClose = map[string]string{KindReachable: "mgmt", KindBGPUp: "bgp", KindOSPFUp: "ospf", KindPrefixRestored: "prefix", KindProbeOK: "probe"}
)

// outages pairs opening and closing events into Outages, and stamps the
// closing event with the outage duration.
type outages struct {
	list []Outage
	open map[string]int // key -> index in list
}

func outageKey(dev, kind, subject, vrf string) string {
	return dev + "\x00" + kind + "\x00" + subject + "\x00" + vrf
}

func (o *outages) apply(ev *Event) {
	if o.open == nil {
		o.open = map[string]int{}
	}
	subject := ev.Subject
	if kind, ok := outageOpen[ev.Kind]; ok {
		if kind == "mgmt" {
			subject = ""
		}
		k := outageKey(ev.Device, kind, subject, ev.VRF)
		if _, isOpen := o.open[k]; isOpen {
			return
		}
		o.open[k] = len(o.list)
		o.list = append(o.list, Outage{Device: ev.Device, Kind: kind, Subject: subject, VRF: ev.VRF, Start: ev.Time, Expected: ev.Expected})
		return
	}
	if kind, ok := outageClose[ev.Kind]; ok {
		if kind == "mgmt" {
			subject = ""
		}
		k := outageKey(ev.Device, kind, subject, ev.VRF)
		i, isOpen := o.open[k]
		if !isOpen {
			return
		}
		delete(o.open, k)
		end := ev.Time
		out := &o.list[i]
		out.End, out.Recovered = &end, true
		out.Seconds = end.Sub(out.Start).Seconds()
		ev.OutageSeconds = out.Seconds
		if out.Expected {
			ev.Expected = true
		}
		if !strings.Contains(ev.Message, "outage") {
			ev.Message += fmt.Sprintf(" after %.1fs outage", out.Seconds)
		}
	}
}

// openFor lists the unexpected outage kinds open on a device.
func (o *outages) openFor(dev string) []string {
	var kinds []string
	for _, i := range o.open {
		if out := o.list[i]; out.Device == dev && !out.Expected {
			kinds = append(kinds, out.Kind)
		}
	}
	return kinds
}

// result returns the outages, open ones measured up to end.
func (o *outages) result(end time.Time) []Outage {
	out := make([]Outage, len(o.list))
	copy(out, o.list)
	for i := range out {
		if out[i].End == nil {
			out[i].Seconds = end.Sub(out[i].Start).Seconds()
		}
	}
	return out
}

// escalator raises the severity of an event that repeats Count times within
// Window for the same device, kind and subject.
type escalator struct {
	cfg  Escalation
	seen map[string][]time.Time
}

var escalating = map[string]bool{KindUnreachable: true, KindBGPDown: true, KindOSPFDown: true, KindPrefixWithdrawn: true,
	KindProbeLoss: true, KindProbeSlow: true, KindLog: true, KindCrash: true, KindCore: true, KindCPUSpike: true, KindSwitchover: true}

func raise(sev string) string {
	switch sev {
	case SevInfo:
		return SevWarning
	case SevWarning:
		return SevError
	}
	return SevCritical
}

func (e *escalator) apply(ev *Event) {
	if !escalating[ev.Kind] || ev.Expected {
		return
	}
	if e.seen == nil {
		e.seen = map[string][]time.Time{}
	}
	k := ev.Device + "\x00" + ev.Kind + "\x00" + ev.Subject
	ts := e.seen[k][:0:0]
	for _, t := range e.seen[k] {
		if ev.Time.Sub(t) < e.cfg.Window {
			ts = append(ts, t)
		}
	}
	ts = append(ts, ev.Time)
	e.seen[k] = ts
	if len(ts) >= e.cfg.Count {
		ev.Severity = raise(ev.Severity)
		ev.Message += fmt.Sprintf(" (escalated: %d times within %s)", len(ts), e.cfg.Window)
	}
}

// voter raises an incident when a device shows at least Vote independent
// signals at once: open outages of different kinds, and recent point
// signals (crash, core, CPU spike, failed install, error logs).
type voter struct {
	vote   int
	window time.Duration
	recent map[string]map[string]time.Time // device -> signal -> last seen
	active map[string]bool                 // device currently in incident
}

func pointSignal(ev Event) string {
	switch ev.Kind {
	case KindCrash:
		return "crash"
	case KindCore:
		return "core"
	case KindCPUSpike:
		return "cpu"
	case KindInstallFailed:
		return "install"
	case KindSwitchover:
		if !ev.Expected {
			return "switchover"
		}
	case KindLog:
		if ev.Severity == SevError || ev.Severity == SevCritical {
			return "log"
		}
	}
	return ""
}

// observe records point signals of evs and returns an incident event when
// the number of signals on dev reaches the vote.
func (v *voter) observe(dev string, now time.Time, evs []Event, open []string) *Event {
	if v.recent == nil {
		v.recent, v.active = map[string]map[string]time.Time{}, map[string]bool{}
	}
	for _, ev := range evs {
		if s := pointSignal(ev); s != "" {
			if v.recent[dev] == nil {
				v.recent[dev] = map[string]time.Time{}
			}
			v.recent[dev][s] = ev.Time
		}
	}
	signals := map[string]bool{}
	for _, k := range open {
		signals[k] = true
	}
	for s, t := range v.recent[dev] {
		if now.Sub(t) <= v.window {
			signals[s] = true
		} else {
			delete(v.recent[dev], s)
		}
	}
	if len(signals) < v.vote {
		v.active[dev] = false
		return nil
	}
	if v.active[dev] {
		return nil
	}
	v.active[dev] = true
	names := make([]string, 0, len(signals))
	for s := range signals {
		names = append(names, s)
	}
	sort.Strings(names)
	return &Event{Time: now, Device: dev, Kind: KindIncident, Severity: SevCritical, Subject: strings.Join(names, "+"),
		Message: fmt.Sprintf("incident: %d independent signals (%s)", len(names), strings.Join(names, ", "))}
}

// trackInstall folds the install state a poll extracted into the tracked
// one: iosxe reports "nothing in progress" after a finished ISSU, which is
// a success; a finished install stays finished while the device reports
// nothing.
func trackInstall(tracked, seen string) string {
	switch {
	case seen == "":
		return tracked
	case seen == InstallNone && tracked == InstallInProgress:
		return InstallSuccess
	case seen == InstallNone && (tracked == InstallSuccess || tracked == InstallFailed):
		return tracked
	}
	return seen
}
