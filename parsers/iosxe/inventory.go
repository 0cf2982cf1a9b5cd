package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInventory is the result of "show inventory" (Genie ShowInventory):
// chassis and interface-like entries under Main, modules under Slot.
type ShowInventory struct {
	Main *InventoryMain            `json:"main,omitempty"`
	Slot map[string]*InventorySlot `json:"slot,omitempty"`
}

// InventoryMain holds entries not tied to a slot, keyed by name then PID
// (Genie keys the chassis as "chassis").
type InventoryMain struct {
	SWStack bool
	Items   map[string]map[string]InventoryItem
}

// MarshalJSON flattens Items beside the swstack flag as Genie does.
func (m InventoryMain) MarshalJSON() ([]byte, error) {
	out := make(map[string]any, len(m.Items)+1)
	for k, v := range m.Items {
		out[k] = v
	}
	if m.SWStack {
		out["swstack"] = true
	}
	return jsonMarshal(out)
}

// InventorySlot groups a slot's entries by role: route processor, line
// card or other, each keyed by PID.
type InventorySlot struct {
	RP    map[string]*InventoryItem `json:"rp,omitempty"`
	LC    map[string]*InventoryItem `json:"lc,omitempty"`
	Other map[string]*InventoryItem `json:"other,omitempty"`
}

// InventoryItem is one NAME/DESCR/PID/VID/SN entry; Subslot holds the
// entries plugged into it, keyed by subslot then PID.
type InventoryItem struct {
	Name    *string                             `json:"name,omitempty"`
	Descr   *string                             `json:"descr,omitempty"`
	PID     *string                             `json:"pid,omitempty"`
	VID     *string                             `json:"vid,omitempty"`
	SN      *string                             `json:"sn,omitempty"`
	Subslot map[string]map[string]InventoryItem `json:"subslot,omitempty"`
}

// Item names are matched by hand (misc_scan.go).

// ParseShowInventory parses "show inventory".
func ParseShowInventory(out string) (*ShowInventory, error) {
	r, _, err := parseShowInventory(out, nil)
	return r, err
}

func parseShowInventory(out string, _ core.Params) (*ShowInventory, []string, error) {
	var un core.Unparsed
	res := &ShowInventory{}
	var (
		name, descr string
		strs        slab[string] // the items' optional fields, one block for many
	)
	str := func(v string) *string {
		p := strs.next()
		*p = v
		return p
	}
	haveName := false
	main := func() *InventoryMain {
		if res.Main == nil {
			res.Main = &InventoryMain{Items: map[string]map[string]InventoryItem{}}
		}
		return res.Main
	}
	slotOf := func(s string) *InventorySlot {
		if res.Slot == nil {
			res.Slot = map[string]*InventorySlot{}
		}
		sl := res.Slot[s]
		if sl == nil {
			sl = &InventorySlot{}
			res.Slot[s] = sl
		}
		return sl
	}
	// last entry put in each slot, per role, so subslots attach to it
	lastRP, lastLC := map[string]string{}, map[string]string{}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show inventory") || isNoise(l) || isEcho(l) {
			continue
		}
		if n, d, ok := invNameLine(l); ok {
			name, descr, haveName = trimLine(n), trimLine(d), true
			continue
		}
		pid, vid, sn, ok := invPIDLine(l)
		if !ok || !haveName {
			un.Add(raw)
			continue
		}
		haveName = false
		item := InventoryItem{Name: str(name), Descr: str(descr), PID: str(pid), VID: str(vid), SN: str(sn)}
		if strings.Contains(pid, "STACK") {
			main().SWStack = true
		}
		if strings.Contains(name, "Chassis") {
			main().Items["chassis"] = map[string]InventoryItem{pid: item}
			if strings.Contains(pid, "ASR-9") {
				sl := slotOf("0")
				if sl.RP == nil {
					sl.RP = map[string]*InventoryItem{}
				}
				it := item
				sl.RP[pid] = &it
				lastRP["0"] = pid
			}
			continue
		}
		addSub := func(slot, sub string) {
			sl := slotOf(slot)
			var parent *InventoryItem
			switch {
			case sl.RP != nil && sl.RP[lastRP[slot]] != nil:
				parent = sl.RP[lastRP[slot]]
			case sl.LC != nil && sl.LC[lastLC[slot]] != nil:
				parent = sl.LC[lastLC[slot]]
			default:
				if sl.Other == nil {
					sl.Other = map[string]*InventoryItem{}
				}
				parent = sl.Other[pid]
				if parent == nil {
					parent = &InventoryItem{}
					sl.Other[pid] = parent
				}
			}
			if parent.Subslot == nil {
				parent.Subslot = map[string]map[string]InventoryItem{}
			}
			if parent.Subslot[sub] == nil {
				parent.Subslot[sub] = map[string]InventoryItem{}
			}
			parent.Subslot[sub][pid] = item
		}
		put := func(slot, role string) {
			sl := slotOf(slot)
			it := item
			var mp *map[string]*InventoryItem
			switch role {
			case "rp":
				mp = &sl.RP
				lastRP[slot] = pid
			case "lc":
				mp = &sl.LC
				lastLC[slot] = pid
			default:
				mp = &sl.Other
			}
			if *mp == nil {
				*mp = map[string]*InventoryItem{}
			}
			if old := (*mp)[pid]; old != nil && old.Subslot != nil {
				it.Subslot = old.Subslot
			}
			(*mp)[pid] = &it
		}
		var mm scanM
		switch {
		case matchInvSubslot(name, &mm):
			addSub(mm[1], mm[2])
		case matchInvTrans(name, &mm):
			addSub(mm[1], mm[2])
		case matchInvStack(name, &mm):
			addSub(mm[1], mm[2])
		case matchInvModem(name, &mm):
			addSub(mm[1], mm[2])
		case strings.HasPrefix(name, "Power Supply Module "):
			put("P"+strings.TrimPrefix(name, "Power Supply Module "), "other")
		case matchInvSlotName(name):
			put(strings.ReplaceAll(name, " ", "_"), "other")
		case matchInvSwitch(name, &mm):
			slot := mm[1]
			role := "other"
			switch {
			case strings.HasPrefix(slot, "R"):
				role = "rp"
			case strings.HasPrefix(strings.ToLower(name), "module"):
				if !strings.Contains(descr, "Forwarding Processor") && !strings.Contains(pid, "-ESP") {
					role = "lc"
				}
			case name == "Switch "+slot && strings.HasPrefix(pid, "WS-C"):
				role = "rp"
			}
			put(slot, role)
		case name == "Supervisor":
			main().Items["supervisor"] = map[string]InventoryItem{pid: item}
		case name == "Expansion Module":
			main().Items["expansion_module"] = map[string]InventoryItem{pid: item}
		case strings.HasSuffix(name, " Stack"):
			// the stack summary entry repeats its members
		default:
			mi := main().Items
			if mi[name] == nil {
				mi[name] = map[string]InventoryItem{}
			}
			mi[name][pid] = item
		}
	}
	if res.Main == nil && res.Slot == nil {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowInventory", []string{"show inventory"}, parseShowInventory)
}

