package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goissu/goissu/parsers"
)

// IsDisconnect is the default test for an Execute error that means the
// session is gone: EOF, a closed or failed network connection, a deadline,
// or an error that says "disconnected" (devices.ErrDisconnected reads
// "session disconnected"; the monitor does not import devices so that it
// builds and tests on its own).
func IsDisconnect(err error) bool {
	if err == nil {
		return false
	}
	var ne net.Error
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne):
		return true
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "disconnected") || strings.Contains(msg, "connection reset") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "not connected")
}

type pollKey struct{}

// PollNumber returns the poll cycle (from 1) of a context the monitor
// passes to Target.Execute, or 0. Targets may use it to tag transcripts.
func PollNumber(ctx context.Context) int {
	n, _ := ctx.Value(pollKey{}).(int)
	return n
}

// polledCmd is one command of a poll with what it is for.
type polledCmd struct {
	cmd    string
	kind   cmdKind
	prefix *Prefix // route lookup of one critical prefix
	probe  *Probe
}

type cycle struct {
	n int
	t time.Time
}

// poller polls one device over its persistent session. poll runs on the
// device's goroutine only; down/busy are shared with the coordinator and
// the reconnect goroutine.
type poller struct {
	t       Target
	name    string
	os      string
	cfg     *Config
	cmds    []polledCmd
	trigger chan cycle
	busy    atomic.Bool
	down    atomic.Bool
	mu      sync.Mutex
	lastErr string

	logsPrimed bool
	logSeen    map[uint64]struct{} // hashes: 1000 devices × thousands of lines stay small
	logOrder   []uint64
	noted      map[string]bool
}

// minLogMemory is how many log lines a device remembers for
// de-duplication, at least; it grows to twice the largest window seen so a
// line still in the device's buffer is never forgotten and reported again.
const minLogMemory = 4096

func newPoller(t Target, cfg *Config) (*poller, error) {
	os := strings.ToLower(t.OS())
	base := cfg.Commands[os]
	if base == nil {
		base = DefaultCommands(os)
	}
	if len(base) == 0 && len(cfg.CriticalPrefixes) == 0 && len(cfg.Probes) == 0 {
		return nil, fmt.Errorf("device %s: no polled commands for os %q (set Config.Commands)", t.Name(), t.OS())
	}
	p := &poller{t: t, name: t.Name(), os: os, cfg: cfg, trigger: make(chan cycle, 1),
		logSeen: map[uint64]struct{}{}, noted: map[string]bool{}}
	hasRoute := false
	for _, c := range base {
		k := classify(c)
		hasRoute = hasRoute || k == kindRoute
		p.cmds = append(p.cmds, polledCmd{cmd: c, kind: k})
	}
	if !hasRoute {
		for i := range cfg.CriticalPrefixes {
			pf := &cfg.CriticalPrefixes[i]
			p.cmds = append(p.cmds, polledCmd{cmd: prefixCommand(os, *pf), kind: kindRoute, prefix: pf})
		}
	}
	for i := range cfg.Probes {
		pr := &cfg.Probes[i]
		p.cmds = append(p.cmds, polledCmd{cmd: pingCommand(os, *pr), kind: kindPing, probe: pr})
	}
	return p, nil
}

func (p *poller) setErr(s string) {
	p.mu.Lock()
	p.lastErr = s
	p.mu.Unlock()
}

func (p *poller) getErr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastErr
}

// poll runs one poll cycle on the device.
func (p *poller) poll(ctx context.Context, c cycle, reconnect func(error)) (s Sample) {
	s = Sample{Type: "sample", Time: c.t, Device: p.name, OS: p.os, Poll: c.n}
	// A panic on one device's output (a bug) must not end the monitor of
	// every device mid-upgrade: the poll keeps what it collected (merged
	// with the last known state like any partial poll) and says why.
	current := ""
	defer func() {
		if r := recover(); r != nil {
			p.note(&s, fmt.Sprintf("%s: panic: %v; rest of the poll skipped", current, r))
		}
	}()
	if p.down.Load() {
		s.Error = "reconnecting: " + p.getErr()
		return s
	}
	s.Reachable = true
	pollStart := time.Now()
	pctx, cancel := context.WithTimeout(context.WithValue(ctx, pollKey{}, c.n), p.cfg.PollTimeout)
	defer cancel()
	for _, pc := range p.cmds {
		if pc.probe != nil && (c.n-1)%pc.probe.EveryPolls != 0 {
			continue
		}
		current = pc.cmd
		start := time.Now()
		out, err := p.t.Execute(pctx, pc.cmd)
		st := CommandStat{Command: pc.cmd, Millis: time.Since(start).Milliseconds()}
		if err != nil {
			st.Error = err.Error()
			s.Commands = append(s.Commands, st)
			if ctx.Err() != nil {
				s.Reachable, s.Error = false, "cancelled"
				return s
			}
			if p.cfg.IsDisconnect(err) || pctx.Err() != nil {
				s.Reachable, s.Error = false, fmt.Sprintf("%s: %v", pc.cmd, err)
				p.setErr(s.Error)
				reconnect(err)
				return s
			}
			p.note(&s, fmt.Sprintf("%s: %v", pc.cmd, err))
			continue
		}
		p.apply(&s, pc, out, &st)
		if st.NotParsed || st.Millis >= slowCommand.Milliseconds() {
			s.Commands = append(s.Commands, st) // only what needs explaining: the timeline stays small
		}
	}
	s.PollMillis = time.Since(pollStart).Milliseconds()
	return s
}

