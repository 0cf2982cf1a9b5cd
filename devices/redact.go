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
	r *strings.Replacer
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
	return &redactor{r: strings.NewReplacer(args...)}
}

func (r *redactor) redact(s string) string {
	if r == nil || r.r == nil {
		return s
	}
	return r.r.Replace(s)
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
	if red := r.r.Replace(msg); red != msg {
		return &redactedError{msg: red, err: err}
	}
	return err
}
