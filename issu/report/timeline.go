package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/goissu/goissu/issu/monitor"
)

// Lane kinds: the outage kinds of the monitor (mgmt is the device lane).
const (
	laneBGP    = "bgp"
	laneOSPF   = "ospf"
	lanePrefix = "prefix"
	laneProbe  = "probe"
)

// Span states.
const (
	StateUp      = "up"      // established, full, present, reachable, no loss
	StateDown    = "down"    // anything else
	StateUnknown = "unknown" // not observed (device unreachable, not yet polled)
)

// Span is one period during which a lane stayed in one state.
type Span struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	State string    `json:"state"`          // StateUp, StateDown, StateUnknown or an install state
	Info  string    `json:"info,omitempty"` // what the device said (state word, error, install step)
}

// Lane is the history of one BGP neighbor, OSPF adjacency, critical prefix
// or probe of one device.
type Lane struct {
	Kind    string `json:"kind"` // bgp, ospf, prefix, probe
	VRF     string `json:"vrf,omitempty"`
	Subject string `json:"subject"`
	Spans   []Span `json:"spans"`
}

// DeviceTimeline is one device's history during the monitor phase.
type DeviceTimeline struct {
	Name      string `json:"name"`
	OS        string `json:"os,omitempty"`
	Reachable []Span `json:"reachable"` // management session up/down
	Install   []Span `json:"install"`   // none, in_progress, success, failed
	Lanes     []Lane `json:"lanes"`     // sorted by kind, VRF, subject
}

// Timeline is the monitor phase reduced to state changes: its size grows
// with the number of changes, not with the number of polls, so an hour of
// 5 s polls of 200 devices fits in memory and on a page.
type Timeline struct {
	Start    time.Time        `json:"start"`
	End      time.Time        `json:"end"`
	Interval time.Duration    `json:"interval"`
	Samples  int              `json:"samples"`
	Devices  []DeviceTimeline `json:"devices"`
}

// maxLine bounds one timeline.jsonl line (a sample with many logs).
const maxLine = 64 << 20

// LoadTimeline reads monitor/timeline.jsonl of a run directory and reduces
// it to spans. A missing file gives an empty timeline and no error (the
// monitor phase did not run); a truncated last line (killed run) is ignored.
func LoadTimeline(runDir string) (*Timeline, error) {
	path := filepath.Join(runDir, "monitor", monitor.TimelineFile)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Timeline{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load timeline: %w", err)
	}
	defer f.Close()
	tl, err := ReadTimeline(f)
	if err != nil {
		return nil, fmt.Errorf("load timeline %s: %w", path, err)
	}
	return tl, nil
}

// timelineLine is the union of the record types of timeline.jsonl, with
// only the fields the timeline draws: decoding the per-command statistics,
// logs and notes of every sample would double the load time of a fleet run.
type timelineLine struct {
	Type       string                       `json:"type"`
	Time       time.Time                    `json:"time"`
	Device     string                       `json:"device"`
	OS         string                       `json:"os"`
	Reachable  bool                         `json:"reachable"`
	Error      string                       `json:"error"`
	Install    string                       `json:"install"`
	BGP        map[string]string            `json:"bgp"`
	OSPF       map[string]string            `json:"ospf"`
	Prefixes   map[string]bool              `json:"prefixes"`
	Probes     map[string]monitor.ProbeStat `json:"probes"`
	Devices    []string                     `json:"devices"`
	IntervalMS int64                        `json:"interval_ms"`
}

// ReadTimeline reduces timeline.jsonl records read from r to spans. Lines
// are decoded in parallel (JSON decoding is most of the cost of a fleet
// run) and applied in file order.
func ReadTimeline(r io.Reader) (*Timeline, error) {
	workers := min(runtime.GOMAXPROCS(0), 4)
	work := make(chan *decodeBatch, workers)
	order := make(chan *decodeBatch, 2*workers)
	quit := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				b.decode()
				close(b.done)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(work)
		// Every batch goes to order before work, so the batch the reader
		// waits for has always been handed to a worker.
		send := func(b *decodeBatch) bool {
			select {
			case order <- b:
			case <-quit:
				return false
			}
			select {
			case work <- b:
				return true
			case <-quit:
				return false
			}
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 256<<10), maxLine)
		lineNo := 0
		cur := newBatch(1)
		for sc.Scan() {
			lineNo++
			cur.add(sc.Bytes())
			if len(cur.ends) == batchLines {
				if !send(cur) {
					return
				}
				cur = newBatch(lineNo + 1)
			}
		}
		if err := sc.Err(); err != nil {
			cur.scanErr = fmt.Errorf("line %d: %w", lineNo+1, err)
		}
		send(cur)
	}()
	defer func() {
		close(quit)
		wg.Wait()
	}()

	tb := newTimelineBuilder()
	var pendingErr error
	for b := range order {
		<-b.done
		for i := range b.ends {
			if pendingErr != nil {
				// A bad line followed by more lines is corruption, not truncation.
				return nil, pendingErr
			}
			if b.empty(i) {
				continue
			}
			if b.errs[i] != nil {
				pendingErr = fmt.Errorf("line %d: %w: %v", b.first+i, monitor.ErrCorrupt, b.errs[i])
				continue
			}
			tb.add(&b.recs[i])
		}
		if b.scanErr != nil {
			return nil, b.scanErr
		}
	}
	return tb.finish(), nil
}

