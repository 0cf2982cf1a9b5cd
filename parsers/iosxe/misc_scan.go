package iosxe

import "strings"

// Hand matchers for the ISSU, install and ping line patterns (see
// logging_scan.go for the conventions). scan_test.go checks each against
// its pattern.

// `^Loadversion time: (.+?) on (.+)$`: the lazy .+? ends at the first
// " on " after at least one byte that has text after it.
func matchIssuLoad(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Loadversion time: "); !ok {
		return false
	}
	for from := 1; from < len(s); {
		i := strings.Index(s[from:], " on ")
		if i < 0 {
			return false
		}
		k := from + i
		if k+4 < len(s) {
			m[1], m[2] = s[:k], s[k+4:]
			return true
		}
		from = k + 1
	}
	return false
}

// `^Rollback: (\w+)(?:, (?:remaining time before rollback: (\S+)|(.+)))?$`
func matchIssuRollback(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Rollback: "); !ok {
		return false
	}
	if m[1], s, ok = takeWord(s); !ok {
		return false
	}
	if s == "" {
		return true
	}
	if s, ok = cutLit(s, ", "); !ok || s == "" {
		return false
	}
	if r, ok := cutLit(s, "remaining time before rollback: "); ok {
		if t, rest, ok := takeNonSpace(r); ok && rest == "" {
			m[2] = t
			return true
		}
	}
	m[3] = s
	return true
}

// `^Operating mode: (\w+)(?:, terminal state (not )?reached)?`
func matchIssuOpMode(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Operating mode: "); !ok {
		return false
	}
	if m[1], s, ok = takeWord(s); !ok {
		return false
	}
	if r, ok := cutLit(s, ", terminal state "); ok {
		if r2, ok := cutLit(r, "not "); ok && strings.HasPrefix(r2, "reached") {
			m[2] = "not "
		}
	}
	return true
}

// `lock acquisition on R(\d+)`, unanchored: the leftmost occurrence
// followed by a digit.
func matchIssuLock(s string, m *scanM) bool {
	const lit = "lock acquisition on R"
	for from := 0; ; {
		i := strings.Index(s[from:], lit)
		if i < 0 {
			return false
		}
		if d, _, ok := takeDigits(s[from+i+len(lit):]); ok {
			m[1] = d
			return true
		}
		from += i + 1
	}
}

// `^\[ *(.+?) *\] .*Package\(s\) Information:`: the name starts after
// the spaces and ends at the first "] " (less the spaces before it) that
// has the literal after it; the regexp only gives a leading space back
// when the name would otherwise have to start at that "] ".
func matchInstLoc(s string, m *scanM) bool {
	const lit = "Package(s) Information:"
	var ok bool
	if s, ok = cutLit(s, "["); !ok {
		return false
	}
	last := strings.LastIndex(s, lit)
	if last < 0 {
		return false
	}
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	// name returns the lazy name starting at st, if any.
	name := func(st int) (string, bool) {
		for from := st + 1; from <= len(s); {
			i := strings.Index(s[from:], "] ")
			if i < 0 {
				return "", false
			}
			q := from + i
			if q+2 > last {
				return "", false
			}
			a := q
			for a > st+1 && s[a-1] == ' ' {
				a--
			}
			return s[st:a], true
		}
		return "", false
	}
	if v, ok := name(n); ok {
		m[1] = v
		return true
	}
	if n > 0 && strings.HasPrefix(s[n:], "] ") && n+2 <= last {
		m[1] = " "
		return true
	}
	return false
}

// `^Auto abort timer: (.+?)(?:, time before rollback - (\S+))?$`
func matchInstAbort(s string, m *scanM) bool {
	const lit = ", time before rollback - "
	var ok bool
	if s, ok = cutLit(s, "Auto abort timer: "); !ok || s == "" {
		return false
	}
	for from := 1; from < len(s); {
		i := strings.Index(s[from:], lit)
		if i < 0 {
			break
		}
		k := from + i
		if t, rest, ok := takeNonSpace(s[k+len(lit):]); ok && rest == "" {
			m[1], m[2] = s[:k], t
			return true
		}
		from = k + 1
	}
	m[1] = s
	return true
}

// `^Packet sent with a source address of (\S+)`
func matchPingSource(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Packet sent with a source address of "); !ok {
		return false
	}
	m[1], _, ok = takeNonSpace(s)
	return ok
}

// `^FAN PS-(\d+) is (.+)$`
func matchEnvFanPS(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "FAN PS-"); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " is "); !ok || s == "" {
		return false
	}
	m[2] = s
	return true
}

// `^Switch (\d+): SYSTEM TEMPERATURE is (.+)$`
func matchEnvSysTemp(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Switch "); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, ": SYSTEM TEMPERATURE is "); !ok || s == "" {
		return false
	}
	m[2] = s
	return true
}

