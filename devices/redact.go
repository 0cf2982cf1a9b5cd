package devices

import (
	"io"
	"sort"
	"strings"
)

// redacted replaces secrets in transcripts, errors and logs.
const redacted = "*****"

// redactor hides a fixed set of secrets. Longest first, so a password that
// contains another is hidden whole.
type redactor struct {
	r       *strings.Replacer
	secrets []string
}

func newRedactor(secrets []string) *redactor {
	uniq := map[string]bool{}
	var list []string
	for _, s := range secrets {
		if s != "" && !uniq[s] {
			uniq[s] = true
			list = append(list, s)
		}
	}
	if len(list) == 0 {
		return &redactor{}
	}
	sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	args := make([]string, 0, 2*len(list))
	for _, s := range list {
		args = append(args, s, redacted)
	}
	return &redactor{r: strings.NewReplacer(args...), secrets: list}
}

func (r *redactor) redact(s string) string {
	if r == nil || r.r == nil || !r.in(s) {
		return s
	}
	return r.r.Replace(s)
}

// in reports whether s contains a secret. Outputs almost never do, and
// strings.Contains (vectorised) is several times faster than the
// Replacer's search: redaction runs twice over every output (transcript
// and result), a tenth of a fleet snapshot's command path.
func (r *redactor) in(s string) bool {
	for _, sec := range r.secrets {
		if strings.Contains(s, sec) {
			return true
		}
	}
	return false
}

// redactedError hides secrets in an error's message while keeping the chain
// for errors.Is/As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func (r *redactor) err(err error) error {
	if err == nil || r == nil || r.r == nil {
		return err
	}
	msg := err.Error()
	if red := r.redact(msg); red != msg {
		return &redactedError{msg: red, err: err}
	}
	return err
}

// next returns where the leftmost secret in s at or after i starts and
// the length of the longest secret there (the Replacer's choice), or -1.
func (r *redactor) next(s string, i int) (at, n int) {
	at = -1
	for _, sec := range r.secrets { // longest first: a tie keeps the longer
		j := strings.Index(s[i:], sec)
		if j >= 0 && (at < 0 || i+j < at) {
			at, n = i+j, len(sec)
		}
	}
	return at, n
}

// streamRedactor writes a stream of raw chunks with its secrets hidden,
// also a secret the transport split across two chunks (redacting each
// chunk alone would let its halves through). It holds back only the end
// of the output that could be the start of a secret (see partialSuffix)
// until more arrives or Close, so a device's question is shown whole
// while it waits for an answer.
type streamRedactor struct {
	red     *redactor
	w       io.Writer
	pending []byte
	err     error // the first write error; later writes are dropped
}

// Write takes the next chunk; the error is the writer's first.
func (s *streamRedactor) Write(chunk []byte) error {
	s.pending = append(s.pending, chunk...)
	return s.flush(false)
}

// Close writes what was held back.
func (s *streamRedactor) Close() error { return s.flush(true) }

func (s *streamRedactor) flush(final bool) error {
	if s.err != nil {
		s.pending = s.pending[:0]
		return s.err
	}
	text := string(s.pending)
	limit := len(text) // where a secret may start that is not complete yet
	if !final && s.red != nil {
		limit -= s.red.partialSuffix(text)
	}
	var out []byte
	i := 0
	for i < limit {
		at, n := -1, 0
		if s.red != nil {
			at, n = s.red.next(text, i)
		}
		if at < 0 || at >= limit {
			out = append(out, text[i:limit]...)
			i = limit
			break
		}
		// A secret starting before limit is complete: a longer one that
		// could still match there would make text[at:] a partial suffix.
		out = append(out, text[i:at]...)
		out = append(out, redacted...)
		i = at + n
	}
	s.pending = s.pending[:copy(s.pending, text[i:])]
	if len(out) > 0 {
		_, s.err = s.w.Write(out)
	}
	return s.err
}

// partialSuffix returns the length of the longest end of text that is a
// proper prefix of a secret: bytes that may become a secret when more
// output arrives.
func (r *redactor) partialSuffix(text string) int {
	for k := min(len(text), r.longest()-1); k > 0; k-- {
		tail := text[len(text)-k:]
		for _, sec := range r.secrets {
			if len(sec) > k && strings.HasPrefix(sec, tail) {
				return k
			}
		}
	}
	return 0
}

// longest is the length of the longest secret (they are sorted longest
// first).
func (r *redactor) longest() int {
	if len(r.secrets) == 0 {
		return 0
	}
	return len(r.secrets[0])
}
