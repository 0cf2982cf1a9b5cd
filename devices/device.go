package devices

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/goissu/goissu/parsers"
)

// Options are the per-device choices of the caller. The zero value is
// read-only, verifies host keys against ~/.ssh/known_hosts (or the file
// the testbed names) and uses 60 s command timeouts.
type Options struct {
	AllowWrites           bool                             // read-only guard off (orchestration only)
	KnownHostsFile        string                           // overrides the testbed's known_hosts and ~/.ssh/known_hosts
	InsecureIgnoreHostKey bool                             // explicit opt-out; prints a warning
	TrustOnFirstUse       bool                             // add unknown keys to KnownHostsFile (lab use)
	CommandTimeout        time.Duration                    // default: testbed setting, else 60s
	Logf                  func(format string, args ...any) // optional; redacted

	// LoginTimeout bounds TCP connect, handshake, prompt discovery and the
	// setup commands (default 30s).
	LoginTimeout time.Duration
	// KeepaliveInterval is how often keepalive@openssh.com is sent
	// (default: testbed setting, else 5s); three missed intervals drop
	// the session.
	KeepaliveInterval time.Duration
	// ReconnectBackoff is the first Reconnect delay (default 1s), doubled
	// after each failure up to ReconnectMaxBackoff (default 30s).
	ReconnectBackoff    time.Duration
	ReconnectMaxBackoff time.Duration
	// TranscriptMaxBytes caps the raw output kept in the transcript
	// (oldest entries' output is dropped first; default
	// DefaultTranscriptMaxBytes, 1 MiB; negative keeps no output).
	TranscriptMaxBytes int
	// TranscriptMaxEntries caps the commands kept in the transcript (the
	// oldest go first; default DefaultTranscriptMaxEntries; negative keeps
	// no transcript at all).
	TranscriptMaxEntries int
}

// DisconnectEvent reports a session that ended without Disconnect.
type DisconnectEvent struct {
	Device   string
	Time     time.Time
	Expected bool  // ExpectDisconnect was on (a switchover)
	Err      error // why, when known; redacted
}

// Device is a persistent CLI session to one device. It is safe for
// concurrent use; commands are serialised on the session.
type Device struct {
	cfg    *DeviceConfig
	conn   *Connection
	opts   Options
	prof   profile
	red    *redactor
	policy hostKeyPolicy
	ssh    SSHSettings
	events chan DisconnectEvent

	cmdMu sync.Mutex // one command (or connect) at a time

	stateMu sync.Mutex
	live    *session // nil when not connected
	dropped error    // set when live ended unexpectedly

	expect atomic.Bool

	trMu       sync.Mutex
	transcript []TranscriptEntry
	trBytes    int
	trKept     int // entries before this index have had their output dropped
}

// session is one SSH connection with its shell and goroutines.
type session struct {
	client    *ssh.Client
	sh        *shell
	byUs      atomic.Bool
	stop      chan struct{} // closed to stop keepalive
	stopOnce  sync.Once
	closeOnce sync.Once
	wg        sync.WaitGroup
}

func (s *session) halt() { s.stopOnce.Do(func() { close(s.stop) }) }

// close ends the session on our initiative and waits for its goroutines.
func (s *session) close() {
	s.byUs.Store(true)
	s.halt()
	s.closeOnce.Do(func() {
		s.sh.close()
		s.client.Close()
	})
	s.wg.Wait()
}

