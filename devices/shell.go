package devices

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
)

// shell is the channel layer: an interactive PTY shell on one SSH session,
// read by one goroutine and consumed by one command at a time.
//
// The reader appends what it receives to pending and signals notify; the
// command takes everything pending at once. Handing each chunk over a
// channel cost an allocation, a copy and a goroutine switch per chunk,
// which added up to a fifth of a fleet snapshot's CPU.
type shell struct {
	sess  *ssh.Session
	stdin io.WriteCloser
	quit  chan struct{} // closed to stop the reader
	once  sync.Once

	mu      sync.Mutex
	pending []byte        // received, not yet taken
	readErr error         // why the reader stopped; nil while it runs
	notify  chan struct{} // (cap 1) pending grew or the reader stopped
	space   chan struct{} // (cap 1) pending was taken: a full reader may go on
	// received counts reads that brought data: proof the peer is alive,
	// which spares a keepalive round trip (see Device.keepalive).
	received atomic.Uint64

	prompt promptMatcher
}

// Bounds of the shell's buffers. The reader stops reading (and SSH flow
// control holds the device) while maxPending bytes wait untaken; a pending
// buffer above maxIdleBuffer is not kept between commands, so a thousand
// idle sessions (a monitor between polls) hold little.
const (
	minPending    = 4 << 10
	maxPending    = 1 << 20
	maxIdleBuffer = 4 << 10
)

// ptyCols is wide enough that devices do not wrap command echo or output.
const ptyCols = 511

func openShell(client *ssh.Client, wg *sync.WaitGroup) (*shell, error) {
	sess, err := client.NewSession()
	if err != nil {
		return nil, fmt.Errorf("open session: %w", err)
	}
	modes := ssh.TerminalModes{ssh.ECHO: 1, ssh.TTY_OP_ISPEED: 38400, ssh.TTY_OP_OSPEED: 38400}
	if err := sess.RequestPty("vt100", 24, ptyCols, modes); err != nil {
		sess.Close()
		return nil, fmt.Errorf("request pty: %w", err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	// Left unset, stderr is copied to io.Discard by x/crypto with an 8 KiB
	// buffer held for the session's life: 8 MB over a 1000-device
	// monitor, for a stream devices with a PTY do not use.
	stderr, err := sess.StderrPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, fmt.Errorf("start shell: %w", err)
	}
	s := &shell{sess: sess, stdin: stdin, quit: make(chan struct{}), notify: make(chan struct{}, 1), space: make(chan struct{}, 1)}
	wg.Add(2)
	go s.read(stdout, wg)
	go discardStderr(stderr, wg)
	return s, nil
}

// discardStderr reads stderr to its end and drops it, as x/crypto would,
// with a small buffer. It must be read: unread, it would fill the
// channel's window and stall the output too.
func discardStderr(r io.Reader, wg *sync.WaitGroup) {
	defer wg.Done()
	var buf [256]byte
	for {
		if _, err := r.Read(buf[:]); err != nil {
			return
		}
	}
}

func (s *shell) read(r io.Reader, wg *sync.WaitGroup) {
	defer wg.Done()
	// The buffer adapts: small while idle (1000 idle sessions should not
	// hold 64 KiB each), growing while a large output streams in.
	const minBuf, maxBuf = 2 << 10, 64 << 10
	buf := make([]byte, minBuf)
	small := 0 // consecutive reads that used under an eighth of buf
	for {
		n, err := r.Read(buf)
		if n > 0 {
			s.received.Add(1)
		}
		s.mu.Lock()
		s.pending = appendBuf(s.pending, buf[:n])
		if err != nil {
			s.readErr = err
		}
		full := len(s.pending) >= maxPending
		s.mu.Unlock()
		signal(s.notify)
		if err != nil {
			return
		}
		for full {
			select {
			case <-s.space:
				s.mu.Lock()
				full = len(s.pending) >= maxPending
				s.mu.Unlock()
			case <-s.quit:
				s.mu.Lock()
				s.readErr = io.ErrClosedPipe
				s.mu.Unlock()
				signal(s.notify)
				return
			}
		}
		// Shrink only after a run of small reads: a snapshot alternates
		// large and small outputs, and halving after each small one
		// reallocated the buffer on every command.
		switch {
		case n == len(buf) && len(buf) < maxBuf:
			buf, small = resizeBuf(buf, 2*len(buf)), 0
		case n >= len(buf)/8:
			small = 0
		case len(buf) > minBuf:
			if small++; small >= 8 {
				buf, small = resizeBuf(buf, len(buf)/2), 0
			}
		}
	}
}

// signal wakes the waiter on c, if any; a wake-up already pending is enough.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// take appends everything received so far to buf and reports whether the
// reader has stopped (nothing more will come). An empty buf is swapped with
// the pending buffer instead of copied into.
func (s *shell) take(buf []byte) ([]byte, bool) {
	s.mu.Lock()
	if len(s.pending) > 0 {
		if len(buf) == 0 {
			buf, s.pending = s.pending, buf[:0]
		} else {
			buf = appendBuf(buf, s.pending)
			s.pending = s.pending[:0]
		}
		if cap(s.pending) > maxIdleBuffer {
			putBuf(s.pending)
			s.pending = nil
		}
		signal(s.space)
	}
	stopped := s.readErr != nil
	s.mu.Unlock()
	return buf, stopped
}

func (s *shell) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.readErr
}

