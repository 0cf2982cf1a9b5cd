package iosxe

import (
	"regexp"
	"strings"
)

// Matchers for the "show version" line patterns, each the regexp quoted
// above it matched by hand (see logging_scan.go for the conventions);
// where the regexp would backtrack, the comment says how the scan picks
// the same match. scan_test.go checks each against its pattern.

// `^Cisco IOS XE Software, Version (\S+)`
func matchVerXE(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Cisco IOS XE Software, Version "); !ok {
		return false
	}
	m[1], _, ok = takeNonSpace(s)
	return ok
}

// `^Copyright \(c\) (\S+) by`
func matchCopyright(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Copyright (c) "); !ok {
		return false
	}
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	_, ok = cutLit(s, " by")
	return ok
}

// `^Compiled (.+) by (\S+)`: the greedy .+ ends at the last " by "
// followed by a non-space.
func matchCompiled(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Compiled "); !ok {
		return false
	}
	for end := len(s); ; {
		i := strings.LastIndex(s[:end], " by ")
		if i < 1 {
			return false
		}
		if i+4 < len(s) && !isRegexpSpace(s[i+4]) {
			m[1] = s[:i]
			m[2], _, _ = takeNonSpace(s[i+4:])
			return true
		}
		// The next candidate starts before i (occurrences may overlap).
		end = i + 3
	}
}

// `^System returned to ROM by (.+?)(?: at (.+))?$`: the lazy .+? ends at
// the first " at " after at least one byte with text after it; without
// one, it takes the whole rest.
func matchReturned(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "System returned to ROM by "); !ok || s == "" {
		return false
	}
	for from := 1; from < len(s); {
		i := strings.Index(s[from:], " at ")
		if i < 0 {
			break
		}
		k := from + i
		if k+4 < len(s) {
			m[1], m[2] = s[:k], s[k+4:]
			return true
		}
		from = k + 1
	}
	m[1] = s
	return true
}

// `^System restarted at (.+)$`
func matchRestarted(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "System restarted at "); !ok || s == "" {
		return false
	}
	m[1] = s
	return true
}

// `^System image file is "([^"]*)"`
func matchImageFile(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, `System image file is "`); !ok {
		return false
	}
	i := strings.IndexByte(s, '"')
	if i < 0 {
		return false
	}
	m[1] = s[:i]
	return true
}

// `^(?:[Cc]isco|Allen-Bradley) +(\S+) +\(([^)]+)\) +processor.* with +(\d+)K(?:/\d+K)? +bytes +of +(?:physical +)?memory`:
// the greedy .* ends at the last " with" whose tail matches.
func matchProcessor(s string, m *scanM) bool {
	var ok bool
	switch {
	case len(s) >= 5 && (s[0] == 'C' || s[0] == 'c') && s[1:5] == "isco":
		s = s[5:]
	case len(s) >= 13 && s[:13] == "Allen-Bradley":
		s = s[13:]
	default:
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	var chassis, ptype string
	if chassis, s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "("); !ok {
		return false
	}
	i := strings.IndexByte(s, ')')
	if i <= 0 {
		return false
	}
	ptype, s = s[:i], s[i+1:]
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "processor"); !ok {
		return false
	}
	for end := len(s); ; {
		j := strings.LastIndex(s[:end], " with")
		if j < 0 {
			return false
		}
		if mem, ok := processorMemTail(s[j+5:]); ok {
			m[1], m[2], m[3] = chassis, ptype, mem
			return true
		}
		end = j + 4
	}
}

// processorMemTail matches ` +(\d+)K(?:/\d+K)? +bytes +of +(?:physical +)?memory`
// after " with"; every step is forced, so no backtracking is needed.
func processorMemTail(s string) (string, bool) {
	var ok bool
	var mem string
	if s, ok = skipSpaces(s); !ok {
		return "", false
	}
	if mem, s, ok = takeDigits(s); !ok {
		return "", false
	}
	if s, ok = cutLit(s, "K"); !ok {
		return "", false
	}
	if r, ok := cutLit(s, "/"); ok {
		if _, r, ok = takeDigits(r); ok {
			if r, ok = cutLit(r, "K"); ok {
				s = r
			}
		}
	}
	if s, ok = skipSpaces(s); !ok {
		return "", false
	}
	if s, ok = cutLit(s, "bytes"); !ok {
		return "", false
	}
	if s, ok = skipSpaces(s); !ok {
		return "", false
	}
	if s, ok = cutLit(s, "of"); !ok {
		return "", false
	}
	if s, ok = skipSpaces(s); !ok {
		return "", false
	}
	if r, ok := cutLit(s, "physical"); ok {
		if r, ok = skipSpaces(r); ok && strings.HasPrefix(r, "memory") {
			return mem, true
		}
	}
	return mem, strings.HasPrefix(s, "memory")
}

// `^Processor board ID ([^\s,]+)`
func matchBoardID(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Processor board ID "); !ok {
		return false
	}
	i := 0
	for i < len(s) && !isRegexpSpace(s[i]) && s[i] != ',' {
		i++
	}
	m[1] = s[:i]
	return i > 0
}

