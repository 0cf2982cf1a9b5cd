package iosxr

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Float is a float64 whose JSON form always carries a fraction ("5.0", not
// "5"), as Genie's float leaves do.
type Float float64

// MarshalJSON keeps ".0" on whole numbers.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		return strconv.AppendFloat(nil, v, 'f', 1, 64), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// ASNumber is an autonomous system number as the device prints it: "65001"
// or, in asdot notation, "60000.60001". Genie gives the first as a JSON
// number and the second as a string, and so does MarshalJSON.
type ASNumber string

// MarshalJSON writes plain decimal AS numbers as JSON numbers.
func (a ASNumber) MarshalJSON() ([]byte, error) {
	if isDigits(string(a)) && len(a) < 19 {
		n, err := strconv.ParseUint(string(a), 10, 64)
		if err == nil {
			return strconv.AppendUint(nil, n, 10), nil
		}
	}
	return json.Marshal(string(a))
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

// atoi parses a decimal integer; ok is false when s is not one.
func atoi(s string) (int, bool) { return core.Atoi(s) }

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
	var fb [16]string
	f := fieldsInto(fb[:0], t)
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
	return core.IsPromptEcho(t)
}

// isIgnorable reports lines every IOS-XR parser accepts without meaning:
// the timestamp, a command echo and a bare prompt.
func isIgnorable(line string) bool {
	return isTimestampLine(line) || isCommandEcho(line) || core.IsBarePrompt(line)
}

// splitCols splits a table row on runs of two or more spaces (or tabs),
// keeping single spaces inside a column ("IOS XR RUN").
func splitCols(out []string, s string) []string {
	s = strings.TrimSpace(s)
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
	start := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' {
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}
