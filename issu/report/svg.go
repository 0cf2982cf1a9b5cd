package report

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/monitor"
)

// svgView is the timeline drawing, all geometry computed here so that the
// template only prints escaped values.
type svgView struct {
	Width, Height float64
	PlotX, PlotW  float64
	AxisY         float64
	Ticks         []svgTick
	Lanes         []*svgLane
	Note          string // what was folded, if anything
	Span          string // "14:02:10 → 14:51:33 (49m23s)"
}

type svgTick struct {
	X     float64
	Label string
}

type svgLane struct {
	Y, H    float64
	Label   string
	Title   string
	Device  bool
	Stripe  bool
	Bars    []svgRect
	Texts   []svgText
	Markers []svgRect // point events: crash, core, critical log, switchover
}

type svgRect struct {
	X, Y, W, H float64
	Class      string
	Title      string
}

type svgText struct {
	X, Y   float64
	Text   string
	Class  string
	Anchor string // text-anchor: start or end
}

// durLabel places a duration label inside its bar when it fits, else
// after it, or before it at the right edge of the plot.
func durLabel(x0, w, y float64, label, cls string) svgText {
	need := 6.2*float64(len(label)) + 8
	switch {
	case w >= need:
		return svgText{X: round1(x0 + 4), Y: y, Text: label, Class: "dur in-" + cls, Anchor: "start"}
	case x0+w+need <= svgWidth:
		return svgText{X: round1(x0 + w + 3), Y: y, Text: label, Class: "dur", Anchor: "start"}
	}
	return svgText{X: round1(x0 - 3), Y: y, Text: label, Class: "dur", Anchor: "end"}
}

// maxInstallSteps bounds the install-step ticks drawn per device.
const maxInstallSteps = 40

// laneLimit is MaxLanes; tests lower it to exercise folding on small runs.
var laneLimit = MaxLanes

type outKey struct{ device, kind, vrf, subject string }

// tickSteps are the axis steps tried, smallest first.
var tickSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

func laneLabel(kind, vrf, subject string) string {
	name := map[string]string{laneBGP: "BGP", laneOSPF: "OSPF", lanePrefix: "prefix", laneProbe: "probe"}[kind]
	if name == "" {
		name = kind
	}
	s := name + " " + subject
	if vrf != "" && vrf != "default" {
		s += " vrf " + vrf
	}
	return s
}

