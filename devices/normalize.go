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
// overwritten after a bare "\r" reduced to what was written last.
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
		ln = strings.TrimRight(ln, "\r")
		if j := strings.LastIndexByte(ln, '\r'); j >= 0 {
			// What was written last is what the terminal shows; the
			// overwritten text is nearly always a pager or progress
			// line that was erased.
			ln = ln[j+1:]
		}
		lines[i] = ln
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
