package iosxe

import (
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Float is a float64 that always marshals with a decimal point, as Python's
// json module writes floats (5.0, not 5), so results compare equal to Genie's.
type Float = core.Float

// typedFunc is the shape of every parser in this package before it is
// adapted to core.Func: typed result, unconsumed lines, error.
type typedFunc[T any] func(out string, p core.Params) (*T, []string, error)

// registerTyped adds a typed parser under Genie's class name and commands.
func registerTyped[T any](class string, cmds []string, fn typedFunc[T]) {
	register(core.Entry{Class: class, Commands: cmds, Parse: func(out string, p core.Params) (any, []string, error) {
		r, un, err := fn(out, p)
		if err != nil || r == nil {
			if err == nil {
				err = core.ErrEmpty
			}
			return nil, un, err
		}
		return r, un, nil
	}})
}

// atoi parses a decimal integer, returning 0 when s is not one; callers
// only pass text their pattern already proved numeric.
func atoi(s string) int {
	// atoiFast accepts only text without spaces, where trimming changes
	// nothing; when trimming changes nothing either, its value is
	// strconv.Atoi's (0 on a syntax error, the clamped value out of range).
	n, ok := atoiFast(s)
	if ok {
		return n
	}
	t := strings.TrimSpace(s)
	if len(t) == len(s) {
		return n
	}
	n, _ = atoiFast(t)
	return n
}

// isSeparator reports whether a line is only dashes, equals or stars.
func isSeparator(l string) bool {
	// A line starting with other ASCII text is not one: no need to trim.
	if l != "" {
		switch c := l[0]; c {
		case '-', '=', '*', '_', '+':
		default:
			if c > ' ' && c < 0x80 {
				return false
			}
		}
	}
	t := strings.TrimSpace(l)
	if t == "" {
		return false
	}
	switch t[0] {
	case '-', '=', '*', '_', '+':
	default:
		return false
	}
	return t != "" && strings.Trim(t, "-=*_+ ") == ""
}

// indexSpaced is strings.Index(s, " "+t) without building the needle: a
// needle that starts with a space stops at every space of a padded line,
// while t's first byte is rarer.
func indexSpaced(s, t string) int {
	for off := 1; off <= len(s); {
		j := strings.Index(s[off:], t)
		if j < 0 {
			return -1
		}
		if s[off+j-1] == ' ' {
			return off + j - 1
		}
		off += j + 1
	}
	return -1
}

// indexRare is strings.Index(s, t) for a t whose byte t[k] is rare in the
// text searched: IndexByte finds the candidates for t[k] many bytes at a
// time, where Index compares t at every position of a line.
func indexRare(s, t string, k int) int {
	for from := k; from < len(s); {
		i := strings.IndexByte(s[from:], t[k])
		if i < 0 {
			return -1
		}
		start := from + i - k
		if start+len(t) <= len(s) && s[start:start+len(t)] == t {
			return start
		}
		from += i + 1
	}
	return -1
}

// ptr returns a pointer to v, for optional scalar fields.
func ptr[T any](v T) *T { return &v }

// isEcho reports whether l is a prompt followed by a command, including
// abbreviations core.IsPromptEcho does not list ("sho boot").
func isEcho(l string) bool {
	if !mayBePrompt(l) {
		// Both forms below need a '#' or '>'.
		return false
	}
	if core.IsPromptEcho(l) {
		return true
	}
	i := strings.IndexAny(l, "#>")
	if i <= 0 || i == len(l)-1 {
		return false
	}
	return core.IsBarePrompt(l[:i+1]) && strings.HasPrefix(strings.TrimSpace(l[i+1:]), "sh")
}

// isNoise reports whether l is an informational line many IOS-XE commands
// print around their output (CPU load and clock headers, hints).
func isNoise(l string) bool {
	return strings.HasPrefix(l, "Load for ") || strings.HasPrefix(l, "Time source is") || strings.HasPrefix(l, "INFO: ")
}

// isCLIError reports whether l is part of a device error message rather
// than output ("% Invalid input detected", the "^" marker under it).
func isCLIError(l string) bool {
	return l == "^" || strings.HasPrefix(l, "% ")
}

// fieldsInto splits s on spaces and tabs into dst (reused, so a caller
// that passes a fixed buffer allocates nothing).
func fieldsInto(dst []string, s string) []string {
	dst, _ = fieldsN(dst, s, -1)
	return dst
}

// smallIndex holds the decimal strings of small indexes, the keys of
// Genie's 1-based lists, so building them does not allocate.
var smallIndex = func() [64]string {
	var a [64]string
	for i := range a {
		a[i] = strconv.Itoa(i)
	}
	return a
}()

func indexKey(i int) string {
	if i >= 0 && i < len(smallIndex) {
		return smallIndex[i]
	}
	return strconv.Itoa(i)
}

// slab hands out pointers to T from blocks, so parsers that build one
// small struct per line allocate once per block instead of once per line.
// Blocks double from 4 (or first, when set) to 256 elements so small
// results stay small.
type slab[T any] struct {
	buf   []T
	first int // the first block's size when not 0
}

func (s *slab[T]) next() *T {
	if len(s.buf) == cap(s.buf) {
		n := 2 * cap(s.buf)
		if n == 0 && s.first > 0 {
			n = s.first
		} else if n < 4 {
			n = 4
		} else if n > 256 {
			n = 256
		}
		s.buf = make([]T, 0, n)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// oneSlab hands out one-element slices cut from shared blocks, for lists
// that nearly always hold one item. Their capacity is one, so appending a
// second item moves that list to its own array and never overwrites a
// neighbor's.
type oneSlab[T any] struct{ buf []T }

func (s *oneSlab[T]) take(v T) []T {
	if len(s.buf) == cap(s.buf) {
		n := 2 * cap(s.buf)
		if n < 4 {
			n = 4
		} else if n > 256 {
			n = 256
		}
		s.buf = make([]T, 0, n)
	}
	s.buf = append(s.buf, v)
	n := len(s.buf)
	return s.buf[n-1 : n : n]
}

// add appends v to l, a list take returned. The list taken last grows in
// place while its block has room (a route's next hops follow its line).
func (s *oneSlab[T]) add(l []T, v T) []T {
	if n, k := len(s.buf), len(l); k > 0 && n >= k && n < cap(s.buf) && &s.buf[n-k] == &l[0] {
		s.buf = append(s.buf, v)
		return s.buf[n-k : n+1 : n+1]
	}
	return append(l, v)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// eqKV splits "key = value" lines the way `^([chars]+?) *= *(.*)$` would:
// the key is everything before the first '=' and may only hold bytes
// allowed by keyByte. It returns [line, key, value] or nil.
func eqKV(l string, keyByte func(c byte) bool) []string {
	i := strings.IndexByte(l, '=')
	if i <= 0 {
		return nil
	}
	for j := 0; j < i; j++ {
		if !keyByte(l[j]) {
			return nil
		}
	}
	key := strings.TrimRight(l[:i], " ")
	if key == "" {
		return nil
	}
	return []string{l, key, strings.TrimLeft(l[i+1:], " ")}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// keyWords allows letters, spaces and underscores.
func keyWords(c byte) bool { return isLetter(c) || c == ' ' || c == '_' }

// keyWordsParen also allows parentheses ("Redundancy Mode (Operational)").
func keyWordsParen(c byte) bool { return keyWords(c) || c == '(' || c == ')' }

// fieldsN splits the first n space-separated fields of s into dst in one
// pass and returns them with the offset of the text after them (the
// start of field n+1, or len(s)); n < 0 splits all of s.
func fieldsN(dst []string, s string, n int) ([]string, int) {
	dst = dst[:0]
	i := 0
	for {
		// Testing c > ' ' first lets most bytes take one comparison.
		for ; i < len(s); i++ {
			if c := s[i]; c > ' ' || c != ' ' && c != '\t' {
				break
			}
		}
		if i >= len(s) {
			return dst, len(s)
		}
		if len(dst) == n {
			return dst, i
		}
		start := i
		for i++; i < len(s); i++ {
			if c := s[i]; c <= ' ' && (c == ' ' || c == '\t') {
				break
			}
		}
		dst = append(dst, s[start:i])
	}
}

// atoiFast is strconv.Atoi for the short unsigned and signed decimals of
// device tables, without the error value; longer or odd input falls back
// to strconv so the accepted set is exactly strconv.Atoi's.
//
// Text strconv.Atoi rejects as a syntax error (no digits, or a byte other
// than a digit past a leading sign) gives 0 and false without calling it:
// its error value is two allocations, and tables often hold "110/106" or
// "never" where a number may stand.
func atoiFast(s string) (int, bool) {
	if len(s) == 0 {
		return 0, false
	}
	if len(s) > 18 {
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			if i > 0 || len(s) == 1 || s[0] != '-' && s[0] != '+' {
				return 0, false
			}
			n, err := strconv.Atoi(s)
			return n, err == nil
		}
		n = n*10 + int(c)
	}
	return n, true
}

// mayBePrompt is a cheap necessary condition for core.IsPromptEcho and
// core.IsBarePrompt (both need a '#' or '>'), so most lines skip them.
func mayBePrompt(l string) bool {
	return strings.IndexByte(l, '#') >= 0 || strings.IndexByte(l, '>') >= 0
}
