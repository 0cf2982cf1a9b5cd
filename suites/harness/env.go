package harness

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/fixtures/sim"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/policy"
)

// LabPasswordEnv is the variable the built-in lab's testbed reads its
// password from (%ENV{GOISSU_LAB_PASSWORD}).
const LabPasswordEnv = "GOISSU_LAB_PASSWORD"

// Env is the run every phase of one `go test` invocation shares.
type Env struct {
	Flags   Flags
	Run     *issu.Run
	Policy  *policy.Policy
	Testbed *devices.Testbed
	// PreRefused says why this invocation's pre phase refused to run
	// (UpgradeBegun); the later phases of the invocation then do not run
	// either, so they cannot overwrite the run's evidence.
	PreRefused string
	// Names are this shard's devices, sorted.
	Names []string
	// Lab is the built-in simulated lab (nil with -testbed).
	Lab *sim.Lab
	// Log receives progress lines (stderr: visible in go test -v and CI).
	Log io.Writer
}

// ErrEmptyShard is Setup's error when -shard K/N leaves this shard no
// device. The Env is still returned (its run.json records the empty
// shard); suites skip rather than fail, so a CI matrix wider than the
// testbed passes.
var ErrEmptyShard = errors.New("no devices in shard")

// ErrPolicyChanged is Setup's error when -policy differs from the policy
// the run recorded in an earlier phase.
var ErrPolicyChanged = errors.New("policy differs from the run's")

var (
	envMu     sync.Mutex
	shared    *Env
	sharedErr error // ErrEmptyShard, returned to every caller
)

// Setup builds the environment once per test binary: the first suite that
// asks starts the lab (without -testbed) or loads the testbed, opens the
// results directory and writes run.json. Later suites get the same Env.
func Setup() (*Env, error) {
	envMu.Lock()
	defer envMu.Unlock()
	if shared != nil {
		return shared, sharedErr
	}
	e, err := newEnv()
	if err != nil && !errors.Is(err, ErrEmptyShard) {
		return nil, err
	}
	shared, sharedErr = e, err
	return e, err
}

// SetupOrSkip is Setup for a test: on a shard without devices it skips
// the test (naming the shard), on any other error it fails it.
func SetupOrSkip(t testing.TB) *Env {
	t.Helper()
	env, err := Setup()
	if errors.Is(err, ErrEmptyShard) {
		t.Skipf("skipped: %v", err)
	}
	if err != nil {
		t.Fatalf("error: set up the run: %v", err)
	}
	return env
}

// Shutdown stops the built-in lab. TestMain calls it after every test ran,
// so it runs even when a suite's SetupSuite failed.
func Shutdown() {
	envMu.Lock()
	defer envMu.Unlock()
	if shared != nil && shared.Lab != nil {
		_ = shared.Lab.Close()
	}
	shared, sharedErr = nil, nil
}

func newEnv() (*Env, error) {
	f, err := Get()
	if err != nil {
		return nil, err
	}
	e := &Env{Flags: f, Log: os.Stderr}
	if f.Policy != "" {
		if e.Policy, err = policy.Load(f.Policy); err != nil {
			return nil, err
		}
	} else {
		e.Policy = policy.Default()
	}
	tbPath := f.Testbed
	if tbPath == "" {
		if os.Getenv(LabPasswordEnv) == "" {
			// The lab's testbed reads %ENV{GOISSU_LAB_PASSWORD}; the lab
			// itself uses "admin" when the variable is unset.
			_ = os.Setenv(LabPasswordEnv, "admin")
		}
		// The lab's testbed and known_hosts go into this run's directory:
		// two runs at once (CI shards, tests) must not share them.
		lab, err := sim.Start(context.Background(), sim.LabConfig{
			Scenario:    f.Scenario,
			Devices:     f.Devices,
			TimeScale:   f.TimeScale,
			TestbedPath: filepath.Join(f.Results, e.runDirName(), "lab", "testbed.yaml"),
		})
		if err != nil {
			return nil, fmt.Errorf("start the built-in lab (scenario %s): %w", f.Scenario, err)
		}
		e.Lab = lab
		tbPath = lab.TestbedPath()
		if f.Policy == "" {
			labPolicy(e.Policy, lab)
		}
		labSlack(e.Policy, f.TimeScale, e.Log)
		fmt.Fprintf(e.Log, "goissu: built-in lab, scenario %s, %d devices, time scale %gx, testbed %s\n",
			f.Scenario, len(lab.Names()), f.TimeScale, tbPath)
	}
	if e.Testbed, err = devices.LoadTestbed(tbPath); err != nil {
		e.close()
		return nil, err
	}
	for _, w := range e.Testbed.Warnings {
		fmt.Fprintf(e.Log, "goissu: warning: %s\n", w)
	}
	for _, n := range e.Testbed.DeviceNames() {
		if f.Shard.Has(n) {
			e.Names = append(e.Names, n)
		}
	}
	sort.Strings(e.Names)
	if e.Run, err = issu.OpenRun(f.Results, e.runDirName()); err != nil {
		e.close()
		return nil, err
	}
	if err := e.adoptRecordedPolicy(); err != nil {
		e.close()
		return nil, err
	}
	if err := e.recordRun(""); err != nil {
		e.close()
		return nil, err
	}
	if len(e.Names) == 0 {
		// A CI matrix may have more shards than the testbed has devices:
		// this shard's run.json says it held none, and its tests skip.
		e.close()
		e.Lab = nil
		return e, fmt.Errorf("testbed %s has %d devices: %w %s", tbPath, len(e.Testbed.DeviceNames()), ErrEmptyShard, f.Shard)
	}
	return e, nil
}