// `^(\w+) Temperature Value: (\d+)`
func matchEnvTempVal(s string, m *scanM) bool {
	var ok bool
	if m[1], s, ok = takeWord(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " Temperature Value: "); !ok {
		return false
	}
	m[2], _, ok = takeDigits(s)
	return ok
}

// `^(Yellow|Red) Threshold *: *(\d+)`
func matchEnvThr(s string, m *scanM) bool {
	var ok bool
	switch {
	case hasPre(s, "Yellow"):
		m[1], s = "Yellow", s[6:]
	case hasPre(s, "Red"):
		m[1], s = "Red", s[3:]
	default:
		return false
	}
	if s, ok = cutLit(s, " Threshold"); !ok {
		return false
	}
	s, _ = skipSpaces(s)
	if s, ok = cutLit(s, ":"); !ok {
		return false
	}
	s, _ = skipSpaces(s)
	m[2], _, ok = takeDigits(s)
	return ok
}

// envPSUID matches `^(\d+)([A-Z]) +` at the start of a power-supply row.
func envPSUID(s string, m *scanM) (string, bool) {
	var ok bool
	if m[1], s, ok = takeDigits(s); !ok {
		return "", false
	}
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return "", false
	}
	m[2] = s[:1]
	return skipSpaces(s[1:])
}

// `^(\d+)([A-Z]) +(\S+) +(\S+) +(\S+) +(\S+) +(\S+) +(\d+)$`
func matchEnvPSURow(s string, m *scanM) bool {
	var ok bool
	if s, ok = envPSUID(s, m); !ok {
		return false
	}
	for i := 3; i <= 7; i++ {
		if m[i], s, ok = takeNonSpace(s); !ok {
			return false
		}
		if s, ok = skipSpaces(s); !ok {
			return false
		}
	}
	m[8] = s
	return isDigits(s)
}

// `^(\d+)([A-Z]) +Not Present$`
func matchEnvPSUNP(s string, m *scanM) bool {
	var ok bool
	if s, ok = envPSUID(s, m); !ok {
		return false
	}
	return s == "Not Present"
}

func isHexDotColon(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':'
}