// buildTimeline lays out the convergence timeline: a lane per device
// (reachability, install band, switchover and crash markers) and under it a
// lane per BGP neighbor, OSPF adjacency, critical prefix and probe, with the
// outages of report.json drawn over them and labelled with their duration.
func buildTimeline(in *Input) *svgView {
	r := in.Report
	tl := in.Timeline
	if tl == nil {
		tl = &Timeline{}
	}
	start, end := tl.Start, tl.End
	if r.Monitor != nil {
		if start.IsZero() {
			start = r.Monitor.Start
		}
		if end.IsZero() || r.Monitor.End.After(end) {
			end = r.Monitor.End
		}
	}
	for _, o := range r.Outages {
		if start.IsZero() || o.Start.Before(start) {
			start = o.Start
		}
		if o.End != nil && o.End.After(end) {
			end = *o.End
		}
	}
	if start.IsZero() && len(tl.Devices) == 0 && len(r.Outages) == 0 {
		return nil
	}
	if !end.After(start) {
		end = start.Add(time.Second)
	}
	sv := &svgView{Width: svgWidth, PlotX: plotX, PlotW: svgWidth - plotX - plotRight}
	total := end.Sub(start)
	sv.Span = fmt.Sprintf("%s → %s UTC (%s)", fmtClock(start), fmtClock(end), FormatSeconds(total.Seconds()))
	xOf := func(t time.Time) float64 {
		f := float64(t.Sub(start)) / float64(total)
		if f < 0 {
			f = 0
		}
		if f > 1 {
			f = 1
		}
		return round1(sv.PlotX + f*sv.PlotW)
	}

	// Devices: the timeline's, then any that only report.json knows.
	devs := map[string]*DeviceTimeline{}
	var names []string
	for i := range tl.Devices {
		d := &tl.Devices[i]
		devs[d.Name] = d
		names = append(names, d.Name)
	}
	for _, d := range r.Devices {
		if devs[d.Name] == nil {
			devs[d.Name] = &DeviceTimeline{Name: d.Name, OS: d.OS}
			names = append(names, d.Name)
		}
	}
	outs := map[outKey][]issu.ReportOutage{}
	for _, o := range r.Outages {
		k := outKey{o.Device, o.Kind, o.VRF, o.Subject}
		if o.Kind == "mgmt" {
			k = outKey{device: o.Device, kind: "mgmt"}
		} else if devs[o.Device] != nil && !hasLane(devs[o.Device], k) {
			// An outage the timeline has no lane for still gets one.
			devs[o.Device].Lanes = append(devs[o.Device].Lanes, Lane{Kind: o.Kind, VRF: o.VRF, Subject: o.Subject})
		} else if devs[o.Device] == nil {
			devs[o.Device] = &DeviceTimeline{Name: o.Device, Lanes: []Lane{{Kind: o.Kind, VRF: o.VRF, Subject: o.Subject}}}
			names = append(names, o.Device)
		}
		outs[k] = append(outs[k], o)
	}
	sort.Strings(names)
	markers := map[string][]monitor.Event{}
	steps := map[string][]monitor.Event{}
	for _, e := range in.Events {
		switch {
		case e.Kind == monitor.KindSwitchover || markerEvent(e):
			markers[e.Device] = append(markers[e.Device], e)
		case e.Kind == monitor.KindInstallProgress && len(steps[e.Device]) < maxInstallSteps:
			steps[e.Device] = append(steps[e.Device], e)
		}
	}

	nLanes := 0
	for _, n := range names {
		nLanes += 1 + len(devs[n].Lanes)
	}
	// fold 1: lanes with an outage stay, the quiet ones of a device share
	// one lane; fold 2: the lanes with outages share one lane per kind too.
	fold := 0
	if nLanes > laneLimit {
		fold = 1
		n1 := 0
		for _, n := range names {
			n1++
			quiet := 0
			for _, l := range devs[n].Lanes {
				if laneQuiet(l, outs[outKey{n, l.Kind, l.VRF, l.Subject}]) {
					quiet = 1
				} else {
					n1++
				}
			}
			n1 += quiet
		}
		if n1 > laneLimit {
			fold = 2
		}
	}
	switch fold {
	case 1:
		sv.Note = fmt.Sprintf("%d lanes: every lane with an outage is shown; the lanes of a device that stayed up throughout share one lane.", nLanes)
	case 2:
		sv.Note = fmt.Sprintf("%d lanes: per device, the lanes with outages share one lane per kind (union of their outages, how many were down and the longest), the lanes that stayed up share one lane; the outage table lists every outage.", nLanes)
	}

	y := axisH
	for di, n := range names {
		d := devs[n]
		top := y
		dl := &svgLane{Y: y, H: devLaneH, Label: n, Device: true, Stripe: di%2 == 1}
		dl.Title = n
		if d.OS != "" {
			dl.Title += " (" + d.OS + ")"
		}
		for _, s := range d.Install {
			cls := "inst-" + s.State
			if s.State == monitor.InstallNone {
				continue
			}
			dl.Bars = append(dl.Bars, svgRect{X: xOf(s.Start), Y: y + 2, W: width(xOf(s.Start), xOf(s.End)), H: 5, Class: cls,
				Title: fmt.Sprintf("install %s %s → %s", strings.ReplaceAll(s.State, "_", " "), fmtClock(s.Start), fmtClock(s.End))})
		}
		// Install steps as ticks on the install band, the step on hover.
		for _, e := range steps[n] {
			dl.Bars = append(dl.Bars, svgRect{X: round1(xOf(e.Time) - 1), Y: y + 1, W: 2, H: 7, Class: "inst-step",
				Title: fmt.Sprintf("%s %s: %s", fmtClock(e.Time), n, e.Message)})
		}
		for _, s := range d.Reachable {
			t := fmt.Sprintf("%s %s %s → %s", n, map[string]string{StateUp: "reachable", StateDown: "unreachable"}[s.State], fmtClock(s.Start), fmtClock(s.End))
			if s.Info != "" {
				t += ": " + s.Info
			}
			dl.Bars = append(dl.Bars, svgRect{X: xOf(s.Start), Y: y + 9, W: width(xOf(s.Start), xOf(s.End)), H: 12, Class: s.State, Title: t})
		}
		overlay(dl, outs[outKey{device: n, kind: "mgmt"}], xOf, y+9, 12, "management")
		sv.Lanes = append(sv.Lanes, dl)
		y += devLaneH

		var sub []*svgLane
		switch fold {
		case 0:
			for _, l := range d.Lanes {
				sub = append(sub, drawLane(n, l, outs[outKey{n, l.Kind, l.VRF, l.Subject}], xOf))
			}
		default:
			byKind := map[string][]Lane{}
			var kinds []string
			var quiet []Lane
			for _, l := range d.Lanes {
				o := outs[outKey{n, l.Kind, l.VRF, l.Subject}]
				switch {
				case laneQuiet(l, o):
					quiet = append(quiet, l)
				case fold == 1:
					sub = append(sub, drawLane(n, l, o, xOf))
				default:
					if byKind[l.Kind] == nil {
						kinds = append(kinds, l.Kind)
					}
					byKind[l.Kind] = append(byKind[l.Kind], l)
				}
			}
			for _, k := range kinds {
				sub = append(sub, drawFolded(n, byKind[k], outs, xOf))
			}
			if len(quiet) > 0 {
				sub = append(sub, drawFolded(n, quiet, outs, xOf))
			}
		}
		for _, l := range sub {
			l.Y = y
			for i := range l.Bars {
				l.Bars[i].Y += y
			}
			for i := range l.Texts {
				l.Texts[i].Y += y
			}
			l.Stripe = di%2 == 1
			sv.Lanes = append(sv.Lanes, l)
			y += subLaneH
		}
		// Markers span the device's whole group so they line up with
		// the neighbor lanes they explain.
		for _, e := range markers[n] {
			x := xOf(e.Time)
			title := fmt.Sprintf("%s %s %s [%s]: %s", fmtClock(e.Time), n, e.Kind, e.Severity, e.Message)
			if e.Evidence != "" && e.Evidence != e.Message {
				title += "\n" + e.Evidence
			}
			if e.Kind == monitor.KindSwitchover {
				dl.Markers = append(dl.Markers, svgRect{X: x - 1.5, Y: top, W: 3, H: y - top, Class: "mk-sw", Title: title})
				continue
			}
			cls := "mk-crit"
			if e.Kind == monitor.KindLog && e.Severity != monitor.SevCritical && e.Severity != monitor.SevError {
				cls = "mk-log"
			}
			dl.Markers = append(dl.Markers, svgRect{X: x - 5, Y: top + 7, W: 10, H: 10, Class: cls, Title: title})
		}
		y += groupGap
	}
	sv.AxisY = y
	sv.Height = y + bottomAxis
	// Beyond the largest step (a run of weeks, or a damaged timestamp) the
	// step grows with the span so the axis keeps about a dozen labels.
	step := (total/12 + time.Hour - 1).Truncate(time.Hour)
	for _, s := range tickSteps {
		if total/s <= 12 {
			step = s
			break
		}
	}
	for t := start.Truncate(step); !t.After(end) && len(sv.Ticks) < 30; t = t.Add(step) {
		if t.Before(start) {
			continue
		}
		sv.Ticks = append(sv.Ticks, svgTick{X: xOf(t), Label: fmtClock(t)})
	}
	return sv
}

