package devices

import (
	"regexp"
	"strings"
)

// ansiRE matches ANSI/VT100 escape sequences (CSI and two-byte escapes)
// that devices emit around pagers and line editing.
var ansiRE = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHM]`)

// normalize turns raw terminal output into plain text: ANSI escapes removed,
// backspaces applied, "\r\n" and stray "\r" turned into "\n", and a line
// overwritten after a bare "\r" reduced to its last version.
func normalize(s string) string {
	if strings.IndexByte(s, '\x1b') >= 0 {
		s = ansiRE.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '\b') >= 0 {
		s = applyBackspaces(s)
	}
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	// "\r\r\n" and similar leave bare "\r": a bare "\r" returns the cursor
	// to column 0, so the text after it overwrites the line.
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		if j := strings.LastIndexByte(strings.TrimRight(ln, "\r"), '\r'); j >= 0 {
			ln = strings.TrimRight(ln, "\r")
			last := ln[j+1:]
			prev := ln[:j]
			if k := strings.LastIndexByte(prev, '\r'); k >= 0 {
				prev = prev[k+1:]
			}
			if len(last) < len(prev) {
				last += prev[len(last):]
			}
			lines[i] = last
		} else {
			lines[i] = strings.TrimRight(ln, "\r")
		}
	}
	return strings.Join(lines, "\n")
}

func applyBackspaces(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\b' {
			if n := len(b); n > 0 && b[n-1] != '\n' {
				b = b[:n-1]
			}
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}