// NewDevice prepares a device; it does not connect.
func NewDevice(cfg *DeviceConfig, opts Options) (*Device, error) {
	if cfg == nil {
		return nil, errors.New("new device: nil config")
	}
	conn, err := cfg.Management()
	if err != nil {
		return nil, err
	}
	if conn.Protocol != "ssh" {
		return nil, fmt.Errorf("device %s: connection %s: protocol %q is not supported (ssh only)", cfg.Name, conn.Name, conn.Protocol)
	}
	d := &Device{cfg: cfg, conn: conn, opts: opts, prof: profileFor(cfg.OS), red: newRedactor(cfg.secrets()), events: make(chan DisconnectEvent, 16)}
	// Connection settings win over testbed-wide ones; Options win over both.
	var tbSSH SSHSettings
	if cfg.testbed != nil {
		tbSSH = cfg.testbed.SSH
	}
	d.ssh = mergeSSH(conn.SSH, tbSSH)
	d.policy = hostKeyPolicy{
		file:     firstNonEmpty(opts.KnownHostsFile, d.ssh.KnownHostsFile),
		insecure: opts.InsecureIgnoreHostKey || d.ssh.InsecureIgnoreHostKey,
		tofu:     opts.TrustOnFirstUse || d.ssh.TrustOnFirstUse,
	}
	if d.policy.file == "" && !d.policy.insecure {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, fmt.Errorf("device %s: no known_hosts file given and no home directory: %w", cfg.Name, err)
		}
		d.policy.file = filepath.Join(home, ".ssh", "known_hosts")
	}
	if d.policy.insecure {
		d.warnf("warning: %s: host key verification is OFF (insecure_ignore_host_key); anyone on the path can impersonate the device", cfg.Name)
	}
	return d, nil
}

