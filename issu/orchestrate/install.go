package orchestrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/issu"
)

// Install outcomes (InstallResult.Status).
const (
	InstallSuccess = "success" // the installer reported success
	InstallFailed  = "failed"  // the installer reported a failure or refused
	InstallRefused = "refused" // goissu refused (a gate, a disruptive impact): nothing installed
	InstallTimeout = "timeout" // no end seen within InstallOptions.Timeout
	InstallError   = "error"   // the session could not be re-established, or ctx ended
)

// Install errors beyond the gates.
var (
	// ErrInstallFailed: the device reported a failed or refused install.
	ErrInstallFailed = errors.New("install failed")
	// ErrInstallTimeout: the install did not end within the limit.
	ErrInstallTimeout = errors.New("install did not finish in time")
	// ErrUnsupportedOS: goissu has no install procedure for the device's OS.
	ErrUnsupportedOS = errors.New("no install procedure for this os")
	// ErrRollbackTimer: IOS-XE's auto-abort timer was not running after
	// activate, or had run out, so the commit was not sent.
	ErrRollbackTimer = errors.New("auto-abort (rollback) timer not running before commit")
)

// InstallOptions say how one device is upgraded.
type InstallOptions struct {
	// Image is the target image file (bootflash:<image>).
	Image string
	// NonDisruptive adds "non-disruptive" to NX-OS install all, so the
	// device itself refuses an upgrade that cannot be hitless.
	NonDisruptive bool
	// AllowDisruptive answers "y" to an NX-OS install whose impact table
	// says disruptive (policy allow_disruptive); otherwise goissu answers
	// "n" and returns ErrDisruptive.
	AllowDisruptive bool
	// ThreeStep runs IOS-XE as install add, install activate issu (the
	// auto-abort timer starts), install commit; otherwise the one-shot
	// install add file ... activate issu commit.
	ThreeStep bool
	// Log receives the console and every status poll as it arrives
	// (results/<run-id>/orchestrate/<device>.log); nil discards.
	Log io.Writer
	// ReconnectTimeout bounds reconnecting after the switchover (default
	// 20 min: NX-OS needs 30-120 s, unicon allows 700 s).
	ReconnectTimeout time.Duration
	// Timeout bounds the whole install (default 120 min).
	Timeout time.Duration
	// PollInterval is the status poll after the session dropped (default
	// 30 s).
	PollInterval time.Duration
}

// InstallResult is what happened on one device.
type InstallResult struct {
	Device        string    `json:"device"`
	OS            string    `json:"os"`
	Image         string    `json:"image"`
	Commands      []string  `json:"commands"` // every write sent, in order
	Status        string    `json:"status"`
	Reason        string    `json:"reason,omitempty"`
	Switchover    bool      `json:"switchover"`               // the session dropped and was re-established
	RollbackTimer string    `json:"rollback_timer,omitempty"` // IOS-XE: the timer line seen before commit
	Log           string    `json:"log,omitempty"`            // path of the orchestration log, relative to the run
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
}

// Installer is the device an install runs on; *devices.Device satisfies
// it. It must have been opened with AllowWrites.
type Installer interface {
	Name() string
	OS() string
	Execute(ctx context.Context, cmd string) (string, error)
	Interact(ctx context.Context, cmd string, answers []devices.Answer, out io.Writer) (string, error)
	Reconnect(ctx context.Context) error
	ExpectDisconnect(on bool)
}

