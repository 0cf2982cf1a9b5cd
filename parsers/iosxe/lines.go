package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// lineScan walks the lines core.Lines would return without building the
// slice: the lines are substrings of the output, trimmed on the fly. Only
// the first and last lines are looked at up front (for the prompt echo
// and the trailing prompt). Output that needs rewriting (CR, ANSI
// escapes, backspaces) goes through core.Lines itself.
//
// Declare the scanner before the loop (sc := scanLines(out); for
// sc.next() {...}): declared in the for statement it is a per-iteration
// variable, copied at every line because next takes its address.
type lineScan struct {
	s    string
	pos  int      // start of the next line; > len(s) when none is left
	lim  int      // lines starting at or after lim are not returned
	fb   []string // core.Lines' result when the output needed rewriting
	line string   // the current line, after next reported true
	text string   // trimLine(line): every parser trims every line
}

// scanLines prepares a lineScan over out.
func scanLines(out string) lineScan {
	if strings.IndexByte(out, '\r') >= 0 || strings.IndexByte(out, 0x1b) >= 0 || strings.IndexByte(out, '\b') >= 0 {
		fb := core.Lines(out)
		if fb == nil {
			fb = []string{}
		}
		return lineScan{fb: fb}
	}
	// Leading blank lines and a prompt echo line.
	off := 0
	for off <= len(out) {
		if off < len(out) && out[off] == '\n' {
			off++ // an empty line needs no search
			continue
		}
		l, next := lineAt(out, off)
		if strings.TrimSpace(l) != "" {
			break
		}
		off = next
	}
	if off <= len(out) {
		// IsPromptEcho needs a '#' or '>': most first lines have neither.
		if l, next := lineAt(out, off); mayBePrompt(l) && core.IsPromptEcho(trimRightSpTab(l)) {
			off = next
		}
	}
	// Trailing blank lines and a bare prompt. The last non-space byte e
	// ends the last non-blank line, so the blank lines start after it; a
	// bare prompt ends in '#' or '>', so other outputs need not find the
	// start of that line. A non-ASCII byte may belong to a Unicode space
	// (TrimSpace's notion of blank): such outputs take the line-by-line
	// walk.
	e := len(out) - 1
	for e >= 0 && asciiSpace(out[e]) {
		e--
	}
	if e >= 0 && out[e] >= 0x80 {
		return lineScan{s: out, pos: off, lim: trailingLimit(out, off)}
	}
	lim := len(out) + 1
	if i := strings.IndexByte(out[e+1:], '\n'); i >= 0 {
		lim = e + 1 + i + 1
	}
	if e >= 0 && (out[e] == '#' || out[e] == '>') {
		ls := strings.LastIndexByte(out[:e], '\n') + 1
		if ls >= off {
			if l, _ := lineAt(out, ls); core.IsBarePrompt(trimRightSpTab(l)) {
				lim = ls
			}
		}
	}
	return lineScan{s: out, pos: off, lim: lim}
}

// asciiSpace reports whether c is one of the ASCII bytes strings.TrimSpace
// removes.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// trailingLimit returns the start of the trailing blank lines and bare
// prompt of out, looking at lines from off on one by one.
func trailingLimit(out string, off int) int {
	// Trailing blank lines and a bare prompt; ls is the start of the
	// line examined, -1 before the first.
	lim := len(out) + 1
	ls := strings.LastIndexByte(out, '\n') + 1
	for ls >= off {
		l, _ := lineAt(out, ls)
		if strings.TrimSpace(l) != "" {
			break
		}
		lim = ls
		ls = prevLineStart(out, ls)
	}
	if ls >= off {
		if l, _ := lineAt(out, ls); core.IsBarePrompt(trimRightSpTab(l)) {
			lim = ls
		}
	}
	return lim
}

// lineAt returns the line starting at off (without its newline) and the
// start of the following line (len(s)+1 after the last line).
func lineAt(s string, off int) (string, int) {
	if i := strings.IndexByte(s[off:], '\n'); i >= 0 {
		return s[off : off+i], off + i + 1
	}
	return s[off:], len(s) + 1
}

// prevLineStart returns the start of the line before the one starting at
// off, or -1 when off is the first line.
func prevLineStart(s string, off int) int {
	if off == 0 {
		return -1
	}
	return strings.LastIndexByte(s[:off-1], '\n') + 1
}

// trimRightSpTab is strings.TrimRight(s, " \t") without building a cutset.
func trimRightSpTab(s string) string {
	i := len(s)
	for i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') {
		i--
	}
	return s[:i]
}

// next advances to the next line, reporting false at the end.
func (sc *lineScan) next() bool {
	if sc.fb != nil {
		if len(sc.fb) == 0 {
			return false
		}
		sc.line, sc.fb = sc.fb[0], sc.fb[1:]
		sc.text = trimLine(sc.line)
		return true
	}
	pos := sc.pos
	if pos > len(sc.s) || pos >= sc.lim {
		return false
	}
	// A blank line needs no search: outputs often double-space.
	if pos < len(sc.s) && sc.s[pos] == '\n' {
		sc.pos = pos + 1
		sc.line, sc.text = "", ""
		return true
	}
	// lineAt, written out: every parser calls next once a line.
	l := sc.s[pos:]
	if i := strings.IndexByte(l, '\n'); i >= 0 {
		l, sc.pos = l[:i], pos+i+1
	} else {
		sc.pos = len(sc.s) + 1
	}
	l = trimRightSpTab(l)
	sc.line = l
	// trimLine(l) without a second call: l has no trailing spaces or
	// tabs, so only the left needs trimming unless an end is not plain
	// ASCII text (trimLine then uses TrimSpace).
	i := 0
	// Indented outputs pad with runs of spaces: eight at a time first
	// (one 8-byte comparison).
	for len(l)-i >= 8 && l[i:i+8] == "        " {
		i += 8
	}
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	t := l[i:]
	if t != "" && (t[0] <= ' ' || t[0] >= 0x80 || t[len(t)-1] <= ' ' || t[len(t)-1] >= 0x80) {
		t = trimLine(l)
	}
	sc.text = t
	return true
}

// remaining returns the number of lines next will still return, or a
// slight overestimate (blank lines count), for sizing a result up front.
func (sc *lineScan) remaining() int {
	if sc.fb != nil {
		return len(sc.fb)
	}
	end := min(sc.lim, len(sc.s))
	if sc.pos > end {
		return 0
	}
	return strings.Count(sc.s[sc.pos:end], "\n") + 1
}

// trimLine is strings.TrimSpace for the lines lineScan returns and their
// columns: it strips spaces and tabs with byte loops and only calls
// TrimSpace when an end is not plain ASCII text (a control byte, a Unicode
// space).
func trimLine(l string) string {
	i, j := 0, len(l)
	for i < j && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	for j > i && (l[j-1] == ' ' || l[j-1] == '\t') {
		j--
	}
	if i == j {
		return ""
	}
	if c, d := l[i], l[j-1]; c > ' ' && c < 0x80 && d > ' ' && d < 0x80 {
		return l[i:j]
	}
	return strings.TrimSpace(l)
}