func (s *shell) close() {
	s.once.Do(func() {
		close(s.quit)
		s.sess.Close()
	})
}

func (s *shell) write(text string) error {
	if _, err := io.WriteString(s.stdin, text); err != nil {
		return fmt.Errorf("send: %w: %w", ErrDisconnected, err)
	}
	return nil
}

// drain discards output nobody asked for (syslog lines, a late prompt)
// so that it does not end up in the next command's output.
func (s *shell) drain() error {
	s.mu.Lock()
	s.pending = s.pending[:0]
	stopped := s.readErr != nil
	s.mu.Unlock()
	signal(s.space)
	if stopped {
		return s.dropErr()
	}
	return nil
}

func (s *shell) dropErr() error {
	err := s.err()
	if err == nil || errors.Is(err, io.EOF) {
		return ErrDisconnected
	}
	return fmt.Errorf("%w: %w", ErrDisconnected, err)
}

// readOpts controls readUntil.
type readOpts struct {
	timeout time.Duration // overall (or idle, when idle is set)
	idle    bool          // timeout restarts on every chunk
	done    func(buf []byte) bool
	onChunk func(chunk []byte) // raw chunk as received (for streaming)
	pager   bool               // answer --More-- with a space
}

// readUntil collects output until done reports true, the timeout passes,
// ctx ends or the session drops. It always returns what it collected.
func (s *shell) readUntil(ctx context.Context, buf []byte, o readOpts) ([]byte, error) {
	timer := time.NewTimer(o.timeout)
	defer timer.Stop()
	for {
		n0 := len(buf)
		var stopped bool
		buf, stopped = s.take(buf)
		if len(buf) > n0 {
			if o.onChunk != nil {
				o.onChunk(buf[n0:])
			}
			if o.pager {
				if cut, found := pagerAt(buf); found {
					buf = buf[:cut]
					if err := s.write(" "); err != nil {
						return buf, err
					}
				}
			}
			if o.idle {
				timer.Reset(o.timeout) // Go 1.23+: no stale value to drain
			}
		}
		if o.done(buf) {
			return buf, nil
		}
		if stopped {
			return buf, s.dropErr()
		}
		select {
		case <-s.notify:
		case <-ctx.Done():
			return buf, ctx.Err()
		case <-timer.C:
			return buf, ErrTimeout
		}
	}
}

// pagerAt finds a --More-- pager at the end of buf and returns where it
// starts, so it can be cut before the space that answers it.
func pagerAt(buf []byte) (int, bool) {
	t := tail(buf)
	if !mayEndPager(t) {
		return 0, false
	}
	loc := pagerRE.FindIndex(t)
	if loc == nil {
		return 0, false
	}
	start := len(buf) - len(t) + loc[0]
	for start > 0 && (buf[start-1] == ' ' || buf[start-1] == '\t') {
		start--
	}
	return start, true
}

// mayEndPager is false when buf certainly does not end with a pager
// (pagerRE ends in "-", "(NN%)" or "--->" before trailing space), so the
// regexp runs only on chunks that could: it ran on every chunk of every
// command.
func mayEndPager(buf []byte) bool {
	t := bytes.TrimRight(buf, " \t\r\n\v\f")
	return len(t) > 0 && (t[len(t)-1] == '-' || t[len(t)-1] == ')' || t[len(t)-1] == '>')
}

// discoverPrompt finds the prompt from the device itself: wait for
// something prompt-shaped at the end of the login output, then press Enter
// and check the same prompt comes back.
func (s *shell) discoverPrompt(ctx context.Context, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	var buf []byte
	candidate := func(b []byte) string {
		m := promptCandidateRE.FindStringSubmatch(normalize(string(tail(b))))
		if m == nil {
			return ""
		}
		return m[1]
	}
	// Some devices print the prompt only after a keystroke.
	nudged := false
	for attempt := 0; attempt < 4; attempt++ {
		wait := time.Until(deadline)
		if wait <= 0 {
			break
		}
		first := wait
		if !nudged && first > 2*time.Second {
			first = 2 * time.Second
		}
		var err error
		buf, err = s.readUntil(ctx, buf, readOpts{timeout: first, done: func(b []byte) bool { return candidate(b) != "" }})
		if errors.Is(err, ErrTimeout) && !nudged {
			nudged = true
			if err := s.write("\n"); err != nil {
				return "", err
			}
			continue
		}
		if err != nil {
			return "", fmt.Errorf("waiting for prompt: %w", err)
		}
		p := candidate(buf)
		// Confirm: Enter must give the same prompt again.
		if err := s.write("\n"); err != nil {
			return "", err
		}
		buf = buf[:0]
		buf, err = s.readUntil(ctx, buf, readOpts{timeout: time.Until(deadline), done: func(b []byte) bool { return candidate(b) != "" }})
		if err != nil {
			return "", fmt.Errorf("confirming prompt %q: %w", p, err)
		}
		if p2 := candidate(buf); p2 == p {
			return p, nil
		}
		buf = buf[:0]
	}
	return "", fmt.Errorf("no stable prompt found in %s: %w", timeout, ErrTimeout)
}