var (
	nxPrompt         = `continue with the installation \(y/n\)\?\s*\[n\]\s*$`
	reNxConfirm      = regexp.MustCompile(nxPrompt)
	reNxDisruptive   = regexp.MustCompile(`(?s)Compatibility check is done:.*[^-]disruptive.*` + nxPrompt)
	reSaveConfig     = regexp.MustCompile(`save the configuration \(y/n\)\??\s*(\[[yn]\])?\s*$`)
	reXeProceed      = regexp.MustCompile(`Do you want to proceed\? \[y/n\]\s*$`)
	reXeQuit         = regexp.MustCompile(`\[y/n/q\]\s*$`)
	reNxFail         = regexp.MustCompile(`(?m)-- FAIL|Install has failed|^Return code 0x|Pre-upgrade check failed|preupgrade check failed|Install all currently is not supported|Switch is not ready for Install all|Another install procedure may be in progress|No such file or directory`)
	reNxStarted      = regexp.MustCompile(`Switching over onto standby|Rebooting the switch|Finishing the (up|down)grade|Saving supervisor runtime state|Install is in progress`)
	reXeFailed       = regexp.MustCompile(`(?m)^FAILED:|Previous ISSU Operation: Failed`)
	reXeTimer        = regexp.MustCompile(`(?m)^Auto abort timer: (active|inactive)[^\n]*?(?:(\d+):(\d+):(\d+))?\s*$`)
	reXePkg          = regexp.MustCompile(`(?m)^IMG\s+([A-Z])\s+(\S+)`)
	errNotDoneYet    = errors.New("install still in progress")
	defaultReconnect = 20 * time.Minute
)

