package devices

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
)

// shell is the channel layer: an interactive PTY shell on one SSH session,
// read by one goroutine and consumed by one command at a time.
type shell struct {
	sess  *ssh.Session
	stdin io.WriteCloser
	data  chan []byte   // chunks from the reader goroutine
	quit  chan struct{} // closed to stop the reader
	once  sync.Once

	errMu   sync.Mutex
	readErr error // why the reader stopped; valid once data is closed

	prompt promptMatcher
}

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
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, fmt.Errorf("start shell: %w", err)
	}
	s := &shell{sess: sess, stdin: stdin, data: make(chan []byte, 64), quit: make(chan struct{})}
	wg.Add(1)
	go s.read(stdout, wg)
	return s, nil
}

func (s *shell) read(r io.Reader, wg *sync.WaitGroup) {
	defer wg.Done()
	defer close(s.data)
	// The buffer adapts: small while idle (1000 idle sessions should not
	// hold 64 KiB each), growing while a large output streams in.
	const minBuf, maxBuf = 2 << 10, 64 << 10
	buf := make([]byte, minBuf)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			chunk := make([]byte, n)
			copy(chunk, buf[:n])
			select {
			case s.data <- chunk:
			case <-s.quit:
				s.setErr(io.ErrClosedPipe)
				return
			}
		}
		if err != nil {
			s.setErr(err)
			return
		}
		switch {
		case n == len(buf) && len(buf) < maxBuf:
			buf = make([]byte, 2*len(buf))
		case n < len(buf)/8 && len(buf) > minBuf:
			buf = make([]byte, len(buf)/2)
		}
	}
}

func (s *shell) setErr(err error) {
	s.errMu.Lock()
	if s.readErr == nil {
		s.readErr = err
	}
	s.errMu.Unlock()
}

func (s *shell) err() error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
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
	for {
		select {
		case _, ok := <-s.data:
			if !ok {
				return s.dropErr()
			}
		default:
			return nil
		}
	}
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
		if o.done(buf) {
			return buf, nil
		}
		select {
		case chunk, ok := <-s.data:
			if !ok {
				return buf, s.dropErr()
			}
			if o.onChunk != nil {
				o.onChunk(chunk)
			}
			buf = append(buf, chunk...)
			if o.pager {
				if cut, found := pagerAt(buf); found {
					buf = buf[:cut]
					if err := s.write(" "); err != nil {
						return buf, err
					}
				}
			}
			if o.idle {
				if !timer.Stop() {
					select {
					case <-timer.C:
					default:
					}
				}
				timer.Reset(o.timeout)
			}
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

// run sends cmd and returns the raw bytes up to and including the prompt.
func (s *shell) run(ctx context.Context, cmd string, timeout time.Duration, onChunk func([]byte)) ([]byte, error) {
	if err := s.drain(); err != nil {
		return nil, err
	}
	if err := s.write(cmd + "\n"); err != nil {
		return nil, err
	}
	return s.readUntil(ctx, nil, readOpts{timeout: timeout, pager: true, onChunk: onChunk, done: s.prompt.endsWithPrompt})
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
	out := normalize(string(raw))
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
