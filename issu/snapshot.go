package issu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
	"github.com/goissu/goissu/parsers"
)

// Phase names a snapshot: its directory under the run.
type Phase string

// The snapshot phases.
const (
	Pre  Phase = "pre"
	Post Phase = "post"
)

// Validate checks that the phase can name a directory of the run.
func (p Phase) Validate() error {
	if err := ValidateName(string(p)); err != nil {
		return fmt.Errorf("phase: %w", err)
	}
	return nil
}

// Target is a device a snapshot collects from; *devices.Device satisfies it.
// Execute must honour ctx (the per-command timeout is a context deadline).
type Target interface {
	Name() string
	OS() string
	Execute(ctx context.Context, cmd string) (string, error)
}

// connector is implemented by targets that open their session explicitly.
type connector interface {
	Connect(ctx context.Context) error
}

// reconnector is implemented by targets that can reopen a dropped session.
type reconnector interface {
	Reconnect(ctx context.Context) error
}

// SnapshotOptions configures TakeSnapshot. Zero values take the policy's
// (or the default policy's) settings.
type SnapshotOptions struct {
	Run    *Run           // where artifacts go (required)
	Policy *policy.Policy // profiles, template values, fan-out, timeout; nil = defaults
	// Vars overrides the template values taken from the policy.
	Vars           *Vars
	Concurrency    int           // devices collected at once (default policy snapshot.concurrency, 100)
	CommandTimeout time.Duration // per command (default policy snapshot.command_timeout, 60s)
	// GiveUpAfter consecutive transport errors mark the device unreachable
	// and the rest of its commands not run (default 3).
	GiveUpAfter int
}

// Command record statuses in snapshot.json.
const (
	RecordOK         = "ok"          // collected and parsed
	RecordNotParsed  = "not_parsed"  // collected; no parser for this OS/command
	RecordParseError = "parse_error" // collected; the parser failed
	RecordEmpty      = "empty"       // collected; nothing to parse
	RecordError      = "error"       // the command failed or was rejected
	RecordNotRun     = "not_run"     // the device was given up before this command
)

// CommandRecord is one command of a device's snapshot manifest.
type CommandRecord struct {
	Label         string    `json:"label"`
	Command       string    `json:"command"`
	Optional      bool      `json:"optional,omitempty"`
	Status        string    `json:"status"`
	Start         time.Time `json:"start"`
	DurationMS    float64   `json:"duration_ms"`
	Bytes         int       `json:"bytes"`
	Raw           string    `json:"raw,omitempty"`    // file name in the device directory
	Parsed        string    `json:"parsed,omitempty"` // file name of the parsed JSON
	Parser        string    `json:"parser,omitempty"` // os/Class of the parser used
	UnparsedLines int       `json:"unparsed_lines"`
	Note          string    `json:"note,omitempty"`
	Error         string    `json:"error,omitempty"`
}

// Manifest is <phase>/<device>/snapshot.json.
type Manifest struct {
	Device   string          `json:"device"`
	OS       string          `json:"os"`
	Phase    Phase           `json:"phase"`
	Generic  bool            `json:"generic_profile,omitempty"`
	Start    time.Time       `json:"start"`
	End      time.Time       `json:"end"`
	Error    string          `json:"error,omitempty"` // device-level failure
	Note     string          `json:"note,omitempty"`
	Commands []CommandRecord `json:"commands"`
}

// DeviceSnapshot is one device's collected state. Use it through a
// pointer: it holds a lock.
type DeviceSnapshot struct {
	Manifest
	// Raw holds the raw output per label.
	Raw map[string]string `json:"-"`

	mu     sync.Mutex
	parsed map[string]map[string]any // decoded JSON per label
	typed  map[string]any            // parser results of this process (see Parsed)
}

// Parsed returns label's parsed state as the decoded JSON of its artifact
// (Genie key paths: what json.Unmarshal into a map gives), or nil when the
// label's output was not parsed. Do not modify the map: it is shared.
//
// A snapshot taken in this process keeps the parser's typed results and
// decodes a label on first use: a fleet snapshot has tens of thousands of
// results and most checks read a few labels of each device.
func (d *DeviceSnapshot) Parsed(label string) map[string]any {
	d.mu.Lock()
	defer d.mu.Unlock()
	if m, ok := d.parsed[label]; ok {
		return m
	}
	v, ok := d.typed[label]
	if !ok {
		return nil
	}
	m, ok := jsonMap(v)
	if !ok {
		m = nil
	}
	// Remember the answer, nil included: the conversion runs once.
	if d.parsed == nil {
		d.parsed = map[string]map[string]any{}
	}
	d.parsed[label] = m
	return m
}