// batchLines is the number of lines a decoder takes at a time.
const batchLines = 256

// decodeBatch is consecutive lines of timeline.jsonl, copied into one
// buffer, and their decoded records once done is closed.
type decodeBatch struct {
	first   int // line number of the first line
	buf     []byte
	ends    []int // end offset of each line in buf
	recs    []timelineLine
	errs    []error
	scanErr error // on the last batch: the reader failed
	done    chan struct{}
}

func newBatch(first int) *decodeBatch {
	return &decodeBatch{first: first, done: make(chan struct{})}
}

func (b *decodeBatch) add(line []byte) {
	b.buf = append(b.buf, line...)
	b.ends = append(b.ends, len(b.buf))
}

func (b *decodeBatch) line(i int) []byte {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.buf[start:b.ends[i]]
}

// empty: a blank or whitespace-only line is skipped, as monitor.Load does.
func (b *decodeBatch) empty(i int) bool { return len(bytes.TrimSpace(b.line(i))) == 0 }

func (b *decodeBatch) decode() {
	b.recs = make([]timelineLine, len(b.ends))
	b.errs = make([]error, len(b.ends))
	for i := range b.ends {
		if !b.empty(i) {
			b.errs[i] = json.Unmarshal(b.line(i), &b.recs[i])
		}
	}
}

// laneState is the open span of one lane.
type laneState struct {
	lane  *Lane
	state string
	info  string
	since time.Time
}

type deviceBuilder struct {
	tl      *DeviceTimeline
	reach   laneState
	install laneState
	lanes   map[string]*laneState // kind|vrf|subject
	order   []string
}

type timelineBuilder struct {
	tl      Timeline
	devices map[string]*deviceBuilder
	order   []string
	last    time.Time
}

func newTimelineBuilder() *timelineBuilder {
	return &timelineBuilder{devices: map[string]*deviceBuilder{}}
}

func (b *timelineBuilder) device(name string) *deviceBuilder {
	d, ok := b.devices[name]
	if !ok {
		d = &deviceBuilder{tl: &DeviceTimeline{Name: name}, lanes: map[string]*laneState{}}
		b.devices[name] = d
		b.order = append(b.order, name)
	}
	return d
}

func (b *timelineBuilder) add(rec *timelineLine) {
	if !rec.Time.IsZero() && rec.Time.After(b.last) {
		b.last = rec.Time
	}
	switch rec.Type {
	case "start":
		b.tl.Start = rec.Time
		b.tl.Interval = time.Duration(rec.IntervalMS) * time.Millisecond
		for _, d := range rec.Devices {
			b.device(d)
		}
	case "end":
		b.tl.End = rec.Time
	case "sample":
		if rec.Device == "" || rec.Time.IsZero() {
			return
		}
		if b.tl.Start.IsZero() || rec.Time.Before(b.tl.Start) {
			b.tl.Start = rec.Time
		}
		b.tl.Samples++
		b.device(rec.Device).add(rec)
	}
}

// set moves a lane to state at t, closing the open span when it changes.
// Changes at the same instant replace each other (no zero-length spans).
func (l *laneState) set(spans *[]Span, t time.Time, state, info string) {
	if l.state == state && l.info == info {
		return
	}
	if l.state != "" && t.After(l.since) {
		*spans = append(*spans, Span{Start: l.since, End: t, State: l.state, Info: l.info})
		l.since = t
	}
	if l.state == "" {
		l.since = t
	}
	l.state, l.info = state, info
}

