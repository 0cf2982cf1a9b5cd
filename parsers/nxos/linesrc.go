package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// lineSrc yields the lines splitLines would return, in order, without
// building the slice when the text is clean: a route table has tens of
// thousands of lines, and a slice of them is half a megabyte of string
// headers that the GC scans and write-barriers while a parse runs.
// Text with CR, ESC or backspace is cleaned by core.Lines, and its lines
// come from that slice. A lineSrc is a value: copy it to walk the lines
// again.
type lineSrc struct {
	lines []string // the lines, when the text needed cleaning
	body  string   // the text of the lines not yet returned (clean text)
	more  bool     // body has a line left (it may be empty)
}

// newLineSrc prepares the lines of out.
func newLineSrc(out string) lineSrc {
	if strings.IndexByte(out, '\r') >= 0 || strings.IndexByte(out, 0x1b) >= 0 || strings.IndexByte(out, '\b') >= 0 {
		return lineSrc{lines: core.Lines(out)}
	}
	// Leading blank lines and a prompt echo, as splitLines drops them.
	start := 0 // offset of the first line kept
	for {
		i := strings.IndexByte(out[start:], '\n')
		l := out[start:]
		if i >= 0 {
			l = out[start : start+i]
		}
		l = trimRightBlank(l)
		if strings.TrimSpace(l) != "" {
			if (strings.IndexByte(l, '#') >= 0 || strings.IndexByte(l, '>') >= 0) && core.IsPromptEcho(l) {
				if i < 0 {
					return lineSrc{}
				}
				start += i + 1
			}
			break
		}
		if i < 0 {
			return lineSrc{} // only blank lines
		}
		start += i + 1
	}
	// Trailing blank lines and a bare prompt: end is the end of the last
	// line kept, and lines before start are never looked at.
	end := len(out)
	for {
		j := strings.LastIndexByte(out[start:end], '\n')
		ls := start + j + 1 // offset of the last line in out[start:end]
		l := trimRightBlank(out[ls:end])
		if strings.TrimSpace(l) != "" {
			if core.IsBarePrompt(l) {
				if j < 0 {
					return lineSrc{} // the bare prompt was the only line
				}
				end = start + j
			}
			break
		}
		if j < 0 {
			return lineSrc{} // all blank from start
		}
		end = start + j
	}
	return lineSrc{body: out[start:end], more: true}
}

// next returns the next line (right-trimmed of blanks), or false.
func (s *lineSrc) next() (string, bool) {
	if !s.more {
		if len(s.lines) == 0 {
			return "", false
		}
		l := s.lines[0]
		s.lines = s.lines[1:]
		return l, true
	}
	l := s.body
	if i := strings.IndexByte(l, '\n'); i >= 0 {
		l, s.body = l[:i], l[i+1:]
	} else {
		s.body, s.more = "", false
	}
	return trimRightBlank(l), true
}

// runSrc is run for parsers that read a lineSrc.
func runSrc[T any](out string, p core.Params, f func(lineSrc, core.Params, *core.Unparsed) *T) (*T, []string, error) {
	var u core.Unparsed
	res := f(newLineSrc(out), p, &u)
	if res == nil {
		return nil, u.Lines(), core.ErrEmpty
	}
	return res, u.Lines(), nil
}

// regSrc is reg for parsers that read a lineSrc.
func regSrc[T any](class string, commands []string, f func(lineSrc, core.Params, *core.Unparsed) *T) {
	register(core.Entry{
		Class:    class,
		Commands: commands,
		Parse: func(out string, p core.Params) (any, []string, error) {
			r, un, err := runSrc(out, p, f)
			if err != nil {
				return nil, un, err
			}
			return r, un, nil
		},
	})
}
