// Package core holds what every OS parser package shares: the entry type the
// registry collects, the empty-output sentinel, input hygiene (CRLF, prompt
// echo, trailing prompt) and a tracker for lines a parser did not consume.
//
// It is internal so that the per-OS packages can share it without importing
// the parsers registry (which imports them).
package core

import (
	"errors"
	"strconv"
	"strings"
)

// ErrEmpty is returned when the output holds nothing the parser can use,
// matching Genie's SchemaEmptyParserError. parsers.ErrEmpty is this value.
var ErrEmpty = errors.New("parser output is empty")

// Params are the values taken from the command's {placeholders}
// (vrf, prefix, addr, directory, ...). A nil map is valid.
type Params map[string]string

// Func is a parser as the registry sees it: the device output and the
// command's parameters in, the result (a pointer to the typed struct), the
// non-blank input lines the parser did not understand, and an error.
type Func func(output string, p Params) (result any, unparsed []string, err error)

// Entry describes one parser class of one OS.
type Entry struct {
	// Class is Genie's parser class name (ShowVersion, ShowIpRoute, ...),
	// or for parsers Genie lacks a name in the same style.
	Class string
	// Commands are command templates in Genie's form, with {placeholders}.
	Commands []string
	// Parse runs the parser.
	Parse Func
}

// Lines splits device output into lines ready to scan: CRLF (also with
// more than one CR) and lone CR become LF, ANSI escapes and backspaces are
// removed, trailing white space is trimmed, a leading "prompt# command"
// echo line and a trailing bare prompt are dropped. Tabs are kept (some
// formats align with them); use Fields to split on any white space.
func Lines(output string) []string {
	if strings.IndexByte(output, '\r') >= 0 {
		output = newlines(output)
	}
	if strings.IndexByte(output, 0x1b) >= 0 || strings.IndexByte(output, '\b') >= 0 {
		output = stripControl(output)
	}
	lines := strings.Split(output, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	// Leading blank lines and a prompt echo line.
	start := 0
	for start < len(lines) && strings.TrimSpace(lines[start]) == "" {
		start++
	}
	if start < len(lines) && IsPromptEcho(lines[start]) {
		start++
	}
	end := len(lines)
	for end > start && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	if end > start && IsBarePrompt(lines[end-1]) {
		end--
	}
	return lines[start:end]
}

// newlines turns line endings into LF: CRLF, and also a run of CRs before
// an LF ("\r\r\n", which captures through two newline translations
// carry), is one line end; a lone CR not before an LF is one too.
func newlines(s string) string {
	b := make([]byte, 0, len(s))
	for {
		i := strings.IndexByte(s, '\r')
		if i < 0 {
			b = append(b, s...)
			break
		}
		b = append(b, s[:i]...)
		j := i + 1
		for j < len(s) && s[j] == '\r' {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			j++ // the CRs and the LF: one line end
		} else {
			j = i + 1 // a lone CR
		}
		b = append(b, '\n')
		s = s[j:]
	}
	return string(b)
}

// IsBarePrompt reports whether line is only a device prompt, such as
// "switch#", "Router>", "RP/0/RSP0/CPU0:xr#" or "switch(config)#".
func IsBarePrompt(line string) bool {
	l := strings.TrimSpace(line)
	if len(l) < 2 {
		return false
	}
	last := l[len(l)-1]
	if last != '#' && last != '>' {
		return false
	}
	return isPromptName(l[:len(l)-1])
}

// IsPromptEcho reports whether line is a prompt followed by a command the
// operator typed, as when output is captured with its command echo:
// "switch# show version", "Router#sh ip route".
func IsPromptEcho(line string) bool {
	l := strings.TrimSpace(line)
	i := strings.IndexAny(l, "#>")
	if i <= 0 || i == len(l)-1 {
		return false
	}
	if !isPromptName(l[:i]) {
		return false
	}
	rest := strings.TrimSpace(l[i+1:])
	first, _, _ := strings.Cut(rest, " ")
	first = strings.ToLower(first)
	for _, verb := range []string{"show", "dir", "ping", "admin", "run", "more", "traceroute"} {
		// The verb or an abbreviation of it ("sh", "sho"): devices accept any
		// unique prefix.
		if first == verb || (len(first) >= 2 && strings.HasPrefix(verb, first) && verb != "dir" && verb != "run") {
			return true
		}
	}
	return false
}

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

// stripControl removes ANSI CSI escapes and applies backspaces, in one
// pass over a byte buffer (a backspace drops the last byte written).
func stripControl(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0x1b:
			// ESC [ params final-byte
			if i+1 < len(s) && s[i+1] == '[' {
				j := i + 2
				for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
					j++
				}
				i = j
			} else {
				i++
			}
		case c == '\b':
			if len(b) > 0 {
				b = b[:len(b)-1]
			}
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// Fields splits s on runs of spaces and tabs, like strings.Fields but
// without Unicode tables (device output is ASCII in practice).
func Fields(s string) []string {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	out := make([]string, 0, n)
	start := -1
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\t'
		if sp {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// Atoi parses a decimal integer, reporting whether s was one.
func Atoi(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// Unparsed collects the non-blank lines a parser did not understand, so a
// check can tell "nothing there" from "not understood".
type Unparsed struct {
	lines []string
}

// Add records line unless it is blank or only separator characters
// (dashes, equals signs, asterisks).
func (u *Unparsed) Add(line string) {
	t := strings.TrimSpace(line)
	if t == "" || strings.Trim(t, "-=*_+ ") == "" {
		return
	}
	u.lines = append(u.lines, line)
}

// Lines returns the recorded lines (nil when everything was understood).
func (u *Unparsed) Lines() []string { return u.lines }