// adoptRecordedPolicy makes every phase of a run judge by one policy.
// The first process of a run records its policy (policy.yaml, headed by
// its origin: the -policy file's digest, or "built-in"); a later phase
// (make monitor, make post, make report) without -policy, or with the same
// -policy file, takes the recorded policy as it is (the built-in lab's
// additions and outage slack included, whatever this process's time
// scale), and one with another -policy is refused: the run's phases would
// otherwise be judged by different limits, and the record that
// `goissu report` rebuilds from would be replaced.
func (e *Env) adoptRecordedPolicy() error {
	origin := "built-in"
	if e.Flags.Policy != "" {
		b, err := os.ReadFile(e.Flags.Policy)
		if err != nil {
			return fmt.Errorf("-policy: %w", err)
		}
		origin = fmt.Sprintf("sha256:%x %s", sha256.Sum256(b), e.Flags.Policy)
	}
	rec, err := e.Run.ReadPolicy()
	switch {
	case errors.Is(err, os.ErrNotExist):
		return e.Run.WritePolicy(e.Policy, origin)
	case err != nil:
		return err
	}
	recOrigin, err := e.Run.PolicyOrigin()
	if err != nil {
		return err
	}
	digest := func(o string) string { d, _, _ := strings.Cut(o, " "); return d }
	if e.Flags.Policy != "" && digest(recOrigin) != digest(origin) {
		return fmt.Errorf("-policy %s: run %s was started under another policy (%s, from %s): %w; give the same -policy, none, or a new -run-id (goissu report --policy judges a finished run by another)",
			e.Flags.Policy, e.Run.ID, filepath.Join(e.Run.Dir, issu.PolicyFile), recOrigin, ErrPolicyChanged)
	}
	e.Policy = rec
	return nil
}

// UpgradeBegun reports whether the run's upgrade has begun, and how it
// shows: its monitor, rollout or post phase ran (run.json), or left files
// (monitor/ and kept monitor.* directories, rollout/, post/), which a
// monitor or rollout that was killed before recording its phase leaves too.
func (e *Env) UpgradeBegun() (string, bool) {
	if info, err := e.Run.ReadRunInfo(); err == nil && info != nil {
		for _, ph := range []string{string(issu.MonitorPhase), "rollout", string(issu.Post)} {
			if at := info.Phases[ph]; at != "" {
				return fmt.Sprintf("its %s phase ran at %s", ph, at), true
			}
		}
	}
	for _, dir := range []string{string(issu.MonitorPhase), "rollout", string(issu.Post)} {
		if _, err := os.Stat(filepath.Join(e.Run.Dir, dir)); err == nil {
			return fmt.Sprintf("it has %s/", filepath.Join(e.Run.Dir, dir)), true
		}
	}
	if kept, _ := filepath.Glob(filepath.Join(e.Run.Dir, string(issu.MonitorPhase)+".*")); len(kept) > 0 {
		return fmt.Sprintf("it has %s", kept[0]), true
	}
	return "", false
}

func (e *Env) close() {
	if e.Lab != nil {
		_ = e.Lab.Close()
	}
}

