package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowPlatform is the parsed output of "show platform": cards by kind
// ("rp", "lc", "oc" for other cards) and slot ("0/RP0", "0/1", "0/FT0").
type ShowPlatform struct {
	Slot map[string]map[string]*PlatformSlot `json:"slot"`
}

// PlatformSlot is one card.
type PlatformSlot struct {
	Name            string                      `json:"name"`
	State           string                      `json:"state"`
	ConfigState     string                      `json:"config_state"`
	FullSlot        string                      `json:"full_slot"`
	RedundancyState string                      `json:"redundancy_state,omitempty"`
	Plim            string                      `json:"plim,omitempty"`
	Subslot         map[string]*PlatformSubslot `json:"subslot,omitempty"`
}

// PlatformSubslot is a daughter card (MPA, SPA) in a line card. Absent
// values are the string "None", as in Genie.
type PlatformSubslot struct {
	Name            string `json:"name,omitempty"`
	State           string `json:"state,omitempty"`
	ConfigState     string `json:"config_state,omitempty"`
	RedundancyState string `json:"redundancy_state,omitempty"`
}

func init() {
	register(core.Entry{
		Class:    "ShowPlatform",
		Commands: []string{"show platform"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowPlatform(out))
		},
	})
}

// ParseShowPlatform parses "show platform".
func ParseShowPlatform(out string) (*ShowPlatform, error) {
	r, _, err := parseShowPlatform(out)
	return r, err
}

// platformParser holds the kind maps and the slabs rows are carved from, so
// that a table costs a few allocations rather than a few per row.
type platformParser struct {
	res   *ShowPlatform
	kinds [3]map[string]*PlatformSlot // rp, lc, oc
	slots slab[PlatformSlot]
	subs  slab[PlatformSubslot]
	hint  int
}

var platformKinds = [3]string{"rp", "lc", "oc"}

func parseShowPlatform(out string) (*ShowPlatform, []string, error) {
	var un core.Unparsed
	pp := platformParser{res: &ShowPlatform{Slot: map[string]map[string]*PlatformSlot{}}, hint: lineCount(out)}
	hasPlim := false
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		// Rows start with the rack number: only other lines can be a
		// header, a rule or a timestamp; a row-like line is ignorable only
		// as a prompt (isIgnorable is false without '#' and '>').
		if t[0] < '0' || t[0] > '9' {
			if isIgnorable(t) {
				continue
			}
			if strings.HasPrefix(t, "Node") && strings.Contains(t, "Type") {
				hasPlim = strings.Contains(t, "PLIM")
				continue
			}
			if onlyDashesSpaces(t) {
				continue
			}
		} else if (strings.IndexByte(t, '#') >= 0 || strings.IndexByte(t, '>') >= 0) && isIgnorable(t) {
			continue
		}
		if !pp.row(t, hasPlim) {
			un.Add(line)
		}
	}
	if len(pp.res.Slot) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return pp.res, un.Lines(), nil
}

func (pp *platformParser) row(t string, hasPlim bool) bool {
	var cb [8]string
	cols := splitCols(cb[:0], t)
	node := cols[0]
	// node is rack/slot[/module]: split without allocating.
	var pb [3]string
	parts := pb[:0]
	for rest := node; ; {
		if len(parts) == 3 {
			return false
		}
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			parts = append(parts, rest)
			break
		}
		parts = append(parts, rest[:i])
		rest = rest[i+1:]
	}
	if len(parts) < 2 || !isDigits(parts[0]) || len(cols) < 3 {
		return false
	}
	var name, plim, state, cfg string
	name = cols[1]
	rest := cols[2:]
	if hasPlim {
		if len(rest) < 2 {
			return false
		}
		plim, rest = rest[0], rest[1:]
	}
	state = rest[0]
	cfg = "None"
	if len(rest) > 1 {
		cfg = rest[1]
	}
	if len(rest) > 2 {
		return false
	}
	red := ""
	if i := strings.IndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
		name, red = name[:i], name[i+1:len(name)-1]
	}
	slot := node[:len(parts[0])+1+len(parts[1])] // rack/slot, a prefix of node
	daughter := len(parts) == 3 && isDigits(parts[2])
	kind := 2 // oc
	switch {
	case hasRPOrRSP(slot):
		kind = 0
	case hasZeroSlashDigit(slot):
		// Genie files a slot as a line card when "0/<digit>" occurs in
		// it; racks other than 0 end up as "oc". Kept for compatibility.
		kind = 1
	}
	m := pp.kinds[kind]
	if m == nil {
		m = map[string]*PlatformSlot{}
		pp.kinds[kind] = m
		pp.res.Slot[platformKinds[kind]] = m
	}
	s := m[slot]
	if s == nil {
		// Field by field: the slot is zeroed, and a struct copy into the
		// heap takes the bulk write barrier while the GC runs.
		s = pp.slots.next(pp.hint)
		s.Name, s.FullSlot, s.State, s.ConfigState, s.RedundancyState = name, node, state, cfg, red
		if hasPlim {
			s.Plim = plim
		}
		m[slot] = s
	}
	if daughter {
		if s.Subslot == nil {
			s.Subslot = map[string]*PlatformSubslot{}
		}
		if s.Subslot[parts[2]] == nil {
			r := red
			if r == "" {
				r = "None"
			}
			sub := pp.subs.next(pp.hint)
			sub.Name, sub.State, sub.ConfigState, sub.RedundancyState = name, state, cfg, r
			s.Subslot[parts[2]] = sub
		}
	}
	return true
}

func hasZeroSlashDigit(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '0' && s[i+1] == '/' && s[i+2] >= '0' && s[i+2] <= '9' {
			return true
		}
	}
	return false
}

// hasRPOrRSP is strings.Contains(s, "RP") || strings.Contains(s, "RSP")
// for a short slot name, without two substring searches.
func hasRPOrRSP(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 'R' && (s[i+1] == 'P' || s[i+1] == 'S' && i+2 < len(s) && s[i+2] == 'P') {
			return true
		}
	}
	return false
}