func (o *InstallOptions) defaults() {
	if o.ReconnectTimeout <= 0 {
		o.ReconnectTimeout = defaultReconnect
	}
	if o.Timeout <= 0 {
		o.Timeout = 120 * time.Minute
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 30 * time.Second
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Install runs the platform's ISSU on d and follows it to its end. The
// caller has passed the gates (CheckApproval, CheckPrePassed, CheckImage,
// CheckImpact). The error wraps ErrDisruptive, ErrInstallFailed,
// ErrInstallTimeout, ErrRollbackTimer or a session error; the result is
// filled in every case.
func Install(ctx context.Context, d Installer, opts InstallOptions) (InstallResult, error) {
	opts.defaults()
	res := InstallResult{Device: d.Name(), OS: d.OS(), Image: issu.ImageFileName(opts.Image), Start: time.Now().UTC()}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	var err error
	switch d.OS() {
	case "nxos":
		err = installNXOS(ctx, d, opts, &res)
	case "iosxe":
		err = installIOSXE(ctx, d, opts, &res)
	default:
		err = fmt.Errorf("%s: %w: %q", d.Name(), ErrUnsupportedOS, d.OS())
		res.Status = InstallRefused
	}
	res.End = time.Now().UTC()
	if err != nil {
		res.Reason = err.Error()
		if res.Status == "" || res.Status == InstallSuccess {
			res.Status = InstallError
		}
		if errors.Is(err, ErrInstallTimeout) || (errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil) {
			res.Status = InstallTimeout
		}
	}
	fmt.Fprintf(opts.Log, "\n### goissu: install on %s ended: %s %s\n", d.Name(), res.Status, res.Reason)
	return res, err
}

// interact sends one write with its dialog and records it.
func interact(ctx context.Context, d Installer, opts InstallOptions, res *InstallResult, cmd string, answers []devices.Answer) (string, error) {
	res.Commands = append(res.Commands, cmd)
	fmt.Fprintf(opts.Log, "\n### goissu %s: %s\n", time.Now().UTC().Format(time.RFC3339), cmd)
	return d.Interact(ctx, cmd, answers, opts.Log)
}

func installNXOS(ctx context.Context, d Installer, opts InstallOptions, res *InstallResult) error {
	cmd := "install all nxos bootflash:" + res.Image
	if opts.NonDisruptive {
		cmd += " non-disruptive"
	}
	var answers []devices.Answer
	if !opts.AllowDisruptive {
		answers = append(answers, devices.Answer{Pattern: reNxDisruptive, Reply: "n"})
	}
	answers = append(answers,
		devices.Answer{Pattern: reNxConfirm, Reply: "y"},
		devices.Answer{Pattern: reSaveConfig, Reply: "y"})
	d.ExpectDisconnect(true)
	defer d.ExpectDisconnect(false)
	out, err := interact(ctx, d, opts, res, cmd, answers)
	text := strings.ReplaceAll(out, "\r", "")
	if err == nil {
		switch {
		case !opts.AllowDisruptive && IsDisruptive(text) && !reNxStarted.MatchString(text):
			res.Status = InstallRefused
			return fmt.Errorf("%s: %w: answered n to the installer", d.Name(), ErrDisruptive)
		case nxState(text) == InstallSuccess:
			res.Status = InstallSuccess
			return nil
		case nxState(text) == InstallFailed || !reNxStarted.MatchString(text):
			res.Status = InstallFailed
			return fmt.Errorf("%s: %w: %s", d.Name(), ErrInstallFailed, lastLines(text, 3))
		}
	} else if !reNxStarted.MatchString(text) && !errors.Is(err, devices.ErrDisconnected) {
		res.Status = InstallError
		return fmt.Errorf("%s: %s: %w", d.Name(), cmd, err)
	}
	// The switchover dropped the session (or the console went quiet):
	// the install goes on on the new active. When the console never showed
	// the install start, only a status naming this image counts, so an
	// earlier install's "successful" is not taken for this one.
	confirmed := reNxStarted.MatchString(text)
	return follow(ctx, d, opts, res, "show install all status", func(out string) (string, error) {
		if !confirmed && !strings.Contains(out, res.Image) {
			return InstallFailed, fmt.Errorf("%s: %w: the session dropped before the install started, and show install all status names no install of %s", d.Name(), ErrInstallFailed, res.Image)
		}
		switch nxState(out) {
		case InstallSuccess:
			return InstallSuccess, nil
		case InstallFailed:
			return InstallFailed, fmt.Errorf("%s: %w: %s", d.Name(), ErrInstallFailed, lastLines(out, 3))
		}
		return "", errNotDoneYet
	})
}

// nxState reads an NX-OS install console or show install all status: the
// last success or failure line decides; neither means in progress ("").
func nxState(text string) string {
	if strings.Contains(text, "There is an on-going installation") {
		return ""
	}
	okAt := strings.LastIndex(text, "Install has been successful")
	failAt := -1
	if loc := reNxFail.FindAllStringIndex(text, -1); len(loc) > 0 {
		failAt = loc[len(loc)-1][0]
	}
	switch {
	case okAt >= 0 && okAt > failAt:
		return InstallSuccess
	case failAt >= 0:
		return InstallFailed
	}
	return ""
}

func installIOSXE(ctx context.Context, d Installer, opts InstallOptions, res *InstallResult) error {
	answers := []devices.Answer{{Pattern: reXeProceed, Reply: "y"}, {Pattern: reXeQuit, Reply: "y"}}
	d.ExpectDisconnect(true)
	defer d.ExpectDisconnect(false)
	before, err := d.Execute(ctx, "show install summary")
	if err != nil {
		return fmt.Errorf("%s: show install summary: %w", d.Name(), err)
	}
	fmt.Fprintf(opts.Log, "\n### goissu: show install summary (before)\n%s", before)
	committed := xeCommitted(before)
	if !opts.ThreeStep {
		cmd := "install add file bootflash:" + res.Image + " activate issu commit"
		out, err := interact(ctx, d, opts, res, cmd, answers)
		if done, ferr := xeStepEnded(d, out, err, res); done {
			return ferr
		}
		return follow(ctx, d, opts, res, "show install summary", func(out string) (string, error) {
			return xeFinished(ctx, d, opts, out, committed)
		})
	}
	// Three steps: add, activate issu (auto-abort timer starts), commit.
	out, err := interact(ctx, d, opts, res, "install add file bootflash:"+res.Image, answers)
	if err != nil || reXeFailed.MatchString(out) || !strings.Contains(out, "SUCCESS: install_add") {
		res.Status = InstallFailed
		if err == nil {
			err = fmt.Errorf("%w: %s", ErrInstallFailed, lastLines(out, 2))
		}
		return fmt.Errorf("%s: install add: %w", d.Name(), err)
	}
	out, err = interact(ctx, d, opts, res, "install activate issu", answers)
	if done, ferr := xeStepEnded(d, out, err, res); !done || ferr != nil {
		if !done {
			ferr = follow(ctx, d, opts, res, "show issu state detail", func(out string) (string, error) {
				switch {
				case strings.Contains(out, "Current ISSU Status: In Progress"):
					return "", errNotDoneYet
				case reXeFailed.MatchString(out):
					return InstallFailed, fmt.Errorf("%s: install activate issu: %w", d.Name(), ErrInstallFailed)
				case strings.Contains(out, "No ISSU operation is in progress"):
					return InstallSuccess, nil
				}
				return "", errNotDoneYet
			})
		}
		if ferr != nil {
			return ferr
		}
	}
	// The activation is not permanent until committed: without a commit
	// before the auto-abort timer runs out, the device rolls back.
	sum, err := read(ctx, d, opts, "show install summary")
	if err != nil {
		res.Status = InstallError
		return fmt.Errorf("%s: show install summary: %w", d.Name(), err)
	}
	timer, left := xeTimer(sum)
	res.RollbackTimer = timer
	if !strings.HasPrefix(timer, "Auto abort timer: active") || left <= 0 {
		res.Status = InstallFailed
		return fmt.Errorf("%s: %w: %q", d.Name(), ErrRollbackTimer, timer)
	}
	res.Status = ""
	out, err = interact(ctx, d, opts, res, "install commit", answers)
	if err != nil || reXeFailed.MatchString(out) || !strings.Contains(out, "SUCCESS: install_commit") {
		res.Status = InstallFailed
		if err == nil {
			err = fmt.Errorf("%w: %s", ErrInstallFailed, lastLines(out, 2))
		}
		return fmt.Errorf("%s: install commit: %w", d.Name(), err)
	}
	sum, err = read(ctx, d, opts, "show install summary")
	if err != nil {
		res.Status = InstallError
		return fmt.Errorf("%s: show install summary: %w", d.Name(), err)
	}
	if t, _ := xeTimer(sum); !strings.HasPrefix(t, "Auto abort timer: inactive") {
		res.Status = InstallFailed
		return fmt.Errorf("%s: %w: after commit: %q", d.Name(), ErrInstallFailed, t)
	}
	res.Status = InstallSuccess
	return nil
}

// xeStepEnded judges what an IOS-XE install command's dialog returned:
// done is true when it ended at the prompt (success or failure); false
// when the switchover dropped the session and the install goes on.
func xeStepEnded(d Installer, out string, err error, res *InstallResult) (done bool, _ error) {
	text := strings.ReplaceAll(out, "\r", "")
	switch {
	case err != nil && errors.Is(err, devices.ErrDisconnected):
		return false, nil
	case err != nil:
		if strings.Contains(text, "STAGE") {
			return false, nil // the console went quiet mid-install
		}
		res.Status = InstallError
		return true, fmt.Errorf("%s: %w", d.Name(), err)
	case reXeFailed.MatchString(text) || !strings.Contains(text, "SUCCESS:"):
		res.Status = InstallFailed
		return true, fmt.Errorf("%s: %w: %s", d.Name(), ErrInstallFailed, lastLines(text, 2))
	}
	res.Status = InstallSuccess
	return true, nil
}

// xeFinished judges show install summary after a one-shot install: done
// once nothing is uncommitted, the timer is inactive and the committed
// package changed; rolled back when the old package is committed again.
func xeFinished(ctx context.Context, d Installer, opts InstallOptions, sum, before string) (string, error) {
	timer, _ := xeTimer(sum)
	for _, m := range reXePkg.FindAllStringSubmatch(sum, -1) {
		if m[1] == "U" || m[1] == "I" {
			return "", errNotDoneYet
		}
	}
	if !strings.HasPrefix(timer, "Auto abort timer: inactive") {
		return "", errNotDoneYet
	}
	state, err := read(ctx, d, opts, "show issu state detail")
	if err != nil {
		return "", errNotDoneYet
	}
	if strings.Contains(state, "Current ISSU Status: In Progress") {
		return "", errNotDoneYet
	}
	if reXeFailed.MatchString(state) || (before != "" && xeCommitted(sum) == before) {
		return InstallFailed, fmt.Errorf("%s: %w: rolled back, committed package %s", d.Name(), ErrInstallFailed, xeCommitted(sum))
	}
	return InstallSuccess, nil
}

// xeCommitted is the committed (C) package version of show install summary.
func xeCommitted(sum string) string {
	for _, m := range reXePkg.FindAllStringSubmatch(sum, -1) {
		if m[1] == "C" {
			return m[2]
		}
	}
	return ""
}

// xeTimer returns the auto-abort timer line and the time left on it.
func xeTimer(sum string) (line string, left time.Duration) {
	m := reXeTimer.FindStringSubmatch(strings.ReplaceAll(sum, "\r", ""))
	if m == nil {
		return "", 0
	}
	line = strings.TrimSpace(m[0])
	if m[2] != "" {
		var h, mi, s int
		fmt.Sscan(m[2], &h)
		fmt.Sscan(m[3], &mi)
		fmt.Sscan(m[4], &s)
		left = time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(s)*time.Second
	}
	return line, left
}

// read runs a show command and logs it.
func read(ctx context.Context, d Installer, opts InstallOptions, cmd string) (string, error) {
	out, err := d.Execute(ctx, cmd)
	fmt.Fprintf(opts.Log, "\n### goissu %s: %s\n%s", time.Now().UTC().Format(time.RFC3339), cmd, out)
	if err != nil {
		fmt.Fprintf(opts.Log, "### error: %v\n", err)
	}
	return out, err
}

// follow reconnects after the switchover (bounded by ReconnectTimeout)
// and polls cmd until judge says the install ended or ctx ends.
func follow(ctx context.Context, d Installer, opts InstallOptions, res *InstallResult, cmd string, judge func(string) (string, error)) error {
	res.Switchover = true
	connected := false
	for {
		if !connected {
			rctx, cancel := context.WithTimeout(ctx, opts.ReconnectTimeout)
			err := d.Reconnect(rctx)
			cancel()
			if err != nil {
				if ctx.Err() != nil {
					return fmt.Errorf("%s: %w while reconnecting: %w", d.Name(), ErrInstallTimeout, ctx.Err())
				}
				res.Status = InstallError
				return fmt.Errorf("%s: reconnect after the switchover (limit %s): %w", d.Name(), opts.ReconnectTimeout, err)
			}
			fmt.Fprintf(opts.Log, "\n### goissu %s: reconnected\n", time.Now().UTC().Format(time.RFC3339))
			connected = true
		}
		out, err := read(ctx, d, opts, cmd)
		if err != nil {
			var ce *devices.CommandError
			if !errors.As(err, &ce) {
				connected = false // dropped again, or timed out: reconnect
			}
		} else if state, jerr := judge(strings.ReplaceAll(out, "\r", "")); !errors.Is(jerr, errNotDoneYet) {
			res.Status = state
			return jerr
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w: %w", d.Name(), ErrInstallTimeout, ctx.Err())
		case <-time.After(opts.PollInterval):
		}
	}
}

// lastLines returns the last n non-blank lines of s, joined by " | ".
func lastLines(s string, n int) string {
	var out []string
	lines := strings.Split(strings.ReplaceAll(s, "\r", ""), "\n")
	for i := len(lines) - 1; i >= 0 && len(out) < n; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			out = append([]string{l}, out...)
		}
	}
	return strings.Join(out, " | ")
}

// LogFile opens (appending) results/<run-id>/orchestrate/<device>.log.
// Every write goes straight to the file, so whatever arrived before a crash
// is kept.
func LogFile(run *issu.Run, device string) (*SyncWriter, string, error) {
	if err := issu.ValidateName(device); err != nil {
		return nil, "", fmt.Errorf("orchestration log of %q: %w", device, err)
	}
	dir, err := run.Path("orchestrate")
	if err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", fmt.Errorf("orchestration log dir: %w", err)
	}
	p, err := run.Path("orchestrate", device+".log")
	if err != nil {
		return nil, "", err
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, "", fmt.Errorf("orchestration log: %w", err)
	}
	return &SyncWriter{f: f}, "orchestrate/" + device + ".log", nil
}

// SyncWriter is an orchestration log: writes are serialised and go
// straight to the file (no user-space buffer to lose).
type SyncWriter struct {
	mu sync.Mutex
	f  *os.File
}

// Write appends p to the log.
func (w *SyncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.f.Write(p)
}

// Close syncs and closes the log.
func (w *SyncWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	_ = w.f.Sync()
	return w.f.Close()
}
