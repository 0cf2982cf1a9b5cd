package iosxr

import (
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Float is a float64 whose JSON form always carries a fraction ("5.0", not
// "5"), as Genie's float leaves do.
type Float float64

// MarshalJSON keeps ".0" on whole numbers.
func (f Float) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for f (NaN and ±Inf
// are errors, as there).
func (f Float) AppendJSON(b []byte) ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, fmt.Errorf("json: unsupported value: %v", v)
	}
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		return strconv.AppendFloat(b, v, 'f', 1, 64), nil
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64), nil
}

// ASNumber is an autonomous system number as the device prints it: "65001"
// or, in asdot notation, "60000.60001". Genie gives the first as a JSON
// number and the second as a string, and so does MarshalJSON.
type ASNumber string

// MarshalJSON writes plain decimal AS numbers as JSON numbers.
func (a ASNumber) MarshalJSON() ([]byte, error) { return a.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for a.
func (a ASNumber) AppendJSON(b []byte) ([]byte, error) {
	if isDigits(string(a)) && len(a) < 19 {
		if n, err := strconv.ParseUint(string(a), 10, 64); err == nil {
			return strconv.AppendUint(b, n, 10), nil
		}
	}
	return core.AppendJSONString(b, string(a)), nil
}

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

// intPtr returns a pointer to n, for optional int leaves.
func intPtr(n int) *int { return &n }

// atoi parses a decimal integer; ok is false when s is not one. Plain
// digit strings short enough not to overflow are converted inline (table
// cells are nearly all such); anything else goes to core.Atoi.
func atoi(s string) (int, bool) {
	if n := len(s); n > 0 && n < 19 {
		v := 0
		for i := 0; i < n; i++ {
			c := s[i] - '0'
			if c > 9 {
				if i == 0 && (s[0] == '+' || s[0] == '-') {
					return core.Atoi(s)
				}
				return 0, false // not a number: skip strconv's error value
			}
			v = v*10 + int(c)
		}
		return v, true
	}
	return core.Atoi(s)
}

// isTimestampLine reports whether line is the timestamp IOS-XR prints
// before the output of a show command ("Wed Dec  6 15:18:18.928 UTC").
func isTimestampLine(line string) bool {
	t := strings.TrimSpace(line)
	if len(t) < 15 {
		return false
	}
	switch t[:3] {
	case "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun":
	default:
		return false
	}
	if t[3] != ' ' {
		return false
	}
	var fb [4]string
	f := fieldsIntoN(fb[:0], t, 4)
	if len(f) < 4 {
		return false
	}
	return strings.Count(f[3], ":") == 2
}

// isCommandEcho reports whether line is a command echo without a prompt
// ("show route ipv4 1.1.1.1/32 detail"), as some captures carry.
func isCommandEcho(line string) bool {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "show ") || strings.HasPrefix(t, "sh ") || strings.HasPrefix(t, "dir ") || strings.HasPrefix(t, "admin show ") {
		return true
	}
	// A prompt echo that core.Lines did not strip (not the first line).
	return isPromptEcho(t)
}

// isIgnorable reports lines every IOS-XR parser accepts without meaning:
// the timestamp, a command echo and a bare prompt.
func isIgnorable(line string) bool {
	// Cheap rejection for table rows: without '#' or '>' there is no
	// prompt, and a timestamp or command echo starts with a day name or
	// show/sh/dir/admin.
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	if strings.IndexByte(t, '#') < 0 && strings.IndexByte(t, '>') < 0 {
		switch t[0] {
		case 'M', 'T', 'W', 'F', 'S', 's', 'd', 'a':
		default:
			return false
		}
	}
	return isTimestampLine(t) || isCommandEcho(t) || core.IsBarePrompt(t)
}