// AllParsed returns every parsed label's state (see Parsed), keyed by
// label: what a whole-device diff compares.
func (d *DeviceSnapshot) AllParsed() map[string]map[string]any {
	d.mu.Lock()
	labels := make([]string, 0, len(d.typed))
	for l := range d.typed {
		if _, done := d.parsed[l]; !done {
			labels = append(labels, l)
		}
	}
	d.mu.Unlock()
	for _, l := range labels {
		d.Parsed(l)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]map[string]any, len(d.parsed))
	for l, m := range d.parsed {
		if m != nil {
			out[l] = m
		}
	}
	return out
}

// Typed returns the parser's typed result for label (a pointer such as
// *nxos.ShowVersion) when the snapshot was taken in this process, else nil
// (a snapshot loaded from disk has only the JSON); custom checks that
// prefer struct fields to key paths use it. Do not modify it: Parsed
// decodes it.
func (d *DeviceSnapshot) Typed(label string) any {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.typed[label]
}

// SetParsed sets label's parsed state; m nil removes it. Tests and tools
// that build snapshots by hand use it.
func (d *DeviceSnapshot) SetParsed(label string, m map[string]any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.typed, label)
	if m == nil {
		delete(d.parsed, label)
		return
	}
	d.setLocked(label, m)
}

func (d *DeviceSnapshot) setLocked(label string, m map[string]any) {
	if d.parsed == nil {
		d.parsed = map[string]map[string]any{}
	}
	d.parsed[label] = m
}

// setTyped keeps a parser result to decode on first use.
func (d *DeviceSnapshot) setTyped(label string, v any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.typed == nil {
		d.typed = map[string]any{}
	}
	delete(d.parsed, label)
	d.typed[label] = v
}

// Record returns the manifest entry of label.
func (d *DeviceSnapshot) Record(label string) (CommandRecord, bool) {
	for _, c := range d.Commands {
		if c.Label == label {
			return c, true
		}
	}
	return CommandRecord{}, false
}

// Labels lists the labels of the manifest whose label starts with prefix.
func (d *DeviceSnapshot) Labels(prefix string) []string {
	var out []string
	for _, c := range d.Commands {
		if strings.HasPrefix(c.Label, prefix) {
			out = append(out, c.Label)
		}
	}
	return out
}

// Snapshot is every device's state in one phase.
type Snapshot struct {
	Phase   Phase
	Dir     string // <run>/<phase>
	Devices map[string]*DeviceSnapshot
	// Findings are device-level failures (unreachable, invalid name ...).
	Findings []Finding
}

// DeviceNames lists the snapshot's devices, sorted.
func (s *Snapshot) DeviceNames() []string {
	out := make([]string, 0, len(s.Devices))
	for n := range s.Devices {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// TakeSnapshot collects every target's profile concurrently (bounded),
// running each device's commands one after the other on its session, and
// writes <run>/<phase>/<device>/ as it goes. A device that fails is a finding
// in the result and everything already collected is kept; only a missing
// run, a bad phase or duplicate names make it return an error.
//
// While it runs, the garbage collector's GOGC is 400 unless GOGC is set in
// the environment (see snapshotGCPercent): the snapshot's heap is mostly
// results it keeps.
func TakeSnapshot(ctx context.Context, targets []Target, phase Phase, opts SnapshotOptions) (*Snapshot, error) {
	if opts.Run == nil {
		return nil, errors.New("take snapshot: SnapshotOptions.Run is required")
	}
	if err := phase.Validate(); err != nil {
		return nil, fmt.Errorf("take snapshot: %w", err)
	}
	pol := opts.Policy
	if pol == nil {
		pol = policy.Default()
	}
	vars := VarsFromPolicy(pol)
	perOSImage := opts.Vars == nil
	if opts.Vars != nil {
		vars = *opts.Vars
	}
	conc := opts.Concurrency
	if conc <= 0 {
		conc = pol.Snapshot.Concurrency
	}
	if conc <= 0 {
		conc = 100
	}
	timeout := opts.CommandTimeout
	if timeout <= 0 {
		timeout = pol.Snapshot.CommandTimeout
	}
	if timeout <= 0 {
		timeout = time.Minute
	}
	giveUp := opts.GiveUpAfter
	if giveUp <= 0 {
		giveUp = 3
	}
	defer raiseGCPercent()()
	snap := &Snapshot{Phase: phase, Dir: filepath.Join(opts.Run.Dir, string(phase)), Devices: map[string]*DeviceSnapshot{}}
	seen := map[string]bool{}
	var valid []Target
	for _, t := range targets {
		name := t.Name()
		if err := ValidateName(name); err != nil {
			snap.Findings = append(snap.Findings, Finding{ID: "snapshot", Device: name, Severity: SevError,
				Message: fmt.Sprintf("device not collected: %v", err)})
			continue
		}
		if seen[name] {
			return nil, fmt.Errorf("take snapshot: device %q listed twice", name)
		}
		seen[name] = true
		valid = append(valid, t)
	}
	if err := os.MkdirAll(snap.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("take snapshot: %w", err)
	}
	// Artifact writes are bounded apart from the device fan-out: a thousand
	// goroutines creating files at once spend their time contending in the
	// kernel, not writing.
	files := newArtifactSlots(artifactWriters)
	work := make(chan Target)
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	if conc > len(valid) {
		conc = len(valid)
	}
	for i := 0; i < conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				v := vars
				if perOSImage {
					v.Image = pol.ImageFor(t.OS())
				}
				ds, f := collectDevice(ctx, opts.Run, phase, t, pol, v, timeout, giveUp, files)
				mu.Lock()
				snap.Devices[ds.Device] = ds
				snap.Findings = append(snap.Findings, f...)
				mu.Unlock()
			}
		}()
	}
	for _, t := range valid {
		work <- t
	}
	close(work)
	wg.Wait()
	sort.Slice(snap.Findings, func(i, j int) bool { return snap.Findings[i].Device < snap.Findings[j].Device })
	return snap, nil
}

