package monitor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// ErrNoTargets is returned by Run when there is nothing to monitor.
var ErrNoTargets = errors.New("monitor: no targets")

// devState is the coordinator's view of one device.
type devState struct {
	last       Sample // last known state (merged samples)
	installRan bool   // an install was seen in progress
	quiet      int    // consecutive samples reachable and without events
	sampled    bool
}

// cycleStat counts one poll cycle for its progress line.
type cycleStat struct {
	n                    int
	t                    time.Time
	dispatched, received int
	skipped              int
	finalized            bool
}

// runner is the coordinator of one Run: it owns every piece of state but
// the pollers' own, and runs on the caller's goroutine.
type runner struct {
	cfg     Config
	dets    []Detector
	pollers []*poller
	st      *store
	state   map[string]*devState
	out     outages
	esc     escalator
	vote    voter
	res     Result
	cur     *cycleStat
	printed int // events already counted in a progress line
	werr    error
}

// Run polls targets until MaxDuration passes, every install is done and the
// network has been stable for StablePolls polls, or ctx is cancelled,
// whichever comes first. Samples and events are written to cfg.Dir as they
// happen. The error reports a bad configuration or a failure to write the
// files; the Result is returned whenever the run took place.
func Run(ctx context.Context, targets []Target, cfg Config) (*Result, error) {
	if len(targets) == 0 {
		return nil, ErrNoTargets
	}
	cfg = cfg.withDefaults()
	dets, err := Detectors(cfg)
	if err != nil {
		return nil, err
	}
	r := &runner{cfg: cfg, dets: dets, state: map[string]*devState{}, esc: escalator{cfg: cfg.Escalate},
		vote: voter{vote: cfg.Vote, window: cfg.VoteWindow}}
	names := make([]string, 0, len(targets))
	for _, t := range targets {
		if _, dup := r.state[t.Name()]; dup {
			return nil, fmt.Errorf("monitor: device %s listed twice", t.Name())
		}
		p, err := newPoller(t, &r.cfg)
		if err != nil {
			return nil, fmt.Errorf("monitor: %w", err)
		}
		r.pollers = append(r.pollers, p)
		r.state[t.Name()] = &devState{}
		names = append(names, t.Name())
	}
	if r.st, err = openStore(cfg.Dir); err != nil {
		return nil, err
	}
	defer r.st.close()

	r.res.Start = r.now()
	r.res.InstallState = map[string]string{}
	r.write(r.st.tl, startRecord{Type: "start", Time: r.res.Start, Devices: names, IntervalMS: cfg.Interval.Milliseconds()})

	runCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	samples := make(chan Sample, len(targets))
	sem := make(chan struct{}, cfg.Concurrency)
	for _, p := range r.pollers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.loop(runCtx, sem, samples, &wg)
		}()
	}

	reason := r.loop(ctx, samples)

	cancel()
	for _, p := range r.pollers {
		close(p.trigger)
	}
	wg.Wait()

	r.res.End = r.now()
	r.res.StopReason = reason
	if cfg.Progress != nil {
		_, _ = fmt.Fprintf(cfg.Progress, "monitor stopped: %s after %d polls, %d samples, %d events, %d open outages\n",
			reason, r.cur.n, r.res.Samples, len(r.res.Events), len(r.out.open))
	}
	r.write(r.st.tl, endRecord{Type: "end", Time: r.res.End, StopReason: reason, Samples: r.res.Samples})
	r.res.Outages = r.out.result(r.res.End)
	for name, ds := range r.state {
		r.res.InstallState[name] = orNone(ds.last.Install)
	}
	if r.werr != nil {
		return &r.res, fmt.Errorf("monitor: write results: %w", r.werr)
	}
	return &r.res, nil
}

func orNone(s string) string {
	if s == "" {
		return InstallNone
	}
	return s
}

func (r *runner) now() time.Time { return r.cfg.Clock().Round(0).UTC() }

// loop is the coordinator: it dispatches poll cycles on the ticker and
// handles samples as they arrive. It returns the stop reason.
func (r *runner) loop(ctx context.Context, samples <-chan Sample) string {
	tick := time.NewTicker(r.cfg.Interval)
	defer tick.Stop()
	var maxC <-chan time.Time
	if r.cfg.MaxDuration > 0 {
		t := time.NewTimer(r.cfg.MaxDuration)
		defer t.Stop()
		maxC = t.C
	}
	r.dispatch(1)
	for {
		select {
		case <-ctx.Done():
			return StopCancelled
		case <-maxC:
			return StopMaxDuration
		case <-tick.C:
			r.finalize()
			r.dispatch(r.cur.n + 1)
		case s := <-samples:
			r.handle(s)
			if c := r.cur; !c.finalized && c.received >= c.dispatched {
				r.finalize()
			}
			if r.stable() {
				r.finalize()
				return StopStable
			}
		}
	}
}

// dispatch starts poll cycle n on every idle device; a device still busy
// with the previous cycle skips this one, so slow polls never pile up.
func (r *runner) dispatch(n int) {
	c := &cycleStat{n: n, t: r.now()}
	r.cur = c
	for _, p := range r.pollers {
		if !p.busy.CompareAndSwap(false, true) {
			c.skipped++
			continue
		}
		c.dispatched++
		p.trigger <- cycle{n: n, t: c.t}
	}
}

// finalize closes the current cycle with its progress line. Samples that
// arrive after it still count for detection and stability.
func (r *runner) finalize() {
	c := r.cur
	if c == nil || c.finalized {
		return
	}
	c.finalized = true
	r.progress(c)
}

