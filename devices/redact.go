package devices

import (
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
