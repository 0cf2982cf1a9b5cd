package orchestrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
	"github.com/goissu/goissu/issu/monitor"
	"github.com/goissu/goissu/issu/policy"
)

// Wave statuses (WaveResult.Status).
const (
	WaveProceed = "proceed" // upgraded, monitored, post-checked: PROCEED
	WaveStopped = "stopped" // upgraded (or tried) and not PROCEED: the rollout stops
	WaveRefused = "refused" // a gate refused before any install was sent
	WaveNotRun  = "not_run" // an earlier wave stopped the rollout
)

// Files of the rollout under the run directory: the record (Result) and
// its Summary for people.
const (
	RolloutFile        = "rollout.json"
	RolloutSummaryFile = "rollout.txt"
)

// Config is one rollout: the run, its devices and the operator's approval.
type Config struct {
	Run      *issu.Run        // results/<run-id>/ (required); holds the pre phase
	Testbed  *devices.Testbed // devices are opened from it (required)
	Policy   *policy.Policy   // nil = defaults; AllowDisruptive is read from it
	Plan     Plan             // the waves, from Waves
	Approval Approval         // -issu.execute and -issu.approve
	// DeviceOptions are used for every session. Rollout opens read-only
	// sessions for the image check, the monitor and the post snapshot, and
	// separate sessions with AllowWrites for the installs, only after
	// the gates passed.
	DeviceOptions devices.Options
	// TargetImage gives a device's image; nil = the policy's for its os.
	TargetImage func(device string) string
	// Install is the template of every install (NonDisruptive, ThreeStep,
	// timeouts); Image, Log and AllowDisruptive are set per device.
	Install InstallOptions
	// Monitor is the template of each wave's monitor; nil = the policy's
	// (issu.MonitorConfig). Dir is set per wave; RequireInstall is forced.
	Monitor *monitor.Config
	// Concurrency bounds the devices of a wave worked on at once (default
	// all of the wave).
	Concurrency int
	// Log receives progress lines; nil discards.
	Log io.Writer
}

// WaveResult is one wave of rollout.json.
type WaveResult struct {
	Number        int                 `json:"number"`
	Devices       []string            `json:"devices"`
	Status        string              `json:"status"`
	Decision      string              `json:"decision,omitempty"`
	StopReason    string              `json:"stop_reason,omitempty"`
	Reasons       []issu.Reason       `json:"reasons,omitempty"`
	Rollback      map[string][]string `json:"rollback,omitempty"` // recommended; never run by goissu
	RollbackNotes map[string]string   `json:"rollback_notes,omitempty"`
	Installs      []InstallResult     `json:"installs,omitempty"`
	Monitor       string              `json:"monitor,omitempty"` // monitor dir, relative to the run
	MonitorStop   string              `json:"monitor_stop,omitempty"`
	Started       *time.Time          `json:"started,omitempty"`
	Finished      *time.Time          `json:"finished,omitempty"`
}

// Result is rollout.json: which waves ran, which were stopped and why.
type Result struct {
	RunID      string       `json:"run_id"`
	PlanSource string       `json:"plan_source"`
	Started    time.Time    `json:"started"`
	Finished   time.Time    `json:"finished"`
	Completed  bool         `json:"completed"` // every wave PROCEED
	StopReason string       `json:"stop_reason,omitempty"`
	Waves      []WaveResult `json:"waves"`
}

// Wave returns the result of wave n (nil when there is none).
func (r *Result) Wave(n int) *WaveResult {
	for i := range r.Waves {
		if r.Waves[i].Number == n {
			return &r.Waves[i]
		}
	}
	return nil
}

// install is Install; tests replace it to fail in ways a lab cannot.
var install = Install