// `^Configuration register is (\S+)(?: \(will be (\S+) at next reload\))?`
func matchConfReg(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Configuration register is "); !ok {
		return false
	}
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if r, ok := cutLit(s, " (will be "); ok {
		if next, r, ok := takeNonSpace(r); ok && strings.HasPrefix(r, " at next reload)") {
			m[2] = next
		}
	}
	return true
}

// `^(\S+) CPU at (\S+?),(?: (\S+) core,)?(?: (\S+) L2 Cache)?(?: Supervisor (\S+))?`:
// the lazy \S+? ends at the first ',' after at least one byte; the
// optional groups are taken whenever they match, as nothing after them
// can fail.
func matchCPU(s string, m *scanM) bool {
	var ok bool
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " CPU at "); !ok {
		return false
	}
	k := 1
	for ; k < len(s); k++ {
		if isRegexpSpace(s[k-1]) {
			return false
		}
		if s[k] == ',' {
			break
		}
	}
	if k >= len(s) {
		return false
	}
	m[2], s = s[:k], s[k+1:]
	if r, ok := cutLit(s, " "); ok {
		if w, r, ok := takeNonSpace(r); ok {
			if r, ok = cutLit(r, " core,"); ok {
				m[3], s = w, r
			}
		}
	}
	if r, ok := cutLit(s, " "); ok {
		if w, r, ok := takeNonSpace(r); ok {
			if r, ok = cutLit(r, " L2 Cache"); ok {
				m[4], s = w, r
			}
		}
	}
	if r, ok := cutLit(s, " Supervisor "); ok {
		m[5], _, _ = takeNonSpace(r)
	}
	return true
}

// tokenComma matches `(\S+), LIT` at the start of s: \S+ backtracks from
// the whole non-space token to the ',' that ends it. It returns the
// token without the comma and the text after LIT.
func tokenComma(s, lit string) (string, string, bool) {
	t, rest, _ := takeNonSpace(s)
	if len(t) < 2 || t[len(t)-1] != ',' {
		return "", "", false
	}
	r, ok := cutLit(rest, lit)
	return t[:len(t)-1], r, ok
}

// `^Image text-base: (\S+), data-base: (\S+)`
func matchImageBase(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Image text-base: "); !ok {
		return false
	}
	if m[1], s, ok = tokenComma(s, " data-base: "); !ok {
		return false
	}
	m[2], _, ok = takeNonSpace(s)
	return ok
}

// `^Jawa Revision (\S+), Snowtrooper Revision (\S+)`
func matchJawa(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Jawa Revision "); !ok {
		return false
	}
	if m[1], s, ok = tokenComma(s, " Snowtrooper Revision "); !ok {
		return false
	}
	m[2], _, ok = takeNonSpace(s)
	return ok
}

// `^Switch +0*(\d+)$`: 0* gives back one zero when the number is all
// zeros.
func matchSwitchHdr(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Switch"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok || !isDigits(s) {
		return false
	}
	i := 0
	for i < len(s)-1 && s[i] == '0' {
		i++
	}
	m[1] = s[i:]
	return true
}

// `^(\S+) +(\S+) +(\S+) +(\S+)$`
func matchLicRow4(s string, m *scanM) bool {
	var ok bool
	for i := 1; i <= 4; i++ {
		if i > 1 {
			if s, ok = skipSpaces(s); !ok {
				return false
			}
		}
		if m[i], s, ok = takeNonSpace(s); !ok {
			return false
		}
	}
	return s == ""
}

// `^Suite License Information for Module:'(\S+)'`: \S+ backtracks to the
// last quote of the token after at least one byte.
func matchSuiteHdr(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Suite License Information for Module:'"); !ok {
		return false
	}
	t, _, _ := takeNonSpace(s)
	j := strings.LastIndexByte(t, '\'')
	if j < 1 {
		return false
	}
	m[1] = t[:j]
	return true
}

// `^\d+ .*(?:interface|line|port)s?(?:\(s\))?\.?$`: with .* free, the
// line only needs to end with one of the suffix forms.
func matchClassicCount(s string) bool {
	_, s, ok := takeDigits(s)
	if !ok {
		return false
	}
	if s, ok = cutLit(s, " "); !ok {
		return false
	}
	s = strings.TrimSuffix(s, ".")
	s = strings.TrimSuffix(s, "(s)")
	s = strings.TrimSuffix(s, "s")
	if strings.HasSuffix(s, "interface") || strings.HasSuffix(s, "line") || strings.HasSuffix(s, "port") {
		return true
	}
	return false
}

// `^[A-Z][A-Za-z ]+(?:number|Address): \S+$`: the letters-and-spaces run
// must end at the ':' with the keyword as its tail.
func matchClassicKV(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	j := 1
	for j < len(s) && (isLetter(s[j]) || s[j] == ' ') {
		j++
	}
	run := s[1:j]
	if !(len(run) > 6 && strings.HasSuffix(run, "number") || len(run) > 7 && strings.HasSuffix(run, "Address")) {
		return false
	}
	r, ok := cutLit(s[j:], ": ")
	if !ok {
		return false
	}
	_, r, ok = takeNonSpace(r)
	return ok && r == ""
}