// collectDevice runs one device's profile and writes its artifacts.
func collectDevice(ctx context.Context, run *Run, phase Phase, t Target, pol *policy.Policy, vars Vars, timeout time.Duration, giveUp int, files chan *artifactSlot) (ds *DeviceSnapshot, findings []Finding) {
	name, osName := t.Name(), strings.ToLower(t.OS())
	prof := ProfileFor(osName, pol)
	ds = &DeviceSnapshot{
		Manifest: Manifest{Device: name, OS: osName, Phase: phase, Generic: prof.Generic, Start: time.Now().UTC()},
		Raw:      map[string]string{},
	}
	if prof.Generic {
		ds.Note = fmt.Sprintf("no command profile for os %q: generic commands collected raw, not parsed", osName)
	}
	fail := func(msg string) {
		ds.Error = msg
		findings = append(findings, Finding{ID: "snapshot", Device: name, Severity: SevError, Message: msg,
			Evidence: filepath.ToSlash(filepath.Join(string(phase), name, "snapshot.json"))})
	}
	w := &deviceWriter{run: run, elems: []string{string(phase), name}, files: files}
	// The manifest is written last and synced: once it is on disk, so is
	// what it lists.
	defer func() {
		ds.End = time.Now().UTC()
		if err := w.manifest(ds.Manifest); err != nil {
			findings = append(findings, Finding{ID: "snapshot", Device: name, Severity: SevError, Message: err.Error()})
		}
	}()
	// A panic on one device's output (a bug) must not take the snapshot
	// of every device with it: this device ends with the error, what it
	// collected is kept and the manifest above is still written.
	current := "connect"
	var (
		cmds     []Command
		inFlight *CommandRecord // the command being handled, not yet in ds.Commands
		next     int            // the first command not started
	)
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("snapshot aborted: panic during %q: %v", current, r)
			if inFlight != nil {
				// Its raw output may be on disk already: the manifest
				// lists it, with the panic as its error.
				inFlight.Status = RecordError
				inFlight.Error = joinErr(inFlight.Error, msg)
				ds.Commands = append(ds.Commands, *inFlight)
			}
			for _, c := range cmds[min(next, len(cmds)):] {
				ds.Commands = append(ds.Commands, CommandRecord{Label: c.Label, Command: c.Command, Optional: c.Optional, Status: RecordNotRun, Error: "not run: snapshot aborted"})
			}
			fail(msg)
		}
	}()
	current = "expand the command profile"
	cmds = prof.Expand(vars)
	current = "connect"
	if c, ok := t.(connector); ok {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		err := c.Connect(cctx)
		cancel()
		if err != nil {
			fail(fmt.Sprintf("device unreachable: connect: %v", err))
			for _, c := range cmds {
				ds.Commands = append(ds.Commands, CommandRecord{Label: c.Label, Command: c.Command, Optional: c.Optional, Status: RecordNotRun, Error: "not run: device unreachable"})
			}
			return ds, findings
		}
	}
	consecutive := 0
	for i, c := range cmds {
		if ctx.Err() != nil || consecutive >= giveUp {
			reason := "not run: device unreachable"
			if ctx.Err() != nil {
				reason = "not run: " + ctx.Err().Error()
			}
			for _, c := range cmds[i:] {
				ds.Commands = append(ds.Commands, CommandRecord{Label: c.Label, Command: c.Command, Optional: c.Optional, Status: RecordNotRun, Error: reason})
			}
			if ds.Error == "" {
				fail(fmt.Sprintf("snapshot incomplete: %d of %d commands not run (%s)", len(cmds)-i, len(cmds), strings.TrimPrefix(reason, "not run: ")))
			}
			break
		}
		current, next = c.Command, i+1
		inFlight = &CommandRecord{Label: c.Label, Command: c.Command, Optional: c.Optional, Start: time.Now().UTC()}
		rec, out, transportErr := runCommand(ctx, t, c, timeout)
		inFlight = &rec
		if transportErr {
			consecutive++
			if r, ok := t.(reconnector); ok && ctx.Err() == nil && consecutive < giveUp {
				rctx, cancel := context.WithTimeout(ctx, timeout)
				if r.Reconnect(rctx) == nil {
					rec.Note = "session reconnected after this failure"
				}
				cancel()
			}
		} else {
			consecutive = 0
		}
		if out != "" || rec.Status != RecordError {
			rec.Raw = rec.Label + ".txt"
			if err := w.writeString(out, rec.Raw); err != nil {
				rec.Raw = ""
				rec.Error = joinErr(rec.Error, err.Error())
			}
			ds.Raw[rec.Label] = out
		}
		if rec.Status == RecordOK {
			if typed := parseOutput(&rec, osName, c.Command, out); typed != nil {
				rec.Parsed = rec.Label + ".json"
				encErr, err := w.writeParsed(typed, rec.Parsed)
				switch {
				case encErr != nil:
					rec.Parsed = ""
					rec.Status = RecordParseError
					rec.Note = "not parsed: encode: " + encErr.Error()
				case err != nil:
					rec.Parsed = ""
					rec.Status = RecordError
					rec.Error = joinErr(rec.Error, err.Error())
				default:
					ds.setTyped(rec.Label, typed)
				}
			}
		}
		ds.Commands = append(ds.Commands, rec)
		inFlight = nil
	}
	return ds, findings
}

