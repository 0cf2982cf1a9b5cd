package devices

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"
)

// Answer is one reply of an interactive dialog: when output since the last
// answer matches Pattern, Reply followed by Enter is sent.
type Answer struct {
	Pattern *regexp.Regexp
	Reply   string
}

// Interact runs a command whose dialog must be answered (install all,
// reload, redundancy force-switchover), streaming raw output to out as it
// arrives (out may be nil). Each Answer fires when its pattern matches the
// output since the previous answer; the command ends at the prompt. The
// timeout is an idle timeout: the device's command timeout without any
// output. A session that drops returns what was collected and an error
// wrapping ErrDisconnected. On an idle timeout or a cancelled ctx the
// command is not interrupted (Ctrl-C could abort an install): the session
// is marked dropped and the next Reconnect replaces it.
func (d *Device) Interact(ctx context.Context, cmd string, answers []Answer, out io.Writer) (string, error) {
	if !d.opts.AllowWrites && IsWriteCommand(cmd) {
		return "", fmt.Errorf("%s: %q: %w", d.Name(), d.red.redact(cmd), ErrWriteRefused)
	}
	d.cmdMu.Lock()
	defer d.cmdMu.Unlock()
	s, err := d.current()
	if err != nil {
		return "", err
	}
	sh := s.sh
	start := time.Now()
	if err := sh.drain(); err != nil {
		return "", d.commandFailed(ctx, s, cmd, err)
	}
	if err := sh.write(cmd + "\n"); err != nil {
		return "", d.commandFailed(ctx, s, cmd, err)
	}
	var (
		buf      []byte
		from     int // answers look at output after the last answer
		writeErr error
		onChunk  func([]byte)
	)
	var stream *streamRedactor
	if out != nil {
		stream = &streamRedactor{red: d.red, w: out}
		onChunk = func(c []byte) { writeErr = stream.Write(c) }
	}
	for {
		var answered bool
		buf, err = sh.readUntil(ctx, buf, readOpts{timeout: d.commandTimeout(), idle: true, pager: true, onChunk: onChunk, done: func(b []byte) bool {
			if sh.prompt.endsWithPrompt(b) {
				return true
			}
			// A pager cut right after an answer also takes the blanks
			// before it, which may reach back before from.
			from = min(from, len(b))
			text := normalize(string(b[from:]))
			for _, a := range answers {
				if a.Pattern != nil && a.Pattern.MatchString(text) {
					from = len(b)
					answered = true
					if werr := sh.write(a.Reply + "\n"); werr != nil {
						err = werr
					}
					return true
				}
			}
			return false
		}})
		if err != nil || !answered {
			break
		}
	}
	if stream != nil {
		writeErr = stream.Close() // what was held back for a split secret
	}
	text := sh.clean(buf, cmd)
	switch {
	case err != nil && errors.Is(err, ErrDisconnected):
		err = d.commandFailed(ctx, s, cmd, err)
	case err != nil:
		// Unlike Execute, no Ctrl-C: it could abort an install. The
		// command is left running and the session is given up; the next
		// Reconnect replaces it.
		d.markDropped(s, fmt.Errorf("interactive command %q left running: %w", cmd, err))
		err = fmt.Errorf("%s: %q: %w", d.Name(), cmd, err)
	case err == nil:
		if msg, bad := d.prof.errorMarker(text); bad {
			err = &CommandError{Device: d.Name(), Command: d.red.redact(cmd), Output: d.red.redact(text), Message: msg}
		}
	}
	if err == nil && writeErr != nil {
		err = fmt.Errorf("%s: %q: writing output: %w", d.Name(), cmd, writeErr)
	}
	d.record(cmd, start, buf, err)
	return d.red.redact(text), d.red.err(err)
}
