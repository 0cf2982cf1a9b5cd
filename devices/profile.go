package devices

import (
	"bytes"
	"regexp"
	"strings"
)

// profile is what differs between network OSes for the session layer.
type profile struct {
	// setup runs after login and prompt discovery (pagination off, width).
	setup []string
	// errorMarkers are line prefixes that mean the device rejected the
	// command.
	errorMarkers []string
	// enable is true when a ">" prompt should be raised with "enable".
	enable bool
}

var commonMarkers = []string{
	"% Invalid command",
	"% Invalid input detected",
	"% Incomplete command",
	"% Ambiguous command",
	"% Invalid number",
	"% Unknown command",
	"% Bad IP address",
}

var profiles = map[string]profile{
	"nxos": {
		setup:        []string{"terminal length 0", "terminal width 511"},
		errorMarkers: commonMarkers,
	},
	"iosxe": {
		setup:        []string{"terminal length 0", "terminal width 0"},
		errorMarkers: commonMarkers,
		enable:       true,
	},
	"ios": {
		setup:        []string{"terminal length 0", "terminal width 0"},
		errorMarkers: commonMarkers,
		enable:       true,
	},
	"iosxr": {
		setup:        []string{"terminal length 0", "terminal width 0"},
		errorMarkers: append([]string{"% Invalid input detected"}, commonMarkers...),
	},
}

// generic serves any other OS (panos, linux, ...): no setup commands, the
// usual "% " markers.
var generic = profile{errorMarkers: commonMarkers}

func profileFor(os string) profile {
	if p, ok := profiles[strings.ToLower(os)]; ok {
		return p
	}
	return generic
}

// errorMarker returns the first line of out that is a device error marker.
func (p profile) errorMarker(out string) (string, bool) {
	for _, m := range p.errorMarkers {
		if !strings.HasPrefix(m, "%") {
			return p.errorMarkerByLine(out)
		}
	}
	// Every marker starts with "%": only lines whose first non-blank byte
	// is "%" can match, and IndexByte finds those candidates without
	// trimming every line of a route table (the line walk was a tenth of
	// the command path of a fleet snapshot).
	for i := 0; i < len(out); {
		j := strings.IndexByte(out[i:], '%')
		if j < 0 {
			break
		}
		j += i
		start := strings.LastIndexByte(out[:j], '\n') + 1
		end := strings.IndexByte(out[j:], '\n')
		if end < 0 {
			end = len(out)
		} else {
			end += j
		}
		if strings.TrimSpace(out[start:j]) == "" {
			if t, ok := p.markerLine(out[start:end]); ok {
				return t, true
			}
		}
		i = end // a later "%" on this line does not start it
	}
	return "", false
}

// errorMarkerByLine is errorMarker for markers of any form: every line is
// trimmed and compared.
func (p profile) errorMarkerByLine(out string) (string, bool) {
	for ln := range strings.Lines(out) { // no slice of every line
		if t, ok := p.markerLine(ln); ok {
			return t, true
		}
	}
	return "", false
}

// markerLine reports whether line, trimmed, starts with an error marker.
func (p profile) markerLine(line string) (string, bool) {
	t := strings.TrimSpace(line)
	for _, m := range p.errorMarkers {
		if strings.HasPrefix(t, m) {
			return t, true
		}
	}
	return "", false
}

// promptCandidateRE is what a prompt looks like on the OSes we know: a host
// name, an optional mode in parentheses or path, and #, >, $ or %.
// RP/0/RSP0/CPU0:router# (IOS-XR) and user@host:~$ (Linux) fit too.
var promptCandidateRE = regexp.MustCompile(`(?:^|\n)([A-Za-z0-9_.:/@~\-]+(?:\([A-Za-z0-9_.\-/ ]+\))?[#>$%]) ?$`)

// pagerRE is a --More-- pager at the end of output.
var pagerRE = regexp.MustCompile(`(?i)-+ ?more ?-+\s*(\(\d+%\))?\s*$|<--- More --->\s*$`)

// promptMatcher recognises the device's prompt in any CLI mode once its
// base (the host name part) is known.
type promptMatcher struct {
	base string
}