// `^License Level: (\S+) +Type: (.+)$`
func matchLicLevelTy(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "License Level: "); !ok {
		return false
	}
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "Type: "); !ok || s == "" {
		return false
	}
	m[2] = s
	return true
}

// `^(?:Cisco IOS Software|IOS \(tm\))(?: \[(.*?)\])?,? *(?:IOS-XE Software, )?(.+?) +Software \(([^)]+)\),(?: (Experimental))? Version ([^ ,]+)(?:,? *(.*))?$`
//
// The choices are tried in the order the regexp's backtracking tries
// them: the bracket group with each ']' from the first, then without it;
// the comma taken, then not; the most spaces first; the IOS-XE group
// taken, then not; the platform (.+?) as short as possible. Everything
// after the platform is forced.
func matchVerIOS(l string, m *scanM) bool {
	s, ok := cutLit(l, "Cisco IOS Software")
	if !ok {
		if s, ok = cutLit(l, "IOS (tm)"); !ok {
			return false
		}
	}
	if len(s) > 400 || strings.Count(s, "]") > 4 || strings.Count(s, "Software (") > 4 {
		// The search below retries the platform for each ']' and each
		// choice of comma and spaces: fine on a real version line, but
		// far slower than the regexp engine's linear time on long
		// odd lines, which get the regexp itself.
		return verIOSRegexp(l, m)
	}
	if r, ok := cutLit(s, " ["); ok {
		for from := 0; ; {
			i := strings.IndexByte(r[from:], ']')
			if i < 0 {
				break
			}
			k := from + i
			if verIOSAfterBracket(r[k+1:], m) {
				m[1] = r[:k]
				return true
			}
			from = k + 1
		}
	}
	return verIOSAfterBracket(s, m)
}

var reVerIOS = regexp.MustCompile(`^(?:Cisco IOS Software|IOS \(tm\))(?: \[(.*?)\])?,? *(?:IOS-XE Software, )?(.+?) +Software \(([^)]+)\),(?: (Experimental))? Version ([^ ,]+)(?:,? *(.*))?$`)

func verIOSRegexp(l string, m *scanM) bool {
	r := reVerIOS.FindStringSubmatch(l)
	if r == nil {
		return false
	}
	copy(m[1:], r[1:])
	return true
}

// verIOSAfterBracket matches `,? *(?:IOS-XE Software, )?(.+?)...$`.
func verIOSAfterBracket(s string, m *scanM) bool {
	commas := []string{s}
	if strings.HasPrefix(s, ",") {
		commas = []string{s[1:], s}
	}
	for _, c := range commas {
		n := 0
		for n < len(c) && c[n] == ' ' {
			n++
		}
		// Fewer spaces than n-2 give the same outcome as n-2: the
		// platform then starts with a space, and only a "Software ("
		// right after the spaces could match, already at n-2.
		for sp := n; sp >= max(n-2, 0); sp-- {
			r := c[sp:]
			if x, ok := cutLit(r, "IOS-XE Software, "); ok && verIOSPlatform(x, m) {
				return true
			}
			if verIOSPlatform(r, m) {
				return true
			}
		}
	}
	return false
}

// verIOSPlatform matches `(.+?) +Software \(([^)]+)\),(?: (Experimental))? Version ([^ ,]+)(?:,? *(.*))?$`:
// the shortest platform is the one before the first "Software (" (with
// spaces before it and at least one byte of platform) whose tail matches.
func verIOSPlatform(s string, m *scanM) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], "Software (")
		if i < 0 {
			return false
		}
		j := from + i
		a := j
		for a > 0 && s[a-1] == ' ' {
			a--
		}
		k := max(a, 1)
		if k < j && verIOSTail(s[j+len("Software ("):], m) {
			m[2] = s[:k]
			return true
		}
		from = j + 1
	}
}

// verIOSTail matches `([^)]+)\),(?: (Experimental))? Version ([^ ,]+)(?:,? *(.*))?$`
// after "Software (", filling groups 3 to 6.
func verIOSTail(s string, m *scanM) bool {
	var ok bool
	i := strings.IndexByte(s, ')')
	if i <= 0 {
		return false
	}
	id := s[:i]
	if s, ok = cutLit(s[i+1:], ","); !ok {
		return false
	}
	exp := ""
	if r, ok := cutLit(s, " Experimental"); ok {
		exp, s = "Experimental", r
	}
	if s, ok = cutLit(s, " Version "); !ok {
		return false
	}
	j := 0
	for j < len(s) && s[j] != ' ' && s[j] != ',' {
		j++
	}
	if j == 0 {
		return false
	}
	ver, s := s[:j], s[j:]
	s = strings.TrimPrefix(s, ",")
	s = strings.TrimLeft(s, " ")
	m[3], m[4], m[5], m[6] = id, exp, ver, s
	return true
}