// run sends cmd and returns the raw bytes up to and including the prompt,
// in a buffer the caller may give back with recycle once done with it.
func (s *shell) run(ctx context.Context, cmd string, timeout time.Duration, onChunk func([]byte)) ([]byte, error) {
	if err := s.drain(); err != nil {
		return nil, err
	}
	if err := s.write(cmd + "\n"); err != nil {
		return nil, err
	}
	return s.readUntil(ctx, nil, readOpts{timeout: timeout, pager: true, onChunk: onChunk, done: s.prompt.endsWithPrompt})
}

// recycle gives run's buffer back to the reader when it has none (a small
// one: a large output's buffer is left to the collector). An output that
// arrives before the command takes it then needs no new buffer: take
// swaps it out whole. The caller must not use raw afterwards.
func (s *shell) recycle(raw []byte) {
	if cap(raw) > maxIdleBuffer {
		putBuf(raw)
		return
	}
	s.mu.Lock()
	if len(s.pending) == 0 && cap(s.pending) < cap(raw) {
		s.pending = raw[:0]
	}
	s.mu.Unlock()
}

// resync interrupts a hung command with Ctrl-C and waits for the prompt.
func (s *shell) resync(ctx context.Context, timeout time.Duration) error {
	if err := s.write("\x03"); err != nil {
		return err
	}
	_, err := s.readUntil(ctx, nil, readOpts{timeout: timeout, pager: true, done: s.prompt.endsWithPrompt})
	return err
}

// clean turns raw command output into the text a parser wants: normalised,
// without the echoed command and the trailing prompt.
func (s *shell) clean(raw []byte, cmd string) string {
	out := normalizeBytes(raw)
	// Echo: the first non-blank line is the command as the device
	// echoed it (some devices send a blank line first).
	for {
		i := strings.IndexByte(out, '\n')
		if i < 0 {
			if strings.TrimSpace(out) == strings.TrimSpace(cmd) {
				out = ""
			}
			break
		}
		first := strings.TrimSpace(out[:i])
		if first == "" {
			out = out[i+1:]
			continue
		}
		if strings.HasSuffix(first, strings.TrimSpace(cmd)) {
			out = out[i+1:]
		}
		break
	}
	// Trailing prompt: the last line (matched alone: scanning a 1 MB
	// output with the prompt regex would cost more than reading it).
	last := strings.LastIndexByte(out, '\n')
	if last < 0 {
		if s.prompt.lastLineIsPrompt(out) {
			return ""
		}
		return out
	}
	if s.prompt.lastLineIsPrompt(out[last:]) {
		out = out[:last]
	}
	return out
}

// Output buffers above maxIdleBuffer are shared between sessions through
// size-classed pools (powers of two up to maxPending): a fleet snapshot
// reads a large route table from every device, and growing a buffer for
// each was a fifth of the snapshot's garbage. sync.Pool lets the collector
// take them back when idle.
var bigBuffers [22]sync.Pool // by log2 of the size: up to 2 MiB

// appendBuf appends data to b, growing b (from a page, then doubling, from
// the pools when large) when it has no room.
func appendBuf(b, data []byte) []byte {
	if len(data) <= cap(b)-len(b) {
		return append(b, data...)
	}
	grown := append(getBuf(max(2*cap(b), len(b)+len(data), minPending)), b...)
	putBuf(b)
	return append(grown, data...)
}

// getBuf returns an empty buffer with room for n bytes; a large one comes
// from the pools, with the power of two at or above n as its capacity.
func getBuf(n int) []byte {
	if n > maxIdleBuffer {
		if class := bits.Len(uint(n - 1)); class < len(bigBuffers) {
			if p, ok := bigBuffers[class].Get().(*[]byte); ok {
				return (*p)[:0]
			}
			return make([]byte, 0, 1<<class)
		}
	}
	return make([]byte, 0, n)
}

// resizeBuf returns a buffer of length n (a power of two) for old, whose
// contents are not kept; large ones come from and go to the pools, so a
// thousand sessions growing their read buffers for a route table share a
// few.
func resizeBuf(old []byte, n int) []byte {
	putBuf(old)
	return getBuf(n)[:n]
}

// putBuf gives a large buffer nobody uses any more to the pools.
func putBuf(b []byte) {
	c := cap(b)
	if c <= maxIdleBuffer || c&(c-1) != 0 {
		return // small, or not one of the pools' sizes
	}
	if class := bits.Len(uint(c - 1)); class < len(bigBuffers) {
		b = b[:0]
		bigBuffers[class].Put(&b)
	}
}