// newPromptMatcher builds a matcher from the prompt the device printed:
// "switch# " gives base "switch" and accepts switch#, switch(config)#,
// switch(config-if)#, switch> and the standby form switch(standby)#.
func newPromptMatcher(prompt string) promptMatcher {
	p := strings.TrimSpace(prompt)
	base := strings.TrimRight(p, "#>$%")
	if i := strings.IndexByte(base, '('); i > 0 {
		base = base[:i]
	}
	return promptMatcher{base: base}
}

// lastLineIsPrompt reports whether the last line of s (after its last
// newline; all of s without one) is the prompt. Matching the anchored
// line, not searching the text for "\n<prompt>$", keeps it cheap: the
// search ran the regexp from every position of a 512-byte tail.
func (m promptMatcher) lastLineIsPrompt(s string) bool {
	return m.isPromptLine(s[strings.LastIndexByte(s, '\n')+1:])
}

// isPromptLine reports whether line is the prompt: the base, "-stby"
// optionally, a mode in parentheses optionally, one of # > $ %, and at
// most one space. It is the regexp
//
//	^<base>(?:-stby)?(?:\([A-Za-z0-9_.\-/ ]+\))?[#>$%] ?$
//
// by hand (TestPromptLineMatchesRegexp holds it to that): it runs twice
// per command, and the regexp was a tenth of a fleet snapshot's command
// path.
func (m promptMatcher) isPromptLine(line string) bool {
	rest, ok := strings.CutPrefix(line, m.base)
	if !ok {
		return false
	}
	rest, _ = strings.CutPrefix(rest, "-stby") // neither "(" nor [#>$%] starts with "-"
	if len(rest) > 0 && rest[0] == '(' {
		end := strings.IndexByte(rest, ')') // ")" is not in the mode's class
		if end < 2 {
			return false
		}
		for i := 1; i < end; i++ {
			if !isModeByte(rest[i]) {
				return false
			}
		}
		rest = rest[end+1:]
	}
	switch {
	case len(rest) == 0 || strings.IndexByte("#>$%", rest[0]) < 0:
		return false
	case len(rest) == 1:
		return true
	default:
		return len(rest) == 2 && rest[1] == ' '
	}
}

// isModeByte reports whether c may appear in a prompt's "(mode)".
func isModeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_.-/ ", c) >= 0
}

// tailLen is how much of the end of the buffer is searched for the prompt
// or a pager, so that 1 MB outputs are not rescanned on every read.
const tailLen = 512

func tail(b []byte) []byte {
	if len(b) > tailLen {
		return b[len(b)-tailLen:]
	}
	return b
}

// endsWithPrompt reports whether buf (raw) ends with the prompt.
func (m promptMatcher) endsWithPrompt(buf []byte) bool {
	t := tail(buf)
	if !mayEndWith(t, "#>$%") {
		return false
	}
	// The common case, matched in place: no escape or backspace, and no
	// carriage return in the last line but trailing ones. Normalizing
	// leaves such a line as it is, less those; copying and normalizing
	// the tail on every command was a twentieth of a fleet snapshot's
	// garbage.
	if bytes.IndexByte(t, 0x1b) < 0 && bytes.IndexByte(t, '\b') < 0 {
		line := bytes.TrimRight(t[bytes.LastIndexByte(t, '\n')+1:], "\r")
		if bytes.IndexByte(line, '\r') < 0 {
			return m.isPromptLine(string(line))
		}
	}
	return m.lastLineIsPrompt(normalize(string(t)))
}

// mayEndWith is a cheap test run on every chunk read before the regexp
// and normalize: false when buf, once normalized, certainly does not end
// with one of the bytes in last followed by at most one space. Without
// ESC or backspace, normalizing only drops carriage returns and what a
// bare one overwrites, so the normalized text ends as the raw text does
// once its trailing CRs are removed.
func mayEndWith(buf []byte, last string) bool {
	if bytes.IndexByte(buf, 0x1b) >= 0 || bytes.IndexByte(buf, '\b') >= 0 {
		return true
	}
	i := len(buf)
	for i > 0 && buf[i-1] == '\r' {
		i--
	}
	if i > 0 && buf[i-1] == ' ' {
		i--
	}
	return i > 0 && strings.IndexByte(last, buf[i-1]) >= 0
}
