package iosxe

import "strings"

// Matchers for the "show logging" header lines. Each one is the regexp
// quoted above it, matched by hand: the header is most of a typical
// output and the regexp engine cost more than the rest of the parse. m
// receives the capture groups at their regexp indexes (m[1]...); groups
// that take no part in the match are left "". scanners_test.go checks
// each against its pattern.

// `^Syslog logging: (\w+) \((\d+) messages dropped, (\d+) messages rate-limited, (\d+) flushes, (\d+) overruns, xml (\w+), filtering (\w+)\)`
func matchSyslog(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Syslog logging: "); !ok {
		return false
	}
	if m[1], s, ok = takeWord(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " ("); !ok {
		return false
	}
	if m[2], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " messages dropped, "); !ok {
		return false
	}
	if m[3], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " messages rate-limited, "); !ok {
		return false
	}
	if m[4], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " flushes, "); !ok {
		return false
	}
	if m[5], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " overruns, xml "); !ok {
		return false
	}
	if m[6], s, ok = takeWord(s); !ok {
		return false
	}
	if s, ok = cutLit(s, ", filtering "); !ok {
		return false
	}
	if m[7], s, ok = takeWord(s); !ok {
		return false
	}
	_, ok = cutLit(s, ")")
	return ok
}

// `^(Console|Monitor|Buffer) logging: +(?:level (\w+), (\d+) messages logged, xml (\w+),?|(disabled)(?:, xml (\w+),?)?)$`
func matchLogDest(s string, m *scanM) bool {
	var ok bool
	switch {
	case len(s) >= 7 && s[:7] == "Console":
		m[1], s = s[:7], s[7:]
	case len(s) >= 7 && s[:7] == "Monitor":
		m[1], s = s[:7], s[7:]
	case len(s) >= 6 && s[:6] == "Buffer":
		m[1], s = s[:6], s[6:]
	default:
		return false
	}
	if s, ok = cutLit(s, " logging:"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if rest, ok := cutLit(s, "level "); ok {
		// The two alternatives start differently: only one can match.
		var w, d, x string
		if w, rest, ok = takeWord(rest); !ok {
			return false
		}
		if rest, ok = cutLit(rest, ", "); !ok {
			return false
		}
		if d, rest, ok = takeDigits(rest); !ok {
			return false
		}
		if rest, ok = cutLit(rest, " messages logged, xml "); !ok {
			return false
		}
		if x, rest, ok = takeWord(rest); !ok {
			return false
		}
		if rest != "" && rest != "," {
			return false
		}
		m[2], m[3], m[4] = w, d, x
		return true
	}
	if s, ok = cutLit(s, "disabled"); !ok {
		return false
	}
	if s == "" {
		m[5] = "disabled"
		return true
	}
	if s, ok = cutLit(s, ", xml "); !ok {
		return false
	}
	var x string
	if x, s, ok = takeWord(s); !ok {
		return false
	}
	if s != "" && s != "," {
		return false
	}
	m[5], m[6] = "disabled", x
	return true
}

// `^filtering (\w+)`
func matchLogFilter(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "filtering "); !ok {
		return false
	}
	m[1], _, ok = takeWord(s)
	return ok
}

// `^Exception Logging: size \((\d+) bytes\)`
func matchLogExcSize(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Exception Logging: size ("); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	_, ok = cutLit(s, " bytes)")
	return ok
}

// `^Trap logging: level (\w+), (\d+) message lines logged`
func matchLogTrap(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Trap logging: level "); !ok {
		return false
	}
	if m[1], s, ok = takeWord(s); !ok {
		return false
	}
	if s, ok = cutLit(s, ", "); !ok {
		return false
	}
	if m[2], s, ok = takeDigits(s); !ok {
		return false
	}
	_, ok = cutLit(s, " message lines logged")
	return ok
}

// `^Logging to (\S+) +(?:\((\S+)\) +)?\((\w+) port (\d+), +audit (\w+),?$`
func matchLogTo(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Logging to "); !ok {
		return false
	}
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	// The optional "(VRF) " group: \S+ backtracks to the last ')' of the
	// token, which must be followed by spaces, so the token must end with
	// ')'. A token that fits it cannot also start "(\w+ port", so trying
	// the group first never hides a match without it.
	if tok, rest, _ := takeNonSpace(s); len(tok) >= 3 && tok[0] == '(' && tok[len(tok)-1] == ')' {
		if r, sp := skipSpaces(rest); sp {
			m[2], s = tok[1:len(tok)-1], r
		}
	}
	if s, ok = cutLit(s, "("); !ok {
		return false
	}
	if m[3], s, ok = takeWord(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " port "); !ok {
		return false
	}
	if m[4], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, ","); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "audit "); !ok {
		return false
	}
	if m[5], s, ok = takeWord(s); !ok {
		return false
	}
	return s == "" || s == ","
}

// `^Log Buffer \((\d+) bytes\):`
func matchLogBuf(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Log Buffer ("); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	_, ok = cutLit(s, " bytes):")
	return ok
}

// `^(\d+) message lines (logged|rate-limited|dropped-by-MD),?$`
func matchLogLines(s string, m *scanM) bool {
	var ok bool
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " message lines "); !ok {
		return false
	}
	for _, w := range [...]string{"logged", "rate-limited", "dropped-by-MD"} {
		if rest, ok := cutLit(s, w); ok && (rest == "" || rest == ",") {
			m[2] = w
			return true
		}
	}
	return false
}

// `^(\S+)(?: +(\S+))?$`
func matchTwoWords(s string, m *scanM) bool {
	var ok bool
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s == "" {
		return true
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	m[2], s, ok = takeNonSpace(s)
	return ok && s == ""
}

// `url (\S+), disk space (\d+) bytes, file size (\d+) bytes, batch size (\d+) bytes(?:, threshold capacity (\d+))?`,
// unanchored: the leftmost "url " whose tail matches.
func matchLogPers(s string, m *scanM) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], "url ")
		if i < 0 {
			return false
		}
		if logPersTail(s[from+i+4:], m) {
			return true
		}
		from += i + 1
	}
}

func logPersTail(s string, m *scanM) bool {
	var ok bool
	var url, disk, file, batch string
	if url, s, ok = tokenComma(s, " disk space "); !ok {
		return false
	}
	if disk, s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " bytes, file size "); !ok {
		return false
	}
	if file, s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " bytes, batch size "); !ok {
		return false
	}
	if batch, s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " bytes"); !ok {
		return false
	}
	m[1], m[2], m[3], m[4], m[5] = url, disk, file, batch, ""
	if r, ok := cutLit(s, ", threshold capacity "); ok {
		m[5], _, _ = takeDigits(r)
	}
	return true
}