// runDirName is the run id, or for a shard <run-id>.shard-K-of-N so shards
// running on different CI runners never write the same files;
// `goissu report --merge` combines them.
func (e *Env) runDirName() string {
	if e.Flags.Shard.N > 1 {
		return fmt.Sprintf("%s.shard-%d-of-%d", e.Flags.RunID, e.Flags.Shard.K, e.Flags.Shard.N)
	}
	return e.Flags.RunID
}

// OS returns the os of a testbed device.
func (e *Env) OS(name string) string {
	if c := e.Testbed.Devices[name]; c != nil {
		return c.OS
	}
	return ""
}

// TargetImage is the image a device is upgraded to: the device's
// custom.target_image in the testbed, else -target-image, else the
// policy's (target_images per os, then target_image), else (built-in lab) the scenario's target for the device's os.
func (e *Env) TargetImage(name string) string {
	if c := e.Testbed.Devices[name]; c != nil {
		if v, ok := c.Custom["target_image"].(string); ok && v != "" {
			return v
		}
	}
	if e.Flags.TargetImage != "" {
		return e.Flags.TargetImage
	}
	if img := e.Policy.ImageFor(e.OS(name)); img != "" {
		return img
	}
	if e.Lab != nil {
		return e.Lab.Scenario().TargetImage(e.OS(name))
	}
	return ""
}

// recordRun writes run.json, keeping what earlier phases recorded.
func (e *Env) recordRun(phase string) error {
	info, err := e.Run.ReadRunInfo()
	if err != nil || info == nil {
		info = &issu.RunInfo{RunID: e.Run.ID, Started: time.Now().UTC()}
	}
	info.ToolVersion = ToolVersion
	info.Policy = e.Policy.Source
	info.Testbed = issu.RedactSecrets(testbedSummary(e.Testbed))
	info.Flags = map[string]string{
		"testbed":          e.Flags.Testbed,
		"policy":           e.Flags.Policy,
		"scenario":         e.Flags.Scenario,
		"time_scale":       fmt.Sprint(e.Flags.TimeScale),
		"target_image":     e.Flags.TargetImage,
		"shard":            e.Flags.Shard.String(),
		"monitor.duration": e.Flags.MonitorDuration.String(),
		"monitor.interval": e.Flags.MonitorInterval.String(),
	}
	if e.Flags.Testbed != "" {
		delete(info.Flags, "scenario")
		delete(info.Flags, "time_scale")
	}
	info.Devices = info.Devices[:0]
	for _, n := range e.Names {
		info.Devices = append(info.Devices, issu.RunDevice{Name: n, OS: e.OS(n)})
	}
	if phase != "" {
		if info.Phases == nil {
			info.Phases = map[string]string{}
		}
		info.Phases[phase] = time.Now().UTC().Format(time.RFC3339)
		if phase == "report" {
			now := time.Now().UTC()
			info.Finished = &now
		}
	}
	return e.Run.WriteRunInfo(*info)
}

// MarkPhase records in run.json that a phase ran.
func (e *Env) MarkPhase(phase string) error { return e.recordRun(phase) }

// ToolVersion is recorded in run.json and report.json.
var ToolVersion = "goissu dev"

// testbedSummary is what run.json keeps of the testbed: names, os and
// management addresses, never credentials.
func testbedSummary(tb *devices.Testbed) map[string]any {
	devs := map[string]any{}
	for name, c := range tb.Devices {
		d := map[string]any{"os": c.OS, "type": c.Type, "platform": c.Platform}
		if m, err := c.Management(); err == nil && m != nil {
			d["address"] = m.Address()
		}
		devs[name] = d
	}
	return map[string]any{"name": tb.Name, "path": tb.Path, "devices": devs}
}

// TranscriptLimits are the per-device transcript bounds (output bytes,
// entries) for goissu's own sessions. Outputs are kept as artifacts (the
// snapshots, the monitor's timeline), so the in-memory transcript only
// holds the recent past: with the library's defaults (1 MiB, 10000
// entries) a thousand devices polled for hours would hold gigabytes.
func TranscriptLimits() (maxBytes, maxEntries int) { return 16 << 10, 256 }