// invNameLine splits `NAME: "x", DESCR: "y"`.
func invNameLine(l string) (name, descr string, ok bool) {
	rest, ok := strings.CutPrefix(l, "NAME:")
	if !ok {
		return "", "", false
	}
	rest = strings.TrimLeft(rest, " ")
	i := strings.Index(rest, "DESCR:")
	if i < 0 || len(rest) < 2 || rest[0] != '"' || !strings.HasSuffix(rest, `"`) {
		return "", "", false
	}
	n := strings.TrimRight(rest[:i], " ")
	n = strings.TrimSuffix(n, ",")
	if len(n) < 2 || n[len(n)-1] != '"' {
		return "", "", false
	}
	d := strings.TrimLeft(rest[i+len("DESCR:"):], " ")
	if len(d) < 2 || d[0] != '"' {
		return "", "", false
	}
	return n[1 : len(n)-1], d[1 : len(d)-1], true
}

// invPIDLine splits `PID: x , VID: y , SN: z` (any field may be blank).
func invPIDLine(l string) (pid, vid, sn string, ok bool) {
	rest, ok := strings.CutPrefix(l, "PID:")
	if !ok {
		return "", "", "", false
	}
	iv := lastIndexLit(rest, "VID:")
	if iv < 0 {
		return "", "", "", false
	}
	is := lastIndexLit(rest, "SN:")
	if is < iv {
		return "", "", "", false
	}
	pid = trimLine(trimRightComma(trimLine(rest[:iv])))
	vid = trimLine(trimRightComma(trimLine(rest[iv+4 : is])))
	sn = trimLine(rest[is+3:])
	return pid, vid, sn, true
}

// lastIndexLit is strings.LastIndex(s, t) for a non-empty t: it looks for
// t's first byte from the end instead of hashing every window.
func lastIndexLit(s, t string) int {
	for end := len(s) - len(t); end >= 0; {
		i := strings.LastIndexByte(s[:end+1], t[0])
		if i < 0 {
			return -1
		}
		if s[i:i+len(t)] == t {
			return i
		}
		end = i - 1
	}
	return -1
}

// trimRightComma is strings.TrimRight(s, ",").
func trimRightComma(s string) string {
	for len(s) > 0 && s[len(s)-1] == ',' {
		s = s[:len(s)-1]
	}
	return s
}