func hasLane(d *DeviceTimeline, k outKey) bool {
	for _, l := range d.Lanes {
		if l.Kind == k.kind && l.VRF == k.vrf && l.Subject == k.subject {
			return true
		}
	}
	return false
}

// laneQuiet reports a lane that was never down and had no outage.
func laneQuiet(l Lane, outs []issu.ReportOutage) bool {
	if len(outs) > 0 {
		return false
	}
	for _, s := range l.Spans {
		if s.State == StateDown {
			return false
		}
	}
	return true
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

func width(x0, x1 float64) float64 {
	w := round1(x1 - x0)
	if w < 1 {
		w = 1 // a change shorter than a pixel stays visible
	}
	return w
}

// drawLane draws one neighbor/prefix/probe lane at y = 0 (moved later).
func drawLane(dev string, l Lane, outs []issu.ReportOutage, xOf func(time.Time) float64) *svgLane {
	sl := &svgLane{H: subLaneH, Label: laneLabel(l.Kind, l.VRF, l.Subject)}
	sl.Title = dev + " " + sl.Label
	for _, s := range l.Spans {
		t := fmt.Sprintf("%s %s %s → %s", sl.Label, s.State, fmtClock(s.Start), fmtClock(s.End))
		if s.Info != "" {
			t += " (" + s.Info + ")"
		}
		sl.Bars = append(sl.Bars, svgRect{X: xOf(s.Start), Y: 3, W: width(xOf(s.Start), xOf(s.End)), H: 10, Class: s.State, Title: t})
	}
	overlay(sl, outs, xOf, 3, 10, sl.Label)
	return sl
}

// overlay draws outages over a lane, labelled with their duration.
func overlay(sl *svgLane, outs []issu.ReportOutage, xOf func(time.Time) float64, y, h float64, what string) {
	for _, o := range outs {
		x0 := xOf(o.Start)
		endX := xOf(o.Start.Add(time.Duration(o.Seconds * float64(time.Second))))
		if o.End != nil {
			endX = xOf(*o.End)
		}
		w := width(x0, endX)
		label := FormatSeconds(o.Seconds)
		if !o.Recovered {
			label += "+ not recovered"
		}
		title := fmt.Sprintf("%s down %s from %s", what, label, fmtClock(o.Start))
		if o.End != nil {
			title += " to " + fmtClock(*o.End)
		}
		if o.Expected {
			title += ", expected (switchover)"
		}
		if o.LimitSeconds > 0 {
			if o.WithinPolicy {
				title += ", within policy " + FormatSeconds(o.LimitSeconds)
			} else {
				title += ", over policy " + FormatSeconds(o.LimitSeconds)
			}
		}
		cls := "out-" + outageClass(o)
		sl.Bars = append(sl.Bars, svgRect{X: x0, Y: y, W: w, H: h, Class: cls, Title: title})
		sl.Texts = append(sl.Texts, durLabel(x0, w, y+h-2, label, outageClass(o)))
	}
}

var plurals = map[string]string{laneBGP: "BGP neighbors", laneOSPF: "OSPF adjacencies", lanePrefix: "prefixes", laneProbe: "probes"}

var shortKinds = map[string]string{laneBGP: "BGP", laneOSPF: "OSPF", lanePrefix: "prefix", laneProbe: "probe"}

// foldedLabel names a group of lanes short enough for the label column:
// "10 BGP neighbors" or, across kinds, "8 BGP, 3 OSPF, 1 prefix".
func foldedLabel(lanes []Lane) string {
	n := map[string]int{}
	var kinds []string
	for _, l := range lanes {
		if n[l.Kind] == 0 {
			kinds = append(kinds, l.Kind)
		}
		n[l.Kind]++
	}
	sort.Slice(kinds, func(i, j int) bool { return kindOrder[kinds[i]] < kindOrder[kinds[j]] })
	if len(kinds) == 1 {
		p := plurals[kinds[0]]
		if p == "" {
			p = kinds[0]
		}
		return fmt.Sprintf("%d %s", n[kinds[0]], p)
	}
	var parts []string
	for _, k := range kinds {
		p := shortKinds[k]
		if p == "" {
			p = k
		}
		parts = append(parts, fmt.Sprintf("%d %s", n[k], p))
	}
	return strings.Join(parts, ", ")
}

// drawFolded draws several lanes as one: their observed period and the
// union of their outages with how many were down and the longest.
func drawFolded(dev string, lanes []Lane, outs map[outKey][]issu.ReportOutage, xOf func(time.Time) float64) *svgLane {
	var subjects []string
	var all []issu.ReportOutage
	for _, l := range lanes {
		subjects = append(subjects, laneLabel(l.Kind, l.VRF, l.Subject))
		all = append(all, outs[outKey{dev, l.Kind, l.VRF, l.Subject}]...)
	}
	sl := &svgLane{H: subLaneH, Label: foldedLabel(lanes)}
	if len(all) == 0 {
		sl.Label += ": all up"
	}
	shown := subjects
	if len(shown) > maxFoldedSubject {
		shown = append(shown[:maxFoldedSubject:maxFoldedSubject], fmt.Sprintf("… %d more", len(subjects)-maxFoldedSubject))
	}
	sl.Title = dev + " " + sl.Label + ": " + strings.Join(shown, ", ")
	// The first lane's spans stand for the group's observed period: the
	// unknown stretches are the device's (unreachable), shared by all.
	for _, s := range lanes[0].Spans {
		state := s.State
		if state == StateDown {
			state = StateUp // downs are drawn from the outages below
		}
		sl.Bars = append(sl.Bars, svgRect{X: xOf(s.Start), Y: 3, W: width(xOf(s.Start), xOf(s.End)), H: 10, Class: state, Title: sl.Title})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Start.Before(all[j].Start) })
	for i := 0; i < len(all); {
		o := all[i]
		end := outEnd(o)
		members := map[string]bool{o.VRF + "|" + o.Subject: true}
		longest := o
		cls := outageClass(o)
		j := i + 1
		for ; j < len(all) && !all[j].Start.After(end); j++ {
			members[all[j].VRF+"|"+all[j].Subject] = true
			if e := outEnd(all[j]); e.After(end) {
				end = e
			}
			if all[j].Seconds > longest.Seconds {
				longest = all[j]
			}
			if c := outageClass(all[j]); c == "bad" || (c == "warn" && cls == "exp") {
				cls = c
			}
		}
		x0 := xOf(o.Start)
		w := width(x0, xOf(end))
		label := fmt.Sprintf("%d down, longest %s", len(members), FormatSeconds(longest.Seconds))
		sl.Bars = append(sl.Bars, svgRect{X: x0, Y: 3, W: w, H: 10, Class: "out-" + cls,
			Title: fmt.Sprintf("%s: %d of %d down from %s to %s, longest %s %s", dev, len(members), len(lanes), fmtClock(o.Start), fmtClock(end), longest.Subject, FormatSeconds(longest.Seconds))})
		sl.Texts = append(sl.Texts, durLabel(x0, w, 11, label, cls))
		i = j
	}
	return sl
}

func outEnd(o issu.ReportOutage) time.Time {
	if o.End != nil {
		return *o.End
	}
	return o.Start.Add(time.Duration(o.Seconds * float64(time.Second)))
}