// `^([0-9a-fA-F.:]+/\d+)(?:, epoch (\d+)(?:, flags \[(.*)\])?)?(?:, (per-destination sharing))?$`:
// the greedy flags text ends at the last ']', which must end the line or
// come right before ", per-destination sharing".
func matchCefPrefix(s string, m *[9]string) bool {
	const pds = ", per-destination sharing"
	i := 0
	for i < len(s) && isHexDotColon(s[i]) {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != '/' {
		return false
	}
	_, rest, ok := takeDigits(s[i+1:])
	if !ok {
		return false
	}
	m[1] = s[:len(s)-len(rest)]
	// tailPDS matches `(?:, (per-destination sharing))?$`.
	tailPDS := func(r string) bool {
		if r == "" {
			return true
		}
		if r == pds {
			m[4] = pds[2:]
			return true
		}
		return false
	}
	if r, ok := cutLit(rest, ", epoch "); ok {
		if d, r, ok := takeDigits(r); ok {
			if f, ok := cutLit(r, ", flags ["); ok {
				if j := strings.LastIndexByte(f, ']'); j >= 0 && tailPDS(f[j+1:]) {
					m[2], m[3] = d, f[:j]
					return true
				}
			}
			if tailPDS(r) {
				m[2] = d
				return true
			}
		}
	}
	// Without the epoch group the rest must start the optional tail; a
	// line with ", epoch" cannot.
	return tailPDS(rest)
}

// `^\[?(\w+)(?:\((\w+)\))?(?:\|(\w+)\])?$`
func matchCefLabel(s string, m *[9]string) bool {
	var ok bool
	s = strings.TrimPrefix(s, "[")
	if m[1], s, ok = takeWord(s); !ok {
		return false
	}
	if r, ok := cutLit(s, "("); ok {
		if w, r, ok := takeWord(r); ok {
			if r, ok = cutLit(r, ")"); ok {
				m[2], s = w, r
			}
		}
	}
	if r, ok := cutLit(s, "|"); ok {
		if w, r, ok := takeWord(r); ok {
			if r, ok = cutLit(r, "]"); ok {
				m[3], s = w, r
			}
		}
	}
	return s == ""
}

// `^(?:nexthop|attached to)(?: (\S+))?(?: (\S+))?(?: label (\S+?)(?:-\(local:(\d+)\))?)?(?: (\d+))?$`:
// the optional groups are tried taken first, as the regexp backtracks.
func matchCefNH(s string, m *[9]string) bool {
	var ok bool
	if s, ok = cutLit(s, "nexthop"); !ok {
		if s, ok = cutLit(s, "attached to"); !ok {
			return false
		}
	}
	for _, take1 := range [2]bool{true, false} {
		r1, a := s, ""
		if take1 {
			if a, r1, ok = spaceToken(s); !ok {
				continue
			}
		}
		for _, take2 := range [2]bool{true, false} {
			r2, b := r1, ""
			if take2 {
				if b, r2, ok = spaceToken(r1); !ok {
					continue
				}
			}
			for _, takeL := range [2]bool{true, false} {
				r3, lab, loc := r2, "", ""
				if takeL {
					if lab, loc, r3, ok = cefLabelGroup(r2); !ok {
						continue
					}
				}
				// `(?: (\d+))?$`
				sid := ""
				if r3 != "" {
					r, ok := cutLit(r3, " ")
					if !ok || !isDigits(r) {
						continue
					}
					sid = r
				}
				m[1], m[2], m[3], m[4], m[5] = a, b, lab, loc, sid
				return true
			}
		}
	}
	return false
}

// spaceToken matches ` (\S+)`; the token is whole, as a shorter one
// would leave a non-space where every later group needs a space or the
// end.
func spaceToken(s string) (string, string, bool) {
	r, ok := cutLit(s, " ")
	if !ok {
		return "", "", false
	}
	return takeNonSpace(r)
}

// cefLabelGroup matches ` label (\S+?)(?:-\(local:(\d+)\))?` where what
// follows must be "" or a space: the lazy label stops before a
// "-(local:N)" that ends the token, else takes the whole token.
func cefLabelGroup(s string) (label, local, rest string, ok bool) {
	r, ok := cutLit(s, " label ")
	if !ok {
		return "", "", "", false
	}
	t, rest, ok := takeNonSpace(r)
	if !ok {
		return "", "", "", false
	}
	if k := strings.LastIndex(t, "-(local:"); k >= 1 && t[len(t)-1] == ')' && isDigits(t[k+8:len(t)-1]) {
		return t[:k], t[k+8 : len(t)-1], rest, true
	}
	return t, "", rest, true
}

// `^(?:SPA|IM|NIM|PVDM|SM) +subslot +(\d+)/(\d+)`
func matchInvSubslot(s string, m *scanM) bool {
	var ok bool
	switch {
	case hasPre(s, "SPA"), hasPre(s, "NIM"):
		s = s[3:]
	case hasPre(s, "IM"), hasPre(s, "SM"):
		s = s[2:]
	case hasPre(s, "PVDM"):
		s = s[4:]
	default:
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "subslot"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "/"); !ok {
		return false
	}
	m[2], _, ok = takeDigits(s)
	return ok
}

// `^subslot +(\d+)/(.*)$`
func matchInvTrans(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "subslot"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "/"); !ok {
		return false
	}
	m[2] = s
	return true
}

// `^StackPort(\d+)/(\d+)$`
func matchInvStack(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "StackPort"); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "/"); !ok || !isDigits(s) {
		return false
	}
	m[2] = s
	return true
}

// `^Modem +\S+ +on +Cellular(\d+)/(.*)$`
func matchInvModem(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Modem"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if _, s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "on"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "Cellular"); !ok {
		return false
	}
	if m[1], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "/"); !ok {
		return false
	}
	m[2] = s
	return true
}

// `^(?:Slot \d+ (?:Linecard|Supervisor)|Fan Tray(?: \d+)?)$`
func matchInvSlotName(s string) bool {
	if r, ok := cutLit(s, "Slot "); ok {
		_, r, ok = takeDigits(r)
		return ok && (r == " Linecard" || r == " Supervisor")
	}
	if r, ok := cutLit(s, "Fan Tray"); ok {
		if r == "" {
			return true
		}
		r, ok = cutLit(r, " ")
		return ok && isDigits(r)
	}
	return false
}

