package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowPlatform is the result of "show platform" (Genie ShowPlatform).
type ShowPlatform struct {
	Main *PlatformMain            `json:"main,omitempty"`
	Slot map[string]*PlatformSlot `json:"slot"`
}

// PlatformMain holds chassis-wide facts.
type PlatformMain struct {
	SwitchMACAddress       string `json:"switch_mac_address,omitempty"`
	MACPersistencyWaitTime string `json:"mac_persistency_wait_time,omitempty"`
	Chassis                string `json:"chassis,omitempty"`
	SWStack                bool   `json:"swstack,omitempty"`
}

// PlatformSlot groups a slot's cards by role, keyed by card type.
type PlatformSlot struct {
	RP    map[string]*PlatformCard `json:"rp,omitempty"`
	LC    map[string]*PlatformCard `json:"lc,omitempty"`
	Other map[string]*PlatformCard `json:"other,omitempty"`
}

// PlatformCard is one card or stack member.
type PlatformCard struct {
	SN              string                                 `json:"sn,omitempty"`
	State           *string                                `json:"state,omitempty"`
	NumOfPorts      string                                 `json:"num_of_ports,omitempty"`
	MACAddress      string                                 `json:"mac_address,omitempty"`
	HWVer           string                                 `json:"hw_ver,omitempty"`
	SWVer           string                                 `json:"sw_ver,omitempty"`
	SWStackRole     string                                 `json:"swstack_role,omitempty"`
	SWStackPriority string                                 `json:"swstack_priority,omitempty"`
	Ports           string                                 `json:"ports,omitempty"`
	Role            string                                 `json:"role,omitempty"`
	Name            *string                                `json:"name,omitempty"`
	Slot            string                                 `json:"slot,omitempty"`
	Priority        string                                 `json:"priority,omitempty"`
	InsertTime      string                                 `json:"insert_time,omitempty"`
	FWVer           string                                 `json:"fw_ver,omitempty"`
	CPLDVer         string                                 `json:"cpld_ver,omitempty"`
	Subslot         map[string]map[string]*PlatformSubCard `json:"subslot,omitempty"`
}

// PlatformSubCard is a card in a subslot (SPA, NIM, EPA).
type PlatformSubCard struct {
	Name       string `json:"name,omitempty"`
	State      string `json:"state,omitempty"`
	InsertTime string `json:"insert_time,omitempty"`
	Subslot    string `json:"subslot,omitempty"`
}

// Line patterns are matched by hand (misc_scan.go).

// ParseShowPlatform parses "show platform".
func ParseShowPlatform(out string) (*ShowPlatform, error) {
	r, _, err := parseShowPlatform(out, nil)
	return r, err
}