// slowCommand is the duration from which a command is listed in the sample
// even when it went well.
const slowCommand = 2 * time.Second

// note adds a note to the sample the first time it is seen on the device.
func (p *poller) note(s *Sample, msg string) {
	if p.noted[msg] {
		return
	}
	p.noted[msg] = true
	s.Notes = append(s.Notes, msg)
}

// parse returns the decoded JSON of a command output, or nil when no parser
// exists or it failed (raw-text fallbacks take over).
func (p *poller) parse(s *Sample, cmd, out string, st *CommandStat) map[string]any {
	res, err := parsers.ParseWithInfo(p.os, cmd, out)
	st.Class = res.Class
	if err != nil {
		if !errors.Is(err, parsers.ErrEmpty) {
			st.NotParsed = true
			if errors.Is(err, parsers.ErrNoParser) {
				p.note(s, fmt.Sprintf("not parsed (no parser): %s; raw-text signals used", cmd))
			} else {
				p.note(s, fmt.Sprintf("not parsed: %v; raw-text signals used", err))
			}
		}
		return nil
	}
	m, err := toMap(res.Parsed)
	if err != nil {
		st.NotParsed = true
		p.note(s, fmt.Sprintf("not parsed: encode %s: %v; raw-text signals used", cmd, err))
		return nil
	}
	return m
}

// toMap is a parser result as decoded JSON. The encoding runs the parser's
// own MarshalJSON methods on device output: a panic in one must cost this
// command's parse, not the monitor of every device mid-upgrade.
func toMap(v any) (m map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("%T: panic: %v", v, r)
		}
	}()
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// apply feeds one command output into the sample.
func (p *poller) apply(s *Sample, pc polledCmd, out string, st *CommandStat) {
	var parsed map[string]any
	if pc.kind != kindOther {
		parsed = p.parse(s, pc.cmd, out, st)
	}
	switch pc.kind {
	case kindRedundancy:
		extractRedundancy(s, parsed, out)
	case kindModule:
		extractModule(s, parsed, out)
	case kindInstall:
		state, step := installVerdict(p.os, parsed, out)
		s.Install = combineInstall(s.Install, state)
		if step != "" {
			s.InstallStep = step
		}
	case kindBGP:
		extractBGP(s, parsed, out)
	case kindOSPF:
		extractOSPF(s, parsed, out)
	case kindRoute:
		if s.Prefixes == nil {
			s.Prefixes = map[string]bool{}
		}
		if pc.prefix != nil {
			s.Prefixes[Key(pc.prefix.VRF, pc.prefix.Prefix)] = prefixPresent(*pc.prefix, parsed, out)
			break
		}
		for _, pf := range p.cfg.CriticalPrefixes {
			s.Prefixes[Key(pf.VRF, pf.Prefix)] = prefixPresent(pf, parsed, out)
		}
	case kindLogging:
		s.Logs = p.newLogs(logLines(parsed, out))
	case kindCores:
		s.Cores = extractCores(out)
	case kindCPU:
		if v, ok := extractCPU(parsed, out); ok {
			s.CPU = &v
		}
	case kindPing:
		if pc.probe == nil {
			break
		}
		if ps, ok := extractPing(parsed, out); ok {
			if s.Probes == nil {
				s.Probes = map[string]ProbeStat{}
			}
			s.Probes[Key(pc.probe.VRF, pc.probe.Destination)] = ps
		} else {
			p.note(s, "probe output not understood: "+pc.cmd)
		}
	}
}

// combineInstall merges the states of several install commands (iosxe has
// two): a running install wins, then a failure, then a success.
func combineInstall(a, b string) string {
	rank := map[string]int{"": 0, InstallNone: 1, InstallSuccess: 2, InstallFailed: 3, InstallInProgress: 4}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// newLogs returns the lines not seen in earlier polls. The first poll is
// the baseline: what was logged before the monitor started is not news.
func (p *poller) newLogs(lines []string) []string {
	var fresh []string
	for _, l := range lines {
		h := fnv.New64a()
		_, _ = h.Write([]byte(l))
		k := h.Sum64()
		if _, ok := p.logSeen[k]; ok {
			continue
		}
		p.logSeen[k] = struct{}{}
		p.logOrder = append(p.logOrder, k)
		if p.logsPrimed {
			fresh = append(fresh, l)
		}
	}
	limit := max(minLogMemory, 2*len(lines))
	if over := len(p.logOrder) - limit; over > 0 {
		for _, k := range p.logOrder[:over] {
			delete(p.logSeen, k)
		}
		p.logOrder = append(p.logOrder[:0], p.logOrder[over:]...)
	}
	p.logsPrimed = true
	return fresh
}