// `^(?:Switch|[Mm]odule) +(\S+)`
func matchInvSwitch(s string, m *scanM) bool {
	var ok bool
	switch {
	case hasPre(s, "Switch"):
		s = s[6:]
	case len(s) >= 6 && (s[0] == 'M' || s[0] == 'm') && s[1:6] == "odule":
		s = s[6:]
	default:
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	m[1], _, ok = takeNonSpace(s)
	return ok
}

// `^(Standby )?Configuration register is (\S+)(?: +\(will be (\S+) at next reload\))?`
func matchBVConfig(s string, m *scanM) bool {
	var ok bool
	if r, ok := cutLit(s, "Standby "); ok {
		m[1], s = "Standby ", r
	}
	if s, ok = cutLit(s, "Configuration register is "); !ok {
		return false
	}
	if m[2], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if r, ok := skipSpaces(s); ok {
		if r, ok = cutLit(r, "(will be "); ok {
			if t, r, ok := takeNonSpace(r); ok && hasPre(r, " at next reload)") {
				m[3] = t
			}
		}
	}
	return true
}

// `^(Standby )?Configuration [Rr]egister is (\S+)`
func matchConfReg2(s string, m *scanM) bool {
	var ok bool
	if r, ok := cutLit(s, "Standby "); ok {
		m[1], s = "Standby ", r
	}
	if s, ok = cutLit(s, "Configuration "); !ok || s == "" || s[0] != 'R' && s[0] != 'r' {
		return false
	}
	if s, ok = cutLit(s[1:], "egister is "); !ok {
		return false
	}
	m[2], _, ok = takeNonSpace(s)
	return ok
}

// `^via DHCP: +(\w+)(?: \(next boot: (\w+)\))?`
func matchBootDHCP(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "via DHCP:"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if m[1], s, ok = takeWord(s); !ok {
		return false
	}
	if r, ok := cutLit(s, " (next boot: "); ok {
		if w, r, ok := takeWord(r); ok && hasPre(r, ")") {
			m[2] = w
		}
	}
	return true
}

// `^Number of (Critical|Major|Minor) alarms: +(\d+)`
func matchEnvAlarm(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Number of "); !ok {
		return false
	}
	switch {
	case hasPre(s, "Critical"):
		m[1], s = "Critical", s[8:]
	case hasPre(s, "Major"):
		m[1], s = "Major", s[5:]
	case hasPre(s, "Minor"):
		m[1], s = "Minor", s[5:]
	default:
		return false
	}
	if s, ok = cutLit(s, " alarms:"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	m[2], _, ok = takeDigits(s)
	return ok
}

// `^Chassis(?: (\d+))? MAC address range: (\d+) addresses from (\S+) to (\S+)`
func matchModChassisMAC(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "Chassis"); !ok {
		return false
	}
	if r, ok := cutLit(s, " "); ok {
		if d, r, ok := takeDigits(r); ok && hasPre(r, " MAC address range: ") {
			m[1], s = d, r
		}
	}
	if s, ok = cutLit(s, " MAC address range: "); !ok {
		return false
	}
	if m[2], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " addresses from "); !ok {
		return false
	}
	if m[3], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " to "); !ok {
		return false
	}
	m[4], _, ok = takeNonSpace(s)
	return ok
}

// `^(?:Core (\d+): )?CPU utilization for five seconds: (\d+)%(?:/(\d+)%)?; +one minute: (\d+)%; +five minutes: (\d+)%`
func matchCPUUtil(s string, m *scanM) bool {
	var ok bool
	if r, ok := cutLit(s, "Core "); ok {
		if d, r, ok := takeDigits(r); ok {
			if r, ok = cutLit(r, ": "); ok {
				m[1], s = d, r
			}
		}
	}
	if s, ok = cutLit(s, "CPU utilization for five seconds: "); !ok {
		return false
	}
	if m[2], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "%"); !ok {
		return false
	}
	if r, ok := cutLit(s, "/"); ok {
		if d, r, ok := takeDigits(r); ok {
			if r, ok = cutLit(r, "%"); ok {
				m[3], s = d, r
			}
		}
	}
	if s, ok = cutLit(s, ";"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "one minute: "); !ok {
		return false
	}
	if m[4], s, ok = takeDigits(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "%;"); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s, ok = cutLit(s, "five minutes: "); !ok {
		return false
	}
	if m[5], s, ok = takeDigits(s); !ok {
		return false
	}
	_, ok = cutLit(s, "%")
	return ok
}

// `^System memory: (\S+) total, (\S+) used, (\S+) free`
func matchSysMem(s string, m *scanM) bool {
	var ok bool
	if s, ok = cutLit(s, "System memory: "); !ok {
		return false
	}
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " total, "); !ok {
		return false
	}
	if m[2], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = cutLit(s, " used, "); !ok {
		return false
	}
	if m[3], s, ok = takeNonSpace(s); !ok {
		return false
	}
	_, ok = cutLit(s, " free")
	return ok
}

func isCPLDByte(c byte) bool { return isWordByte(c) || c == '.' || c == '(' || c == ')' }

// `^(\S+) +(\d+|N/A) +([\w.()]+|N/A)$`
func matchPlatCPLD(s string, m *scanM) bool {
	var ok bool
	if m[1], s, ok = takeNonSpace(s); !ok {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if d, r, ok := takeDigits(s); ok && hasPre(r, " ") {
		m[2], s = d, r
	} else if hasPre(s, "N/A ") {
		m[2], s = "N/A", s[3:]
	} else {
		return false
	}
	if s, ok = skipSpaces(s); !ok {
		return false
	}
	if s == "N/A" {
		m[3] = s
		return true
	}
	for i := 0; i < len(s); i++ {
		if !isCPLDByte(s[i]) {
			return false
		}
	}
	m[3] = s
	return s != ""
}