// Rollout upgrades the plan's waves in order and writes
// results/<run-id>/rollout.json after every wave. The run-level gates
// (approval) and the pre phase of every device of the plan are checked
// before anything is sent to any device; the image is checked per wave.
// A wave's devices are installed concurrently while the monitor watches
// them; the wave is then post-checked and decided (issu.Decide over its
// devices). A wave that is not PROCEED stops the rollout; its rollback
// commands are printed, never run. The error reports a refused gate or a
// stopped rollout (errors.Is works with the gate errors); the Result is
// returned in every case.
func Rollout(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Run == nil || cfg.Testbed == nil {
		return nil, errors.New("rollout: Run and Testbed are required")
	}
	if cfg.Policy == nil {
		cfg.Policy = policy.Default()
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	// A wave's installs report concurrently, and the monitor may share the
	// writer: serialise them.
	var logMu sync.Mutex
	if cfg.Monitor != nil && cfg.Monitor.Progress != nil {
		m := *cfg.Monitor
		m.Progress = &lockedWriter{mu: &logMu, w: m.Progress}
		cfg.Monitor = &m
	}
	cfg.Log = &lockedWriter{mu: &logMu, w: cfg.Log}
	res := &Result{RunID: cfg.Run.ID, PlanSource: cfg.Plan.Source, Started: time.Now().UTC()}
	for _, w := range cfg.Plan.Waves {
		res.Waves = append(res.Waves, WaveResult{Number: w.Number, Devices: w.Devices, Status: WaveNotRun})
	}
	finish := func(err error) (*Result, error) {
		res.Finished = time.Now().UTC()
		if err != nil && res.StopReason == "" {
			res.StopReason = err.Error()
		}
		for i := range res.Waves {
			if res.Waves[i].Status == WaveNotRun && res.Waves[i].StopReason == "" {
				res.Waves[i].StopReason = "not run: " + res.StopReason
			}
		}
		if werr := cfg.Run.WriteJSON(res, RolloutFile); werr != nil {
			err = errors.Join(err, fmt.Errorf("write %s: %w", RolloutFile, werr))
		}
		if werr := cfg.Run.WriteFile([]byte(res.Summary()), RolloutSummaryFile); werr != nil {
			err = errors.Join(err, fmt.Errorf("write %s: %w", RolloutSummaryFile, werr))
		}
		return res, err
	}
	if len(cfg.Plan.Waves) == 0 {
		return finish(fmt.Errorf("%w: no waves", ErrBadPlan))
	}
	if err := CheckApproval(cfg.Run.ID, cfg.Approval); err != nil {
		return finish(fmt.Errorf("rollout refused: %w", err))
	}
	var gateErrs []error
	for _, dev := range cfg.Plan.Devices() {
		if err := CheckPrePassed(cfg.Run.Dir, dev); err != nil {
			gateErrs = append(gateErrs, err)
		} else if err := CheckImpact(cfg.Run.Dir, dev, cfg.Policy.AllowDisruptive); err != nil {
			gateErrs = append(gateErrs, err)
		}
	}
	if len(gateErrs) > 0 {
		return finish(fmt.Errorf("rollout refused: %w", errors.Join(gateErrs...)))
	}
	pre, err := issu.LoadSnapshot(filepath.Join(cfg.Run.Dir, string(issu.Pre)))
	if err != nil {
		return finish(fmt.Errorf("rollout refused: %w: load the pre snapshot: %w", ErrPreNotPassed, err))
	}
	preResults, err := issu.LoadCheckResults(cfg.Run.Dir, issu.Pre)
	if err != nil {
		return finish(fmt.Errorf("rollout refused: %w: %w", ErrPreNotPassed, err))
	}
	var allPost, allMon []issu.CheckResult
	var monDirs []string
	for i := range res.Waves {
		w := &res.Waves[i]
		fmt.Fprintf(cfg.Log, "goissu: rollout %s: wave %d/%d: %s\n", cfg.Run.ID, w.Number, len(res.Waves), strings.Join(w.Devices, ", "))
		post, mon, werr := runWave(ctx, cfg, w, pre, preResults)
		allPost = append(allPost, post...)
		if len(allPost) > 0 {
			// The post phase on disk covers every wave that ran, so the
			// report (issu.BuildReport) reads the same results.
			if err := cfg.Run.WriteCheckResults(issu.Post, allPost); err != nil {
				werr = errors.Join(werr, fmt.Errorf("write post/checks.json: %w", err))
			}
		}
		if w.Monitor != "" {
			monDirs = append(monDirs, filepath.Join(cfg.Run.Dir, w.Monitor))
			allMon = append(allMon, mon...)
			werr = errors.Join(werr, combineWaveMonitors(cfg.Run, monDirs, allMon))
		}
		if err := cfg.Run.WriteJSON(res, RolloutFile); err != nil {
			werr = errors.Join(werr, fmt.Errorf("write %s: %w", RolloutFile, err))
		}
		if w.Status != WaveProceed || werr != nil {
			if werr == nil {
				werr = errors.New(w.StopReason)
			}
			res.StopReason = fmt.Sprintf("wave %d %s: %s", w.Number, w.Status, w.StopReason)
			for j := i + 1; j < len(res.Waves); j++ {
				res.Waves[j].StopReason = fmt.Sprintf("not run: wave %d was %s", w.Number, w.Status)
			}
			printRollback(cfg.Log, w)
			return finish(fmt.Errorf("rollout stopped at wave %d: %w", w.Number, werr))
		}
		fmt.Fprintf(cfg.Log, "goissu: rollout %s: wave %d: PROCEED\n", cfg.Run.ID, w.Number)
	}
	res.Completed = true
	return finish(nil)
}

func printRollback(log io.Writer, w *WaveResult) {
	fmt.Fprintf(log, "goissu: rollout stopped at wave %d (%s): %s\n", w.Number, w.Status, w.StopReason)
	for _, r := range w.Reasons {
		if r.Effect != "INFO" {
			fmt.Fprintf(log, "goissu:   %s %s: %s\n", r.Device, r.Check, r.Text)
		}
	}
	if len(w.Rollback) == 0 {
		return
	}
	fmt.Fprintf(log, "goissu: recommended rollback (goissu does not run it; an operator decides):\n")
	var devs []string
	for d := range w.Rollback {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	for _, d := range devs {
		fmt.Fprintf(log, "  %s:\n", d)
		for _, c := range w.Rollback[d] {
			fmt.Fprintf(log, "    %s\n", c)
		}
		if n := w.RollbackNotes[d]; n != "" {
			fmt.Fprintf(log, "    (%s)\n", n)
		}
	}
}

func (cfg *Config) image(dev string) string {
	if cfg.TargetImage != nil {
		if img := cfg.TargetImage(dev); img != "" {
			return img
		}
	}
	if c := cfg.Testbed.Devices[dev]; c != nil {
		return cfg.Policy.ImageFor(c.OS)
	}
	return ""
}

// open opens and connects sessions to the wave's devices; they are closed
// by the returned func.
func (cfg *Config) open(ctx context.Context, names []string, writes bool) ([]*devices.Device, func(), error) {
	opts := cfg.DeviceOptions
	opts.AllowWrites = writes
	var devs []*devices.Device
	closeAll := func() {
		for _, d := range devs {
			_ = d.Disconnect()
		}
	}
	for _, n := range names {
		d, err := cfg.Testbed.Device(n, opts)
		if err != nil {
			closeAll()
			return nil, func() {}, fmt.Errorf("open %s: %w", n, err)
		}
		devs = append(devs, d)
	}
	errs := devices.ForEach(ctx, devs, cfg.Concurrency, func(ctx context.Context, d *devices.Device) error {
		return d.Connect(ctx)
	})
	if len(errs) > 0 {
		closeAll()
		return nil, func() {}, fmt.Errorf("connect: %w", joinByDevice(errs))
	}
	return devs, closeAll, nil
}

func joinByDevice(errs map[string]error) error {
	var names []string
	for n := range errs {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []error
	for _, n := range names {
		out = append(out, fmt.Errorf("%s: %w", n, errs[n]))
	}
	return errors.Join(out...)
}

func stamp() *time.Time {
	t := time.Now().UTC()
	return &t
}

// runWave installs, monitors, post-checks and decides one wave, and
// returns its post-check and monitor check results.
func runWave(ctx context.Context, cfg Config, w *WaveResult, pre *issu.Snapshot, preResults []issu.CheckResult) (post, mon []issu.CheckResult, err error) {
	w.Started = stamp()
	defer func() { w.Finished = stamp() }()
	refuse := func(err error) ([]issu.CheckResult, []issu.CheckResult, error) {
		w.Status, w.StopReason = WaveRefused, err.Error()
		return nil, nil, err
	}
	readers, closeReaders, err := cfg.open(ctx, w.Devices, false)
	if err != nil {
		return refuse(err)
	}
	defer closeReaders()
	// The image gate is a read; every device of the wave must pass it
	// before any install of the wave is sent.
	imgErrs := devices.ForEach(ctx, readers, cfg.Concurrency, func(ctx context.Context, d *devices.Device) error {
		return CheckImage(ctx, d, d.Name(), cfg.image(d.Name()))
	})
	if len(imgErrs) > 0 {
		return refuse(joinByDevice(imgErrs))
	}
	writers, closeWriters, err := cfg.open(ctx, w.Devices, true)
	if err != nil {
		return refuse(err)
	}
	defer closeWriters()

	// The monitor watches while the installs run.
	mcfg := issu.MonitorConfig(cfg.Policy, "")
	if cfg.Monitor != nil {
		mcfg = *cfg.Monitor
	}
	monRel := filepath.Join("rollout", fmt.Sprintf("wave-%d", w.Number), "monitor")
	mcfg.Dir = filepath.Join(cfg.Run.Dir, monRel)
	mcfg.RequireInstall = true
	w.Monitor = monRel
	var targets []monitor.Target
	for _, d := range readers {
		d.ExpectDisconnect(true) // the switchover: an event, not an error
		targets = append(targets, d)
	}
	monCtx, stopMonitor := context.WithCancel(ctx)
	defer stopMonitor()
	var (
		monRes *monitor.Result
		monErr error
		monWG  sync.WaitGroup
	)
	monWG.Add(1)
	go func() {
		defer monWG.Done()
		monRes, monErr = monitor.Run(monCtx, targets, mcfg)
	}()

	var mu sync.Mutex
	installs := map[string]InstallResult{}
	installErrByDev := devices.ForEach(ctx, writers, cfg.Concurrency, func(ctx context.Context, d *devices.Device) error {
		opts := cfg.Install
		opts.Image = cfg.image(d.Name())
		opts.AllowDisruptive = cfg.Policy.AllowDisruptive
		lf, rel, lerr := LogFile(cfg.Run, d.Name())
		if lerr == nil {
			opts.Log = lf
			defer lf.Close()
		}
		fmt.Fprintf(cfg.Log, "goissu: rollout: %s: installing %s\n", d.Name(), opts.Image)
		r, ierr := install(ctx, d, opts)
		r.Log = rel
		if lerr != nil && ierr == nil {
			ierr = lerr
		}
		fmt.Fprintf(cfg.Log, "goissu: rollout: %s: install %s %s\n", d.Name(), r.Status, r.Reason)
		mu.Lock()
		installs[d.Name()] = r
		mu.Unlock()
		return ierr
	})
	started := false
	var installErrs []string
	for _, n := range w.Devices {
		r, ok := installs[n]
		r, mayHaveStarted := installOutcome(n, r, ok, installErrByDev[n])
		w.Installs = append(w.Installs, r)
		if mayHaveStarted || r.Switchover || r.Status == InstallSuccess {
			started = true
		}
		if r.Status != InstallSuccess {
			installErrs = append(installErrs, fmt.Sprintf("%s: install %s: %s", n, r.Status, r.Reason))
		}
	}
	if !started {
		// Nothing was installed: there is nothing to watch or to decide.
		stopMonitor()
		monWG.Wait()
		w.Status, w.StopReason = WaveRefused, strings.Join(installErrs, "; ")
		return nil, nil, errors.New(w.StopReason)
	}
	monWG.Wait()
	if monErr != nil && monRes == nil {
		w.Status, w.StopReason = WaveStopped, "monitor: "+monErr.Error()
		return nil, nil, monErr
	}
	w.MonitorStop = monRes.StopReason
	monChecks := issu.RunMonitorChecks(w.Devices, monRes, cfg.Policy, true)
	if err := cfg.Run.WriteJSON(issu.CheckResults{Phase: issu.MonitorPhase, Results: monChecks}, waveMonitorChecks(w.Number)...); err != nil {
		fmt.Fprintf(cfg.Log, "goissu: rollout: write monitor checks: %v\n", err)
	}

	postSnap, err := snapshotPost(ctx, cfg, readers)
	if err != nil {
		w.Status, w.StopReason = WaveStopped, "post snapshot: "+err.Error()
		return nil, monChecks, err
	}
	for _, ch := range checks.Post() {
		for _, dev := range w.Devices {
			cenv := &checks.Env{Pre: pre, Post: postSnap, Policy: cfg.Policy, TargetImage: cfg.image(dev)}
			post = append(post, ch.Run(cenv, dev))
		}
	}
	inWave := map[string]bool{}
	for _, d := range w.Devices {
		inWave[d] = true
	}
	var wavePre []issu.CheckResult
	for _, r := range preResults {
		if inWave[r.Device] {
			wavePre = append(wavePre, r)
		}
	}
	v := issu.Decide(wavePre, monRes, post, cfg.Policy, deviceInfos(cfg.Testbed, pre, postSnap, w.Devices)...)
	// The verdict cites the run's monitor/; this wave's monitor is its own.
	for i, r := range v.Reasons {
		if rest, ok := strings.CutPrefix(r.Evidence, "monitor/"); ok {
			v.Reasons[i].Evidence = filepath.ToSlash(monRel) + "/" + rest
		}
	}
	w.Decision, w.Reasons, w.Rollback, w.RollbackNotes = v.Decision, v.Reasons, v.Rollback, v.RollbackNotes
	switch {
	case len(installErrs) > 0:
		w.Status, w.StopReason = WaveStopped, strings.Join(installErrs, "; ")
	case v.Decision != issu.Proceed:
		w.Status, w.StopReason = WaveStopped, "verdict "+v.Decision+firstReasons(v.Reasons)
	default:
		w.Status = WaveProceed
	}
	return post, monChecks, nil
}

func firstReasons(rs []issu.Reason) string {
	var out []string
	for _, r := range rs {
		if r.Effect == "INFO" || len(out) == 3 {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s: %s", r.Device, r.Check, r.Text))
	}
	if len(out) == 0 {
		return ""
	}
	return ": " + strings.Join(out, "; ")
}

// snapshotPost collects the post snapshot of the wave's devices, grouped by
// target image (the profile's commands name it).
func snapshotPost(ctx context.Context, cfg Config, devs []*devices.Device) (*issu.Snapshot, error) {
	groups := map[string][]issu.Target{}
	for _, d := range devs {
		img := issu.ImageFileName(cfg.image(d.Name()))
		groups[img] = append(groups[img], d)
	}
	merged := &issu.Snapshot{Phase: issu.Post, Devices: map[string]*issu.DeviceSnapshot{}}
	for img, ts := range groups {
		vars := issu.VarsFromPolicy(cfg.Policy)
		vars.Image = img
		snap, err := issu.TakeSnapshot(ctx, ts, issu.Post, issu.SnapshotOptions{Run: cfg.Run, Policy: cfg.Policy, Vars: &vars, Concurrency: cfg.Concurrency})
		if err != nil {
			return nil, err
		}
		merged.Dir = snap.Dir
		for n, d := range snap.Devices {
			merged.Devices[n] = d
		}
		merged.Findings = append(merged.Findings, snap.Findings...)
	}
	return merged, nil
}

// deviceInfos gives the verdict each device's OS and versions, for the
// rollback commands.
func deviceInfos(tb *devices.Testbed, pre, post *issu.Snapshot, names []string) []issu.DeviceInfo {
	var out []issu.DeviceInfo
	for _, n := range names {
		info := issu.DeviceInfo{Name: n}
		if c := tb.Devices[n]; c != nil {
			info.OS = c.OS
		}
		if ds := pre.Devices[n]; ds != nil {
			info.PreVersion, info.PreImage = issu.RunningVersion(info.OS, ds.Parsed(issu.LabelVersion))
			info.PreSnapshotOK = ds.Error == ""
		}
		if post != nil {
			if ds := post.Devices[n]; ds != nil {
				info.PostVersion, info.PostImage = issu.RunningVersion(info.OS, ds.Parsed(issu.LabelVersion))
			}
		}
		out = append(out, info)
	}
	return out
}

// lockedWriter serialises writes to w; writers sharing mu never
// interleave.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// installOutcome is a wave device's install result: r when the install
// returned one (ok), else what ForEach's error for the device says. A
// recovered panic (devices.ErrPanic) may have come after the install
// command was sent, so the wave must be watched as if it started; a device
// never started (devices.ErrNotStarted, the context ended) or without an
// error did not run its install.
func installOutcome(dev string, r InstallResult, ok bool, forEachErr error) (InstallResult, bool) {
	switch {
	case ok:
		return r, false
	case errors.Is(forEachErr, devices.ErrPanic):
		return InstallResult{Device: dev, Status: InstallError, Reason: "install aborted, it may have started on the device: " + forEachErr.Error()}, true
	default:
		return InstallResult{Device: dev, Status: InstallError, Reason: "install not run"}, false
	}
}

// waveMonitorChecks is where a wave's monitor check results go, under the
// run directory.
func waveMonitorChecks(wave int) []string {
	return []string{"rollout", fmt.Sprintf("wave-%d", wave), "monitor-checks.json"}
}

// combineWaveMonitors makes the run's monitor/ the waves' monitors one
// after the other, with their check results, so the run's report
// (issu.BuildReport, goissu report) reads a rollout like a validation run.
func combineWaveMonitors(run *issu.Run, dirs []string, checks []issu.CheckResult) error {
	if err := run.CombineMonitorFiles(dirs...); err != nil {
		return err
	}
	if len(checks) == 0 {
		return nil
	}
	if err := run.WriteCheckResults(issu.MonitorPhase, checks); err != nil {
		return fmt.Errorf("write monitor/checks.json: %w", err)
	}
	return nil
}
