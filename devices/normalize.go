package devices

import (
	"bytes"
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

// normalizeBytes is normalize(string(raw)) with one allocation for the
// common output, where every "\r" starts a "\r\n" and there are no escapes
// or backspaces: the conversion and the "\r\n" replacement each copied
// every output once more.
func normalizeBytes(raw []byte) string {
	if bytes.IndexByte(raw, '\x1b') >= 0 || bytes.IndexByte(raw, '\b') >= 0 {
		return normalize(string(raw))
	}
	var b strings.Builder
	rest := raw
	for {
		i := bytes.IndexByte(rest, '\r')
		if i < 0 {
			break
		}
		if i+1 >= len(rest) || rest[i+1] != '\n' {
			return normalize(string(raw)) // a bare "\r": overwritten lines
		}
		if b.Cap() == 0 {
			b.Grow(len(raw))
		}
		b.Write(rest[:i])
		rest = rest[i+1:] // keep the "\n"
	}
	if b.Cap() == 0 {
		return string(raw)
	}
	b.Write(rest)
	return b.String()
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