func joinErr(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// runCommand executes one command under its own timeout. transportErr
// reports a failure of the session (as opposed to the device rejecting the
// command), which counts towards giving the device up.
func runCommand(ctx context.Context, t Target, c Command, timeout time.Duration) (rec CommandRecord, out string, transportErr bool) {
	rec = CommandRecord{Label: c.Label, Command: c.Command, Optional: c.Optional, Start: time.Now().UTC()}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	out, err := t.Execute(cctx, c.Command)
	cancel()
	rec.DurationMS = float64(time.Since(rec.Start).Microseconds()) / 1000
	rec.Bytes = len(out)
	switch {
	case err != nil:
		rec.Status = RecordError
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			rec.Error = fmt.Sprintf("timed out after %s: %v", timeout, err)
		} else {
			rec.Error = err.Error()
		}
		return rec, out, isTransportError(err)
	case rejected(out) != "":
		rec.Status = RecordError
		rec.Error = "device rejected the command: " + rejected(out)
		return rec, out, false
	}
	rec.Status = RecordOK
	return rec, out, false
}

// isTransportError tells a failed session (EOF, reset, timeout, not
// connected) from a device that answered with an error message (a
// rejected command), which says the session is fine.
func isTransportError(err error) bool {
	if monitor.IsDisconnect(err) {
		return true
	}
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"timed out", "timeout", "refused", "unreachable", "no route to host", "handshake"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// rejected returns the device's error line when out is a CLI error message
// ("% Invalid command at '^' marker." and friends) rather than output.
func rejected(out string) string {
	i := 0
	for l := range strings.Lines(strings.TrimSpace(out)) { // no slice of every line
		if i++; i > 4 {
			break
		}
		l = strings.TrimSpace(l)
		for _, p := range []string{"% Invalid", "% Incomplete", "% Ambiguous", "% Unknown command", "Invalid command", "Unknown command"} {
			if strings.HasPrefix(l, p) {
				return l
			}
		}
	}
	return ""
}

// parseOutput parses out, records which parser ran and how well, and
// returns the typed result (nil when there is nothing to write).
func parseOutput(rec *CommandRecord, osName, cmd, out string) any {
	res, err := parsers.ParseWithInfo(osName, cmd, out)
	if res.Class != "" {
		rec.Parser = osName + "/" + res.Class
	}
	rec.UnparsedLines = len(res.Unparsed)
	switch {
	case err == nil && res.Parsed == nil:
		rec.Status = RecordParseError
		rec.Note = "parser returned no result"
	case err == nil:
		return res.Parsed
	case errors.Is(err, parsers.ErrNoParser):
		rec.Status = RecordNotParsed
		rec.Note = fmt.Sprintf("not parsed: no parser for %s %q (raw output kept)", osName, cmd)
	case errors.Is(err, parsers.ErrEmpty):
		rec.Status = RecordEmpty
		rec.Note = "empty output: nothing to parse"
	default:
		rec.Status = RecordParseError
		rec.Note = "not parsed: " + err.Error()
	}
	return nil
}

// ErrNoSnapshot is returned by LoadSnapshot for a directory without devices.
var ErrNoSnapshot = errors.New("no snapshot")

// LoadSnapshot reads a phase directory (results/<run-id>/<phase>) back: each
// device's manifest, raw outputs and parsed JSON.
func LoadSnapshot(dir string) (*Snapshot, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("load snapshot %s: %w", dir, ErrNoSnapshot)
		}
		return nil, fmt.Errorf("load snapshot: %w", err)
	}
	snap := &Snapshot{Phase: Phase(filepath.Base(filepath.Clean(dir))), Dir: dir, Devices: map[string]*DeviceSnapshot{}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		ddir := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(filepath.Join(ddir, "snapshot.json"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		// A damaged file costs its device or its command, not the phase:
		// the checks of every other device still run.
		ds := &DeviceSnapshot{Raw: map[string]string{}}
		if err == nil {
			if jerr := json.Unmarshal(b, &ds.Manifest); jerr != nil {
				ds.Manifest = Manifest{}
				err = jerr
			}
		}
		if err != nil {
			ds.Device, ds.Phase = e.Name(), snap.Phase
			ds.Error = fmt.Sprintf("snapshot unreadable: %s/snapshot.json: %v", e.Name(), err)
		}
		// TakeSnapshot writes <phase>/<device>/: a directory whose manifest
		// names another device is a copy (N1.bak kept before retaking N1).
		// It must not replace N1, nor become a device of its own that every
		// post-check then misses: it is skipped, and said so.
		if ds.Device != "" && ds.Device != e.Name() {
			snap.Findings = append(snap.Findings, Finding{ID: "snapshot", Device: e.Name(), Severity: SevInfo,
				Message:  fmt.Sprintf("directory %s ignored: its manifest names device %q (a copy of that device's snapshot?)", e.Name(), ds.Device),
				Evidence: filepath.ToSlash(filepath.Join(string(snap.Phase), e.Name(), "snapshot.json"))})
			continue
		}
		ds.Device = e.Name()
		for i := range ds.Commands {
			rec := &ds.Commands[i]
			if rec.Raw != "" && ValidateName(rec.Raw) == nil {
				if raw, err := os.ReadFile(filepath.Join(ddir, rec.Raw)); err == nil {
					ds.Raw[rec.Label] = string(raw)
				}
			}
			if rec.Parsed != "" && ValidateName(rec.Parsed) == nil {
				pb, err := os.ReadFile(filepath.Join(ddir, rec.Parsed))
				if err != nil {
					continue
				}
				var m map[string]any
				if err := json.Unmarshal(pb, &m); err != nil {
					rec.Status = RecordError
					rec.Error = joinErr(rec.Error, fmt.Sprintf("parsed artifact unreadable: %s/%s: %v", e.Name(), rec.Parsed, err))
					rec.Parsed = ""
					continue
				}
				ds.SetParsed(rec.Label, m)
			}
		}
		if ds.Error != "" {
			snap.Findings = append(snap.Findings, Finding{ID: "snapshot", Device: ds.Device, Severity: SevError, Message: ds.Error,
				Evidence: filepath.ToSlash(filepath.Join(string(snap.Phase), e.Name(), "snapshot.json"))})
		}
		snap.Devices[ds.Device] = ds
	}
	if len(snap.Devices) == 0 {
		return nil, fmt.Errorf("load snapshot %s: %w", dir, ErrNoSnapshot)
	}
	return snap, nil
}