func (l *laneState) close(spans *[]Span, end time.Time) {
	if l.state == "" {
		return
	}
	if end.Before(l.since) {
		end = l.since
	}
	*spans = append(*spans, Span{Start: l.since, End: end, State: l.state, Info: l.info})
	l.state = ""
}

func (d *deviceBuilder) lane(kind, key string) *laneState {
	id := kind + "|" + key
	ls, ok := d.lanes[id]
	if !ok {
		vrf, subj := monitor.SplitKey(key)
		ls = &laneState{lane: &Lane{Kind: kind, VRF: vrf, Subject: subj}}
		d.lanes[id] = ls
		d.order = append(d.order, id)
	}
	return ls
}

func (d *deviceBuilder) add(s *timelineLine) {
	if d.tl.OS == "" {
		d.tl.OS = s.OS
	}
	t := s.Time
	if s.Reachable {
		d.reach.set(&d.tl.Reachable, t, StateUp, "")
	} else {
		d.reach.set(&d.tl.Reachable, t, StateDown, s.Error)
	}
	if s.Install != "" {
		d.install.set(&d.tl.Install, t, s.Install, "")
	}
	if !s.Reachable {
		// Nothing about the neighbors is known while the session is down.
		for _, id := range d.order {
			ls := d.lanes[id]
			ls.set(&ls.lane.Spans, t, StateUnknown, "device unreachable")
		}
		return
	}
	if s.BGP != nil {
		d.observe(laneBGP, t, func(yield func(k, state, info string)) {
			for k, v := range s.BGP {
				yield(k, upIf(v == "established"), v)
			}
		})
	}
	if s.OSPF != nil {
		d.observe(laneOSPF, t, func(yield func(k, state, info string)) {
			for k, v := range s.OSPF {
				yield(k, upIf(v == "full"), v)
			}
		})
	}
	if s.Prefixes != nil {
		d.observe(lanePrefix, t, func(yield func(k, state, info string)) {
			for k, v := range s.Prefixes {
				info := "in RIB"
				if !v {
					info = "missing from RIB"
				}
				yield(k, upIf(v), info)
			}
		})
	}
	if s.Probes != nil {
		d.observe(laneProbe, t, func(yield func(k, state, info string)) {
			for k, v := range s.Probes {
				yield(k, upIf(v.Sent > 0 && v.Received == v.Sent), fmt.Sprintf("%d/%d received, %.0f%% loss", v.Received, v.Sent, v.LossPct))
			}
		})
	}
}

// observe applies one collected map of a kind: listed keys take their state,
// lanes of the kind that the map no longer lists are down ("absent").
func (d *deviceBuilder) observe(kind string, t time.Time, each func(yield func(k, state, info string))) {
	seen := map[string]bool{}
	each(func(k, state, info string) {
		ls := d.lane(kind, k)
		seen[kind+"|"+k] = true
		ls.set(&ls.lane.Spans, t, state, info)
	})
	for _, id := range d.order {
		ls := d.lanes[id]
		if ls.lane.Kind != kind || seen[id] {
			continue
		}
		ls.set(&ls.lane.Spans, t, StateDown, "absent")
	}
}

func upIf(ok bool) string {
	if ok {
		return StateUp
	}
	return StateDown
}

var kindOrder = map[string]int{laneBGP: 0, laneOSPF: 1, lanePrefix: 2, laneProbe: 3}

func (b *timelineBuilder) finish() *Timeline {
	end := b.tl.End
	if end.IsZero() {
		end = b.last
	}
	b.tl.End = end
	for _, name := range b.order {
		d := b.devices[name]
		d.reach.close(&d.tl.Reachable, end)
		d.install.close(&d.tl.Install, end)
		for _, id := range d.order {
			ls := d.lanes[id]
			ls.close(&ls.lane.Spans, end)
			d.tl.Lanes = append(d.tl.Lanes, *ls.lane)
		}
		sort.SliceStable(d.tl.Lanes, func(i, j int) bool {
			a, c := d.tl.Lanes[i], d.tl.Lanes[j]
			if a.Kind != c.Kind {
				return kindOrder[a.Kind] < kindOrder[c.Kind]
			}
			if a.VRF != c.VRF {
				return a.VRF < c.VRF
			}
			return a.Subject < c.Subject
		})
		b.tl.Devices = append(b.tl.Devices, *d.tl)
	}
	sort.SliceStable(b.tl.Devices, func(i, j int) bool { return b.tl.Devices[i].Name < b.tl.Devices[j].Name })
	return &b.tl
}