// Connect opens and connects this shard's devices concurrently. Devices
// that fail to connect are returned in errs (they become "error:" results,
// never passes); sessions are closed by t.Cleanup, so they close even
// when a suite's SetupSuite fails half-way.
func (e *Env) Connect(t testing.TB, ctx context.Context, allowWrites bool) (devs []*devices.Device, errs map[string]error) {
	t.Helper()
	errs = map[string]error{}
	opts := devices.Options{
		AllowWrites:           allowWrites,
		InsecureIgnoreHostKey: e.Flags.Insecure,
		Logf: func(format string, args ...any) {
			fmt.Fprintf(e.Log, "goissu: "+format+"\n", args...)
		},
	}
	// The monitor measures an outage up to the first poll that gets through
	// again: a reconnect backoff longer than the poll interval would inflate
	// every measured outage.
	opts.TranscriptMaxBytes, opts.TranscriptMaxEntries = TranscriptLimits()
	opts.ReconnectBackoff = time.Second
	opts.ReconnectMaxBackoff = 5 * time.Second
	if e.Flags.MonitorInterval > 0 && e.Flags.MonitorInterval < opts.ReconnectMaxBackoff {
		opts.ReconnectMaxBackoff = e.Flags.MonitorInterval
	}
	if e.Lab != nil {
		opts.KnownHostsFile = e.Lab.KnownHostsPath()
		opts.CommandTimeout = 30 * time.Second
		opts.ReconnectBackoff = 50 * time.Millisecond
		opts.ReconnectMaxBackoff = 500 * time.Millisecond
		opts.KeepaliveInterval = time.Second
	}
	for _, n := range e.Names {
		d, err := e.Testbed.Device(n, opts)
		if err != nil {
			errs[n] = err
			continue
		}
		devs = append(devs, d)
	}
	t.Cleanup(func() {
		for _, d := range devs {
			_ = d.Disconnect()
		}
	})
	cerrs := devices.ForEach(ctx, devs, e.Flags.Concurrency, func(ctx context.Context, d *devices.Device) error {
		return d.Connect(ctx)
	})
	for n, err := range cerrs {
		if err != nil {
			errs[n] = err
		}
	}
	return devs, errs
}

// labPolicy completes the default policy for the built-in lab: the
// scenario's critical prefixes must be present before and after, and each
// device probes the first host of each of them every few polls, so the
// demo shows convergence per prefix. A -policy file replaces this.
func labPolicy(pol *policy.Policy, lab *sim.Lab) {
	// Only prefixes every device carries: the policy's list is fleet-wide.
	defs := lab.Scenario().LabDevices()
	count := map[policy.Prefix]int{}
	var order []policy.Prefix
	for _, d := range defs {
		for _, c := range d.Critical {
			p := policy.Prefix{VRF: c.VRF, Prefix: c.Prefix}
			if count[p] == 0 {
				order = append(order, p)
			}
			count[p]++
		}
	}
	for _, p := range order {
		if count[p] != len(defs) {
			continue
		}
		pol.CriticalPrefixes = append(pol.CriticalPrefixes, p)
		if host := firstHost(p.Prefix); host != "" {
			pol.Probes = append(pol.Probes, policy.Probe{Destination: host, VRF: p.VRF, EveryPolls: 2, Count: 3})
		}
	}
}

// LabSlackRealSeconds is the real time the lab's outage limits allow on top
// of the policy's for the test machine's own latency (SSH handshake, a late
// poll on a loaded CI runner): the lab's time scale multiplies every real
// second into many device seconds, which a real device never sees.
const LabSlackRealSeconds = 5

func labSlack(pol *policy.Policy, timeScale float64, log io.Writer) {
	slack := LabSlackRealSeconds * timeScale
	pol.Outage.MaxMgmtSeconds += slack
	pol.Outage.MaxNeighborSeconds += slack
	pol.Outage.MaxPrefixSeconds += slack
	for k := range pol.Outage.PerNeighbor {
		pol.Outage.PerNeighbor[k] += slack
	}
	for k := range pol.Outage.PerPrefix {
		pol.Outage.PerPrefix[k] += slack
	}
	fmt.Fprintf(log, "goissu: built-in lab: outage limits get %gs of slack (%d real seconds at %gx) for this machine's own latency\n",
		slack, LabSlackRealSeconds, timeScale)
}

// firstHost returns the first usable address of an IPv4 prefix
// (10.99.0.0/24 -> 10.99.0.1), "" when there is none.
func firstHost(prefix string) string {
	p, err := netip.ParsePrefix(prefix)
	if err != nil || !p.Addr().Is4() || p.Bits() >= 31 {
		return ""
	}
	return p.Masked().Addr().Next().String()
}