func parseShowPlatform(out string, _ core.Params) (*ShowPlatform, []string, error) {
	var un core.Unparsed
	res := &ShowPlatform{Slot: map[string]*PlatformSlot{}}
	main := func() *PlatformMain {
		if res.Main == nil {
			res.Main = &PlatformMain{}
		}
		return res.Main
	}
	section := ""
	var fbuf [8]string
	colType, colState, colIns := 10, 30, 52
	cards := map[string]*PlatformCard{} // slot -> its card
	slotOf := func(s string) *PlatformSlot {
		sl := res.Slot[s]
		if sl == nil {
			sl = &PlatformSlot{}
			res.Slot[s] = sl
		}
		return sl
	}
	place := func(slot, role, name string, c *PlatformCard) {
		sl := slotOf(slot)
		var mp *map[string]*PlatformCard
		switch role {
		case "rp":
			mp = &sl.RP
		case "lc":
			mp = &sl.LC
		default:
			mp = &sl.Other
		}
		if *mp == nil {
			*mp = map[string]*PlatformCard{}
		}
		(*mp)[name] = c
		cards[slot] = c
	}
	roleOf := func(slot string) string {
		switch {
		case slot != "" && slot[0] >= '0' && slot[0] <= '9':
			return "lc"
		case strings.HasPrefix(slot, "R"):
			return "rp"
		}
		return "other"
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "show platform") || strings.HasPrefix(l, "sh platform") || strings.HasPrefix(l, "--- show") {
			continue
		}
		switch {
		case strings.HasPrefix(l, "Chassis type:"):
			main().Chassis = strings.TrimSpace(l[len("Chassis type:"):])
			continue
		case strings.HasPrefix(l, "Slot") && strings.Contains(l, "Insert time"):
			section = "slots"
			colType, colState, colIns = strings.Index(raw, "Type"), strings.Index(raw, "State"), strings.Index(raw, "Insert")
			continue
		case strings.HasPrefix(l, "Slot") && strings.Contains(l, "CPLD Version"):
			section = "cpld"
			continue
		case strings.HasPrefix(l, "Switch") && strings.Contains(l, "Ports") && strings.Contains(l, "Model"):
			section = "switch"
			main().SWStack = true
			continue
		case strings.HasPrefix(l, "Switch#") && strings.Contains(l, "Role"):
			section = "role"
			continue
		case l == "Current":
			continue
		case strings.HasPrefix(l, "Switch/Stack Mac Address"):
			_, v, _ := strings.Cut(l, ":")
			f := strings.Fields(v)
			if len(f) > 0 {
				main().SwitchMACAddress = f[0]
			}
			continue
		case strings.HasPrefix(l, "Mac persistency wait time:"):
			main().MACPersistencyWaitTime = strings.ToLower(strings.TrimSpace(l[len("Mac persistency wait time:"):]))
			continue
		}
		switch section {
		case "slots":
			if slotCol, typ, state, ins, ok := platformColumns(raw, colType, colState, colIns); ok {
				slot, sub, _ := strings.Cut(slotCol, "/")
				if sub != "" {
					parent := cards[slot]
					if parent == nil {
						parent = &PlatformCard{Slot: slot}
						place(slot, "other", typ, parent)
					}
					if parent.Subslot == nil {
						parent.Subslot = map[string]map[string]*PlatformSubCard{}
					}
					parent.Subslot[sub] = map[string]*PlatformSubCard{typ: {Name: typ, State: state, InsertTime: ins, Subslot: sub}}
					continue
				}
				role := roleOf(slot)
				if typ == "" {
					role = "other"
				}
				place(slot, role, typ, &PlatformCard{Name: ptr(typ), Slot: slot, State: ptr(state), InsertTime: ins})
				continue
			}
		case "cpld":
			if m := (scanM{}); matchPlatCPLD(l, &m) {
				if c := cards[m[1]]; c != nil {
					c.CPLDVer, c.FWVer = m[2], m[3]
				}
				continue
			}
		case "switch":
			if f := fieldsInto(fbuf[:0], l); len(f) == 7 && isDigits(f[0]) && isDigits(f[1]) {
				place(f[0], "rp", f[2], &PlatformCard{Slot: f[0], Name: ptr(f[2]), Ports: f[1], SN: f[3], MACAddress: f[4], HWVer: f[5], SWVer: f[6]})
				continue
			}
		case "role":
			// "*1       Active          3          Ready"
			if f, at := fieldsN(fbuf[:0], strings.TrimPrefix(l, "*"), 3); len(f) == 3 && isDigits(f[0]) && isDigits(f[2]) && at < len(l) {
				if c := cards[f[0]]; c != nil {
					c.SWStackRole, c.SWStackPriority, c.State = f[1], f[2], ptr(strings.TrimPrefix(l, "*")[at:])
				}
				continue
			}
		}
		un.Add(raw)
	}
	if len(res.Slot) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowPlatform", []string{"show platform"}, parseShowPlatform)
}

// platformColumns cuts a slot-table row at the header's column positions;
// the type column may be blank.
func platformColumns(raw string, cType, cState, cIns int) (slot, typ, state, ins string, ok bool) {
	if cType <= 0 || cState <= cType || cIns <= cState || len(raw) <= cIns {
		return "", "", "", "", false
	}
	cut := func(a, b int) string {
		if a > len(raw) {
			return ""
		}
		if b > len(raw) {
			b = len(raw)
		}
		return strings.TrimSpace(raw[a:b])
	}
	slot, typ, state, ins = cut(0, cType), cut(cType, cState), cut(cState, cIns), cut(cIns, len(raw))
	if slot == "" || state == "" || ins == "" || strings.Contains(slot, " ") {
		return "", "", "", "", false
	}
	return slot, typ, state, ins, true
}