// splitCols splits a table row on runs of two or more spaces (or tabs),
// keeping single spaces inside a column ("IOS XR RUN").
func splitCols(out []string, s string) []string {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, '\t') >= 0 {
		return splitColsTabs(out, s)
	}
	// Without tabs a column ends at the first of two spaces. Every run of
	// two or more spaces covers an odd index, so only odd indices are
	// tested: half the bytes of a byte loop. s is trimmed, so no column
	// is empty.
	start, n := 0, len(s)
	for i := 1; i < n; i += 2 {
		if s[i] != ' ' {
			continue
		}
		g := i // the gap's first space
		if s[i-1] == ' ' {
			g = i - 1
		} else if i+1 >= n || s[i+1] != ' ' {
			continue // a single space inside a column
		}
		out = append(out, s[start:g])
		j := g + 2
		for j+8 <= n && s[j:j+8] == "        " {
			j += 8
		}
		for j < n && s[j] == ' ' {
			j++
		}
		start = j
		// Resume at the first odd index after j (s[j] is no space).
		i = j - 1 + j%2
	}
	if start < n {
		out = append(out, s[start:])
	}
	return out
}

// splitColsTabs is splitCols for a trimmed row holding tabs.
func splitColsTabs(out []string, s string) []string {
	start := 0
	for i := 0; i < len(s); {
		if s[i] == '\t' || (s[i] == ' ' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t')) {
			out = append(out, s[start:i])
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
			start = i
			continue
		}
		i++
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// param returns p[key] or def when it is absent or empty.
func param(p core.Params, key, def string) string {
	if v := p[key]; v != "" {
		return v
	}
	return def
}

// result adapts a typed parse to core.Func's return: a failed parse gives a
// nil interface, not an interface holding a nil pointer.
func result[T any](r *T, unparsed []string, err error) (any, []string, error) {
	if err != nil || r == nil {
		return nil, unparsed, err
	}
	return r, unparsed, nil
}

// fieldsInto appends the space/tab separated fields of s to dst, which is
// normally a stack array's slice, so that hot loops split without
// allocating. Fields beyond cap(dst) are still appended.
func fieldsInto(dst []string, s string) []string {
	// Two tight loops (skip blanks, then take a field) branch less per
	// byte than one loop tracking whether it is inside a field.
	i, n := 0, len(s)
	for {
		for i < n && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == n {
			return dst
		}
		j := i + 1
		for j < n && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		dst = append(dst, s[i:j])
		i = j
	}
}

// lines yields exactly the lines core.Lines(out) returns, but as substrings
// of out without building the slice: the large tables (routes, neighbors,
// log buffers) would otherwise pay an allocation the size of their line
// count. Input that core.Lines must rewrite (CR, ANSI escapes, backspaces)
// goes through core.Lines itself.
func lines(out string) iter.Seq[string] {
	return func(yield func(string) bool) {
		if strings.IndexByte(out, '\r') >= 0 || strings.IndexByte(out, 0x1b) >= 0 || strings.IndexByte(out, '\b') >= 0 {
			for _, l := range core.Lines(out) {
				if !yield(l) {
					return
				}
			}
			return
		}
		body, ok := linesBody(out)
		if !ok {
			return
		}
		for {
			nl := strings.IndexByte(body, '\n')
			if nl < 0 {
				yield(trimRightBlank(body))
				return
			}
			if !yield(trimRightBlank(body[:nl])) {
				return
			}
			body = body[nl+1:]
		}
	}
}

// linesBody returns the part of out whose "\n"-separated lines core.Lines
// keeps: leading and trailing blank lines, a leading prompt echo and a
// trailing bare prompt cut off. ok is false when no line is kept (an empty
// body with ok true is one empty line).
func linesBody(out string) (body string, ok bool) {
	so := 0 // start of the first kept line
	for {
		nl := strings.IndexByte(out[so:], '\n')
		if nl < 0 {
			if strings.TrimSpace(out[so:]) == "" {
				return "", false
			}
			break
		}
		if strings.TrimSpace(out[so:so+nl]) != "" {
			break
		}
		so += nl + 1
	}
	if nl := strings.IndexByte(out[so:], '\n'); nl < 0 {
		if isPromptEcho(out[so:]) {
			return "", false
		}
	} else if isPromptEcho(out[so : so+nl]) {
		so += nl + 1
	}
	// Usual case: the output ends inside a non-blank last line that is
	// no bare prompt (it ends neither in blank, '#' nor '>'), so that line is
	// the last one kept; skip the backward byte scan over it.
	switch c := out[len(out)-1]; {
	case c >= 0x80, c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == '#', c == '>':
	default:
		return out[so:], true
	}
	eo := len(out) // end of the last kept line
	ls := strings.LastIndexByte(out, '\n') + 1
	for ls >= so && strings.TrimSpace(out[ls:eo]) == "" {
		if ls == 0 {
			return "", false
		}
		eo = ls - 1
		ls = strings.LastIndexByte(out[:eo], '\n') + 1
	}
	if ls < so {
		return "", false
	}
	if core.IsBarePrompt(out[ls:eo]) {
		if ls == so {
			return "", false
		}
		eo = ls - 1
	}
	return out[so:eo], true
}

// lineCount is an upper bound of the number of lines in out, to size
// result maps and slices once.
func lineCount(out string) int { return strings.Count(out, "\n") + 1 }

// trimRightBlank is strings.TrimRight(s, " \t") without the cutset set-up.
func trimRightBlank(s string) string {
	i := len(s)
	for i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') {
		i--
	}
	return s[:i]
}

// onlyDashesSpaces is strings.Trim(t, "- ") == "" without the cutset set-up.
func onlyDashesSpaces(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] != '-' && t[i] != ' ' {
			return false
		}
	}
	return true
}