// quietPolls is the smallest number of consecutive quiet samples (reachable,
// no events) over all devices: stability is judged per device, so devices
// slower than the interval are not held against the others.
func (r *runner) quietPolls() int {
	q := -1
	for _, ds := range r.state {
		if q < 0 || ds.quiet < q {
			q = ds.quiet
		}
	}
	return max(q, 0)
}

// stable reports the stop condition: every device quiet for StablePolls
// samples and every install finished.
func (r *runner) stable() bool {
	return r.cfg.StablePolls > 0 && r.quietPolls() >= r.cfg.StablePolls && r.installsFinished()
}

func (r *runner) installsFinished() bool {
	ran := false
	for _, ds := range r.state {
		if ds.last.Install == InstallInProgress {
			return false
		}
		if ds.installRan {
			ran = true
			if ds.last.Install != InstallSuccess && ds.last.Install != InstallFailed {
				return false
			}
		}
	}
	return ran || !r.cfg.RequireInstall
}

func (r *runner) progress(c *cycleStat) {
	if r.cfg.Progress == nil {
		return
	}
	var up, seen int
	var down []string
	for name, ds := range r.state {
		if !ds.sampled {
			continue
		}
		seen++
		if ds.last.Reachable {
			up++
		} else {
			down = append(down, name)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "monitor poll %d %s: %d/%d up", c.n, c.t.Format("15:04:05"), up, len(r.pollers))
	if n := len(down); n > 0 {
		sort.Strings(down)
		if n > 5 {
			down = append(down[:5:5], "...")
		}
		fmt.Fprintf(&b, ", %d down [%s]", n, strings.Join(down, " "))
	}
	if n := len(r.pollers) - seen; n > 0 {
		fmt.Fprintf(&b, ", %d not sampled yet", n)
	}
	if c.skipped > 0 {
		fmt.Fprintf(&b, ", %d still busy", c.skipped)
	}
	fmt.Fprintf(&b, ", %d open outages, %d events (+%d)", len(r.out.open), len(r.res.Events), len(r.res.Events)-r.printed)
	r.printed = len(r.res.Events)
	if q := r.quietPolls(); q > 0 && r.cfg.StablePolls > 0 {
		fmt.Fprintf(&b, ", stable %d/%d", min(q, r.cfg.StablePolls), r.cfg.StablePolls)
	}
	b.WriteByte('\n')
	_, _ = io.WriteString(r.cfg.Progress, b.String())
}

// handle runs the detectors on one sample and records what they found.
func (r *runner) handle(s Sample) {
	ds := r.state[s.Device]
	if ds == nil {
		return
	}
	r.res.Samples++
	if s.Install == "" {
		s.InstallStep = ds.last.InstallStep
	}
	s.Install = trackInstall(ds.last.Install, s.Install)
	if s.Install == InstallInProgress {
		ds.installRan = true
	}
	r.write(r.st.tl, s)

	before := len(r.res.Events)
	var evs []Event
	for _, d := range r.dets {
		for _, ev := range d(ds.last, s) {
			ev.Time, ev.Device = s.Time, s.Device
			evs = append(evs, ev)
		}
	}
	for i := range evs {
		r.out.apply(&evs[i])
		r.esc.apply(&evs[i])
		r.emit(evs[i])
	}
	if inc := r.vote.observe(s.Device, s.Time, evs, r.out.openFor(s.Device)); inc != nil {
		inc.Evidence = evidence(s)
		r.emit(*inc)
	}
	ds.last = merge(ds.last, s)
	ds.sampled = true
	if s.Reachable && len(r.res.Events) == before {
		ds.quiet++
	} else {
		ds.quiet = 0
	}
	if c := r.cur; c != nil && c.n == s.Poll {
		c.received++
	}
}

func (r *runner) emit(ev Event) {
	r.res.Events = append(r.res.Events, ev)
	r.write(r.st.ev, ev)
}

func (r *runner) write(f lineWriter, v any) {
	if err := writeLine(f, v); err != nil && r.werr == nil {
		r.werr = err
	}
}

// loop is a device's goroutine: one poll per trigger, bounded by sem.
func (p *poller) loop(ctx context.Context, sem chan struct{}, out chan<- Sample, wg *sync.WaitGroup) {
	reconnect := func(err error) {
		if !p.down.CompareAndSwap(false, true) {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.reconnectLoop(ctx)
		}()
	}
	for c := range p.trigger {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			p.busy.Store(false)
			continue
		}
		s := p.poll(ctx, c, reconnect)
		<-sem
		p.busy.Store(false)
		select {
		case out <- s:
		case <-ctx.Done():
		}
	}
}

// reconnectLoop calls Reconnect with exponential backoff (Interval/4
// doubling up to Interval) until it works or the run ends. The cap keeps
// the measured outage at most one interval longer than the real one.
func (p *poller) reconnectLoop(ctx context.Context) {
	wait := p.cfg.Interval / 4
	maxWait := p.cfg.Interval
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rctx, cancel := context.WithTimeout(ctx, p.cfg.PollTimeout)
		err := p.t.Reconnect(rctx)
		cancel()
		if err == nil {
			p.down.Store(false)
			return
		}
		p.setErr(fmt.Sprintf("reconnect: %v", err))
		if wait *= 2; wait > maxWait {
			wait = maxWait
		}
		t.Reset(wait)
	}
}