func mergeSSH(conn, tb SSHSettings) SSHSettings {
	out := conn
	out.KnownHostsFile = firstNonEmpty(conn.KnownHostsFile, tb.KnownHostsFile)
	out.InsecureIgnoreHostKey = conn.InsecureIgnoreHostKey || tb.InsecureIgnoreHostKey
	out.TrustOnFirstUse = conn.TrustOnFirstUse || tb.TrustOnFirstUse
	out.LegacyAlgorithms = conn.LegacyAlgorithms || tb.LegacyAlgorithms
	out.KeyExchanges = appendNew(conn.KeyExchanges, tb.KeyExchanges...)
	out.Ciphers = appendNew(conn.Ciphers, tb.Ciphers...)
	out.MACs = appendNew(conn.MACs, tb.MACs...)
	out.HostKeyAlgorithms = appendNew(conn.HostKeyAlgorithms, tb.HostKeyAlgorithms...)
	if out.CommandTimeout == 0 {
		out.CommandTimeout = tb.CommandTimeout
	}
	if out.KeepaliveInterval == 0 {
		out.KeepaliveInterval = tb.KeepaliveInterval
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// Device returns a Device for the named testbed device.
func (tb *Testbed) Device(name string, opts Options) (*Device, error) {
	cfg, ok := tb.Devices[name]
	if !ok {
		return nil, fmt.Errorf("testbed %s: no device %q", tb.Name, name)
	}
	return NewDevice(cfg, opts)
}

// Name returns the testbed device name.
func (d *Device) Name() string { return d.cfg.Name }

// OS returns the device's os from the testbed (nxos, iosxe, ...).
func (d *Device) OS() string { return d.cfg.OS }

// Config returns the testbed entry of the device.
func (d *Device) Config() *DeviceConfig { return d.cfg }

func (d *Device) logf(format string, args ...any) {
	if d.opts.Logf != nil {
		d.opts.Logf("%s", d.red.redact(fmt.Sprintf(format, args...)))
	}
}

// warnf always reaches a person: through Logf, else the standard logger.
func (d *Device) warnf(format string, args ...any) {
	msg := d.red.redact(fmt.Sprintf(format, args...))
	if d.opts.Logf != nil {
		d.opts.Logf("%s", msg)
		return
	}
	log.Print(msg)
}

func (d *Device) commandTimeout() time.Duration {
	switch {
	case d.opts.CommandTimeout > 0:
		return d.opts.CommandTimeout
	case d.ssh.CommandTimeout > 0:
		return d.ssh.CommandTimeout
	}
	return 60 * time.Second
}

func durOr(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

// Connect logs in, discovers the prompt, raises privilege with enable
// when needed and turns pagination off. Connecting a connected device is a
// no-op.
func (d *Device) Connect(ctx context.Context) error {
	d.cmdMu.Lock()
	defer d.cmdMu.Unlock()
	d.stateMu.Lock()
	live := d.live
	d.stateMu.Unlock()
	if live != nil && d.dropErr() == nil {
		return nil
	}
	return d.connectLocked(ctx)
}

func (d *Device) dropErr() error {
	d.stateMu.Lock()
	defer d.stateMu.Unlock()
	return d.dropped
}

// connectLocked replaces any current session by a new one (cmdMu held).
func (d *Device) connectLocked(ctx context.Context) error {
	d.closeLive()
	s, err := d.open(ctx)
	if err != nil {
		return d.red.err(fmt.Errorf("connect %s (%s): %w", d.Name(), d.conn.Address(), err))
	}
	d.stateMu.Lock()
	d.live, d.dropped = s, nil
	d.stateMu.Unlock()
	d.logf("%s: connected to %s, prompt %q", d.Name(), d.conn.Address(), s.sh.prompt.base)
	return nil
}

func (d *Device) closeLive() {
	d.stateMu.Lock()
	s := d.live
	d.live = nil
	d.stateMu.Unlock()
	if s != nil {
		s.close()
	}
}

// open dials with each login credential in order until one is accepted.
func (d *Device) open(ctx context.Context) (*session, error) {
	loginTimeout := durOr(d.opts.LoginTimeout, 30*time.Second)
	ctx, cancel := context.WithTimeout(ctx, loginTimeout)
	defer cancel()
	addr := d.conn.Address()
	algos := algorithms(d.ssh)
	known := d.policy.knownKeyAlgorithms(addr, d.ssh.LegacyAlgorithms)
	hka := hostKeyAlgorithms(d.ssh, known)
	var lastErr error
	for _, credName := range d.cfg.loginCreds(d.conn) {
		cred, ok := d.cfg.Credential(d.conn, credName)
		if !ok {
			lastErr = fmt.Errorf("credential %q not found: %w", credName, ErrAuth)
			continue
		}
		methods, err := authMethods(cred, d.ssh.KeyFile)
		if err != nil {
			lastErr = fmt.Errorf("credential %q: %w", credName, err)
			continue
		}
		cfg := &ssh.ClientConfig{
			Config:            algos,
			User:              cred.Username,
			Auth:              methods,
			HostKeyCallback:   d.policy.callback(d.warnf),
			HostKeyAlgorithms: hka,
		}
		client, err := dial(ctx, addr, cfg, loginTimeout)
		if errors.Is(err, ErrAuth) {
			lastErr = fmt.Errorf("credential %q (user %s): %w", credName, cred.Username, err)
			continue
		}
		if err != nil && len(known) > 0 && strings.Contains(err.Error(), "no common algorithm for host key") {
			// We asked only for the key types known_hosts holds; a
			// server without them has a different key than we know.
			return nil, fmt.Errorf("known_hosts %s holds %v keys for this host but the server offers none of them: %w: %w", d.policy.file, known, ErrHostKeyChanged, err)
		}
		if err != nil {
			return nil, err
		}
		s, err := d.start(ctx, client, cred, loginTimeout)
		if err != nil {
			client.Close()
			return nil, err
		}
		return s, nil
	}
	return nil, lastErr
}

// start opens the shell and runs the login dialog on a fresh client.
func (d *Device) start(ctx context.Context, client *ssh.Client, cred Credential, timeout time.Duration) (*session, error) {
	s := &session{client: client, stop: make(chan struct{})}
	sh, err := openShell(client, &s.wg)
	if err != nil {
		return nil, err
	}
	s.sh = sh
	fail := func(err error) (*session, error) {
		s.close()
		return nil, err
	}
	prompt, err := sh.discoverPrompt(ctx, timeout)
	if err != nil {
		return fail(err)
	}
	sh.prompt = newPromptMatcher(prompt)
	if d.prof.enable && strings.HasSuffix(prompt, ">") {
		if err := d.enable(ctx, sh, timeout); err != nil {
			return fail(err)
		}
	}
	for _, c := range d.prof.setup {
		start := time.Now()
		raw, err := sh.run(ctx, c, timeout, nil)
		d.record(c, start, raw, err)
		if err != nil {
			return fail(fmt.Errorf("setup %q: %w", c, err))
		}
		if msg, bad := d.prof.errorMarker(sh.clean(raw, c)); bad {
			// Not fatal: some platforms lack "terminal width"; the pager
			// handler still copes with --More--.
			d.logf("%s: setup %q: %s", d.Name(), c, msg)
		}
	}
	s.wg.Add(2)
	go d.watch(s)
	go d.keepalive(s)
	return s, nil
}

var enablePasswordRE = promptWord("password")

func promptWord(w string) func([]byte) bool {
	return func(b []byte) bool {
		t := strings.ToLower(strings.TrimRight(normalize(string(tail(b))), " "))
		return strings.HasSuffix(t, w+":")
	}
}

// enable raises a ">" prompt to "#" with the enable secret (credential set
// "enable", falling back to "default").
func (d *Device) enable(ctx context.Context, sh *shell, timeout time.Duration) error {
	if err := sh.drain(); err != nil {
		return err
	}
	if err := sh.write("enable\n"); err != nil {
		return err
	}
	buf, err := sh.readUntil(ctx, nil, readOpts{timeout: timeout, done: func(b []byte) bool {
		return enablePasswordRE(b) || sh.prompt.endsWithPrompt(b)
	}})
	if err != nil {
		return fmt.Errorf("enable: %w", err)
	}
	if enablePasswordRE(buf) {
		cred, _ := d.cfg.Credential(d.conn, "enable")
		if err := sh.write(cred.Password + "\n"); err != nil {
			return err
		}
		buf, err = sh.readUntil(ctx, nil, readOpts{timeout: timeout, done: func(b []byte) bool {
			return enablePasswordRE(b) || sh.prompt.endsWithPrompt(b)
		}})
		if err != nil {
			return fmt.Errorf("enable: %w", err)
		}
		if enablePasswordRE(buf) {
			return fmt.Errorf("enable: secret rejected: %w", ErrAuth)
		}
	}
	if strings.HasSuffix(strings.TrimSpace(normalize(string(tail(buf)))), ">") {
		return fmt.Errorf("enable: still at a > prompt: %w", ErrAuth)
	}
	return nil
}

// watch reports the end of a session that Disconnect did not ask for.
func (d *Device) watch(s *session) {
	defer s.wg.Done()
	err := s.client.Wait()
	if s.byUs.Load() {
		return
	}
	// The shell is left alone: output that arrived before the drop is
	// still buffered and a running command must get it; the reader ends
	// at EOF by itself.
	s.halt()
	d.markDropped(s, err)
}

func (d *Device) markDropped(s *session, err error) {
	d.stateMu.Lock()
	if d.live != s || d.dropped != nil {
		d.stateMu.Unlock()
		return
	}
	if err == nil || errors.Is(err, io.EOF) {
		err = ErrDisconnected
	} else if !errors.Is(err, ErrDisconnected) {
		err = fmt.Errorf("%w: %w", ErrDisconnected, err)
	}
	d.dropped = err
	d.stateMu.Unlock()
	ev := DisconnectEvent{Device: d.Name(), Time: time.Now(), Expected: d.expect.Load(), Err: d.red.err(err)}
	if ev.Expected {
		d.logf("%s: session ended as expected (switchover): %v", d.Name(), ev.Err)
	} else {
		d.logf("%s: session lost: %v", d.Name(), ev.Err)
	}
	select {
	case d.events <- ev:
	default: // nobody listening; the next Execute still reports the drop
	}
}

// current returns the live shell or why there is none.
func (d *Device) current() (*session, error) {
	d.stateMu.Lock()
	defer d.stateMu.Unlock()
	if d.dropped != nil {
		return nil, fmt.Errorf("%s: %w", d.Name(), d.dropped)
	}
	if d.live == nil {
		return nil, fmt.Errorf("%s: %w", d.Name(), ErrNotConnected)
	}
	return d.live, nil
}

// Execute runs a read-only command and returns its output without the echo
// and prompt. A command the device rejects returns *CommandError with the
// output. Commands that change state return ErrWriteRefused unless the
// device was opened with AllowWrites.
func (d *Device) Execute(ctx context.Context, cmd string) (string, error) {
	return d.ExecuteTimeout(ctx, cmd, 0)
}

// ExecuteTimeout is Execute with a per-call timeout (0 means the device's).
func (d *Device) ExecuteTimeout(ctx context.Context, cmd string, timeout time.Duration) (string, error) {
	if strings.ContainsAny(cmd, "\r\n") {
		return "", fmt.Errorf("%s: command %q: one line only", d.Name(), d.red.redact(cmd))
	}
	if !d.opts.AllowWrites && IsWriteCommand(cmd) {
		return "", fmt.Errorf("%s: %q: %w", d.Name(), d.red.redact(cmd), ErrWriteRefused)
	}
	if timeout <= 0 {
		timeout = d.commandTimeout()
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("%s: %q: %w", d.Name(), d.red.redact(cmd), err)
	}
	d.cmdMu.Lock()
	defer d.cmdMu.Unlock()
	s, err := d.current()
	if err != nil {
		return "", err
	}
	start := time.Now()
	raw, err := s.sh.run(ctx, cmd, timeout, nil)
	out := s.sh.clean(raw, cmd)
	if err == nil {
		if msg, bad := d.prof.errorMarker(out); bad {
			err = &CommandError{Device: d.Name(), Command: d.red.redact(cmd), Output: d.red.redact(out), Message: msg}
		}
	} else {
		err = d.commandFailed(ctx, s, cmd, err)
	}
	d.record(cmd, start, raw, err)
	s.sh.recycle(raw) // out and the transcript hold copies
	return d.red.redact(out), d.red.err(err)
}

// commandFailed turns a read failure into the error the caller sees and
// leaves the session usable (resynchronised) or marked dropped.
func (d *Device) commandFailed(ctx context.Context, s *session, cmd string, err error) error {
	switch {
	case errors.Is(err, ErrDisconnected):
		d.markDropped(s, err)
		if de := d.dropErr(); de != nil {
			err = de
		}
	case errors.Is(err, ErrTimeout), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		// The command may still be running: interrupt it and find the
		// prompt again, else the session is unusable and is dropped.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		rerr := s.sh.resync(rctx, 5*time.Second)
		cancel()
		if rerr != nil {
			d.markDropped(s, fmt.Errorf("no prompt after interrupting %q: %w", cmd, rerr))
			s.client.Close()
		}
		if errors.Is(err, ErrTimeout) {
			return fmt.Errorf("%s: %q: %w", d.Name(), cmd, err)
		}
	}
	return fmt.Errorf("%s: %q: %w", d.Name(), cmd, err)
}

// Parse runs cmd and hands its output to the parsers registry for the
// device's os.
func (d *Device) Parse(ctx context.Context, cmd string) (any, error) {
	out, err := d.Execute(ctx, cmd)
	if err != nil {
		return nil, err
	}
	v, err := parsers.Parse(d.OS(), cmd, out)
	if err != nil {
		return nil, fmt.Errorf("%s: parse %q: %w", d.Name(), cmd, err)
	}
	return v, nil
}

// Disconnect closes the session and waits for its goroutines. It is safe
// to call at any time, also while a command runs (which then fails).
func (d *Device) Disconnect() error {
	d.closeLive()
	d.stateMu.Lock()
	d.dropped = nil
	d.stateMu.Unlock()
	return nil
}

// Reconnect closes the current session, if any, and connects again,
// retrying with capped exponential backoff until it succeeds or ctx ends.
// A changed or unknown host key is not retried.
func (d *Device) Reconnect(ctx context.Context) error {
	d.cmdMu.Lock()
	defer d.cmdMu.Unlock()
	delay := durOr(d.opts.ReconnectBackoff, time.Second)
	maxDelay := durOr(d.opts.ReconnectMaxBackoff, 30*time.Second)
	for attempt := 1; ; attempt++ {
		err := d.connectLocked(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, ErrHostKeyChanged) || errors.Is(err, ErrUnknownHost) {
			return err
		}
		d.logf("%s: reconnect attempt %d failed: %v; next in %s", d.Name(), attempt, err, delay)
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("reconnect %s: gave up after %d attempts: %w (last error: %w)", d.Name(), attempt, ctx.Err(), err)
		case <-t.C:
		}
		delay = min(2*delay, maxDelay)
	}
}

// ExpectDisconnect turns switchover mode on or off: while on, a dropped
// session is reported as an expected DisconnectEvent.
func (d *Device) ExpectDisconnect(on bool) { d.expect.Store(on) }

// Disconnects delivers an event each time the session ends without
// Disconnect. Events are dropped when the buffer (16) is full.
func (d *Device) Disconnects() <-chan DisconnectEvent { return d.events }

// Connected reports whether a session is open and has not dropped.
func (d *Device) Connected() bool {
	_, err := d.current()
	return err == nil
}

// Prompt returns the prompt discovered at login ("" when not connected).
func (d *Device) Prompt() string {
	s, err := d.current()
	if err != nil {
		return ""
	}
	return s.sh.prompt.base
}