// onlyDashesEquals is strings.Trim(t, "-=") == "".
func onlyDashesEquals(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] != '-' && t[i] != '=' {
			return false
		}
	}
	return true
}

// appendHint appends s to list, giving a nil list room for as many items
// as out has lines first, so that a long list is allocated once.
func appendHint(list []string, s, out string) []string {
	if list == nil {
		list = make([]string, 0, lineCount(out))
	}
	return append(list, s)
}

// slab hands out pointers to zeroed values carved from chunks, so that a
// table of n rows costs a few allocations instead of n. Chunks start small
// (a short output wastes little) and double up to 64 values.
type slab[T any] struct {
	buf []T
}

// next returns a new zeroed value; hint bounds the first chunk (the
// output's line count is a safe bound for row tables).
func (s *slab[T]) next(hint int) *T {
	if len(s.buf) == cap(s.buf) {
		n := min(max(2*cap(s.buf), 4), 64)
		if s.buf == nil {
			n = min(max(hint, 1), 8)
		}
		s.buf = make([]T, 0, n)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// nextFirst is next with a first chunk of exactly first values (at least
// one), for tables whose row count the line count bounds closely; later
// chunks hold 64.
func (s *slab[T]) nextFirst(first int) *T {
	if len(s.buf) == cap(s.buf) {
		n := 64
		if s.buf == nil {
			n = max(first, 1)
		}
		s.buf = make([]T, 0, n)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// isPromptEcho is core.IsPromptEcho without its per-call costs (the
// IndexAny set, lower-casing a lower-case word): it runs on the first line
// of every output and on every line a parser does not take.
func isPromptEcho(line string) bool {
	l := strings.TrimSpace(line)
	// The first '#' or '>', as strings.IndexAny(l, "#>").
	i := strings.IndexByte(l, '#')
	if j := strings.IndexByte(l, '>'); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 || i == len(l)-1 {
		return false
	}
	if !isPromptName(l[:i]) {
		return false
	}
	rest := strings.TrimSpace(l[i+1:])
	first, _, _ := strings.Cut(rest, " ")
	for k := 0; k < len(first); k++ {
		if c := first[k]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			first = strings.ToLower(first)
			break
		}
	}
	for _, verb := range promptVerbs {
		// The verb or an abbreviation of it ("sh", "sho"): devices accept
		// any unique prefix.
		if first == verb || (len(first) >= 2 && strings.HasPrefix(verb, first) && verb != "dir" && verb != "run") {
			return true
		}
	}
	return false
}

var promptVerbs = [...]string{"show", "dir", "ping", "admin", "run", "more", "traceroute"}

// isPromptName is core's test for a prompt's name part.
func isPromptName(s string) bool {
	if s == "" || len(s) > 80 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-', c == '_', c == '.', c == '/', c == ':', c == '(', c == ')', c == '@', c == '~':
		default:
			return false
		}
	}
	return true
}

// fieldsIntoN is fieldsInto stopping after max fields, for lines of which
// only the first few fields are read.
func fieldsIntoN(dst []string, s string, max int) []string {
	i, n := 0, len(s)
	for len(dst) < max {
		for i < n && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == n {
			return dst
		}
		j := i + 1
		for j < n && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		dst = append(dst, s[i:j])
		i = j
	}
	return dst
}
